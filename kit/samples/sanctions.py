"""Deterministic generator of the bundled sample of the *sanciones* track, with planted links.

Three lists in their real published formats, every record fictitious:

- ``ofac/``: OFAC's legacy SDN CSV set (``sdn.csv``, ``add.csv``, ``alt.csv``,
  ``sdn_comments.csv``), with invented Mexican networks (R.F.C. and C.U.R.P. in the remarks) and
  invented entries of other countries, vessels and aircraft;
- ``sat_69b/Listado_Completo_69-B.csv``: the SAT's list of taxpayers of article 69-B of the CFF
  (presumed, definitive, disproved, favourable ruling), Windows-1252, with the real quirks;
- ``sfp/Proveedores_Contratistas_Sancionados.csv``: the SFP's sanctioned suppliers (no RFC).

Some records are planted to match suppliers of the procurement sample, in the ways real lists
differ from procurement data (RFC written with dashes, a name's legal form spelled another way, a
typo ...), next to traps that are not the same entity (homonyms, the generic RFC).
``truth.json`` lists every planted link and the facts of each file. Same seed, same bytes.

Regenerate with ``python -m kit.samples sanctions`` (after the procurement sample).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from datetime import timedelta
from pathlib import Path
from typing import Any

from kit import data
from kit.samples import sanctions_ofac, sanctions_sat, sanctions_sfp
from kit.samples._files import write_files
from kit.samples._rng import Draw
from kit.samples.sanctions_plan import Avoid, Plant, Supplier, plant_all

__all__ = ["FILES", "KINDS", "SEED", "generate", "load_procurement", "write"]

SEED = 6969
FOLDER = "sanctions"
LICENSE = "CC0-1.0 (synthetic, fictitious entities)"
FILES = {
    "ofac/sdn.csv": "OFAC SDN legacy CSV, main file (12 fields, no header, -0- nulls, CRLF, 0x1A)",
    "ofac/add.csv": "OFAC SDN legacy CSV, addresses (6 fields, no header, CRLF, 0x1A)",
    "ofac/alt.csv": "OFAC SDN legacy CSV, aliases (5 fields, no header, CRLF, 0x1A)",
    "ofac/sdn_comments.csv": "OFAC SDN legacy CSV, remarks past 1,000 characters (2 fields)",
    "sat_69b/Listado_Completo_69-B.csv": "SAT 69-B list (CSV, Windows-1252, 2 preamble lines, 20 "
    "columns)",
    "sfp/Proveedores_Contratistas_Sancionados.csv": "SFP sanctioned suppliers (CSV, UTF-8, "
    "9 columns)",
    "truth.json": "Planted truth of the sanctions sample (JSON)",
}
KINDS = {
    "exact_rfc": "same entity; the record gives the supplier's RFC exactly",
    "rfc_format": "same entity; the RFC is written differently (dashes, lower case, spaces)",
    "name_variant": "same entity; the name differs (legal form, accents, order, typo, "
    "abbreviation); with the RFC when the record has one",
    "legal_form_change": "same entity after a change of legal form (RFC unchanged)",
    "exact_name": "same entity; same name, and the list has no RFC",
    "homonym": "NOT the same entity: same or near-identical name, different RFC",
    "generic_rfc": "NOT the same entity: both use the SAT's generic RFC XAXX010101000",
}


def load_procurement() -> tuple[list[Supplier], dict[str, list]]:
    """The procurement sample's distinct suppliers, and each one's awards as (date, award id)."""
    from kit import procurement

    loaded = procurement.load("sample")
    table = loaded.suppliers.merge(loaded.awards[["award_id", "date"]], on="award_id")
    suppliers = sorted(
        {Supplier(r.supplier_id, r.supplier_name, r.rfc) for r in table.itertuples()},
        key=lambda s: (s.supplier_id, s.name),
    )
    awards = defaultdict(list)
    for row in table.itertuples():  # award dates in Mexico's time (UTC-6), as published
        awards[row.supplier_id].append(((row.date - timedelta(hours=6)).date(), row.award_id))
    return suppliers, {k: sorted(v) for k, v in sorted(awards.items())}


def generate(
    seed: int = SEED, procurement: tuple[list[Supplier], dict[str, list]] | None = None
) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Build every file of the sample and its truth.

    Args:
        seed: every random choice comes from this one seed, so equal seeds give equal output.
        procurement: suppliers and awards to link to (default: the bundled procurement sample).

    Returns:
        ``(files, truth)``: the bytes of each file by path relative to ``kit/data/sanctions``
        (``truth.json`` included), and the truth as a dict.
    """
    suppliers, awards = procurement or load_procurement()
    draw = Draw(seed)
    avoid = Avoid.of(suppliers)
    plants = plant_all(suppliers, draw, avoid)

    def on(name: str) -> list[Plant]:
        return [p for p in plants if p.list == name]

    ofac_files, ofac_facts = sanctions_ofac.build(draw, on("ofac"), avoid)
    sat_bytes, sat_facts = sanctions_sat.build(draw, on("sat_69b"), avoid)
    sfp_bytes, sfp_facts = sanctions_sfp.build(draw, on("sfp"), avoid, awards)
    files = {f"ofac/{name}": content for name, content in ofac_files.items()}
    files["sat_69b/Listado_Completo_69-B.csv"] = sat_bytes
    files["sfp/Proveedores_Contratistas_Sancionados.csv"] = sfp_bytes
    truth = {
        "seed": seed,
        "generator": "kit.samples.sanctions",
        "note": "Fictitious records. A match on a list is a signal to verify, never proof.",
        "kinds": KINDS,
        **_links(plants),
        "ofac": ofac_facts,
        "sat_69b": sat_facts,
        "sfp": sfp_facts,
    }
    files["truth.json"] = (json.dumps(truth, indent=1, ensure_ascii=False) + "\n").encode()
    return files, truth


