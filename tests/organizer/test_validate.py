"""kit validate: a healthy kit passes; each kind of broken kit fails with a clear message."""

import json

import nbformat
import pytest

from kit.cli import main
from kit.organizer.release import release
from kit.organizer.validate import validate

pytestmark = pytest.mark.slow
SOLUTION = "solutions/demo/01_bienvenida.ipynb"
CHALLENGE = "challenges/demo/01_bienvenida.ipynb"


def edit(layout, relative, change, *, rerelease=False):
    path = layout.root / relative
    nb = nbformat.read(path, as_version=4)
    change(nb)
    nbformat.write(nb, path)
    if rerelease:
        release(layout)


def problems(report, check):
    return [str(f) for f in report.by_check()[check]]


def test_a_healthy_kit_passes_every_check(minikit, data_dir):
    report = validate(minikit, data_dir=data_dir, workers=2)
    assert report.ok, report.all_findings()
    solution, challenge = report.runs
    assert solution.tasks == {"bienvenida/total": "correct", "bienvenida/directas": "correct"}
    assert set(challenge.tasks.values()) == {"not_attempted"}
    assert challenge.probes == {"total-prueba": False, "directas-prueba": False}
    assert report.checked == {
        "data": 1,
        "release": 1,
        "conventions": 1,
        "leaks": 1,
        "solutions": 1,
        "challenges": 1,
        "mentors": 0,
    }


def test_validating_one_track_checks_only_that_track(minikit, data_dir):
    unreleased = minikit.solutions / "otro"
    unreleased.mkdir()
    (unreleased / "01_bienvenida.ipynb").write_bytes((minikit.root / SOLUTION).read_bytes())
    assert "challenges/otro/01_bienvenida.ipynb" in str(problems(validate(minikit), "release"))
    report = validate(minikit, data_dir=data_dir, workers=2, tracks=["demo"])
    assert report.ok, report.all_findings()
    assert [run.path for run in report.runs] == [SOLUTION, CHALLENGE]


def test_validating_an_unknown_track_names_the_known_ones(minikit):
    from kit.errors import KitError

    with pytest.raises(KitError, match="Tracks: demo"):
        validate(minikit, tracks=["nope"])


def test_a_stale_release_is_caught(minikit, data_dir):
    edit(minikit, SOLUTION, lambda nb: nb.cells[3].__setitem__("source", nb.cells[3].source + "!"))
    found = problems(validate(minikit, data_dir=data_dir), "release")
    assert found == [
        f"[release] {CHALLENGE}: desactualizado respecto a solutions/ / stale: "
        "differs from a fresh release; ejecuta / run: kit release"
    ]


def test_a_leaked_solution_line_is_caught(minikit, data_dir):
    def leak(nb):
        nb.cells[4].source = nb.cells[4].source + '\nmonto_total = datos["monto"].sum()'

    edit(minikit, CHALLENGE, leak)
    found = problems(validate(minikit, data_dir=data_dir), "leaks")
    assert len(found) == 1 and 'monto_total = datos["monto"].sum()' in found[0]


def test_an_expected_value_written_in_the_text_is_caught(minikit, data_dir):
    def spoil(nb):
        nb.cells[3].source = nb.cells[3].source.replace("en `monto_total`.", "(da 1,505,500).")

    edit(minikit, SOLUTION, spoil, rerelease=True)
    found = problems(validate(minikit, data_dir=data_dir), "leaks")
    assert found == [
        f"[leaks] {CHALLENGE}: la respuesta de total aparece en el reto / the answer "
        "of total appears: '1,505,500'"
    ]


def test_a_toothless_check_is_caught(minikit, data_dir):
    def give_away(nb):
        nb.cells[4].source = nb.cells[4].source.replace(
            "monto_total = ...", "monto_total = 1505500.0"
        )

    edit(minikit, SOLUTION, give_away, rerelease=True)
    report = validate(minikit, data_dir=data_dir)
    found = problems(report, "challenges")
    assert any("toothless check" in f and "bienvenida/total" in f for f in found)
    assert any("total-prueba" in f and "pass on the blank" in f for f in found)


def test_a_failing_solution_is_caught_with_its_cell(minikit, data_dir):
    def wrong(nb):
        nb.cells[4].source = nb.cells[4].source.replace('datos["monto"].sum()', "1.0")

    edit(minikit, SOLUTION, wrong, rerelease=True)
    (finding,) = validate(minikit, data_dir=data_dir).by_check()["solutions"]
    assert (
        finding.cell == 5
        and "TaskFailed" in finding.message
        and "bienvenida/total" in finding.message
    )


def test_a_challenge_cell_that_errors_is_caught(minikit, data_dir):
    edit(minikit, SOLUTION, lambda nb: nb.cells[9].__setitem__("source", "1 / 0"), rerelease=True)
    found = validate(minikit, data_dir=data_dir).by_check()["challenges"]
    assert [(f.cell, f.message) for f in found] == [(9, "ZeroDivisionError: division by zero")]


def test_an_edited_data_file_is_caught(minikit, data_dir):
    (data_dir / "demo" / "sample.csv").write_text("a,b\n1,3\n", encoding="utf-8")
    (finding,) = validate(minikit, data_dir=data_dir).by_check()["data"]
    assert "demo/sample.csv" in finding.message and "python -m kit.samples" in finding.message


def test_broken_conventions_are_caught(minikit, data_dir):
    def untidy(nb):
        nb.cells[3].source = "Solo español."
        nb.cells[1].metadata["tags"] = []
        del nb.metadata["kit"]["minutes"]

    edit(minikit, SOLUTION, untidy, rerelease=True)
    found = " ".join(problems(validate(minikit, data_dir=data_dir), "conventions"))
    assert '<details lang="en">' in found and "'parameters'" in found and "kit.minutes" in found


def test_the_command_exits_1_and_writes_both_reports(minikit, data_dir, capsys, monkeypatch):
    monkeypatch.setattr("kit.data.DATA_DIR", data_dir)
    assert main(["validate", "--root", str(minikit.root), "-j", "2"]) == 0
    report = json.loads((minikit.root / "reports" / "validation.json").read_text())
    assert report["ok"] and [n["path"] for n in report["notebooks"]] == [SOLUTION, CHALLENGE]
    assert (
        "| `solutions/demo/01_bienvenida.ipynb` | solution |"
        in (minikit.root / "reports" / "validation.md").read_text()
    )
    (data_dir / "demo" / "sample.csv").write_text("edited")
    assert main(["validate", "--root", str(minikit.root)]) == 1
    assert "Corrígelos" in capsys.readouterr().out
