"""Which procurement suppliers appear on which list, and how: the planted links.

Each line of :data:`PLAN` plants one list record that a matcher may link to a supplier of the
procurement sample. True links are the same entity written the same or another way; homonyms
and the generic RFC are traps (a similar name or a shared RFC, but another entity).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kit.samples import names
from kit.samples._rng import Draw
from kit.samples.sanctions_names import ascii_upper, split_legal_form
from kit.samples.sanctions_variants import applies, variant

__all__ = ["PLAN", "Avoid", "Plant", "Supplier", "key", "plant_all"]


@dataclass(frozen=True)
class Supplier:
    """A distinct supplier of the procurement sample."""

    supplier_id: str
    name: str
    rfc: str

    @property
    def person(self) -> bool:
        return len(self.rfc) == 13

    def json(self) -> dict[str, str]:
        return {"supplier_id": self.supplier_id, "supplier_name": self.name, "rfc": self.rfc}


@dataclass
class Plant:
    """One planted list record and the supplier it may be linked to."""

    list: str
    kind: str
    true_link: bool
    supplier: Supplier
    name: str  # the record's name before the list's own style (upper case ...) is applied
    rfc: str  # the record entity's RFC: the supplier's for a true link, another for a trap
    rfc_style: str  # how the list writes it: plain, dashes, lower_case, spaces, none
    variants: list[str]
    extra: list[str] = field(default_factory=list)
    records: list[dict] = field(default_factory=list)  # filled by the list's module

    @property
    def person(self) -> bool:
        return len(self.rfc) == 13

    @property
    def born(self) -> date:
        """The date in the RFC (birth of a person, incorporation of a company)."""
        digits = self.rfc[-9:-3]
        year = int(digits[:2])
        return date((1900 if year > 30 else 2000) + year, int(digits[2:4]), int(digits[4:]))


# list | kind | variants applied to the supplier's name | party | RFC as written | extra
# party: moral, fisica, generic, or @N (the supplier of line N, on a second list).
# extra: 69-B situations (two give a duplicated RFC); fka / alias for OFAC; rows for SFP.
PLAN = """
sat_69b|exact_rfc||moral|plain|Definitivo
sat_69b|exact_rfc||moral|plain|Definitivo,Sentencia Favorable
sat_69b|exact_rfc||moral|plain|Presunto
sat_69b|exact_rfc||moral|plain|Desvirtuado
sat_69b|exact_rfc||moral|plain|Sentencia Favorable
sat_69b|exact_rfc||fisica|plain|Definitivo
sat_69b|name_variant|accents_removed|moral|plain|Definitivo
sat_69b|name_variant|legal_form_spelled|moral|plain|Definitivo
sat_69b|name_variant|typo|moral|plain|Presunto
sat_69b|name_variant|abbreviation|moral|plain|Definitivo
sat_69b|legal_form_change|legal_form_changed|moral|plain|Definitivo
sat_69b|homonym||moral|plain|Definitivo
sat_69b|homonym|near_identical_name|moral|plain|Definitivo
sat_69b|homonym||fisica|plain|Definitivo
ofac|exact_rfc||moral|plain|
ofac|rfc_format||moral|dashes|
ofac|rfc_format||moral|lower_case|
ofac|rfc_format||moral|spaces|
ofac|exact_rfc||fisica|plain|
ofac|name_variant|legal_form_dropped|moral|none|
ofac|name_variant|legal_form_dropped|moral|none|alias
ofac|legal_form_change|legal_form_changed|moral|plain|fka
ofac|rfc_format||@3|dashes|
ofac|homonym||moral|plain|
ofac|homonym|and_company_added|moral|dashes|
ofac|homonym||fisica|plain|
ofac|homonym||fisica|dashes|
ofac|generic_rfc||generic|plain|
sfp|exact_name||@1|none|1
sfp|exact_name||moral|none|2
sfp|exact_name||fisica|none|1
sfp|name_variant|legal_form_spelled|moral|none|1
sfp|name_variant|legal_form_dropped,accents_removed|moral|none|1
sfp|name_variant|word_order_swapped|moral|none|1
sfp|name_variant|typo|moral|none|1
sfp|name_variant|abbreviation|moral|none|1
sfp|legal_form_change|legal_form_changed|moral|none|1
"""

_FORMS = re.compile(
    r"\b(S ?A ?P ?I|S ?A|S ?C|S ?DE ?R ?L|S ?P ?R ?DE ?R ?[IL]|DE|C ?V|A ?C|CIA|Y|LTD|LLC)\b"
)


def key(name: str) -> str:
    """A crude comparison key: upper ASCII words without punctuation or legal form, sorted.

    Two names with the same key look like the same entity to a simple matcher, so the random
    records of the lists must never share a key (or an RFC) with a supplier unless planted.
    """
    name = re.split(r"\s*//", name)[0]
    words = re.sub(r"[^A-Z0-9 ]", " ", ascii_upper(name).replace(".", ""))
    return " ".join(sorted(_FORMS.sub(" ", words).split()))


@dataclass
class Avoid:
    """What random list records must not share with the suppliers."""

    rfcs: set[str]
    keys: set[str]
    words: set[str]

    @classmethod
    def of(cls, suppliers: list[Supplier]) -> Avoid:
        words = {w for s in suppliers for w in key(s.name).split()}
        return cls({s.rfc for s in suppliers}, {key(s.name) for s in suppliers}, words)

    def clashes(self, name: str, rfc: str = "") -> bool:
        return rfc in self.rfcs or key(name) in self.keys


def _other_rfc(supplier: Supplier, draw: Draw, avoid: Avoid) -> str:
    """An RFC of the same letters and another date: a homonym's."""
    while True:
        year = draw.integer(1956, 1995) if supplier.person else draw.integer(1990, 2020)
        day = date(year, draw.integer(1, 12), draw.integer(1, 28))
        if supplier.person:
            first, surname, second = _person_parts(supplier.name)
            rfc = names.person_rfc(first, surname, second, day, draw)
        else:
            rfc = names.moral_rfc(split_legal_form(supplier.name)[0] + ", x", day, draw)
        if rfc[:-3] != supplier.rfc[:-3] and rfc not in avoid.rfcs:
            avoid.rfcs.add(rfc)
            return rfc


