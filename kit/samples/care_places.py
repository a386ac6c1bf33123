"""Mexico City's 16 alcaldías for the care sample: where they are and how many people live there.

Codes and names are INEGI's; populations are generated around plausible magnitudes (perturbed,
never copied from the census), each alcaldía with its own share of small children, of people
aged 60 and over, and of people with a disability. The rough bounding boxes put establishments
inside each alcaldía (they do not overlap; no polygons are needed). The planted supply of care
(how many people per guardería and per asilo) is decided here, so the uneven coverage the
notebooks look for is a choice written in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kit.samples._rng import Draw

__all__ = [
    "BENCHMARK",
    "DEFICIT",
    "SURPLUS",
    "Alcaldia",
    "Box",
    "alcaldias",
    "apportion",
]


@dataclass(frozen=True)
class Box:
    """A rough bounding box in degrees (WGS84)."""

    lat_min: float
    lat_max: float
    lon_min: float
    lon_max: float

    def contains(self, lat: float, lon: float) -> bool:
        return self.lat_min <= lat <= self.lat_max and self.lon_min <= lon <= self.lon_max

    def json(self) -> dict[str, float]:
        return {
            "lat_min": self.lat_min,
            "lat_max": self.lat_max,
            "lon_min": self.lon_min,
            "lon_max": self.lon_max,
        }


# code, name, box, population (thousands), share aged 0-5, share aged 60+, disability rate,
# first digits of its postal codes.
_TABLE = (
    ("002", "Azcapotzalco", Box(19.465, 19.505, -99.205, -99.152), 432, 0.058, 0.185, 0.052, "02"),
    ("003", "Coyoacán", Box(19.300, 19.352, -99.185, -99.112), 614, 0.050, 0.215, 0.050, "04"),
    ("004", "Cuajimalpa de Morelos", Box(19.340, 19.385, -99.310, -99.258), 217, 0.066, 0.125,
     0.040, "05"),
    ("005", "Gustavo A. Madero", Box(19.457, 19.545, -99.148, -99.065), 1173, 0.060, 0.180, 0.055,
     "07"),
    ("006", "Iztacalco", Box(19.382, 19.408, -99.125, -99.065), 405, 0.056, 0.185, 0.053, "08"),
    ("007", "Iztapalapa", Box(19.300, 19.374, -99.100, -98.980), 1835, 0.070, 0.140, 0.050, "09"),
    ("008", "La Magdalena Contreras", Box(19.295, 19.328, -99.255, -99.215), 247, 0.064, 0.160,
     0.048, "10"),
    ("009", "Milpa Alta", Box(19.180, 19.215, -99.090, -99.000), 152, 0.085, 0.105, 0.047, "12"),
    ("010", "Álvaro Obregón", Box(19.332, 19.390, -99.250, -99.190), 759, 0.064, 0.160, 0.049,
     "01"),
    ("011", "Tláhuac", Box(19.250, 19.294, -99.055, -98.975), 392, 0.074, 0.130, 0.048, "13"),
    ("012", "Tlalpan", Box(19.210, 19.294, -99.220, -99.132), 699, 0.062, 0.160, 0.047, "14"),
    ("013", "Xochimilco", Box(19.215, 19.275, -99.128, -99.062), 442, 0.068, 0.150, 0.049, "16"),
    ("014", "Benito Juárez", Box(19.360, 19.398, -99.185, -99.140), 434, 0.045, 0.225, 0.046, "03"),
    ("015", "Cuauhtémoc", Box(19.405, 19.453, -99.170, -99.130), 545, 0.052, 0.170, 0.048, "06"),
    ("016", "Miguel Hidalgo", Box(19.400, 19.455, -99.215, -99.176), 414, 0.050, 0.195, 0.045,
     "11"),
    ("017", "Venustiano Carranza", Box(19.412, 19.455, -99.118, -99.070), 443, 0.057, 0.190,
     0.054, "15"),
)  # fmt: skip

BENCHMARK = {"guarderia": 600, "asilo": 8000}
"""Reference ratios of the exercise (people per establishment), not an official norm: children
aged 0-5 per guardería and people aged 60+ per asilo. An alcaldía above them lacks
establishments (``faltan > 0``); below them it has a surplus."""

DEFICIT = {
    "guarderia": ("Iztapalapa", "Tláhuac", "Milpa Alta"),
    "asilo": ("Iztapalapa", "Venustiano Carranza", "Tláhuac"),
}
"""The alcaldías planted with the largest shortfalls (most people per establishment)."""

SURPLUS = {"guarderia": "Benito Juárez", "asilo": "Coyoacán"}
"""The one alcaldía planted with more establishments than the benchmark asks for."""

# People per establishment drawn for the planted alcaldías and for the rest.
_RATIOS = {
    "guarderia": {"deficit": (1900, 2300), "surplus": (330, 370), "other": (690, 950)},
    "asilo": {"deficit": (36000, 48000), "surplus": (5400, 6000), "other": (9000, 14000)},
    "discapacidad": {"other": (5000, 8000)},
}
AGES = 101  # single years 0..100


@dataclass
class Alcaldia:
    """One alcaldía: its place, its people by sex and single year of age, its planted supply."""

    code: str
    name: str
    box: Box
    postal: str
    disability_rate: float
    women: list[int]
    men: list[int]
    supply: dict[str, int] = field(default_factory=dict)

    @property
    def cve_mun(self) -> str:
        return "09" + self.code

    @property
    def population(self) -> int:
        return sum(self.women) + sum(self.men)

    @property
    def disabled(self) -> int:
        """People with a disability (the census' PCON_DISC)."""
        return round(self.population * self.disability_rate)

    def people(self, low: int, high: int = 100) -> int:
        return sum(self.women[low : high + 1]) + sum(self.men[low : high + 1])


def apportion(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainder)."""
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    out = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (out[i] - raw[i], i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def _age_weights(child: float, old: float) -> list[float]:
    """Share of each single year of age: flat childhood, a plateau to 59, a decaying old age."""
    middle = [1.0 if a < 30 else 1.0 - (a - 30) * 0.012 for a in range(6, 60)]
    tail = [0.9 ** (a - 60) for a in range(60, AGES)]
    rest = 1.0 - child - old
    return (
        [child / 6] * 6
        + [rest * w / sum(middle) for w in middle]
        + [old * w / sum(tail) for w in tail]
    )


def _female_share(age: int) -> float:
    return 0.49 if age < 15 else 0.515 if age < 60 else 0.565


def _people(draw: Draw, thousands: int, child: float, old: float) -> tuple[list[int], list[int]]:
    total = int(thousands * 1000 * draw.uniform(0.96, 1.04))
    by_age = apportion(total, _age_weights(child * draw.uniform(0.95, 1.05), old))
    women = [round(n * _female_share(a)) for a, n in enumerate(by_age)]
    return women, [n - w for n, w in zip(by_age, women, strict=True)]


def _supply(draw: Draw, place: Alcaldia) -> dict[str, int]:
    """Establishments of each service, from the planted people-per-establishment ratios."""
    need = {
        "guarderia": place.people(0, 5),
        "asilo": place.people(60),
        "discapacidad": place.disabled,
    }
    out = {}
    for service, ranges in _RATIOS.items():
        kind = "other"
        if place.name in DEFICIT.get(service, ()):
            kind = "deficit"
        elif SURPLUS.get(service) == place.name:
            kind = "surplus"
        out[service] = max(1, round(need[service] / draw.uniform(*ranges[kind])))
    return out


def alcaldias(draw: Draw) -> list[Alcaldia]:
    """The 16 alcaldías in code order, with generated people and planted supply."""
    out = []
    for code, name, box, thousands, child, old, disability, postal in _TABLE:
        women, men = _people(draw, thousands, child, old * draw.uniform(0.95, 1.05))
        rate = round(disability * draw.uniform(0.95, 1.05), 4)
        place = Alcaldia(code, name, box, postal, rate, women, men)
        place.supply = _supply(draw, place)
        out.append(place)
    return out