def _links(plants: list[Plant]) -> dict[str, Any]:
    """One link per planted record, their counts, and the suppliers found on several lists."""
    links = []
    for plant in plants:
        for record in plant.records:
            links.append(
                {
                    "id": f"L{len(links) + 1:02d}",
                    "list": plant.list,
                    "kind": plant.kind,
                    "true_link": plant.true_link,
                    "variants": _variants(plant),
                    "supplier": plant.supplier.json(),
                    "record": record,
                }
            )
    lists = defaultdict(set)
    for link in links:
        if link["true_link"]:
            lists[link["supplier"]["supplier_id"]].add(link["list"])
    return {
        "links": links,
        "link_counts": {
            "total": len(links),
            "true": sum(link["true_link"] for link in links),
            "false": sum(not link["true_link"] for link in links),
            "by_kind": dict(Counter(link["kind"] for link in links)),
            "by_list": dict(Counter(link["list"] for link in links)),
        },
        "suppliers_on_several_lists": {
            supplier: sorted(found) for supplier, found in sorted(lists.items()) if len(found) > 1
        },
    }


def _variants(plant: Plant) -> list[str]:
    """The variants applied, plus those that come with the list's own way of writing names."""
    if plant.kind == "generic_rfc":  # another person altogether: only the RFC is shared
        return []
    extra = []
    if plant.person and plant.list in ("ofac", "sat_69b"):
        extra.append("surnames_first")
    if plant.list == "ofac" and plant.name != plant.name.encode("ascii", "ignore").decode():
        extra.append("accents_removed")
    if "alias" in plant.extra:
        extra.append("alias")
    if plant.rfc_style not in ("plain", "none"):
        extra.append(f"rfc_{plant.rfc_style}")
    return [*plant.variants, *(v for v in extra if v not in plant.variants)]


def write(folder: Path | None = None) -> list[Path]:
    """Write every file of the sample; refresh the manifest when writing the bundled copy.

    Args:
        folder: where to write; by default ``kit/data/sanctions``, and only then is the
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
    ofac = truth["ofac"]
    rows = {
        "ofac/sdn.csv": {"entries": ofac["entries"]},
        "ofac/add.csv": {"addresses": ofac["addresses"]},
        "ofac/alt.csv": {"aliases": sum(ofac["aliases"].values())},
        "ofac/sdn_comments.csv": {"entries": len(ofac["remarks_continued_in_sdn_comments"])},
        "sat_69b/Listado_Completo_69-B.csv": {"taxpayers": truth["sat_69b"]["rows"]},
        "sfp/Proveedores_Contratistas_Sancionados.csv": {"sanctions": truth["sfp"]["rows"]},
    }
    common = {"generator": "kit.samples.sanctions", "seed": truth["seed"], "license": LICENSE}
    for name, description in FILES.items():
        extra = {"rows": rows[name]} if name in rows else {}
        data.record(f"{FOLDER}/{name}", format=description, **extra, **common)
