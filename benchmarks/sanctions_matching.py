"""How fast and how right is `kit.sanctions.match.link` next to brute-force RapidFuzz?

Both run in this script, on the same synthetic data (``kit.sanctions.synthetic.generate``:
200,000 suppliers, 20,000 listed names, seeded), with planted true links (exact copies, RFC
matches, legal forms respelled or dropped, accents removed, words reordered, one-letter typos,
abbreviations) and planted homonym traps (same or near-identical names, another valid RFC).

- kit: ``link(suppliers, listed)``: RFC first, then names within blocks; ``--repeat`` runs.
- baseline: what one writes without the kit: ``rapidfuzz.process.cdist`` of every supplier
  name against every listed name (``utils.default_process``, ``fuzz.token_sort_ratio`` so word
  order does not count, ``workers=-1``), every pair scoring at least the threshold is a link;
  no blocking, no RFC. One run (it is the long one). ``--baseline-rows N`` runs it on the first
  N suppliers only and extrapolates its time linearly (the cost is rows × listed names);
  precision and recall are then measured on those rows.

Prints each run, the medians, the ratio baseline / kit, and precision and recall of each against
the planted truth, with the traps each linked.

    python benchmarks/sanctions_matching.py [--suppliers 200000] [--listed 20000] [--repeat 3]
        [--baseline-rows N] [--unblocked]
    python benchmarks/sanctions_matching.py --quick    # 20,000 x 2,000, one run: a smoke run

Prints a ``RESULT {json}`` line with the headline figures (see ``_result.py``).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from importlib.metadata import version

import numpy as np
import pandas as pd
from _result import result
from rapidfuzz import fuzz, process, utils

from kit.sanctions import synthetic
from kit.sanctions.match import link

IDS = ("supplier_id", "list_id")
TARGET_SECONDS = 30
TARGET_QUALITY = 0.95


def timed(function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    return result, time.perf_counter() - start


def pairs_of(frame: pd.DataFrame, left: str, right: str) -> set[tuple[str, str]]:
    return set(zip(frame[left], frame[right], strict=True))


def quality(found: set, truth: set, traps: set) -> tuple[float, float, int]:
    hits = len(found & truth)
    return hits / max(len(found), 1), hits / max(len(truth), 1), len(found & traps)


def brute_force(suppliers: pd.DataFrame, listed: pd.DataFrame, threshold: float) -> set:
    """Every supplier against every listed name, in chunks of 5,000 rows (bounded memory)."""
    right = [utils.default_process(name) for name in listed["name"]]
    left = [utils.default_process(name) for name in suppliers["supplier_name"]]
    found = set()
    for start in range(0, len(left), 5_000):
        scores = process.cdist(
            left[start : start + 5_000],
            right,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=threshold,
            dtype=np.uint8,
            workers=-1,
        )
        i, j = np.nonzero(scores)
        ids_i = suppliers["supplier_id"].to_numpy()[start + i]
        found |= set(zip(ids_i, listed["list_id"].to_numpy()[j], strict=True))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suppliers", type=int, default=200_000)
    parser.add_argument("--listed", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threshold", type=float, default=90.0)
    parser.add_argument("--baseline-rows", type=int, default=None)
    parser.add_argument(
        "--unblocked", action="store_true", help="also run link(block=None): what blocks miss"
    )
    parser.add_argument(
        "--quick", action="store_true", help="20,000 suppliers, 2,000 listed, one run (smoke)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.suppliers, args.listed, args.repeat = 20_000, 2_000, 1
    print(
        f"{os.cpu_count()} cores, Python {platform.python_version()}, pandas {pd.__version__}, "
        f"rapidfuzz {version('rapidfuzz')}, numpy {np.__version__}; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    data, seconds = timed(synthetic.generate, args.suppliers, args.listed, seed=args.seed)
    truth = pairs_of(data.truth, *IDS)
    traps = pairs_of(data.traps, *IDS)
    print(
        f"data: {len(data.suppliers):,} suppliers, {len(data.listed):,} listed, "
        f"{len(truth):,} planted links, {len(traps):,} homonym traps ({seconds:.1f} s to make)"
    )
    print(data.truth.groupby(["variant", "rfc_case"]).size().unstack(fill_value=0).to_string())

    rows = []
    runs = []
    for _ in range(args.repeat):
        found, seconds = timed(link, data.suppliers, data.listed, ids=IDS, threshold=args.threshold)
        runs.append(seconds)
    kit_median = statistics.median(runs)
    linked = pairs_of(found, "left_id", "right_id")
    rows.append(("kit link", runs, kit_median, *quality(linked, truth, traps)))
    missed = [p for p in truth if p not in linked]
    if missed:
        variants = data.truth.set_index(list(IDS)).loc[missed, "variant"]
        print("kit misses by variant:", variants.value_counts().to_dict())
    if args.unblocked:
        options = {"ids": IDS, "threshold": args.threshold, "block": None}
        everything, seconds = timed(link, data.suppliers, data.listed, **options)
        every_pair = pairs_of(everything, "left_id", "right_id")
        rows.append(
            ("kit link, block=None", [seconds], seconds, *quality(every_pair, truth, traps))
        )
    rows.append(baseline(data, truth, traps, args))
    print_table(rows, kit_median, args.baseline_rows)
    _, _, base_seconds, base_precision, base_recall, base_traps = rows[-1]
    _, _, _, precision, recall, trapped = rows[0]
    met = kit_median <= TARGET_SECONDS and min(precision, recall) >= TARGET_QUALITY
    result(
        "sanctions_matching", "link suppliers to a list, wall time", kit=kit_median,
        baseline=base_seconds, unit="s", ratio=base_seconds / kit_median,
        baseline_name="brute-force rapidfuzz cdist" + (", scaled" if args.baseline_rows else ""),
        ratio_label="baseline / kit",
        target=f"kit <= {TARGET_SECONDS} s, precision and recall >= {TARGET_QUALITY}", passed=met,
        scale=f"{args.suppliers:,} suppliers x {args.listed:,} listed",
        precision=round(precision, 4), recall=round(recall, 4), traps_linked=trapped,
        baseline_precision=round(base_precision, 4), baseline_recall=round(base_recall, 4),
        baseline_traps_linked=base_traps,
    )  # fmt: skip
    return 0


def baseline(data: synthetic.Synthetic, truth: set, traps: set, args) -> tuple:
    """The brute-force row: on the first ``--baseline-rows`` suppliers, time extrapolated."""
    n = min(args.baseline_rows or len(data.suppliers), len(data.suppliers))
    subset = data.suppliers.iloc[:n]
    found, seconds = timed(brute_force, subset, data.listed, args.threshold)
    kept = set(subset["supplier_id"])
    scale = len(data.suppliers) / n
    label = "brute-force cdist"
    if n < len(data.suppliers):
        label += f", {n:,} rows x{scale:.1f}"
    sub_truth = {p for p in truth if p[0] in kept}
    return (label, [seconds], seconds * scale, *quality(found, sub_truth, traps))


def print_table(rows: list[tuple], kit_median: float, baseline_rows: int | None) -> None:
    head = ("method", "runs (s)", "median (s)", "precision", "recall", "traps")
    print(f"\n{head[0]:<38} {head[1]:<22} {head[2]:>10} {head[3]:>10} {head[4]:>8} {head[5]:>6}")
    for name, times, median, precision, recall, trapped in rows:
        shown = ", ".join(f"{t:.1f}" for t in times)
        print(
            f"{name:<38} {shown:<22} {median:>10.1f} {precision:>10.4f} {recall:>8.4f} {trapped:>6}"
        )
    note = " (baseline time extrapolated)" if baseline_rows else ""
    print(f"\nratio baseline / kit: {rows[-1][2] / kit_median:.1f}x{note}")
    print(
        f"targets: kit <= {TARGET_SECONDS} s on 2 cores; precision and recall >= {TARGET_QUALITY}"
    )


if __name__ == "__main__":
    sys.exit(main())
