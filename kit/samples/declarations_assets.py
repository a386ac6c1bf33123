"""What officials own, owe and take part in: homes, cars, loans, companies, family.

Only officials of the complete format (jefe de departamento and above) declare assets and
interests. Ordinary officials buy within their means: a home on a mortgage, a car on credit or
cash out of a year's pay; a few hold shares in small companies that never sell to the state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from kit.samples import names
from kit.samples._rng import Draw
from kit.samples.declarations_catalogs import SECTORES, TIPO_PARTICIPACION
from kit.samples.declarations_people import Registry
from kit.samples.declarations_staff import FIRST_DAY, Official

__all__ = ["Asset", "Debt", "Lenders", "Participation", "buy", "furnish"]

CAR_BRANDS = ("Ardena", "Corvale", "Melsa", "Tauri", "Vexo", "Quiral")
CAR_MODELS = ("Sedán LX", "Hatchback S", "SUV Touring", "Pick-up 4x2", "SUV Platinum")
HOME_KINDS = (("CASA", "CASA"), ("DPTO", "DEPARTAMENTO"), ("TERR", "TERRENO"))
_SERIAL = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"


@dataclass
class Debt:
    """A mortgage or car loan."""

    kind: str  # CHIP (mortgage) or CAUT (car loan)
    amount: int
    taken: date
    lender: tuple[str, str]  # bank name, RFC
    account: str
    years: int


@dataclass
class Asset:
    """A home (inmueble) or a vehicle, as long as it is owned."""

    kind: str  # inmueble or vehiculo
    subtype: tuple[str, str]
    value: int
    acquired: date
    cash: bool
    ident: str  # folio real or serial number
    detail: dict = field(default_factory=dict)
    sold: date | None = None
    debt: Debt | None = None
    planted: bool = False


@dataclass
class Participation:
    """Shares in a company, declared by the official or for their spouse (PAREJA)."""

    company: str
    rfc: str
    percent: int
    tipo: dict
    relation: str  # DECLARANTE or PAREJA
    monthly: int  # pay received from the company (0: none)
    sector: dict
    since: date


class Lenders:
    """The fictitious banks that lend to officials."""

    def __init__(self, draw: Draw, people: Registry) -> None:
        self.banks = []
        for _ in range(4):
            name = f"Banco {names.brand(draw)}, S.A."
            rfc = names.moral_rfc(name, date(draw.integer(1960, 2005), 3, 1), draw)
            people.ids.add(rfc)
            self.banks.append((name, rfc))


def _day(draw: Draw, first: date, last: date) -> date:
    return first + timedelta(days=draw.integer(0, max(0, (last - first).days)))


def _serial(draw: Draw, n: int) -> str:
    return "".join(draw.choice(_SERIAL) for _ in range(n))


def buy(
    official: Official,
    draw: Draw,
    lenders: Lenders,
    kind: str,
    value: int,
    day: date,
    credit: float = 0.0,
) -> Asset:
    """Add a home or a car bought on ``day``; ``credit`` is the share paid with a loan."""
    if kind == "inmueble":
        subtype = HOME_KINDS[0] if draw.chance(0.6) else draw.choice(HOME_KINDS)
        land = draw.integer(90, 400)
        built = 0 if subtype[0] == "TERR" else draw.integer(60, min(land * 2, 420))
        detail = {"terreno": land, "construccion": built}
        ident = f"FR-{draw.integer(100000, 999999)}"
    else:
        subtype = ("AUMOT", "AUTOMÓVIL/MOTOCICLETA")
        detail = {
            "marca": draw.choice(CAR_BRANDS),
            "modelo": draw.choice(CAR_MODELS),
            "anio": min(day.year + 1, max(day.year - 3, 2008) + draw.integer(0, 3)),
        }
        ident = _serial(draw, 17)
    asset = Asset(kind, subtype, round(value / 1000) * 1000, day, credit == 0, ident, detail)
    if credit:
        code, years = ("CHIP", 20) if kind == "inmueble" else ("CAUT", 5)
        account = f"{draw.integer(10, 99)}-{draw.integer(1000000, 9999999)}"
        amount = round(asset.value * credit / 1000) * 1000
        asset.debt = Debt(code, amount, day, draw.choice(lenders.banks), account, years)
        official.debts.append(asset.debt)
    official.assets.append(asset)
    return asset


def _family(official: Official, draw: Draw, people: Registry) -> None:
    born = official.person.born
    if draw.chance(0.62):
        official.spouse = people.person(draw, (born.year - 4, min(born.year + 6, 2000)))
        official.spouse_income = (
            0 if draw.chance(0.4) else int(round(draw.uniform(7, 40), 0)) * 1000
        )
    person, spouse = official.person, official.spouse
    father, mother = (person, spouse) if person.sex == "H" else (spouse, person)
    surname = father.surname if father else person.surname
    second = mother.surname if mother else person.second
    for _ in range(draw.weighted([0, 1, 2, 3], [0.3, 0.3, 0.3, 0.1])):
        first_year = born.year + 24
        if first_year <= 2020:
            years = (first_year, min(2020, born.year + 42))
            official.dependents.append(people.relative(draw, years, surname, second))


def furnish(
    official: Official,
    draw: Draw,
    people: Registry,
    lenders: Lenders,
    companies: list[tuple[str, str]],
) -> None:
    """Family, studies, side income, savings, assets and debts of one official."""
    _family(official, draw, people)
    official.education = min(6, max(0, 6 - official.post.rank + draw.integer(-1, 1)))
    official.side_income = draw.integer(3, 15) * 1000 if draw.chance(0.08) else 0
    official.account = int(official.monthly_pay(2021) * draw.uniform(0.4, 4))
    if not official.post.complete:
        return
    yearly = 13 * official.monthly_pay(2021)
    adult = date(official.person.born.year + 27, 6, 1)
    before = min(official.start, FIRST_DAY) - timedelta(days=30)
    if draw.chance(0.65) and adult < before:
        value = yearly * draw.uniform(2.5, 6)
        credit = draw.uniform(0.8, 0.9) if draw.chance(0.6) else 0.0
        buy(official, draw, lenders, "inmueble", value, _day(draw, adult, before), credit)
    for chance in (0.75, 0.25):
        if draw.chance(chance) and adult < before:
            day = _day(draw, max(adult, date(2012, 1, 1)), before)
            credit = draw.uniform(0.6, 0.8) if draw.chance(0.4) else 0.0
            buy(official, draw, lenders, "vehiculo", yearly * draw.uniform(0.3, 0.8), day, credit)
    _purchases(official, draw, lenders)
    if draw.chance(0.05):
        official.participations.append(_stake(draw, companies, official.start))


def _purchases(official: Official, draw: Draw, lenders: Lenders) -> None:
    """Ordinary purchases of 2021-2024: cars (some replacing an old one), a few homes on credit."""
    for year in range(2021, 2025):
        first = max(official.start, date(year, 1, 1)) + timedelta(days=20)
        last = min(date(year, 12, 20), date(2024, 4, 30))
        if official.end is not None:
            last = min(last, official.end - timedelta(days=20))
        if first >= last:
            continue
        yearly = 13 * official.monthly_pay(year)
        if draw.chance(0.12):
            day = _day(draw, first, last)
            old = [a for a in official.assets if a.kind == "vehiculo" and a.sold is None]
            if old and draw.chance(0.5):
                old[0].sold = day
            credit = draw.uniform(0.7, 0.85) if draw.chance(0.6) else 0.0
            value = yearly * (draw.uniform(0.4, 0.9) if credit else draw.uniform(0.15, 0.35))
            buy(official, draw, lenders, "vehiculo", value, day, credit)
        if draw.chance(0.03):
            value = yearly * draw.uniform(3, 6)
            buy(official, draw, lenders, "inmueble", value, _day(draw, first, last), 0.9)


def _stake(draw: Draw, companies: list[tuple[str, str]], since: date) -> Participation:
    """Shares in one of the small fictitious companies that never sell to the state."""
    name, rfc = draw.choice(companies)
    monthly = draw.integer(4, 20) * 1000 if draw.chance(0.3) else 0
    day = min(since, FIRST_DAY) - timedelta(days=draw.integer(200, 3000))
    tipo = draw.choice(TIPO_PARTICIPACION)
    return Participation(
        name, rfc, 5 * draw.integer(1, 10), tipo, "DECLARANTE", monthly, draw.choice(SECTORES), day
    )
