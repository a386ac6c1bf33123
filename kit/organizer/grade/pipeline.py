"""``kit grade``: every submission sandboxed and in parallel, judged outside, saved by nbgrader.

For each (team, track, notebook), in a worker thread: sanitise the submitted notebook with
nbgrader (locked and test cells restored, missing ones added back, metadata reset), replace test
cells with answer records, and run it in its own sandbox. In the main thread, as runs finish: judge
the recorded answers against expected values computed once by trusted code, write the graded
notebook to ``autograded/`` with the grader's own outputs in test cells, and save the scores with
nbgrader's ``SaveAutoGrades``. Only the main thread writes to the gradebook, and each notebook's
grades are committed as soon as it is judged, so one submission that misbehaves (or crashes its
sandbox) costs only its own points.
"""

from __future__ import annotations

import contextlib
import copy
import os
import queue
import shutil
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_notebook, new_output

from kit.check.outcome import Outcome
from kit.i18n import messages
from kit.organizer.grade.execute import Run, build_font_cache, run_in_sandbox
from kit.organizer.grade.gradebook import (
    Sanitized,
    TrustedNotebook,
    register_track,
    sanitize,
    save_grades,
)
from kit.organizer.grade.judge import Judge, Verdict
from kit.organizer.grade.prepare import sandbox_notebook, test_cell_ids
from kit.organizer.grade.results import NotebookResult, Report, TaskResult
from kit.organizer.grade.sandbox import Limits, Sandbox
from kit.organizer.grade.submissions import Submission, find_submissions
from kit.organizer.layout import KitLayout

__all__ = ["GradingSettings", "grade"]

MSG = messages(
    "grade",
    {
        "unknown_track": (
            "{team}: el reto {track!r} no existe en solutions/ (hay: {known}).",
            "{team}: track {track!r} does not exist in solutions/ (there are: {known}).",
        ),
        "missing_notebook": (
            "No se entregó {notebook}.ipynb: sus tareas valen 0.",
            "{notebook}.ipynb was not submitted: its tasks score 0.",
        ),
        "unreadable": (
            "{notebook}.ipynb no es un cuaderno legible ({error}): sus tareas valen 0.",
            "{notebook}.ipynb is not a readable notebook ({error}): its tasks score 0.",
        ),
        "killed": (
            "El cuaderno superó su tiempo total ({seconds:.0f} s) y se detuvo.",
            "The notebook went over its total time ({seconds:.0f} s) and was stopped.",
        ),
        "timeout": (
            "La celda {cell} superó el tiempo por celda y se interrumpió.",
            "Cell {cell} went over the per-cell time limit and was interrupted.",
        ),
        "output_limit": (
            "La celda {cell} imprimió demasiado; la salida se recortó.",
            "Cell {cell} printed too much; its output was cut.",
        ),
        "interrupt_ignored": (
            "La celda {cell} ignoró la interrupción; se detuvo el kernel.",
            "Cell {cell} ignored the interrupt; the kernel was stopped.",
        ),
        "flood_killed": (
            "La celda {cell} siguió imprimiendo tras el recorte; se detuvo el kernel.",
            "Cell {cell} kept printing after the cut; the kernel was stopped.",
        ),
        "dead": (
            "El kernel terminó antes de acabar el cuaderno ({detail}).",
            "The kernel ended before the notebook did ({detail}).",
        ),
        "crashed": (
            "El sandbox terminó con código {code} sin completar el cuaderno.",
            "The sandbox exited with code {code} without finishing the notebook.",
        ),
        "restored": (
            "Celdas bloqueadas editadas; se restauraron del original: {cells}.",
            "Locked cells were edited; they were restored from the source: {cells}.",
        ),
        "missing_cells": (
            "Faltaban celdas; se restauraron y las pruebas borradas cuentan como falladas: "
            "{cells}.",
            "Cells were missing; they were restored, and deleted tests count as failed: {cells}.",
        ),
        "deleted_test": (
            "La celda de prueba se borró de la entrega: se restauró y cuenta como fallada.",
            "The test cell was deleted from the submission: it was restored and counts as failed.",
        ),
        "grader_failed": (
            "No se pudo calificar este cuaderno ({error}); sus tareas valen 0.",
            "This notebook could not be graded ({error}); its tasks score 0.",
        ),
    },
)

#: Submitted notebooks over this size are not parsed.
MAX_NOTEBOOK_BYTES = 50 * 1024**2


@dataclass
class GradingSettings:
    """How to grade: where results go and what each notebook may use."""

    output: Path
    db_url: str
    limits: Limits
    sandbox: Sandbox
    workers: int = max(os.cpu_count() or 1, 1)
    data_source: str = "sample"
    scratch: Path | None = None


