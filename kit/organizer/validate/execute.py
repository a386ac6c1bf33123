"""Run notebooks with papermill, many at once, each in its own fresh kernel.

Kernels come from :mod:`kit.organizer.kernels` (forked from a preloaded zygote) unless
``fast=False``. Runs use papermill's nbclient engine with a per-cell timeout, the kernel's working
folder set per notebook (papermill's ``cwd`` changes the process's folder, which threads share),
and an immediate shutdown.
"""

from __future__ import annotations

import copy
import logging
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from nbformat import NotebookNode
from nbformat.v4 import new_code_cell

from kit.check.outcome import MIME_TYPE
from kit.organizer.validate.notebooks import graded_cells, nbgrader_meta

__all__ = ["PROBE_MIME", "Execution", "Job", "add_probes", "run_jobs"]

PROBE_MIME = "application/vnd.dataton-kit.probe+json"

PROBE_TEMPLATE = """\
import IPython.display as _kit_display
try:
    exec(compile({source!r}, "<hidden tests {grade_id}>", "exec"), globals())
except BaseException as _kit_error:
    _kit_display.display({{{mime!r}: {{"grade_id": {grade_id!r}, "passed": False,
        "error": type(_kit_error).__name__}}}}, raw=True)
else:
    _kit_display.display({{{mime!r}: {{"grade_id": {grade_id!r}, "passed": True}}}}, raw=True)
"""


def add_probes(release: NotebookNode, source: NotebookNode) -> NotebookNode:
    """A copy of ``release`` where each graded test cell is followed by its hidden tests,
    taken from ``source`` and run in a probe that reports pass or fail instead of raising."""
    hidden = {cell.grade_id: cell.hidden_source for cell in graded_cells(source)}
    probed = copy.deepcopy(release)
    cells = []
    for cell in probed.cells:
        cells.append(cell)
        grade_id = nbgrader_meta(cell).get("grade_id")
        if nbgrader_meta(cell).get("grade") and grade_id in hidden:
            code = PROBE_TEMPLATE.format(
                source=hidden[grade_id], grade_id=grade_id, mime=PROBE_MIME
            )
            probe = new_code_cell(code, metadata={"kit_probe": grade_id})
            probe.id = f"kit-probe-{len(cells)}"
            cells.append(probe)
    probed.cells = cells
    return probed


@dataclass
class Job:
    """One notebook to run: a label for reports, the notebook, and the folder to run it in."""

    label: str
    kind: str
    notebook: NotebookNode
    cwd: Path
    parameters: dict = field(default_factory=dict)


@dataclass
class Execution:
    """What came out of running a job."""

    job: Job
    seconds: float
    notebook: NotebookNode | None = None
    error: str | None = None
    error_cell: int | None = None
    outcomes: dict[str, str] = field(default_factory=dict)
    probes: dict[str, bool] = field(default_factory=dict)


def run_jobs(
    jobs: Iterable[Job],
    *,
    workers: int,
    timeout: float,
    fast: bool = True,
    on_done: Callable[[Execution], None] | None = None,
) -> list[Execution]:
    """Run every job, ``workers`` at a time; results in the order of ``jobs``."""
    from kit.organizer.kernels import kernel_manager_class

    jobs = list(jobs)
    km_class = kernel_manager_class(fast)
    logging.getLogger("papermill").setLevel(logging.ERROR)
    results: dict[int, Execution] = {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {pool.submit(_run, job, timeout, km_class): i for i, job in enumerate(jobs)}
        for future in as_completed(futures):
            execution = future.result()
            results[futures[future]] = execution
            if on_done:
                on_done(execution)
    return [results[i] for i in range(len(jobs))]


def _run(job: Job, timeout: float, km_class: type) -> Execution:
    import papermill
    from papermill.exceptions import PapermillExecutionError

    start = time.perf_counter()
    execution = Execution(job, 0.0)
    try:
        execution.notebook = papermill.execute_notebook(
            job.notebook,
            None,
            parameters=job.parameters,
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            execution_timeout=timeout,
            start_timeout=60,
            kernel_manager_class=km_class,
            shutdown_kernel="immediate",
            resources={"metadata": {"path": str(job.cwd)}},
        )
    except PapermillExecutionError as error:
        execution.error = f"{error.ename}: {error.evalue}"[:500]
        execution.error_cell = _source_index(job.notebook, error.source)
    except Exception as error:  # timeouts, dead kernels: reported, never fatal to the run
        execution.error = f"{type(error).__name__}: {error}"[:500]
    execution.seconds = time.perf_counter() - start
    if execution.notebook is not None:
        execution.outcomes, execution.probes = read_outputs(execution.notebook)
    return execution


def _source_index(nb: NotebookNode, source: str) -> int | None:
    """Position of the failing cell among the notebook's own cells (probes are not counted)."""
    own = [c for c in nb.cells if "kit_probe" not in c.metadata]
    return next((i for i, cell in enumerate(own) if cell.source == source), None)


def read_outputs(nb: NotebookNode) -> tuple[dict[str, str], dict[str, bool]]:
    """Check outcomes (task -> outcome) and probe results (grade id -> passed) of a run."""
    outcomes, probes = {}, {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if MIME_TYPE in data:
                outcomes[data[MIME_TYPE]["task"]] = data[MIME_TYPE]["outcome"]
            if PROBE_MIME in data:
                probes[data[PROBE_MIME]["grade_id"]] = bool(data[PROBE_MIME]["passed"])
    return outcomes, probes
