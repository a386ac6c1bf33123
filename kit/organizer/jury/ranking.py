"""From valid scores to a ranking: per-juror z-scores, weighted totals, spread and ties.

Jurors use a scale differently: one gives 2 to 4, another 4 to 5. Averaging raw scores lets the
generous juror decide more than the strict one. So each juror's scores on each criterion are
turned into z-scores over the teams that juror scored (mean 0, standard deviation 1): what counts
is how a juror ordered the teams, not where on the scale they stood. A team's score on a
criterion is the mean z of its jurors; its total is the rubric-weighted sum of those means.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kit.errors import DataFormatError
from kit.i18n import messages
from kit.organizer.jury.issues import JuryWarning
from kit.organizer.jury.rubric import Rubric
from kit.organizer.jury.scores import Scores

__all__ = ["DEFAULT_PRECISION", "Ranking", "competition_ranks", "normalise", "rank_scores"]

MSG = messages(
    "jury.ranking",
    {
        "no_scores": (
            "no quedó ningún puntaje válido para ordenar; revisa las advertencias.",
            "no valid score is left to rank; read the warnings.",
        ),
    },
)

#: Decimals of the totals compared to decide ties (and shown in the ranking).
DEFAULT_PRECISION = 2


@dataclass
class Ranking:
    """The result of the jury step.

    ``table``: one row per team in rank order: ``rank``, ``tied``, ``team``, one column per
    criterion id (mean z of the team's jurors), ``total``, ``spread`` (standard deviation of the
    jurors' totals for that team) and ``jurors`` (how many scored it). ``juror_totals``: each
    juror's weighted total per team (``team, juror, total``), what the spread is made of.
    """

    table: pd.DataFrame
    juror_totals: pd.DataFrame
    rubric: Rubric
    precision: int = DEFAULT_PRECISION
    warnings: list[JuryWarning] = field(default_factory=list)

    @property
    def places(self) -> list[str]:
        """Ranks as people write them: ``1``, ``2=``, ``2=``, ``4``."""
        pairs = zip(self.table["rank"], self.table["tied"], strict=True)
        return [f"{rank}=" if tied else str(rank) for rank, tied in pairs]


def normalise(table: pd.DataFrame) -> tuple[pd.DataFrame, list[JuryWarning]]:
    """``table`` with ``z``: each score as a z-score within its juror and criterion.

    The standard deviation is the population one (the teams a juror scored are all there is). A
    juror who gave every team the same score on a criterion (or scored a single team) has no
    spread to divide by: their z is 0 there, and a warning says so.
    """
    groups = table.groupby(["juror", "criterion"], sort=False)["score"]
    mean = groups.transform("mean")
    spread = groups.transform(lambda scores: scores.std(ddof=0))
    flat = np.isclose(spread, 0)
    z = ((table["score"] - mean) / spread.where(~flat, 1.0)).where(~flat, 0.0)
    warnings = [
        JuryWarning("zero_spread", {"juror": j, "criterion": c, "value": f"{rows.iloc[0]:g}"})
        for (j, c), rows in table[flat].groupby(["juror", "criterion"], sort=False)["score"]
    ]
    return table.assign(z=z), warnings


def rank_scores(scores: Scores, rubric: Rubric, precision: int = DEFAULT_PRECISION) -> Ranking:
    """Rank the teams in ``scores`` with ``rubric``'s weights; ties at ``precision`` decimals.

    Where a juror skipped a criterion of a team, that juror's total uses the other jurors' mean
    for it, so the total equals the mean of the jurors' totals; a criterion nobody scored for a
    team counts as 0 (average).
    """
    if scores.table.empty:
        raise DataFormatError(scores.source or "scores", MSG["no_scores"].get())
    table, warnings = normalise(scores.table)
    ids, weights = rubric.ids, pd.Series(rubric.weights)
    cells = table.pivot_table(index="team", columns="criterion", values="z", aggfunc="mean")
    cells = cells.reindex(columns=ids)
    per_juror = table.pivot_table(index=["team", "juror"], columns="criterion", values="z")
    per_juror = per_juror.reindex(columns=ids)
    team_means = cells.reindex(per_juror.index.get_level_values("team")).set_axis(per_juror.index)
    juror_totals = (per_juror.fillna(team_means).fillna(0) * weights).sum(axis=1)
    totals = (cells.fillna(0) * weights).sum(axis=1)
    by_team = juror_totals.groupby(level="team")
    result = cells.assign(
        total=totals, spread=by_team.std(ddof=1), jurors=by_team.size()
    ).reset_index()
    ranks, tied = competition_ranks(result["total"], precision)
    result.insert(0, "rank", ranks)
    result.insert(1, "tied", tied)
    order = sorted(range(len(result)), key=lambda i: (ranks[i], str(result["team"][i]).casefold()))
    result = result.iloc[order].reset_index(drop=True)
    result.columns.name = None
    return Ranking(
        table=result,
        juror_totals=juror_totals.rename("total").reset_index(),
        rubric=rubric,
        precision=precision,
        warnings=[*scores.warnings, *warnings],
    )


def competition_ranks(totals: pd.Series, precision: int) -> tuple[list[int], list[bool]]:
    """Rank (1 = highest) and whether it is shared, comparing totals rounded to ``precision``.

    Equal rounded totals share the best rank and the next rank is skipped (1, 2=, 2=, 4), the
    usual rule of competitions. Float noise is removed first, so exact ties never split.
    """
    rounded = pd.Series(totals, dtype=float).round(9).round(precision)
    ranks = rounded.rank(method="min", ascending=False).astype(int)
    return ranks.tolist(), rounded.duplicated(keep=False).tolist()
