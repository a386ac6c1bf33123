"""How fast is `kit validate` next to `pytest --nbmake -n 2` on the same notebooks?

Both run in this script, on this machine, one after the other, ``--repeat`` times each, on the
same notebook set: every solution (``solutions/*/*.ipynb``), every challenge
(``challenges/*/*.ipynb``, a source released in two languages gives two) and every mentor
session (``mentorship_sessions/*.ipynb``). `kit validate` runs each solution once, each challenge
with its hidden tests probed, the sessions under nbval, and also checks the release, leaks,
conventions and data; nbmake runs each notebook once and checks nothing else. The script checks
that the counts in kit validate's report match the nbmake set. A third row, `kit validate
--slow-kernels` (a new interpreter per kernel), shows what the forked kernels save.

The fixed cost of a notebook (kernel start, the imports every notebook makes, shutdown) is most
of a validation's time. ``--probe N`` measures it directly: N copies of a notebook that only
imports the stack (kit, pandas, matplotlib, seaborn) run one at a time by kit validate's runner
with the forked-kernel zygote, by the same runner with a new kernel each (``--slow-kernels``),
and by nbmake; each prints the median seconds per notebook. Every notebook still gets a new
kernel process: the zygote only saves the interpreter start and the imports.

``--tracks T ...`` limits both sides to those tracks' solutions and challenges (no sessions, as
``kit validate T``), for a smoke run. Prints a ``RESULT {json}`` line per headline figure.

    python benchmarks/validate_vs_nbmake.py [--repeat 3] [--probe 6] [--tracks T ...]
    python benchmarks/validate_vs_nbmake.py --quick     # bienvenida only, one run
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from _result import result

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NAME = "validate_vs_nbmake"
TARGET_RATIO = 0.5
PROBE_SOURCE = (
    "import kit\nimport matplotlib.pyplot as plt\nimport pandas as pd\nimport seaborn as sns\n"
)
#: Run in a fresh interpreter: the probe notebooks one at a time with kit validate's runner.
KIT_PROBE = """
import json, sys, time
from pathlib import Path
import nbformat
from kit.organizer.kernels import kernel_manager_class, start_fork_server
from kit.organizer.validate.execute import Job, run_jobs
fast, paths = sys.argv[1] == "fast", sys.argv[2:]
start = time.perf_counter()
if fast and kernel_manager_class(True).__name__ == "ForkingKernelManager":
    start_fork_server()
zygote = time.perf_counter() - start
jobs = [Job(p, "solution", nbformat.read(p, as_version=4), Path(p).parent, {"LANG": "es"})
        for p in paths]
done = run_jobs(jobs, workers=1, timeout=120, fast=fast)
print("PROBE " + json.dumps({"seconds": [e.seconds for e in done], "zygote": zygote,
                             "errors": [e.error for e in done if e.error]}))
"""


def run(command: list[str], what: str) -> tuple[float, bool, str]:
    """Seconds, success and output tail of ``command`` (a failure is reported, not fatal)."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, env=env)
    seconds = time.perf_counter() - start
    tail = (done.stdout[-1500:] + done.stderr[-1500:]).strip()
    if done.returncode:
        print(f"WARNING: {what} exited {done.returncode} (figures may be off):\n{tail}", flush=True)
    return seconds, done.returncode == 0, tail


def notebook_set(tracks: list[str] | None) -> dict[str, list[str]]:
    """The notebooks both sides run, by kind (sessions only for the whole kit)."""
    found = {
        "solution": sorted(_glob("solutions", tracks)),
        "challenge": sorted(_glob("challenges", tracks)),
        "mentor": [] if tracks else sorted(ROOT.glob("mentorship_sessions/*.ipynb")),
    }
    return {kind: [str(p.relative_to(ROOT)) for p in paths] for kind, paths in found.items()}


def _glob(folder: str, tracks: list[str] | None) -> list[Path]:
    names = tracks or [p.name for p in (ROOT / folder).iterdir() if p.is_dir()]
    return [path for track in names for path in (ROOT / folder / track).glob("*.ipynb")]


