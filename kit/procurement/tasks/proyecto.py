"""Graded tasks of notebook 04 of ``contrataciones`` and the baseline the teams try to beat.

The baseline is a risk table with one row per buyer (by name): the rate of short submission
periods (R003) and of single bids (R018) among its competitive processes, its share of direct
awards and the concentration of its suppliers (HHI), and a ``puntaje``, the mean of the four
percentile ranks. It is a starting point, not an official index::

    from kit.procurement.tasks import proyecto
    proyecto.baseline(datos).head(10)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from kit.check import Frame, Incorrect, Task, TaskSet
from kit.i18n import Text, messages
from kit.procurement.indicators import (
    direct_award_share,
    short_submission_period,
    single_bid,
    supplier_concentration,
)
from kit.procurement.load import load
from kit.procurement.tasks.concentracion import ScaledSeries

__all__ = [
    "COMPETITIVE",
    "R003_DAYS",
    "RISK_COLUMNS",
    "TASKS",
    "KeyedFrame",
    "baseline",
    "rate_by_buyer",
]

#: Methods whose submission period and number of bidders are evaluated (tenders, invitations).
COMPETITIVE = "open|selective"
#: R003 threshold of the baseline: periods shorter than 10 whole days.
R003_DAYS = 10
#: The indicator columns of the risk table, in order; ``puntaje`` averages their ranks.
RISK_COLUMNS = ("r003", "r018", "directas", "hhi")

MSG = messages(
    "tasks.proyecto",
    {
        "key_in_index": (
            "En `{var}`, `{key}` está en el índice y no como columna: `.reset_index()` lo vuelve "
            "columna.",
            "In `{var}`, `{key}` is in the index, not a column: `.reset_index()` makes it a "
            "column.",
        ),
    },
)


def rate_by_buyer(flags: pd.DataFrame, data: Any) -> pd.Series:
    """Share of each buyer's evaluated processes that an indicator flags.

    Args:
        flags: the output of a per-process indicator (columns ``ocid``, ``evaluated``, ``flag``),
            such as ``single_bid(datos)``.
        data: the tables from :func:`kit.procurement.load.load`.

    Returns:
        A Series indexed by ``buyer_name`` with values between 0 and 1.
    """
    flags = flags.merge(data.tenders[["ocid", "buyer_name"]], on="ocid")
    evaluated = flags[flags["evaluated"]]
    return evaluated.groupby("buyer_name")["flag"].mean().astype(float)


def _short_period_rate(data: Any) -> pd.Series:
    """R003 rate per buyer with the baseline's settings."""
    flags = short_submission_period(data, threshold_days=R003_DAYS, procurement_methods=COMPETITIVE)
    return rate_by_buyer(flags, data)


def baseline(data: Any) -> pd.DataFrame:
    """The baseline risk table: one row per buyer, riskiest first.

    Args:
        data: the tables from :func:`kit.procurement.load.load`.

    Returns:
        Columns ``buyer_name``, ``r003`` (rate of R003 with :data:`R003_DAYS` days among
        competitive processes), ``r018`` (rate of R018), ``directas`` (share of direct awards),
        ``hhi`` (Herfindahl–Hirschman index, 0–1) and ``puntaje`` (mean of the percentile ranks
        of the four, 0–1; a missing indicator is left out of the mean), sorted by ``puntaje``
        from highest to lowest.
    """
    direct = direct_award_share(data, by="buyer_name").set_index("buyer_name")["direct_share"]
    hhi = supplier_concentration(data, by="buyer_name").set_index("buyer_name")["hhi"]
    parts = [_short_period_rate(data), rate_by_buyer(single_bid(data), data), direct, hhi]
    table = pd.concat(dict(zip(RISK_COLUMNS, parts, strict=True)), axis=1).astype(float)
    table["puntaje"] = table[list(RISK_COLUMNS)].rank(pct=True).mean(axis=1)
    table = table.rename_axis("buyer_name").reset_index()
    return table.sort_values(["puntaje", "buyer_name"], ascending=[False, True], ignore_index=True)


