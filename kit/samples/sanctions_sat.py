"""The SAT 69-B part of the sanctions sample: ``Listado_Completo_69-B.csv`` with its quirks.

As the SAT publishes it: Windows-1252, CRLF, two preamble lines padded with commas, a header of
20 columns, one row per taxpayer and stage reached, sorted by RFC with Ñ between N and O. Its
quirks are reproduced in about the real proportions: situations (mostly *Definitivo*), RFCs
suppressed by court order (``XXXXXXXXXXXX``), RFCs listed more than once, a few RFCs with a
wrong check digit, cells with two dates or two-digit years, Excel serial numbers instead of
dates, trailing and non-breaking spaces, quotes, notes after ``//`` and a line break inside a
quoted field.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from kit.samples import names
from kit.samples._rng import Draw
from kit.samples.sanctions_names import list_brand, plain, spanish_key, with_wrong_check_digit
from kit.samples.sanctions_plan import Avoid, Plant, key
from kit.samples.sanctions_sat_dates import EXCEL_EPOCH, MONTHS, Stage, cell, odd_cell
from kit.samples.sanctions_sat_names import (
    QUIRKS,
    company,
    ruling_texts,
    suppressed_name,
    with_quirk,
)

__all__ = ["HEADER", "LIST_DATE", "ROWS", "build"]

ROWS = 2400
LIST_DATE = date(2024, 10, 31)
SITUATIONS = ("Definitivo", "Sentencia Favorable", "Desvirtuado", "Presunto")
SHARES = (0.865, 0.098, 0.026, 0.011)
SUPPRESSED = 17
DUPLICATES = (
    ("Definitivo", "Sentencia Favorable"),
    ("Definitivo", "Sentencia Favorable"),
    ("Definitivo", "Sentencia Favorable"),
    ("Definitivo", "Sentencia Favorable"),
    ("Definitivo", "Sentencia Favorable"),
    ("Definitivo", "Sentencia Favorable"),
    ("Definitivo", "Definitivo"),
    ("Definitivo", "Definitivo"),
    ("Definitivo", "Presunto"),
    ("Sentencia Favorable", "Sentencia Favorable"),
    ("Presunto", "Sentencia Favorable"),
    ("Definitivo", "Sentencia Favorable", "Sentencia Favorable"),
    ("Definitivo", "Definitivo", "Presunto"),
)
INVALID_CHECK_DIGITS = 6
ODD_CELLS, EXCEL_SERIALS = 14, 2
HEADER = [
    "No",
    "RFC",
    "Nombre del Contribuyente",
    "Situación del contribuyente",
    "Número y fecha de oficio global de presunción SAT",
    "Publicación página SAT presuntos",
    "Número y fecha de oficio global de presunción DOF",
    "Publicación DOF presuntos",
    "Número y fecha de oficio global de contribuyentes que desvirtuaron SAT",
    "Publicación página SAT desvirtuados",
    "Número y fecha de oficio global de contribuyentes que desvirtuaron DOF",
    "Publicación DOF desvirtuados",
    "Número y fecha de oficio global de definitivos SAT",
    "Publicación página SAT definitivos",
    "Número y fecha de oficio global de definitivos DOF",
    "Publicación DOF definitivos",
    "Número y fecha de oficio global de sentencia favorable SAT",
    "Publicación página SAT sentencia favorable",
    "Número y fecha de oficio global de sentencia favorable DOF",
    "Publicación DOF sentencia favorable",
]


@dataclass
class Row:
    rfc: str
    name: str
    situation: str
    cells: list[str] = field(default_factory=lambda: [""] * 16)
    plant: Plant | None = None
    flags: set[str] = field(default_factory=set)


class _Builder:
    def __init__(self, draw: Draw, avoid: Avoid) -> None:
        self.draw, self.avoid = draw, avoid
        self.rows: list[Row] = []
        self.used: set[str] = set()
        late = LIST_DATE - timedelta(days=5)
        self.stages = {
            "pres": Stage(draw, date(2014, 1, 6), late, (9, 20)),
            "desv": Stage(draw, date(2014, 6, 2), late, (20, 45)),
            "def": Stage(draw, date(2014, 6, 2), late, (10, 25)),
            "sf": Stage(draw, date(2015, 6, 1), late, (15, 35)),
        }

    def taxpayer(self) -> tuple[str, str]:
        """A random taxpayer, RFC and name, unlike any supplier or earlier taxpayer."""
        draw = self.draw
        while True:
            if draw.chance(0.2):
                first, surname, second = names.person_name(draw)
                name = f"{surname} {second} {first}".upper()
                born = date(draw.integer(1950, 1998), draw.integer(1, 12), draw.integer(1, 28))
                rfc = names.person_rfc(first, surname, second, born, draw)
            else:
                name = company(draw, list_brand(draw, self.avoid.words).upper())
                founded = date(draw.integer(2000, 2021), draw.integer(1, 12), draw.integer(1, 28))
                rfc = names.moral_rfc(name.title(), founded, draw)
            name = plain(name) if draw.chance(0.5) else name
            if rfc not in self.used and not self.avoid.clashes(name, rfc) and key(name):
                self.used.add(rfc)
                self.avoid.keys.add(key(name))  # no other list repeats this taxpayer
                return rfc, name

    def dated(self, row: Row) -> Row:
        """Fill the oficio and publication cells of the row's situation."""
        draw, stages, situation = self.draw, self.stages, row.situation
        if situation == "Presunto":
            pres = stages["pres"].between(draw, LIST_DATE - timedelta(days=240), LIST_DATE)
        elif situation == "Sentencia Favorable":
            pres = stages["pres"].between(draw, date(2014, 1, 1), date(2020, 6, 30))
        else:
            pres = stages["pres"].between(draw, date(2014, 1, 1), LIST_DATE - timedelta(300))
        row.cells[0:4] = [pres.text, cell(pres.sat), pres.text, cell(pres.dof)]
        if situation == "Desvirtuado":
            desv = stages["desv"].at_or_after(pres.dof + timedelta(draw.integer(60, 200)))
            row.cells[4:8] = [desv.text, cell(desv.sat), desv.text, cell(desv.dof)]
            return row
        if situation == "Presunto":
            return row
        definitive = stages["def"].at_or_after(pres.dof + timedelta(draw.integer(100, 250)))
        if situation == "Definitivo" or draw.chance(0.93):
            row.cells[8:12] = [
                definitive.text,
                cell(definitive.sat),
                definitive.text,
                cell(definitive.dof),
            ]
        if situation == "Sentencia Favorable":
            ruling = stages["sf"].at_or_after(definitive.dof + timedelta(draw.integer(200, 1300)))
            ruling = ruling or stages["sf"].oficios[-1]
            row.cells[12:16] = [ruling.text, cell(ruling.sat), ruling.text, cell(ruling.dof)]
        return row

    def add(self, rfc: str, name: str, situation: str, plant: Plant | None = None) -> Row:
        row = self.dated(Row(rfc, name, situation, plant=plant))
        self.rows.append(row)
        return row


