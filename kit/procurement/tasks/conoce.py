"""Graded tasks of ``contrataciones/01_conoce_ocds``: meet OCDS and the tidy tables.

Every expected answer is computed from the data the notebook loaded, so the same checks work
on the bundled sample and on a file downloaded from the PDN (System 6).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

import kit.procurement
from kit.check import Number, Series, Task, TaskSet, Values
from kit.i18n import Text

__all__ = ["TASKS"]


def n_processes(data: Any) -> int:
    """Distinct contracting processes (ocids)."""
    return int(data.tenders["ocid"].nunique())


def method_shares(data: Any) -> pd.Series:
    """Share of processes by ``procurement_method``, among processes whose method is known."""
    shares = data.tenders["procurement_method"].value_counts(normalize=True)
    shares.index = shares.index.astype(object)
    return shares.astype(float)


def missing_tenderers_share(data: Any) -> float:
    """Share of processes without ``number_of_tenderers``."""
    return float(data.tenders["number_of_tenderers"].isna().mean())


def end_before_start(data: Any) -> set[str]:
    """Ocids whose submission period ends before it starts (a data-entry error)."""
    tenders = data.tenders
    wrong = (tenders["tender_end"] < tenders["tender_start"]).fillna(False).astype(bool)
    return set(tenders.loc[wrong, "ocid"])


TASKS = TaskSet(
    "contrataciones-01",
    [
        Task(
            id="n_procesos",
            variable="n_procesos",
            expected=n_processes,
            compare=Number(),
            hints=[
                Text(
                    "Cada proceso de contratación tiene un `ocid` distinto; la tabla "
                    "`datos.tenders` tiene una fila por proceso.",
                    "Each contracting process has a distinct `ocid`; the `datos.tenders` table "
                    "has one row per process.",
                ),
                Text(
                    "`len(tabla)` cuenta filas; `tabla['columna'].nunique()` cuenta valores "
                    "distintos.",
                    "`len(table)` counts rows; `table['column'].nunique()` counts distinct values.",
                ),
            ],
            title=Text("Número de procesos de contratación.", "Number of contracting processes."),
        ),
        Task(
            id="proporcion_metodo",
            variable="proporcion_metodo",
            expected=method_shares,
            compare=Series(rel_tol=1e-6),
            hints=[
                Text(
                    "El método está en la columna `procurement_method` de `datos.tenders`. "
                    "Se pide una Serie con un valor por método, y los valores deben sumar 1.",
                    "The method is in column `procurement_method` of `datos.tenders`. A Series "
                    "with one value per method is asked, and the values must add up to 1.",
                ),
                Text(
                    "`.value_counts()` cuenta cuántas veces aparece cada valor de una columna. "
                    "¿Cómo pasas de conteos a proporciones?",
                    "`.value_counts()` counts how often each value of a column appears. How do "
                    "you go from counts to proportions?",
                ),
                Text(
                    "Mira el argumento `normalize` de `.value_counts()` (o divide los conteos "
                    "entre su suma). Proporciones entre 0 y 1, no porcentajes.",
                    "Look at the `normalize` argument of `.value_counts()` (or divide the counts "
                    "by their sum). Proportions between 0 and 1, not percentages.",
                ),
            ],
            title=Text(
                "Proporción de procesos de cada método de contratación.",
                "Share of processes by procurement method.",
            ),
        ),
        Task(
            id="faltan_licitantes",
            variable="faltan_licitantes",
            expected=missing_tenderers_share,
            compare=Number(rel_tol=1e-6, kind="proportion"),
            hints=[
                Text(
                    "La columna es `number_of_tenderers`; un dato faltante aparece como `<NA>`.",
                    "The column is `number_of_tenderers`; a missing value shows as `<NA>`.",
                ),
                Text(
                    "`.isna()` da `True` donde falta el dato. El promedio de una columna de "
                    "`True`/`False` es la proporción de `True`.",
                    "`.isna()` gives `True` where the value is missing. The mean of a "
                    "`True`/`False` column is the share of `True`.",
                ),
            ],
            title=Text(
                "Proporción de procesos sin número de licitantes.",
                "Share of processes without a number of tenderers.",
            ),
        ),
        Task(
            id="fin_antes_inicio",
            variable="fin_antes_inicio",
            expected=end_before_start,
            compare=Values(),
            hints=[
                Text(
                    "Compara dos columnas de fechas de `datos.tenders`: `tender_end` y "
                    "`tender_start`. El resultado es una columna de `True`/`False`.",
                    "Compare two date columns of `datos.tenders`: `tender_end` and "
                    "`tender_start`. The result is a `True`/`False` column.",
                ),
                Text(
                    "Usa esa condición para filtrar filas (`tabla[condicion]`) y quédate con la "
                    "columna `ocid`; `set(...)` la convierte en conjunto.",
                    "Use that condition to filter rows (`table[condition]`) and keep the `ocid` "
                    "column; `set(...)` turns it into a set.",
                ),
            ],
            title=Text(
                "Procesos cuyo periodo de ofertas termina antes de empezar.",
                "Processes whose submission period ends before it starts.",
            ),
        ),
    ],
    load=kit.procurement.load,
)
