"""The ranking as a picture that shows how sure it is: each juror's total, the mean and spread.

A horizontal dot plot, first place on top. Hollow circles are the jurors' totals for a team, the
filled diamond their mean (the team's total) and the bar one standard deviation either way: two
teams whose bars overlap a lot are close, whatever their ranks say. Colour-blind-safe colours
and distinct markers, so it also reads in black and white.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.i18n import messages
from kit.organizer.jury.ranking import Ranking

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_ranking"]

MSG = messages(
    "jury.plot",
    {
        "title": ("Ranking del jurado", "Jury ranking"),
        "xlabel": (
            "Puntaje total normalizado (z ponderado; 0 = equipo promedio)",
            "Normalised total score (weighted z; 0 = average team)",
        ),
        "jurors": ("Total de cada jurado", "Each juror's total"),
        "mean": (
            "Media ± desviación estándar entre jurados",
            "Mean ± standard deviation across jurors",
        ),
    },
)

#: From seaborn's colour-blind palette: blue for the totals, grey for single jurors.
_BLUE, _GREY = "#0173B2", "#555555"


def plot_ranking(ranking: Ranking) -> Figure:
    """A new matplotlib figure of ``ranking`` (no pyplot state: safe in scripts and tests)."""
    from matplotlib.figure import Figure

    n = len(ranking.table)
    figure = Figure(figsize=(8, 1.6 + 0.45 * n), layout="constrained")
    ax = figure.subplots()
    position = {team: n - 1 - i for i, team in enumerate(ranking.table["team"])}
    _draw_points(ax, ranking, position)
    labels = [f"{place}  {team}" for place, team in zip(ranking.places, position, strict=True)]
    ax.set_yticks(list(position.values()), labels)
    ax.set_ylim(-0.7, n - 0.3)
    ax.axvline(0, color=_GREY, linestyle="--", linewidth=0.8, zorder=1)
    ax.set_xlabel(MSG["xlabel"].get())
    ax.set_title(MSG["title"].get(), fontweight="bold")
    ax.grid(axis="x", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    figure.legend(loc="outside lower center", ncol=2, frameon=False, fontsize=8)
    return figure


def _draw_points(ax, ranking: Ranking, position: dict[str, int]) -> None:
    """Hollow circles for the jurors' totals; a diamond with a bar for mean ± spread."""
    jurors, table = ranking.juror_totals, ranking.table
    ax.scatter(jurors["total"], jurors["team"].map(position), marker="o", s=28,
               facecolors="none", edgecolors=_GREY, linewidths=1, zorder=2,
               label=MSG["jurors"].get())  # fmt: skip
    y = table["team"].map(position)
    ax.errorbar(table["total"], y, xerr=table["spread"].fillna(0), fmt="D", markersize=7,
                color=_BLUE, elinewidth=1.5, capsize=4, zorder=3,
                label=MSG["mean"].get())  # fmt: skip
    for total, height in zip(table["total"], y, strict=True):
        ax.annotate(f"{total:.{ranking.precision}f}", (total, height), xytext=(0, 7),
                    textcoords="offset points", ha="center", fontsize=8)  # fmt: skip
