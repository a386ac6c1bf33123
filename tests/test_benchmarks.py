"""The benchmark runner: scripts answer --help, RESULT lines parse, the table, a quick run."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import _result  # noqa: E402
import run_all  # noqa: E402


def test_a_result_line_round_trips_through_the_parser(capsys):
    record = _result.result(
        "demo", "wall time", kit=3.0, baseline=12.0, unit="s", baseline_name="pandas",
        target="<= 60 s", passed=True, scale="10 rows", extra_figure=7,
    )  # fmt: skip
    printed = capsys.readouterr().out
    assert printed.startswith("RESULT {") and record["ratio"] == 0.25
    noise = 'RESULT {"broken": \nRESULT [1, 2]\nRESULT {"no": "keys"}\nresult: 1\n'
    assert _result.parse(f"starting…\n{noise}{printed}done\n") == [record]
    assert record["extra_figure"] == 7 and record["pass"] is True


def test_the_table_shows_results_skips_and_silent_failures():
    record = {
        "benchmark": "demo", "name": "peak memory", "kit": 812.4, "baseline": 1421.0,
        "unit": "MiB", "baseline_name": "pandas", "ratio": 0.572, "ratio_label": "kit / baseline",
        "target": "<= 2048 MiB", "pass": False, "scale": "2,100,000 rows",
    }  # fmt: skip
    runs = [
        {"script": "demo", "exit": 0, "results": [record]},
        {"script": "slowpoke", "skipped": "no --quick option", "results": []},
        {"script": "broken", "exit": 2, "results": []},
    ]
    demo, slowpoke, broken = run_all.rows(runs)
    assert demo == [
        "demo", "peak memory", "2,100,000 rows", "812 MiB", "1,421 MiB (pandas)",
        "0.57 (kit / baseline)", "<= 2048 MiB", "NO",
    ]  # fmt: skip
    assert "skipped: no --quick option" in slowpoke and "no RESULT line (exit 2)" in broken
    assert run_all.markdown(runs).splitlines()[2].startswith("| demo | peak memory")


def test_every_benchmark_script_answers_help():
    scripts = run_all.scripts()
    names = [script.stem for script in scripts]
    assert {"fgj_full_size", "validate_vs_nbmake", "grade_vs_nbgrader"} <= set(names)
    assert "run_all" not in names and "_result" not in names
    for script in scripts:
        done = subprocess.run(
            [sys.executable, str(script), "--help"], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, f"{script.name}: {done.stderr[-500:]}"
        assert "usage:" in done.stdout
    assert run_all.quick_option(BENCHMARKS / "fgj_full_size.py") == "--quick"


@pytest.mark.slow
def test_a_quick_run_of_the_fgj_benchmark_writes_its_figures(tmp_path):
    output = tmp_path / "results.json"
    command = [sys.executable, str(BENCHMARKS / "run_all.py"), "--quick", "--only", "fgj",
               "--output", str(output)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout[-2000:]
    (fgj,) = json.loads(output.read_text(encoding="utf-8"))["runs"]
    names = [record["name"] for record in fgj["results"]]
    assert names[:2] == ["FGJ CSV -> Parquet, wall time", "FGJ CSV -> Parquet, peak memory"]
    assert all(record["scale"] == "20,000 rows" for record in fgj["results"])
    assert fgj["results"][0]["pass"] is True and fgj["results"][0]["kit"] > 0
