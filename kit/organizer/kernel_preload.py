"""Imported once by the kernel zygote: the modules every notebook would import anyway.

Only modules: no data is loaded here, so a forked kernel starts exactly as a new kernel would
after its imports. ipywidgets is left out on purpose: it registers its comm target when first
imported inside a running kernel.
"""

# ruff: noqa: E402  (pandas must be imported first, under the kernel answer below)
import builtins
import os
import types

# Forked kernels must draw inline, as a kernel started by Jupyter does.
os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")

# pandas picks its display defaults when imported: in a terminal it fits tables to the screen
# (display.max_columns 0), in a Jupyter kernel it shows up to 20 columns. It asks IPython's
# get_ipython() whether it runs in a kernel; answer as a kernel would while pandas is imported.
builtins.get_ipython = lambda: types.SimpleNamespace(kernel=True)  # type: ignore[attr-defined]
try:
    import pandas  # noqa: F401
finally:
    del builtins.get_ipython  # type: ignore[attr-defined]

import ipykernel.kernelapp  # noqa: F401
import IPython  # noqa: F401
import matplotlib
import matplotlib.pyplot  # noqa: F401
import numpy  # noqa: F401
import seaborn  # noqa: F401

import kit
import kit.care.load
import kit.care.tasks
import kit.cdmx.exposure
import kit.cdmx.load
import kit.cdmx.tasks
import kit.check
import kit.declarations.load
import kit.declarations.tasks
import kit.plotting
import kit.procurement
import kit.procurement.tasks
import kit.sanctions.load
import kit.sanctions.tasks
import kit.tutorial
import kit.welcome  # noqa: F401
