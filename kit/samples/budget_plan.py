"""The budget sample's programme totals per year, in centavos, with the planted facts.

Ordinary programmes grow 1-8 % a year in nominal pesos; their modified budget stays within
-3 %/+5 % of the approved one and they spend 93-99.5 % of it, so spent/approved stays within
±10 %. On top of that (:data:`PLANTED`):

- ``subejercicio``: 12-K011 spends about 60 % of its approval in 2021, 2022 and 2023 while its
  modified budget stays near the approved one (money assigned but not spent);
- ``modificaciones``: 36-E903 is modified to 1.85 × its approval in 2022 and 1.60 × in 2023,
  and spends nearly all of it;
- ``creado``: 20-S287 first appears in 2021; ``cerrado``: 11-S243 last appears in 2020;
- ``reasignacion``: in 2020 the transport investment programmes of ramo 09 are cut to about
  half and health programmes of ramo 12 receive the money (E023 +30 %, P018 +60 %,
  E036 +70 %): the year whose modifications move the most money;
- ``real``: 11-E010 grows exactly 2 % a year in nominal pesos (+10.4 % from 2019 to 2024), which
  is a fall of about 15 % in pesos of 2024 (the INPC grew 30 % in those years).
"""

from __future__ import annotations

from dataclasses import dataclass

from kit.samples._rng import Draw
from kit.samples.budget_catalog import PROGRAMS, Program

__all__ = ["PLANTED", "YEARS", "Totals", "plan"]

YEARS = tuple(range(2019, 2025))

PLANTED = {
    "subejercicio": {"programa": "12-K011", "ejercido_aprobado": {2021: 0.58, 2022: 0.61,
                                                                  2023: 0.60}},
    "modificaciones": {"programa": "36-E903", "modificado_aprobado": {2022: 1.85, 2023: 1.60}},
    "creado": {"programa": "20-S287", "desde": 2021},
    "cerrado": {"programa": "11-S243", "hasta": 2020},
    "reasignacion": {
        "ciclo": 2020,
        "recortes": {"09-K003": 0.55, "09-K031": 0.58, "09-K040": 0.50, "09-E017": 0.70},
        "aumentos": {"12-E023": 1.30, "12-P018": 1.60, "12-E036": 1.70},
    },
    "real": {"programa": "11-E010", "crecimiento_nominal": 1.02},
}  # fmt: skip


@dataclass(frozen=True)
class Totals:
    """One programme's amounts in one year, in centavos (pagado + adefas = ejercido)."""

    aprobado: int
    modificado: int
    devengado: int
    ejercido: int
    adefas: int

    @property
    def pagado(self) -> int:
        return self.ejercido - self.adefas


def plan(draw: Draw) -> dict[tuple[str, int], Totals]:
    """Totals of every programme in every year it exists, keyed by (``ramo-programa``, year)."""
    out: dict[tuple[str, int], Totals] = {}
    for program in PROGRAMS:
        approved = program.size * 1e6 * draw.uniform(0.9, 1.1)
        for year in YEARS:
            if year > YEARS[0]:
                approved *= _growth(program, draw)
            if not program.first <= year <= program.last:
                continue
            modified, spent = _ratios(program, year, draw)
            out[(program.key, year)] = _totals(approved, modified, spent, draw)
    return out


def _growth(program: Program, draw: Draw) -> float:
    if program.key == PLANTED["real"]["programa"]:
        return PLANTED["real"]["crecimiento_nominal"]
    return draw.uniform(1.01, 1.08)


def _ratios(program: Program, year: int, draw: Draw) -> tuple[float, float]:
    """(modified / approved, spent / modified) of a programme in a year."""
    modified, spent = draw.uniform(0.97, 1.05), draw.uniform(0.93, 0.995)
    under, mods = PLANTED["subejercicio"], PLANTED["modificaciones"]
    moves = PLANTED["reasignacion"]
    if program.key == PLANTED["real"]["programa"]:
        return 1.0, 0.99
    if program.key == under["programa"] and year in under["ejercido_aprobado"]:
        modified = draw.uniform(0.96, 1.0)
        return modified, under["ejercido_aprobado"][year] / modified
    if program.key == mods["programa"] and year in mods["modificado_aprobado"]:
        return mods["modificado_aprobado"][year], draw.uniform(0.98, 0.995)
    if year == moves["ciclo"]:
        change = moves["recortes"].get(program.key) or moves["aumentos"].get(program.key)
        if change:
            return change, draw.uniform(0.97, 0.995)
    return modified, spent


def _totals(approved: float, modified_ratio: float, spent_ratio: float, draw: Draw) -> Totals:
    aprobado = round(approved * 100)
    modificado = round(aprobado * modified_ratio)
    ejercido = round(modificado * spent_ratio)
    devengado = round(ejercido * draw.uniform(1.0, 1.003))
    adefas = round(ejercido * draw.uniform(0.002, 0.012)) if draw.chance(0.3) else 0
    return Totals(aprobado, modificado, devengado, ejercido, adefas)
