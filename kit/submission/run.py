"""Run a team's notebooks as a judge would: each in a fresh kernel, top to bottom.

A notebook that only works after cells were run out of order, or with variables left in a long
session, fails here and not in front of the jury. Each notebook runs with nbclient in its own
new kernel process (forked from a preloaded zygote where the system allows, as ``kit validate``
does), in its own folder, with a per-cell timeout; the files on disk are never modified.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from kit.i18n import messages
from kit.submission.errors import BrokenRule

__all__ = ["NotebookRun", "broken_runs", "run_notebooks"]

MAX_ERROR = 300

MSG = messages(
    "submission_run",
    {
        "failed_cell": (
            "{notebook}: falla en la celda {cell} ({line}): {error}. Reinicia el kernel y "
            "ejecuta todo (Kernel → Restart Kernel and Run All Cells) para verlo y corregirlo.",
            "{notebook}: cell {cell} ({line}) fails: {error}. Restart the kernel and run all "
            "cells (Kernel → Restart Kernel and Run All Cells) to see it and fix it.",
        ),
        "failed": (
            "{notebook}: no se pudo ejecutar de principio a fin: {error}.",
            "{notebook}: could not run from top to bottom: {error}.",
        ),
    },
)


@dataclass(frozen=True)
class NotebookRun:
    """How one notebook ran; ``cell`` counts every cell from 1, markdown included."""

    name: str
    seconds: float
    error: str | None = None
    cell: int | None = None
    line: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None


def run_notebooks(
    folder: Path,
    names: Sequence[str],
    *,
    timeout: float = 120,
    fast: bool = True,
    workers: int | None = None,
    on_done: Callable[[NotebookRun], None] | None = None,
) -> list[NotebookRun]:
    """Run ``folder/<name>`` for each name (several at once), in the order of ``names``."""
    from kit.organizer.kernels import kernel_manager_class

    km_class = kernel_manager_class(fast)
    workers = workers or min(len(names), (os.cpu_count() or 1) + 1) or 1

    def one(name: str) -> NotebookRun:
        result = _run(folder / name, name, timeout, km_class)
        if on_done:
            on_done(result)
        return result

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, names))


def _run(path: Path, name: str, timeout: float, km_class: type) -> NotebookRun:
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    start = time.perf_counter()
    try:
        nb = nbformat.read(path, as_version=4)
    except Exception as error:  # not JSON, not a notebook: the rule is broken, the pack goes on
        return NotebookRun(name, 0.0, _short(f"{type(error).__name__}: {error}"))
    current: dict[str, int] = {}
    client = NotebookClient(
        nb,
        timeout=timeout,
        startup_timeout=60,
        kernel_name="python3",
        kernel_manager_class=km_class,
        shutdown_kernel="immediate",
        resources={"metadata": {"path": str(path.parent)}},
        on_cell_execute=lambda cell, cell_index: current.update(index=cell_index),
    )
    error = None
    try:
        client.execute()
    except CellExecutionError as failure:
        error = f"{failure.ename}: {failure.evalue}"
    except Exception as failure:  # timeouts, dead kernels: this notebook's problem only
        error = f"{type(failure).__name__}: {failure}"
    seconds = time.perf_counter() - start
    if error is None:
        return NotebookRun(name, seconds)
    index = current.get("index")
    if index is None:
        return NotebookRun(name, seconds, _short(error))
    first = next((ln.strip() for ln in nb.cells[index].source.splitlines() if ln.strip()), "")
    return NotebookRun(name, seconds, _short(error), index + 1, first[:60])


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_ERROR else text[: MAX_ERROR - 1] + "…"


def broken_runs(runs: Sequence[NotebookRun]) -> list[BrokenRule]:
    """The clean-kernel rule: every notebook runs top to bottom without an error."""
    broken = []
    for run in runs:
        if run.ok:
            continue
        if run.cell is None:
            message = MSG["failed"].format(notebook=run.name, error=run.error)
        else:
            message = MSG["failed_cell"].format(
                notebook=run.name, cell=run.cell, line=run.line, error=run.error
            )
        broken.append(BrokenRule("run", message))
    return broken
