"""Graded tasks of ``movilidad/01_los_datos_y_sus_limites``: what the FGJ victims files can say.

Every expected answer is computed from the data the notebook loaded
(:func:`kit.cdmx.load.load`), so the same checks work on the sample and on real FGJ downloads:

- missing sex is measured among natural persons (``tipo_persona == "FISICA"``): a company or an
  institution (``MORAL``) has no sex, so its empty cell is not a missing value;
- placeholder times are the ``hora_placeholder`` flag of the reader (``00:00`` and ``12:00``);
- the transport system is the reader's ``transporte`` (classified from the crime's name);
- the delay is whole days from ``fecha_hecho`` to ``fecha_inicio``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kit.cdmx.load import load
from kit.cdmx.tasks.counts import ByGroup, KnownNumber, Share, with_slips
from kit.check import Task, TaskSet
from kit.i18n import Text

__all__ = [
    "PERSONA_FISICA",
    "TASKS",
    "delay_days",
    "median_delay",
    "missing_sex_by_layout",
    "placeholder_share",
    "victims_by_system",
]

PERSONA_FISICA = "FISICA"
"""``tipo_persona`` of people; ``MORAL`` (companies, institutions) have no sex nor age."""


def _text(column: pd.Series) -> pd.Series:
    """A categorical or text column as plain text (missing stays missing)."""
    return column.astype("string")


def _natural_persons(victims: pd.DataFrame) -> pd.DataFrame:
    """The records of people; every record when the file does not say (an extract without it)."""
    kind = _text(victims["tipo_persona"])
    if kind.isna().all():
        return victims
    return victims.loc[kind.eq(PERSONA_FISICA).fillna(False).to_numpy()]


def _missing_sex(victims: pd.DataFrame, how: str) -> pd.Series:
    missing = victims["sexo"].isna().groupby(_text(victims["esquema"])).agg(how)
    missing.index = missing.index.astype(object)
    return missing.astype(float).rename("sin_sexo")


def missing_sex_by_layout(data: Any) -> pd.Series:
    """Share of natural persons whose sex is missing, by layout (``esquema``)."""
    people = _natural_persons(data.victimas)
    slips = {
        "morales": [_missing_sex(data.victimas, "mean")],
        "count": [_missing_sex(people, "sum")],
    }
    return with_slips(_missing_sex(people, "mean"), slips)


def placeholder_share(data: Any) -> float:
    """Share of all victim records whose time is a placeholder (``00:00`` or ``12:00``)."""
    victims = data.victimas
    time = _text(victims["hora_hecho"])
    flagged = victims["hora_placeholder"].astype(bool)
    return KnownNumber(
        float(flagged.mean()),
        {
            "one_time": [float(time.eq("00:00").mean()), float(time.eq("12:00").mean())],
            "count": [float(flagged.sum())],
        },
    )


def victims_by_system(data: Any) -> pd.Series:
    """Number of victim records of each public-transport system (``transporte``)."""
    counts = _text(data.victimas["transporte"]).value_counts()
    counts.index = counts.index.astype(object)
    return counts.astype("int64").rename("victimas")


def delay_days(victims: pd.DataFrame) -> pd.Series:
    """Whole days from the event (``fecha_hecho``) to the opening of the file (``fecha_inicio``)."""
    return (victims["fecha_inicio"] - victims["fecha_hecho"]).dt.days


def median_delay(data: Any) -> float:
    """Median days from the event to the report (the opening of the investigation file)."""
    days = delay_days(data.victimas)
    return KnownNumber(float(days.median()), {"mean": [float(days.mean())]})


TASKS = TaskSet(
    "movilidad-01",
    [
        Task(
            id="demora",
            variable="demora_mediana",
            expected=median_delay,
            compare=Share(abs_tol=1e-9),
            hints=[
                Text(
                    "Resta las fechas: `fecha_inicio - fecha_hecho` da una duración; "
                    "`.dt.days` la convierte en días enteros.",
                    "Subtract the dates: `fecha_inicio - fecha_hecho` gives a duration; "
                    "`.dt.days` turns it into whole days.",
                ),
                Text(
                    "La mediana es el valor del medio: `.median()`. No uses el promedio.",
                    "The median is the middle value: `.median()`. Do not use the mean.",
                ),
            ],
            title=Text(
                "Mediana de días entre el hecho y la denuncia.",
                "Median days between the event and the report.",
            ),
        ),
        Task(
            id="sin_sexo",
            variable="sin_sexo_por_esquema",
            expected=missing_sex_by_layout,
            compare=ByGroup(drop_zeros=False, proportion=True),
            points=2,
            hints=[
                Text(
                    'Primero quédate con las personas: `tipo_persona == "FISICA"`. Una empresa '
                    "(`MORAL`) no tiene sexo: su celda vacía no es un dato faltante.",
                    'First keep the people: `tipo_persona == "FISICA"`. A company (`MORAL`) has '
                    "no sex: its empty cell is not a missing value.",
                ),
                Text(
                    "`.isna()` sobre la columna `sexo` da `True` donde falta; el promedio de "
                    "`True`/`False` es la proporción de `True`.",
                    "`.isna()` on column `sexo` gives `True` where it is missing; the mean of "
                    "`True`/`False` is the share of `True`.",
                ),
                Text(
                    'Agrupa esa columna de `True`/`False` por `"esquema"` con `.groupby(...)` y '
                    "saca `.mean()`.",
                    'Group that column of `True`/`False` by `"esquema"` with `.groupby(...)` and '
                    "take `.mean()`.",
                ),
            ],
            title=Text(
                "Proporción de personas víctimas sin sexo registrado, por esquema del archivo.",
                "Share of victims (people) without a recorded sex, by file layout.",
            ),
        ),
        Task(
            id="relleno",
            variable="proporcion_relleno",
            expected=placeholder_share,
            compare=Share(kind="proportion"),
            hints=[
                Text(
                    "La columna `hora_placeholder` vale `True` cuando la hora es `00:00` o "
                    "`12:00` exactas.",
                    "Column `hora_placeholder` is `True` when the time is exactly `00:00` or "
                    "`12:00`.",
                ),
                Text(
                    "El promedio de una columna de `True`/`False` es la proporción de `True`: "
                    "`.mean()`. Usa todos los registros.",
                    "The mean of a column of `True`/`False` is the share of `True`: `.mean()`. "
                    "Use every record.",
                ),
            ],
            title=Text(
                "Proporción de registros con hora de relleno (00:00 o 12:00).",
                "Share of records with a placeholder time (00:00 or 12:00).",
            ),
        ),
        Task(
            id="por_sistema",
            variable="victimas_por_sistema",
            expected=victims_by_system,
            compare=ByGroup(),
            hints=[
                Text(
                    "El sistema de transporte está en la columna `transporte`; está vacía cuando "
                    "el delito no es contra un pasajero.",
                    "The transport system is in column `transporte`; it is empty when the crime "
                    "is not against a passenger.",
                ),
                Text(
                    "`.value_counts()` cuenta cada valor y deja fuera los vacíos: eso es lo que "
                    "se pide (no uses `dropna=False`).",
                    "`.value_counts()` counts each value and leaves the empty ones out: that is "
                    "what is asked (do not use `dropna=False`).",
                ),
            ],
            title=Text(
                "Número de víctimas de cada sistema de transporte público.",
                "Number of victims of each public transport system.",
            ),
        ),
    ],
    load=load,
)
