"""``kit validate``: the organizer's pre-launch proof that the kit works.

1. challenges/ is exactly a fresh release of solutions/;
2. every solution runs top to bottom (papermill) and every graded test passes;
3. every challenge runs, and every check and hidden test fails on the blank release;
4. no solution code, hidden test or expected value appears in challenges/;
5. notebook conventions hold; 6. sample data match the manifest; 7. mentor sessions pass nbval.
Notebooks run in parallel, each in a fresh kernel.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat

from kit.organizer.layout import KitLayout
from kit.organizer.validate.conventions import check_conventions, check_no_outputs
from kit.organizer.validate.execute import Execution, Job, add_probes, run_jobs
from kit.organizer.validate.judge import judge_challenge, judge_solution
from kit.organizer.validate.leaks import find_leaks
from kit.organizer.validate.mentors import MentorSessionsRun
from kit.organizer.validate.model import CHECKS, Finding, NotebookRun, Report
from kit.organizer.validate.notebooks import graded_cells, load_taskset
from kit.organizer.validate.pairs import NotebookPair, read_pairs
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
    tracks: list[str] | None = None,
    on_planned: Callable[[int], None] | None = None,
    on_done: Callable[[Execution], None] | None = None,
) -> Report:
    """Run every check and return the report (``report.ok`` tells whether the kit is ready).

    ``tracks`` limits the notebook checks to those tracks and skips the mentor sessions: a quick
    check while writing one track; only a full run proves the kit is ready.
    """
    if tracks:
        layout.check_tracks(tracks)
    start = time.perf_counter()
    workers = workers or default_workers()
    if fast:
        _warm_kernels()
    report = Report(str(layout.root))
    # the sessions run beside the notebooks, on one worker: the notebooks keep the cores busy
    beside = contextlib.nullcontext() if tracks else MentorSessionsRun(layout, 1, forked=fast)
    with beside as sessions:
        pairs = read_pairs(layout, tracks)
        jobs, judges = plan_jobs(layout, data_source, pairs)
        if on_planned:
            on_planned(len(jobs))
        with ThreadPoolExecutor(max_workers=1) as background:  # notebooks run while we read files
            running = background.submit(
                run_jobs, jobs, workers=workers, timeout=timeout, fast=fast, on_done=on_done
            )
            report.findings += _static_checks(layout, report, pairs, data_source, data_dir, tracks)
            executions = running.result()
        report.runs = [
            judge(execution) for judge, execution in zip(judges, executions, strict=True)
        ]
        report.checked["solutions"] = sum(job.kind == "solution" for job in jobs)
        report.checked["challenges"] = sum(job.kind == "challenge" for job in jobs)
        mentor_runs = [] if sessions is None else sessions.results()
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
    layout: KitLayout,
    report: Report,
    pairs: list[NotebookPair],
    data_source: str,
    data_dir: Path | None,
    tracks: list[str] | None = None,
) -> list[Finding]:
    from kit.data import verify

    found = [Finding("data", f"kit/data/{p.name}", p.message) for p in verify(data_dir)]
    report.checked["data"] = 1
    stale, report.checked["release"] = check_release(layout, pairs, tracks)
    found += stale
    sources = {pair.source_path: pair for pair in pairs}  # a source may have two releases
    for pair in sources.values():
        found += check_conventions(pair.source, pair.label(layout.root), pair.track)
    loaded: dict = {}  # a track's notebooks share its loader: load the data once per run
    for pair in pairs:
        if pair.released_text is not None:
            where = pair.label(layout.root, released=True)
            found += check_no_outputs(pair.released, where)
            expected = _expected(pair.source, data_source, loaded)
            found += find_leaks(pair.source, pair.released, where, expected)
    report.checked["conventions"] = len(sources)
    report.checked["leaks"] = len(pairs)
    return found


def _expected(source: nbformat.NotebookNode, data_source: str, loaded: dict) -> dict:
    """The values a notebook's tasks expect (what a leak would show), from its taskset's data;
    ``loaded`` keeps each loader's data for the next notebooks that use the same loader."""
    spec = source.metadata.get("kit", {}).get("taskset")
    if not spec:
        return {}
    try:
        taskset = load_taskset(spec)
        if taskset.load is None:
            return {}
        if taskset.load not in loaded:
            loaded[taskset.load] = taskset.load(data_source)
        return taskset.expected_values(loaded[taskset.load])
    except Exception:  # reported by the conventions check or by the notebook runs
        return {}


def plan_jobs(
    layout: KitLayout, data_source: str = "sample", pairs: list[NotebookPair] | None = None
) -> tuple[list[Job], list]:
    """The notebook runs to make, and for each a function that judges its execution."""
    jobs, judges = [], []
    params = {"DATA_SOURCE": data_source}
    solved: set[Path] = set()
    for pair in read_pairs(layout) if pairs is None else pairs:
        tasks = _task_ids(pair.source)
        grades = [cell.grade_id for cell in graded_cells(pair.source)]
        if pair.source_path not in solved:  # once per source, even with a release per language
            solved.add(pair.source_path)
            jobs.append(
                Job(
                    pair.label(layout.root),
                    "solution",
                    pair.source,
                    pair.source_path.parent,
                    {**params, "LANG": "en"},
                )
            )
            judges.append(lambda e, ids=tasks: judge_solution(e, ids))
        challenge = Job(
            pair.label(layout.root, released=True),
            "challenge",
            add_probes(pair.released, pair.source),
            pair.released_path.parent,
            {**params, "LANG": pair.language or "es"},
        )
        jobs.append(challenge)
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
