"""Programmes whose spending departs from what was approved: signals to explain, not findings.

Modifying the approved budget during the year (*adecuaciones presupuestarias*) is legal and
common: money moves between programmes after disasters, new priorities or savings, and the
Cuenta Pública reports it. A programme that spent 60 % of its approval, or twice it, is a
question to ask (why? who decided? was it reported?), never proof of wrongdoing.
``por_modificaciones`` says whether the gap already shows in the formally modified amount.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from kit.budget.programs import by_program
from kit.i18n import messages

__all__ = ["SIGNALS", "variation_flags"]

#: ``senal`` values: spent below, above, or with no approved amount at all.
SIGNALS = ("debajo", "encima", "sin_aprobado")

MSG = messages(
    "budget.variation",
    {
        "note": (
            "Señales de riesgo para explicar, no hallazgos: modificar el presupuesto aprobado es "
            "legal y frecuente. Pregunta por qué, quién lo decidió y si se informó.",
            "Risk signals to explain, not findings: modifying the approved budget is legal and "
            "common. Ask why, who decided and whether it was reported.",
        ),
        "threshold": (
            "threshold es una proporción entre 0 y 1 (0.25 = 25 %), no {value!r}.",
            "threshold is a proportion between 0 and 1 (0.25 = 25%), not {value!r}.",
        ),
    },
)


def variation_flags(
    table: pd.DataFrame,
    threshold: float = 0.25,
    *,
    years: int | Iterable[int] | None = None,
    spent: str = "ejercido",
) -> pd.DataFrame:
    """Programme-years whose spent/approved ratio is off by more than ``threshold``.

    Args:
        table: the tidy table, or the output of :func:`kit.budget.programs.by_program`.
        threshold: the tolerated departure as a proportion: 0.25 flags spending below 75 % or
            above 125 % of the approved amount.
        years: one year or several; all by default.
        spent: ``"ejercido"`` (default), ``"devengado"`` or ``"pagado"``.

    Returns:
        The rows of :func:`by_program` that depart, plus ``desviacion`` (ratio − 1),
        ``senal`` (:data:`SIGNALS`) and ``por_modificaciones`` (the modified amount already
        departs the same way), biggest departures first within each year. ``attrs["nota"]``
        holds the reminder that these are signals, not findings.
    """
    if not 0 < float(threshold) < 1:
        raise ValueError(MSG["threshold"].format(value=threshold))
    ratio_name = f"{spent}_aprobado"
    summary = table if ratio_name in table.columns else by_program(table, years, spent=spent)
    if years is not None and summary is table:
        wanted = [years] if isinstance(years, (int, np.integer)) else list(years)
        summary = summary[summary["ciclo"].isin(wanted)]
    ratio, modified = summary[ratio_name], summary["modificado_aprobado"]
    below = ratio < 1 - threshold
    above = ratio > 1 + threshold
    unapproved = ratio.isna() & summary[spent].gt(0) & summary["aprobado"].fillna(0).eq(0)
    out = summary[below | above | unapproved].copy()
    out["desviacion"] = out[ratio_name] - 1
    out["senal"] = pd.Series(
        np.select(
            [below[out.index], above[out.index]], ["debajo", "encima"], default="sin_aprobado"
        ),
        index=out.index,
        dtype="string",
    )
    through = (
        (out["senal"].eq("debajo") & (modified[out.index] < 1 - threshold))
        | (out["senal"].eq("encima") & (modified[out.index] > 1 + threshold))
        | (out["senal"].eq("sin_aprobado") & summary.loc[out.index, "modificado"].gt(0))
    )
    out["por_modificaciones"] = through.fillna(False).astype(bool)
    order = out["desviacion"].abs().fillna(np.inf)
    out = out.assign(_orden=-order).sort_values(["ciclo", "_orden", "ramo", "programa"])
    out = out.drop(columns="_orden").reset_index(drop=True)
    out.attrs = {"nota": MSG["note"].get(), "umbral": float(threshold)}
    return out