@dataclass
class _Job:
    submission: Submission
    notebook: TrustedNotebook


@dataclass
class _Done:
    job: _Job
    sanitized: Sanitized
    run: Run | None
    problems: list[str]
    sent: NotebookNode | None = None  # what ran in the sandbox (test cells as answer records)


def grade(
    layout: KitLayout,
    submissions_path: Path,
    settings: GradingSettings,
    on_planned: Callable[[list[str]], None] | None = None,
    on_done: Callable[[NotebookResult, bool], None] | None = None,
) -> Report:
    """Grade every submission under ``submissions_path``; results in ``settings.output``."""
    from nbgrader.api import Gradebook

    from kit.cli import tools_on_path

    tools_on_path()  # nbgrader runs `alembic` by name when it creates a gradebook
    warnings.filterwarnings("ignore", module="nbgrader")  # SQLAlchemy noise from nbgrader's API
    started = time.monotonic()
    output = settings.output
    found = find_submissions(submissions_path, output / "submitted")
    report = Report(rejected=list(found.rejected), sandbox=settings.sandbox.name)
    report.workers = settings.workers
    tracks = set(layout.tracks())
    trusted: dict[str, list[TrustedNotebook]] = {}
    jobs: list[_Job] = []
    missing: list[tuple[Submission, TrustedNotebook]] = []
    with Gradebook(settings.db_url) as gb:
        for submission in found.submissions:
            if submission.track not in tracks:
                text = MSG["unknown_track"].format(
                    team=submission.team, track=submission.track, known=", ".join(sorted(tracks))
                )
                report.rejected.append((submission.origin, text))
                continue
            if submission.track not in trusted:
                trusted[submission.track] = register_track(
                    layout, submission.track, settings.db_url
                )
            gb.update_or_create_student(submission.team)
            options = {"timestamp": submission.timestamp} if submission.timestamp else {}
            gb.update_or_create_submission(submission.track, submission.team, **options)
            for notebook in trusted[submission.track]:
                if (submission.folder / f"{notebook.name}.ipynb").is_file():
                    jobs.append(_Job(submission, notebook))
                else:
                    missing.append((submission, notebook))
    if on_planned:
        on_planned(sorted({job.submission.team for job in jobs} | {s.team for s, _ in missing}))
    remaining: dict[str, int] = {}
    for job in jobs:
        remaining[job.submission.team] = remaining.get(job.submission.team, 0) + 1

    def finished(result: NotebookResult) -> None:
        report.results.append(result)
        if result.team in remaining:
            remaining[result.team] -= 1
        if on_done:
            on_done(result, remaining.get(result.team, 0) == 0)

    cache = Path(tempfile.mkdtemp(prefix="kit-grade-cache-", dir=settings.scratch))
    try:
        tasksets = sorted({n.taskset for ns in trusted.values() for n in ns})
        with _data_cache(cache):  # the grader's load leaves parsed data for every sandbox
            data = Judge.load_data(tasksets, settings.data_source)
        build_font_cache(cache)
        _readable_by_all(cache)

        def judges() -> dict[str, Judge]:  # expected answers: computed while sandboxes start
            return {spec: Judge(spec, data[spec]) for spec in tasksets}

        with Gradebook(settings.db_url) as gb:  # one connection, used by this thread only
            for submission, notebook in missing:
                text = MSG["missing_notebook"].format(notebook=notebook.name)
                finished(_record(settings, gb, submission, notebook, None, None, {}, [text]))
            _run_all(jobs, settings, gb, judges, cache, finished)
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    report.seconds = time.monotonic() - started
    return report


@contextlib.contextmanager
def _data_cache(folder: Path) -> Iterator[None]:
    """Point the kit's data cache at ``folder`` while the grader loads data."""
    before = os.environ.get("KIT_CACHE")
    os.environ["KIT_CACHE"] = str(folder)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("KIT_CACHE", None)
        else:
            os.environ["KIT_CACHE"] = before


def _readable_by_all(folder: Path) -> None:
    """The sandboxed user (not the grader's) must read the parsed data."""
    for path in (folder, *folder.rglob("*")):
        path.chmod(0o755 if path.is_dir() else 0o644)


