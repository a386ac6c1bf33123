"""What grading found, per task and per notebook, and the scores table written from it."""

from __future__ import annotations

import csv
from dataclasses import asdict, dataclass, field
from pathlib import Path

__all__ = ["NotebookResult", "Report", "TaskResult", "write_scores"]

SCORE_COLUMNS = ["team", "track", "notebook", "task", "cell", "points", "max_points", "outcome"]


@dataclass
class TaskResult:
    """One graded task of one notebook of one team (what the feedback and the CSV show)."""

    task: str
    cell: str
    points: float
    max_points: float
    outcome: str
    message: str = ""
    hint: str = ""
    title: str = ""


@dataclass
class NotebookResult:
    team: str
    track: str
    notebook: str
    tasks: list[TaskResult] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def points(self) -> float:
        return sum(task.points for task in self.tasks)

    @property
    def max_points(self) -> float:
        return sum(task.max_points for task in self.tasks)


@dataclass
class Report:
    """Everything one ``kit grade`` run did."""

    results: list[NotebookResult] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    sandbox: str = ""
    seconds: float = 0.0
    workers: int = 1

    def teams(self) -> list[str]:
        return sorted({result.team for result in self.results})

    def totals(self) -> dict[tuple[str, str], tuple[float, float]]:
        """(team, track) -> (points, max points)."""
        totals: dict[tuple[str, str], tuple[float, float]] = {}
        for result in self.results:
            got, most = totals.get((result.team, result.track), (0.0, 0.0))
            totals[result.team, result.track] = (got + result.points, most + result.max_points)
        return totals

    def as_dict(self) -> dict:
        return {
            "sandbox": self.sandbox,
            "seconds": round(self.seconds, 2),
            "workers": self.workers,
            "rejected": [{"path": p, "reason": r} for p, r in self.rejected],
            "results": [asdict(result) for result in self.results],
        }


def write_scores(report: Report, path: Path) -> Path:
    """One row per team, track, notebook and task: the scores table organizers share."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(SCORE_COLUMNS)
        for result in sorted(report.results, key=lambda r: (r.team, r.track, r.notebook)):
            for task in result.tasks:
                writer.writerow(
                    [result.team, result.track, result.notebook, task.task, task.cell,
                     _number(task.points), _number(task.max_points), task.outcome]
                )  # fmt: skip
    return path


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
