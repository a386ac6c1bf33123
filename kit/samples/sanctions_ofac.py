"""The OFAC part of the sanctions sample: the legacy SDN CSV set and the facts it holds."""

from __future__ import annotations

from collections import Counter
from typing import Any

from kit.samples._rng import Draw
from kit.samples.sanctions_names import list_brand
from kit.samples.sanctions_ofac_entry import Entry, Ids, files, number
from kit.samples.sanctions_ofac_mexico import GENERIC_RFCS, Mexico
from kit.samples.sanctions_ofac_world import foreign_entries
from kit.samples.sanctions_plan import Avoid, Plant, key

__all__ = ["FOREIGN", "NETWORKS", "build"]

NETWORKS = ((16, 26, True), (12, 24, True), (10, 10, False), (9, 8, False), (8, 8, False))
"""People, companies, and whether the leader is linked to every company (a remark > 1,000)."""
FOREIGN = 620
_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def _wallets(draw: Draw, avoid: set[str]) -> Entry:
    """A cyber-program company with many digital currency addresses (its remark spills)."""
    name = f"{list_brand(draw, avoid).upper()} EXCHANGE LLC"
    remarks = ["Organization Type: Other monetary intermediation"]
    for i in range(17):
        wallet = "1" + "".join(draw.choice(_BASE58) for _ in range(33))
        remarks.append(f"{'alt. ' if i else ''}Digital Currency Address - XBT {wallet}")
    remarks.append(f"Linked To: {list_brand(draw, avoid).upper()} EUROPE OU")
    entry = Entry(name, "", "CYBER2", remarks=remarks)
    entry.addresses.append(("", "Moscow", "Russia"))
    return entry


def _foreign_generic(mexico: Mexico) -> Entry:
    """A foreigner doing business in Mexico, with the SAT's generic RFC for foreigners."""
    entry = mexico.person("SDNTK", rfc=GENERIC_RFCS[1], style="plain")
    entry.remarks = [r for r in entry.remarks if not r.startswith(("nationality", "citizen"))]
    entry.remarks.insert(1, "nationality Colombia")
    return entry


def build(draw: Draw, plants: list[Plant], avoid: Avoid) -> tuple[dict[str, bytes], dict]:
    """The four files (by name) and the facts of the OFAC sample; fills the plants' records."""
    ids = Ids()
    mexico = Mexico(draw, ids, avoid)
    for people, companies, leader in NETWORKS:
        mexico.network(people, companies, leader)
    random_mexico = list(mexico.entries)
    for plant in plants:
        mexico.plant(plant)
    others = foreign_entries(draw, ids, avoid.words, FOREIGN)
    others += [_wallets(draw, avoid.words), _foreign_generic(mexico)]
    for entry in [*random_mexico, *others]:
        if key(entry.name) in avoid.keys:
            raise RuntimeError(f"random OFAC entry {entry.name!r} looks like a supplier")
    avoid.keys.update(key(entry.name) for entry in mexico.entries)  # not again on another list
    entries = draw.shuffled([*mexico.entries, *others])
    number(entries, draw)
    for plant, entry, alias in mexico.planted:
        record: dict[str, Any] = {"ent_num": entry.ent_num, "name": entry.name}
        record["rfc"] = entry.rfcs[0]["written"] if entry.rfcs else None
        if alias is not None:
            kind, name = entry.aliases[alias]
            record |= {"alt_num": entry.alt_nums[alias], "alt_type": kind, "alt_name": name}
        plant.records.append(record)
    return files(entries), facts(entries)


def facts(entries: list[Entry]) -> dict[str, Any]:
    """What the OFAC files hold, counted from the entries."""
    programs = Counter(p for e in entries for p in e.program.split("] ["))
    rfcs = [{"ent_num": e.ent_num, **r} for e in entries for r in e.rfcs]
    aliases = Counter(kind for e in entries for kind, _ in e.aliases)
    return {
        "entries": len(entries),
        "by_type": dict(sorted(Counter(e.type or "entity" for e in entries).items())),
        "programs": dict(sorted(programs.items())),
        "entries_with_several_programs": sum("] [" in e.program for e in entries),
        "addresses": sum(len(e.addresses) for e in entries),
        "aliases": dict(sorted(aliases.items())),
        "remarks_continued_in_sdn_comments": [e.ent_num for e in entries if len(e.remark) > 1000],
        "mexico": {
            "entries_with_rfc": sum(bool(e.rfcs) for e in entries),
            "entries_with_curp": sum("C.U.R.P." in e.remark for e in entries),
            "rfcs_by_status": dict(sorted(Counter(r["status"] for r in rfcs).items())),
            "rfcs": rfcs,
        },
    }