def _run_all(
    jobs: list[_Job],
    settings: GradingSettings,
    gb: Any,
    make_judges: Callable[[], dict[str, Judge]],
    cache: Path,
    finished: Callable[[NotebookResult], None],
) -> None:
    """Run the jobs in the worker threads; judge and record each in this thread as it ends."""
    slots: queue.Queue[int] = queue.Queue()
    for slot in range(settings.workers):
        slots.put(slot)
    with ThreadPoolExecutor(max_workers=settings.workers, thread_name_prefix="kit-grade") as pool:
        futures: dict[Future, _Job] = {
            pool.submit(_execute, job, settings, slots, cache): job for job in jobs
        }
        judges = make_judges()
        for future in as_completed(futures):
            job = futures[future]
            done: _Done | None = None
            try:
                done = future.result()
                verdicts = _judge(done, judges[job.notebook.taskset])
                result = _record(
                    settings, gb, job.submission, job.notebook, done.sanitized, done.run,
                    verdicts, done.problems, done.sent,
                )  # fmt: skip
            except Exception as error:  # the grader's own failure still costs one notebook only
                text = MSG["grader_failed"].format(error=f"{type(error).__name__}: {error}")
                result = _record(settings, gb, job.submission, job.notebook, None, None, {}, [text])
            finally:
                if done is not None and done.run is not None:
                    done.run.cleanup()
            finished(result)


def _execute(job: _Job, settings: GradingSettings, slots: queue.Queue[int], cache: Path) -> _Done:
    """In a worker thread: sanitise, prepare, run in the sandbox."""
    path = job.submission.folder / f"{job.notebook.name}.ipynb"
    problems: list[str] = []
    try:
        if path.stat().st_size > MAX_NOTEBOOK_BYTES:
            raise ValueError(f"{path.stat().st_size} bytes")
        with warnings.catch_warnings():  # duplicate cell ids and such: sanitising fixes them
            warnings.simplefilter("ignore")
            submitted = nbformat.reads(path.read_text(encoding="utf-8"), as_version=4)
        nbformat.validate(submitted)
    except Exception as error:  # not JSON, not a notebook, not UTF-8, too big...
        detail = f"{type(error).__name__}: {str(error)[:120]}"
        problems.append(MSG["unreadable"].format(notebook=job.notebook.name, error=detail))
        return _Done(job, sanitize(new_notebook(), job.notebook), None, problems)
    sanitized = sanitize(submitted, job.notebook)
    if sanitized.edited:
        problems.append(MSG["restored"].format(cells=", ".join(sanitized.edited)))
    if sanitized.missing:
        problems.append(MSG["missing_cells"].format(cells=", ".join(sanitized.missing)))
    prepared = sandbox_notebook(sanitized.nb, job.notebook)
    slot = slots.get()
    try:
        run = run_in_sandbox(
            prepared, job.submission.folder, settings.sandbox, settings.limits, slot,
            settings.scratch, cache,
        )  # fmt: skip
    finally:
        slots.put(slot)
    problems.extend(_run_problems(run, settings.limits))
    return _Done(job, sanitized, run, problems, prepared)


def _run_problems(run: Run, limits: Limits) -> list[str]:
    problems = []
    stopped = False  # the runner stopped the kernel itself: its death needs no second note
    if run.killed:
        problems.append(MSG["killed"].format(seconds=limits.notebook_timeout))
    for event in run.status.get("events", [])[:20]:
        if not isinstance(event, dict):
            continue
        cell = event.get("cell")
        cell = cell if isinstance(cell, int) else "?"
        kind = event.get("kind")
        if kind in ("timeout", "output_limit", "interrupt_ignored", "flood_killed"):
            problems.append(MSG[kind].format(cell=cell))
            stopped = stopped or kind in ("interrupt_ignored", "flood_killed")
        elif isinstance(kind, str) and not stopped:
            detail = str(event.get("detail", kind))[:120]
            problems.append(MSG["dead"].format(detail=detail))
    if not run.killed and run.returncode not in (0, None) and not run.status.get("finished"):
        problems.append(MSG["crashed"].format(code=run.returncode))
    return problems


def _judge(done: _Done, judge: Judge) -> dict[str, list[Verdict]]:
    """Test grade_id -> the verdicts on its answers (empty run: every answer missing)."""
    verdicts: dict[str, list[Verdict]] = {}
    for grade_id, captures in done.job.notebook.captures.items():
        if done.run is None:
            verdicts[grade_id] = []
        elif grade_id in done.sanitized.missing:
            text = MSG["deleted_test"].get()
            verdicts[grade_id] = [judge.failed(capture, text) for capture in captures]
        else:
            verdicts[grade_id] = [judge.judge(capture, done.run) for capture in captures]
    return verdicts