def report_counts(report_dir: Path) -> dict[str, int]:
    """Notebook runs by kind in kit validate's report."""
    report = json.loads((report_dir / "validation.json").read_text(encoding="utf-8"))
    counts: dict[str, int] = {}
    for run_ in report["notebooks"]:
        counts[run_["kind"]] = counts.get(run_["kind"], 0) + 1
    return counts


def notebook_seconds(report_dir: Path) -> list[float]:
    """Seconds of each solution and challenge run in kit validate's report."""
    report = json.loads((report_dir / "validation.json").read_text(encoding="utf-8"))
    return [r["seconds"] for r in report["notebooks"] if r["kind"] in ("solution", "challenge")]


def probe_notebooks(folder: Path, copies: int) -> list[Path]:
    """``copies`` notebooks that only start a kernel and import the stack."""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook

    paths = []
    for i in range(copies):
        params = new_code_cell('LANG = "es"', metadata={"tags": ["parameters"]})
        nb = new_notebook(cells=[params, new_code_cell(PROBE_SOURCE)])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
        nb.metadata["language_info"] = {"name": "python"}
        path = folder / f"probe_{i:02d}.ipynb"
        nbformat.write(nb, path)
        paths.append(path)
    return paths


def fixed_cost(copies: int) -> dict[str, float]:
    """Median seconds per probe notebook: kit forked, kit new kernel, nbmake (one at a time)."""
    with tempfile.TemporaryDirectory(prefix="kit-bench-probe-") as name:
        folder = Path(name)
        paths = [str(p) for p in probe_notebooks(folder, copies)]
        out = {}
        for label, mode in (("forked", "fast"), ("new_kernel", "slow")):
            command = [sys.executable, "-c", KIT_PROBE, mode, *paths]
            _, ok, tail = run(command, f"kit runner ({label})")
            line = next((x for x in tail.splitlines() if x.startswith("PROBE ")), None)
            if not ok or line is None:
                continue
            probe = json.loads(line.removeprefix("PROBE "))
            if probe["errors"]:
                print(f"WARNING: probe notebooks failed ({label}): {probe['errors'][:2]}")
                continue
            out[label] = statistics.median(probe["seconds"])
            if mode == "fast":
                out["zygote_start"] = probe["zygote"]
        junit = folder / "nbmake.xml"
        command = [
            sys.executable, "-m", "pytest", "--nbmake", "-q", "-p", "no:cacheprovider",
            "-o", "addopts=", "-n", "0", "--junitxml", str(junit), *paths,
        ]  # fmt: skip
        run(command, "nbmake (probe)")
        if junit.exists():
            times = [float(c.get("time") or 0) for c in ElementTree.parse(junit).iter("testcase")]
            if times:
                out["nbmake"] = statistics.median(times)
    return out


def main(argv: list[str] | None = None) -> int:
    report_dir = Path(tempfile.mkdtemp(prefix="kit-bench-report-"))
    try:
        return measure(argv, report_dir)
    finally:
        shutil.rmtree(report_dir, ignore_errors=True)


