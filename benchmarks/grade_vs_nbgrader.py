"""How fast is `kit grade` next to plain, sequential `nbgrader autograde` on the same submissions?

Both run in this script, on this machine, one after the other, on the same throwaway nbgrader
course built in a temporary folder: the repository's nbgrader_config.py and solutions/, the
assignment generated with `nbgrader generate_assignment`, and ``--teams`` teams in
``submitted/<team>/contrataciones/``, alternating full solutions (every cell runs, every test
passes) and blank releases from challenges/ (every test fails), so both paths are measured.

- baseline: `nbgrader autograde contrataciones --create --force` (nbgrader's own sequential loop
  over students, hidden tests run in the participant's kernel);
- kit: `kit grade <course>/submitted --root <course> -j <workers>` (each notebook in its own
  bubblewrap sandbox, in parallel, answers judged outside the kernel).

The script prints the notebooks graded, the wall-clock seconds and notebooks per minute of each,
the throughput ratio kit / nbgrader (target >= 2 on 2 cores), and checks that both gave each team
the same points: nbgrader's gradebook against kit's grades.csv and kit's gradebook (full points
for solution teams, 0 for blank ones). Both use the same warm Parquet cache of the sample data.

    python benchmarks/grade_vs_nbgrader.py [--teams 20] [--workers J] [--keep] [--unsafe]
    python benchmarks/grade_vs_nbgrader.py --quick     # one team: a smoke run

Prints a ``RESULT {json}`` line with the throughput figures (see ``_result.py``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from collections import defaultdict
from pathlib import Path

from _result import result as result_line
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
TRACK = "contrataciones"
TIMESTAMP = "2026-11-23 10:00:00.000000 UTC"  # what `nbgrader collect` writes in timestamp.txt

console = Console(highlight=False)


def run(
    command: list[str], cwd: Path, what: str, *, fatal: bool = True
) -> tuple[float, subprocess.CompletedProcess]:
    """Run ``command``, timed by wall clock; on failure stop (``fatal``) or say so and go on."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        text = (
            f"{what} failed (exit {result.returncode}): {' '.join(command)}\n"
            f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
        if fatal:
            sys.exit(text)
        console.print("[bold red]WARNING[/bold red] (timing and points below may be off):")
        console.print(text, markup=False)
    return seconds, result


def check_sandbox(unsafe: bool) -> str:
    """What `kit doctor` says about kit grade's sandbox; stop unless it works or --unsafe."""
    from kit.organizer.grade.sandbox import sandbox_status

    works, why = sandbox_status()
    if works:
        return why
    if not unsafe:
        sys.exit(
            f"kit doctor: no working sandbox for `kit grade`: {why}\n"
            "Install bubblewrap (see `kit doctor`), or rerun with --unsafe to time kit grade "
            "without a sandbox (not the figure that counts)."
        )
    return f"NONE (--unsafe): {why}"


def build_course(course: Path, teams: int) -> dict[str, str]:
    """A throwaway nbgrader course in ``course``; team -> "solution" or "blank"."""
    shutil.copy2(ROOT / "nbgrader_config.py", course / "nbgrader_config.py")
    ignore = shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__", "*.pyc")
    shutil.copytree(ROOT / "solutions", course / "solutions", ignore=ignore)
    run(
        [str(BIN / "nbgrader"), "generate_assignment", TRACK, "--force"],
        course,
        "nbgrader generate_assignment",
    )
    sources = {
        "solution": sorted((ROOT / "solutions" / TRACK).glob("*.ipynb")),
        "blank": sorted((ROOT / "challenges" / TRACK).glob("*.ipynb")),
    }
    kinds = {}
    for i in range(teams):
        team = f"team{i + 1:02d}"
        kinds[team] = "solution" if i % 2 == 0 else "blank"
        folder = course / "submitted" / team / TRACK
        folder.mkdir(parents=True)
        for notebook in sources[kinds[team]]:
            shutil.copy2(notebook, folder / notebook.name)
        (folder / "timestamp.txt").write_text(TIMESTAMP + "\n", encoding="utf-8")
    return kinds


