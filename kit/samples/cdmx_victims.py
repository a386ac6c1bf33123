"""The victim records of the movilidad sample: ordinary crime, robberies on transport and sexual
crimes near the Metro, 2022-2024, with the quirks a notebook must learn to see.

- Background crime (most records) is scattered around each alcaldía's centre by its weight.
- Robberies of passengers (2023-2024) use the real catalogue's names of each mode; Metro ones
  happen 20-250 m from a station chosen in proportion to its riders times a risk: 1 for the busy
  terminal (many victims, an ordinary rate), high for the quiet station (few victims, a high
  rate with a wide interval).
- Sexual crimes against women (``ABUSO SEXUAL``, ``ACOSO SEXUAL``) happen near Metro stations,
  more often on :data:`~kit.samples.cdmx_network.SEXUAL_LINE`.
- Event days follow the travel calendar; on weekdays, crimes in the Metro peak at 7-9 h and
  18-21 h. The carpeta is opened a delay later (most the same day, a long tail of months).
- Planted quirks: a month whose records were mostly lost (kept with probability
  :data:`GAP_KEEP`), times written ``00:00`` or ``12:00`` far above their natural rate (a capture
  default, more often in the pre-2023 layout), missing sex and age (more often in the pre-2023
  layout) and legal persons (``MORAL``) without sex or age.
"""

from __future__ import annotations

import bisect
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from kit.samples._rng import Draw
from kit.samples.cdmx_calendar import day_factor, days
from kit.samples.cdmx_fgj import Victim
from kit.samples.cdmx_network import (
    ALCALDIAS,
    BUSY_STATION,
    SEXUAL_LINE,
    SMALL_STATION,
    Alcaldia,
    Station,
    alcaldia_at,
    offset,
)

__all__ = [
    "CURRENT_END",
    "GAP_KEEP",
    "GAP_MONTH",
    "PLACEHOLDER_RATES",
    "SEXUAL",
    "TRANSPORT",
    "victims",
]

PREVIOUS_END, CURRENT_END = date(2022, 12, 31), date(2024, 12, 31)
"""The last day of each file: carpetas opened later are not in it yet."""
GAP_MONTH = (2023, 10)
"""Carpetas opened in this month were mostly lost on their way to the open-data file."""
GAP_KEEP = 0.35
PLACEHOLDER_RATES = {"anterior": (0.09, 0.04), "actual": (0.04, 0.06)}
"""Share of records whose time is replaced by 00:00 and by 12:00, per layout."""
_MISSING = {"anterior": (0.07, 0.16), "actual": (0.03, 0.08)}  # sex, age
_BACKGROUND = 15_000
_SEXUAL_NEAR_METRO = 400
_SEXUAL_LINE_WEIGHT = 5.0
_SMALL_RISK = 9.0

