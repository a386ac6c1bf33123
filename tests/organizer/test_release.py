"""kit release: nbgrader's transform, idempotent, with bilingual stubs and no hidden tests."""

import os
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from kit.cli import main
from kit.errors import ReleaseError
from kit.organizer.release import release

BIN = str(Path(sys.executable).parent)


def released(layout):
    return nbformat.read(layout.challenges / "demo" / "01_bienvenida.ipynb", as_version=4)


@pytest.mark.slow
def test_release_is_byte_identical_to_nbgrader_generate_assignment(minikit, tmp_path):
    ours = (minikit.challenges / "demo" / "01_bienvenida.ipynb").read_bytes()
    (minikit.challenges / "demo" / "01_bienvenida.ipynb").unlink()
    env = {**os.environ, "PATH": BIN + os.pathsep + os.environ["PATH"]}  # nbgrader runs alembic
    subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", "demo", "--force", "--create"],
        cwd=minikit.root,
        env=env,
        check=True,
        capture_output=True,
    )
    assert (minikit.challenges / "demo" / "01_bienvenida.ipynb").read_bytes() == ours


def test_releasing_twice_changes_nothing(minikit):
    before = (minikit.challenges / "demo" / "01_bienvenida.ipynb").read_bytes()
    (result,) = release(minikit)
    assert result.written == [] and len(result.unchanged) == 1
    assert (minikit.challenges / "demo" / "01_bienvenida.ipynb").read_bytes() == before


def test_solutions_become_a_bilingual_stub_and_hidden_tests_disappear(minikit):
    text = "\n".join(cell.source for cell in released(minikit).cells)
    assert "monto_total = ...\n# ✏️ TU CÓDIGO AQUÍ · YOUR CODE HERE" in text
    assert 'datos["monto"].sum()' not in text
    assert "BEGIN" not in text and "assert_correct" not in text
    assert "check.total(monto_total)" in text


def test_cells_are_locked_and_outputs_cleared_as_nbgrader_does(minikit):
    cells = released(minikit).cells
    tests = [c for c in cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert tests and all(c.metadata["editable"] is False for c in tests)
    assert all(c.metadata["deletable"] is False for c in tests)
    assert all(
        c.outputs == [] and c.execution_count is None for c in cells if c.cell_type == "code"
    )


def test_a_notebook_removed_from_solutions_is_removed_from_challenges(minikit):
    extra = minikit.challenges / "demo" / "99_viejo.ipynb"
    extra.write_text("{}")
    (result,) = release(minikit)
    assert result.removed == [extra] and not extra.exists()


def test_an_unknown_track_is_refused_naming_the_known_ones(minikit):
    with pytest.raises(ReleaseError, match="Tracks: demo"):
        release(minikit, ["nope"])


def test_an_authoring_mistake_names_the_notebook(minikit):
    path = minikit.solutions / "demo" / "01_bienvenida.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[4].source = nb.cells[4].source.replace("### END SOLUTION", "")
    nbformat.write(nb, path)
    with pytest.raises(ReleaseError, match=r"demo/01_bienvenida\.ipynb"):
        release(minikit)


def test_the_command_says_what_it_wrote(minikit, capsys):
    assert main(["release", "--root", str(minikit.root)]) == 0
    assert "0 escrito(s), 1 sin cambios" in capsys.readouterr().out
