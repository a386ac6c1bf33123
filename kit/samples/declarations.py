"""Deterministic generator of the bundled declarations sample (PDN S1, S2, S3), with planted cases.

The public servants of the procurement sample's buyers (the invented *Estado de Nueva Galicia*)
and what the PDN publishes about them, every person and company fictitious:

- ``s1.json.gz``: asset and interest declarations (S1 v2, DOF 2019 formats) of 2021-2024:
  *inicial*, yearly *modificación* and *conclusión*, complete or simplified;
- ``s2.json.gz``: servants who take part in procurement (S2, the specification's v1 layout the
  datatón files use), one record per fiscal year;
- ``s3_servidores.json.gz`` and ``s3_particulares.json.gz``: sanctioned servants and private
  parties (S3).

Each file is a JSON array, gzipped with a fixed timestamp so the bytes never change. Planted
cases link the systems with each other and with the procurement sample (companies of officials
that win contracts from their own institution, wealth beyond income, disqualified servants
still in S2, suppliers disqualified while winning awards, homonyms); ``truth.json`` lists them
with record ids on every side. Regenerate with ``python -m kit.samples declarations`` (after the
procurement and sanctions samples).
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kit import data
from kit.samples import declarations_cases as cases
from kit.samples import names
from kit.samples._files import write_files
from kit.samples._rng import Draw
from kit.samples.declarations_assets import Lenders, furnish
from kit.samples.declarations_people import Person, Registry
from kit.samples.declarations_plant import (
    Award,
    CompanyCase,
    plant_companies,
    plant_homonyms,
    plant_wealth,
)
from kit.samples.declarations_s1 import declarations, file_dates
from kit.samples.declarations_s2 import s2_records
from kit.samples.declarations_s3 import particular_record, servidor_record
from kit.samples.declarations_s3_plant import Sanctions, fault_text, plant_sanctions
from kit.samples.declarations_staff import Institution, Official, Staff, staff
from kit.samples.declarations_truth import counts, institutions, wealth

__all__ = ["FILES", "SEED", "Plan", "dumps", "generate", "load_procurement", "plan", "write"]

SEED = 1919
POSTS = 1750
FOLDER = "declarations"
LICENSE = "CC0-1.0 (synthetic, fictitious entities)"
FILES = {
    "s1.json.gz": "PDN S1 declaraciones v2 (DOF 2019 formats), JSON array, gzip",
    "s2.json.gz": "PDN S2 servidores públicos en contrataciones, specification v1 layout "
    "(puesto {nombre, nivel}), JSON array, gzip",
    "s3_servidores.json.gz": "PDN S3 servidores públicos sancionados, JSON array, gzip",
    "s3_particulares.json.gz": "PDN S3 particulares sancionados, JSON array, gzip",
    "truth.json": "Planted truth of the declarations sample (JSON)",
}
_RFC = re.compile(r"\b[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}\b")


def load_procurement() -> tuple[list[Institution], list[Award], set[str], set[str]]:
    """Buyers, awards, RFCs already planted by other samples, and the suppliers' names."""
    from kit import procurement
    from kit.samples import procurement as procurement_sample
    from kit.samples.procurement_parties import make_buyers

    loaded = procurement.load("sample")
    processes = loaded.tenders["buyer_id"].value_counts()
    buyers = make_buyers(Draw(procurement_sample.SEED))
    insts = [
        Institution(i, b.code, b.name, b.rfc, b.locality, int(processes[b.id]))
        for i, b in enumerate(buyers)
    ]
    table = loaded.suppliers.merge(loaded.awards[["award_id", "date", "value_amount"]])
    table = table.merge(loaded.tenders[["ocid", "buyer_id"]], on="ocid")
    awards = sorted(
        (
            Award(
                r.award_id,
                r.ocid,
                r.buyer_id,
                (r.date - timedelta(hours=6)).date(),  # Mexico's time (UTC-6), as published
                float(r.value_amount),
                r.supplier_id,
                r.supplier_name,
                r.rfc,
            )
            for r in table.itertuples()
        ),
        key=lambda a: (a.day, a.award_id),
    )
    planted = set(names.GENERIC_RFC.split())
    for sample in ("procurement", "sanctions"):
        planted |= set(_RFC.findall((data.DATA_DIR / sample / "truth.json").read_text("utf-8")))
    return insts, awards, planted, {a.supplier_name for a in awards}


