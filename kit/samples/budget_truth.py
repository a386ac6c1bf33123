"""truth.json of the budget sample: every planted fact, recounted from the generated rows."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from kit.budget.inpc import ANNUAL, SOURCE
from kit.samples.budget_plan import PLANTED, YEARS
from kit.samples.budget_rows import AMOUNT_COLUMNS, Row

__all__ = ["THRESHOLD", "facts"]

#: The threshold of the flags recorded in the truth: spent/approved off by more than 25 %.
THRESHOLD = 0.25


def _pesos(cents: int) -> float:
    return round(cents / 100, 2)


def programme_sums(rows: list[Row]) -> dict[tuple[int, str], dict[str, int]]:
    """Centavos per (year, ``ramo-programa``) and measure."""
    sums: dict[tuple[int, str], dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(AMOUNT_COLUMNS, 0)
    )
    for row in rows:
        for measure, cents in row.amounts.items():
            sums[(row.year, row.program.key)][measure] += cents
    return dict(sums)


def _year_figures(sums: dict[str, int]) -> dict[str, float]:
    approved = sums["aprobado"]
    return {
        "aprobado": _pesos(approved),
        "modificado": _pesos(sums["modificado"]),
        "ejercido": _pesos(sums["ejercido"]),
        "ejercido_aprobado": round(sums["ejercido"] / approved, 4),
        "modificado_aprobado": round(sums["modificado"] / approved, 4),
    }


def facts(rows: list[Row]) -> dict[str, Any]:
    """The totals, the planted facts with their figures, and the flags at :data:`THRESHOLD`."""
    sums = programme_sums(rows)
    keys = sorted({key for _, key in sums})
    years_of = {key: sorted(year for year, k in sums if k == key) for key in keys}
    totals = {
        str(year): {
            m: _pesos(sum(v[m] for (y, _), v in sums.items() if y == year)) for m in AMOUNT_COLUMNS
        }
        for year in YEARS
    }
    under, mods = PLANTED["subejercicio"], PLANTED["modificaciones"]
    moves, real = PLANTED["reasignacion"], PLANTED["real"]
    return {
        "programas": len(keys),
        "programas_por_ciclo": {str(y): sum(1 for (yy, _) in sums if yy == y) for y in YEARS},
        "totales": totals,
        "subejercicio": {
            "programa": under["programa"],
            "ciclos": {
                str(y): _year_figures(sums[(y, under["programa"])])
                for y in under["ejercido_aprobado"]
            },
        },
        "modificaciones": {
            "programa": mods["programa"],
            "ciclos": {
                str(y): _year_figures(sums[(y, mods["programa"])])
                for y in mods["modificado_aprobado"]
            },
        },
        "creado": {"programa": PLANTED["creado"]["programa"],
                   "ciclos": years_of[PLANTED["creado"]["programa"]]},
        "cerrado": {"programa": PLANTED["cerrado"]["programa"],
                    "ciclos": years_of[PLANTED["cerrado"]["programa"]]},
        "reasignacion": _reallocation(sums, moves),
        "real": _real(sums, real["programa"]),
        "claves_compartidas": _shared(keys),
        "senales": _flags(sums),
        "umbral_senales": THRESHOLD,
        "inpc": {"fuente": SOURCE, "promedio_anual": {str(y): round(ANNUAL[y], 4) for y in YEARS}},
    }  # fmt: skip


def _reallocation(sums: dict, moves: dict) -> dict[str, Any]:
    """Share of the approved budget moved by modifications, per year (sum of |mod − apr|)."""
    share = {}
    for year in YEARS:
        chosen = [v for (y, _), v in sums.items() if y == year]
        moved = sum(abs(v["modificado"] - v["aprobado"]) for v in chosen)
        share[str(year)] = round(moved / sum(v["aprobado"] for v in chosen), 4)
    year = moves["ciclo"]
    changed = {**moves["recortes"], **moves["aumentos"]}
    return {
        "ciclo": year,
        "movido_sobre_aprobado": share,
        "programas": {key: _year_figures(sums[(year, key)]) for key in sorted(changed)},
    }


def _real(sums: dict, key: str) -> dict[str, Any]:
    first, last = YEARS[0], YEARS[-1]
    nominal = {str(y): _pesos(sums[(y, key)]["ejercido"]) for y in YEARS}
    real = {str(y): round(nominal[str(y)] * ANNUAL[last] / ANNUAL[y], 2) for y in YEARS}
    return {
        "programa": key,
        "pesos_de": last,
        "ejercido_nominal": nominal,
        "ejercido_real": real,
        "cambio_nominal": round(nominal[str(last)] / nominal[str(first)] - 1, 4),
        "cambio_real": round(real[str(last)] / real[str(first)] - 1, 4),
    }


def _shared(keys: list[str]) -> dict[str, list[str]]:
    """Programme keys (``E010``) published by more than one ramo."""
    ramos: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        ramo, programa = key.split("-")
        ramos[programa].append(ramo)
    return {programa: r for programa, r in sorted(ramos.items()) if len(r) > 1}


def _flags(sums: dict) -> list[dict[str, Any]]:
    """Programme-years whose ejercido / aprobado is off by more than :data:`THRESHOLD`."""
    out = []
    for (year, key), v in sorted(sums.items()):
        ratio = v["ejercido"] / v["aprobado"] if v["aprobado"] else None
        if ratio is None:
            signal = "sin_aprobado"
        elif ratio < 1 - THRESHOLD:
            signal = "debajo"
        elif ratio > 1 + THRESHOLD:
            signal = "encima"
        else:
            continue
        ramo, programa = key.split("-")
        out.append({"ciclo": year, "ramo": ramo, "programa": programa, "senal": signal,
                    "ejercido_aprobado": None if ratio is None else round(ratio, 4)})  # fmt: skip
    return out
