"""Synthetic suppliers and a synthetic sanctions list with planted links, at any scale.

For measuring record linkage (tests, ``benchmarks/sanctions_matching.py``), not for notebooks:
the bundled sample of the ``sanciones`` track is :mod:`kit.samples`' business. Every name is
fictitious: companies get invented brand words, people common first names and surnames.

What is planted, from one seed (the same frames on every run and Python version):

* **true links**, each listed entry linked to one supplier, with a ``variant``: ``exact`` copy,
  ``rfc`` (same RFC, the company renamed), ``legal_form`` (spelled otherwise or dropped),
  ``accents`` (removed), ``order`` (words in another order), ``typo`` (one character),
  ``abbreviation`` (Compañía → Cía., Hermanos → Hnos. ...); and an ``rfc_case``: ``same`` RFC on
  both sides, ``list_none`` (the list gives no RFC), ``supplier_none`` (the supplier's RFC is
  missing or generic) or ``supplier_typo`` (a typo breaks the supplier's check digit);
* **homonym traps**: other suppliers with the same or a near-identical name as a listed entry,
  but another valid RFC. They are different taxpayers and must not be linked.

Brand words are kept at least two edits apart, so two unrelated companies never differ by a
single letter by accident: every near-identical pair of names in the data is planted.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date

import pandas as pd

from kit.samples import names as people
from kit.samples._rng import Draw
from kit.sanctions.rfc import GENERIC_RFCS, HOMOCLAVE_SYMBOLS, check_digit

__all__ = ["VARIANTS", "Synthetic", "generate"]

VARIANTS = ("exact", "rfc", "legal_form", "accents", "order", "typo", "abbreviation")
_VARIANT_WEIGHTS = (15, 10, 15, 15, 15, 15, 15)
_RFC_CASES = ("same", "list_none", "supplier_none", "supplier_typo")
_RFC_CASE_WEIGHTS = (35, 35, 20, 10)


def _words(text: str, sep: str | None = None) -> tuple[str, ...]:
    return tuple(text.split(sep))


_ONSETS = _words("b c d f g j l m n p r s t v z qu ch br tr gr pl cr fl")
_VOWELS = _words("a e i o u")
_UNSEEMLY = _words("puta puto caca culo pedo pene joto coge coja cojo mamo mame verga")
TRADES = _words(
    "Constructora|Comercializadora|Distribuidora|Servicios Integrales|Consultores|Tecnología|"
    "Ingeniería|Transportes|Suministros|Logística|Soluciones|Desarrollos|Inmobiliaria|"
    "Farmacéutica|Alimentos|Materiales|Equipos Médicos|Seguridad Privada|Limpieza|Papelería|"
    "Energía|Construcciones|Proyectos|Edificaciones|Arrendadora|Importadora|Exportadora|"
    "Agropecuaria|Mantenimiento Industrial|Sistemas|Comunicaciones|Publicidad|Asesores|"
    "Laboratorios|Productos Químicos|Uniformes|Mobiliario|Combustibles|Refacciones|Eventos|"
    "Servicios|Productos|Hermanos|Compañía",
    "|",
)
PLACES = _words(
    "del Norte|del Bajío|de Occidente|del Pacífico|del Sureste|Peninsular|de la Laguna|del Golfo|"
    "Metropolitana|de Oriente|Internacional|de México",
    "|",
)
#: code -> (spelling on the supplier's side, other spellings seen on lists)
FORMS = {
    "SA_CV": (
        "S.A. de C.V.",
        ("SA DE CV", "S. A. DE C. V.", "S.A DE C.V", "SA de CV", "S.A. C.V."),
    ),
    "SRL_CV": ("S. de R.L. de C.V.", ("S DE RL DE CV", "S. DE R. L. DE C. V.", "S.R.L. de C.V.")),
    "SAPI_CV": ("S.A.P.I. de C.V.", ("SAPI DE CV", "S.A.P.I DE C.V.")),
    "SC": ("S.C.", ("SC", "S. C.", "Sociedad Civil")),
    "SA": ("S.A.", ("SA", "S. A.")),
    "AC": ("A.C.", ("AC", "A. C.", "Asociación Civil")),
    "SAS": ("S.A.S.", ("SAS", "S. A. S.")),
    "SPR_RL": ("S.P.R. de R.L.", ("SPR DE RL", "S. de P.R. de R.L.")),
    "SC_RL_CV": ("S.C. de R.L. de C.V.", ("SC DE RL DE CV",)),
    "SOFOM_ENR": ("S.A. de C.V., SOFOM, E.N.R.", ("SA DE CV SOFOM ENR", "SOFOM E.N.R.")),
}
_FORM_WEIGHTS = (55, 15, 6, 7, 4, 3, 3, 2, 2, 1)
ABBREVIATED = {
    "Compañía": "Cía.",
    "Hermanos": "Hnos.",
    "Grupo": "Gpo.",
    "Internacional": "Int'l",
    "Servicios": "Serv.",
    "Distribuidora": "Dist.",
    "Constructora": "Const.",
    "Comercializadora": "Comerc.",
    "Productos": "Prods.",
}


@dataclass(frozen=True)
class Entity:
    """One taxpayer: the words of its name, its legal form code (None: a person), its RFC."""

    words: tuple[str, ...]
    form: str | None
    rfc: str

    def name(self, spelling: str | None = None) -> str:
        core = " ".join(self.words)
        if self.form is None:
            return core
        return f"{core}, {spelling or FORMS[self.form][0]}"


@dataclass(frozen=True)
class Synthetic:
    """Suppliers, a list, and what links them.

    Attributes:
        suppliers: ``supplier_id``, ``supplier_name``, ``rfc`` (``""`` when missing).
        listed: ``list_id``, ``name``, ``rfc`` (``""`` when the list gives none).
        truth: the planted links: ``supplier_id``, ``list_id``, ``variant``, ``rfc_case``.
        traps: homonyms that must not link: ``supplier_id``, ``list_id``, ``variant``.
    """

    suppliers: pd.DataFrame
    listed: pd.DataFrame
    truth: pd.DataFrame
    traps: pd.DataFrame


class _World:
    """Draws unique entities: brand words two edits apart, unique RFCs and names."""

    def __init__(self, seed: int) -> None:
        self.draw = Draw(seed)
        self.near: set[str] = set()  # every brand and its one-deletion variants
        self.rfcs: set[str] = set(GENERIC_RFCS)
        self.names: set[str] = set()

    def brand(self) -> str:
        while True:
            syllables = 3 if self.draw.chance(0.3) else 4
            word = "".join(
                self.draw.choice(_ONSETS) + self.draw.choice(_VOWELS) for _ in range(syllables)
            )
            if any(bad in word for bad in _UNSEEMLY):
                continue
            deletions = {word[:i] + word[i + 1 :] for i in range(len(word))}
            if word not in self.near and not deletions & self.near:  # two edits from any other
                self.near |= deletions | {word}
                return word.capitalize()

    def company_words(self) -> tuple[str, ...]:
        draw, brand, trade = self.draw, self.brand(), self.draw.choice(TRADES)
        shape = draw.integer(0, 9)
        if shape <= 2:
            return (*trade.split(), brand)
        if shape <= 4:
            return (brand, *trade.split())
        if shape == 5:
            return ("Grupo", brand)
        if shape == 6:
            return (*trade.split(), brand, *draw.choice(PLACES).split())
        if shape == 7:
            other = draw.choice([t for t in TRADES if t != trade])
            return (*trade.split(), "y", *other.split(), brand)
        if shape == 8:
            return ("Compañía", *trade.split(), brand)
        return (brand, "Hermanos")

    def company(self, words: tuple[str, ...] | None = None) -> Entity:
        words = words or self.company_words()
        form = self.draw.weighted(list(FORMS), _FORM_WEIGHTS)
        draw = self.draw
        founded = date(draw.integer(1975, 2022), draw.integer(1, 12), draw.integer(1, 28))
        rfc = self.unique_rfc(lambda: people.moral_rfc(" ".join(words), founded, self.draw))
        return Entity(words, form, rfc)

    def person(self, words: tuple[str, ...] | None = None) -> Entity:
        draw = self.draw
        if words is None:
            first, surname, second = people.person_name(draw)
            if draw.chance(0.3):
                first = f"{first} {draw.choice(people.FIRST_NAMES)}"
            words = (*first.split(), surname, second)
        born = date(draw.integer(1950, 2000), draw.integer(1, 12), draw.integer(1, 28))
        given = " ".join(words[:-2])
        rfc = self.unique_rfc(lambda: people.person_rfc(given, words[-2], words[-1], born, draw))
        return Entity(words, None, rfc)

    def entity(self) -> Entity:
        while True:
            made = self.person() if self.draw.chance(0.2) else self.company()
            key = " ".join(sorted(_plain(" ".join(made.words)).split()))
            if key not in self.names:
                self.names.add(key)
                return made

    def unique_rfc(self, make) -> str:
        rfc = make()
        while rfc in self.rfcs:
            rfc = make()
        self.rfcs.add(rfc)
        return rfc


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.upper())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def generate(
    n_suppliers: int = 200_000,
    n_listed: int = 20_000,
    *,
    seed: int = 7,
    linked_share: float = 0.4,
    trap_share: float = 0.1,
) -> Synthetic:
    """Suppliers and a list with ``linked_share × n_listed`` planted links and homonym traps.

    Args:
        n_suppliers: rows of the supplier table (links and traps included).
        n_listed: rows of the list.
        seed: the same seed gives the same frames.
        linked_share: share of listed entries that are one of the suppliers.
        trap_share: at most this share of listed entries get a homonym supplier (another
            RFC); entries that give an RFC are drawn for it by chance.
    """
    world = _World(seed)
    n_links, n_traps = int(n_listed * linked_share), int(n_listed * trap_share)
    if n_links + n_traps > min(n_suppliers, n_listed):
        raise ValueError("linked_share and trap_share leave too few rows for the planted pairs")
    suppliers: list[tuple[str, str]] = []
    listed: list[tuple[str, str]] = []
    truth: list[tuple[str, ...]] = []
    traps: list[tuple[str, ...]] = []
    trap_chance = min(1.0, 1.5 * trap_share)
    for i in range(n_listed):
        entity, list_id = world.entity(), f"L{i:06d}"
        if i < n_links:
            supplier, row, variant, case = _planted(world, entity)
            truth.append((f"S{len(suppliers):07d}", list_id, variant, case))
            suppliers.append(supplier)
        else:
            gives_rfc = entity.form is None or world.draw.chance(0.75)
            row = (_list_style(world.draw, entity.name()), entity.rfc if gives_rfc else "")
        listed.append(row)
        if row[1] and len(traps) < n_traps and world.draw.chance(trap_chance):
            trap, kind = _homonym(world, entity)
            traps.append((f"S{len(suppliers):07d}", list_id, kind))
            suppliers.append(trap)
    while len(suppliers) < n_suppliers:
        entity = world.entity()
        suppliers.append((entity.name(), _supplier_rfc(world.draw, entity)))
    return _frames(suppliers, listed, truth, traps, world.draw)


def _planted(world: _World, entity: Entity):
    """The supplier row and the list row of one true link, its variant and its RFC case."""
    draw = world.draw
    variant = draw.weighted(VARIANTS, _VARIANT_WEIGHTS)
    if variant == "rfc" and entity.form is None:
        variant = "order"  # people are not renamed; lists write their surnames first
    case = "same" if variant == "rfc" else draw.weighted(_RFC_CASES, _RFC_CASE_WEIGHTS)
    if case == "list_none" and entity.form is None:
        case = "supplier_none"  # lists always give a person's RFC
    supplier_name, list_name = entity.name(), _list_style(draw, entity.name())
    if variant == "rfc":
        renamed = world.entity()
        while renamed.form is None:
            renamed = world.entity()
        supplier_name = Entity(renamed.words, entity.form, "").name()
    else:
        list_name, variant = _vary(draw, entity, variant)
        if variant != "accents":
            list_name = _list_style(draw, list_name)
    supplier_rfc = entity.rfc
    if case == "supplier_none":
        supplier_rfc = "XAXX010101000" if entity.form is None and draw.chance(0.5) else ""
    elif case == "supplier_typo":
        supplier_rfc = _rfc_typo(draw, entity.rfc)
    list_rfc = "" if case == "list_none" else entity.rfc
    return (supplier_name, supplier_rfc), (list_name, list_rfc), variant, case


def _vary(draw: Draw, entity: Entity, variant: str) -> tuple[str, str]:
    """The list's spelling of ``entity`` for ``variant`` (a variant that cannot apply falls
    back to another legal-form spelling, or to an exact copy for a person)."""
    words = list(entity.words)
    if variant == "abbreviation" and any(w in ABBREVIATED for w in words):
        short = [i for i, w in enumerate(words) if w in ABBREVIATED]
        i = draw.choice(short)
        words[i] = ABBREVIATED[words[i]]
        return Entity(tuple(words), entity.form, "").name(), variant
    if variant == "accents" and _plain(entity.name()) != entity.name().upper():
        return _plain(entity.name()), variant
    if variant == "order" and len(words) >= 2:
        moved = words[1:] + words[:1] if entity.form else words[-2:] + words[:-2]
        return Entity(tuple(moved), entity.form, "").name(), variant
    if variant == "typo":
        return Entity(_typo(draw, words), entity.form, "").name().upper(), variant
    if variant == "exact" or entity.form is None:
        return entity.name(), "exact"
    spellings = FORMS[entity.form][1]
    spelling = "" if draw.chance(0.3) else draw.choice(spellings)
    core = " ".join(entity.words)
    return (f"{core} {spelling}".strip() if spelling else core), "legal_form"


def _typo(draw: Draw, words: list[str]) -> tuple[str, ...]:
    """One character substituted, dropped, doubled or swapped in one word of 5+ letters."""
    candidates = [i for i, w in enumerate(words) if len(w) >= 5] or [0]
    i = draw.choice(candidates)
    word, at = words[i], draw.integer(1, len(words[i]) - 2)
    kind = draw.integer(0, 3)
    if kind == 0:
        letter = draw.choice([c for c in "aeioulnrst" if c != word[at].lower()])
        word = word[:at] + letter + word[at + 1 :]
    elif kind == 1:
        word = word[:at] + word[at + 1 :]
    elif kind == 2:
        word = word[:at] + word[at] + word[at:]
    else:
        word = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    return (*words[:i], word, *words[i + 1 :])


def _homonym(world: _World, entity: Entity) -> tuple[tuple[str, str], str]:
    """Another taxpayer named like ``entity``: the same name, or one letter apart."""
    draw = world.draw
    if entity.form is None:
        other = world.person(entity.words)
        return (other.name(), other.rfc), "same_name"
    if draw.chance(0.5):
        other = world.company(entity.words)
        return (other.name(), other.rfc), "same_name"
    other = world.company(_typo(draw, list(entity.words)))
    return (other.name(), other.rfc), "one_letter"


def _rfc_typo(draw: Draw, rfc: str) -> str:
    """One homoclave character changed so that the check digit no longer fits."""
    while True:
        at = len(rfc) - 3 + draw.integer(0, 1)
        changed = rfc[:at] + draw.choice(HOMOCLAVE_SYMBOLS) + rfc[at + 1 :]
        if check_digit(changed[:-1]) != changed[-1]:
            return changed


def _supplier_rfc(draw: Draw, entity: Entity) -> str:
    """Suppliers mostly give their RFC; some persons the generic one, some companies none."""
    if entity.form is None and draw.chance(0.1):
        return "XAXX010101000"
    return "" if draw.chance(0.03) else entity.rfc


def _list_style(draw: Draw, name: str) -> str:
    """Lists write names in capitals, often without accents."""
    roll = draw.integer(0, 9)
    return name if roll < 3 else (_plain(name) if roll < 6 else name.upper())


def _frames(suppliers, listed, truth, traps, draw: Draw) -> Synthetic:
    order = draw.shuffled(range(len(suppliers)))  # planted rows are not all at the top
    new_id = {f"S{old:07d}": f"S{new:07d}" for new, old in enumerate(order)}
    supplier_rows = [(f"S{new:07d}", *suppliers[old]) for new, old in enumerate(order)]
    return Synthetic(
        suppliers=pd.DataFrame(supplier_rows, columns=["supplier_id", "supplier_name", "rfc"]),
        listed=pd.DataFrame(
            [(f"L{i:06d}", *row) for i, row in enumerate(listed)],
            columns=["list_id", "name", "rfc"],
        ),
        truth=pd.DataFrame(
            [(new_id[s], *rest) for s, *rest in truth],
            columns=["supplier_id", "list_id", "variant", "rfc_case"],
        ),
        traps=pd.DataFrame(
            [(new_id[s], *rest) for s, *rest in traps],
            columns=["supplier_id", "list_id", "variant"],
        ),
    )
