"""What was planted in the procurement sample, written to ``truth.json``.

Every figure is computed from the plan the releases were written from, with the definitions
stated next to it, so a notebook or an indicator can be checked against it exactly.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from kit.samples import names
from kit.samples.procurement_model import Process, World
from kit.samples.procurement_parties import MARKER, Party

__all__ = ["build"]

JSON = dict[str, Any]


def build(world: World, seed: int) -> JSON:
    """The truth file's content: counts, then one entry per planted pattern."""
    return {
        "about": (
            "Planted truth of the synthetic OCDS sample of the fictitious Estado de Nueva "
            "Galicia. Counts are per contracting process (ocid), on compiled releases (for an "
            "ocid with two releases, the later one's fields win). Red flags are risk signals."
        ),
        "generator": "kit.samples.procurement",
        "seed": seed,
        "marker": MARKER,
        "counts": _counts(world),
        "R003_short_submission_period": _short(world),
        "R018_single_bid": _single(world),
        "direct_award_share": _direct(world),
        "contract_splitting": _splitting(world),
        "supplier_concentration": _concentration(world),
        "R048_heterogeneous_supplier": _heterogeneous(world),
        "data_quality": _quality(world),
    }


def _ref(party: Party) -> JSON:
    return {"id": party.id, "name": party.name}


def _ocids(processes: list[Process]) -> list[str]:
    return sorted(p.ocid for p in processes)


def _flagged(world: World, flag: str) -> list[Process]:
    return [p for p in world.processes if flag in p.flags]


def _counts(world: World) -> JSON:
    processes = world.processes
    suppliers = {world.roster.suppliers[i].name for p in processes for i in p.tenderers}
    kinds = Counter(s.kind for s in world.roster.suppliers if s.name in suppliers)
    return {
        "processes": len(processes),
        "releases": sum(p.releases for p in processes),
        "processes_with_two_releases": sum(p.releases == 2 for p in processes),
        "by_method": dict(sorted(Counter(p.method for p in processes).items())),
        "by_tender_year": dict(sorted(Counter(str(p.start.year) for p in processes).items())),
        "buyers": len(world.buyers),
        "suppliers": len(suppliers),
        "suppliers_personas_fisicas": kinds["fisica"],
    }


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _by_buyer(world: World, codes: tuple[str, ...], flag: str) -> list[JSON]:
    """Flagged and competitive processes of each focus buyer."""
    out = []
    for code in codes:
        mine = [p for p in world.of_buyer(code) if p.competitive]
        count = sum(flag in p.flags for p in mine)
        entry = {"count": count, "competitive": len(mine), "rate": _rate(count, len(mine))}
        out.append({**_ref(world.buyers[world.buyer(code)]), **entry})
    return out


def _short(world: World) -> JSON:
    params = world.params
    flagged = _flagged(world, "short_period")
    competitive = sum(p.competitive for p in world.processes)
    return {
        "definition": "tenderPeriod.endDate - startDate of open or selective processes",
        "normal_days": params.tender_days,
        "planted_days": list(params.short_days),
        "separating_cutoff_days": "any cut-off from 6 to 10 days separates planted from normal",
        "count": len(flagged),
        "competitive_processes": competitive,
        "share": _rate(len(flagged), competitive),
        "focus_buyers": _by_buyer(world, params.short_buyers, "short_period"),
        "ocids": _ocids(flagged),
        "note": "processes whose endDate precedes startDate (data_quality) give negative periods",
    }


def _single(world: World) -> JSON:
    params = world.params
    flagged = _flagged(world, "single_bid")
    competitive = sum(p.competitive for p in world.processes)
    return {
        "definition": "numberOfTenderers == 1 (one tenderer listed) in open or selective processes",
        "count": len(flagged),
        "competitive_processes": competitive,
        "share": _rate(len(flagged), competitive),
        "focus_buyers": _by_buyer(world, params.single_bid_buyers, "single_bid"),
        "ocids": _ocids(flagged),
        "note": (
            "direct awards are published with numberOfTenderers 1 and the winner as the only "
            "tenderer: filter by procurementMethod first"
        ),
    }


def _direct(world: World) -> JSON:
    by_buyer = {}
    for buyer in world.buyers:
        mine = world.of_buyer(buyer.code)
        direct = sum(p.method == "direct" for p in mine)
        entry = {"processes": len(mine), "direct": direct, "share": _rate(direct, len(mine))}
        by_buyer[buyer.id] = {"name": buyer.name, **entry}
    high = [world.buyers[world.buyer(code)].id for code in world.params.high_direct_buyers]
    return {
        "definition": "share of processes with procurementMethod direct, per buyer",
        "planned_typical_range": list(world.params.direct_share),
        "high_buyers": [{"id": i, **by_buyer[i]} for i in high],
        "by_buyer": by_buyer,
    }