def _companies(draw: Draw, people: Registry) -> list[tuple[str, str]]:
    """Small fictitious companies officials hold shares in (none ever sells to the state)."""
    out = []
    while len(out) < 40:
        name = names.company_name(draw, draw.choice(names.SECTOR_TRADES["profesionales"]))
        rfc = names.moral_rfc(name, date(draw.integer(1995, 2019), 6, 1), draw)
        if rfc not in people.ids and name not in people.names:
            people.ids.add(rfc)
            people.names.add(name)
            out.append((name, rfc))
    return out


def _previous(official: Official, draw: Draw, companies: list[tuple[str, str]]) -> None:
    if draw.chance(0.35) and official.start.year > 1999:
        end = official.start - timedelta(days=draw.integer(15, 200))
        start = date(max(1990, end.year - draw.integer(2, 9)), draw.integer(1, 12), 1)
        official.previous_job = ("PRV", draw.choice(companies)[0], "Gerente", start, end)


def _within_means(official: Official, records: list[dict]) -> list[dict]:
    """Drop the 2021-2024 purchases of an unplanted official who could not have afforded them."""
    measure = wealth(records)
    if measure is None or measure["ratio"] is None or measure["ratio"] <= 1:
        return records
    since = date.fromisoformat(measure["first"])
    kept = [a for a in official.assets if a.acquired <= since]
    official.debts = [a.debt for a in kept if a.debt is not None]
    official.assets = kept
    return declarations(official)


@dataclass
class Plan:
    """Everything decided before any record is written: people, posts, planted cases."""

    insts: list[Institution]
    awards: list[Award]
    world: Staff
    governor: Person
    pairs: list[list[Official]]
    stakes: list[CompanyCase]
    rich: list[Official]
    box: Sanctions


def plan(seed: int, procurement: tuple | None = None) -> Plan:
    """People, posts, careers, belongings and every planted case, from one seed."""
    insts, awards, planted, supplier_names = procurement or load_procurement()
    draw = Draw(seed)
    people = Registry(supplier_names, {a.rfc for a in awards} | {i.rfc for i in insts})
    governor = people.person(draw, (1958, 1968))
    world = staff(draw, insts, people, POSTS)
    used: set[str] = set()
    pairs = plant_homonyms(world, draw, people, used)
    lenders, companies = Lenders(draw, people), _companies(draw, people)
    for official in world.officials:
        furnish(official, draw, people, lenders, companies)
        _previous(official, draw, companies)
        file_dates(official, draw)
    stakes = plant_companies(world, draw, awards, planted, used)
    rich = plant_wealth(world, draw, lenders, used)
    taken = planted | {s.stake.rfc for s in stakes}
    box = plant_sanctions(world, draw, people, awards, taken, used)
    return Plan(insts, awards, world, governor, pairs, stakes, rich, box)


def records(plan: Plan) -> dict[str, list[dict]]:
    """The four JSON arrays. S1 and S2 keep the order they are made in (institution, post,
    person, date): real files come in no particular order, and this one compresses best."""
    rich = {o.key for o in plan.rich}
    s1 = []
    for official in plan.world.officials:
        found = declarations(official)
        s1 += found if official.key in rich else _within_means(official, found)
    s2 = [r for o in plan.world.officials for r in s2_records(plan.world, o, plan.governor)]
    servidores = [servidor_record(s) for s in plan.box.servidores]
    particulares = [
        particular_record(s, fault_text(s), plan.governor) for s in plan.box.particulares
    ]
    servidores.sort(key=lambda r: (r["fechaCaptura"], r["id"]))
    particulares.sort(key=lambda r: (r["fechaCaptura"], r["id"]))
    return {"s1": s1, "s2": s2, "s3_servidores": servidores, "s3_particulares": particulares}


