"""The ranking as files: ranking.csv for spreadsheets, ranking.md to read, ranking.png to show.

Numbers are rounded to the ranking's precision everywhere, the same rounding that decides ties,
so what people read is what was compared.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kit.i18n import messages
from kit.organizer.jury.ranking import Ranking

__all__ = ["display_rows", "ranking_csv", "to_markdown", "write_ranking"]

MSG = messages(
    "jury.report",
    {
        "place": ("Lugar", "Rank"),
        "team": ("Equipo", "Team"),
        "total": ("Total", "Total"),
        "spread": ("Dispersión", "Spread"),
        "jurors": ("Jurados", "Jurors"),
        "title": ("Ranking del jurado", "Jury ranking"),
        "sources": (
            "Puntajes: `{scores}` · Rúbrica: `{rubric}` · {teams} equipos, {jurors} jurados.",
            "Scores: `{scores}` · Rubric: `{rubric}` · {teams} teams, {jurors} jurors.",
        ),
        "method": (
            "Cada puntaje se normaliza por jurado y criterio (puntaje z sobre los equipos que ese "
            "jurado calificó), así un jurado estricto y uno generoso pesan lo mismo. Por criterio "
            "se promedian los jurados; el total es la suma ponderada por la rúbrica (0 = equipo "
            "promedio). Dispersión: desviación estándar de los totales de cada jurado. Empate "
            "(«2=»): el mismo total redondeado a {precision} decimales.",
            "Each score is normalised per juror and criterion (a z-score over the teams that "
            "juror scored), so a strict juror and a generous one weigh the same. Jurors are "
            "averaged per criterion; the total is the rubric-weighted sum (0 = average team). "
            "Spread: standard deviation of the jurors' totals. Tie ('2='): the same total "
            "rounded to {precision} decimals.",
        ),
        "warnings": ("Advertencias ({n})", "Warnings ({n})"),
        "no_warnings": ("Sin advertencias.", "No warnings."),
    },
)


def write_ranking(ranking: Ranking, folder: str | Path, scores_source: str = "") -> list[Path]:
    """Write ranking.csv, ranking.md and ranking.png into ``folder``; return their paths."""
    from kit.organizer.jury.plot import plot_ranking

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    csv_path, md_path, png_path = (folder / f"ranking.{ext}" for ext in ("csv", "md", "png"))
    ranking_csv(ranking).to_csv(csv_path, index=False, encoding="utf-8")
    md_path.write_text(to_markdown(ranking, scores_source, png_path.name), encoding="utf-8")
    plot_ranking(ranking).savefig(png_path, dpi=150)
    return [csv_path, md_path, png_path]


def ranking_csv(ranking: Ranking) -> pd.DataFrame:
    """The ranking table with numbers rounded to the ranking's precision (stable column ids)."""
    table = ranking.table.copy()
    numbers = [*ranking.rubric.ids, "total", "spread"]
    table[numbers] = table[numbers].astype(float).round(ranking.precision) + 0.0  # no "-0.0"
    return table


def display_rows(ranking: Ranking) -> tuple[list[str], list[list[str]]]:
    """Headers and rows as text, in the current language (for the terminal and Markdown)."""
    headers = [MSG["place"].get(), MSG["team"].get()]
    for criterion in ranking.rubric:
        weight = f"{criterion.weight:.0%}"
        headers.append(f"{criterion.name.get()} ({weight})")
    headers += [MSG[key].get() for key in ("total", "spread", "jurors")]
    rows = []
    for place, row in zip(ranking.places, ranking.table.to_dict("records"), strict=True):
        numbers = [row[key] for key in (*ranking.rubric.ids, "total", "spread")]
        cells = [_number(value, ranking.precision) for value in numbers]
        rows.append([place, str(row["team"]), *cells, str(row["jurors"])])
    return headers, rows


def to_markdown(ranking: Ranking, scores_source: str = "", plot: str = "ranking.png") -> str:
    """The ranking, how it was computed, the plot and every warning, in Markdown."""
    headers, rows = display_rows(ranking)
    jurors = ranking.juror_totals["juror"].nunique()
    sources = MSG["sources"].format(
        scores=scores_source or "—",
        rubric=ranking.rubric.source,
        teams=len(ranking.table),
        jurors=jurors,
    )
    lines = [f"# {MSG['title'].get()}", "", sources, "", MSG["method"].format(
        precision=ranking.precision), ""]  # fmt: skip
    lines += [_md_row(headers), _md_row(["---"] * len(headers))]
    lines += [_md_row(row) for row in rows]
    lines += ["", f"![{MSG['title'].get()}]({plot})", ""]
    lines += [f"## {MSG['warnings'].format(n=len(ranking.warnings))}", ""]
    lines += [f"- {warning}" for warning in ranking.warnings] or [MSG["no_warnings"].get()]
    return "\n".join(lines) + "\n"


def _md_row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def _number(value: float, precision: int) -> str:
    if pd.isna(value):
        return "—"
    return f"{round(float(value), precision) + 0.0:.{precision}f}"
