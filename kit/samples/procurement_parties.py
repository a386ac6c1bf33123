"""The fictitious buyers and suppliers of the procurement sample.

Every buyer belongs to the invented *Estado de Nueva Galicia*: its name carries that marker, so
tests (and readers) can tell at a glance that no real institution is meant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kit.samples import names
from kit.samples._rng import Draw
from kit.samples.cucop import FAMILIES, SECTORS

__all__ = ["MARKER", "Party", "Roster", "make_buyers", "make_suppliers"]

MARKER = "Nueva Galicia"
STATE = "Nueva Galicia"
CAPITAL = "Villa de Galicia"
LOCALITIES = ("Villa de Galicia", "Puerto Azalea", "San Telmo de las Flores", "Tlalmira", "Ocotal")
OTHER_STATES = (
    ("Ciudad de México", "Benito Juárez"),
    ("Jalisco", "Guadalajara"),
    ("Nuevo León", "Monterrey"),
    ("Querétaro", "Querétaro"),
    ("Puebla", "Puebla"),
)

# code | name | CUCOP families | relative number of processes | locality
_BUYERS = """
SEFIN|Secretaría de Finanzas del Estado de Nueva Galicia|211 214 331 336 515 345|1.2
SADMIN|Secretaría de Administración del Estado de Nueva Galicia|211 216 261 355 358 541|1.4
SALUD|Secretaría de Salud del Estado de Nueva Galicia|253 254 531 331 216|1.6
SESA|Servicios de Salud de Nueva Galicia|253 254 531 221 358|1.8
HGNG|Hospital General de Nueva Galicia|253 254 531 221 216|1.2
HRPA|Hospital Regional de Puerto Azalea, Nueva Galicia|253 254 221 358|0.9|Puerto Azalea
HMN|Hospital de la Mujer y el Niño de Nueva Galicia|253 254 531 221|0.8
DIF|Sistema para el Desarrollo Integral de la Familia de Nueva Galicia|221 271 382 254 216|1.1
CEA|Comisión Estatal del Agua de Nueva Galicia|249 613 246 323 331|1.2
OOAPA|Organismo Operador de Agua Potable y Alcantarillado de Nueva Galicia|249 613 323|0.9
SEDUC|Secretaría de Educación del Estado de Nueva Galicia|211 214 515 271 382 336|1.5
INIFE|Instituto de Infraestructura Física Educativa de Nueva Galicia|622 351 249 331|0.8
SIOP|Secretaría de Infraestructura y Obra Pública de Nueva Galicia|615 622 613 323 331|1.3
SSP|Secretaría de Seguridad Pública del Estado de Nueva Galicia|283 271 541 261 355 338|1.3
FGE|Fiscalía General del Estado de Nueva Galicia|211 515 283 541 331|0.9
SEDESO|Secretaría de Desarrollo Social de Nueva Galicia|221 382 336 271|0.9
SEMADET|Secretaría de Medio Ambiente y Desarrollo Territorial de Nueva Galicia|331 291 541 249|0.6
SECTUR|Secretaría de Turismo de Nueva Galicia|382 336 331|0.6|Puerto Azalea
SEDER|Secretaría de Desarrollo Rural de Nueva Galicia|291 541 261 331 249|0.7|Tlalmira
SEMOV|Secretaría de Movilidad de Nueva Galicia|541 261 355 246 336|0.8
UENG|Universidad Estatal de Nueva Galicia|214 515 531 211 351|0.9
SECULT|Secretaría de Cultura de Nueva Galicia|382 336 351 211|0.6
CODENG|Instituto Estatal del Deporte de Nueva Galicia|382 221|0.6
IPENS|Instituto de Pensiones del Estado de Nueva Galicia|211 331 345 515|0.5
PJENG|Poder Judicial del Estado de Nueva Galicia|211 214 515 358 338|0.7
"""


@dataclass(frozen=True)
class Party:
    """A buyer or supplier: its RFC, name, address and the CUCOP families it buys or sells."""

    rfc: str
    name: str
    locality: str
    region: str
    families: tuple[str, ...]
    kind: str  # "buyer", "moral" (company) or "fisica" (person)
    code: str = ""
    weight: float = 1.0

    @property
    def id(self) -> str:
        """OCDS party id, as Mexican publishers write it."""
        return f"MX-RFC-{self.rfc}"


@dataclass
class Roster:
    """All suppliers, plus the indexes of those given a planted role."""

    suppliers: list[Party]
    heterogeneous: list[int]
    dominant: dict[str, int]  # buyer code -> supplier index
    generic: list[int]


def _day(draw: Draw, first: int, last: int) -> date:
    """A random calendar day between two years."""
    return date(draw.integer(first, last), draw.integer(1, 12), draw.integer(1, 28))


def make_buyers(draw: Draw) -> list[Party]:
    """The 25 buyers of the state government, with RFCs built from their names."""
    buyers = []
    for line in _BUYERS.strip().splitlines():
        code, name, families, weight, *place = line.split("|")
        rfc = names.moral_rfc(name, _day(draw, 1977, 2012), draw)
        locality = place[0] if place else CAPITAL
        buyers.append(
            Party(rfc, name, locality, STATE, tuple(families.split()), "buyer", code, float(weight))
        )
    return buyers


def _address(draw: Draw) -> tuple[str, str]:
    if draw.chance(0.8):
        return draw.choice(LOCALITIES), STATE
    region, locality = draw.choice(OTHER_STATES)
    return locality, region


def _company(draw: Draw, trade: str, families: tuple[str, ...], used: set[str]) -> Party:
    """A persona moral with a unique name and RFC."""
    name = names.company_name(draw, trade)
    while name in used:
        name = names.company_name(draw, trade)
    rfc = names.moral_rfc(name, _day(draw, 1978, 2019), draw)
    while rfc in used:
        rfc = names.moral_rfc(name, _day(draw, 1978, 2019), draw)
    used.update((name, rfc))
    return Party(rfc, name, *_address(draw), families, "moral")


def _person(draw: Draw, families: tuple[str, ...], used: set[str], generic: bool = False) -> Party:
    """A persona física (small supplier) with a unique RFC, or the generic RFC."""
    first, surname, second = names.person_name(draw)
    rfc = names.person_rfc(first, surname, second, _day(draw, 1955, 1996), draw)
    while rfc in used:
        rfc = names.person_rfc(first, surname, second, _day(draw, 1955, 1996), draw)
    used.add(rfc)
    rfc = names.GENERIC_RFC if generic else rfc
    return Party(rfc, f"{first} {surname} {second}", *_address(draw), families, "fisica")


def _specialty(draw: Draw, sector: str, most: int) -> tuple[str, ...]:
    """One to ``most`` CUCOP families of one sector."""
    options = SECTORS[sector]
    return tuple(sorted(draw.sample(options, draw.integer(1, min(most, len(options))))))


_SECTOR_WEIGHTS = {
    "construccion": 0.22,
    "salud": 0.15,
    "oficina": 0.16,
    "transporte": 0.10,
    "seguridad": 0.08,
    "alimentos": 0.09,
    "limpieza": 0.07,
    "electrico": 0.06,
    "profesionales": 0.07,
}


def make_suppliers(draw: Draw, n: int, concentrated: dict[str, tuple[str, ...]]) -> Roster:
    """``n`` suppliers: 3 heterogeneous, one dominant per concentrated buyer, 3 generic-RFC people.

    The rest are specialists of one sector (1-3 families); about 15% are personas físicas.
    """
    used: set[str] = set()
    suppliers: list[Party] = []
    for _ in range(3):
        families = tuple(sorted(draw.sample(sorted(FAMILIES), draw.integer(10, 12))))
        suppliers.append(_company(draw, "Comercializadora y Servicios Integrales", families, used))
    dominant = {}
    for code, families in concentrated.items():
        dominant[code] = len(suppliers)
        trade = names.SECTOR_TRADES[FAMILIES[families[0]].sector][0]
        suppliers.append(_company(draw, trade, families, used))
    generic_start = len(suppliers)
    for family in ("355", "351", "221"):
        suppliers.append(_person(draw, (family,), used, generic=True))
    sectors, weights = list(_SECTOR_WEIGHTS), list(_SECTOR_WEIGHTS.values())
    while len(suppliers) < n:
        sector = draw.weighted(sectors, weights)
        if draw.chance(0.15):
            suppliers.append(_person(draw, _specialty(draw, sector, 1), used))
        else:
            trade = draw.choice(names.SECTOR_TRADES[sector])
            suppliers.append(_company(draw, trade, _specialty(draw, sector, 3), used))
    generic = list(range(generic_start, generic_start + 3))
    return Roster(suppliers, [0, 1, 2], dominant, generic)
