"""A pytest plugin for kit validate's nbval run: sessions get forked kernels too.

nbval starts each notebook's kernel with jupyter_client's blocking ``KernelManager``, a new
interpreter that imports the stack again (about 2 s a session). Loaded with
``-p kit.organizer.nbval_kernels``, this plugin gives nbval the forking manager
(:mod:`kit.organizer.kernels`): every session still gets its own new process, forked from a
zygote that has only imported modules. Where fork is unavailable nothing changes. Like the
``kit`` command, it keeps jsonschema from compiling an unused grammar (2 s at start).
"""

from __future__ import annotations

import pytest

from kit.cli import skip_slow_optional_imports

# Loaded with -p, before the plugins that import nbformat (and with it jsonschema); this
# module sits outside kit.organizer.validate, whose package imports nbformat.
skip_slow_optional_imports()


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("nbval", default=False):
        return
    from kit.organizer.kernels import (
        ForkingBlockingKernelManager,
        fork_available,
        start_fork_server_soon,
    )

    if fork_available():
        import nbval.kernel

        nbval.kernel.KernelManager = ForkingBlockingKernelManager
        start_fork_server_soon()
