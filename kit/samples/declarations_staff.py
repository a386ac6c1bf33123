"""The staff of the procurement sample's buyers: posts (slots), who held them and when.

Every buyer of the procurement sample becomes an institution with a head, one director per area
and staff below in the shares of :data:`~kit.samples.declarations_catalogs.POSTS`. A post is held
by one person at a time: most holders took office before 2021; some leave within 2021-2024
(a *conclusión* declaration) and are followed by a successor (an *inicial* one).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from kit.samples._rng import Draw
from kit.samples.declarations_catalogs import AREAS, POSTS, Post
from kit.samples.declarations_people import Person, Registry

__all__ = ["FIRST_DAY", "LAST_DAY", "Institution", "Official", "Staff", "staff"]

FIRST_DAY = date(2021, 1, 4)  # the procurement sample's first day
LAST_DAY = date(2024, 8, 30)  # last start or end of a post: declarations are due within 60 days
HEAD_AREA = "Oficina de la persona Titular"
_AUTONOMOUS = {"UENG": "ÓRGANO AUTÓNOMO", "FGE": "ÓRGANO AUTÓNOMO", "PJENG": "JUDICIAL"}


@dataclass(frozen=True)
class Institution:
    """A buyer of the procurement sample as a public body (ente público)."""

    index: int
    code: str  # siglas
    name: str
    rfc: str
    locality: str
    processes: int

    @property
    def buyer_id(self) -> str:
        return f"MX-RFC-{self.rfc}"

    @property
    def clave(self) -> str:
        return f"NG{self.index + 1:03d}"

    @property
    def ambito(self) -> str:
        return _AUTONOMOUS.get(self.code, "EJECUTIVO")


@dataclass
class Official:
    """One person holding one post for a while, and everything their declarations say."""

    key: str
    person: Person
    inst: Institution
    area: str
    post: Post
    slot: int
    start: date
    end: date | None = None
    pay_factor: float = 1.0
    s2_area: tuple[str, ...] = ()  # S2 tipoArea claves; empty when not in S2
    superior_slot: int | None = None
    spouse: Person | None = None
    spouse_income: int = 0  # monthly net
    dependents: list[Person] = field(default_factory=list)
    education: int = 1
    side_income: int = 0  # monthly net from professional services
    account: int = 0  # balance of the payroll account
    assets: list = field(default_factory=list)  # declarations_assets.Asset
    debts: list = field(default_factory=list)  # declarations_assets.Debt
    participations: list = field(default_factory=list)  # declarations_assets.Participation
    previous_job: tuple[str, str, str, date, date] | None = None  # PUB/PRV, ente, post, dates
    cases: list[str] = field(default_factory=list)  # planted cases this official belongs to
    filings: list[tuple[str, date]] = field(default_factory=list)  # (tipo, date) of each S1

    def in_office(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end)

    def monthly_pay(self, year: int) -> int:
        """Monthly net pay: the post's 2021 pay, a personal factor, 4% a year."""
        return round(self.post.salary * self.pay_factor * 1.04 ** (year - 2021), -1)

    def yearly_pay(self, year: int) -> int:
        """Net pay for the days of ``year`` in office (13 months a full year: aguinaldo)."""
        first, last = max(self.start, date(year, 1, 1)), date(year, 12, 31)
        if self.end is not None:
            last = min(last, self.end)
        days = max(0, (last - first).days + 1)
        return round(13 * self.monthly_pay(year) * days / 365, -1)


@dataclass
class Staff:
    """Every institution, every post (slot) and every official who held one."""

    institutions: list[Institution]
    officials: list[Official]
    slots: list[tuple[Institution, str, Post, int | None]]  # institution, area, post, superior

    def holder(self, slot: int, day: date) -> Official | None:
        """Who held ``slot`` on ``day``."""
        return next((o for o in self.by_slot[slot] if o.in_office(day)), None)

    def __post_init__(self) -> None:
        self.by_slot: dict[int, list[Official]] = {}
        for official in self.officials:
            self.by_slot.setdefault(official.slot, []).append(official)


def _day(draw: Draw, first: date, last: date) -> date:
    return first + timedelta(days=draw.integer(0, (last - first).days))


def _slots(inst: Institution, size: int) -> list[tuple[str, Post, int | None]]:
    """The posts of one institution as (area, post, index of the superior post)."""
    n_areas = max(4, min(len(AREAS), size // 8))
    areas = [name for name, _ in AREAS[:n_areas]]
    out: list[tuple[str, Post, int | None]] = [(HEAD_AREA, POSTS[0], None)]
    general = [len(out) + i for i in range(max(1, round(size * POSTS[1].share)))]
    out += [(HEAD_AREA, POSTS[1], 0) for _ in general]
    directors = {}
    for i, area in enumerate(areas):
        directors[area] = len(out)
        out.append((area, POSTS[2], general[i % len(general)]))
    for post in POSTS[3:]:
        for i in range(max(1, round(size * post.share))):
            area = areas[i % len(areas)]
            out.append((area, post, directors[area]))
    return out


def _holders(draw: Draw, first_start: bool) -> list[tuple[date, date | None]]:
    """Terms of the successive holders of one post within the sample's years."""
    if first_start:
        start = _day(draw, date(1998, 1, 5), date(2020, 12, 15))
    else:
        start = _day(draw, FIRST_DAY, date(2024, 6, 28))
    terms: list[tuple[date, date | None]] = []
    while len(terms) < 3:
        earliest = max(start + timedelta(days=150), FIRST_DAY)
        if earliest < LAST_DAY and draw.chance(0.17):
            end = _day(draw, earliest, LAST_DAY)
            terms.append((start, end))
            start = end + timedelta(days=draw.integer(10, 75))
            if start > LAST_DAY:
                break
        else:
            terms.append((start, None))
            break
    return terms


def staff(draw: Draw, institutions: list[Institution], people: Registry, size: int) -> Staff:
    """Posts of every institution in proportion to its purchases, and their holders."""
    total = sum(inst.processes for inst in institutions)
    officials: list[Official] = []
    slots: list[tuple[Institution, str, Post, int | None]] = []
    for inst in institutions:
        offset = len(slots)
        for area, post, superior in _slots(inst, round(size * inst.processes / total)):
            index = len(slots)
            slots.append((inst, area, post, None if superior is None else offset + superior))
            tipo_area = dict(AREAS).get(area, "")
            in_s2 = post.rank == 0 or (tipo_area and post.rank <= 5)
            for start, end in _holders(draw, draw.chance(0.8)):
                oldest = max(start.year - 62, 1958)  # nobody older than 66 in 2024
                youngest = min(start.year - (38 if post.rank <= 1 else 24), 1999)
                person = people.person(draw, (oldest, max(oldest, youngest)))
                official = Official(
                    key=f"NG-{len(officials) + 1:05d}",
                    person=person,
                    inst=inst,
                    area=area,
                    post=post,
                    slot=index,
                    start=start,
                    end=end,
                    pay_factor=round(draw.uniform(0.94, 1.06), 3),
                    s2_area=tuple(("C R" if post.rank == 0 else tipo_area).split())
                    if in_s2
                    else (),
                    superior_slot=slots[index][3],
                )
                officials.append(official)
    return Staff(institutions, officials, slots)
