"""The budget sample's rows and files: one CSV per year in the Cuenta Pública 2020-2024 layout.

Each programme-year total (:mod:`kit.samples.budget_plan`) is split over 4-8 budget keys (unit,
partida, state), the way the open-data files publish it; the key's amounts add up exactly to
the programme's totals. As in the published files:

- 32 columns, Windows-1252 (Latin-1) text, amounts in pesos with two decimals and no thousands
  separator, an **empty cell** for a zero amount (``ADEFAS`` is mostly empty, and a key created
  by a modification has an empty ``MONTO_APROBADO``);
- ``ID_RAMO``, ``ID_PP`` and the other numeric keys without leading zeros (``9``, ``3``);
- the header of 2019-2021 starts ``CICLO``, that of 2022 on ``Ciclo``; spending is
  ``EJERCICIO`` up to 2023 and ``MONTO_EJERCIDO`` in 2024 (the 2019 header was not checked
  against the real file: it repeats 2020's);
- investment keys (``ID_CLAVE_CARTERA``) carry a leading ``'`` from 2022 on, as some exports do;
- the 2022 file declares 6 unnamed extra columns and ends with 12 rows of empty fields, a small
  copy of the padding of the real 2022 file (212 declared columns, 828,067 empty rows).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from kit.samples._rng import Draw
from kit.samples.budget_catalog import (
    ENTIDADES,
    FINALIDADES,
    FUENTES,
    MODALIDADES,
    PARTIDAS,
    PROGRAMS,
    RAMOS,
    SPENDING,
    TIPOS_GASTO,
    Program,
    funcion_of,
    ramo_name,
)
from kit.samples.budget_plan import YEARS, Totals

__all__ = ["AMOUNT_COLUMNS", "FILLER", "HEADER", "Row", "file_name", "header", "rows", "write_year"]

HEADER = (
    "CICLO", "ID_RAMO", "DESC_RAMO", "ID_UR", "DESC_UR", "GPO_FUNCIONAL", "DESC_GPO_FUNCIONAL",
    "ID_FUNCION", "DESC_FUNCION", "ID_SUBFUNCION", "DESC_SUBFUNCION", "ID_AI", "DESC_AI",
    "ID_MODALIDAD", "DESC_MODALIDAD", "ID_PP", "DESC_PP", "ID_OBJETO_DEL_GASTO",
    "DESC_OBJETO_DEL_GASTO", "ID_TIPOGASTO", "DESC_TIPOGASTO", "ID_FF", "DESC_FF",
    "ID_ENTIDAD_FEDERATIVA", "ENTIDAD_FEDERATIVA", "ID_CLAVE_CARTERA", "MONTO_APROBADO",
    "MONTO_MODIFICADO", "MONTO_DEVENGADO", "MONTO_PAGADO", "ADEFAS", "EJERCICIO",
)  # fmt: skip
AMOUNT_COLUMNS = ("aprobado", "modificado", "devengado", "pagado", "adefas", "ejercido")
#: The 2022 file's padding: (unnamed extra columns, empty rows at the end).
FILLER = {2022: (6, 12)}
_CENTRAL = "9"
_STATES = ("7", "14", "15", "19", "20", "21", "30")


@dataclass(frozen=True)
class Row:
    """One published budget key of one year, amounts in centavos."""

    year: int
    program: Program
    ur: str
    partida: str
    entidad: str
    ff: str
    amounts: dict[str, int]

    @property
    def sort_key(self) -> tuple:
        return (int(self.program.ramo), self.ur, self.program.modalidad, self.program.pp,
                self.partida, int(self.entidad), self.ff)  # fmt: skip


def file_name(year: int) -> str:
    """The published name of a year's Cuenta Pública file."""
    return f"cuenta_publica_{year}_gf_ecd_epe.csv"


def header(year: int) -> list[str]:
    """The year's header: ``CICLO``/``Ciclo`` and ``EJERCICIO``/``MONTO_EJERCIDO``."""
    names = list(HEADER)
    if year >= 2022:
        names[0] = "Ciclo"
    if year >= 2024:
        names[-1] = "MONTO_EJERCIDO"
    return names + [""] * FILLER.get(year, (0, 0))[0]


def rows(draw: Draw, totals: dict[tuple[str, int], Totals]) -> list[Row]:
    """Every key of every year, sorted as the files are (ramo, unit, programme, partida…)."""
    out: list[Row] = []
    for year in YEARS:
        for program in PROGRAMS:
            if (program.key, year) in totals:
                out.extend(_split(draw, program, year, totals[(program.key, year)]))
    return sorted(out, key=lambda row: (row.year, row.sort_key))


