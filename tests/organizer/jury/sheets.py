"""Small jury sheets for the tests: a two-criteria rubric and rows built from a dict."""

from __future__ import annotations

HEADER = ("juror", "team", "criterion", "score")

#: Two criteria, impact three times as heavy as technique, scale 1–5.
RUBRIC = """
[scale]
min = 1
max = 5

[[criteria]]
id = "impacto"
name = { es = "Impacto", en = "Impact" }
weight = {impact}

[[criteria]]
id = "tecnica"
name = { es = "Técnica", en = "Technique" }
aliases = ["technique"]
weight = {technique}
"""


def full_sheet(scores: dict[tuple[str, str], tuple[int, int]]) -> list[tuple]:
    """Rows for the two-criteria rubric: {(juror, team): (impacto, tecnica)}."""
    return [
        (juror, team, criterion, value)
        for (juror, team), values in scores.items()
        for criterion, value in zip(("impacto", "tecnica"), values, strict=True)
    ]
