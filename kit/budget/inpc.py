"""Nominal pesos to constant pesos with INEGI's consumer price index (INPC).

A budget that grows 2 % a year while prices grow 5 % shrinks in what it can buy. The kit ships
INEGI's monthly **Índice Nacional de Precios al Consumidor, índice general, base segunda
quincena de julio de 2018 = 100** for 2018-2024 (:data:`MONTHLY`, as published in INEGI's
Banco de Información Económica and its indicators API, three decimals) and uses the **annual
average** of the twelve months (:data:`ANNUAL`), the usual deflator for yearly flows such as a
budget. The averages reproduce INEGI's published average annual inflation: 2019 3.64 %, 2020
3.40 %, 2021 5.69 %, 2022 7.90 %, 2023 5.53 %, 2024 4.72 %.

``amount_real = amount × INPC[base_year] / INPC[ciclo]``: pesos of ``base_year``. Other years
(or another index, such as the GDP deflator Hacienda uses) can be passed as ``inpc={year:
value}``. Source: INEGI, https://www.inegi.org.mx/temas/inpc/; the values were checked against a
public copy of the series (``hisoto/comportamiento_precios``, ``data/inpc.csv``) and against the
average annual inflation INEGI published.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from kit.errors import KitError
from kit.i18n import messages

__all__ = ["ANNUAL", "MONTHLY", "SOURCE", "deflate", "factor", "to_constant_pesos"]

SOURCE = (
    "INEGI, Índice Nacional de Precios al Consumidor (INPC), índice general, base 2a quincena "
    "de julio de 2018 = 100; promedio anual de los índices mensuales."
)

#: INPC, general index, monthly (January to December), base 2Q July 2018 = 100.
MONTHLY: dict[int, tuple[float, ...]] = {
    2018: (98.795, 99.171, 99.492, 99.155, 98.994, 99.376,
           99.909, 100.492, 100.917, 101.440, 102.303, 103.020),
    2019: (103.108, 103.079, 103.476, 103.531, 103.233, 103.299,
           103.687, 103.670, 103.942, 104.503, 105.346, 105.934),
    2020: (106.447, 106.889, 106.838, 105.755, 106.162, 106.743,
           107.444, 107.867, 108.114, 108.774, 108.856, 109.271),
    2021: (110.210, 110.907, 111.824, 112.190, 112.419, 113.018,
           113.682, 113.899, 114.601, 115.561, 116.884, 117.308),
    2022: (118.002, 118.981, 120.159, 120.809, 121.022, 122.044,
           122.948, 123.803, 124.571, 125.276, 125.997, 126.478),
    2023: (127.336, 128.046, 128.389, 128.363, 128.084, 128.214,
           128.832, 129.545, 130.120, 130.609, 131.445, 132.373),
    2024: (133.555, 133.681, 134.065, 134.336, 134.087, 134.594,
           136.003, 136.013, 136.080, 136.828, 137.424, 137.949),
}  # fmt: skip

#: Annual average INPC by year (mean of the twelve monthly indices).
ANNUAL: dict[int, float] = {year: sum(months) / 12 for year, months in MONTHLY.items()}

MSG = messages(
    "budget.inpc",
    {
        "missing": (
            "no tengo el INPC de {years}: el kit trae {first}-{last}. Pasa inpc={{año: valor}} "
            "con el promedio anual del INPC de INEGI (base 2a quincena de julio 2018 = 100).",
            "no INPC for {years}: the kit has {first}-{last}. Pass inpc={{year: value}} with "
            "INEGI's annual average INPC (base 2Q July 2018 = 100).",
        ),
        "no_amounts": (
            "no hay columnas de importes que deflactar entre {columns}.",
            "no amount columns to deflate among {columns}.",
        ),
    },
)


def factor(year: int, base_year: int, inpc: Mapping[int, float] | None = None) -> float:
    """How many pesos of ``base_year`` one peso of ``year`` is worth: INPC[base] / INPC[year]."""
    index = ANNUAL if inpc is None else inpc
    _check(index, [year, base_year])
    return index[base_year] / index[year]


def to_constant_pesos(
    amount: float, year: int, base_year: int, inpc: Mapping[int, float] | None = None
) -> float:
    """``amount`` pesos of ``year`` in pesos of ``base_year``."""
    return amount * factor(year, base_year, inpc)


def deflate(
    frame: pd.DataFrame,
    base_year: int | None = None,
    columns: Iterable[str] | None = None,
    *,
    inpc: Mapping[int, float] | None = None,
    year_column: str = "ciclo",
) -> pd.DataFrame:
    """A copy of ``frame`` with ``<column>_real``: each amount in pesos of ``base_year``.

    Args:
        frame: a table with a year column (``ciclo``) and amounts in nominal pesos.
        base_year: the year whose pesos to use; by default the latest year in ``frame``.
        columns: which amounts; by default those of ``aprobado``, ``modificado``,
            ``devengado``, ``pagado``, ``adefas``, ``ejercido`` and ``diferencia`` present.
        inpc: another annual index ``{year: value}`` instead of :data:`ANNUAL`.
        year_column: the column holding the year.

    Raises:
        KitError: a year of ``frame`` (or ``base_year``) has no INPC.
    """
    default = ("aprobado", "modificado", "devengado", "pagado", "adefas", "ejercido", "diferencia")
    chosen = [c for c in (columns or default) if c in frame.columns]
    if not chosen:
        raise KitError(MSG["no_amounts"].format(columns=", ".join(columns or default)))
    years = frame[year_column].astype(int)
    base = int(years.max()) if base_year is None else int(base_year)
    index = ANNUAL if inpc is None else inpc
    _check(index, [*sorted(set(years)), base])
    factors = years.map(lambda year: index[base] / index[year]).astype("float64")
    out = frame.copy()
    for column in chosen:
        out[f"{column}_real"] = out[column].astype("float64") * factors
    out.attrs = {**frame.attrs, "pesos_de": base, "inpc": SOURCE if inpc is None else "inpc"}
    return out


def _check(index: Mapping[int, float], years: Iterable[int]) -> None:
    missing = sorted({int(y) for y in years if int(y) not in index})
    if missing:
        known = sorted(index)
        raise KitError(
            MSG["missing"].format(
                years=", ".join(map(str, missing)), first=known[0], last=known[-1]
            )
        )
