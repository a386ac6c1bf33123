"""What can be wrong in a jury's scores, as warnings the organizer reads before the awards.

A warning keeps its kind, its values and the rows of the scores file it is about, and is written
in the current language only when shown: the same result reads in Spanish or English.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from kit.i18n import messages

__all__ = ["KINDS", "JuryWarning"]

MSG = messages(
    "jury.warn",
    {
        "spelling": (
            "«{name}» está escrito de varias formas ({variants}): se toman como uno solo.",
            "'{name}' is written in several ways ({variants}): they are taken as one.",
        ),
        "incomplete": (
            "Fila sin jurado, equipo o criterio: se omite.",
            "Row without juror, team or criterion: left out.",
        ),
        "conflict": (
            "{juror} tiene conflicto de interés con {team}; puntajes omitidos: {n}.",
            "{juror} has a conflict of interest with {team}; scores left out: {n}.",
        ),
        "conflict_unknown": (
            "{path} lista el conflicto ({juror}, {team}), pero {name} no aparece en los "
            "puntajes: revisa cómo está escrito.",
            "{path} lists the conflict ({juror}, {team}), but {name} does not appear in the "
            "scores: check the spelling.",
        ),
        "non_numeric": (
            "Puntaje no numérico «{value}» ({juror}, {team}, {criterion}): se omite.",
            "Non-numeric score '{value}' ({juror}, {team}, {criterion}): left out.",
        ),
        "unknown_criterion": (
            "Criterio «{criterion}» que no está en la rúbrica ({valid}); puntajes omitidos: {n}.",
            "Criterion '{criterion}' is not in the rubric ({valid}); scores left out: {n}.",
        ),
        "out_of_scale": (
            "Puntaje {value} fuera de la escala {low}–{high} de «{criterion}» ({juror}, {team}): "
            "se omite.",
            "Score {value} outside the {low}–{high} scale of '{criterion}' ({juror}, {team}): "
            "left out.",
        ),
        "duplicate": (
            "({juror}, {team}, {criterion}) se repite con el mismo puntaje: cuenta una vez.",
            "({juror}, {team}, {criterion}) is repeated with the same score: it counts once.",
        ),
        "duplicate_conflict": (
            "({juror}, {team}, {criterion}) tiene puntajes distintos ({values}): se omiten todos; "
            "corrige el archivo y vuelve a correr `kit jury`.",
            "({juror}, {team}, {criterion}) has different scores ({values}): all are left out; "
            "fix the file and run `kit jury` again.",
        ),
        "unscored_criterion": (
            "Nadie calificó «{criterion}»: cuenta como promedio (0) para todos los equipos.",
            "Nobody scored '{criterion}': it counts as average (0) for every team.",
        ),
        "missing_criteria": (
            "{juror} calificó a {team} pero no en: {criteria}. Ahí cuentan los demás jurados.",
            "{juror} scored {team} but not on: {criteria}. There the other jurors count.",
        ),
        "missing_team": (
            "{team} no tiene puntajes de: {jurors}. Su resultado usa {n} de {total} jurados.",
            "{team} has no scores from: {jurors}. Its result uses {n} of {total} jurors.",
        ),
        "zero_spread": (
            "{juror} dio el mismo puntaje ({value}) a todos sus equipos en «{criterion}»: "
            "z = 0, ese criterio no separa a sus equipos.",
            "{juror} gave all their teams the same score ({value}) on '{criterion}': "
            "z = 0, that criterion does not separate their teams.",
        ),
        "row": ("fila {rows}", "row {rows}"),
        "rows": ("filas {rows}", "rows {rows}"),
    },
)

#: Every kind of warning, in the order the checks run.
KINDS = tuple(key for key in MSG if key not in ("row", "rows"))


@dataclass
class JuryWarning:
    """One problem found in the scores; ``rows`` are row numbers of the file (header = 1)."""

    kind: str
    values: dict[str, object] = field(default_factory=dict)
    rows: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown jury warning kind {self.kind!r}")

    def message(self, lang: str | None = None) -> str:
        """The warning in ``lang`` (default: the current language), with its rows."""
        text = MSG[self.kind].format(lang, **self.values)
        if not self.rows:
            return text
        key = "row" if len(self.rows) == 1 else "rows"
        return f"{text} ({MSG[key].format(lang, rows=_short(self.rows))})"

    def __str__(self) -> str:
        return self.message()


def _short(rows: Iterable[int], most: int = 12) -> str:
    """Row numbers for people: the first dozen, then how many more."""
    rows = sorted(rows)
    shown = ", ".join(map(str, rows[:most]))
    return shown if len(rows) <= most else f"{shown}, … (+{len(rows) - most})"
