"""Graded tasks of ``movilidad/03_exposicion``: victims per million Metro trips, honestly.

A busy station has many victims because it has many riders; the notebook divides victims near
each station by the station's trips and keeps the uncertainty (exact Poisson intervals,
:mod:`kit.cdmx.exposure`). Every expected answer is computed from the data the notebook loaded
(:func:`kit.cdmx.load.load`), so the checks work on real FGJ and ridership downloads too:

- which victims: women (``sexo == "Mujer"``) robbed as Metro passengers or sexually abused or
  harassed (:data:`DELITOS_SEXUALES`), whose event falls within the ridership's dates and who
  have coordinates;
- which station: the nearest one within :data:`DISTANCIA_M` metres (``nearest_station``), by
  station (``clave_estacion``), so a transfer's platforms of several lines are one station;
- which trips: every Metro entry at the station (all its lines) over the ridership's dates.

Answers by station may be indexed by the station's name or its key (``clave_estacion``); the
comparators (:mod:`kit.cdmx.tasks.by_station`) accept both and name the usual slips (counting
rows, a mean, no distance limit, victims of other sexes or outside the period, per trip instead
of per million, the point estimate instead of the lower bound).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kit.cdmx.exposure import nearest_station, rate_per_million
from kit.cdmx.load import load
from kit.cdmx.tasks.by_station import (
    RATE_COLUMNS,
    ByStation,
    KnownStations,
    RatesByStation,
    StationSet,
    with_slips,
)
from kit.cdmx.text import station_key
from kit.check import Task, TaskSet
from kit.i18n import Text

__all__ = [
    "DELITOS_SEXUALES",
    "DISTANCIA_M",
    "TASKS",
    "above_network",
    "in_period",
    "linked_victims",
    "metro_trips",
    "network_rate",
    "rates_by_station",
    "ridership_period",
    "selected_victims",
    "victims_by_station",
]

DISTANCIA_M = 300.0
"""Victims farther than this from every station are not linked to any (stations stand at least
about 700 m apart in the sample; a walk of a few minutes around an entrance)."""
DELITOS_SEXUALES = ("ABUSO SEXUAL", "ACOSO SEXUAL")
"""Crime names (their start) counted as sexual abuse or harassment; FGJ does not say where they
happened, so only their coordinates bring them near a station."""
METRO = "Metro"
KEY = "clave_estacion"

# --- the computation (also what the notebook and the explorer use) -------------------------


def ridership_period(data: Any) -> tuple[pd.Timestamp, pd.Timestamp]:
    """First and last day of the Metro ridership: the only days with a denominator."""
    dates = _metro(data, keyed=False)["fecha"]
    return dates.min(), dates.max()


def metro_trips(data: Any, by: str = KEY) -> pd.Series:
    """Metro entries at each station over the whole ridership period, all its lines together.

    ``by="clave_estacion"`` (the join key) or any other column of the ridership rows; the name of
    the Series is ``viajes``.
    """
    metro = _metro(data)
    trips = metro.groupby(by, observed=True)["afluencia"].sum().astype("int64")
    trips.index = trips.index.astype(object)
    return trips.rename("viajes")


def in_period(victims: pd.DataFrame, data: Any) -> pd.Series:
    """Whether each victim's event day falls within the ridership period (both ends included)."""
    start, end = ridership_period(data)
    day = victims["fecha_hecho"].dt.normalize()
    return day.between(start, end).fillna(False).astype(bool)


def selected_victims(data: Any, sexo: str | None = "Mujer", period: bool = True) -> pd.DataFrame:
    """Victims robbed as Metro passengers or of sexual abuse or harassment, with coordinates.

    Args:
        data: what :func:`kit.cdmx.load.load` returns.
        sexo: ``"Mujer"``, ``"Hombre"`` or ``None`` (every victim, unknown sex included).
        period: keep only events within the ridership period.
    """
    victims = data.victimas
    crime = victims["delito"].astype("str")
    keep = victims["transporte"].eq(METRO).fillna(False).astype(bool)
    keep |= crime.str.startswith(DELITOS_SEXUALES).fillna(False).astype(bool)
    keep &= victims["latitud"].notna() & victims["longitud"].notna()
    if sexo is not None:
        keep &= victims["sexo"].eq(sexo).fillna(False).astype(bool)
    if period:
        keep &= in_period(victims, data)
    return victims.loc[keep]


