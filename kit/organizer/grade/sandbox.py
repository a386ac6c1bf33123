"""Where participant code runs: a bubblewrap sandbox per notebook, or nowhere.

Each graded notebook gets its own ``bwrap`` (Debian's ``bubblewrap``): new user, PID, network,
IPC and UTS namespaces (so no network and no view of other processes), a read-only view of the
system and of the Python environment, the ``kit`` package and the sample data, a private
``/tmp`` and home of limited size, and write access to one scratch folder holding a copy of that
submission only. The organizer's checkout (``solutions/``), the gradebook and the other
submissions are simply not in its file system. Inside, :mod:`kit.organizer.grade.runner` drops
root (if bwrap was started by root) and sets CPU, memory, process and file-size limits before the
kernel starts. The grader also kills the whole sandbox when a notebook overruns its wall-clock
budget.

Without bwrap there is no sandbox: the grader refuses unless told ``--unsafe``, and
:class:`Unsandboxed` then runs the same runner with the same resource limits but full access.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import kit
from kit.i18n import messages

__all__ = ["Bubblewrap", "Limits", "Sandbox", "Unsandboxed", "find_sandbox", "sandbox_status"]

MSG = messages(
    "sandbox",
    {
        "no_bwrap": (
            "no encuentro `bwrap` (paquete bubblewrap). Instálalo: `sudo apt install bubblewrap`.",
            "`bwrap` (package bubblewrap) was not found. Install it: "
            "`sudo apt install bubblewrap`.",
        ),
        "not_linux": (
            "el sandbox usa bubblewrap, que solo existe en Linux.",
            "the sandbox uses bubblewrap, which exists on Linux only.",
        ),
        "broken": (
            "`bwrap` está instalado pero no puede crear el sandbox ({error}). ¿Están desactivados "
            "los espacios de nombres de usuario? Prueba `sysctl kernel.unprivileged_userns_clone`.",
            "`bwrap` is installed but cannot create the sandbox ({error}). Are user namespaces "
            "disabled? Check `sysctl kernel.unprivileged_userns_clone`.",
        ),
        "ok": (
            "bubblewrap {version}: sin red, sistema de solo lectura, límites de recursos",
            "bubblewrap {version}: no network, read-only system, resource limits",
        ),
    },
)

#: The unprivileged identity sandboxed code runs as when the grader itself runs as root; one
#: user per concurrent sandbox, so one submission's processes never count against another's.
ROOT_DROP_UID = 61000


@dataclass(frozen=True)
class Limits:
    """What one notebook may use. Defaults suit the bundled tracks on a modest laptop."""

    cell_timeout: float = 60
    notebook_timeout: float = 600
    cpu_seconds: int = 600
    memory_bytes: int = 4 * 1024**3
    processes: int = 256
    file_bytes: int = 64 * 1024**2
    output_bytes: int = 2 * 1024**2
    tmp_bytes: int = 256 * 1024**2


class Sandbox:
    """How to start the runner for one notebook."""

    name = "none"
    isolated = False

    def command(
        self, runner_args: list[str], scratch: Path, slot: int, cache: Path | None = None
    ) -> list[str]:
        """The command line that runs ``python -I <runner_args>`` for one notebook."""
        raise NotImplementedError

    def runner_uid(self, slot: int) -> int | None:
        """The user the runner becomes inside (None: stay as started)."""
        return None


class Unsandboxed(Sandbox):
    """No isolation: the runner with resource limits only (``kit grade --unsafe``)."""

    name = "unsafe"

    def command(
        self, runner_args: list[str], scratch: Path, slot: int, cache: Path | None = None
    ) -> list[str]:
        return [sys.executable, "-I", *runner_args]


class Bubblewrap(Sandbox):
    """One bwrap sandbox per notebook."""

    name = "bwrap"
    isolated = True

    def __init__(self, executable: str, limits: Limits) -> None:
        self.executable = executable
        self.limits = limits

    @property
    def as_root(self) -> bool:
        return os.geteuid() == 0

    def runner_uid(self, slot: int) -> int | None:
        return ROOT_DROP_UID + slot if self.as_root else None

    def command(
        self, runner_args: list[str], scratch: Path, slot: int, cache: Path | None = None
    ) -> list[str]:
        args = [self.executable, "--die-with-parent", "--new-session", *_NAMESPACES]
        args += ["--hostname", "sandbox", "--clearenv", "--setenv", "PATH", _PATH]
        if self.as_root:  # privileged bwrap keeps every capability unless told otherwise
            args += ["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"]
        else:  # an unprivileged user gets its namespaces from a user namespace of its own
            args += ["--unshare-user", "--disable-userns"]
        for path in _system_paths():
            args += ["--ro-bind-try", path, path]
        args += ["--proc", "/proc", "--dev", "/dev"]
        # the private /tmp and /home first: the environment may live under them (a checkout in
        # /tmp, a venv in ~), and a later mount would hide it
        args += ["--perms", "1777", "--size", str(self.limits.tmp_bytes), "--tmpfs", "/tmp"]
        args += ["--perms", "1777", "--size", str(self.limits.tmp_bytes), "--tmpfs", "/home"]
        for folder in _ancestors(_python_paths()):  # bwrap would make them root-only (0700)
            args += ["--perms", "0755", "--dir", folder]
        for path in _python_paths():
            args += ["--ro-bind", path, path]
        if cache is not None:  # parsed sample data, read-only: nothing to write there
            args += ["--ro-bind", str(cache), "/kit-cache"]
        args += ["--bind", str(scratch), "/grading", "--chdir", "/grading"]
        return [*args, sys.executable, "-I", *runner_args]


_PATH = "/usr/local/bin:/usr/bin:/bin"
_NAMESPACES = ["--unshare-pid", "--unshare-net", "--unshare-ipc", "--unshare-uts",
               "--unshare-cgroup-try"]  # fmt: skip


def _system_paths() -> list[str]:
    """The operating system, read-only; /etc only in the parts programs need (no secrets)."""
    paths = ["/usr", "/bin", "/sbin", "/lib", "/lib64", "/lib32", "/libx32"]
    etc = ["localtime", "passwd", "group", "nsswitch.conf", "hosts", "ld.so.cache", "ld.so.conf",
           "ld.so.conf.d", "fonts", "ssl/certs", "mime.types", "alternatives"]  # fmt: skip
    return paths + [f"/etc/{name}" for name in etc]


def _ancestors(paths: list[str]) -> list[str]:
    """The folders above ``paths``, outermost first."""
    above = {str(parent) for path in paths for parent in Path(path).parents if str(parent) != "/"}
    return sorted(above, key=lambda folder: (folder.count(os.sep), folder))


@functools.cache
def _python_paths() -> list[str]:
    """This Python, its environment and the kit package (an editable install lives elsewhere)."""
    import sysconfig

    candidates = {sys.base_prefix, sys.prefix, sysconfig.get_paths()["purelib"]}
    candidates.add(str(Path(kit.__file__).resolve().parent))
    executable = Path(sys.executable).resolve()
    candidates.add(str(executable.parent.parent))
    usable = sorted(path for path in candidates if path and Path(path).exists())
    # bind the outermost folders only (a nested bind would be hidden or duplicated)
    outer = [p for p in usable if not any(p != q and p.startswith(q + os.sep) for q in usable)]
    return [p for p in outer if p not in ("/usr", "/")]


def sandbox_status() -> tuple[bool, str]:
    """Whether bwrap works here, and a sentence saying so (for ``kit doctor``)."""
    if not sys.platform.startswith("linux"):
        return False, MSG["not_linux"].get()
    executable = shutil.which("bwrap")
    if executable is None:
        return False, MSG["no_bwrap"].get()
    probe = Bubblewrap(executable, Limits())
    with tempfile.TemporaryDirectory() as scratch:
        Path(scratch).chmod(0o711)
        command = [*probe.command([], Path(scratch), 0)[:-2], sys.executable, "-c", "pass"]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as error:
            return False, MSG["broken"].format(error=error)
    if done.returncode != 0:
        return False, MSG["broken"].format(error=done.stderr.strip()[-200:] or done.returncode)
    version = subprocess.run([executable, "--version"], capture_output=True, text=True).stdout
    return True, MSG["ok"].format(version=version.split()[-1] if version else "?")


def find_sandbox(limits: Limits, *, unsafe: bool = False) -> Sandbox:
    """bwrap when it works; :class:`Unsandboxed` only when ``unsafe`` (else SandboxUnavailable)."""
    from kit.errors import SandboxUnavailable

    works, why = sandbox_status()
    if works:
        return Bubblewrap(shutil.which("bwrap") or "bwrap", limits)
    if unsafe:
        return Unsandboxed()
    raise SandboxUnavailable(why)
