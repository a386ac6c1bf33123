"""The fictitious transport network of the movilidad sample: alcaldías, lines and Metro stations.

Alcaldías are Mexico City's real sixteen (FGJ spelling and the accented one), with approximate
centres; every station name is invented. Metro lines are drawn through anchor points (terminals
and transfers) with stations evenly spaced between them, so transfers share a name and sit a few
tens of metres apart, as each line's platforms do in SEMOVI's layer.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kit.samples._rng import Draw

__all__ = [
    "ALCALDIAS",
    "BUSY_STATION",
    "LINES",
    "SEXUAL_LINE",
    "SMALL_STATION",
    "Alcaldia",
    "Station",
    "alcaldia_at",
    "distance_m",
    "metro_stations",
    "offset",
]


@dataclass(frozen=True)
class Alcaldia:
    """One of the sixteen alcaldías: FGJ's spelling, its name, centre and crime weight."""

    fgj: str
    name: str
    lat: float
    lon: float
    spread_km: float
    weight: float


ALCALDIAS = (
    Alcaldia("ALVARO OBREGON", "Álvaro Obregón", 19.365, -99.215, 2.6, 7),
    Alcaldia("AZCAPOTZALCO", "Azcapotzalco", 19.485, -99.185, 1.8, 4),
    Alcaldia("BENITO JUAREZ", "Benito Juárez", 19.380, -99.160, 1.6, 7),
    Alcaldia("COYOACAN", "Coyoacán", 19.335, -99.150, 2.0, 6),
    Alcaldia("CUAJIMALPA DE MORELOS", "Cuajimalpa de Morelos", 19.360, -99.290, 2.0, 1.5),
    Alcaldia("CUAUHTEMOC", "Cuauhtémoc", 19.430, -99.150, 1.5, 12),
    Alcaldia("GUSTAVO A. MADERO", "Gustavo A. Madero", 19.490, -99.110, 2.6, 10),
    Alcaldia("IZTACALCO", "Iztacalco", 19.395, -99.098, 1.4, 4),
    Alcaldia("IZTAPALAPA", "Iztapalapa", 19.355, -99.060, 3.0, 14),
    Alcaldia("LA MAGDALENA CONTRERAS", "La Magdalena Contreras", 19.310, -99.240, 1.5, 1.5),
    Alcaldia("MIGUEL HIDALGO", "Miguel Hidalgo", 19.430, -99.200, 1.8, 6),
    Alcaldia("MILPA ALTA", "Milpa Alta", 19.190, -99.020, 2.5, 0.8),
    Alcaldia("TLAHUAC", "Tláhuac", 19.285, -99.005, 2.0, 2.5),
    Alcaldia("TLALPAN", "Tlalpan", 19.270, -99.170, 3.0, 5),
    Alcaldia("VENUSTIANO CARRANZA", "Venustiano Carranza", 19.430, -99.100, 1.5, 6),
    Alcaldia("XOCHIMILCO", "Xochimilco", 19.255, -99.100, 2.4, 3),
)

LINES: dict[str, tuple[str, ...]] = {
    "Metro": ("1", "3", "8", "A", "12"),
    "Metrobús": ("1", "2", "3"),
    "Trolebús": ("1", "2"),
    "Cablebús": ("1", "2"),
    "Tren Ligero": ("TL",),
}
"""The lines of each system in the sample (normalised labels; Tren Ligero has one line)."""

# Metro lines: (anchor name, lat, lon, stations strictly between this anchor and the next).
_ANCHORS: dict[str, list[tuple[str, float, float, int]]] = {
    "1": [
        ("Cantera Vieja", 19.398, -99.205, 3),
        ("Crucero Tlacuilo", 19.405, -99.157, 3),
        ("Plaza Tezontle", 19.4123, -99.1023, 1),
        ("Acalotes", 19.416, -99.075, 0),
    ],
    "3": [
        ("Cerro del Ocote", 19.495, -99.142, 5),
        ("Crucero Tlacuilo", 19.405, -99.157, 2),
        ("Jardín de los Nogales", 19.360, -99.166, 1),
        ("Cañada Honda", 19.330, -99.172, 0),
    ],
    "8": [
        ("Callejón del Órgano", 19.447, -99.125, 2),
        ("Plaza Tezontle", 19.4123, -99.1023, 5),
        ("Lomas del Perdiz", 19.342, -99.062, 0),
    ],
    "A": [("Acalotes", 19.416, -99.075, 7), ("Ejido Tlazintla", 19.352, -98.965, 0)],
    "12": [
        ("Molino de Jade", 19.375, -99.195, 1),
        ("Jardín de los Nogales", 19.360, -99.166, 7),
        ("Tierra Colorada", 19.300, -99.035, 0),
    ],
}
_NAMES: dict[str, tuple[str, ...]] = {
    "1": ("Lomas del Fresno", "Tepozanes", "Molino Blanco", "Puente de Piedra",
          "Plaza Mayorazgo", "Ahuehuetes", "Mercado Nopalito"),
    "3": ("Barrio Tejocote", "Fuente de Ónix", "Colibríes", "Alameda Sur", "Capulines",
          "Los Sabinos", "Pedregal de Ámbar", "Jacarandas Norte", "Vivero Azul"),
    "8": ("Estanquillo", "Tlapalería", "Arenal de Oriente", "Canal de Chinampas", "Jagüeyes",
          "Huerta Vieja", "Real del Ciprés"),
    "A": ("Magueyal", "Cerro de Tezcatl", "Los Tejamaniles", "Ojo de Agua Chico",
          "Hacienda Cuitlapilco", "Las Garzas", "Tecolotes", "Paraje Zacatal"),
    "12": ("Cuesta del Búho", "Pirules", "Rancho Ocotal", "Axolotes", "Tlacuaches",
           "Campo Amapola", "Palma Real", "Tulipanes"),
}  # fmt: skip
_OPENED = {"1": 1969, "3": 1978, "8": 1994, "A": 1991, "12": 2012}
_PLATFORM_OFFSET_M = {"1": (0, 0), "3": (45, 40), "8": (-50, 45), "A": (60, -40), "12": (-40, -55)}

