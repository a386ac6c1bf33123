"""Plant the red flags and data-quality problems into the plan of the procurement sample.

Each step edits a chosen set of processes and marks them with a flag; the truth file is written
from those flags. Steps that must not disturb one another pick disjoint processes.
"""

from __future__ import annotations

from datetime import timedelta

from kit.samples.cucop import FAMILIES
from kit.samples.procurement_model import Process, World, by_amount, random_start, set_amount

__all__ = ["METHOD_CODES", "plant"]

METHOD_CODES = {"open": "LP", "selective": "IA", "direct": "AD"}


def plant(world: World) -> None:
    """Run every planting step, then give the processes their identifiers and dates."""
    _split_contracts(world)
    _concentrate(world)
    _heterogeneous(world)
    _generic_rfc(world)
    _spread_typical(world)
    _short_periods(world)
    _single_bids(world)
    _finalize(world)
    _data_quality(world)


def _split_contracts(world: World) -> None:
    """Pattern 4: a buyer gives one supplier 3-6 direct awards just below the threshold."""
    draw, params = world.draw, world.params
    special = {*world.roster.heterogeneous, *world.roster.dominant.values()}
    for case, (code, count) in enumerate(params.split_cases, start=1):
        buyer = world.buyer(code)
        families = [f for f in world.buyers[buyer].families if FAMILIES[f].category != "works"]
        family = draw.choice(families)
        pool = [i for i in world.pool(family) if i not in special]
        companies = [i for i in pool if world.roster.suppliers[i].kind == "moral"]
        supplier = draw.choice(companies)
        first = random_start(world, days=(params.last_day - params.first_day).days - 40)
        offsets = sorted(draw.sample(range(params.split_window_days), count - 1))
        for offset in [0, *offsets]:
            award = first + timedelta(days=offset)
            if award.weekday() >= 5:
                award -= timedelta(days=award.weekday() - 4)
            process = Process(buyer, "direct", family, award - timedelta(days=draw.integer(1, 3)))
            process.supplier = supplier
            process.rationale = by_amount(works=False)
            process.flags.add(f"split-{case}")
            process.dates["award"] = award
            set_amount(process, params.threshold * draw.uniform(0.88, 0.995), draw)
            world.processes.append(process)


def _concentrate(world: World) -> None:
    """Pattern 5: at two buyers one supplier wins more than ``dominant_share`` of the value."""
    draw, share = world.draw, world.params.dominant_share
    for code, dominant in world.roster.dominant.items():
        processes = world.of_buyer(code)
        total = sum(p.amount for p in processes)
        won = sum(p.amount for p in processes if p.supplier == dominant)
        for process in draw.shuffled(processes):
            if won >= share * total:
                break
            if process.supplier != dominant:
                process.supplier = dominant
                process.flags.add("dominant")
                won += process.amount


def _free(world: World, process: Process) -> bool:
    """Whether a process may still be given a planted winner."""
    concentrated = world.buyers[process.buyer].code in world.params.concentrated_buyers
    return not process.flags and not concentrated


def _heterogeneous(world: World) -> None:
    """Pattern 6: three suppliers win items in many CUCOP families (R048)."""
    draw, wanted = world.draw, world.params.heterogeneous_families
    for supplier in world.roster.heterogeneous:
        won = {p.family for p in world.processes if p.supplier == supplier}
        for family in draw.shuffled(world.roster.suppliers[supplier].families):
            if len(won) >= wanted:
                break
            candidates = [p for p in world.processes if p.family == family and _free(world, p)]
            if family not in won and candidates:
                process = draw.choice(candidates)
                process.supplier = supplier
                process.flags.add("heterogeneous")
                won.add(family)


def _generic_rfc(world: World) -> None:
    """Data quality: a few small direct awards go to people recorded with the generic RFC."""
    draw, params = world.draw, world.params
    for supplier in world.roster.generic:
        family = world.roster.suppliers[supplier].families[0]
        candidates = [
            p
            for p in world.processes
            if p.family == family
            and p.method == "direct"
            and p.amount < params.threshold
            and _free(world, p)
        ]
        for process in draw.sample(candidates, params.generic_awards):
            process.supplier = supplier
            process.flags.add("generic_rfc")


def _top_supplier(processes: list[Process]) -> tuple[float, int]:
    """Herfindahl-Hirschman index of awarded value by supplier, and the top supplier."""
    totals: dict[int, float] = {}
    for process in processes:
        totals[process.supplier] = totals.get(process.supplier, 0.0) + process.amount
    grand = sum(totals.values()) or 1.0
    top = max(sorted(totals), key=lambda supplier: totals[supplier])
    return sum((value / grand) ** 2 for value in totals.values()), top


