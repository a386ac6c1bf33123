"""The planted cases of the declarations sample as truth.json lists them, ids on every side."""

from __future__ import annotations

from kit.samples.declarations_plant import Award, CompanyCase
from kit.samples.declarations_s1 import record_id
from kit.samples.declarations_s3_plant import Sanctions
from kit.samples.declarations_staff import Official
from kit.samples.declarations_truth import in_period, wealth

__all__ = ["companies", "disqualified", "homonyms", "suppliers", "wealth_cases"]

JSON = dict


class Index:
    """The records of each person (by CURP) and of each S3 key."""

    def __init__(self, s1: list[dict], s2: list[dict], s3s: list[dict], s3p: list[dict]) -> None:
        self.s1: dict[str, list[dict]] = {}
        for record in s1:
            curp = record["declaracion"]["situacionPatrimonial"]["datosGenerales"]["curp"]
            self.s1.setdefault(curp, []).append(record)
        self.s2: dict[str, list[dict]] = {}
        for record in s2:
            self.s2.setdefault(record["curp"], []).append(record)
        self.s3 = {r["id"]: r for r in [*s3s, *s3p]}

    def s1_ids(self, official: Official) -> list[str]:
        return [r["id"] for r in self.s1.get(official.person.curp, [])]

    def s2_ids(self, official: Official) -> list[str]:
        return [r["id"] for r in self.s2.get(official.person.curp, [])]


def _person(official: Official) -> JSON:
    return {"official": official.key, **official.person.key()}


def _institution(official: Official) -> JSON:
    inst = official.inst
    return {"siglas": inst.code, "nombre": inst.name, "buyer_id": inst.buyer_id}


def companies(cases: list[CompanyCase], awards: list[Award], index: Index) -> JSON:
    """Declared stakes in suppliers of the official's own institution, and the traps."""
    out: JSON = {
        "definition": "An S1 declaration lists a stake (interes.participacion, by the declarant "
        "or the spouse: tipoRelacion PAREJA) in a company whose RFC is a supplier that won "
        "awards from the declarant's own institution (the buyer) in the procurement sample. "
        "Traps: the supplier only won awards from other institutions.",
        "cases": [],
        "traps": [],
    }
    for case in cases:
        official, stake, supplier = case.official, case.stake, case.supplier
        mine = [a for a in awards if a.rfc == stake.rfc]
        own = [a for a in mine if a.buyer_id == official.inst.buyer_id]
        listed = [
            r["id"]
            for r in index.s1[official.person.curp]
            if any(
                p["rfc"] == stake.rfc
                for p in r["declaracion"]["interes"]["participacion"].get("participacion", [])
            )
        ]
        entry = {
            "id": official.cases[-1],
            **_person(official),
            "institution": _institution(official),
            "relation": stake.relation,
            "percent": stake.percent,
            "declared_since": str(stake.since),
            "name_as_declared": stake.company,
            "supplier": {
                "supplier_id": supplier.supplier_id,
                "supplier_name": supplier.supplier_name,
                "rfc": supplier.rfc,
            },
            "s1_ids": listed,
            "s2_ids": index.s2_ids(official),
        }
        if case.trap:
            entry["buyers_of_supplier"] = sorted({a.buyer_id for a in mine})
            out["traps"].append(entry)
        else:
            entry["awards_from_own_institution"] = [a.json() for a in own]
            entry["awards_after_declared"] = [a.award_id for a in own if a.day >= stake.since]
            out["cases"].append(entry)
    return out


def wealth_cases(planted: list[Official], officials: list[Official], index: Index) -> JSON:
    """The planted wealth cases with their measure, and the highest measure of everybody else."""
    keys = {o.key for o in planted}
    cases = [
        {
            "id": o.cases[-1],
            **_person(o),
            "institution": _institution(o),
            **wealth(index.s1[o.person.curp]),
        }
        for o in planted
    ]
    others = [
        (w, o) for o in officials if o.key not in keys and (w := wealth(index.s1[o.person.curp]))
    ]
    net = [w["ratio"] for w, _ in others if w["ratio"] is not None]
    mortgage = [
        {**_person(o), "gross_ratio": w["gross_ratio"], "ratio": w["ratio"]}
        for w, o in others
        if w["gross_ratio"] is not None and w["gross_ratio"] > 1
    ]
    return {
        "definition": "ratio = (valorAdquisicion of homes and vehicles in the last complete "
        "declaration, not BAJA, bought after the first complete declaration - montoOriginal of "
        "the loans taken meanwhile) / the declarant's net income declared in every complete "
        "declaration after the first (ingreso{Anual,Conclusion}NetoDeclarante). Planted cases "
        "are at 3 or more; nobody else is above 1. gross_ratio leaves the loans out: people who "
        "bought on credit pass 1 there without being a case.",
        "planted_min_ratio": 3,
        "cases": cases,
        "people_measured": len(others) + len(cases),
        "max_ratio_not_planted": max(net),
        "bought_on_credit_gross_ratio_above_1": mortgage,
    }


