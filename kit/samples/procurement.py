"""Deterministic generator of the bundled OCDS procurement sample, with planted red flags.

The sample is an OCDS 1.1 release package of an invented state government, *Nueva Galicia*,
2021-2024. Its shape imitates Mexican publishers (MX-RFC identifiers, Spanish procedure names,
MXN, CUCOP items) but every buyer, company and person is fictitious. Known patterns are planted
on purpose and written to ``truth.json``, so notebooks and indicators can be checked against
what is really there. The same seed always gives the same bytes.

Regenerate with ``python -m kit.samples procurement``.
"""

from __future__ import annotations

import gzip
import json
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from kit import data
from kit.samples import procurement_ocds, procurement_plant, procurement_truth
from kit.samples._rng import Draw
from kit.samples.cucop import FAMILIES
from kit.samples.procurement_model import (
    Params,
    Process,
    World,
    by_amount,
    random_start,
    set_amount,
)
from kit.samples.procurement_parties import make_buyers, make_suppliers

__all__ = ["DIRECT_AWARD_THRESHOLD_MXN", "PARAMS", "SEED", "dumps", "generate", "write"]

SEED = 2024
PACKAGE = "procurement/ocds_release_package.json.gz"
TRUTH = "procurement/truth.json"
LICENSE = "CC0-1.0 (synthetic, fictitious entities)"

DIRECT_AWARD_THRESHOLD_MXN = 300_000
"""Amount below which a buyer may award directly, for teaching (contract splitting, pattern 4).

Real thresholds (*montos máximos de actuación*) are set every year in an annex of the federal
budget (PEF) for the LAASSP and LOPSRM, and depend on each buyer's authorised budget; states set
their own. One round number keeps the lesson simple.
"""

PARAMS = Params(
    n_processes=3000,
    n_suppliers=400,
    ocid_prefix="ocds-kit000-",
    first_day=datetime(2021, 1, 4, 9),
    last_day=datetime(2024, 10, 4, 9),
    threshold=DIRECT_AWARD_THRESHOLD_MXN,
    split_band=0.85,  # "just below": at least 85% of the threshold
    split_window_days=30,
    split_cases=(("SECULT", 4), ("FGE", 3), ("SEDUC", 5), ("UENG", 6)),
    tender_days={"open": (15, 40), "selective": (10, 20)},
    short_days=(1, 5),
    short_share=0.06,
    short_focus_share=0.7,
    short_buyers=("SIOP", "SSP"),
    single_bid_share=0.08,
    single_bid_focus_rate=0.35,
    single_bid_buyers=("SESA", "CEA"),
    direct_share=(0.42, 0.58),
    high_direct_share=(0.86, 0.93),
    high_direct_buyers=("DIF", "HRPA", "SECTUR"),
    concentrated_buyers=("OOAPA", "CODENG"),
    dominant_share=0.68,
    typical_hhi_cap=0.12,
    heterogeneous_families=10,
    two_release_share=0.25,
    missing_tenderers_share=0.03,
    missing_currency_share=0.02,
    end_before_start=6,
    generic_awards=3,
)

_MEDIAN = {"goods": 320_000, "services": 420_000, "works": 2_600_000}
_SIGMA = {"goods": 1.1, "services": 1.0, "works": 0.8}
_TAIL = 2.5  # no award beyond 2.5 sigma: one giant contract would make any buyer look captured
_BIDDERS = {"open": (2, 2, 3, 3, 3, 4, 4, 5, 6, 7), "selective": (2, 3, 3, 3, 4)}
_EXCEPTIONS = (  # grounds for a direct award above the threshold (same numbering in both laws)
    "fracción I: un solo oferente posible o titular de patente",
    "fracción II: riesgo a servicios públicos o salubridad por caso fortuito o fuerza mayor",
    "fracción V: caso fortuito o fuerza mayor impide licitar en el tiempo requerido",
    "fracción VII: licitación pública declarada desierta",
)


def generate(seed: int = SEED, n_processes: int = PARAMS.n_processes) -> tuple[dict, dict]:
    """Build the release package and its planted truth, both as plain dicts.

    Args:
        seed: every random choice comes from this one seed, so equal seeds give equal output.
        n_processes: number of contracting processes (ocids), planted cases included.

    Returns:
        ``(package, truth)``: the OCDS release package and the record of what was planted.
    """
    params = replace(PARAMS, n_processes=n_processes)
    draw = Draw(seed)
    buyers = make_buyers(draw)
    concentrated = {b.code: b.families for b in buyers if b.code in params.concentrated_buyers}
    world = World(params, draw, buyers, make_suppliers(draw, params.n_suppliers, concentrated))
    _baseline(world, n_processes)
    procurement_plant.plant(world)
    package = procurement_ocds.package(world)
    return package, procurement_truth.build(world, seed)


