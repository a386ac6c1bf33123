"""``kit validate``: the organizer's pre-launch proof that the kit works.

1. challenges/ is exactly a fresh release of solutions/;
2. every solution runs top to bottom (papermill) and every graded test passes;
3. every challenge runs, and every check and hidden test fails on the blank release;
4. no solution code, hidden test or expected value appears in challenges/;
5. notebook conventions hold; 6. sample data match the manifest; 7. mentor sessions pass nbval.
Notebooks run in parallel, each in a fresh kernel.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from kit.organizer.layout import KitLayout
from kit.organizer.release import load_config, release_notebook
from kit.organizer.validate.conventions import check_conventions, check_no_outputs
from kit.organizer.validate.execute import Execution, Job, add_probes, run_jobs
from kit.organizer.validate.judge import judge_challenge, judge_solution
from kit.organizer.validate.leaks import find_leaks
from kit.organizer.validate.mentors import check_mentor_sessions
from kit.organizer.validate.model import CHECKS, Finding, NotebookRun, Report
from kit.organizer.validate.notebooks import graded_cells, load_taskset
from kit.organizer.validate.staleness import check_release

__all__ = ["CHECKS", "Finding", "NotebookRun", "Report", "plan_jobs", "validate"]


def validate(
    layout: KitLayout,
    *,
    data_source: str = "sample",
    workers: int | None = None,
    timeout: float = 120,
    fast: bool = True,
    data_dir: Path | None = None,
    on_planned: Callable[[int], None] | None = None,
    on_done: Callable[[Execution], None] | None = None,
) -> Report:
    """Run every check and return the report (``report.ok`` tells whether the kit is ready)."""
    start = time.perf_counter()
    workers = workers or default_workers()
    if fast:
        _warm_kernels()
    report = Report(str(layout.root))
    jobs, judges = plan_jobs(layout, data_source)
    if on_planned:
        on_planned(len(jobs))
    with ThreadPoolExecutor(max_workers=1) as background:  # notebooks run while we read files
        running = background.submit(
            run_jobs, jobs, workers=workers, timeout=timeout, fast=fast, on_done=on_done
        )
        report.findings += _static_checks(layout, report, data_source, data_dir)
        executions = running.result()
    report.runs = [judge(execution) for judge, execution in zip(judges, executions, strict=True)]
    report.checked["solutions"] = sum(job.kind == "solution" for job in jobs)
    report.checked["challenges"] = sum(job.kind == "challenge" for job in jobs)
    mentor_runs = check_mentor_sessions(layout, workers)
    report.runs += mentor_runs
    report.checked["mentors"] = len(mentor_runs)
    report.seconds = time.perf_counter() - start
    return report


def default_workers() -> int:
    """All cores busy: one notebook more than cores, as each waits on its kernel at times."""
    return (os.cpu_count() or 1) + 1


def _warm_kernels() -> None:
    from kit.organizer.kernels import start_fork_server_soon

    start_fork_server_soon()


def _static_checks(
    layout: KitLayout, report: Report, data_source: str, data_dir: Path | None
) -> list[Finding]:
    from kit.data import verify

    found = [Finding("data", f"kit/data/{p.name}", p.message) for p in verify(data_dir)]
    report.checked["data"] = 1
    stale, compared = check_release(layout)
    found += stale
    report.checked["release"] = compared
    for check in ("conventions", "leaks"):
        report.checked[check] = 0
    for track in layout.tracks():
        for path in layout.solution_notebooks(track):
            found += _static_notebook(layout, track, path, data_source)
            report.checked["conventions"] += 1
            report.checked["leaks"] += 1
    return found


def _static_notebook(layout: KitLayout, track: str, path: Path, data_source: str) -> list[Finding]:
    label = path.relative_to(layout.root).as_posix()
    source = nbformat.read(path, as_version=4)
    found = check_conventions(source, label, track)
    released_path = layout.challenges / track / path.name
    if released_path.exists():
        released = nbformat.read(released_path, as_version=4)
        label_released = released_path.relative_to(layout.root).as_posix()
        found += check_no_outputs(released, label_released)
        found += find_leaks(source, released, label_released, _expected(source, data_source))
    return found


def _expected(source: nbformat.NotebookNode, data_source: str) -> dict:
    spec = source.metadata.get("kit", {}).get("taskset")
    if not spec:
        return {}
    try:
        taskset = load_taskset(spec)
        if taskset.load is None:
            return {}
        return taskset.expected_values(taskset.load(data_source))
    except Exception:  # reported by the conventions check or by the notebook runs
        return {}


def plan_jobs(layout: KitLayout, data_source: str = "sample") -> tuple[list[Job], list]:
    """The notebook runs to make, and for each a function that judges its execution."""
    config = load_config(layout)
    jobs, judges = [], []
    for track in layout.tracks():
        for path in layout.solution_notebooks(track):
            source = nbformat.read(path, as_version=4)
            tasks = _task_ids(source)
            grades = [cell.grade_id for cell in graded_cells(source)]
            label = path.relative_to(layout.root).as_posix()
            params = {"DATA_SOURCE": data_source}
            jobs.append(Job(label, "solution", source, path.parent, {**params, "LANG": "en"}))
            judges.append(lambda e, ids=tasks: judge_solution(e, ids))
            released_path = layout.challenges / track / path.name
            if released_path.exists():
                released = nbformat.read(released_path, as_version=4)
            else:  # reported by the release check; still prove the would-be release
                released = release_notebook(source, config, name=label)
            chal_label = released_path.relative_to(layout.root).as_posix()
            probed = add_probes(released, source)
            jobs.append(
                Job(chal_label, "challenge", probed, released_path.parent, {**params, "LANG": "es"})
            )
            judges.append(lambda e, ids=tasks, g=grades: judge_challenge(e, ids, g))
    return jobs, judges


def _task_ids(source: nbformat.NotebookNode) -> list[str]:
    """Task names as checks report them (``<taskset>/<task>``)."""
    spec = source.metadata.get("kit", {}).get("taskset")
    if not spec:
        return []
    try:
        taskset = load_taskset(spec)
    except (ImportError, AttributeError):
        return []
    return [f"{taskset.name}/{task.id}" for task in taskset.tasks]