def measure(argv: list[str] | None, report_dir: Path) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tracks", nargs="+", metavar="T", help="only these tracks (no sessions)")
    parser.add_argument("--probe", type=int, default=6, metavar="N",
                        help="probe notebooks for the fixed cost (0: skip)")  # fmt: skip
    parser.add_argument("--no-warmup", action="store_true", help="skip the warm-up run")
    quick = "smoke run: --tracks bienvenida --repeat 1 --probe 2 --no-warmup"
    parser.add_argument("--quick", action="store_true", help=quick)
    args = parser.parse_args(argv)
    if args.quick:
        args.tracks, args.repeat, args.probe, args.no_warmup = ["bienvenida"], 1, 2, True
    nbs = notebook_set(args.tracks)
    every = [path for paths in nbs.values() for path in paths]
    counts = {kind: len(paths) for kind, paths in nbs.items()}
    scale = (
        f"{len(every)} notebooks ({counts['solution']} solutions, {counts['challenge']} "
        f"challenges, {counts['mentor']} sessions)"
    )
    kit_cmd = [str(BIN / "kit"), "validate", *(args.tracks or []), "--report-dir", str(report_dir)]
    plain_cmd = [*kit_cmd, "--slow-kernels"]
    nbmake_cmd = [
        sys.executable, "-m", "pytest", "--nbmake", "-n", "2", "-q", "-p", "no:cacheprovider",
        "-o", "addopts=", *every,
    ]  # fmt: skip
    print(
        f"{scale}; {os.cpu_count()} cores; Python {platform.python_version()}; "
        f"load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    if not args.no_warmup:
        run(kit_cmd, "kit validate (warm-up)")  # font cache, .pyc files, the Parquet caches
    kit_runs, nbmake_runs, plain_runs, all_ok = [], [], [], True
    kit_notebooks: list[float] = []
    plain_notebooks: list[float] = []
    for i in range(args.repeat):
        seconds, ok, _ = run(kit_cmd, "kit validate")
        kit_runs.append(seconds)
        kit_notebooks += notebook_seconds(report_dir)
        reported = report_counts(report_dir)
        seconds, ok_nbmake, _ = run(nbmake_cmd, "pytest --nbmake")
        nbmake_runs.append(seconds)
        seconds, ok_plain, _ = run(plain_cmd, "kit validate --slow-kernels")
        plain_runs.append(seconds)
        plain_notebooks += notebook_seconds(report_dir)
        all_ok = all_ok and ok and ok_nbmake and ok_plain
        print(
            f"run {i + 1}: kit validate {kit_runs[-1]:5.1f} s   "
            f"nbmake -n 2 {nbmake_runs[-1]:5.1f} s   "
            f"kit validate --slow-kernels {plain_runs[-1]:5.1f} s",
            flush=True,
        )
    same = {kind: reported.get(kind, 0) for kind in counts} == counts
    print(f"kit validate ran {reported}; nbmake ran {counts}: {'same set' if same else 'DIFFER'}")
    kit, nbmake, plain = map(statistics.median, (kit_runs, nbmake_runs, plain_runs))
    ratio = kit / nbmake
    print(
        f"median: kit validate {kit:.1f} s, pytest --nbmake -n 2 {nbmake:.1f} s, "
        f"kit validate --slow-kernels {plain:.1f} s"
    )
    print(
        f"ratio kit/nbmake: {ratio:.2f} (target <= {TARGET_RATIO:.2f}); forked/plain kernels: "
        f"{kit / plain:.2f}; mean seconds per solution/challenge run: forked "
        f"{statistics.mean(kit_notebooks or [0]):.2f}, new kernels "
        f"{statistics.mean(plain_notebooks or [0]):.2f}"
    )
    figure = "kit validate, wall time" + ("" if args.tracks else " (whole kit)")
    result(NAME, figure, kit=kit, baseline=nbmake, unit="s",
           baseline_name="pytest --nbmake -n 2, same notebooks", ratio_label="kit / nbmake",
           target=f"<= {TARGET_RATIO:.2f} x nbmake", passed=ratio <= TARGET_RATIO and same,
           scale=scale, slow_kernels=round(plain, 2), same_notebooks=same,
           commands_ok=all_ok)  # fmt: skip
    if args.probe:
        cost = fixed_cost(args.probe)
        print(
            "fixed cost per notebook (kernel start, imports, shutdown; one at a time, median of "
            f"{args.probe}): kit forked kernel {cost.get('forked', float('nan')):.2f} s, kit new "
            f"kernel {cost.get('new_kernel', float('nan')):.2f} s, nbmake "
            f"{cost.get('nbmake', float('nan')):.2f} s; zygote start (once per run) "
            f"{cost.get('zygote_start', float('nan')):.2f} s"
        )
        for label, key in (
            ("forked kernel", "forked"),
            ("new kernel, --slow-kernels", "new_kernel"),
        ):
            result(NAME, f"fixed cost per notebook ({label})", kit=cost.get(key),
                   baseline=cost.get("nbmake"), unit="s", baseline_name="nbmake, one notebook",
                   ratio_label="kit / nbmake", scale=f"{args.probe} import-only notebooks",
                   zygote_start=cost.get("zygote_start"))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