def dumps(package: dict[str, Any]) -> bytes:
    """Compact, byte-stable JSON (UTF-8, accents kept) of a package."""
    return json.dumps(package, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def write(folder: Path | None = None) -> list[Path]:
    """Write the gzipped package and ``truth.json``; refresh the manifest when bundling.

    Args:
        folder: where to write; by default ``kit/data/procurement``, and only then is the
            manifest (``kit/data/manifest.json``) updated.

    Returns:
        The paths written.
    """
    package, truth = generate()
    bundled = data.DATA_DIR / "procurement"
    target = Path(folder) if folder is not None else bundled
    target.mkdir(parents=True, exist_ok=True)
    package_file = target / "ocds_release_package.json.gz"
    package_file.write_bytes(gzip.compress(dumps(package), compresslevel=9, mtime=0))
    truth_file = target / "truth.json"
    truth_file.write_text(json.dumps(truth, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if target.resolve() == bundled.resolve():
        _record(truth)
    return [package_file, truth_file]


def _record(truth: dict[str, Any]) -> None:
    """Describe both files in the manifest."""
    counts = truth["counts"]
    common = {"generator": "kit.samples.procurement", "seed": truth["seed"], "license": LICENSE}
    data.record(
        PACKAGE,
        format="OCDS 1.1 release package (JSON, gzip)",
        rows={"releases": counts["releases"], "processes": counts["processes"]},
        **common,
    )
    data.record(TRUTH, format="Planted truth of the procurement sample (JSON)", **common)


def _allocate(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` into integers proportional to ``weights`` (largest remainders)."""
    exact = [total * w / sum(weights) for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: counts[i] - exact[i])
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _baseline(world: World, n: int) -> None:
    """The ordinary processes of every buyer, leaving room for its planted split contracts.

    The split contracts are direct awards too, so they count in the buyer's direct share.
    """
    draw, params = world.draw, world.params
    splits = dict(params.split_cases)
    weights = [b.weight * draw.lognormal(1.0, 0.15) for b in world.buyers]
    for index, total in enumerate(_allocate(n, weights)):
        code = world.buyers[index].code
        high = code in params.high_direct_buyers
        low, top = params.high_direct_share if high else params.direct_share
        count = total - splits.get(code, 0)
        direct = max(0, round(total * draw.uniform(low, top)) - splits.get(code, 0))
        opened = round((count - direct) * draw.uniform(0.45, 0.65))
        methods = (
            ["direct"] * direct + ["open"] * opened + ["selective"] * (count - direct - opened)
        )
        world.processes.extend(_process(world, index, method) for method in methods)


def _process(world: World, buyer: int, method: str) -> Process:
    """One ordinary process: family, date, winner, competition and amount."""
    draw, params = world.draw, world.params
    family = draw.choice(world.buyers[buyer].families)
    process = Process(buyer, method, family, random_start(world))
    process.supplier = draw.choice(world.pool(family))
    if process.competitive:
        process.period_days = draw.integer(*params.tender_days[method])
        process.bidders = min(draw.choice(_BIDDERS[method]), len(world.pool(family)))
        process.ratio = draw.uniform(0.85, 1.0)
    set_amount(process, _amount(world, process), draw)
    return process


def _amount(world: World, process: Process) -> float:
    """A lognormal amount; direct awards by amount stay under the threshold, clear of its band."""
    draw, threshold = world.draw, world.params.threshold
    category = FAMILIES[process.family].category
    works = category == "works"
    if process.method != "direct":
        return max(5_000.0, draw.lognormal(_MEDIAN[category], _SIGMA[category], _TAIL))
    if draw.chance(0.65):
        process.rationale = by_amount(works)
        target = threshold * 0.8 * (0.03 + 0.97 * draw.uniform() ** 1.6)
    else:
        law = "Artículo 42 de la LOPSRM" if works else "Artículo 41 de la LAASSP"
        process.rationale = f"{law}, {draw.choice(_EXCEPTIONS)}"
        target = draw.lognormal(_MEDIAN[category] * 0.8, _SIGMA[category], _TAIL)
        target = max(5_000.0, target)
    if 0.83 * threshold <= target < 1.02 * threshold:
        target *= 0.75  # keep ordinary direct awards out of the splitting band
    return target
