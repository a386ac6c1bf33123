"""The SFP part of the sanctions sample: the directory of sanctioned suppliers and contractors.

The shape of the CSV export of the SFP's (now SABG's) *Directorio de proveedores y contratistas
sancionados*: UTF-8, CRLF, a header of 9 columns, quotes only where needed; no RFC column, so
suppliers can be matched by name only. Sanctions with a period of *inhabilitación* come first,
newest first; fines alone (no dates, no period) come last. Amounts are right-aligned in 23
characters, as Excel's number format leaves them; a few names end in a tab or a space. The
sanctioning bodies are the invented buyers of the procurement sample's *Nueva Galicia*.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kit.samples import names
from kit.samples._rng import Draw
from kit.samples.procurement_parties import make_buyers
from kit.samples.sanctions_names import list_brand, options, plain
from kit.samples.sanctions_plan import Avoid, Plant, key

__all__ = ["HEADER", "LIST_DATE", "ROWS", "build"]

ROWS = 320
LIST_DATE = date(2024, 10, 31)
HEADER = [
    "Proveedor y Contratista",
    "OIC Responsable",
    "Expediente",
    "Procedimiento Administrativo",
    "Ley infringida",
    "Inicio de la sanción",
    "Fin de la sanción",
    "Monto de la Multa",
    "Periodo de Inhabilitación",
]
_LAASSP = "LEY DE ADQUISICIONES, ARRENDAMIENTOS Y SERVICIOS DEL SECTOR PÚBLICO"
_LOPSRM = "LEY DE OBRAS PÚBLICAS Y SERVICIOS RELACIONADOS CON LAS MISMAS"
LAWS = (
    f"{_LAASSP} (LAASSP)",
    f"{_LOPSRM} (LOPSRM)",
    f"{_LAASSP} (ASUNTOS 32-D)",
    f"{_LOPSRM} (ASUNTOS 32-D)",
    "LEY FEDERAL ANTICORRUPCIÓN EN CONTRATACIONES PÚBLICAS",
    "ASUNTOS 32-D",
)
_LAW_WEIGHTS = (1661, 462, 161, 81, 19, 6)
_PERIODS = ((0, 3), (1, 0), (2, 6), (1, 6), (2, 0), (0, 6), (3, 9), (1, 3), (3, 3), (3, 0), (0, 9))
_PERIOD_WEIGHTS = (682, 218, 123, 104, 84, 80, 68, 66, 50, 45, 26)
_SHAPES = options(
    "CONSTRUCTORA {}|DISTRIBUIDORA MÉDICA {}|{} EDIFICACIONES|SERVICIOS DE LIMPIEZA {}|"
    "PAPELERÍA {}|EQUIPOS MÉDICOS {}|COMERCIALIZADORA {}|{} INGENIERÍA|GRUPO {}|"
    "LABORATORIOS {}|PROYECTOS Y CONSTRUCCIONES {}|{} SERVICIOS INTEGRALES"
)
_FORMS = options(
    "S.A. DE C.V.|S.A DE C.V.|S. DE R.L. DE C.V.|S.C.|S.A.|S. A. DE C. V.|S.A DE C.V|SA DE CV|"
    "S.A.DE C.V.|S.A.P.I. DE C.V."
)
_FORM_WEIGHTS = (1372, 73, 43, 30, 17, 13, 13, 8, 7, 5)


@dataclass
class Row:
    name: str
    oic: str
    expediente: str
    procedimiento: str
    law: str
    start: date | None
    end: date | None
    fine: float
    period: str
    plant: Plant | None = None

    def cells(self) -> list[str]:
        shown = [f"{d:%d-%m-%Y}" if d else "" for d in (self.start, self.end)]
        fine = f"{self.fine:,.2f}".rjust(23)
        basics = [self.name, self.oic, self.expediente, self.procedimiento, self.law]
        return [*basics, *shown, fine, self.period]


def _period_text(years: int, months: int) -> str:
    parts = [f"{years} año{'s' if years > 1 else ''}"] * bool(years)
    parts += [f"{months} mes{'es' if months > 1 else ''}"] * bool(months)
    return ", ".join(parts)


def _plus(day: date, years: int, months: int) -> date:
    total = day.month - 1 + months + 12 * years
    return date(day.year + total // 12, total % 12 + 1, min(day.day, 28))


def _oics(draw: Draw) -> tuple[list[str], list[float]]:
    """The sanctioning bodies: Nueva Galicia's buyers, upper case, some without accents."""
    buyers = make_buyers(Draw(0))  # names only: they do not depend on the draw
    oics = [b.name.upper() if draw.chance(0.7) else plain(b.name.upper()) for b in buyers]
    oics[3] = oics[3].replace(" DE ", " DEE ", 1)  # a typo the real directory also has
    oics[5] = oics[5].replace(" DE ", "  DE ", 1)
    return oics, [b.weight for b in buyers]


