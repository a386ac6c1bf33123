"""Imported once by the kernel fork server: what every notebook would import anyway."""

import os

# Forked kernels must draw inline, as a kernel started by Jupyter does.
os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")

import ipykernel.kernelapp  # noqa: F401
import IPython  # noqa: F401
import matplotlib
import matplotlib.pyplot  # noqa: F401
import numpy  # noqa: F401
import pandas  # noqa: F401
import seaborn  # noqa: F401

import kit
import kit.check
import kit.plotting  # noqa: F401