def linked_victims(
    data: Any,
    max_m: float | None = DISTANCIA_M,
    sexo: str | None = "Mujer",
    period: bool = True,
) -> pd.DataFrame:
    """The selected victims linked to their nearest station within ``max_m`` metres.

    Returns:
        The victims' columns plus ``estacion_cercana``, ``linea_cercana``, ``clave_estacion`` and
        ``distancia_m``; victims with no station within ``max_m`` are left out.
    """
    victims = selected_victims(data, sexo, period)
    near = nearest_station(victims["latitud"], victims["longitud"], data.estaciones, max_m=max_m)
    near = near.rename(columns={"estacion": "estacion_cercana", "linea": "linea_cercana"})
    linked = victims.join(near)
    return linked.loc[linked[KEY].notna()]


def victims_by_station(
    data: Any,
    max_m: float | None = DISTANCIA_M,
    sexo: str | None = "Mujer",
    period: bool = True,
) -> pd.Series:
    """Number of linked victims at each station with at least one (index ``clave_estacion``)."""
    counts = linked_victims(data, max_m, sexo, period)[KEY].value_counts()
    counts.index = counts.index.astype(object)
    return counts.astype("int64").rename("victimas")


def rates_by_station(data: Any, max_m: float | None = DISTANCIA_M) -> pd.DataFrame:
    """Women victims per million trips at every station with trips, with exact intervals.

    Returns:
        Index ``clave_estacion``; columns ``estacion`` (the layer's name), ``victimas``,
        ``viajes``, ``tasa``, ``ci_low``, ``ci_high`` (95 %), highest rate first.
    """
    trips = metro_trips(data)
    trips = trips.loc[trips > 0]
    victims = victims_by_station(data, max_m).reindex(trips.index, fill_value=0)
    rates = rate_per_million(victims, trips)
    names = data.estaciones.drop_duplicates(KEY).set_index(KEY)["estacion"].astype(object)
    rates.insert(0, "estacion", [names.get(key, key) for key in rates.index])
    return rates.sort_values("tasa", ascending=False, kind="stable")


def network_rate(data: Any, max_m: float | None = DISTANCIA_M) -> float:
    """Women victims linked to any station per million Metro trips of the whole network."""
    return _overall(rates_by_station(data, max_m))


def _overall(rates: pd.DataFrame) -> float:
    return float(rates["victimas"].sum() / rates["viajes"].sum() * 1e6)


def above_network(data: Any, max_m: float | None = DISTANCIA_M) -> frozenset[str]:
    """Stations whose lower bound is above the network's rate (the slips ride along)."""
    rates = rates_by_station(data, max_m)
    reference = _overall(rates)
    return KnownStations(
        rates.index[rates["ci_low"] > reference],
        slips={
            "estimate": rates.index[rates["tasa"] > reference],
            "high": rates.index[rates["ci_high"] > reference],
        },
    )


def _metro(data: Any, keyed: bool = True) -> pd.DataFrame:
    """The Metro rows with a station, and (``keyed``) their station key."""
    ridership = data.afluencia
    metro = ridership.loc[ridership["sistema"].eq(METRO).fillna(False).astype(bool)]
    metro = metro.loc[metro["estacion"].notna()]
    if not keyed:
        return metro
    keys = {name: station_key(name) for name in metro["estacion"].unique()}
    return metro.assign(**{KEY: metro["estacion"].map(keys).astype(object)})


# --- the expected answers, with the slips each comparator recognises -----------------------


def _expected_trips(data: Any) -> pd.Series:
    metro = _metro(data)
    grouped = metro.groupby(KEY, observed=True)["afluencia"]
    slips = {"rows": [grouped.size(), grouped.count()], "mean": [grouped.mean()]}
    return with_slips(metro_trips(data), slips)


def _expected_victims(data: Any) -> pd.Series:
    return with_slips(
        victims_by_station(data),
        {
            "no_limit": [victims_by_station(data, max_m=None)],
            "any_sex": [victims_by_station(data, sexo=None)],
            "outside": [victims_by_station(data, period=False)],
        },
    )


def _expected_rates(data: Any) -> pd.DataFrame:
    return rates_by_station(data)[["victimas", "viajes", *RATE_COLUMNS]]


