"""Graded tasks of ``movilidad/02_cuando_y_donde``: when and where women are victims on transport.

Every expected answer is computed from the data the notebook loaded
(:func:`kit.cdmx.load.load`), so the checks work on real FGJ downloads too. Definitions:

- women: ``sexo == "Mujer"``; Metro: ``transporte == "Metro"`` (a passenger robbed on board);
- a trusted hour: ``hora`` not missing (placeholders ``00:00``/``12:00`` and missing times are
  left out of every hourly figure);
- weekdays: Monday to Friday of ``fecha_hecho``; peak hours: :data:`HORAS_PICO`;
- sexual crimes: names starting with :data:`DELITOS_SEXUALES`; FGJ does not say where they
  happened, so their line is that of the nearest point of the stations layer
  (:func:`kit.cdmx.exposure.nearest_station`, at a transfer the nearest line's platform) when it
  is :data:`DISTANCIA_M` metres away or less; victims without coordinates are left out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kit.cdmx.exposure import nearest_station
from kit.cdmx.load import load
from kit.cdmx.tasks.counts import ByGroup, KnownNumber, Share, with_slips
from kit.check import Task, TaskSet
from kit.i18n import Text

__all__ = [
    "DELITOS_SEXUALES",
    "DISTANCIA_M",
    "HORAS_PICO",
    "TASKS",
    "metro_women_by_hour",
    "peak_share",
    "sexual_by_line",
    "sexual_near_stations",
    "women",
]

HORAS_PICO = (7, 8, 9, 18, 19, 20, 21)
"""Rush hours of a weekday: 7:00 to 9:59 and 18:00 to 21:59."""
DELITOS_SEXUALES = ("ABUSO SEXUAL", "ACOSO SEXUAL")
"""Crime names (their start) counted as sexual abuse or harassment (as in notebook 03)."""
DISTANCIA_M = 300.0
"""A sexual crime farther than this from every station point is near no line."""
METRO = "Metro"


def _text(column: pd.Series) -> pd.Series:
    return column.astype("string")


def _flag(values: pd.Series) -> pd.Series:
    return values.fillna(False).astype(bool)


def women(victims: pd.DataFrame, sexo: str | None = "Mujer") -> pd.DataFrame:
    """The victims of ``sexo`` (None: everyone, unknown sex included)."""
    if sexo is None:
        return victims
    return victims.loc[_flag(_text(victims["sexo"]).eq(sexo)).to_numpy()]


def _metro(victims: pd.DataFrame) -> pd.DataFrame:
    return victims.loc[_flag(_text(victims["transporte"]).eq(METRO)).to_numpy()]


def _by_hour(hours: pd.Series) -> pd.Series:
    counts = hours.dropna().astype("int64").value_counts().sort_index()
    counts.index = counts.index.astype(object)
    return counts.astype("int64").rename("victimas")


def metro_women_by_hour(data: Any) -> pd.Series:
    """Women robbed in the Metro, by hour of the event (trusted hours only)."""
    metro = _metro(data.victimas)
    with_placeholders = _text(women(metro)["hora_hecho"]).str.slice(0, 2)
    slips = {
        "placeholders": [_by_hour(pd.to_numeric(with_placeholders, errors="coerce"))],
        "any_sex": [_by_hour(metro["hora"])],
    }
    return with_slips(_by_hour(women(metro)["hora"]), slips)


def _peak(metro: pd.DataFrame, days: str = "weekdays", drop_unknown: bool = True) -> float:
    weekday = metro["fecha_hecho"].dt.day_of_week
    keep = {"weekdays": weekday < 5, "weekends": weekday >= 5, "all": weekday.notna()}[days]
    part = metro.loc[_flag(keep).to_numpy()]
    if drop_unknown:
        part = part.loc[part["hora"].notna().to_numpy()]
    return float(_flag(part["hora"].isin(HORAS_PICO)).mean())


def peak_share(data: Any) -> float:
    """Share of weekday women Metro victims (trusted hours) whose event was at a peak hour."""
    metro = women(_metro(data.victimas))
    slips = {
        "all_days": [_peak(metro, "all")],
        "weekend": [_peak(metro, "weekends")],
        "empty_hours": [_peak(metro, drop_unknown=False)],
    }
    return KnownNumber(_peak(metro), slips)


def sexual_near_stations(
    data: Any, sexo: str | None = "Mujer", max_m: float | None = DISTANCIA_M
) -> pd.DataFrame:
    """Sexual-crime victims with coordinates, each with its nearest station point within ``max_m``.

    Columns of the victims plus ``estacion``, ``linea`` and ``distancia_m`` (missing when no
    station point is that close).
    """
    victims = women(data.victimas, sexo)
    sexual = _flag(_text(victims["delito"]).str.startswith(DELITOS_SEXUALES))
    victims = victims.loc[sexual.to_numpy()]
    victims = victims.loc[(victims["latitud"].notna() & victims["longitud"].notna()).to_numpy()]
    near = nearest_station(victims["latitud"], victims["longitud"], data.estaciones, max_m=max_m)
    return victims.join(near[["estacion", "linea", "distancia_m"]])


def _by_line(linked: pd.DataFrame) -> pd.Series:
    counts = linked["linea"].dropna().value_counts().sort_index()
    counts.index = counts.index.astype(object)
    return counts.astype("int64").rename("victimas")


def sexual_by_line(data: Any) -> pd.Series:
    """Women victims of sexual crimes within :data:`DISTANCIA_M` of a Metro line's station."""
    slips = {
        "no_limit": [_by_line(sexual_near_stations(data, max_m=None))],
        "any_sex": [_by_line(sexual_near_stations(data, sexo=None))],
    }
    return with_slips(_by_line(sexual_near_stations(data)), slips)


