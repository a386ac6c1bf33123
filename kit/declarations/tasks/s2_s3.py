"""Graded tasks of ``declaraciones/02_sancionados_en_contrataciones``: S2 records made while the
official was disqualified (S3).

A person is linked across systems by CURP (or RFC), never by name alone: homonyms are different
people. An S2 record counts when the day it was captured falls within a disqualification period
(both ends included). Expected answers follow that recipe on the data the notebook loaded.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kit.check import Number, Task, TaskSet
from kit.declarations.load import load
from kit.declarations.tasks.compare import KnownSet, Slips
from kit.i18n import Text

__all__ = [
    "TASKS",
    "disqualifications",
    "institutions_during",
    "people_during",
    "records_during",
    "s2_during",
]

PERIOD = ["inhabilitacion_fecha_inicial", "inhabilitacion_fecha_final"]


def disqualifications(data: Any) -> pd.DataFrame:
    """The S3 sanctions of public servants that carry a disqualification period."""
    s3 = data.s3_servidores
    return s3[s3["inhabilitacion_fecha_inicial"].notna()].reset_index(drop=True)


def s2_during(data: Any, key: str = "curp") -> pd.DataFrame:
    """S2 records joined to their person's disqualification (by ``key``) and inside its period."""
    columns = [key, *PERIOD, "expediente", "institucion_siglas"]
    periods = disqualifications(data)[columns].dropna(subset=[key])
    table = data.s2.merge(periods, on=key, suffixes=("", "_s3"))
    day = table["fecha_captura"].dt.normalize()
    inside = (day >= table[PERIOD[0]]) & (day <= table[PERIOD[1]])
    return table[inside].reset_index(drop=True)


def records_during(data: Any) -> KnownSet:
    """Ids of the S2 records captured during a disqualification of the same person (CURP)."""
    by_name = s2_during(data, "nombre_completo")["id"]
    return KnownSet(s2_during(data)["id"], {"names": by_name})


def people_during(data: Any) -> int:
    """Distinct people (CURPs) with an S2 record during their disqualification."""
    return int(s2_during(data)["curp"].nunique())


def institutions_during(data: Any) -> KnownSet:
    """Institutions (S2 ``institucion_siglas``) of the S2 records made during a disqualification."""
    by_name = s2_during(data, "nombre_completo")["institucion_siglas"]
    return KnownSet(s2_during(data)["institucion_siglas"], {"names": by_name})


TASKS = TaskSet(
    "declaraciones-02",
    [
        Task(
            id="registros",
            variable="registros_durante",
            expected=records_during,
            compare=Slips(),
            points=2,
            hints=[
                Text(
                    "Une `datos.s2` con las inhabilitaciones (`inhabilitados`) por la columna "
                    '`"curp"` con `.merge(..., on="curp")`. No unas por nombre: hay homónimos.',
                    "Join `datos.s2` with the disqualifications (`inhabilitados`) on column "
                    '`"curp"` with `.merge(..., on="curp")`. Do not join by name: there are '
                    "homonyms.",
                ),
                Text(
                    "Un registro cuenta si su día de captura (`fecha_captura.dt.normalize()`) "
                    "está entre `inhabilitacion_fecha_inicial` y `inhabilitacion_fecha_final`, "
                    "ambas incluidas: `(dia >= inicio) & (dia <= fin)`.",
                    "A record counts when its capture day (`fecha_captura.dt.normalize()`) lies "
                    "between `inhabilitacion_fecha_inicial` and `inhabilitacion_fecha_final`, "
                    "both included: `(day >= start) & (day <= end)`.",
                ),
                Text(
                    'Filtra las filas y guarda `set(...)` de su columna `"id"` (el id del S2).',
                    'Filter the rows and store `set(...)` of their `"id"` column (the S2 id).',
                ),
            ],
            title=Text(
                "Registros del S2 capturados durante una inhabilitación de la misma persona.",
                "S2 records captured during a disqualification of the same person.",
            ),
        ),
        Task(
            id="personas",
            variable="n_personas",
            expected=people_during,
            compare=Number(),
            hints=[
                Text(
                    "Parte de la tabla de la tarea anterior: una persona puede tener un registro "
                    "del S2 por cada ejercicio fiscal.",
                    "Start from the table of the previous task: a person can have one S2 record "
                    "per fiscal year.",
                ),
                Text(
                    'Cuenta CURP distintas con `tabla["curp"].nunique()`, no filas.',
                    'Count distinct CURPs with `table["curp"].nunique()`, not rows.',
                ),
            ],
            title=Text(
                "Personas en el S2 durante su inhabilitación.",
                "People in S2 during their disqualification.",
            ),
        ),
        Task(
            id="instituciones",
            variable="instituciones_durante",
            expected=institutions_during,
            compare=Slips(),
            hints=[
                Text(
                    "La institución de cada registro del S2 está en `institucion_siglas`.",
                    "The institution of each S2 record is in `institucion_siglas`.",
                ),
                Text(
                    "Toma esa columna de las filas de la tarea 1 y conviértela con `set(...)`.",
                    "Take that column of the rows of task 1 and convert it with `set(...)`.",
                ),
            ],
            title=Text(
                "Instituciones donde un inhabilitado siguió en el S2.",
                "Institutions where a disqualified official stayed in S2.",
            ),
        ),
    ],
    load=load,
)
