"""Every attack on the grade, as a real crafted submission, graded in one sandboxed run.

The miniature kit has one notebook with two one-point tasks. Each team hands in a variant of it
(see ``crafted.py``); an honest team is graded in the same run, beside the attackers, and must
still get full marks. Nothing an attacker does may earn a point it did not compute.
"""

from __future__ import annotations

import csv
import json

import nbformat
import pytest

from kit.organizer.grade import grade
from kit.organizer.grade.feedback import write_feedback
from kit.organizer.grade.results import write_scores
from kit.organizer.layout import KitLayout
from kit.organizer.release import release
from tests.minikit import make_minikit
from tests.organizer.grade.conftest import settings_for
from tests.organizer.grade.crafted import EXPECTED, only_directas, planted_links

NOTEBOOK = "01_bienvenida.ipynb"


@pytest.fixture(scope="module")
def graded(tmp_path_factory, sandbox):
    root = tmp_path_factory.mktemp("attacks")
    layout = KitLayout(make_minikit(root / "kit"))
    release(layout)
    released = nbformat.read(layout.challenges / "demo" / NOTEBOOK, as_version=4)
    submitted = root / "submitted"
    planted = root / "outside" / "right-answer.json"
    planted.parent.mkdir()
    planted.write_text(json.dumps({"kind": "float", "value": "1505500.0"}), encoding="utf-8")
    builders = {team: builder for team, (builder, _) in EXPECTED.items()}
    builders["enlaces"] = lambda r: planted_links(r, str(planted))
    for team, builder in builders.items():
        folder = submitted / team / "demo"
        folder.mkdir(parents=True)
        made = builder(released)
        if isinstance(made, bytes):
            (folder / NOTEBOOK).write_bytes(made)
        else:
            nbformat.write(made, folder / NOTEBOOK)
    # Short enough that the endless loops end soon; long enough that an honest cell (the first
    # imports pandas and the kit) finishes on a busy 2-core machine: 3 s was not.
    settings = settings_for(root / "out", sandbox, cell_timeout=8, notebook_timeout=60)
    report = grade(layout, submitted, settings)
    write_scores(report, settings.output / "grades.csv")
    write_feedback(report, settings.output / "feedback")
    return report, settings


def points(report) -> dict[str, float]:
    return {result.team: result.points for result in report.results}


EXPECTED_POINTS = {team: expected for team, (_, expected) in EXPECTED.items()} | {"enlaces": 1}


@pytest.mark.parametrize("team", sorted(EXPECTED_POINTS))
def test_no_attack_earns_a_point_it_did_not_compute(graded, team):
    report, _ = graded
    assert points(report)[team] == EXPECTED_POINTS[team], [
        (t.task, t.outcome, t.message) for r in report.results if r.team == team for t in r.tasks
    ]


def test_the_gradebook_holds_every_team_with_the_same_scores(graded):
    from nbgrader.api import Gradebook

    report, settings = graded
    with Gradebook(settings.db_url) as gb:
        assert gb.find_assignment("demo").max_score == 2  # invented or inflated points ignored
        stored = {s.student.id: s.score for s in gb.find_assignment("demo").submissions}
        grade_ids = {g.name for g in gb.find_notebook("01_bienvenida", "demo").grade_cells}
    assert stored == points(report)
    assert grade_ids == {"total-prueba", "directas-prueba"}


def test_the_scores_csv_matches_the_report(graded):
    report, settings = graded
    with (settings.output / "grades.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    per_team: dict[str, float] = {}
    for row in rows:
        per_team[row["team"]] = per_team.get(row["team"], 0) + float(row["points"])
    assert per_team == points(report)
    assert len(rows) == 2 * len(EXPECTED_POINTS)


def problems(report, team) -> str:
    return " | ".join(p for r in report.results if r.team == team for p in r.problems)


def test_misbehaviour_is_reported(graded):
    report, _ = graded
    assert "tiempo por celda" in problems(report, "bucle")
    assert "ignoró la interrupción" in problems(report, "bucle-terco")
    assert "recortó" in problems(report, "inunda-salida")
    assert "ignoró la interrupción" in problems(report, "bomba-fork")
    assert "no es un cuaderno legible" in problems(report, "json-roto")
    assert "no es un cuaderno legible" in problems(report, "no-cuaderno")
    assert "total-prueba" in problems(report, "edita-prueba")
    assert "pruebas borradas cuentan como falladas" in problems(report, "borra-pruebas")


def test_output_floods_do_not_reach_the_graded_notebook(graded):
    _, settings = graded
    graded_file = settings.output / "autograded" / "inunda-salida" / "demo" / NOTEBOOK
    assert graded_file.stat().st_size < 3 * 1024**2


def test_feedback_shows_messages_and_hints_never_hidden_tests_or_expected_values(graded):
    _, settings = graded
    pages = {p.parent.name: p.read_text(encoding="utf-8") for p in
             (settings.output / "feedback").glob("*/index.html")}  # fmt: skip
    assert set(pages) == set(EXPECTED_POINTS) - {"json-roto", "no-cuaderno"} | {
        "json-roto",
        "no-cuaderno",
    }
    wrong = pages["equivocado"]
    assert "un poco (menos de 5 %)" in wrong and "Los montos están en la columna" in wrong
    for page in pages.values():
        assert "assert_correct" not in page and "HIDDEN" not in page
        assert "1505500" not in page and "1,505,500" not in page and "1.5055e" not in page


def test_graded_notebooks_keep_the_hidden_tests_for_organizers_only(graded):
    _, settings = graded
    nb = nbformat.read(
        settings.output / "autograded" / "equivocado" / "demo" / NOTEBOOK, as_version=4
    )
    tests = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert all("assert_correct" in c.source for c in tests)
    total = next(c for c in tests if c.metadata.nbgrader.grade_id == "total-prueba")
    assert total.outputs[-1].output_type == "error"


def test_regrading_is_idempotent(graded, tmp_path):
    """Grading a submission again gives the same scores and leaves one submission record."""
    from nbgrader.api import Gradebook

    report, settings = graded
    layout = KitLayout(settings.output.parent / "kit")
    again = tmp_path / "again" / "equivocado" / "demo"
    again.mkdir(parents=True)
    released = nbformat.read(layout.challenges / "demo" / NOTEBOOK, as_version=4)
    nbformat.write(only_directas(released), again / NOTEBOOK)
    second = grade(layout, tmp_path / "again", settings)
    assert points(second) == {"equivocado": points(report)["equivocado"]}
    with Gradebook(settings.db_url) as gb:
        submissions = gb.find_assignment("demo").submissions
        assert len(submissions) == len(EXPECTED_POINTS)
        stored = {s.student.id: s.score for s in submissions}
    assert stored == points(report)