def _keys(draw: Draw, program: Program) -> list[tuple[str, str, str, str]]:
    """4-8 distinct (unit, partida, state, source of funds) of a programme."""
    wanted = draw.integer(4, 8)
    spending = SPENDING[program.modalidad]
    weights = [len(spending) - i for i in range(len(spending))]
    regional = program.modalidad in "SUK"
    seen: list[tuple[str, str, str, str]] = []
    for _ in range(wanted * 6):
        ur = draw.choice(program.units)
        partida = draw.weighted(spending, weights)
        entidad = draw.choice((*_STATES, "34")) if regional else _central(draw)
        ff = "4" if program.key == "12-E023" and draw.chance(0.25) else "1"
        if (ur, partida, entidad, ff) not in seen:
            seen.append((ur, partida, entidad, ff))
        if len(seen) == wanted:
            break
    return seen


def _central(draw: Draw) -> str:
    return _CENTRAL if draw.chance(0.75) else draw.choice(_STATES)


def _split(draw: Draw, program: Program, year: int, total: Totals) -> list[Row]:
    keys = _keys(draw, program)
    approved = [draw.uniform(0.2, 1.0) for _ in keys]
    if len(keys) >= 5 and draw.chance(0.3):
        approved[-1] = 0.0  # a key created during the year by a modification
    modified = [w * draw.uniform(0.8, 1.25) if w else draw.uniform(0.1, 0.4) for w in approved]
    spent = [w * draw.uniform(0.9, 1.05) for w in modified]
    parts = {
        "aprobado": _share(total.aprobado, approved),
        "modificado": _share(total.modificado, modified),
        "devengado": _share(total.devengado, spent),
        "ejercido": _share(total.ejercido, spent),
    }
    largest = max(range(len(keys)), key=lambda i: parts["ejercido"][i])
    parts["adefas"] = [total.adefas if i == largest else 0 for i in range(len(keys))]
    parts["pagado"] = [e - a for e, a in zip(parts["ejercido"], parts["adefas"], strict=True)]
    return [
        Row(year, program, ur, partida, entidad, ff, {m: parts[m][i] for m in AMOUNT_COLUMNS})
        for i, (ur, partida, entidad, ff) in enumerate(keys)
    ]


def _share(total: int, weights: list[float]) -> list[int]:
    """``total`` centavos split in proportion to ``weights``; the parts add up exactly."""
    whole = sum(weights)
    parts = [int(total * w / whole) for w in weights]
    parts[max(range(len(parts)), key=lambda i: weights[i])] += total - sum(parts)
    return parts


def _pesos(cents: int) -> str:
    """Centavos as published: ``1234567.89``; zero is an empty cell."""
    if cents == 0:
        return ""
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


def _fields(row: Row) -> list[str]:
    program, year = row.program, row.year
    fin, fun, sub = funcion_of(program)
    fin_name, functions = FINALIDADES[fin]
    fun_name, subs = functions[fun]
    ai, ai_name = _activity(program, subs[sub])
    chapter = row.partida[0]
    tipo = {"5": "2", "6": "3"}.get(chapter, "7" if program.modalidad in "SU" and chapter in "23"
                                    else "1")  # fmt: skip
    cartera = _cartera(program, row.ur) if chapter in "56" and program.modalidad == "K" else ""
    if cartera and year >= 2022:
        cartera = "'" + cartera
    amounts = row.amounts
    return [
        str(year), str(int(program.ramo)), ramo_name(program.ramo, year), row.ur,
        RAMOS[program.ramo].units[row.ur], fin, fin_name, fun, fun_name, sub, subs[sub], ai,
        ai_name, program.modalidad, MODALIDADES[program.modalidad], str(program.pp),
        program.name, row.partida, PARTIDAS[row.partida], tipo, TIPOS_GASTO[tipo], row.ff,
        FUENTES[row.ff], row.entidad, ENTIDADES[row.entidad], cartera,
        _pesos(amounts["aprobado"]), _pesos(amounts["modificado"]),
        _pesos(amounts["devengado"]), _pesos(amounts["pagado"]), _pesos(amounts["adefas"]),
        _pesos(amounts["ejercido"]),
    ]  # fmt: skip


def _activity(program: Program, subfuncion: str) -> tuple[str, str]:
    """The actividad institucional: overheads have their own, the rest follow the subfunción."""
    if program.modalidad == "M":
        return "1", "Servicios de apoyo administrativo"
    if program.modalidad == "O":
        return "2", "Función pública y buen gobierno"
    return str(10 + int(program.subfuncion)), f"Atención en {subfuncion.lower()}"


def _cartera(program: Program, ur: str) -> str:
    """An invented investment key in the published shape: year, ramo, unit, number (11 chars)."""
    return f"19{program.ramo}{ur}{program.pp:04d}"


def write_year(year: int, year_rows: list[Row]) -> bytes:
    """The year's CSV file as bytes (Windows-1252, CRLF, quotes only where needed)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    names = header(year)
    extra = len(names) - len(HEADER)
    writer.writerow(names)
    for row in year_rows:
        writer.writerow(_fields(row) + [""] * extra)
    for _ in range(FILLER.get(year, (0, 0))[1]):
        writer.writerow([""] * len(names))
    return buffer.getvalue().encode("cp1252")
