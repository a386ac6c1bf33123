"""kit sessions --run stores outputs that nbval reproduces; kit validate reports a drift."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from kit.cli import main
from kit.errors import KitError
from kit.organizer.layout import KitLayout
from kit.organizer.validate.mentors import check_mentor_sessions
from kit.sessions import check_session, run_session
from kit.sessions.conventions import WIDGET_VIEW

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture
def executed(session_path) -> Path:
    run = run_session(session_path)
    assert run.written and run.seconds > 0
    shutil.copy(ROOT / "mentorship_sessions" / "sanitize.cfg", session_path.parent)
    return session_path


def test_a_run_stores_outputs_widget_state_and_a_snapshot(executed):
    nb = nbformat.read(executed, as_version=4)
    assert check_session(nb, executed.name) == []
    table = nb.cells[5].outputs[0]["data"]
    assert "umbral" in table["text/html"]
    view = nb.cells[-1].outputs[0]["data"]
    assert (
        view[WIDGET_VIEW]["model_id"]
        in nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    )
    assert view["text/html"].startswith(
        '<div class="kit-explorer"><img src="data:image/png;base64,'
    )
    assert view["text/plain"] == "Explorador interactivo: ejecuta el cuaderno para moverlo."


def test_a_failing_session_is_not_written_and_the_cell_is_named(session_path):
    nb = nbformat.read(session_path, as_version=4)
    nb.cells[5].source = "1 / 0"
    nbformat.write(nb, session_path)
    before = session_path.read_bytes()
    with pytest.raises(KitError, match=r"la celda 5 falló \(ZeroDivisionError"):
        run_session(session_path)
    assert session_path.read_bytes() == before


def test_validate_passes_a_fresh_run_and_reports_a_drifted_output(executed):
    layout = KitLayout(executed.parents[1])
    [run] = check_mentor_sessions(layout, workers=1)
    assert run.ok, run.findings
    assert run.kind == "mentor" and run.seconds > 0

    nb = nbformat.read(executed, as_version=4)
    nb.cells[5].outputs[0]["data"]["text/plain"] = "otra tabla"
    nbformat.write(nb, executed)
    [run] = check_mentor_sessions(layout, workers=1)
    assert [str(f) for f in run.findings] == [
        "[mentors] mentorship_sessions/01_umbrales.ipynb: nbval: "
        "Cell 2: Cell outputs differ; mismatch 'text/plain'"
    ]


def test_kit_sessions_lists_and_flags_a_session_without_outputs(session_path, monkeypatch, capsys):
    monkeypatch.chdir(session_path.parents[1])
    monkeypatch.setattr(KitLayout, "find", classmethod(lambda cls: KitLayout(Path.cwd())))
    assert main(["sessions"]) == 1
    out = capsys.readouterr().out
    assert "01_umbrales" in out and "Umbrales en vivo" in out
    assert "sin salidas guardadas" in out
    assert main(["sessions", "--run", "01_umbrales"]) == 0
    out = capsys.readouterr().out
    assert "✅ en orden" in out and "segundos" in out