def _spread_typical(world: World) -> None:
    """Keep ordinary buyers unconcentrated, so the two planted ones stand out.

    Small buyers of niche families can end up with one big winner by chance; while that
    happens, that supplier's biggest unplanted award goes to a rival of the same family.
    """
    draw, params = world.draw, world.params
    for buyer in world.buyers:
        if buyer.code in params.concentrated_buyers:
            continue
        processes = world.of_buyer(buyer.code)
        for _ in range(len(processes)):
            index, top = _top_supplier(processes)
            mine = [p for p in processes if p.supplier == top and not p.flags]
            if index <= params.typical_hhi_cap or not mine:
                break
            biggest = max(mine, key=lambda p: p.amount)
            rivals = [i for i in world.pool(biggest.family) if i != top]
            biggest.supplier = draw.choice(rivals) if rivals else top


def _competitive_of(world: World, codes: tuple[str, ...], inside: bool) -> list[Process]:
    """Open and selective processes of the buyers in ``codes`` (or of all the others)."""
    return [
        p
        for p in world.processes
        if p.competitive and (world.buyers[p.buyer].code in codes) == inside
    ]


def _short_periods(world: World) -> None:
    """Pattern 1 (R003): tender periods of 1-5 days, most of them at two buyers."""
    draw, params = world.draw, world.params
    total = round(params.short_share * sum(p.competitive for p in world.processes))
    focus = round(total * params.short_focus_share)
    chosen = []
    for rank, code in enumerate(params.short_buyers):
        share = focus // len(params.short_buyers) + (rank < focus % len(params.short_buyers))
        chosen += draw.sample(_competitive_of(world, (code,), True), share)
    others = _competitive_of(world, params.short_buyers, False)
    chosen += draw.sample(others, total - len(chosen))
    for process in chosen:
        process.period_days = draw.integer(*params.short_days)
        process.flags.add("short_period")


def _single_bids(world: World) -> None:
    """Pattern 2 (R018): one bidder in about 8% of competitive processes, 35% at two buyers."""
    draw, params = world.draw, world.params
    total = round(params.single_bid_share * sum(p.competitive for p in world.processes))
    chosen = []
    for code in params.single_bid_buyers:
        mine = _competitive_of(world, (code,), True)
        chosen += draw.sample(mine, round(params.single_bid_focus_rate * len(mine)))
    others = _competitive_of(world, params.single_bid_buyers, False)
    chosen += draw.sample(others, max(0, total - len(chosen)))
    for process in chosen:
        process.bidders = 1
        process.flags.add("single_bid")


def _finalize(world: World) -> None:
    """Sort by date, number the processes per buyer, method and year, draw tenderers and dates."""
    draw = world.draw
    world.processes.sort(key=lambda p: (p.start, p.buyer, p.method, p.family, p.amount))
    sequence: dict[tuple[str, str, int], int] = {}
    for process in world.processes:
        key = (world.buyers[process.buyer].code, METHOD_CODES[process.method], process.start.year)
        sequence[key] = sequence.get(key, 0) + 1
        process.tender_id = f"{key[0]}-{key[1]}-{sequence[key]:03d}-{key[2]}"
        process.ocid = world.params.ocid_prefix + process.tender_id
        others = [i for i in world.pool(process.family) if i != process.supplier]
        process.tenderers = draw.shuffled(
            [process.supplier, *draw.sample(others, process.bidders - 1)]
        )
        _dates(world, process)


def _dates(world: World, process: Process) -> None:
    """Award, signature, contract period and publication dates after the tender."""
    draw, dates = world.draw, process.dates
    if "award" not in dates:
        wait = draw.integer(3, 20) if process.competitive else draw.integer(1, 10)
        dates["award"] = process.tender_end + timedelta(days=wait, hours=draw.integer(-3, 3))
    dates["signed"] = dates["award"] + timedelta(days=draw.integer(0, 10))
    dates["contract_start"] = dates["signed"] + timedelta(days=draw.integer(0, 7))
    dates["contract_end"] = dates["contract_start"] + timedelta(days=draw.integer(30, 330))
    dates["published"] = dates["signed"] + timedelta(days=draw.integer(0, 3), hours=2)


def _data_quality(world: World) -> None:
    """Pattern 7: two releases for some processes, and realistic gaps and errors."""
    draw, params = world.draw, world.params
    n = len(world.processes)
    competitive = [p for p in world.processes if p.competitive]
    for process in draw.sample(competitive, round(params.two_release_share * n)):
        process.releases = 2
    plain = [p for p in world.processes if "single_bid" not in p.flags]
    for process in draw.sample(plain, round(params.missing_tenderers_share * n)):
        process.flags.add("no_number_of_tenderers")
    unsplit = [p for p in world.processes if not any(f.startswith("split") for f in p.flags)]
    for process in draw.sample(unsplit, round(params.missing_currency_share * n)):
        process.flags.add("no_currency")
    normal = [p for p in competitive if "short_period" not in p.flags]
    for process in draw.sample(normal, params.end_before_start):
        process.flags.add("end_before_start")