def _situations(taken: Counter) -> list[str]:
    """Situations of the random rows, so that the whole list has about the real shares."""
    wanted = zip(SITUATIONS, SHARES, strict=True)
    counts = [max(0, round(ROWS * share) - taken[s]) for s, share in wanted]
    counts[0] += ROWS - sum(taken.values()) - sum(counts)
    return [s for s, n in zip(SITUATIONS, counts, strict=True) for _ in range(n)]


def _rows(builder: _Builder, plants: list[Plant]) -> None:
    """Planted, suppressed, duplicated and random rows, in that order (sorted later)."""
    draw = builder.draw
    for plant in plants:
        name = plant.name.upper()
        if plant.person:
            words = name.split()
            name = " ".join([*words[-2:], *words[:-2]])
        for situation in plant.extra:
            builder.add(plant.rfc, name, situation, plant)
    texts = ruling_texts(draw)
    for index in range(SUPPRESSED):
        situation = "Presunto" if draw.chance(0.16) else "Definitivo"
        row = builder.add("X" * 12, suppressed_name(draw, texts, index), situation)
        row.flags.add("suppressed")
    for situations in DUPLICATES:
        rfc, name = builder.taxpayer()
        for index, situation in enumerate(situations):
            shown = name if index == 0 or draw.chance(0.35) else with_quirk(draw, name)[0]
            builder.add(rfc, shown, situation).flags.add("duplicated")
    taken = Counter(row.situation for row in builder.rows)
    for situation in draw.shuffled(_situations(taken)):
        rfc, name = builder.taxpayer()
        row = builder.add(rfc, name, situation)
        row.name, quirk = with_quirk(draw, name)
        row.flags.add(quirk or "")