_BAJO = "DELITO DE BAJO IMPACTO"
_METRO_CATEGORY = "ROBO A PASAJERO A BORDO DEL METRO CON Y SIN VIOLENCIA"
_MICRO_CATEGORY = "ROBO A PASAJERO A BORDO DE MICROBUS CON Y SIN VIOLENCIA"
#: Mode -> (records 2023-2024, [(delito, categoría, weight)]). No Cablebús name exists.
TRANSPORT: dict[str, tuple[int, list[tuple[str, str, float]]]] = {
    "Metro": (800, [
        ("ROBO A PASAJERO A BORDO DE METRO SIN VIOLENCIA", _METRO_CATEGORY, 7),
        ("ROBO A PASAJERO A BORDO DE METRO CON VIOLENCIA", _METRO_CATEGORY, 1),
    ]),
    "Metrobús": (250, [
        ("ROBO A PASAJERO A BORDO DE METROBUS SIN VIOLENCIA", _BAJO, 9),
        ("ROBO A PASAJERO A BORDO DE METROBUS CON VIOLENCIA", _BAJO, 1),
    ]),
    "Trolebús": (80, [
        ("ROBO A PASAJERO EN TROLEBUS SIN VIOLENCIA", _BAJO, 6),
        ("ROBO A PASAJERO EN TROLEBUS CON VIOLENCIA", _BAJO, 1),
    ]),
    "Tren Ligero": (30, [
        ("ROBO A PASAJERO EN TREN LIGERO SIN VIOLENCIA", _BAJO, 9),
        ("ROBO A PASAJERO EN TREN LIGERO CON VIOLENCIA", _BAJO, 1),
    ]),
    "Microbús": (350, [
        ("ROBO A PASAJERO A BORDO DE PESERO COLECTIVO CON VIOLENCIA", _MICRO_CATEGORY, 7),
        ("ROBO A PASAJERO A BORDO DE PESERO COLECTIVO SIN VIOLENCIA", _MICRO_CATEGORY, 1),
    ]),
    "Taxi": (150, [
        ("ROBO A TRANSEUNTE A BORDO DE TAXI PUBLICO Y PRIVADO SIN VIOLENCIA", _BAJO, 1),
        ("ROBO A TRANSEUNTE A BORDO DE TAXI PÚBLICO Y PRIVADO CON VIOLENCIA",
         "ROBO A PASAJERO A BORDO DE TAXI CON VIOLENCIA", 1),
    ]),
    "Otro transporte": (300, [
        ("ROBO A PASAJERO A BORDO DE TRANSPORTE PÚBLICO CON VIOLENCIA", _BAJO, 6),
        ("ROBO A PASAJERO A BORDO DE TRANSPORTE PÚBLICO SIN VIOLENCIA", _BAJO, 2),
        ("ROBO A PASAJERO EN RTP CON VIOLENCIA", _BAJO, 1),
        ("ROBO A PASAJERO EN TREN SUBURBANO SIN VIOLENCIA", _BAJO, 0.3),
    ]),
}  # fmt: skip
SEXUAL = (("ABUSO SEXUAL", _BAJO, 3.0), ("ACOSO SEXUAL", _BAJO, 1.0))
#: Ordinary crime (weights close to the real catalogue's counts), with names that mention a
#: mode of transport but are not crimes against a passenger.
_BACKGROUND_CRIMES = (
    ("VIOLENCIA FAMILIAR", _BAJO, 95, 0.75),
    ("FRAUDE", _BAJO, 49, 0.45),
    ("AMENAZAS", _BAJO, 47, 0.55),
    ("ROBO DE OBJETOS", _BAJO, 35, 0.45),
    ("ROBO A TRANSEUNTE EN VIA PUBLICA CON VIOLENCIA",
     "ROBO A TRANSEUNTE EN VÍA PÚBLICA CON Y SIN VIOLENCIA", 34, 0.4),
    ("ROBO A NEGOCIO SIN VIOLENCIA", _BAJO, 28, 0.4),
    ("ROBO DE ACCESORIOS DE AUTO", _BAJO, 24, 0.25),
    ("ROBO A NEGOCIO CON VIOLENCIA", "ROBO A NEGOCIO CON VIOLENCIA", 19, 0.4),
    ("ROBO A CASA HABITACION SIN VIOLENCIA", _BAJO, 13, 0.5),
    ("DESPOJO", _BAJO, 12, 0.45),
    ("LESIONES INTENCIONALES POR GOLPES", _BAJO, 8, 0.35),
    ("ABUSO SEXUAL", _BAJO, 6, 0.85),
    ("ROBO A PASAJERO / CONDUCTOR DE VEHICULO CON VIOLENCIA", _BAJO, 9, 0.25),
    ("ROBO A TRANSEUNTE CONDUCTOR DE TAXI PUBLICO Y PRIVADO CON VIOLENCIA", _BAJO, 1.4, 0.05),
    ("PERDIDA DE LA VIDA POR SUICIDIO EN EL METRO", "HECHO NO DELICTIVO", 0.1, 0.3),
)  # fmt: skip
_MORAL_CRIMES = {
    "FRAUDE",
    "ROBO A NEGOCIO SIN VIOLENCIA",
    "ROBO A NEGOCIO CON VIOLENCIA",
    "DESPOJO",
}
_COLONIAS = (
    "Centro", "San Miguel", "Las Flores", "El Rosario", "Santa Cruz", "La Joya", "Los Olivos",
    "San Isidro", "Ampliación Norte", "La Palma", "Lomas Altas", "El Mirador",
)  # fmt: skip
_CALIDAD = (("VICTIMA", 0.6), ("VICTIMA Y DENUNCIANTE", 0.35), ("OFENDIDO", 0.05))
_PEAK_HOURS = frozenset({7, 8, 9, 18, 19, 20, 21})
_WEEKDAY_HOURS = [0.3] * 6 + [1.0] * 18
_WEEKDAY_PEAK_HOURS = [4.0 if h in _PEAK_HOURS else w for h, w in enumerate(_WEEKDAY_HOURS)]
_WEEKEND_HOURS = [0.4] * 8 + [1.0] * 15 + [0.4]


