"""Graded tasks of ``cuidados/01_medir_el_trabajo_no_pagado``: weekly hours of unpaid care.

Every expected answer is computed from the ENUT table the notebook loaded
(:func:`kit.care.load.load`), so the same checks work on the sample and on the real
person-level table. The weighted answers carry what their unweighted versions give, so a
participant who forgets ``factor`` is told exactly that.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kit.care import survey
from kit.care.load import load
from kit.care.tasks.compare import Slips, known
from kit.check import Number, Series, Task, TaskSet
from kit.i18n import Text

__all__ = ["TASKS", "effective_n", "gap_women_men", "hours_by_sex", "unweighted_mean"]

HOURS = "horas_cuidado"


def unweighted_mean(data: Any) -> float:
    """Mean weekly care hours of the rows, every person counting once (no weights)."""
    return float(data.enut[HOURS].mean())


def hours_by_sex(data: Any) -> pd.Series:
    """Weighted mean weekly care hours by ``sexo`` (index ``Mujer``/``Hombre``)."""
    table = survey.weighted_mean(data.enut, HOURS, by="sexo")
    means = _by_sex(table.set_index("sexo")["estimate"])
    plain = _by_sex(data.enut.groupby("sexo")[HOURS].mean())
    return known(means, sin_pesos=plain)


def gap_women_men(data: Any) -> float:
    """Weighted mean hours of women minus men's (hours a week)."""
    estimate = float(survey.gap(data.enut, HOURS)["estimate"].iloc[0])
    plain = data.enut.groupby("sexo")[HOURS].mean()
    return known(estimate, sin_pesos=float(plain["Mujer"] - plain["Hombre"]))


def effective_n(data: Any) -> float:
    """Kish's effective sample size of the ENUT weights: (Σ factor)² / Σ factor²."""
    return known(survey.effective_n(data.enut["factor"]), n_filas=len(data.enut))


def _by_sex(values: pd.Series) -> pd.Series:
    values = values.astype(float)
    values.index = pd.Index(values.index.astype(object), name="sexo")
    return values.rename(HOURS)


TASKS = TaskSet(
    "cuidados-01",
    [
        Task(
            id="sin_pesos",
            variable="promedio_sin_pesos",
            expected=unweighted_mean,
            compare=Number(),
            hints=[
                Text(
                    "Las horas están en la columna `horas_cuidado` de `datos.enut`.",
                    "The hours are in column `horas_cuidado` of `datos.enut`.",
                ),
                Text(
                    "Elige la columna con corchetes y saca el promedio con `.mean()`: da un solo "
                    "número.",
                    "Pick the column with square brackets and take its average with `.mean()`: "
                    "it gives a single number.",
                ),
            ],
            title=Text(
                "Promedio de horas de cuidado sin pesos (cada fila cuenta igual).",
                "Mean care hours without weights (each row counts the same).",
            ),
        ),
        Task(
            id="por_sexo",
            variable="horas_por_sexo",
            expected=hours_by_sex,
            compare=Slips(Series()),
            points=2,
            hints=[
                Text(
                    "Para un promedio con pesos multiplica horas por `factor`, suma, y divide "
                    'entre la suma de `factor`; hazlo por grupo con `.groupby("sexo")`.',
                    "For a weighted mean multiply hours by `factor`, add up, and divide by the "
                    'sum of `factor`; do it per group with `.groupby("sexo")`.',
                ),
                Text(
                    '`survey.weighted_mean(datos.enut, "horas_cuidado", by="sexo")` da una '
                    "tabla con una fila por sexo y la columna `estimate`.",
                    '`survey.weighted_mean(datos.enut, "horas_cuidado", by="sexo")` gives a '
                    "table with one row per sex and column `estimate`.",
                ),
                Text(
                    "Para convertir esa tabla en una Serie con el sexo en el índice: "
                    '`.set_index("sexo")["estimate"]`.',
                    "To turn that table into a Series with sex in the index: "
                    '`.set_index("sexo")["estimate"]`.',
                ),
            ],
            title=Text(
                "Promedio ponderado de horas de cuidado de mujeres y de hombres.",
                "Weighted mean care hours of women and of men.",
            ),
        ),
        Task(
            id="n_efectivo",
            variable="n_efectivo",
            expected=effective_n,
            compare=Slips(Number(rel_tol=1e-6)),
            hints=[
                Text(
                    "El n efectivo de Kish es (Σ factor)² / Σ factor²: el cuadrado de la suma de "
                    "los pesos entre la suma de sus cuadrados.",
                    "Kish's effective n is (Σ factor)² / Σ factor²: the square of the sum of the "
                    "weights over the sum of their squares.",
                ),
                Text(
                    "`survey.effective_n(...)` lo calcula si le das la columna de pesos "
                    '`datos.enut["factor"]`.',
                    "`survey.effective_n(...)` computes it when given the weights column "
                    '`datos.enut["factor"]`.',
                ),
            ],
            title=Text(
                "El tamaño de muestra efectivo de la ENUT (n efectivo de Kish).",
                "ENUT's effective sample size (Kish's effective n).",
            ),
        ),
        Task(
            id="brecha",
            variable="brecha",
            expected=gap_women_men,
            compare=Slips(Number()),
            hints=[
                Text(
                    "La brecha es el promedio ponderado de las mujeres **menos** el de los "
                    "hombres: un solo número, en horas a la semana.",
                    "The gap is women's weighted mean **minus** men's: a single number, in "
                    "hours a week.",
                ),
                Text(
                    'Con tu Serie de la tarea anterior: `horas_por_sexo["Mujer"]` y '
                    '`horas_por_sexo["Hombre"]`. También sirve `survey.gap(...)`.',
                    'With your Series of the previous task: `horas_por_sexo["Mujer"]` and '
                    '`horas_por_sexo["Hombre"]`. `survey.gap(...)` works too.',
                ),
            ],
            title=Text(
                "Brecha de horas de cuidado: mujeres menos hombres (con pesos).",
                "Gap in care hours: women minus men (weighted).",
            ),
        ),
    ],
    load=load,
)
