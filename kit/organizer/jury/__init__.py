"""``kit jury``: rank datathon projects from the jury's scores, fairly and transparently.

rubric.py (criteria, weights, scale; TOML), files.py (CSV/Excel sheets), scores.py (valid scores
and warnings), ranking.py (per-juror z-scores, totals, ties), plot.py, report.py (files).
"""

from __future__ import annotations

from pathlib import Path

from kit.organizer.jury.issues import JuryWarning
from kit.organizer.jury.ranking import DEFAULT_PRECISION, Ranking, rank_scores
from kit.organizer.jury.rubric import Criterion, Rubric, RubricError, load_rubric
from kit.organizer.jury.scores import Scores, read_scores

__all__ = [
    "DEFAULT_PRECISION",
    "Criterion",
    "JuryWarning",
    "Ranking",
    "Rubric",
    "RubricError",
    "Scores",
    "judge",
    "load_rubric",
    "rank_scores",
    "read_scores",
]


def judge(
    scores: str | Path,
    rubric: str | Path | None = None,
    conflicts: str | Path | None = None,
    precision: int = DEFAULT_PRECISION,
) -> Ranking:
    """The ranking of a scores file (CSV or .xlsx), with the default rubric unless given one."""
    checked = load_rubric(rubric)
    return rank_scores(read_scores(scores, checked, conflicts), checked, precision)
