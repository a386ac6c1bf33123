"""Running one prepared notebook in its sandbox and collecting what it left behind.

The grader copies the team's folder (and nothing else) into a fresh scratch folder, writes the
prepared notebook and the runner's settings there, starts the sandbox and waits at most the
notebook's wall-clock budget, then kills the whole sandbox. What comes back (the executed
notebook, recorded answers, the runner's status) was writable by participant code, so it is read
with size limits and treated as data.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from kit.organizer.grade.sandbox import Limits, Sandbox

__all__ = ["Run", "read_inside", "run_in_sandbox"]

#: Executed notebooks bigger than this are not read back (outputs are capped well below it).
MAX_EXECUTED_BYTES = 64 * 1024**2
#: A team folder bigger than this is not copied in full (notebooks always are).
MAX_FOLDER_BYTES = 200 * 1024**2

_INSIDE = Path("/grading")


@dataclass
class Run:
    """What one sandboxed run produced (all of it untrusted except the timings and kill)."""

    answers: Path
    executed: NotebookNode | None
    status: dict
    returncode: int | None
    killed: bool
    seconds: float
    scratch: Path
    problems: list[str] = field(default_factory=list)

    def read(self, relative: str, limit: int) -> bytes | None:
        """A file the run left, or None (missing, too big, or not a plain file)."""
        return read_inside(self.scratch, relative, limit)

    def cleanup(self) -> None:
        shutil.rmtree(self.scratch, ignore_errors=True)  # rmtree never follows symlinks


def read_inside(root: Path, relative: str, limit: int) -> bytes | None:
    """Read ``root/relative`` without following any symlink the sandbox may have planted.

    Every folder on the way is opened with ``O_NOFOLLOW`` relative to the previous one, so a
    link from the scratch folder to a file of the organizer's is never read.
    """
    parts = Path(relative).parts
    flags = os.O_RDONLY | os.O_NOFOLLOW
    fd = os.open(root, flags | os.O_DIRECTORY)
    try:
        for part in parts[:-1]:
            child = os.open(part, flags | os.O_DIRECTORY, dir_fd=fd)
            os.close(fd)
            fd = child
        leaf = os.open(parts[-1], flags | os.O_NONBLOCK, dir_fd=fd)
    except OSError:
        os.close(fd)
        return None
    os.close(fd)
    with os.fdopen(leaf, "rb") as file:
        info = os.fstat(file.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        return file.read(limit + 1)[:limit]


def run_in_sandbox(
    nb: NotebookNode,
    team_folder: Path,
    sandbox: Sandbox,
    limits: Limits,
    slot: int,
    scratch_root: Path | None = None,
    cache: Path | None = None,
) -> Run:
    """Execute ``nb`` with ``team_folder``'s files beside it; return what it left."""
    scratch = Path(tempfile.mkdtemp(prefix="kit-grade-", dir=scratch_root))
    work = scratch / "work"
    out = scratch / "out"
    _copy_team_folder(team_folder, work)
    _copy_font_cache(cache, scratch / "matplotlib")
    out.mkdir()
    (out / "answers").mkdir()
    inside = _INSIDE if sandbox.isolated else scratch
    notebook_name = "_graded.ipynb"
    nbformat.write(nb, work / notebook_name)
    environment = _environment(inside, sandbox, cache)
    spec = {
        "notebook": str(inside / "work" / notebook_name),
        "out": str(inside / "out"),
        "cwd": str(inside / "work"),
        "uid": sandbox.runner_uid(slot),
        "cell_timeout": limits.cell_timeout,
        "cpu_seconds": limits.cpu_seconds,
        "memory_bytes": limits.memory_bytes,
        "processes": limits.processes,
        "file_bytes": limits.file_bytes,
        "output_bytes": limits.output_bytes,
        "env": environment,
    }
    (scratch / "spec.json").write_text(json.dumps(spec), encoding="utf-8")
    uid = sandbox.runner_uid(slot)
    if uid is not None:  # the runner drops root inside; it must own its scratch folder
        _chown_tree(scratch, uid)
        scratch.chmod(0o711)  # bwrap enters it before the drop, without root's override
    command = sandbox.command(
        ["-m", "kit.organizer.grade.runner", str(inside / "spec.json")], scratch, slot, cache
    )
    started = time.monotonic()
    killed = False
    with open(scratch / "runner.log", "wb") as log:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,
            env=environment | {"PATH": os.environ.get("PATH", "")},
        )
        try:
            process.wait(timeout=limits.notebook_timeout)
        except subprocess.TimeoutExpired:
            killed = True
            _kill(process)
    seconds = time.monotonic() - started
    return Run(
        answers=out / "answers",
        executed=_read_executed(read_inside(scratch, "out/executed.ipynb", MAX_EXECUTED_BYTES)),
        status=_read_status(read_inside(scratch, "out/status.json", 1024**2)),
        returncode=process.returncode,
        killed=killed,
        seconds=seconds,
        scratch=scratch,
    )


