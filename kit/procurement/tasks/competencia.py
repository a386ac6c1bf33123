"""Graded tasks of ``contrataciones/02_competencia``: short submission periods and single bids.

Participants compute Cardinal's R003 and R018 by hand with pandas; the expected answers are
computed here from the loaded data (so they hold for real files too) with the same plain rules
the notebook states: competitive means ``procurement_method`` ``open`` or ``selective``, days are
whole days (``.dt.days``), and a process without ``number_of_tenderers`` is left out of rates.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

import kit.procurement
from kit.check import Frame, Number, Series, Task, TaskSet, Values
from kit.i18n import Text

__all__ = ["COMPETITIVE", "SHORT_DAYS", "TASKS"]

#: Methods that call for competition: *licitación pública* and *invitación a cuando menos tres*.
COMPETITIVE = ("open", "selective")
#: Threshold of the notebook's task: fewer whole days than this is a short period.
SHORT_DAYS = 10


def competitive(data: Any) -> pd.DataFrame:
    """Rows of ``data.tenders`` whose procurement method is open or selective."""
    tenders = data.tenders
    return tenders.loc[tenders["procurement_method"].isin(COMPETITIVE).fillna(False).astype(bool)]


def periods(data: Any) -> pd.DataFrame:
    """``ocid`` and ``dias`` (whole days from tender start to end) of competitive processes."""
    tenders = competitive(data)
    days = (tenders["tender_end"] - tenders["tender_start"]).dt.days
    return pd.DataFrame({"ocid": tenders["ocid"], "dias": days}).reset_index(drop=True)


def short_periods(data: Any) -> set[str]:
    """Ocids of competitive processes with fewer than :data:`SHORT_DAYS` whole days."""
    table = periods(data)
    return set(table.loc[(table["dias"] < SHORT_DAYS).fillna(False).astype(bool), "ocid"])


def _single_bid(data: Any) -> pd.DataFrame:
    """Competitive processes with a known number of tenderers, with a boolean ``unica``."""
    tenders = competitive(data)
    known = tenders.loc[tenders["number_of_tenderers"].notna()]
    return known.assign(unica=known["number_of_tenderers"].eq(1).astype(bool))


def single_bid_rate(data: Any) -> float:
    """Share of competitive processes (known number of tenderers) with exactly one tenderer."""
    return float(_single_bid(data)["unica"].mean())


def single_bid_by_buyer(data: Any) -> pd.Series:
    """The same share per ``buyer_name``."""
    rates = _single_bid(data).groupby("buyer_name")["unica"].mean().astype(float)
    rates.index = rates.index.astype(object)
    return rates


TASKS = TaskSet(
    "contrataciones-02",
    [
        Task(
            id="plazos",
            variable="plazos",
            expected=periods,
            compare=Frame(key=["ocid"], columns=["dias"]),
            hints=[
                Text(
                    "Parte de la tabla `competitivos`, que ya tiene solo los procesos `open` y "
                    "`selective`, y resta sus columnas `tender_end` y `tender_start`.",
                    "Start from the `competitivos` table, which already holds only `open` and "
                    "`selective` processes, and subtract its `tender_end` and `tender_start` "
                    "columns.",
                ),
                Text(
                    "Restar dos columnas de fechas da duraciones (`Timedelta`); `.dt.days` da "
                    "los días completos de cada una, como en el ejemplo de juguete.",
                    "Subtracting two date columns gives durations (`Timedelta`); `.dt.days` "
                    "gives the whole days of each, as in the toy example.",
                ),
                Text(
                    "Guarda el resultado en una columna nueva: `tabla['dias'] = ...` (o "
                    "`tabla.assign(dias=...)`), y deja la columna `ocid`.",
                    "Store the result in a new column: `table['dias'] = ...` (or "
                    "`table.assign(dias=...)`), and keep the `ocid` column.",
                ),
            ],
            title=Text(
                "Días para presentar ofertas de cada proceso competitivo.",
                "Days to submit bids of each competitive process.",
            ),
        ),
        Task(
            id="plazos_cortos",
            variable="plazos_cortos",
            expected=short_periods,
            compare=Values(),
            hints=[
                Text(
                    "Parte de tu tabla `plazos`: `plazos['dias'] < 10` es una condición.",
                    "Start from your `plazos` table: `plazos['dias'] < 10` is a condition.",
                ),
                Text(
                    "Filtra las filas con esa condición, toma la columna `ocid` y conviértela "
                    "con `set(...)`.",
                    "Filter the rows with that condition, take the `ocid` column and convert it "
                    "with `set(...)`.",
                ),
            ],
            title=Text(
                "Procesos competitivos con menos de 10 días para ofertar.",
                "Competitive processes with fewer than 10 days to bid.",
            ),
        ),
        Task(
            id="tasa_oferta_unica",
            variable="tasa_oferta_unica",
            expected=single_bid_rate,
            compare=Number(rel_tol=1e-6, kind="proportion"),
            hints=[
                Text(
                    "Usa la tabla `competitivos` y su columna `number_of_tenderers`; los procesos "
                    "sin ese dato (`<NA>`) no cuentan.",
                    "Use the `competitivos` table and its `number_of_tenderers` column; processes "
                    "without that value (`<NA>`) do not count.",
                ),
                Text(
                    "`columna.eq(1)` (o `columna == 1`) da `True`/`False`; el promedio de eso es "
                    "una proporción. Los `<NA>` se ignoran al promediar.",
                    "`column.eq(1)` (or `column == 1`) gives `True`/`False`; its mean is a "
                    "proportion. `<NA>` values are skipped by the mean.",
                ),
            ],
            title=Text(
                "Proporción de procesos competitivos con un solo licitante.",
                "Share of competitive processes with a single tenderer.",
            ),
        ),
        Task(
            id="oferta_unica_por_comprador",
            variable="oferta_unica_por_comprador",
            expected=single_bid_by_buyer,
            compare=Series(rel_tol=1e-6),
            hints=[
                Text(
                    "Es la tarea anterior, pero por comprador: agrupa `competitivos` por "
                    "`buyer_name` con `.groupby(...)`.",
                    "It is the previous task, but per buyer: group `competitivos` by "
                    "`buyer_name` with `.groupby(...)`.",
                ),
                Text(
                    "Deja fuera los procesos sin `number_of_tenderers` antes de agrupar "
                    "(`.dropna(subset=[...])`): si no, un comprador sin datos queda como `NaN`.",
                    "Leave out processes without `number_of_tenderers` before grouping "
                    "(`.dropna(subset=[...])`): otherwise a buyer without data shows as `NaN`.",
                ),
                Text(
                    "Crea antes una columna de `True`/`False` (¿un solo licitante?) y calcula su "
                    "`.mean()` por grupo, como hicimos con los plazos cortos.",
                    "First create a `True`/`False` column (a single tenderer?) and take its "
                    "`.mean()` per group, as we did with short periods.",
                ),
            ],
            title=Text(
                "Proporción de oferta única por comprador.",
                "Single-bid share by buyer.",
            ),
            points=2,
        ),
    ],
    load=kit.procurement.load,
)
