"""The Mexican part of the OFAC sample, and the entries planted for the procurement links.

Invented drug-trafficking networks of *Nueva Galicia*: a hub organisation, people linked to it
(DOB, place of birth, R.F.C. and C.U.R.P. in the remarks) and front companies linked to them
(R.F.C., *folio mercantil*). RFCs are written the ways the real list writes them: plain, with
dashes, without homoclave, and now and then with a wrong check digit.
"""

from __future__ import annotations

from datetime import date

from kit.samples import names
from kit.samples._rng import Draw
from kit.samples.procurement_parties import LOCALITIES, STATE
from kit.samples.sanctions_names import (
    ascii_text,
    ascii_upper,
    curp,
    is_female,
    list_brand,
    options,
    with_wrong_check_digit,
    written_rfc,
)
from kit.samples.sanctions_ofac_entry import Entry, Ids, ofac_date
from kit.samples.sanctions_plan import Avoid, Plant

__all__ = ["GENERIC_RFCS", "Mexico"]

_PROGRAMS = ("SDNTK", "ILLICIT-DRUGS-EO14059", "SDNTK] [ILLICIT-DRUGS-EO14059", "TCO", "SDNT")
_PROGRAM_WEIGHTS = (50, 25, 12, 8, 5)
_TRADES = options(
    "GASOLINERA|INMOBILIARIA|CASA DE CAMBIO|FARMACIA|CONSTRUCTORA|AGRICOLA|TRANSPORTES|HOTEL|"
    "DESARROLLOS|ARRENDADORA|MINERA|EXPORTADORA|RESTAURANTE|COMERCIALIZADORA"
)
_FORMS = ("S.A. DE C.V.",) * 8 + ("S. DE R.L. DE C.V.",) * 2 + ("S.A.P.I. DE C.V.", "S.C.")
_NICKNAMES = options(
    "EL GUERO|EL FLACO|EL CHAPARRO|EL INGE|LA TIA|EL PRIMO|EL COMPA|EL TORO|EL GALLO|EL NEGRO|"
    "EL CONTADOR|LA JEFA|EL PELON|EL TIGRE|EL SEÑOR"
)
_PLACES = [(place, STATE) for place in LOCALITIES] * 3 + [
    ("Culiacan", "Sinaloa"),
    ("Guadalajara", "Jalisco"),
    ("Tijuana", "Baja California"),
    ("Monterrey", "Nuevo Leon"),
    ("Zapopan", "Jalisco"),
]
GENERIC_RFCS = (names.GENERIC_RFC, "XEXX010101000")  # general public; foreigners
_RFC_STYLES = {"plain": 66, "dashes": 26, "incomplete": 18, "wrong": 10}
"""How many random RFCs are written each way (then plain): about the real list's shares."""