class _Days:
    """Draw an event day of a period in proportion to how many people travel that day."""

    def __init__(self, start: date, end: date) -> None:
        self.days = days(start, end)
        self.cumulative = list(itertools.accumulate(day_factor(d) for d in self.days))

    def draw(self, draw: Draw) -> date:
        point = draw.uniform(0, self.cumulative[-1])
        return self.days[min(bisect.bisect_right(self.cumulative, point), len(self.days) - 1)]


def _hour(draw: Draw, day: date, metro: bool) -> int:
    weekend = day.weekday() >= 5
    weights = _WEEKEND_HOURS if weekend else _WEEKDAY_PEAK_HOURS if metro else _WEEKDAY_HOURS
    return draw.weighted(range(24), weights)


def _delay(draw: Draw) -> timedelta:
    """Days from the event to the carpeta: most the same day, a long tail."""
    kind = draw.uniform()
    if kind < 0.55:
        days_later = 0
    elif kind < 0.8:
        days_later = draw.integer(1, 3)
    elif kind < 0.95:
        days_later = draw.integer(4, 30)
    else:
        days_later = draw.integer(31, 365)
    return timedelta(days=days_later, minutes=draw.integer(40, 480))


def _near(draw: Draw, s: Station) -> tuple[float, float]:
    """A point 20-250 m from a station, in any direction."""
    distance, angle = draw.uniform(20, 250), draw.uniform(0, 2 * math.pi)
    return offset(s.lat, s.lon, distance * math.cos(angle), distance * math.sin(angle))


def _scatter(draw: Draw, a: Alcaldia) -> tuple[float, float]:
    north = max(-2.5, min(2.5, draw.normal())) * a.spread_km * 1000 * 0.6
    east = max(-2.5, min(2.5, draw.normal())) * a.spread_km * 1000 * 0.6
    return offset(a.lat, a.lon, north, east)


@dataclass(frozen=True, slots=True)
class _Plan:
    """One record before the layout's quirks: what happened, where, to whom."""

    day: date
    hour: int
    delito: str
    categoria: str
    sexo: str
    lat: float
    lon: float
    place: Alcaldia
    metro: bool


def _weighted_name(draw: Draw, names: Sequence[tuple[str, str, float]]) -> tuple[str, str]:
    delito, categoria, _ = draw.weighted(names, [n[2] for n in names])
    return delito, categoria


def _plans(draw: Draw, stations: list[Station]) -> list[_Plan]:
    all_years, recent = _Days(date(2022, 1, 1), CURRENT_END), _Days(date(2023, 1, 1), CURRENT_END)
    plans = []
    weights = [a.weight for a in ALCALDIAS]
    crime_weights = [c[2] for c in _BACKGROUND_CRIMES]
    for _ in range(_BACKGROUND):
        delito, categoria, _, women = draw.weighted(_BACKGROUND_CRIMES, crime_weights)
        a = draw.weighted(ALCALDIAS, weights)
        day = all_years.draw(draw)
        sexo = "Femenino" if draw.chance(women) else "Masculino"
        lat, lon = _scatter(draw, a)
        plans.append(
            _Plan(day, _hour(draw, day, False), delito, categoria, sexo, lat, lon, a, False)
        )
    risk = [_risk(draw, s) * s.riders for s in stations]
    for mode, (count, names) in TRANSPORT.items():
        for _ in range(count):
            delito, categoria = _weighted_name(draw, names)
            day = recent.draw(draw)
            sexo = "Femenino" if draw.chance(0.5) else "Masculino"
            if mode == "Metro":
                lat, lon = _near(draw, draw.weighted(stations, risk))
                place = alcaldia_at(lat, lon)
            else:
                place = draw.weighted(ALCALDIAS, weights)
                lat, lon = _scatter(draw, place)
            hour = _hour(draw, day, mode == "Metro")
            plans.append(
                _Plan(day, hour, delito, categoria, sexo, lat, lon, place, mode == "Metro")
            )
    sexual = [s.riders * (_SEXUAL_LINE_WEIGHT if s.line == SEXUAL_LINE else 1) for s in stations]
    for _ in range(_SEXUAL_NEAR_METRO):
        delito, categoria = _weighted_name(draw, SEXUAL)
        day = all_years.draw(draw)
        lat, lon = _near(draw, draw.weighted(stations, sexual))
        hour = _hour(draw, day, True)
        plans.append(
            _Plan(day, hour, delito, categoria, "Femenino", lat, lon, alcaldia_at(lat, lon), True)
        )
    return plans