def _splitting(world: World) -> JSON:
    params = world.params
    cases = []
    for number in range(1, len(params.split_cases) + 1):
        mine = sorted(_flagged(world, f"split-{number}"), key=lambda p: p.dates["award"])
        supplier = world.roster.suppliers[mine[0].supplier]
        amounts = [p.amount for p in mine]
        window = [
            mine[0].dates["award"].date().isoformat(),
            mine[-1].dates["award"].date().isoformat(),
        ]
        cases.append(
            {
                "buyer": _ref(world.buyers[mine[0].buyer]),
                "supplier": {"rfc": supplier.rfc, "name": supplier.name},
                "awards": len(mine),
                "award_dates": window,
                "amounts": amounts,
                "total": round(sum(amounts), 2),
                "ocids": [p.ocid for p in mine],
            }
        )
    return {
        "definition": (
            "3 or more direct awards from one buyer to one supplier (by RFC), award dates within "
            "window_days, each amount in [band_mxn[0], threshold), together above the threshold"
        ),
        "threshold_mxn": params.threshold,
        "band_mxn": [params.threshold * params.split_band, params.threshold],
        "window_days": params.split_window_days,
        "threshold_note": (
            "teaching value; real maximum amounts for direct awards are set yearly in the PEF "
            "annex for LAASSP and LOPSRM and depend on each buyer's budget"
        ),
        "no_other_direct_award_in_band": True,
        "cases": cases,
    }


def hhi_by_rfc(world: World, processes: list[Process]) -> tuple[float, str, float]:
    """HHI of awarded value by supplier RFC, the top RFC and its share."""
    totals: Counter[str] = Counter()
    for process in processes:
        totals[world.roster.suppliers[process.supplier].rfc] += process.amount
    grand = sum(totals.values())
    top = max(sorted(totals), key=lambda rfc: totals[rfc])
    return sum((v / grand) ** 2 for v in totals.values()), top, totals[top] / grand


def _concentration(world: World) -> JSON:
    hhis, planted = {}, []
    for buyer in world.buyers:
        value, top, share = hhi_by_rfc(world, world.of_buyer(buyer.code))
        hhis[buyer.id] = round(value, 4)
        if buyer.code in world.params.concentrated_buyers:
            name = next(s.name for s in world.roster.suppliers if s.rfc == top)
            supplier = {"rfc": top, "name": name}
            planted.append(
                {
                    **_ref(buyer),
                    "supplier": supplier,
                    "share": round(share, 4),
                    "hhi": hhis[buyer.id],
                }
            )
    planted_ids = {entry["id"] for entry in planted}
    return {
        "definition": (
            "HHI = sum of squared shares of awarded value (awards.value.amount) by supplier "
            "RFC, per buyer"
        ),
        "buyers": planted,
        "others_max_hhi": max(v for k, v in hhis.items() if k not in planted_ids),
        "hhi_by_buyer": hhis,
    }


def _families_by_rfc(world: World) -> dict[str, set[str]]:
    won: dict[str, set[str]] = {}
    for process in world.processes:
        won.setdefault(world.roster.suppliers[process.supplier].rfc, set()).add(process.family)
    return won


def _heterogeneous(world: World) -> JSON:
    won = _families_by_rfc(world)
    planted = []
    for index in world.roster.heterogeneous:
        supplier = world.roster.suppliers[index]
        families = sorted(won[supplier.rfc])
        planted.append(
            {
                "rfc": supplier.rfc,
                "name": supplier.name,
                "n_families": len(families),
                "families": families,
            }
        )
    rfcs = {entry["rfc"] for entry in planted}
    return {
        "definition": "distinct 3-digit CUCOP prefixes among the items of a supplier's awards",
        "suppliers": planted,
        "others_max_families": max(len(v) for k, v in won.items() if k not in rfcs),
    }


def _quality(world: World) -> JSON:
    generic = _flagged(world, "generic_rfc")
    people = sorted({world.roster.suppliers[p.supplier].name for p in generic})

    def listed(flag: str) -> JSON:
        flagged = _flagged(world, flag)
        return {"count": len(flagged), "ocids": _ocids(flagged)}

    return {
        "missing_number_of_tenderers": listed("no_number_of_tenderers"),
        "tender_value_without_currency": listed("no_currency"),
        "tender_end_before_start": listed("end_before_start"),
        "generic_rfc": {
            "rfc": names.GENERIC_RFC,
            "people": people,
            "awards": len(generic),
            "ocids": _ocids(generic),
            "note": "different people share the general public's RFC; grouping by RFC merges them",
        },
        "rfc_check_digit": "every RFC but the generic one has a valid SAT check digit",
        "processes_with_two_releases": sum(p.releases == 2 for p in world.processes),
    }