class Mexico:
    """Builds the Mexican entries; ``planted`` maps each planted entry to its plant."""

    def __init__(self, draw: Draw, ids: Ids, avoid: Avoid) -> None:
        self.draw, self.ids, self.avoid = draw, ids, avoid
        self.entries: list[Entry] = []
        self.planted: list[tuple[Plant, Entry, int | None]] = []  # plant, entry, alias index
        self.hubs: list[Entry] = []
        self.styles = draw.shuffled([s for s, n in _RFC_STYLES.items() for _ in range(n)])

    # --- remarks -------------------------------------------------------------------------
    def _rfc(self, entry: Entry, rfc: str, style: str) -> None:
        """Add ``R.F.C. ... (Mexico)`` to the remarks and note it for the truth."""
        status = "generic" if rfc in GENERIC_RFCS else "valid"
        if style == "wrong":
            rfc, style = with_wrong_check_digit(rfc), self.draw.choice(("plain", "dashes"))
            status = "invalid_check_digit"
        status = "incomplete" if style == "incomplete" else status
        written = written_rfc(rfc, style)
        entry.remarks.append(f"R.F.C. {written} (Mexico)")
        normal = written.upper().replace("-", "").replace(" ", "")
        entry.rfcs.append({"written": written, "rfc": normal, "status": status})

    def _style(self) -> str:
        return self.styles.pop() if self.styles else "plain"

    def _address(self, entry: Entry, street: bool) -> None:
        place, state = self.draw.choice(_PLACES)
        city = f"{ascii_text(place)}, {ascii_text(state)}"
        if self.draw.chance(0.4):
            city += f" {self.draw.integer(20_000, 99_999)}"
        line = ""
        if street:
            kind = self.draw.choice(("Calle", "Avenida", "Privada", "Boulevard"))
            brand = list_brand(self.draw, self.avoid.words)
            line = f"{kind} {brand} No. {self.draw.integer(1, 3000)}"
            if self.draw.chance(0.6):
                line += f", Colonia {list_brand(self.draw, self.avoid.words)}"
        entry.addresses.append((line, city, "Mexico"))

    # --- people and companies ------------------------------------------------------------
    def _name(self) -> tuple[str, str, str]:
        while True:
            first, surname, second = names.person_name(self.draw)
            if not self.avoid.clashes(f"{first} {surname} {second}"):
                return first, surname, second

    def person(self, program: str, parts=None, born=None, rfc=None, style=None) -> Entry:
        """A Mexican individual; ``parts``, ``born``, ``rfc`` and ``style`` when planted."""
        draw = self.draw
        first, surname, second = parts or self._name()
        name = f"{ascii_upper(surname)} {ascii_upper(second)}, {ascii_text(first)}"
        born = born or date(draw.integer(1955, 1995), draw.integer(1, 12), draw.integer(1, 28))
        entry = Entry(name, "individual", program, remarks=[f"DOB {ofac_date(born)}"])
        if draw.chance(0.1):
            entry.remarks.append(f"alt. DOB {ofac_date(born.replace(day=born.day % 28 + 1))}")
        place, state = draw.choice(_PLACES)
        if draw.chance(0.7):
            entry.remarks.append(f"POB {ascii_text(place)}, {ascii_text(state)}, Mexico")
        entry.remarks += ["nationality Mexico"] * draw.chance(0.7)
        entry.remarks += ["citizen Mexico"] * draw.chance(0.5)
        female = is_female(first)
        if draw.chance(0.4):
            entry.remarks.append(f"Gender {'Female' if female else 'Male'}")
        if draw.chance(0.25):
            entry.remarks.append(f"a.k.a. '{ascii_upper(draw.choice(_NICKNAMES))}'")
        if rfc or draw.chance(0.75):
            own = rfc or names.person_rfc(first, surname, second, born, draw)
            self._rfc(entry, own, style or self._style())
        if draw.chance(0.5) or (rfc and style):
            entry.remarks.append(f"C.U.R.P. {curp(first, surname, second, born, female, draw)}")
            entry.remarks[-1] += " (Mexico)"
        if draw.chance(0.1):
            entry.remarks.append(f"Passport {self.ids.document(draw)} (Mexico)")
        self._address(entry, street=draw.chance(0.3))
        return entry

    def company(self, program: str, name=None, rfc=None, style=None, founded=None) -> Entry:
        """A Mexican front company; ``name``, ``rfc``, ``style`` and ``founded`` when planted."""
        draw = self.draw
        if founded is None:
            founded = date(draw.integer(1990, 2020), draw.integer(1, 12), draw.integer(1, 28))
        if name is None:
            brand = list_brand(draw, self.avoid.words).upper()
            name = f"{draw.choice(_TRADES)} {brand}, {draw.choice(_FORMS)}"
        entry = Entry(name, "", program)
        if draw.chance(0.4) or style == "none":
            entry.remarks.append(f"Folio Mercantil No. {self.ids.folio(draw)} (Mexico)")
        if style != "none" and (rfc or draw.chance(0.8)):
            own = rfc or names.moral_rfc(name.title(), founded, draw)
            self._rfc(entry, own, style or self._style())
        if draw.chance(0.3):
            entry.remarks.append(f"Organization Established Date {ofac_date(founded)}")
        for _ in range(1 + draw.chance(0.15)):
            self._address(entry, street=True)
        return entry

    # --- networks --------------------------------------------------------------------------
    def network(self, people: int, companies: int, leader_links: bool) -> None:
        """A hub organisation, people linked to it, companies linked to the people."""
        draw = self.draw
        program = draw.weighted(_PROGRAMS, _PROGRAM_WEIGHTS)
        brand = list_brand(draw, self.avoid.words).upper()
        hub_name = draw.choice(
            (f"CARTEL DE {ascii_upper(draw.choice(LOCALITIES))}", f"LOS {brand}")
            + (f"{brand} DRUG TRAFFICKING ORGANIZATION",) * 2
        )
        while hub_name in {h.name for h in self.hubs}:
            hub_name = f"{list_brand(draw, self.avoid.words).upper()} DRUG TRAFFICKING ORGANIZATION"
        hub = Entry(hub_name, "", program, addresses=[("", "", "Mexico")])
        self.hubs.append(hub)
        members = [self.person(program) for _ in range(people)]
        for member in members:
            member.remarks.append(f"Linked To: {hub.name}")
        firms = [self.company(program) for _ in range(companies)]
        for firm in firms:
            firm.remarks.append(f"Linked To: {draw.choice(members).name}")
        if leader_links:  # the leader's remarks run past 1,000 characters
            members[0].remarks += [f"Linked To: {firm.name}" for firm in firms]
        self.entries += [hub, *members, *firms]

    def plant(self, plant: Plant) -> None:
        """The entry of one planted link, linked to a random hub."""
        draw, hub = self.draw, self.draw.choice(self.hubs)
        style = plant.rfc_style
        alias = None
        if plant.kind == "generic_rfc":
            entry = self.person(hub.program, rfc=plant.rfc, style="plain")
        elif plant.person:
            entry = self.person(hub.program, _parts(plant.name), plant.born, plant.rfc, style)
        else:
            name = ascii_upper(plant.name)
            if "alias" in plant.extra:
                brand = list_brand(draw, self.avoid.words).upper()
                name = f"INVERSIONES {brand}, S.A. DE C.V."
            entry = self.company(hub.program, name, plant.rfc, style, plant.born)
            if "alias" in plant.extra:
                alias = len(entry.aliases)
                entry.aliases.append(("aka", ascii_upper(plant.name)))
            if "fka" in plant.extra:
                alias = len(entry.aliases)
                entry.aliases.append(("fka", ascii_upper(plant.supplier.name)))
        entry.remarks.append(f"Linked To: {hub.name}")
        self.entries.append(entry)
        self.planted.append((plant, entry, alias))


def _parts(name: str) -> tuple[str, str, str]:
    words = name.split()
    return " ".join(words[:-2]), words[-2], words[-1]