def _person_parts(name: str) -> tuple[str, str, str]:
    """First name(s), surname and second surname of a procurement person."""
    words = name.split()
    return " ".join(words[:-2]), words[-2], words[-1]


def _pick(party: str, hows: list[str], pool: list[Supplier], draw: Draw) -> Supplier:
    """A supplier not used yet, of the right kind, whose name every variant can change."""
    person = party == "fisica"
    fits = [
        s
        for s in pool
        if s.person == person
        and s.rfc != names.GENERIC_RFC
        and all(applies(how, s.name) for how in hows)
    ]
    chosen = draw.choice(fits)
    pool.remove(chosen)
    return chosen


def plant_all(suppliers: list[Supplier], draw: Draw, avoid: Avoid) -> list[Plant]:
    """Every planted record of :data:`PLAN`, with its supplier chosen and its name varied."""
    shared = {k for k in avoid.keys if sum(key(s.name) == k for s in suppliers) > 1}
    pool = sorted((s for s in suppliers if key(s.name) not in shared), key=lambda s: s.name)
    plants: list[Plant] = []
    for line in PLAN.strip().splitlines():
        where, kind, hows_text, party, style, extra = line.split("|")
        hows = [h for h in hows_text.split(",") if h]
        if party.startswith("@"):
            supplier = plants[int(party[1:]) - 1].supplier
        elif party == "generic":
            supplier = next(s for s in pool if s.rfc == names.GENERIC_RFC)
        else:
            supplier = _pick(party, hows, pool, draw)
        name = supplier.name
        for how in hows:
            name = variant(name, how, draw)
        true = kind not in ("homonym", "generic_rfc")
        rfc = supplier.rfc if true or kind == "generic_rfc" else _other_rfc(supplier, draw, avoid)
        extras = [e for e in extra.split(",") if e]
        plants.append(Plant(where, kind, true, supplier, name, rfc, style, hows, extras))
    return plants
