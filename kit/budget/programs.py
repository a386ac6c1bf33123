"""Approved against spent by programme and year, and one programme's path across the years.

A programme is ``ramo`` + ``programa`` (``"11"``, ``"E010"``): the same ``E010`` in two ramos is
two programmes. Sums keep a measure the files do not publish as NaN (a PEF has no ``ejercido``)
instead of turning it into 0, and a ratio over an approved amount of 0 (a programme created
during the year by modifications) is NaN, not infinite.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from kit.budget.inpc import deflate
from kit.i18n import messages

__all__ = ["KEYS", "by_program", "programs_over_years"]

#: One row of :func:`by_program` per year and programme.
KEYS = ["ciclo", "ramo", "programa"]
SPENT = ("ejercido", "devengado", "pagado")
_RATIOS = ("modificado_aprobado", *tuple(f"{s}_aprobado" for s in SPENT))

MSG = messages(
    "budget.programs",
    {
        "spent": (
            "spent debe ser uno de {known}, no {value!r}.",
            "spent must be one of {known}, not {value!r}.",
        ),
        "value": (
            "value debe ser una columna de by_program ({known}), no {value!r}.",
            "value must be a column of by_program ({known}), not {value!r}.",
        ),
        "no_years": (
            "no hay filas de los años {years}; la tabla tiene {present}.",
            "no rows for the years {years}; the table has {present}.",
        ),
    },
)


def by_program(
    table: pd.DataFrame, years: int | Iterable[int] | None = None, *, spent: str = "ejercido"
) -> pd.DataFrame:
    """Approved, modified and spent pesos per year and programme, with their ratio and gap.

    Args:
        table: the tidy table of :func:`kit.budget.read.read_budget`.
        years: one year or several; all by default.
        spent: the measure of spending: ``"ejercido"`` (default), ``"devengado"`` or
            ``"pagado"`` (the Avance publishes only ``pagado``).

    Returns:
        One row per ``ciclo``, ``ramo``, ``programa``: ``desc_ramo``, ``desc_pp``,
        ``aprobado``, ``modificado``, ``<spent>``, ``<spent>_aprobado`` (spent / approved),
        ``modificado_aprobado`` and ``diferencia`` (spent − approved, pesos).
    """
    if spent not in SPENT:
        raise ValueError(MSG["spent"].format(known=", ".join(SPENT), value=spent))
    chosen = _years(table, years)
    groups = chosen.groupby(KEYS, sort=True, dropna=False)
    sums = groups[["aprobado", "modificado", spent]].sum(min_count=1)
    names = groups[["desc_ramo", "desc_pp"]].first()
    out = names.join(sums).reset_index()
    out[f"{spent}_aprobado"] = _ratio(out[spent], out["aprobado"])
    out["modificado_aprobado"] = _ratio(out["modificado"], out["aprobado"])
    out["diferencia"] = out[spent] - out["aprobado"]
    return out


def programs_over_years(
    table: pd.DataFrame,
    value: str = "ejercido",
    *,
    years: int | Iterable[int] | None = None,
    real: bool = False,
    base_year: int | None = None,
    inpc: Mapping[int, float] | None = None,
) -> pd.DataFrame:
    """One row per programme, one column per year: how ``value`` moved (NaN: not published).

    Args:
        table: the tidy table (or the output of :func:`by_program`).
        value: a column of :func:`by_program`: ``"aprobado"``, ``"modificado"``,
            ``"ejercido"`` (``"devengado"``, ``"pagado"``), ``"diferencia"`` or a ratio such as
            ``"ejercido_aprobado"``.
        years: one year or several; all by default.
        real: amounts in constant pesos of ``base_year`` (INPC annual average; ratios are
            the same in nominal and real terms).
        base_year: the year whose pesos to use when ``real``; by default the latest.
        inpc: another annual index ``{year: value}`` (see :func:`kit.budget.inpc.deflate`).

    Returns:
        Index ``ramo``, ``programa``, ``desc_pp`` (the latest description), columns the years.
        A programme absent in a year (created later, or closed) shows NaN there.
    """
    spent = value.removesuffix("_aprobado") if value.removesuffix("_aprobado") in SPENT else None
    summary = (
        table
        if "diferencia" in table.columns
        else by_program(table, years, spent=spent or "ejercido")
    )
    summary = _years(summary, years)
    known = [c for c in summary.columns if c not in (*KEYS, "desc_ramo", "desc_pp")]
    if value not in known:
        raise ValueError(MSG["value"].format(known=", ".join(known), value=value))
    column = value
    if real and value not in _RATIOS:
        summary = deflate(summary, base_year, [value], inpc=inpc)
        column = f"{value}_real"
    latest = summary.sort_values("ciclo").groupby(["ramo", "programa"], dropna=False)["desc_pp"]
    names = latest.last()
    wide = summary.set_index(["ramo", "programa", "ciclo"])[column].unstack("ciclo")
    wide.index = pd.MultiIndex.from_tuples(
        [(ramo, programa, names.loc[(ramo, programa)]) for ramo, programa in wide.index],
        names=["ramo", "programa", "desc_pp"],
    )
    wide.columns.name = "ciclo"
    wide.attrs = {"valor": column, **summary.attrs}
    return wide.sort_index()


def _years(table: pd.DataFrame, years: int | Iterable[int] | None) -> pd.DataFrame:
    if years is None:
        return table
    wanted = [int(years)] if isinstance(years, (int, np.integer)) else [int(y) for y in years]
    chosen = table[table["ciclo"].isin(wanted)]
    if chosen.empty:
        present = ", ".join(str(y) for y in sorted(table["ciclo"].unique()))
        message = MSG["no_years"].format(years=", ".join(map(str, wanted)), present=present)
        raise ValueError(message)
    return chosen


def _ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator, NaN where the denominator is 0 or missing."""
    safe = denominator.where(denominator != 0)
    return (numerator / safe).astype("float64")
