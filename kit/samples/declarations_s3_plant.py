"""Who is sanctioned in S3, and the planted cases that cross S3 with S2 and the procurement sample.

Servants:

- ``D``: disqualified (inhabilitación) yet still listed in S2 during the disqualification, at the
  institution that sanctioned them or at another one they moved to (their *experiencia laboral*
  names the former);
- ``E``: disqualified after leaving office: no S2 record in the period (not a case);
- ``N``: warned, suspended or fined without disqualification, still in S2 (not a case);
- ``X``: people sanctioned who are not in S1 (left before 2021);
- ``H``: a sanctioned namesake of an official who is in S2 (another RFC and CURP): a trap.

Private parties: ``P`` suppliers disqualified while still winning awards in the procurement
sample; ``Q`` suppliers fined only, or disqualified after their last award (not cases); ``Z``
fictitious companies and people who never sold to the state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from kit.samples import names
from kit.samples._rng import Draw
from kit.samples.declarations_catalogs import FALTAS_PARTICULAR, POSTS
from kit.samples.declarations_people import Registry
from kit.samples.declarations_plant import Award, steady
from kit.samples.declarations_s3 import Sanction
from kit.samples.declarations_staff import Official, Staff

__all__ = ["Sanctions", "fault_text", "plant_sanctions"]

_SERIOUS = (0, 1, 5, 6)  # contracting, conflict of interest, bribery, misuse of funds
_MINOR = (("A",), ("S",), ("M",), ("A", "M"))
_TRADES = ("Comercializadora", "Constructora", "Distribuidora", "Servicios Integrales")


@dataclass
class Sanctions:
    """Everything S3 holds, and which record belongs to which planted case."""

    servidores: list[Sanction] = field(default_factory=list)
    particulares: list[Sanction] = field(default_factory=list)
    officials: dict[str, Official] = field(default_factory=dict)  # sanction key -> official
    awards: dict[str, list[Award]] = field(default_factory=dict)  # sanction key -> awards
    namesakes: dict[str, Official] = field(default_factory=dict)  # sanction key -> official


def _day(draw: Draw, first: date, last: date) -> date:
    return first + timedelta(days=draw.integer(0, (last - first).days))


def _servant(box: Sanctions, case: str, official: Official | None, **kw) -> Sanction:
    key = f"S3-S-{len(box.servidores) + 1:04d}"
    sanction = Sanction(key=key, **kw)
    sanction.extra["case"] = case
    if official is not None:
        box.officials[key] = official
        official.cases.append(case)
    box.servidores.append(sanction)
    return sanction


def _fine(draw: Draw, sanctions: tuple[str, ...]) -> int:
    return draw.integer(20, 400) * 500 if "M" in sanctions else 0


def _disqualified(staff: Staff, draw: Draw, box: Sanctions, used: set[str]) -> None:
    pool = steady(staff, range(1, 7), True, used)
    movers = [o for o in pool if date(2018, 6, 1) <= o.start]
    for i in range(6):
        moved = i >= 4
        official = draw.choice(movers if moved else pool)
        for group in (pool, movers):
            if official in group:
                group.remove(official)
        used.add(official.key)
        inst, post = official.inst, (official.post.name, official.post.level)
        resolved = _day(draw, date(2021, 3, 1), date(2023, 4, 28))
        if moved:
            inst = draw.choice([x for x in staff.institutions if x != official.inst])
            post = (POSTS[4].name, POSTS[4].level)
            began = date(draw.integer(2011, 2015), draw.integer(1, 12), 1)
            left = official.start - timedelta(days=draw.integer(15, 60))
            official.previous_job = ("PUB", inst.name, post[0], began, left)
            resolved = _day(draw, date(2021, 6, 1), date(2022, 6, 30))
        sanctions = ("I", "M") if draw.chance(0.5) else ("I",)
        _servant(
            box,
            f"D{i + 1:02d}",
            official,
            person=official.person,
            inst=inst,
            resolved=resolved,
            sanctions=sanctions,
            fault=draw.choice(_SERIOUS),
            years=draw.integer(2, 5),
            fine=_fine(draw, sanctions),
            post=post,
        )


def _pick(pool: list[Official], draw: Draw, used: set[str]) -> Official:
    official = draw.choice(pool)
    pool.remove(official)
    used.add(official.key)
    return official


def _own(official: Official) -> dict:
    """Who and where, for a sanction of an official at their own institution."""
    post = (official.post.name, official.post.level)
    return {"person": official.person, "inst": official.inst, "post": post}


def _left_first(staff: Staff, draw: Draw, box: Sanctions, used: set[str]) -> None:
    """Officials of S2 disqualified the year after they left office (not cases)."""
    left = [
        o
        for o in staff.officials
        if o.s2_area and o.end is not None and o.end.year <= 2023 and o.key not in used
    ]
    for i in range(4):
        official = _pick(left, draw, used)
        end = official.end or official.start
        resolved = date(end.year + 1, draw.integer(1, 5), draw.integer(1, 28))
        years, fault = draw.integer(1, 3), draw.choice(_SERIOUS)
        _servant(box, f"E{i + 1:02d}", official, resolved=resolved, sanctions=("I",),
                 years=years, fault=fault, **_own(official))  # fmt: skip


def _minor(staff: Staff, draw: Draw, box: Sanctions, used: set[str]) -> None:
    """Officials of S2 warned, suspended or fined, who may stay in office (not cases)."""
    pool = steady(staff, range(1, 7), True, used)
    for i in range(6):
        official = _pick(pool, draw, used)
        sanctions = draw.choice(_MINOR)
        resolved = _day(draw, date(2021, 2, 1), date(2024, 8, 30))
        fault, fine = draw.integer(2, 4), _fine(draw, sanctions)
        _servant(box, f"N{i + 1:02d}", official, resolved=resolved, sanctions=sanctions,
                 fault=fault, fine=fine, **_own(official))  # fmt: skip


def _strangers(staff: Staff, draw: Draw, people: Registry, box: Sanctions) -> None:
    """People sanctioned who never declared in 2021-2024 (they had left before)."""
    for i in range(18):
        sanctions = draw.choice((("I",), ("I", "M"), ("D",), *_MINOR))
        post = POSTS[draw.integer(2, 7)]
        _servant(
            box,
            f"X{i + 1:02d}",
            None,
            person=people.person(draw, (1960, 1992)),
            inst=draw.choice(staff.institutions),
            resolved=_day(draw, date(2018, 1, 8), date(2024, 9, 20)),
            sanctions=sanctions,
            fault=draw.integer(0, 7),
            years=draw.integer(1, 10) if "I" in sanctions else 0,
            fine=_fine(draw, sanctions),
            post=(post.name, post.level),
        )


def _namesakes(staff: Staff, draw: Draw, people: Registry, box: Sanctions, used: set[str]) -> None:
    """Sanctioned people who share the full name of an official listed in S2."""
    pool = steady(staff, range(2, 7), True, used)
    for i in range(2):
        official = _pick(pool, draw, used)
        case = f"H{i + 4:02d}"
        official.cases.append(case)
        born = official.person.born.year + draw.integer(-8, 8)
        namesake = people.person(draw, (born, born), like=official.person)
        inst = draw.choice([x for x in staff.institutions if x != official.inst])
        sanction = _servant(
            box,
            case,
            None,
            person=namesake,
            inst=inst,
            resolved=_day(draw, date(2021, 10, 1), date(2022, 9, 30)),
            sanctions=("I",),
            fault=draw.choice(_SERIOUS),
            years=3,
            post=(POSTS[3].name, POSTS[3].level),
        )
        box.namesakes[sanction.key] = official


def _particular(box: Sanctions, case: str, **kw) -> Sanction:
    key = f"S3-P-{len(box.particulares) + 1:04d}"
    sanction = Sanction(key=key, person=None, **kw)
    sanction.extra["case"] = case
    box.particulares.append(sanction)
    return sanction


def _suppliers(
    staff: Staff, draw: Draw, people: Registry, box: Sanctions, awards: list[Award], avoid: set
) -> None:
    """Suppliers of the procurement sample: disqualified while winning (P) or not (Q)."""
    by_rfc: dict[str, list[Award]] = {}
    for award in sorted(awards, key=lambda a: (a.day, a.award_id)):
        by_rfc.setdefault(award.rfc, []).append(award)
    fit = sorted(r for r, got in by_rfc.items() if r not in avoid and len(got) >= 4)
    for i in range(6):
        rfc = draw.choice(fit)
        fit.remove(rfc)
        avoid.add(rfc)
        got = by_rfc[rfc]
        kw = {
            "inst": draw.choice(staff.institutions),
            "fault": draw.integer(0, 3),
            "company": (got[0].supplier_name, rfc),
            "director": people.person(draw, (1958, 1990)),
            "contract": "Suministro de bienes",
        }
        if i < 3:  # disqualified while still winning awards
            first = got[len(got) // 2].day - timedelta(days=draw.integer(20, 90))
            case = _particular(
                box,
                f"P{i + 1:02d}",
                resolved=first - timedelta(days=15),
                sanctions=("I", "M"),
                years=draw.integer(1, 3),
                fine=150_000,
                **kw,
            )
            box.awards[case.key] = [a for a in got if case.start <= a.day <= case.end]
        elif i < 5:  # fined only
            _particular(
                box,
                f"Q{i - 2:02d}",
                resolved=got[1].day + timedelta(days=40),
                sanctions=("M",),
                fine=draw.integer(50, 500) * 1000,
                **kw,
            )
        else:  # disqualified after its last award
            _particular(
                box,
                f"Q{i - 2:02d}",
                resolved=got[-1].day + timedelta(days=30),
                sanctions=("I",),
                years=2,
                **kw,
            )


def _fictitious(staff: Staff, draw: Draw, people: Registry, box: Sanctions) -> None:
    """Companies and people sanctioned who never sold to Nueva Galicia in the sample."""
    made = 0
    while made < 34:
        name = names.company_name(draw, draw.choice(_TRADES))
        rfc = names.moral_rfc(name, date(draw.integer(1995, 2019), 5, 1), draw)
        if name in people.names or rfc in people.ids:
            continue
        made += 1
        people.names.add(name)
        people.ids.add(rfc)
        person = people.person(draw, (1960, 1994)) if draw.chance(0.25) else None
        company = (person.name, person.rfc) if person else (name, rfc)
        sanctions = draw.choice((("I",), ("I", "M"), ("M",), ("A",)))
        _particular(
            box,
            f"Z{made:02d}",
            inst=draw.choice(staff.institutions),
            resolved=_day(draw, date(2016, 1, 11), date(2024, 9, 20)),
            sanctions=sanctions,
            fault=draw.integer(0, 3),
            company=company,
            years=draw.integer(1, 5) if "I" in sanctions else 0,
            fine=_fine(draw, sanctions),
            contract="Adquisición de bienes",
            director=None if person else people.person(draw, (1958, 1990)),
        )


def plant_sanctions(
    staff: Staff,
    draw: Draw,
    people: Registry,
    awards: list[Award],
    avoid: set[str],
    used: set[str],
) -> Sanctions:
    """Every S3 record as planned, planted cases first."""
    box = Sanctions()
    _disqualified(staff, draw, box, used)
    _namesakes(staff, draw, people, box, used)
    _left_first(staff, draw, box, used)
    _minor(staff, draw, box, used)
    _strangers(staff, draw, people, box)
    _suppliers(staff, draw, people, box, awards, avoid)
    _fictitious(staff, draw, people, box)
    return box


def fault_text(sanction: Sanction) -> str:
    """The fault of a private party, as S3 particulares writes it (free text)."""
    return FALTAS_PARTICULAR[sanction.fault]
