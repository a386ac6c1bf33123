"""Planted cases of the declarations sample that live in S1: homonyms, companies, wealth.

- **homonyms**: two different officials with the same full name (other RFC and CURP);
- **company conflicts**: an official (or the spouse) declares shares in a company whose RFC is a
  supplier that won awards from the official's own institution in the procurement sample; the
  *traps* declare a supplier that only ever sold to other institutions;
- **wealth growth**: homes and cars bought cash, far beyond the income declared meanwhile.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from kit.samples._rng import Draw
from kit.samples.declarations_assets import Lenders, Participation, buy
from kit.samples.declarations_catalogs import SECTORES, TIPO_PARTICIPACION
from kit.samples.declarations_people import Registry
from kit.samples.declarations_staff import FIRST_DAY, Official, Staff

__all__ = [
    "Award",
    "CompanyCase",
    "plant_companies",
    "plant_homonyms",
    "plant_wealth",
    "steady",
]

N_COMPANY, N_SPOUSE, N_TRAPS, N_WEALTH, N_HOMONYMS = 6, 2, 3, 8, 3


@dataclass(frozen=True)
class Award:
    """One award of the procurement sample, with its buyer and supplier."""

    award_id: str
    ocid: str
    buyer_id: str
    day: date  # award date in Mexico's time
    amount: float
    supplier_id: str
    supplier_name: str
    rfc: str

    def json(self) -> dict:
        return {
            "award_id": self.award_id,
            "ocid": self.ocid,
            "buyer_id": self.buyer_id,
            "date": str(self.day),
            "amount": round(self.amount, 2),
        }


@dataclass
class CompanyCase:
    """A declared stake in a procurement supplier."""

    official: Official
    supplier: Award  # any award of the supplier (its id, name and RFC)
    stake: Participation
    trap: bool


def steady(staff: Staff, ranks: range, s2: bool, used: set[str]) -> list[Official]:
    """Officials in office the whole of 2021-2024, of the given ranks, not planted yet."""
    return [
        o
        for o in staff.officials
        if o.start < date(2020, 11, 1)
        and o.end is None
        and o.post.rank in ranks
        and (bool(o.s2_area) or not s2)
        and o.key not in used
    ]


def plant_homonyms(staff: Staff, draw: Draw, people: Registry, used: set[str]) -> list[list]:
    """Make pairs of officials of different institutions namesakes (before families exist)."""
    pairs = []
    pool = steady(staff, range(1, 7), False, used)
    for _ in range(N_HOMONYMS):
        first = draw.choice([o for o in pool if o.s2_area])
        second = draw.choice([o for o in pool if o.inst != first.inst and o is not first])
        born = second.person.born.year
        second.person = people.person(draw, (born, born), like=first.person)
        for official in (first, second):
            official.cases.append(f"H{len(pairs) + 1:02d}")
            used.add(official.key)
            pool.remove(official)
        pairs.append([first, second])
    return pairs


def _by_buyer(awards: list[Award]) -> dict[str, dict[str, list[Award]]]:
    out: dict[str, dict[str, list[Award]]] = defaultdict(lambda: defaultdict(list))
    for award in awards:
        out[award.rfc][award.buyer_id].append(award)
    return out


def _stake(draw: Draw, supplier: Award, relation: str, since: date, variant: bool) -> Participation:
    name = supplier.supplier_name
    if variant:  # as typed by the declarant: capitals, no punctuation
        name = name.upper().replace(",", "").replace(".", "")
    tipo = draw.choice(TIPO_PARTICIPACION)
    monthly = draw.integer(8, 30) * 1000 if draw.chance(0.5) else 0
    sector = SECTORES[1] if "Constru" in supplier.supplier_name else SECTORES[0]
    return Participation(
        name, supplier.rfc, 10 * draw.integer(1, 6), tipo, relation, monthly, sector, since
    )


def _fit(awards: list[Award], sold: dict, avoid: set[str]) -> list[str]:
    """Companies (12-character RFC) not planted elsewhere, whose name no other RFC uses."""
    rfcs_of = defaultdict(set)
    for award in awards:
        rfcs_of[award.supplier_name].add(award.rfc)
    return sorted(
        rfc
        for rfc, buyers in sold.items()
        if len(rfc) == 12 and rfc not in avoid and len(rfcs_of[buyers_name(buyers)]) == 1
    )


def plant_companies(
    staff: Staff, draw: Draw, awards: list[Award], avoid: set[str], used: set[str]
) -> list[CompanyCase]:
    """Stakes in suppliers of the official's own institution (cases) or of others (traps)."""
    sold = _by_buyer(awards)
    fit = _fit(awards, sold, avoid)
    cases: list[CompanyCase] = []
    pool = steady(staff, range(1, 5), True, used)
    institutions = set()
    while len(cases) < N_COMPANY + N_SPOUSE + N_TRAPS:
        trap = len(cases) >= N_COMPANY + N_SPOUSE
        spouse = not trap and len(cases) >= N_COMPANY
        official = draw.choice(pool)
        if official.inst.code in institutions or (spouse and official.spouse is None):
            continue
        buyer = official.inst.buyer_id
        options = [
            r for r in fit if (buyer not in sold[r] if trap else len(sold[r].get(buyer, [])) >= 2)
        ]
        if not options:
            continue
        rfc = draw.choice(options)
        fit.remove(rfc)
        supplier = min((a for got in sold[rfc].values() for a in got), key=lambda a: a.award_id)
        late = not trap and len(cases) in (1, 4)  # stake first declared in 2022
        since = date(2021, 9, 15) if late else FIRST_DAY - timedelta(days=draw.integer(400, 3000))
        relation = "PAREJA" if spouse else "DECLARANTE"
        stake = _stake(draw, supplier, relation, since, len(cases) in (2, 5))
        official.participations.append(stake)
        number = len(cases) + 1 - (N_COMPANY + N_SPOUSE if trap else 0)
        official.cases.append(f"{'T' if trap else 'C'}{number:02d}")
        institutions.add(official.inst.code)
        pool.remove(official)
        used.add(official.key)
        cases.append(CompanyCase(official, supplier, stake, trap))
    return cases


def buyers_name(buyers: dict[str, list[Award]]) -> str:
    """The supplier's name, from any of its awards."""
    return next(iter(buyers.values()))[0].supplier_name


def plant_wealth(staff: Staff, draw: Draw, lenders: Lenders, used: set[str]) -> list[Official]:
    """Homes and cars bought cash in 2021-2024, several times the pay declared meanwhile."""
    chosen = []
    pool = [o for o in steady(staff, range(1, 6), False, used) if o.filings[0][0] != "INICIAL"]
    for _ in range(N_WEALTH):
        official = draw.choice(pool)
        pool.remove(official)
        used.add(official.key)
        official.cases.append(f"W{len(chosen) + 1:02d}")
        yearly = 13 * official.monthly_pay(2022)
        buys = ["inmueble", "inmueble", "vehiculo", "vehiculo"][: 3 + draw.integer(0, 1)]
        for i, kind in enumerate(buys):
            day = date((2021, 2022, 2023, 2023)[i], draw.integer(7, 12) if i < 3 else 2, 14)
            scale = draw.uniform(6, 10) if kind == "inmueble" else draw.uniform(1, 2.5)
            buy(official, draw, lenders, kind, yearly * scale, day).planted = True
        chosen.append(official)
    return chosen