class _Builder:
    def __init__(self, draw: Draw, avoid: Avoid) -> None:
        self.draw, self.avoid = draw, avoid
        self.oics, self.weights = _oics(draw)
        self.rows: list[Row] = []
        self.numbers: set[str] = set()

    def name(self) -> str:
        draw = self.draw
        while True:
            if draw.chance(0.1):
                first, surname, second = names.person_name(draw)
                name = f"{first} {surname} {second}".upper()
            else:
                core = draw.choice(_SHAPES).format(list_brand(draw, self.avoid.words).upper())
                form = draw.weighted(_FORMS, _FORM_WEIGHTS)
                name = f"{core}, {form}" if draw.chance(0.85) else f"{core} {form}"
            if not self.avoid.clashes(name):
                self.avoid.keys.add(key(name))
                return plain(name) if draw.chance(0.3) else name

    def row(self, name: str, start: date | None, period=None, plant=None) -> Row:
        draw = self.draw
        year = (start or date(draw.integer(2006, 2016), 1, 1)).year - draw.integer(0, 2)
        number = f"{draw.integer(1, 350):04d}/{year}"
        while number in self.numbers:
            number = f"{draw.integer(1, 350):04d}/{year}"
        self.numbers.add(number)
        procedure = f"PA-{number}" if draw.chance(0.8) else f"PA-{draw.integer(1, 60):04d}/{year}"
        oic = draw.weighted(self.oics, self.weights)
        law = draw.weighted(LAWS, _LAW_WEIGHTS)
        fine = round(draw.lognormal(95_000, 1.0, 2.8) * 2) / 2 if draw.chance(0.99) else 0.0
        years, months = period or draw.weighted(_PERIODS, _PERIOD_WEIGHTS)
        end = _plus(start, years, months) if start else None
        text = _period_text(years, months) if start else ""
        row = Row(name, oic, number, procedure, law, start, end, fine, text, plant)
        self.rows.append(row)
        return row


REPEATED = 18  # names sanctioned twice (besides the planted one)
FINES_ONLY = 0.23


def _start(draw: Draw) -> date:
    day = date(draw.integer(2006, 2024), draw.integer(1, 12), draw.integer(1, 28))
    return min(day, LIST_DATE - timedelta(days=draw.integer(3, 60)))


def _rows(builder: _Builder, plants: list[Plant], awards: dict[str, list]) -> None:
    """Planted rows, whose sanctions began shortly before one of the supplier's awards, then
    repeated and random names."""
    draw = builder.draw
    for plant in plants:
        name = plant.name.upper()
        awarded, _ = draw.choice(awards[plant.supplier.supplier_id])
        start = awarded - timedelta(days=draw.integer(15, 150))
        builder.row(name, start, draw.choice(((1, 0), (0, 6), (2, 0), (1, 6))), plant)
        for _ in range(int(plant.extra[0]) - 1):
            builder.row(name, date(draw.integer(2009, 2016), draw.integer(1, 12), 1), None, plant)
    for _ in range(REPEATED):
        name = builder.name()
        for _ in range(2):
            builder.row(name, None if draw.chance(FINES_ONLY) else _start(draw))
    while len(builder.rows) < ROWS:
        builder.row(builder.name(), None if draw.chance(FINES_ONLY) else _start(draw))
    for row in builder.rows:
        if row.plant is None and draw.chance(0.04):
            row.name += "\t" if draw.chance(0.33) else " "
    open_ended = next(r for r in builder.rows if r.start and r.plant is None)
    open_ended.end, open_ended.period = None, ""


def build(
    draw: Draw, plants: list[Plant], avoid: Avoid, awards: dict[str, list]
) -> tuple[bytes, dict[str, Any]]:
    """The directory's bytes and facts; fills the plants' records (row numbers, dates, and the
    supplier's awards signed while the sanction ran)."""
    builder = _Builder(draw, avoid)
    _rows(builder, plants, awards)
    dated = sorted((r for r in builder.rows if r.start), key=lambda r: r.start, reverse=True)
    rows = dated + [r for r in builder.rows if not r.start]
    for number, row in enumerate(rows, 1):
        if row.plant is not None:
            row.plant.records.append(_record(number, row, awards[row.plant.supplier.supplier_id]))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(row.cells() for row in rows)
    return out.getvalue().encode("utf-8"), _facts(rows)


def _record(number: int, row: Row, awards: list) -> dict[str, Any]:
    during = [a for d, a in awards if row.start and row.end and row.start <= d <= row.end]
    return {
        "row": number,
        "name": row.name,
        "expediente": row.expediente,
        "start": row.start.isoformat() if row.start else None,
        "end": row.end.isoformat() if row.end else None,
        "awards_during_sanction": during,
    }


def _facts(rows: list[Row]) -> dict[str, Any]:
    names_seen = Counter(row.name.strip() for row in rows)
    active = [r for r in rows if r.start and r.end and r.start <= LIST_DATE <= r.end]
    return {
        "list_date": LIST_DATE.isoformat(),
        "rows": len(rows),
        "by_law": dict(Counter(r.law for r in rows).most_common()),
        "with_inhabilitation_dates": sum(bool(r.start) for r in rows),
        "fines_only": sum(not r.start for r in rows),
        "start_without_end": sum(bool(r.start and not r.end) for r in rows),
        "distinct_names": len(names_seen),
        "names_on_several_rows": sorted(n for n, c in names_seen.items() if c > 1),
        "active_on_list_date": len(active),
        "names_ending_in_tab": sum(r.name.endswith("\t") for r in rows),
        "names_ending_in_space": sum(r.name.endswith(" ") for r in rows),
    }
