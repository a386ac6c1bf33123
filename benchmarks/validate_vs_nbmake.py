"""How fast is `kit validate` next to `pytest --nbmake -n 2` on the same notebooks?

Both run in this script, on this machine, one after the other, ``--repeat`` times each; the
script prints every run, the medians and the ratio (target: kit / nbmake <= 0.5). A third row,
`kit validate --slow-kernels` (a new interpreter per kernel), shows what the forked kernels save.

nbmake runs every notebook of solutions/ and challenges/ once. `kit validate` runs the same
notebooks (the challenges with their hidden tests probed) and also checks the release, leaks,
conventions and data, so it does more work in less time.

    python benchmarks/validate_vs_nbmake.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return seconds


def notebooks() -> list[str]:
    found = sorted(ROOT.glob("solutions/*/*.ipynb")) + sorted(ROOT.glob("challenges/*/*.ipynb"))
    return [str(path.relative_to(ROOT)) for path in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    nbs = notebooks()
    kit_cmd = [str(BIN / "kit"), "validate", "--report-dir", "/tmp/kit-bench-report"]
    nbmake_cmd = [
        sys.executable,
        "-m",
        "pytest",
        "--nbmake",
        "-n",
        "2",
        "-q",
        "-p",
        "no:cacheprovider",
        "-o",
        "addopts=",
        *nbs,
    ]
    print(f"{len(nbs)} notebooks; {os.cpu_count()} cores; Python {platform.python_version()}")
    timed(kit_cmd)  # warm-up: font cache, .pyc files
    plain_cmd = [*kit_cmd, "--slow-kernels"]
    kit_runs, nbmake_runs, plain_runs = [], [], []
    for i in range(args.repeat):
        kit_runs.append(timed(kit_cmd))
        nbmake_runs.append(timed(nbmake_cmd))
        plain_runs.append(timed(plain_cmd))
        print(
            f"run {i + 1}: kit validate {kit_runs[-1]:5.1f} s"
            f"   nbmake -n 2 {nbmake_runs[-1]:5.1f} s"
            f"   kit validate --slow-kernels {plain_runs[-1]:5.1f} s"
        )
    kit, nbmake, plain = map(statistics.median, (kit_runs, nbmake_runs, plain_runs))
    print(
        f"median: kit validate {kit:.1f} s, pytest --nbmake -n 2 {nbmake:.1f} s, "
        f"kit validate --slow-kernels {plain:.1f} s"
    )
    print(
        f"ratio kit/nbmake: {kit / nbmake:.2f} (target <= 0.50); "
        f"forked/plain kernels: {kit / plain:.2f}"
    )


if __name__ == "__main__":
    main()
