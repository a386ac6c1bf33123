"""Can a laptop load a full-size OCDS bulk file? `kit.procurement.load` vs flattentool and pandas.

The federal bulk file that PDN System 6 serves (CompraNet) holds millions of releases in one JSON
array (gigabytes). This script writes a synthetic one of ``--releases`` releases (default
1,000,000; :mod:`kit.procurement.synthetic`, seeded, in a temporary folder outside the
repository) and measures, each in a fresh process, one at a time, wall time and peak memory
(maximum resident set size):

- kit, cold: ``kit.procurement.load(path)`` with an empty ``KIT_CACHE``: the file streamed,
  releases compiled per process, six tidy tables written to the Parquet cache and read back;
- kit, cached: the same call again (what every later notebook run does);
- flattentool: ``flatten-tool flatten FILE --root-is-list --schema <the kit's OCDS 1.1.5
  release schema> --root-id ocid --main-sheet-name releases --output-format csv`` (OCDS's own
  flattening tool: one CSV per array, no compiling);
- pandas: ``json.load`` then ``pandas.json_normalize`` for releases, awards, suppliers,
  contracts, items and parties (``record_path``), as a participant would write it (no
  compiling, no cleaning).

The baselines may take very long or run out of memory at a million releases, so they run on a
smaller file from the same generator (``--baseline-releases``, default 50,000), and so does the
kit once more: rates per release and ratios are compared at that same size. Targets: the kit at
least 10 times faster than flattentool; the kit's peak memory at most 2 GiB at 1M releases.
Prints a ``RESULT {json}`` line per headline figure (see ``_result.py``).

    python benchmarks/ocds_full_size.py [--releases 1000000] [--baseline-releases 50000]
    python benchmarks/ocds_full_size.py --quick      # 20,000 and 2,000 releases: a smoke run
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

NAME = "ocds_full_size"
TARGET_SPEEDUP = 10
TARGET_MIB = 2048
FULL_SIZE = 1_000_000
ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "kit" / "procurement" / "schema" / "release-schema.json"

#: What each measurement runs, in a fresh interpreter; ``out`` collects what it reports.
CODES = {
    "kit": "from kit.procurement import bulk, load; from kit.procurement.read import files_of; "
    "bulk.BULK_THRESHOLD = 0 if {force} else bulk.BULK_THRESHOLD; "
    "out['path'] = 'bulk' if bulk.is_large(files_of({path!r})) else 'in memory'; "
    "data = load({path!r}); out.update(processes=data.n_processes, releases=data.n_releases, "
    "rows=sum(len(t) for t in data.tables.values()), "
    "table_mib=sum(float(t.memory_usage(deep=True).sum()) for t in data.tables.values()) / 2**20)",
    "flattentool": "import subprocess; subprocess.run([{tool!r}, 'flatten', {path!r}, "
    "'--root-is-list', '--schema', {schema!r}, '--root-id', 'ocid', '--main-sheet-name', "
    "'releases', '--output-format', 'csv', '-o', {out!r}], check=True, capture_output=True); "
    "import pathlib; out.update(rows=sum(max(sum(1 for _ in open(f, 'rb')) - 1, 0) "
    "for f in pathlib.Path({out!r}).glob('*.csv')))",
    "pandas": "import json, pandas as pd\n"
    "with open({path!r}, encoding='utf-8') as f: releases = json.load(f)\n"
    "awarded = [r for r in releases if r.get('awards')]\n"
    "tables = dict(releases=pd.json_normalize(releases, sep='_'),\n"
    "  awards=pd.json_normalize(awarded, record_path='awards', meta=['ocid'], sep='_'),\n"
    "  suppliers=pd.json_normalize(awarded, record_path=['awards', 'suppliers'], "
    "meta=['ocid', ['awards', 'id']], sep='_'),\n"
    "  contracts=pd.json_normalize([r for r in releases if r.get('contracts')], "
    "record_path='contracts', meta=['ocid'], sep='_'),\n"
    "  items=pd.json_normalize([r for r in releases if r.get('tender', {{}}).get('items')], "
    "record_path=['tender', 'items'], meta=['ocid'], sep='_'),\n"
    "  parties=pd.json_normalize([r for r in releases if r.get('parties')], "
    "record_path='parties', meta=['ocid'], sep='_'))\n"
    "out.update(rows=sum(len(t) for t in tables.values()), "
    "table_mib=sum(float(t.memory_usage(deep=True).sum()) for t in tables.values()) / 2**20)",
}
PROBE = (
    "import json, os, resource, time; out = {{}}; start = time.perf_counter()\n{code}\n"
    "out['seconds'] = time.perf_counter() - start\n"
    "out['peak_mib'] = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "
    "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024\n"
    "print('PROBE ' + json.dumps(out))"
)


def measure(
    what: str, path: Path, folder: Path, cache: Path, force: bool = False
) -> dict[str, Any] | None:
    """Run ``CODES[what]`` on ``path`` in a fresh interpreter (the kit's cache in ``cache``;
    ``force``: the kit's bounded-memory path whatever the size): seconds, peak memory (MiB, the
    largest of the process and its children) and what the code reported; None if it failed."""
    out = folder / f"out-{what}"
    tool = shutil.which("flatten-tool") or str(Path(sys.executable).parent / "flatten-tool")
    code = CODES[what].format(
        path=str(path), out=str(out), tool=tool, schema=str(SCHEMA), force=force
    )
    env = {**os.environ, "KIT_CACHE": str(cache)}
    env.pop("KIT_NO_CACHE", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(code=code)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    shutil.rmtree(out, ignore_errors=True)
    if done.returncode:
        print(f"{what} on {path.name} failed (exit {done.returncode}):\n{done.stderr[-2000:]}")
        return None
    line = next(x for x in done.stdout.splitlines() if x.startswith("PROBE "))
    return json.loads(line.removeprefix("PROBE "))


def show(label: str, size: int, run: dict[str, Any] | None) -> None:
    if run is None:
        print(f"{label:44s} {size:>10,} releases  failed")
        return
    extra = f", tables in memory {run['table_mib']:.0f} MiB" if "table_mib" in run else ""
    extra += f" ({run['path']} path)" if "path" in run else ""
    print(
        f"{label:44s} {size:>10,} releases  {run['seconds']:8.1f} s  "
        f"{size / run['seconds']:8,.0f} releases/s  peak {run['peak_mib']:6.0f} MiB  "
        f"rows {run.get('rows', 0):,}{extra}",
        flush=True,
    )


def write(path: Path, releases: int, seed: int) -> None:
    from kit.procurement.synthetic import write_releases

    print(f"writing {releases:,} releases to {path} …", flush=True)
    summary = write_releases(path, releases, seed=seed)
    print(f"  {summary.n_processes:,} processes, {summary.size / 2**20:,.0f} MiB", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--releases", type=int, default=FULL_SIZE, help="the kit's full size")
    parser.add_argument(
        "--baseline-releases", type=int, default=50_000, help="size the baselines run at"
    )
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--no-pandas", action="store_true", help="skip the pandas baseline")
    parser.add_argument("--keep", action="store_true", help="keep the synthetic files")
    parser.add_argument(
        "--bulk", action="store_true", help="the kit's full-size load takes the bounded-memory "
        "path whatever the size (it does above 200 MB anyway)"
    )  # fmt: skip
    parser.add_argument(
        "--quick", action="store_true", help="20,000 and 2,000 releases, --bulk (smoke run)"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.releases, args.baseline_releases, args.bulk = 20_000, 2_000, True
    folder = Path(tempfile.mkdtemp(prefix="ocds-full-"))
    print(
        f"machine: {os.cpu_count()} cores, {platform.platform()}, Python "
        f"{platform.python_version()}; load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    try:
        full, small = folder / "s6_full.json", folder / "s6_baseline.json"
        write(full, args.releases, args.seed)
        write(small, args.baseline_releases, args.seed)
        print(f"\nkit at the full size ({args.releases:,} releases):")
        cold = measure("kit", full, folder, folder / "cache-full", force=args.bulk)
        show("kit load(), empty cache (parse -> Parquet)", args.releases, cold)
        warm = measure("kit", full, folder, folder / "cache-full", force=args.bulk)
        show("kit load(), second time (cache hit)", args.releases, warm)
        shutil.rmtree(folder / "cache-full", ignore_errors=True)
        print(f"\nat the baseline size ({args.baseline_releases:,} releases), same generator:")
        kit = measure("kit", small, folder, folder / "cache-small")
        show("kit load(), empty cache", args.baseline_releases, kit)
        tool = measure("flattentool", small, folder, folder / "cache-small")
        show("flattentool flatten --output-format csv", args.baseline_releases, tool)
        pandas = None if args.no_pandas else measure("pandas", small, folder, folder / "c")
        if not args.no_pandas:
            show("json.load + pandas.json_normalize", args.baseline_releases, pandas)
    finally:
        if args.keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    return report(args, cold, warm, kit, tool, pandas)


def report(
    args: argparse.Namespace,
    cold: dict[str, Any] | None,
    warm: dict[str, Any] | None,
    kit: dict[str, Any] | None,
    tool: dict[str, Any] | None,
    pandas: dict[str, Any] | None,
) -> int:
    """Print the ratios, the targets met or missed, and the ``RESULT`` lines."""
    from _result import result

    full, small = f"{args.releases:,} releases", f"{args.baseline_releases:,} releases"
    print()
    speedup = tool["seconds"] / kit["seconds"] if kit and tool else None
    if speedup is not None:
        met = "pass" if speedup >= TARGET_SPEEDUP else "miss"
        print(
            f"kit vs flattentool at {small}: {speedup:.1f}x faster "
            f"(target >= {TARGET_SPEEDUP}x: {met})"
        )
    if cold and tool:
        rate = (args.baseline_releases / tool["seconds"]) / (args.releases / cold["seconds"])
        print(f"kit at {full} vs flattentool's rate at {small}: {1 / rate:.1f}x faster per release")
    if kit and pandas:
        times = pandas["seconds"] / kit["seconds"]
        print(f"json.load + json_normalize / kit at {small}: {times:.2f} (the kit also compiles "
              "releases per process and cleans every field)")  # fmt: skip
    at_full = args.releases >= FULL_SIZE
    if cold:
        met = ("pass" if cold["peak_mib"] <= TARGET_MIB else "miss") if at_full else "not judged"
        print(
            f"kit peak memory at {full}: {cold['peak_mib']:.0f} MiB (target <= {TARGET_MIB} MiB "
            f"at {FULL_SIZE:,} releases: {met})"
        )
    if cold and warm:
        result(NAME, "OCDS load, empty cache, wall time", kit=cold["seconds"], baseline=None,
               unit="s", baseline_name="", scale=full)  # fmt: skip
        result(NAME, "OCDS load, cache hit, wall time", kit=warm["seconds"], baseline=None,
               unit="s", baseline_name="", scale=full)  # fmt: skip
        result(NAME, "OCDS load, empty cache, peak memory", kit=cold["peak_mib"], baseline=None,
               unit="MiB", baseline_name="", target=f"<= {TARGET_MIB} MiB at 1M releases",
               passed=cold["peak_mib"] <= TARGET_MIB if at_full else None, scale=full)  # fmt: skip
    if kit and tool and speedup is not None:
        result(NAME, "OCDS load vs flattentool, wall time", kit=kit["seconds"],
               baseline=tool["seconds"], unit="s", baseline_name="flattentool flatten (csv)",
               ratio=speedup, ratio_label="flattentool / kit (times faster)",
               target=f">= {TARGET_SPEEDUP}x", passed=speedup >= TARGET_SPEEDUP,
               scale=small)  # fmt: skip
    if kit and pandas:
        result(NAME, "OCDS load vs json_normalize, wall time", kit=kit["seconds"],
               baseline=pandas["seconds"], unit="s",
               baseline_name="json.load + pandas.json_normalize", scale=small)  # fmt: skip
    return 0 if cold and kit else 1


if __name__ == "__main__":
    sys.exit(main())
