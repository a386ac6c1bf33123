"""Execute a session and store its outputs: what a mentor runs after editing one.

The stored outputs are what ``pytest --nbval`` later reproduces, so the run is the same as
nbval's: a fresh ``python3`` kernel in the session's folder, cells in order, nothing injected.
nbclient also stores the widgets' state, so a saved session opens with its explorers drawn.
A session that raises is not written: its last good outputs stay.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import nbformat

from kit.errors import KitError
from kit.i18n import messages
from kit.sessions.catalog import read_notebook

__all__ = ["CELL_TIMEOUT", "SessionRun", "run_session"]

#: Seconds one cell may take; a session's whole budget is 15 s on two cores.
CELL_TIMEOUT = 120

MSG = messages(
    "sessions.run",
    {
        "failed": (
            "{path}: la celda {cell} falló ({error}); no guardé el cuaderno. Corrígela y vuelve "
            "a correr `kit sessions --run {name}`.",
            "{path}: cell {cell} failed ({error}); the notebook was not saved. Fix it and run "
            "`kit sessions --run {name}` again.",
        ),
    },
)


@dataclass(frozen=True)
class SessionRun:
    """How one execution went: which notebook, how long it took, whether it was written."""

    path: Path
    seconds: float
    written: bool


def run_session(path: Path, *, write: bool = True, timeout: int = CELL_TIMEOUT) -> SessionRun:
    """Run every cell of ``path`` in a fresh kernel and (``write``) save it with its outputs."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    path = Path(path)
    nb = read_notebook(path)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent.resolve())}},
        store_widget_state=True,
        record_timing=False,
        shutdown_kernel="immediate",
    )
    start = time.perf_counter()
    try:
        # The kernel process's own log (not the cells' output, which comes over the protocol).
        client.execute(stderr=subprocess.DEVNULL)
    except CellExecutionError as error:
        cell = _failed_cell(nb)
        message = f"{getattr(error, 'ename', type(error).__name__)}: {getattr(error, 'evalue', '')}"
        raise KitError(
            MSG["failed"].format(path=path, cell=cell, error=message, name=path.stem)
        ) from error
    seconds = time.perf_counter() - start
    if write:
        nbformat.write(nb, path)
    return SessionRun(path, seconds, write)


def _failed_cell(nb: nbformat.NotebookNode) -> int | str:
    """Index of the first cell with an error output ("?" when none is marked)."""
    for index, cell in enumerate(nb.cells):
        if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return index
    return "?"