def gradebook_scores(db: Path, teams: list[str]) -> tuple[dict[str, float | None], float]:
    """Team -> total score in an nbgrader gradebook (None if absent); the assignment's maximum."""
    from nbgrader.api import Gradebook, MissingEntry

    scores: dict[str, float | None] = dict.fromkeys(teams)
    if not db.is_file():  # the grader failed before writing anything
        return scores, 0.0
    with warnings.catch_warnings():  # SQLAlchemy noise from nbgrader's API
        warnings.simplefilter("ignore")
        with Gradebook(f"sqlite:///{db}") as gb:
            try:
                most = gb.find_assignment(TRACK).max_score
            except MissingEntry:
                return scores, 0.0
            for team in teams:
                try:
                    scores[team] = gb.find_submission(TRACK, team).score
                except MissingEntry:
                    scores[team] = None
    return scores, most


def csv_scores(path: Path) -> dict[str, float]:
    totals: dict[str, float] = defaultdict(float)
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as file:
        for row in csv.DictReader(file):
            if row["track"] == TRACK:
                totals[row["team"]] += float(row["points"])
    return dict(totals)


def graded_notebooks(autograded: Path) -> int:
    return len(list(autograded.glob(f"*/{TRACK}/*.ipynb")))


def nbgrader_problems(log: str) -> dict[str, list[str]]:
    """nbgrader's ERROR and WARNING lines (its log is on stderr), alike ones together -> teams.

    Cell ids and checksums are blanked so one message per kind is shown; the team is the last
    ``submitted/<team>/`` or ``autograded/<team>/`` path nbgrader logged before the line.
    """
    found: dict[str, list[str]] = defaultdict(list)
    team = "?"
    for line in log.splitlines():
        if match := re.search(r"(?:submitted|autograded)/([^/\s]+)/", line):
            team = match.group(1)
        if "| ERROR]" in line or "| WARNING]" in line:
            key = re.sub(r"[0-9a-f]{32}", "<md5>", line)
            key = re.sub(r"cell \S+", "cell <id>", key)
            found[key].append(team)
    return found


def kit_notes(grading_json: Path) -> dict[str, list[str]]:
    """kit grade's notes per notebook (grading.json), alike ones together -> teams."""
    found: dict[str, list[str]] = defaultdict(list)
    for result in json.loads(grading_json.read_text(encoding="utf-8"))["results"]:
        for problem in result["problems"]:
            key = problem.split(":")[0] + (": ..." if ":" in problem else "")
            found[key].append(f"{result['team']}/{result['notebook']}")
    return found


def print_grouped(title: str, found: dict[str, list[str]]) -> None:
    if not found:
        console.print(f"{title}: none")
        return
    console.print(f"{title}:")
    for key, where in found.items():
        teams = sorted({w.split("/")[0] for w in where})
        console.print(f"  {len(where)} x {key}", markup=False)
        console.print(f"      teams: {', '.join(teams)}", markup=False)


