"""Turning a notebook run into findings: what must hold for solutions and for challenges."""

from __future__ import annotations

from collections.abc import Iterable

from kit.organizer.validate.execute import Execution
from kit.organizer.validate.model import Finding, NotebookRun

__all__ = ["judge_challenge", "judge_solution"]

NO_FEEDBACK = "no mostró resultado / showed no feedback"
WRONG_ON_SOLUTION = "dice {outcome!r} en la solución / says {outcome!r}"
TOOTHLESS = (
    "dice {outcome!r} sin respuesta: la revisión no tiene dientes / toothless check on the "
    "blank release"
)


def _run(execution: Execution, check: str) -> NotebookRun:
    run = NotebookRun(execution.job.label, execution.job.kind, execution.seconds)
    run.tasks, run.probes = dict(execution.outcomes), dict(execution.probes)
    if execution.error:
        run.findings.append(Finding(check, run.path, execution.error, execution.error_cell))
    return run


def _judge_tasks(
    run: NotebookRun, check: str, task_ids: Iterable[str], bad: set[str], message: str
) -> None:
    """Every task must have shown feedback, and none an outcome in ``bad``."""
    for task_id in task_ids:
        outcome = run.tasks.get(task_id)
        if outcome is None:
            run.findings.append(Finding(check, run.path, f"{task_id} {NO_FEEDBACK}"))
        elif outcome in bad:
            text = message.format(outcome=outcome)
            run.findings.append(Finding(check, run.path, f"{task_id} {text}"))


def judge_solution(execution: Execution, task_ids: list[str]) -> NotebookRun:
    """A solution runs top to bottom (hidden tests included) and every check says correct."""
    run = _run(execution, "solutions")
    if not execution.error:
        bad = {"incorrect", "not_attempted", "error"}
        _judge_tasks(run, "solutions", task_ids, bad, WRONG_ON_SOLUTION)
    return run


def judge_challenge(execution: Execution, task_ids: list[str], grade_ids: list[str]) -> NotebookRun:
    """A blank challenge runs without errors, and every check and hidden test fails on it."""
    run = _run(execution, "challenges")
    if execution.error:
        return run
    _judge_tasks(run, "challenges", task_ids, {"correct", "error"}, TOOTHLESS)
    for grade_id in grade_ids:
        passed = run.probes.get(grade_id)
        if passed is None:
            text = "las pruebas ocultas no corrieron / hidden tests did not run"
        elif passed:
            text = "las pruebas ocultas pasan en blanco / hidden tests pass on the blank"
        else:
            continue
        run.findings.append(Finding("challenges", run.path, f"{grade_id}: {text}"))
    return run
