"""S2 records: public servants who take part in procurement (servidores públicos que intervienen
en contrataciones), in the layout of the PDN's S2 specification v1 (``PDNMX/api_docs``): flat
records with ``puesto {nombre, nivel}`` and the coded lists ``tipoArea``,
``nivelResponsabilidad`` and ``tipoProcedimiento`` as ``{clave, valor}``, as the datatón files
carry them. (The PDN's later v1.1 reorganises the record under ``datosGenerales`` and
``empleoCargoComision``; it is not written here.)

One record per official and fiscal year (ejercicioFiscal) in which they held a post of a
purchasing, requesting or executing area, captured early in the year or when they took office.
"""

from __future__ import annotations

from datetime import date, timedelta

from kit.samples.declarations_catalogs import (
    GENERO,
    NIVEL_RESPONSABILIDAD,
    RAMOS,
    TIPO_AREA,
    TIPO_PROCEDIMIENTO,
    cv,
)
from kit.samples.declarations_people import Person
from kit.samples.declarations_s1 import record_id
from kit.samples.declarations_staff import Official, Staff

__all__ = ["GOVERNOR_POST", "S2_LAST_DAY", "s2_records", "s2_years"]

S2_LAST_DAY = date(2024, 10, 4)
GOVERNOR_POST = {"nombre": "Gobernador Constitucional del Estado", "nivel": "G00"}


def s2_years(official: Official) -> list[tuple[int, date]]:
    """(ejercicioFiscal, capture day) of the official's S2 records."""
    if not official.s2_area:
        return []
    out = []
    for year in range(2021, 2025):
        first = max(official.start + timedelta(days=10), date(year, 1, 11))
        last = min(date(year, 12, 31), S2_LAST_DAY)
        if official.end is not None:
            last = min(last, official.end)
        if first <= last:
            spread = (official.slot * 13 + year) % 50
            out.append((year, min(first + timedelta(days=spread), last)))
    return out


def _responsibility(official: Official) -> list[dict]:
    rank = official.post.rank
    code = "R" if rank <= 2 else "T" if rank <= 4 else "A"
    return [cv(code, NIVEL_RESPONSABILIDAD[code])]


def _procedures(official: Official) -> list[dict]:
    codes = [1]
    if official.area.startswith("Dirección de Recursos Materiales") and official.post.rank <= 3:
        codes.append(3)
    return [cv(code, TIPO_PROCEDIMIENTO[code]) for code in codes]


def _superior(staff: Staff, official: Official, day: date, governor: Person) -> dict:
    slot = official.superior_slot
    boss = None
    while slot is not None and boss is None:
        boss = staff.holder(slot, day)
        slot = staff.slots[slot][3]
    person, post = (boss.person, boss.post) if boss else (governor, None)
    return {
        "nombres": person.first,
        "primerApellido": person.surname,
        "segundoApellido": person.second,
        "curp": person.curp,
        "rfc": person.rfc,
        "puesto": {"nombre": post.name, "nivel": post.level} if post else GOVERNOR_POST,
    }


def s2_records(staff: Staff, official: Official, governor: Person) -> list[dict]:
    """Every S2 record of one official."""
    person, inst = official.person, official.inst
    out = []
    for year, day in s2_years(official):
        second = (official.slot * 31 + year * 7) % 86400
        out.append(
            {
                "id": record_id("s2", official.key, year),
                "fechaCaptura": f"{day}T{second // 3600:02d}:{second // 60 % 60:02d}:"
                f"{second % 60:02d}Z",
                "ejercicioFiscal": str(year),
                "ramo": RAMOS[inst.index % 2],
                "rfc": person.rfc,
                "curp": person.curp,
                "nombres": person.first,
                "primerApellido": person.surname,
                "segundoApellido": person.second,
                "genero": GENERO[person.genero],
                "institucionDependencia": {
                    "nombre": inst.name,
                    "siglas": inst.code,
                    "clave": inst.clave,
                },
                "puesto": {"nombre": official.post.name, "nivel": official.post.level},
                "tipoArea": [cv(code, TIPO_AREA[code]) for code in official.s2_area],
                "nivelResponsabilidad": _responsibility(official),
                "tipoProcedimiento": _procedures(official),
                "superiorInmediato": _superior(staff, official, day, governor),
                "observaciones": "",
            }
        )
    return out
