"""One entry of the OFAC sample and the legacy CSV set it is written to (sdn, add, alt, comments).

The legacy format, as OFAC publishes it: no header; numbers bare, text in double quotes, an empty
field written ``-0- `` (with its trailing space); CRLF line ends; ASCII; ``sdn.csv``,
``add.csv`` and ``alt.csv`` end with the DOS end-of-file byte 0x1A (``sdn_comments.csv`` does
not). A remark longer than 1,000 characters is cut there, and the rest goes to
``sdn_comments.csv`` under the same entry number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kit.samples._rng import Draw

__all__ = ["NULL", "REMARKS_LIMIT", "Entry", "Ids", "dob", "files", "number", "ofac_date"]

NULL = "-0- "
REMARKS_LIMIT = 1000
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def dob(draw: Draw, first: int, last: int, exact: bool) -> str:
    """A date as OFAC writes it: ``06 Mar 1976``, or only the year (``1976``, ``circa 1976``)."""
    year = draw.integer(first, last)
    if exact:
        return f"{draw.integer(1, 28):02d} {draw.choice(_MONTHS)} {year}"
    return f"circa {year}" if draw.chance(0.3) else str(year)


def ofac_date(day) -> str:
    """``06 Mar 1976`` from a date."""
    return f"{day.day:02d} {_MONTHS[day.month - 1]} {day.year}"


@dataclass
class Entry:
    """An SDN entry: its 12 fields, addresses, strong aliases and, for the truth, its RFCs."""

    name: str
    type: str  # individual, vessel, aircraft, or "" for an entity
    program: str  # programs joined with "] [", as the file writes them
    title: str = ""
    call_sign: str = ""
    vess_type: str = ""
    tonnage: str = ""
    grt: str = ""
    vess_flag: str = ""
    vess_owner: str = ""
    remarks: list[str] = field(default_factory=list)
    addresses: list[tuple[str, str, str]] = field(default_factory=list)  # address, city, country
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (aka|fka|nka, name)
    rfcs: list[dict] = field(default_factory=list)  # RFCs in the remarks, for truth.json
    ent_num: int = 0
    add_nums: list[int] = field(default_factory=list)
    alt_nums: list[int] = field(default_factory=list)

    @property
    def remark(self) -> str:
        text = "; ".join(self.remarks)
        return text if not text or text.endswith(".") else text + "."

    def row(self) -> list[str | int]:
        fields = (self.name, self.type, self.program, self.title, self.call_sign, self.vess_type)
        vessel = (self.tonnage, self.grt, self.vess_flag, self.vess_owner)
        return [self.ent_num, *fields, *vessel, self.remark[:REMARKS_LIMIT]]


class Ids:
    """Document, registration and IMO numbers, each used once."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def _fresh(self, make) -> str:
        value = make()
        while value in self.used:
            value = make()
        self.used.add(value)
        return value

    def document(self, draw: Draw) -> str:
        letter = draw.choice("ABCDEFGHJKLMNPRSTUVXYZ")
        return self._fresh(lambda: f"{letter}{draw.integer(1_000_000, 99_999_999)}")

    def folio(self, draw: Draw) -> str:
        return self._fresh(lambda: str(draw.integer(1_000, 99_999)))

    def imo(self, draw: Draw) -> str:
        """A 7-digit IMO number whose last digit checks the others (weights 7 to 2)."""

        def make() -> str:
            body = (
                str(draw.integer(900_000, 999_999))
                if draw.chance(0.8)
                else "8" + "".join(str(draw.integer(0, 9)) for _ in range(5))
            )
            return body + str(sum(int(d) * (7 - i) for i, d in enumerate(body)) % 10)

        return self._fresh(make)


def _field(value: str | int) -> str:
    if isinstance(value, int):
        return str(value)
    return f'"{value}"' if value else NULL


def _csv(rows: list[list[str | int]], end_of_file: bool) -> bytes:
    text = "".join(",".join(_field(v) for v in row) + "\r\n" for row in rows)
    return text.encode("ascii") + (b"\x1a" if end_of_file else b"")


def number(entries: list[Entry], draw: Draw) -> None:
    """Entry numbers rise with gaps; address and alias numbers are unique and mostly rising
    (a few were added to an old entry later, so they are out of order, as in the real files)."""
    ent, add, alt = draw.integer(20, 60), draw.integer(10, 40), draw.integer(5, 20)
    late_add, late_alt = 40_000 + draw.integer(0, 999), 50_000 + draw.integer(0, 999)
    for entry in entries:
        ent += draw.integer(1, 40)
        entry.ent_num = ent
        entry.add_nums, entry.alt_nums = [], []
        for _ in entry.addresses:
            late = draw.chance(0.04)
            late_add, add = (late_add + draw.integer(1, 3), add) if late else (late_add, add + 1)
            entry.add_nums.append(late_add if late else add)
        for _ in entry.aliases:
            late = draw.chance(0.04)
            late_alt, alt = (late_alt + draw.integer(1, 3), alt) if late else (late_alt, alt + 1)
            entry.alt_nums.append(late_alt if late else alt)
        add += draw.integer(0, 2)
        alt += draw.integer(0, 1)


def files(entries: list[Entry]) -> dict[str, bytes]:
    """The four files of the legacy CSV set, by name, from numbered entries in order."""
    sdn, add, alt, comments = [], [], [], []
    for entry in entries:
        sdn.append(entry.row())
        if len(entry.remark) > REMARKS_LIMIT:
            comments.append([entry.ent_num, entry.remark[REMARKS_LIMIT:]])
        for add_num, address in zip(entry.add_nums, entry.addresses, strict=True):
            add.append([entry.ent_num, add_num, *address, ""])
        for alt_num, (kind, name) in zip(entry.alt_nums, entry.aliases, strict=True):
            alt.append([entry.ent_num, alt_num, kind, name, ""])
    return {
        "sdn.csv": _csv(sdn, True),
        "add.csv": _csv(add, True),
        "alt.csv": _csv(alt, True),
        "sdn_comments.csv": _csv(comments, False),
    }
