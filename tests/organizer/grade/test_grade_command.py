"""`kit grade` end to end: the real track from `kit submit` zips, the refusal without a sandbox,
and --unsafe."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from kit.cli import main
from kit.organizer.layout import KitLayout
from kit.submission.licence import add_licence
from kit.submission.pack import pack
from tests.minikit import make_minikit
from tests.organizer.grade.crafted import honest

REPO = KitLayout.find(Path(__file__)).root


def team_zip(tmp: Path, team: str, notebooks: Path, out: Path) -> Path:
    work = tmp / "work" / team / "contrataciones"
    shutil.copytree(notebooks, work)
    add_licence(work, "MIT", team)
    return pack(work, team=team, members=["Ana", "Luis"], output=out, run=False).path


@pytest.fixture(scope="module")
def graded(sandbox, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("grade-command")
    zips = tmp / "zips"
    zips.mkdir()
    team_zip(tmp, "Equipo Solución", REPO / "solutions" / "contrataciones", zips)
    team_zip(tmp, "Equipo en blanco", REPO / "challenges" / "contrataciones", zips)
    (zips / "roto__contrataciones.zip").write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp / "out"
    code = main(["grade", str(zips), "--root", str(REPO), "--output", str(out), "-j", "2"])
    return code, out


def totals(out: Path) -> dict[str, float]:
    with (out / "grades.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    found: dict[str, float] = {}
    for row in rows:
        found[row["team"]] = found.get(row["team"], 0) + float(row["points"])
    return found


def test_solutions_get_every_point_and_blank_challenges_none(graded):
    code, out = graded
    assert code == 0
    assert totals(out) == {"equipo-solucion": 17, "equipo-en-blanco": 0}


def test_a_corrupt_zip_is_rejected_and_the_others_are_graded(graded):
    _, out = graded
    report = json.loads((out / "grading.json").read_text(encoding="utf-8"))
    assert [Path(r["path"]).name for r in report["rejected"]] == ["roto__contrataciones.zip"]
    assert {r["team"] for r in report["results"]} == {"equipo-solucion", "equipo-en-blanco"}


def test_outputs_are_where_nbgrader_expects_them(graded):
    from nbgrader.api import Gradebook

    _, out = graded
    for team in ("equipo-solucion", "equipo-en-blanco"):
        assert len(list((out / "autograded" / team / "contrataciones").glob("*.ipynb"))) == 4
        assert (out / "submitted" / team / "contrataciones").is_dir()
        assert (out / "feedback" / team / "index.html").is_file()
    with Gradebook(f"sqlite:///{out / 'gradebook.db'}") as gb:
        scores = {s.student.id: s.score for s in gb.find_assignment("contrataciones").submissions}
        assert scores == totals(out)
        assert gb.find_assignment("contrataciones").max_score == 17


def test_the_graded_solution_keeps_its_tables(graded):
    """Outputs of the run are kept (figures are not drawn while grading: MPLBACKEND=Agg)."""
    _, out = graded
    nb = nbformat.read(
        out / "autograded" / "equipo-solucion" / "contrataciones" / "01_conoce_ocds.ipynb",
        as_version=4,
    )
    kinds = {key for c in nb.cells if c.cell_type == "code" for o in c.outputs
             for key in o.get("data", {})}  # fmt: skip
    assert {"text/html", "text/plain"} <= kinds


def test_without_a_sandbox_it_refuses_and_says_why(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr("kit.organizer.grade.sandbox.shutil.which", lambda name: None)
    code = main(["grade", str(tmp_path), "--root", str(REPO), "--output", str(tmp_path / "o")])
    assert code == 1
    said = capsys.readouterr().err
    assert "bubblewrap" in said and "--unsafe" in said


def test_unsafe_grades_without_a_sandbox_and_warns(tmp_path, monkeypatch, capsys):
    from kit.organizer.release import release

    layout = KitLayout(make_minikit(tmp_path / "kit"))
    release(layout)
    released = nbformat.read(layout.challenges / "demo" / "01_bienvenida.ipynb", as_version=4)
    folder = tmp_path / "submitted" / "equipo" / "demo"
    folder.mkdir(parents=True)
    nbformat.write(honest(released), folder / "01_bienvenida.ipynb")
    monkeypatch.setattr("kit.organizer.grade.sandbox.shutil.which", lambda name: None)
    args = ["grade", str(tmp_path / "submitted"), "--root", str(layout.root), "--unsafe",
            "--output", str(tmp_path / "out")]  # fmt: skip
    assert main(args) == 0
    assert "SIN SANDBOX" in capsys.readouterr().err
    assert totals(tmp_path / "out") == {"equipo": 2}


@pytest.mark.parametrize("command", ["grade", "doctor"])
def test_help_is_bilingual(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    text = capsys.readouterr().out
    assert ("Califica" in text and "Grades" in text) or ("Revisa" in text and "Checks" in text)