def _risk(draw: Draw, s: Station) -> float:
    """How likely a rider of the station is robbed, relative to an ordinary station."""
    if (s.line, s.name) == BUSY_STATION:
        return 1.0
    if (s.line, s.name) == SMALL_STATION:
        return _SMALL_RISK
    return draw.lognormal(1.0, 0.2, limit=2.0)


def _victim(draw: Draw, plan: _Plan) -> Victim | None:
    """The record as published, or None when it never reached the file (gap or cut-off)."""
    hecho = datetime.combine(plan.day, time(plan.hour, draw.integer(0, 59)))
    inicio = hecho + _delay(draw)
    end = PREVIOUS_END if plan.day.year < 2023 else CURRENT_END
    if inicio.date() > end:
        return None
    if (inicio.year, inicio.month) == GAP_MONTH and not draw.chance(GAP_KEEP):
        return None
    layout = "anterior" if plan.day.year < 2023 else "actual"
    zero, noon = PLACEHOLDER_RATES[layout]
    quirk = draw.uniform()
    if quirk < zero:
        hecho = datetime.combine(plan.day, time(0, 0))
    elif quirk < zero + noon:
        hecho = datetime.combine(plan.day, time(12, 0))
    moral = plan.delito in _MORAL_CRIMES and draw.chance(0.12)
    no_sex, no_age = _MISSING[layout]
    sexo = None if moral or draw.chance(no_sex) else plan.sexo
    edad = None if moral or draw.chance(no_age) else _age(draw, plan)
    lat, lon = (None, None) if draw.chance(0.02) else (round(plan.lat, 6), round(plan.lon, 6))
    return Victim(
        carpeta=0,
        hecho=hecho,
        inicio=inicio,
        delito=plan.delito,
        categoria=plan.categoria,
        sexo=sexo,
        edad=edad,
        tipo_persona="MORAL" if moral else "FISICA",
        calidad=draw.weighted([c for c, _ in _CALIDAD], [w for _, w in _CALIDAD]),
        competencia="FUERO COMUN",
        alcaldia_fgj=plan.place.fgj,
        alcaldia=plan.place.name,
        colonia=draw.choice(_COLONIAS),
        calle=f"CALLE {draw.integer(1, 120)}",
        calle2="",
        lat=lat,
        lon=lon,
    )


def _age(draw: Draw, plan: _Plan) -> int:
    mean = 27 if "SEXUAL" in plan.delito else 36
    return int(max(12, min(88, round(draw.normal(mean, 12)))))


def victims(draw: Draw, stations: list[Station]) -> tuple[list[Victim], list[Victim]]:
    """The records of the pre-2023 file (events of 2022) and of the current one (2023-2024),
    each in the order the carpetas were opened."""
    kept = [v for plan in _plans(draw, stations) if (v := _victim(draw, plan)) is not None]
    kept.sort(key=lambda v: (v.inicio, v.hecho, v.delito))
    numbered = [_number(v, i) for i, v in enumerate(kept, start=1)]
    previous = [v for v in numbered if v.hecho.year < 2023]
    current = [v for v in numbered if v.hecho.year >= 2023]
    return previous, current


def _number(v: Victim, i: int) -> Victim:
    return replace(v, carpeta=8_100_000 + i)