def truth_of(plan: Plan, found: dict[str, list[dict]], seed: int) -> dict[str, Any]:
    """truth.json: facts recounted from the records and every planted case with its ids."""
    index = cases.Index(*found.values())
    return {
        "about": "Planted truth of the synthetic PDN S1, S2 and S3 sample of the fictitious "
        "Estado de Nueva Galicia (the buyers of the procurement sample). People are identified "
        "by CURP and RFC; records by their id. Red flags are risk signals, never proof.",
        "generator": "kit.samples.declarations",
        "seed": seed,
        "marker": "Nueva Galicia",
        "files": {name: text for name, text in FILES.items() if name != "truth.json"},
        "counts": counts(*found.values()),
        "institutions": institutions(plan.insts, found["s1"], found["s2"]),
        "company_conflicts": cases.companies(plan.stakes, plan.awards, index),
        "wealth_growth": cases.wealth_cases(plan.rich, plan.world.officials, index),
        "disqualified_in_s2": cases.disqualified(plan.box, index),
        "disqualified_suppliers_awarded": cases.suppliers(plan.box),
        "homonyms": cases.homonyms(plan.pairs, plan.box, index),
    }


def generate(seed: int = SEED, procurement: tuple | None = None) -> tuple[dict[str, bytes], dict]:
    """Build every file of the sample and its truth.

    Args:
        seed: every random choice comes from this one seed, so equal seeds give equal output.
        procurement: what :func:`load_procurement` returns (default: the bundled samples).

    Returns:
        ``(files, truth)``: the bytes of each file by name (``truth.json`` included) and the
        truth as a dict.
    """
    planned = plan(seed, procurement)
    found = records(planned)
    truth = truth_of(planned, found, seed)
    files = {f"{name}.json.gz": _gzip(rows) for name, rows in found.items()}
    files["truth.json"] = (json.dumps(truth, indent=1, ensure_ascii=False) + "\n").encode()
    return files, truth


def dumps(records: list[dict]) -> bytes:
    """Compact, byte-stable JSON (UTF-8, accents kept)."""
    return json.dumps(records, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _gzip(records: list[dict]) -> bytes:
    return gzip.compress(dumps(records), compresslevel=9, mtime=0)


def write(folder: Path | None = None) -> list[Path]:
    """Write every file of the sample; refresh the manifest when writing the bundled copy.

    Args:
        folder: where to write; by default ``kit/data/declarations``, and only then is the
            manifest (``kit/data/manifest.json``) updated.

    Returns:
        The paths written.
    """
    files, truth = generate()
    written, bundled = write_files(files, FOLDER, folder)
    if bundled:
        _record(truth)
    return written


def _record(truth: dict[str, Any]) -> None:
    """Describe every file in the manifest."""
    c = truth["counts"]
    rows = {
        "s1.json.gz": {
            "declarations": c["s1"]["declarations"],
            "declarants": c["s1"]["declarants"],
        },
        "s2.json.gz": {"records": c["s2"]["records"], "people": c["s2"]["people"]},
        "s3_servidores.json.gz": {"records": c["s3_servidores"]["records"]},
        "s3_particulares.json.gz": {"records": c["s3_particulares"]["records"]},
    }
    common = {"generator": "kit.samples.declarations", "seed": truth["seed"], "license": LICENSE}
    for name, description in FILES.items():
        extra = {"rows": rows[name]} if name in rows else {}
        data.record(f"{FOLDER}/{name}", format=description, **extra, **common)