TASKS = TaskSet(
    "movilidad-03",
    [
        Task(
            id="viajes",
            variable="viajes_por_estacion",
            expected=_expected_trips,
            compare=ByStation(),
            hints=[
                Text(
                    'Quédate con las filas del Metro: `datos.afluencia["sistema"] == "Metro"`. '
                    "Cada fila es un día, una estación y un tipo de pago.",
                    'Keep the Metro rows: `datos.afluencia["sistema"] == "Metro"`. Each row is '
                    "one day, one station and one payment type.",
                ),
                Text(
                    "Agrupa por estación (`clave_estacion` o `estacion`) y **suma** la columna "
                    "`afluencia`: `.groupby(...)[...].sum()`.",
                    "Group by station (`clave_estacion` or `estacion`) and **add up** column "
                    "`afluencia`: `.groupby(...)[...].sum()`.",
                ),
            ],
            title=Text(
                "Viajes (entradas) del Metro por estación en todo el periodo.",
                "Metro trips (entries) per station over the whole period.",
            ),
        ),
        Task(
            id="victimas",
            variable="victimas_por_estacion",
            expected=_expected_victims,
            compare=ByStation(),
            points=2,
            hints=[
                Text(
                    "Empieza por `mujeres_metro` (ya filtrada: mujeres, delitos del Metro y "
                    "sexuales, dentro del periodo de la afluencia, con coordenadas).",
                    "Start from `mujeres_metro` (already filtered: women, Metro and sexual "
                    "crimes, within the ridership period, with coordinates).",
                ),
                Text(
                    "`nearest_station(lat, lon, datos.estaciones, max_m=DISTANCIA_M)` da una "
                    "fila por víctima con `clave_estacion` (vacía si no hay estación cerca).",
                    "`nearest_station(lat, lon, datos.estaciones, max_m=DISTANCIA_M)` gives one "
                    "row per victim with `clave_estacion` (empty when no station is near).",
                ),
                Text(
                    "Cuenta cuántas víctimas tiene cada `clave_estacion` con `.value_counts()` "
                    "(los vacíos no se cuentan).",
                    "Count the victims of each `clave_estacion` with `.value_counts()` (empty "
                    "values are not counted).",
                ),
            ],
            title=Text(
                "Mujeres víctimas enlazadas a cada estación (a la distancia elegida).",
                "Women victims linked to each station (within the chosen distance).",
            ),
        ),
        Task(
            id="tasas",
            variable="tasas",
            expected=_expected_rates,
            compare=RatesByStation(),
            points=2,
            hints=[
                Text(
                    "Toda estación con viajes necesita un conteo, aunque sea 0: "
                    "`victimas_por_estacion.reindex(viajes_por_estacion.index, fill_value=0)`.",
                    "Every station with trips needs a count, even 0: "
                    "`victimas_por_estacion.reindex(viajes_por_estacion.index, fill_value=0)`.",
                ),
                Text(
                    "`rate_per_million(conteos, viajes)` devuelve una tabla con `tasa`, "
                    "`ci_low` y `ci_high`, con el mismo índice que los conteos.",
                    "`rate_per_million(counts, trips)` returns a table with `tasa`, `ci_low` "
                    "and `ci_high`, with the same index as the counts.",
                ),
            ],
            title=Text(
                "Víctimas por millón de viajes en cada estación, con su intervalo.",
                "Victims per million trips at each station, with its interval.",
            ),
        ),
        Task(
            id="sobre_la_red",
            variable="estaciones_sobre_la_red",
            expected=above_network,
            compare=StationSet(),
            hints=[
                Text(
                    "La tasa de la red es el total de víctimas enlazadas entre el total de "
                    "viajes, por un millón (usa las columnas `victimas` y `viajes` de `tasas`).",
                    "The network's rate is all linked victims over all trips, times a million "
                    "(use columns `victimas` and `viajes` of `tasas`).",
                ),
                Text(
                    "Una estación está claramente por encima si **todo** su intervalo lo está: "
                    "compara `ci_low` con la tasa de la red.",
                    "A station is clearly above when its **whole** interval is: compare "
                    "`ci_low` with the network's rate.",
                ),
                Text(
                    "Guarda el **conjunto** de estaciones: `set(tasas.index[condicion])`.",
                    "Store the **set** of stations: `set(tasas.index[condition])`.",
                ),
            ],
            title=Text(
                "Estaciones cuyo intervalo entero está por encima de la tasa de la red.",
                "Stations whose whole interval is above the network's rate.",
            ),
        ),
    ],
    load=load,
)