TASKS = TaskSet(
    "movilidad-02",
    [
        Task(
            id="por_hora",
            variable="metro_por_hora",
            expected=metro_women_by_hour,
            compare=ByGroup(),
            hints=[
                Text(
                    'Filtra dos condiciones a la vez: `(v["sexo"] == "Mujer") & (v["transporte"] '
                    '== "Metro")`, con paréntesis en cada una.',
                    'Filter two conditions at once: `(v["sexo"] == "Mujer") & (v["transporte"] '
                    '== "Metro")`, with brackets around each.',
                ),
                Text(
                    "Cuenta la columna `hora` con `.value_counts()`: deja fuera las horas vacías "
                    "(las de relleno), que es lo que se pide.",
                    "Count column `hora` with `.value_counts()`: it leaves the empty hours (the "
                    "placeholders) out, which is what is asked.",
                ),
            ],
            title=Text(
                "Mujeres víctimas de robo en el Metro por hora del hecho (sin horas de relleno).",
                "Women robbed in the Metro by hour of the event (without placeholder times).",
            ),
        ),
        Task(
            id="pico",
            variable="proporcion_pico",
            expected=peak_share,
            compare=Share(kind="proportion"),
            points=2,
            hints=[
                Text(
                    "Parte de las mujeres víctimas en el Metro. Entre semana es "
                    "`fecha_hecho.dt.day_of_week < 5` (0 = lunes). Quita las filas con `hora` "
                    "vacía.",
                    "Start from the women victims in the Metro. Weekdays are "
                    "`fecha_hecho.dt.day_of_week < 5` (0 = Monday). Drop the rows with an empty "
                    "`hora`.",
                ),
                Text(
                    "`.isin(HORAS_PICO)` marca con `True` las horas pico; el promedio de esa "
                    "marca es la proporción.",
                    "`.isin(HORAS_PICO)` marks the peak hours `True`; the mean of that mark is "
                    "the share.",
                ),
            ],
            title=Text(
                "Proporción de mujeres víctimas en el Metro, entre semana, en horas pico.",
                "Share of women victims in the Metro, on weekdays, at peak hours.",
            ),
        ),
        Task(
            id="sexuales_linea",
            variable="sexuales_por_linea",
            expected=sexual_by_line,
            compare=ByGroup(),
            points=2,
            hints=[
                Text(
                    "Quédate con las mujeres cuyo `delito` empieza con `ABUSO SEXUAL` o `ACOSO "
                    'SEXUAL`: `.str.startswith(DELITOS_SEXUALES)` (pasa antes `.astype("string")`'
                    ") y con coordenadas.",
                    "Keep the women whose `delito` starts with `ABUSO SEXUAL` or `ACOSO SEXUAL`: "
                    '`.str.startswith(DELITOS_SEXUALES)` (after `.astype("string")`) and with '
                    "coordinates.",
                ),
                Text(
                    "`nearest_station(lat, lon, datos.estaciones, max_m=DISTANCIA_M)` da una fila "
                    "por víctima con la `linea` de la estación más cercana, vacía si está lejos.",
                    "`nearest_station(lat, lon, datos.estaciones, max_m=DISTANCIA_M)` gives one "
                    "row per victim with the `linea` of the nearest station, empty when far.",
                ),
                Text(
                    "Cuenta la columna `linea` de ese resultado con `.value_counts()`.",
                    "Count column `linea` of that result with `.value_counts()`.",
                ),
            ],
            title=Text(
                "Mujeres víctimas de delitos sexuales cerca de cada línea del Metro.",
                "Women victims of sexual crimes near each Metro line.",
            ),
        ),
    ],
    load=load,
)
