"""Turning a notebook run into findings: what must hold for solutions and for challenges."""

from __future__ import annotations

from kit.organizer.validate.execute import Execution
from kit.organizer.validate.model import Finding, NotebookRun

__all__ = ["judge_challenge", "judge_solution"]


def _run(execution: Execution, check: str) -> NotebookRun:
    run = NotebookRun(execution.job.label, execution.job.kind, execution.seconds)
    run.tasks, run.probes = dict(execution.outcomes), dict(execution.probes)
    if execution.error:
        run.findings.append(Finding(check, run.path, execution.error, execution.error_cell))
    return run


def judge_solution(execution: Execution, task_ids: list[str]) -> NotebookRun:
    """A solution runs top to bottom (hidden tests included) and every check says correct."""
    run = _run(execution, "solutions")
    if execution.error:
        return run
    for task_id in task_ids:
        outcome = run.tasks.get(task_id)
        if outcome is None:
            run.findings.append(
                Finding(
                    "solutions",
                    run.path,
                    f"{task_id} no mostró resultado / showed no feedback",
                )
            )
        elif outcome != "correct":
            run.findings.append(
                Finding(
                    "solutions",
                    run.path,
                    f"{task_id} dice {outcome!r} en la solución / says {outcome!r}",
                )
            )
    return run


def judge_challenge(execution: Execution, task_ids: list[str], grade_ids: list[str]) -> NotebookRun:
    """A blank challenge runs without errors, and every check and hidden test fails on it."""
    run = _run(execution, "challenges")
    if execution.error:
        return run
    for task_id in task_ids:
        outcome = run.tasks.get(task_id)
        if outcome is None:
            run.findings.append(
                Finding(
                    "challenges",
                    run.path,
                    f"{task_id} no mostró resultado / showed no feedback",
                )
            )
        elif outcome in ("correct", "error"):
            run.findings.append(
                Finding(
                    "challenges",
                    run.path,
                    f"{task_id} dice "
                    f"{outcome!r} sin respuesta: la revisión no tiene dientes"
                    " / toothless check on the blank release",
                )
            )
    for grade_id in grade_ids:
        passed = run.probes.get(grade_id)
        if passed is None:
            run.findings.append(
                Finding(
                    "challenges",
                    run.path,
                    f"{grade_id}: las pruebas ocultas no corrieron / hidden tests did not run",
                )
            )
        elif passed:
            run.findings.append(
                Finding(
                    "challenges",
                    run.path,
                    f"{grade_id}: las pruebas "
                    "ocultas pasan en blanco / hidden tests pass on the blank",
                )
            )
    return run