def _environment(inside: Path, sandbox: Sandbox, cache: Path | None) -> dict[str, str]:
    """The kernel's environment: nothing of the organizer's (tokens, paths) leaks in."""
    home = "/home" if sandbox.isolated else str(inside / "home")
    tmp = "/tmp" if sandbox.isolated else str(inside / "tmp")
    env = {
        "HOME": home,
        "TMPDIR": tmp,
        "LANG": "C.UTF-8",
        "KIT_GRADE_ANSWERS": str(inside / "out" / "answers"),
        "MPLBACKEND": "Agg",
        "MPLCONFIGDIR": str(inside / "matplotlib"),
        "IPYTHONDIR": f"{tmp}/ipython",
        "JUPYTER_RUNTIME_DIR": f"{tmp}/jupyter",
        "JUPYTER_PLATFORM_DIRS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    if cache is not None:
        env["KIT_CACHE"] = "/kit-cache" if sandbox.isolated else str(cache)
    return env


def build_font_cache(cache: Path) -> None:
    """Matplotlib's font list, built once: each fresh sandbox would spend ~0.4 s rebuilding it."""
    folder = cache / "matplotlib"
    folder.mkdir(parents=True, exist_ok=True)
    env = os.environ | {"MPLCONFIGDIR": str(folder), "MPLBACKEND": "Agg"}
    subprocess.run(
        [sys.executable, "-I", "-c", "import matplotlib.font_manager"],
        env=env, capture_output=True, timeout=120, check=False,
    )  # fmt: skip


def _copy_font_cache(cache: Path | None, target: Path) -> None:
    target.mkdir()
    source = cache / "matplotlib" if cache else None
    if source and source.is_dir():
        for file in source.glob("fontlist-*.json"):
            shutil.copyfile(file, target / file.name)


def _copy_team_folder(folder: Path, work: Path) -> None:
    """The team's files: notebooks always, other files while they fit in the size limit."""
    work.mkdir(parents=True)
    budget = MAX_FOLDER_BYTES
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        size = path.stat().st_size
        if path.suffix != ".ipynb":
            if size > budget:
                continue
            budget -= size
        target = work / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def _chown_tree(root: Path, uid: int) -> None:
    for folder, _dirs, files in os.walk(root):
        os.chown(folder, uid, uid)
        for name in files:
            os.chown(os.path.join(folder, name), uid, uid)


def _kill(process: subprocess.Popen) -> None:
    """Kill the sandbox: bwrap's PID namespace takes every process inside with it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()
    process.wait()


def _read_executed(data: bytes | None) -> NotebookNode | None:
    try:
        return nbformat.reads(data.decode("utf-8"), as_version=4) if data else None
    except Exception:  # anything the sandbox left there is only a best effort
        return None


def _read_status(data: bytes | None) -> dict:
    try:
        status = json.loads(data) if data else {}
        return status if isinstance(status, dict) else {}
    except Exception:
        return {}