@dataclass(frozen=True)
class KeyedFrame(Frame):
    """A Frame comparator that says so when the key is the answer's index instead of a column."""

    def compare(self, answer: Any, expected: pd.DataFrame, var: str) -> None:
        if isinstance(answer, pd.DataFrame):
            hidden = [k for k in self.key if k not in answer.columns and k in answer.index.names]
            if hidden:
                raise Incorrect(MSG["key_in_index"], var=var, key=", ".join(hidden))
        super().compare(answer, expected, var)


TASKS = TaskSet(
    "contrataciones-04",
    [
        Task(
            id="tasa_r003",
            variable="tasa_r003",
            expected=_short_period_rate,
            compare=ScaledSeries(rel_tol=1e-6),
            hints=[
                Text(
                    "Sigue el ejemplo de R018 de arriba, con "
                    '`short_submission_period(datos, threshold_days=10, procurement_methods="open|'
                    'selective")` en lugar de `single_bid(datos)`.',
                    "Follow the R018 example above, with "
                    '`short_submission_period(datos, threshold_days=10, procurement_methods="open|'
                    'selective")` instead of `single_bid(datos)`.',
                ),
                Text(
                    "Para saber el comprador de cada proceso, une con "
                    '`.merge(datos.tenders[["ocid", "buyer_name"]], on="ocid")`.',
                    "To know the buyer of each process, join with "
                    '`.merge(datos.tenders[["ocid", "buyer_name"]], on="ocid")`.',
                ),
                Text(
                    "Quédate solo con las filas donde `evaluated` es True, agrupa por "
                    '`"buyer_name"` y promedia la columna `flag`.',
                    'Keep only the rows where `evaluated` is True, group by `"buyer_name"` and '
                    "average the `flag` column.",
                ),
            ],
            title=Text(
                "Tasa de periodos cortos (R003) de cada comprador.",
                "Short-period rate (R003) of each buyer.",
            ),
        ),
        Task(
            id="tabla_riesgo",
            variable="tabla_riesgo",
            expected=baseline,
            compare=KeyedFrame(key=["buyer_name"], columns=[*RISK_COLUMNS, "puntaje"]),
            hints=[
                Text(
                    "Junta las cuatro Series en una tabla con `pd.concat({...}, axis=1)`: las "
                    'claves del diccionario (`"r003"`, `"r018"`, `"directas"`, `"hhi"`) son los '
                    "nombres de las columnas.",
                    "Put the four Series together in a table with `pd.concat({...}, axis=1)`: the "
                    'keys of the dictionary (`"r003"`, `"r018"`, `"directas"`, `"hhi"`) are the '
                    "column names.",
                ),
                Text(
                    "`tabla.rank(pct=True)` convierte cada columna en su posición (de 0 a 1) entre "
                    "compradores y `.mean(axis=1)` promedia cada fila. Calcula `puntaje` cuando la "
                    "tabla tiene solo las cuatro columnas.",
                    "`tabla.rank(pct=True)` turns each column into its position (0 to 1) among "
                    "buyers and `.mean(axis=1)` averages each row. Compute `puntaje` while the "
                    "table has only the four columns.",
                ),
                Text(
                    "El comprador está en el índice: `.reset_index()` lo vuelve la columna "
                    '`buyer_name`. Para ordenar: `.sort_values("puntaje", ascending=False)`.',
                    "The buyer is in the index: `.reset_index()` turns it into the column "
                    '`buyer_name`. To sort: `.sort_values("puntaje", ascending=False)`.',
                ),
            ],
            title=Text(
                "Tabla de riesgo por comprador: la línea base.",
                "Risk table per buyer: the baseline.",
            ),
            points=2,
        ),
    ],
    load=load,
)
