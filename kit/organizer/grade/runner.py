"""Inside the sandbox: run one prepared notebook in a fresh kernel, with limits, and save it.

``python -m kit.organizer.grade.runner SPEC.json`` is what the grader starts inside ``bwrap``
(or, with ``--unsafe``, directly). It first gives up what it does not need: root's identity when
the sandbox was started by root (so the process limit applies), then sets the resource limits
that every process it starts inherits (CPU time, memory, processes, file size). Then it executes
the notebook with nbclient, a per-cell timeout and a cap on the output kept, and writes the
executed notebook and a status file. Everything it writes is read by the grader as untrusted
data: participant code runs beside it and could overwrite any of it. Grades never depend on it.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import resource
import signal
import sys
from pathlib import Path
from typing import Any

__all__ = ["main"]


def _drop_root(uid: int) -> None:
    """Become an unprivileged user: RLIMIT_NPROC does not bind root."""
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)


def _limit(spec: dict[str, Any]) -> None:
    limits = {
        resource.RLIMIT_CPU: spec["cpu_seconds"],
        resource.RLIMIT_AS: spec["memory_bytes"],
        resource.RLIMIT_NPROC: spec["processes"],
        resource.RLIMIT_FSIZE: spec["file_bytes"],
        resource.RLIMIT_CORE: 0,
    }
    for kind, value in limits.items():
        if value is not None:
            resource.setrlimit(kind, (value, value))


def _write_status(out: Path, status: dict[str, Any]) -> None:
    partial = out / "status.partial"
    partial.write_text(json.dumps(status), encoding="utf-8")
    os.replace(partial, out / "status.json")


def main(argv: list[str] | None = None) -> int:
    spec = json.loads(Path((argv or sys.argv[1:])[0]).read_text(encoding="utf-8"))
    if spec.get("uid") is not None and os.getuid() == 0:
        _drop_root(spec["uid"])
    _limit(spec)
    out = Path(spec["out"])
    for key, value in spec["env"].items():
        os.environ[key] = value
    os.chdir(spec["cwd"])

    from kit.cli import skip_slow_optional_imports

    skip_slow_optional_imports()
    import nbformat

    nb = nbformat.read(spec["notebook"], as_version=4)
    status: dict[str, Any] = {"events": [], "executed": 0, "finished": False}
    _write_status(out, status)
    client = _client(nb, spec, status, out)
    try:
        client.execute(cwd=spec["cwd"])
        status["finished"] = True
    except Exception as error:  # a dead kernel, a failed start: recorded, the grader decides
        status["events"].append({"kind": type(error).__name__, "detail": str(error)[:300]})
    finally:
        nbformat.write(nb, out / "executed.ipynb")
        mine, kernel = (
            resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
        )
        status["cpu"] = {"runner": mine.ru_utime + mine.ru_stime,
                         "kernel": kernel.ru_utime + kernel.ru_stime}  # fmt: skip
        _write_status(out, status)
    return 0


def _client(nb, spec: dict[str, Any], status: dict[str, Any], out: Path):
    from nbclient import NotebookClient
    from nbclient.exceptions import DeadKernelError

    class LimitedClient(NotebookClient):
        """nbclient with a cap on the output kept (a cell printing 1 GB must not fill memory)."""

        kept = 0
        truncated = False
        killing = False
        stopping: asyncio.Future | None = None

        def output(self, outs, msg, display_id, cell_index):
            size = _size(msg.get("content", {}))
            self.kept += size
            if self.kept <= spec["output_bytes"]:
                return super().output(outs, msg, display_id, cell_index)
            if not self.truncated:
                self.truncated = True
                status["events"].append({"kind": "output_limit", "cell": cell_index})
                outs.append(nbformat_stream(spec["output_bytes"]))
            elif self.kept > _FLOOD_FACTOR * spec["output_bytes"] and not self.killing:
                self.killing = True  # interrupted and still flooding: stop the kernel for good
                status["events"].append({"kind": "flood_killed", "cell": cell_index})
                self.stopping = asyncio.ensure_future(self._kill())
            return None

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.interrupted: set[int | None] = set()

        async def _kill(self) -> None:
            with contextlib.suppress(Exception):
                await self.km.shutdown_kernel(now=True)

        async def async_execute_cell(self, cell, cell_index, *args, **kwargs):
            self.truncated = False
            try:
                return await super().async_execute_cell(cell, cell_index, *args, **kwargs)
            finally:
                status["executed"] = cell_index + 1
                _write_status(out, status)

        async def _async_handle_timeout(self, timeout, cell=None):
            """Interrupt at the first timeout (nbclient's way); kill the kernel if the cell is
            still running at the second (nbclient would otherwise interrupt it forever)."""
            index = self._cell_index(cell)
            if index in self.interrupted:
                status["events"].append({"kind": "interrupt_ignored", "cell": index})
                await self._kill()
                raise DeadKernelError("the kernel ignored the interrupt and was stopped")
            self.interrupted.add(index)
            status["events"].append({"kind": "timeout", "cell": index})
            return await super()._async_handle_timeout(timeout, cell)

        def _cell_index(self, cell) -> int | None:
            for index, candidate in enumerate(self.nb.cells):
                if candidate is cell:
                    return index
            return None

    return LimitedClient(
        nb,
        timeout=spec["cell_timeout"],
        kernel_name="python3",
        extra_arguments=["--HistoryManager.enabled=False"],  # no history database to write
        allow_errors=True,
        interrupt_on_timeout=True,
        record_timing=False,
        shutdown_kernel="immediate",  # the sandbox ends with the runner anyway
        startup_timeout=spec.get("startup_timeout", 60),
        resources={"metadata": {"path": spec["cwd"]}},
    )


#: Output past this many times the cap means a flood: the kernel is stopped. (Interrupting at
#: the cap would be racy: the interrupt may land in the next cell, after a single big print.)
_FLOOD_FACTOR = 8


def nbformat_stream(limit: int):
    from nbformat.v4 import new_output

    text = (
        f"\n[kit grade: salida recortada a {limit // 1024} KB · output cut at {limit // 1024} KB]\n"
    )
    return new_output("stream", name="stdout", text=text)


def _size(content: dict[str, Any]) -> int:
    """Roughly the bytes an output adds to the notebook (without serialising it)."""
    total = 0
    for key in ("text", "data", "traceback", "evalue"):
        value = content.get(key)
        if isinstance(value, str):
            total += len(value)
        elif isinstance(value, dict):
            total += sum(len(v) if isinstance(v, str) else 64 for v in value.values())
        elif isinstance(value, list):
            total += sum(len(v) if isinstance(v, str) else 64 for v in value)
    return total + 64


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    sys.exit(main())