BUSY_STATION = ("3", "Cerro del Ocote")
"""A terminal with far more riders than any other: the most victims, an ordinary rate."""
SMALL_STATION = ("A", "Hacienda Cuitlapilco")
"""A quiet station with few victims but a high rate (and a wide interval)."""
SEXUAL_LINE = "8"
"""The line around whose stations sexual crimes against women are planted more often."""


@dataclass(frozen=True)
class Station:
    """One Metro station of one line, as a point of SEMOVI's layer."""

    clave: str
    line: str
    index: int
    name: str
    kind: str
    alcaldia: str
    opened: int
    eod: str
    lat: float
    lon: float
    riders: float
    """Typical weekday entries (before the day's variation)."""


def distance_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6_371_000 * math.asin(math.sqrt(a))


def offset(lat: float, lon: float, north_m: float, east_m: float) -> tuple[float, float]:
    """The point ``north_m`` metres north and ``east_m`` metres east of (lat, lon)."""
    dlat = north_m / 111_195
    dlon = east_m / (111_195 * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


def alcaldia_at(lat: float, lon: float) -> Alcaldia:
    """The alcaldía whose centre is nearest (scaled by its size): a coarse, fixed map."""
    return min(ALCALDIAS, key=lambda a: distance_m(lat, lon, a.lat, a.lon) / a.spread_km)


def _points(line: str) -> list[tuple[str, float, float]]:
    anchors = _ANCHORS[line]
    names = iter(_NAMES[line])
    out = []
    for (name, lat, lon, between), nxt in zip(anchors, [*anchors[1:], None], strict=True):
        out.append((name, lat, lon))
        if nxt is None:
            break
        for k in range(1, between + 1):
            t = k / (between + 1)
            out.append((next(names), lat + t * (nxt[1] - lat), lon + t * (nxt[2] - lon)))
    return out


def _kind(name: str, position: int, last: int) -> str:
    transfer = sum(name == a[0] for anchors in _ANCHORS.values() for a in anchors) > 1
    terminal = position in (0, last)
    if transfer:
        return "Terminal / Transbordo" if terminal else "Transbordo"
    return "Terminal" if terminal else "Intermedia"


def _riders(draw: Draw, line: str, name: str, kind: str) -> float:
    if (line, name) == BUSY_STATION:
        return 118_000.0
    if (line, name) == SMALL_STATION:
        return 3_200.0
    base = draw.lognormal(17_000, 0.35, limit=2.0)
    factor = {"Terminal": 2.0, "Transbordo": 1.8, "Terminal / Transbordo": 2.4}.get(kind, 1.0)
    return round(base * factor, 1)


def metro_stations(draw: Draw) -> list[Station]:
    """Every Metro station point, line by line, checked to stand apart from each other."""
    stations = []
    for line, code in zip(LINES["Metro"], ("01", "03", "08", "LA", "12"), strict=True):
        points = _points(line)
        north, east = _PLATFORM_OFFSET_M[line]
        for i, (name, lat, lon) in enumerate(points, start=1):
            kind = _kind(name, i - 1, len(points) - 1)
            if "Transbordo" in kind:
                lat, lon = offset(lat, lon, north, east)
            lat, lon = round(lat, 13), round(lon, 13)
            stations.append(
                Station(
                    clave=f"STC{code}{i:02d}",
                    line=line,
                    index=i,
                    name=name,
                    kind=kind,
                    alcaldia=alcaldia_at(lat, lon).name,
                    opened=_OPENED[line],
                    eod=f"05{200 + len(stations):03d}",
                    lat=lat,
                    lon=lon,
                    riders=_riders(draw, line, name, kind),
                )
            )
    _check_apart(stations)
    return stations


def _check_apart(stations: list[Station]) -> None:
    """Different stations stand at least 700 m apart, so a crime's nearest station is clear."""
    for i, a in enumerate(stations):
        for b in stations[i + 1 :]:
            if a.name != b.name and distance_m(a.lat, a.lon, b.lat, b.lon) < 700:
                raise ValueError(f"stations too close: {a.name} and {b.name}")
