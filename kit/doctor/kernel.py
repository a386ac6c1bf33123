"""Does a notebook kernel start here, and does it see the kit?

JupyterLab opens the challenges with the ``python3`` kernel. The check starts that kernel the
way JupyterLab does (jupyter_client, from its kernelspec), runs the imports every notebook's
first cell needs, and shuts it down at once. The kernel runs in an empty temporary folder, as a
notebook in ``challenges/<track>/`` would: from the kit's root, ``import kit`` would find the
source folder even in a Python where the kit is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from kit.doctor.fixes import kit_root, pip_install, python
from kit.doctor.result import Check
from kit.i18n import messages

__all__ = ["KERNEL", "PROBE", "TIMEOUT", "kernel_python", "kernel_starts"]

#: The kernel the challenge notebooks ask for (their ``kernelspec.name``).
KERNEL = "python3"
#: What the first cell of every notebook imports.
PROBE = "import kit, pandas, matplotlib"
#: Seconds to wait for the kernel to answer and run the probe; a first start may build
#: matplotlib's font cache (about 6 s), a slow laptop takes a few times that.
TIMEOUT = 60.0

MSG = messages(
    "doctor.kernel",
    {
        "name": ("Kernel de Jupyter", "Jupyter kernel"),
        "ok": (
            "`{kernel}` arrancó y ejecutó `{probe}` en {seconds:.1f} s ({python})",
            "`{kernel}` started and ran `{probe}` in {seconds:.1f} s ({python})",
        ),
        "no_kernel": (
            "Jupyter no tiene un kernel `{kernel}` (carpetas: {folders})",
            "Jupyter has no `{kernel}` kernel (folders: {folders})",
        ),
        "no_start": (
            "`{kernel}` no arrancó ({python}): {error}",
            "`{kernel}` did not start ({python}): {error}",
        ),
        "timeout": ("no respondió en {seconds:.0f} s", "no answer within {seconds:.0f} s"),
        "import_failed": (
            "`{kernel}` arrancó pero `{probe}` falló: {error}",
            "`{kernel}` started but `{probe}` failed: {error}",
        ),
        "other_python": (
            "`{kernel}` arrancó pero usa otro Python ({python}), no el del kit ({ours}), y ahí "
            "`{probe}` falla: {error}",
            "`{kernel}` started but runs another Python ({python}), not the kit's ({ours}), "
            "where `{probe}` fails: {error}",
        ),
    },
)


def kernel_starts(kernel: str = KERNEL, timeout: float = TIMEOUT) -> Check:
    """Start ``kernel``, run :data:`PROBE` in it, shut it down; say how long it took."""
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    name = MSG["name"].get()
    specs = KernelSpecManager()
    try:
        spec = specs.get_kernel_spec(kernel)
    except NoSuchKernel:
        folders = ", ".join(specs.kernel_dirs)
        return Check(
            name, False, MSG["no_kernel"].format(kernel=kernel, folders=folders), _install()
        )
    runs = kernel_python(spec.argv)
    started = time.perf_counter()
    try:
        reply = _run_probe(kernel, timeout)
    except (RuntimeError, TimeoutError, OSError) as error:
        why = MSG["timeout"].format(seconds=timeout) if isinstance(error, TimeoutError) else error
        detail = MSG["no_start"].format(kernel=kernel, python=runs, error=why)
        return Check(name, False, detail, f"{pip_install('ipykernel>=6.29')}\n{_install()}")
    seconds = time.perf_counter() - started
    if reply.get("status") == "ok":
        detail = MSG["ok"].format(kernel=kernel, probe=PROBE, seconds=seconds, python=runs)
        return Check(name, True, detail)
    error = f"{reply.get('ename', '?')}: {reply.get('evalue', '')}".strip()
    if not _same_environment(runs, sys.executable):
        detail = MSG["other_python"].format(
            kernel=kernel, python=runs, ours=sys.executable, probe=PROBE, error=error
        )
        return Check(name, False, detail, _install())
    detail = MSG["import_failed"].format(kernel=kernel, probe=PROBE, error=error)
    return Check(name, False, detail, pip_install(kit_root(), options="-e"))


def kernel_python(argv: list[str]) -> str:
    """The Python a kernelspec runs (jupyter_client swaps a bare ``python`` for its own)."""
    if not argv:
        return "?"
    bare = {"python", f"python{sys.version_info[0]}", "python{}.{}".format(*sys.version_info[:2])}
    if argv[0] in bare:
        return sys.executable
    return shutil.which(argv[0]) or argv[0]


def _same_environment(one: str, other: str) -> bool:
    """Two interpreters of one environment share its scripts folder (``python``, ``python3``)."""
    return Path(os.path.abspath(one)).parent == Path(os.path.abspath(other)).parent


def _install() -> str:
    """Install this environment's kernel as ``python3`` where Jupyter looks first."""
    from jupyter_core.paths import prefer_environment_over_user

    where = "--sys-prefix" if prefer_environment_over_user() else "--user"
    return f"{python()} -m ipykernel install {where}"


def _run_probe(kernel: str, timeout: float) -> dict[str, Any]:
    """Run :data:`PROBE` in a fresh ``kernel``; the execute reply's content.

    Raises RuntimeError when the kernel dies (with the last line it wrote to stderr, which says
    why), TimeoutError when it does not answer or the probe overruns.
    """
    from jupyter_client.manager import KernelManager

    deadline = time.monotonic() + timeout
    manager = KernelManager(kernel_name=kernel)
    client = None
    with tempfile.TemporaryDirectory() as folder, tempfile.TemporaryFile("w+") as stderr:
        try:
            manager.start_kernel(cwd=folder, stdout=subprocess.DEVNULL, stderr=stderr)
            client = manager.blocking_client()
            client.start_channels()
            try:
                client.wait_for_ready(timeout=timeout)
            except RuntimeError as error:
                if manager.is_alive():
                    raise TimeoutError(str(error)) from error
                raise RuntimeError(_last_line(stderr) or str(error)) from error
            reply = client.execute_interactive(
                PROBE,
                store_history=False,
                timeout=max(deadline - time.monotonic(), 1),
                output_hook=lambda message: None,
            )
            return dict(reply["content"])
        finally:
            if client is not None:
                client.stop_channels()
            if manager.has_kernel:
                manager.shutdown_kernel(now=True)


def _last_line(stream: Any) -> str:
    stream.flush()
    stream.seek(0)
    lines = [line.strip() for line in stream.read().splitlines() if line.strip()]
    return lines[-1][-200:] if lines else ""