def _mangle(builder: _Builder) -> None:
    """Wrong check digits, odd date cells and Excel serial numbers on random rows."""
    draw = builder.draw
    plain_rows = [r for r in builder.rows if not r.flags - {""} and r.plant is None]
    chosen = draw.sample(plain_rows, INVALID_CHECK_DIGITS + ODD_CELLS + EXCEL_SERIALS)
    for row in chosen[:INVALID_CHECK_DIGITS]:
        row.rfc = with_wrong_check_digit(row.rfc)
        row.flags.add("invalid_check_digit")
    for row in chosen[INVALID_CHECK_DIGITS:-EXCEL_SERIALS]:
        columns = [i for i in (9, 11, 13, 15) if row.cells[i]] or [3]
        column = draw.choice(columns)
        day = date(*reversed([int(p) for p in row.cells[column].split("/")]))
        row.cells[column], shape = odd_cell(draw, day, LIST_DATE)
        row.flags.add(shape)
    for row in chosen[-EXCEL_SERIALS:]:
        day = date(*reversed([int(p) for p in row.cells[3].split("/")]))
        row.cells[3] = str((day - EXCEL_EPOCH).days)
        row.flags.add("excel_serial_date")


def build(draw: Draw, plants: list[Plant], avoid: Avoid) -> tuple[bytes, dict[str, Any]]:
    """The 69-B file's bytes and its facts; fills the plants' records (their row numbers)."""
    builder = _Builder(draw, avoid)
    _rows(builder, plants)
    _mangle(builder)
    rows = sorted(builder.rows, key=lambda r: spanish_key(r.rfc))
    for number, row in enumerate(rows, 1):
        if row.plant is not None:
            record = {"no": number, "rfc": row.rfc, "name": row.name, "situation": row.situation}
            row.plant.records.append(record)
    return _render(rows), _facts(rows)


def _render(rows: list[Row]) -> bytes:
    out = io.StringIO(newline="")
    month = MONTHS[LIST_DATE.month - 1]
    out.write(f"Información actualizada al {LIST_DATE.day} de {month} de {LIST_DATE.year}")
    out.write("," * 19 + "\r\n")
    out.write("Listado completo de contribuyentes (Artículo 69-B del CFF)" + "," * 19 + "\r\n")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for number, row in enumerate(rows, 1):
        writer.writerow([number, row.rfc, row.name, row.situation, *row.cells])
    return out.getvalue().encode("cp1252")


def _facts(rows: list[Row]) -> dict[str, Any]:
    """What the 69-B file holds, counted from its rows (row numbers are the ``No`` column)."""
    by_rfc = Counter(r.rfc for r in rows if "suppressed" not in r.flags)
    numbered = list(enumerate(rows, 1))

    def nos(flag: str) -> list[int]:
        return [n for n, r in numbered if flag in r.flags]

    listed = [r for r in rows if "suppressed" not in r.flags]
    return {
        "list_date": LIST_DATE.isoformat(),
        "rows": len(rows),
        "by_situation": dict(Counter(r.situation for r in rows).most_common()),
        "distinct_rfcs": len(by_rfc),
        "suppressed": {"rfc": "X" * 12, "rows": nos("suppressed")},
        "duplicated_rfcs": {
            "rfcs": sorted((rfc for rfc, n in by_rfc.items() if n > 1), key=spanish_key),
            "rows": sum(n for n in by_rfc.values() if n > 1),
        },
        "invalid_check_digit": sorted(r.rfc for r in rows if "invalid_check_digit" in r.flags),
        "personas_fisicas": len({r.rfc for r in listed if len(r.rfc) == 13}),
        "personas_morales": len({r.rfc for r in listed if len(r.rfc) == 12}),
        "dates": {
            "two_dates_in_one_cell": sorted(nos("two_dates") + nos("two_dates_two_digit_year")),
            "two_digit_years": nos("two_dates_two_digit_year"),
            "excel_serial_numbers": nos("excel_serial_date"),
        },
        "names": {quirk: len(nos(quirk)) for quirk in QUIRKS},
        "line_breaks_inside_fields": sum("\n" in r.name for r in rows),
    }