def load() -> str:
    return " ".join(f"{value:.1f}" for value in os.getloadavg())


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:g}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=20, help="teams to grade (default: 20)")
    parser.add_argument(
        "--workers", "-j", type=int, default=os.cpu_count() or 1, help="kit grade -j (all cores)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary course folder")
    parser.add_argument(
        "--unsafe", action="store_true", help="run kit grade --unsafe if there is no sandbox"
    )
    parser.add_argument("--quick", action="store_true", help="one team (a smoke run)")
    args = parser.parse_args(argv)
    if args.quick:
        args.teams = 1
    if args.teams < 1:
        parser.error("--teams must be at least 1")
    sandbox = check_sandbox(args.unsafe)
    run([sys.executable, "-c", "from kit.procurement import load; load('sample')"], ROOT, "warm-up")

    course = Path(tempfile.mkdtemp(prefix="kit-bench-grade-"))
    try:
        kinds = build_course(course, args.teams)
        teams = sorted(kinds)
        submitted = len(list((course / "submitted").glob(f"*/{TRACK}/*.ipynb")))
        console.print(
            f"{args.teams} teams ({sum(k == 'solution' for k in kinds.values())} full solutions, "
            f"{sum(k == 'blank' for k in kinds.values())} blank releases), {submitted} notebooks; "
            f"{os.cpu_count()} cores; kit grade -j {args.workers}; sandbox: {sandbox}; "
            f"Python {platform.python_version()}; load average {load()}; course: {course}"
        )

        nbgrader_cmd = [str(BIN / "nbgrader"), "autograde", TRACK, "--create", "--force"]
        nb_seconds, nb_result = run(nbgrader_cmd, course, "nbgrader autograde", fatal=False)
        console.print(f"nbgrader autograde: {nb_seconds:.1f} s")

        output = course / "kit-grading"
        kit_cmd = [
            str(BIN / "kit"), "grade", str(course / "submitted"), "--root", str(course),
            "--output", str(output), "-j", str(args.workers),
        ]  # fmt: skip
        if args.unsafe:
            kit_cmd.append("--unsafe")
        kit_seconds, _ = run(kit_cmd, course, "kit grade", fatal=False)
        console.print(f"kit grade -j {args.workers}: {kit_seconds:.1f} s")

        nb_graded = graded_notebooks(course / "autograded")
        kit_graded = graded_notebooks(output / "autograded")
        table = Table(title=f"{submitted} notebooks of {args.teams} teams, {os.cpu_count()} cores")
        for column in ("command", "graded", "seconds", "notebooks/min"):
            table.add_column(column, justify="left" if column == "command" else "right")
        for name, graded, seconds in (
            ("nbgrader autograde (sequential)", nb_graded, nb_seconds),
            (f"kit grade -j {args.workers}", kit_graded, kit_seconds),
        ):
            table.add_row(name, str(graded), f"{seconds:.1f}", f"{submitted / seconds * 60:.1f}")
        console.print(table)
        ratio = nb_seconds / kit_seconds  # same notebooks: throughput ratio = time ratio inverted
        console.print(
            f"[bold]throughput kit / nbgrader: {ratio:.2f}[/bold] (target >= 2.0 on 2 cores; "
            f"{os.cpu_count()} cores here)"
        )

        nb_points, most = gradebook_scores(course / "gradebook.db", teams)
        kit_points, kit_most = gradebook_scores(output / "gradebook.db", teams)
        most = most or kit_most
        kit_csv = csv_scores(output / "grades.csv")
        differences = Table(title="points that differ (expected: full for solutions, 0 for blank)")
        for column in ("team", "submitted", "expected", "nbgrader", "kit grades.csv", "kit db"):
            differences.add_column(
                column, justify="left" if column in ("team", "submitted") else "right"
            )
        for team in teams:
            expected = most if kinds[team] == "solution" else 0.0
            row = (nb_points[team], kit_csv.get(team), kit_points[team])
            if any(value is None or abs(value - expected) > 1e-9 for value in row):
                differences.add_row(team, kinds[team], fmt(expected), *map(fmt, row))
        agree = not differences.row_count
        if differences.row_count:
            console.print(differences)
        else:
            console.print(
                f"points: all {len(teams)} teams agree (nbgrader gradebook = kit grades.csv = kit "
                f"gradebook): {fmt(most)} / {fmt(most)} for solutions, 0 for blank releases"
            )
        print_grouped("nbgrader autograde errors/warnings", nbgrader_problems(nb_result.stderr))
        if (output / "grading.json").is_file():
            print_grouped("kit grade notes (notebooks)", kit_notes(output / "grading.json"))
            kit_clock = json.loads((output / "grading.json").read_text(encoding="utf-8"))["seconds"]
            console.print(f"kit grade's own clock (without start-up and writing): {kit_clock} s")
        console.print(f"load average at the end: {load()} (other work on the machine skews both)")
        result_line(
            "grade_vs_nbgrader", "kit grade throughput", kit=submitted / kit_seconds * 60,
            baseline=submitted / nb_seconds * 60, unit="nb/min", ratio=ratio,
            baseline_name="nbgrader autograde (sequential)", ratio_label="kit / nbgrader",
            target=">= 2.0 x nbgrader", passed=ratio >= 2.0 and agree,
            scale=f"{submitted} notebooks of {args.teams} teams, kit grade -j {args.workers}",
            points_agree=agree, sandbox=not args.unsafe,
        )  # fmt: skip
    finally:
        if args.keep:
            console.print(f"kept: {course}")
        else:
            shutil.rmtree(course, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