def _record(
    settings: GradingSettings,
    gb: Any,
    submission: Submission,
    notebook: TrustedNotebook,
    sanitized: Sanitized | None,
    run: Run | None,
    verdicts: dict[str, list[Verdict]],
    problems: list[str],
    sent: NotebookNode | None = None,
) -> NotebookResult:
    """Write the graded notebook, save its scores in the gradebook, return its results."""
    if sanitized is None:  # nothing usable was submitted: the released cells, all failing
        sanitized = sanitize(new_notebook(), notebook)
    graded = _graded_notebook(sanitized.nb, notebook, run, verdicts, problems, sent)
    folder = settings.output / "autograded" / submission.team / submission.track
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(graded, folder / f"{notebook.name}.ipynb")
    save_grades(graded, notebook, submission.team, gb)
    result = NotebookResult(submission.team, submission.track, notebook.name, problems=problems)
    result.seconds = run.seconds if run else 0.0
    for grade_id in notebook.captures:
        cell_verdicts = verdicts.get(grade_id) or []
        passed = bool(cell_verdicts) and all(v.passed for v in cell_verdicts)
        points = notebook.points[grade_id]
        first = next((v for v in cell_verdicts if not v.passed), None)
        shown = first or (cell_verdicts[0] if cell_verdicts else None)
        outcome = shown.feedback.outcome.value if shown else Outcome.NOT_ATTEMPTED.value
        result.tasks.append(
            TaskResult(
                task=",".join(c.task for c in notebook.captures[grade_id]),
                cell=grade_id,
                points=points if passed else 0.0,
                max_points=points,
                outcome=Outcome.CORRECT.value if passed else outcome,
                message=shown.feedback.message if shown else (problems[0] if problems else ""),
                hint=shown.feedback.hint if shown and not passed else "",
            )
        )
    return result


def _graded_notebook(
    sanitized: NotebookNode,
    notebook: TrustedNotebook,
    run: Run | None,
    verdicts: dict[str, list[Verdict]],
    problems: list[str],
    sent: NotebookNode | None,
) -> NotebookNode:
    """The submitted notebook with its run's outputs, and the grader's own in test cells."""
    graded = _with_run_outputs(sanitized, notebook, run, verdicts, problems, sent)
    try:
        nbformat.validate(graded)
    except nbformat.ValidationError:  # odd outputs from the sandbox: keep the grader's only
        graded = _with_run_outputs(sanitized, notebook, None, verdicts, problems, None)
    return graded


def _with_run_outputs(
    sanitized: NotebookNode,
    notebook: TrustedNotebook,
    run: Run | None,
    verdicts: dict[str, list[Verdict]],
    problems: list[str],
    sent: NotebookNode | None,
) -> NotebookNode:
    """``sanitized`` with outputs: the grader's in test cells, the run's where the cell ran
    exactly as sent (``sent`` is the notebook the sandbox got, its setup cell first)."""
    graded = copy.deepcopy(sanitized)
    executed = run.executed if run else None
    ids = test_cell_ids(graded, notebook)
    ran_as_sent = sent.cells[1:] if sent is not None else []
    usable = executed is not None and len(executed.cells) == len(ran_as_sent) + 1
    for index, (cell, grade_id) in enumerate(zip(graded.cells, ids, strict=True)):
        if cell.cell_type != "code":
            continue
        cell.outputs = []
        cell.execution_count = None
        if grade_id is not None:
            cell.outputs = _verdict_outputs(verdicts.get(grade_id) or [], problems)
            continue
        if usable:
            ran = executed.cells[index + 1]
            if ran.get("cell_type") == "code" and ran.get("source") == ran_as_sent[index].source:
                cell.outputs = [o for o in ran.get("outputs", []) if _plain_output(o)]
                count = ran.get("execution_count")
                cell.execution_count = count if isinstance(count, int) else None
    return graded


def _plain_output(output: object) -> bool:
    """Outputs a notebook may carry; anything else the sandbox wrote is dropped."""
    return isinstance(output, dict) and output.get("output_type") in _OUTPUT_TYPES


_OUTPUT_TYPES = {"stream", "display_data", "execute_result", "error"}


def _verdict_outputs(verdicts: list[Verdict], problems: list[str]) -> list[NotebookNode]:
    """What a test cell shows once graded: each answer's feedback, and an error if any failed."""
    outputs = []
    for verdict in verdicts:
        bundle = verdict.feedback._repr_mimebundle_()
        outputs.append(new_output("display_data", data=bundle))
    failed = [v for v in verdicts if not v.passed]
    if not verdicts or failed:
        reason = failed[0].feedback.message if failed else (problems[0] if problems else "")
        outputs.append(
            new_output("error", ename="TaskFailed", evalue=reason or "no answer", traceback=[])
        )
    return outputs
