"""The truth of the declarations sample: planted cases with record ids on every side, and facts.

Facts and measures are computed from the records themselves (as a notebook would), so the truth
cannot drift from the files.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from kit.samples.declarations_s1_assets import INCOME_KEYS

__all__ = ["counts", "institutions", "wealth"]

JSON = dict


def day_of(record: dict) -> str:
    """The date of an S1 record (metadata.actualizacion)."""
    return record["metadata"]["actualizacion"][:10]


def income(record: dict) -> int:
    """The declarant's net income of an S1 record, in the key its type uses."""
    ingresos = record["declaracion"]["situacionPatrimonial"]["ingresos"]
    return ingresos[INCOME_KEYS[record["metadata"]["tipo"]][2]]["valor"]


def wealth(records: list[dict]) -> JSON | None:
    """Assets bought between a person's first and last complete declarations, against income.

    ``acquired``: acquisition values of homes and vehicles in the last declaration (not BAJA)
    bought after the first one; ``new_debt``: original amounts of the loans taken meanwhile;
    ``income``: the declarant's net income declared in every declaration after the first.
    ``ratio`` = (acquired - new_debt) / income; ``gross_ratio`` = acquired / income.
    """
    complete = sorted(
        (r for r in records if r["metadata"]["declaracionCompleta"]), key=lambda r: day_of(r)
    )
    if len(complete) < 2:
        return None
    since = day_of(complete[0])
    last = complete[-1]["declaracion"]["situacionPatrimonial"]
    items = last["bienesInmuebles"].get("bienInmueble", []) + last["vehiculos"].get("vehiculo", [])
    acquired = sum(
        i["valorAdquisicion"]["valor"]
        for i in items
        if i["tipoOperacion"] != "BAJA" and i["fechaAdquisicion"] > since
    )
    debt = sum(
        d["montoOriginal"]["valor"]
        for d in last["adeudos"].get("adeudo", [])
        if d["fechaAdquisicion"] > since
    )
    earned = sum(income(r) for r in complete[1:])
    return {
        "first": since,
        "last": day_of(complete[-1]),
        "declarations": [r["id"] for r in complete],
        "acquired": acquired,
        "new_debt": debt,
        "income": earned,
        "ratio": round((acquired - debt) / earned, 3) if earned else None,
        "gross_ratio": round(acquired / earned, 3) if earned else None,
    }


def _people(s1: list[dict]) -> Counter:
    return Counter(r["declaracion"]["situacionPatrimonial"]["datosGenerales"]["curp"] for r in s1)


def counts(
    s1: list[dict], s2: list[dict], servidores: list[dict], particulares: list[dict]
) -> JSON:
    """Facts notebooks can ask about, recounted from the records."""
    by_type_year: dict[str, Counter] = {}
    for record in s1:
        year = day_of(record)[:4]
        by_type_year.setdefault(year, Counter())[record["metadata"]["tipo"]] += 1
    stakes = {
        r["declaracion"]["situacionPatrimonial"]["datosGenerales"]["curp"]
        for r in s1
        if r["declaracion"].get("interes", {}).get("participacion", {}).get("participacion")
    }
    return {
        "s1": {
            "declarations": len(s1),
            "declarants": len(_people(s1)),
            "by_type": dict(sorted(Counter(r["metadata"]["tipo"] for r in s1).items())),
            "by_year": dict(sorted(Counter(day_of(r)[:4] for r in s1).items())),
            "by_year_type": {y: dict(sorted(c.items())) for y, c in sorted(by_type_year.items())},
            "complete": sum(r["metadata"]["declaracionCompleta"] for r in s1),
            "simplified": sum(not r["metadata"]["declaracionCompleta"] for r in s1),
            "declarants_with_participations": len(stakes),
        },
        "s2": {
            "records": len(s2),
            "people": len({r["curp"] for r in s2}),
            "by_year": dict(sorted(Counter(r["ejercicioFiscal"] for r in s2).items())),
        },
        "s3_servidores": _s3(servidores),
        "s3_particulares": {
            **_s3(particulares),
            "personas_morales": sum(
                r["particularSancionado"]["tipoPersona"] == "M" for r in particulares
            ),
            "personas_fisicas": sum(
                r["particularSancionado"]["tipoPersona"] == "F" for r in particulares
            ),
        },
    }


def _s3(records: list[dict]) -> JSON:
    faults = Counter(
        r["tipoFalta"]["clave"] if isinstance(r["tipoFalta"], dict) else r["tipoFalta"]
        for r in records
    )
    return {
        "records": len(records),
        "with_inhabilitacion": sum("inhabilitacion" in r for r in records),
        "with_multa": sum("multa" in r for r in records),
        "by_tipo_falta": dict(sorted(faults.items())),
        "by_tipo_sancion": dict(
            sorted(Counter(s["clave"] for r in records for s in r["tipoSancion"]).items())
        ),
        "by_year": dict(sorted(Counter(r["fechaCaptura"][:4] for r in records).items())),
    }


def institutions(insts: list, s1: list[dict], s2: list[dict]) -> list[JSON]:
    """Every institution with its ids and how many declarants, declarations and S2 people."""
    out = []
    for inst in insts:
        mine = [r for r in s1 if r["metadata"]["institucion"] == inst.name]
        theirs = [r for r in s2 if r["institucionDependencia"]["siglas"] == inst.code]
        out.append(
            {
                "siglas": inst.code,
                "clave": inst.clave,
                "nombre": inst.name,
                "buyer_id": inst.buyer_id,
                "rfc": inst.rfc,
                "declarants": len(_people(mine)),
                "declarations": len(mine),
                "by_type": dict(sorted(Counter(r["metadata"]["tipo"] for r in mine).items())),
                "s2_people": len({r["curp"] for r in theirs}),
                "s2_records": len(theirs),
            }
        )
    return out


def in_period(text: str, start: date, end: date) -> bool:
    """Whether an ISO date (or date-time) falls within [start, end]."""
    return str(start) <= text[:10] <= str(end)
