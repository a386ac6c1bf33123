"""Run every benchmark, one after the other, and show their headline figures in one table.

Each script in ``benchmarks/`` (but this one and the ``_`` helpers) runs in its own process,
sequentially so they never compete for cores; its output is shown as it comes, and the
``RESULT {json}`` lines it prints (see ``_result.py``) become rows of the table: benchmark,
figure, kit, baseline, ratio, target, met. ``--quick`` passes ``--quick`` (or ``--small``) to every
script (small sizes: the whole run takes a few minutes); a script with neither is skipped then.
``--output`` writes the rows, the machine and the date as JSON; ``--markdown`` prints the table
in Markdown, ready for benchmarks/README.md.

    python benchmarks/run_all.py [--quick] [--only fgj validate ...] [--output results.json]
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from _result import parse
from rich.console import Console
from rich.table import Table

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
#: The order to run them in (quick and self-contained first); any other script runs after.
ORDER = (
    "fgj_full_size",
    "sanctions_matching",
    "ocds_full_size",
    "red_flags_full_size",
    "validate_vs_nbmake",
    "grade_vs_nbgrader",
    "newcomer",
)

#: Wide enough for the table when the output goes to a file or a pipe (rich assumes 80 there).
#: Options that make a script run at small sizes, in order of preference.
QUICK_OPTIONS = ("--quick", "--small")
console = Console(highlight=False, width=None if sys.stdout.isatty() else 180)


def scripts() -> list[Path]:
    """The benchmark scripts, in :data:`ORDER` then by name."""
    found = [
        path
        for path in HERE.glob("*.py")
        if path.stem != Path(__file__).stem and not path.stem.startswith("_")
    ]
    rank = {name: i for i, name in enumerate(ORDER)}
    return sorted(found, key=lambda path: (rank.get(path.stem, len(ORDER)), path.stem))


def quick_option(script: Path) -> str | None:
    """The script's small-size option (``--quick``, else ``--small``) from its ``--help``."""
    done = subprocess.run(
        [sys.executable, str(script), "--help"], capture_output=True, text=True, cwd=ROOT
    )
    if done.returncode == 0:
        for option in QUICK_OPTIONS:
            if re.search(rf"(^|[\s\[,]){option}\b", done.stdout):
                return option
    return None


def run(script: Path, args: list[str], timeout: float | None) -> dict[str, Any]:
    """Run one script, echoing its output; its RESULT records, exit code and seconds."""
    console.rule(f"[bold]{script.stem}[/bold] {' '.join(args)}")
    start = time.perf_counter()
    lines: list[str] = []
    process = subprocess.Popen(
        [sys.executable, "-u", str(script), *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
    )
    assert process.stdout is not None
    watchdog = threading.Timer(timeout, process.kill) if timeout else None
    if watchdog:
        watchdog.start()
    try:
        for line in process.stdout:
            lines.append(line)
            sys.stdout.write(line)
        code = process.wait()
    finally:
        if watchdog:
            watchdog.cancel()
        if process.poll() is None:
            process.kill()
            process.wait()
    if timeout and time.perf_counter() - start >= timeout:
        lines.append(f"stopped after {timeout:.0f} s (--timeout)\n")
    return {
        "script": script.stem,
        "args": args,
        "exit": code,
        "seconds": round(time.perf_counter() - start, 1),
        "results": parse("".join(lines)),
        "tail": "".join(lines[-15:]),
    }


def machine() -> dict[str, Any]:
    return {
        "cores": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average": [round(x, 1) for x in os.getloadavg()],
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def number(value: float | None, unit: str = "") -> str:
    if value is None:
        return "-"
    text = f"{value:,.2f}" if abs(value) < 100 else f"{value:,.0f}"
    return f"{text} {unit}".strip()


def met(record: dict[str, Any]) -> str:
    return {True: "yes", False: "NO", None: "-"}[record.get("pass")]


def rows(runs: list[dict[str, Any]]) -> list[list[str]]:
    """One row per RESULT record; a script that gave none shows why."""
    table = []
    for ran in runs:
        if ran.get("skipped"):
            table.append([ran["script"], f"skipped: {ran['skipped']}", *["-"] * 6])
            continue
        if not ran["results"]:
            table.append([ran["script"], f"no RESULT line (exit {ran['exit']})", *["-"] * 6])
            continue
        for record in ran["results"]:
            unit = record.get("unit", "")
            ratio = record.get("ratio")
            ratio_text = "-" if ratio is None else f"{ratio:.2f} ({record.get('ratio_label')})"
            baseline = number(record.get("baseline"), unit)
            if record.get("baseline_name"):
                baseline += f" ({record['baseline_name']})"
            table.append([
                record["benchmark"], record["name"], record.get("scale") or "-",
                number(record.get("kit"), unit), baseline, ratio_text, record.get("target") or "-",
                met(record),
            ])  # fmt: skip
    return table


HEAD = ("benchmark", "figure", "scale", "kit", "baseline", "ratio", "target", "met?")


def show(runs: list[dict[str, Any]], about: dict[str, Any], quick: bool) -> None:
    title = f"benchmarks · {about['cores']} cores · Python {about['python']} · {about['date']}"
    if quick:
        title += " · --quick: small sizes, the targets are for the full sizes"
    table = Table(title=title)
    for name in HEAD:
        table.add_column(name, overflow="fold")
    for row in rows(runs):
        table.add_row(*row, style="red" if row[-1] == "NO" else None)
    console.print(table)


def markdown(runs: list[dict[str, Any]]) -> str:
    lines = ["| " + " | ".join(HEAD) + " |", "|" + "---|" * len(HEAD)]
    lines += [
        "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows(runs)
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes (a smoke run)")
    parser.add_argument("--only", nargs="+", metavar="NAME", help="scripts whose name contains")
    parser.add_argument(
        "--skip", nargs="+", metavar="NAME", default=[], help="scripts to leave out"
    )
    parser.add_argument("--output", type=Path, help="write the results as JSON here")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    parser.add_argument("--timeout", type=float, help="seconds allowed per script")
    args = parser.parse_args(argv)
    chosen = [
        script
        for script in scripts()
        if not args.only or any(name in script.stem for name in args.only)
        if not any(name in script.stem for name in args.skip)
    ]
    if not chosen:
        parser.error("no benchmark script matches")
    about = machine()
    runs = []
    for script in chosen:
        option = quick_option(script) if args.quick else None
        if args.quick and option is None:
            runs.append({"script": script.stem, "skipped": "no --quick option", "results": []})
            continue
        runs.append(run(script, [option] if option else [], args.timeout))
    about["load_average_end"] = [round(x, 1) for x in os.getloadavg()]
    show(runs, about, args.quick)
    if args.markdown:
        print(markdown(runs))
    if args.output:
        payload = {"machine": about, "quick": args.quick, "runs": runs}
        args.output.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        console.print(f"written: {args.output}")
    failed = [ran["script"] for ran in runs if not ran.get("skipped") and ran["exit"] != 0]
    if failed:
        console.print(f"[red]failed to run: {', '.join(failed)}[/red]")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