def disqualified(box: Sanctions, index: Index) -> JSON:
    """Servants disqualified yet in S2 during the disqualification, and the look-alikes."""
    out: JSON = {
        "definition": "An S3 servidores record with inhabilitación (fechaInicial to fechaFinal) "
        "and S2 records of the same person (CURP) captured within that period (fechaCaptura), "
        "at the sanctioning institution or another one. Not cases: disqualified after leaving "
        "office (E), or sanctioned without disqualification (N).",
        "cases": [],
        "not_cases": [],
    }
    for sanction in box.servidores:
        case = sanction.extra["case"]
        official = box.officials.get(sanction.key)
        if official is None or case[0] not in "DEN":
            continue
        record = index.s3[record_id("s3", sanction.key)]
        overlapping = [
            {
                "id": r["id"],
                "ejercicioFiscal": r["ejercicioFiscal"],
                "fechaCaptura": r["fechaCaptura"],
                "siglas": r["institucionDependencia"]["siglas"],
            }
            for r in index.s2.get(official.person.curp, [])
            if "I" in sanction.sanctions
            and in_period(r["fechaCaptura"], sanction.start, sanction.end)
        ]
        entry = {
            "id": case,
            **_person(official),
            "s3_id": record["id"],
            "expediente": record["expediente"],
            "sanctioned_by": sanction.inst.code,
            "works_at": official.inst.code,
            "tipoSancion": list(sanction.sanctions),
            "inhabilitacion": record.get("inhabilitacion"),
            "s2_in_period": overlapping,
            "s1_in_period": [
                r["id"]
                for r in index.s1[official.person.curp]
                if "I" in sanction.sanctions
                and in_period(r["metadata"]["actualizacion"], sanction.start, sanction.end)
            ],
        }
        if case[0] == "D":
            out["cases"].append(entry)
        else:
            entry["why_not"] = "left office first" if case[0] == "E" else "no disqualification"
            out["not_cases"].append(entry)
    return out


def suppliers(box: Sanctions) -> JSON:
    """Suppliers disqualified in S3 while still winning awards, and the look-alikes."""
    out: JSON = {
        "definition": "An S3 particulares record with inhabilitación whose RFC won awards of the "
        "procurement sample (award date in Mexico's time) within fechaInicial to fechaFinal. "
        "Not cases: fined only, or disqualified after the last award.",
        "cases": [],
        "not_cases": [],
    }
    for sanction in box.particulares:
        case = sanction.extra["case"]
        if case[0] not in "PQ":
            continue
        name, rfc = sanction.company or ("", "")
        entry = {
            "id": case,
            "s3_id": record_id("s3", sanction.key),
            "supplier_rfc": rfc,
            "supplier_name": name,
            "tipoSancion": list(sanction.sanctions),
        }
        if "I" in sanction.sanctions:
            entry["inhabilitacion"] = {
                "fechaInicial": str(sanction.start),
                "fechaFinal": str(sanction.end),
            }
        if case[0] == "P":
            entry["awards_in_period"] = [a.json() for a in box.awards[sanction.key]]
            out["cases"].append(entry)
        else:
            out["not_cases"].append(entry)
    return out


def homonyms(pairs: list[list[Official]], box: Sanctions, index: Index) -> JSON:
    """Different people with one name: two officials, or an official and a sanctioned namesake."""
    out = []
    for first, second in pairs:
        out.append(
            {
                "id": first.cases[0],
                "nombre": first.person.name,
                "people": [_side(o, index) for o in (first, second)],
            }
        )
    for key, official in box.namesakes.items():
        sanction = next(s for s in box.servidores if s.key == key)
        person = sanction.person
        out.append(
            {
                "id": sanction.extra["case"],
                "nombre": official.person.name,
                "people": [
                    _side(official, index),
                    {
                        "rfc": person.rfc,
                        "curp": person.curp,
                        "s1_ids": [],
                        "s2_ids": [],
                        "s3_ids": [record_id("s3", key)],
                        "sanctioned_by": sanction.inst.code,
                    },
                ],
            }
        )
    return {
        "definition": "Different people (other RFC and CURP) with the same full name: two "
        "officials of different institutions (H01-H03), or an official listed in S2 and a "
        "sanctioned namesake in S3 who never declared (H04-H05). No other full name is shared.",
        "pairs": out,
    }


def _side(official: Official, index: Index) -> JSON:
    return {
        "official": official.key,
        "rfc": official.person.rfc,
        "curp": official.person.curp,
        "institution": official.inst.code,
        "s1_ids": index.s1_ids(official),
        "s2_ids": index.s2_ids(official),
        "s3_ids": [],
    }
