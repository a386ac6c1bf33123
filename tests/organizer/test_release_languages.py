"""A source that names a file per language is released as one notebook per language."""

from __future__ import annotations

import nbformat
import pytest

from kit.organizer.languages import language_files, set_parameter, single_language
from kit.organizer.release import release
from kit.organizer.validate import plan_jobs
from kit.organizer.validate.pairs import read_pairs
from tests.minikit import demo_notebook, md

FILES = {"es": "01_bienvenida.ipynb", "en": "01_welcome.ipynb"}


@pytest.fixture
def split_kit(minikit):
    """The mini kit with its one notebook released per language."""
    source = minikit.solutions / "demo" / "01_bienvenida.ipynb"
    nb = nbformat.read(source, as_version=4)
    nb.metadata.kit["languages"] = FILES
    nbformat.write(nb, source)
    release(minikit)
    return minikit


def read(layout, name):
    return nbformat.read(layout.challenges / "demo" / name, as_version=4)


def markdown(nb):
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_each_language_gets_its_own_file_and_the_bilingual_one_goes(split_kit):
    names = sorted(p.name for p in (split_kit.challenges / "demo").glob("*.ipynb"))
    assert names == ["01_bienvenida.ipynb", "01_welcome.ipynb"]


def test_the_spanish_file_has_no_english_and_the_english_file_no_spanish(split_kit):
    spanish, english = read(split_kit, FILES["es"]), read(split_kit, FILES["en"])
    assert "# Bienvenida" in markdown(spanish) and "Welcome" not in markdown(spanish)
    assert "# Welcome" in markdown(english) and "Bienvenida" not in markdown(english)
    assert "<details" not in markdown(spanish) + markdown(english)
    assert 'LANG = "en"' in english.cells[1].source and 'LANG = "es"' in spanish.cells[1].source
    assert (spanish.metadata.kit["language"], english.metadata.kit["language"]) == ("es", "en")


def test_both_files_are_stubs_without_hidden_tests(split_kit):
    for name in FILES.values():
        text = "\n".join(c.source for c in read(split_kit, name).cells)
        assert "monto_total = ..." in text and "assert_correct" not in text


def test_releasing_twice_changes_nothing(split_kit):
    (result,) = release(split_kit)
    assert result.written == [] and len(result.unchanged) == 2


def test_validation_runs_the_solution_once_and_each_language_in_its_language(split_kit):
    pairs = read_pairs(split_kit)
    assert sorted(p.language for p in pairs) == ["en", "es"]
    jobs, judges = plan_jobs(split_kit, pairs=pairs)
    assert len(jobs) == len(judges) == 3
    assert [j.kind for j in jobs].count("solution") == 1
    languages = {
        j.label.rsplit("/", 1)[-1]: j.parameters["LANG"] for j in jobs if j.kind == "challenge"
    }
    assert languages == {FILES["es"]: "es", FILES["en"]: "en"}


def test_language_files_needs_every_language():
    nb = demo_notebook()
    nb.metadata.kit["languages"] = {"es": "a.ipynb"}
    assert language_files(nb) == {}
    nb.metadata.kit["languages"] = FILES
    assert language_files(nb) == FILES


def test_a_cell_without_english_block_is_kept_in_both_languages():
    nb = demo_notebook()
    nb.cells.insert(0, nbformat.v4.new_markdown_cell("Solo una línea"))
    nb.cells.insert(1, md("Hola", "Hello"))
    assert single_language(nb, "en").cells[0].source == "Solo una línea"
    assert single_language(nb, "en").cells[1].source == "Hello"
    assert single_language(nb, "es").cells[1].source == "Hola"
    with pytest.raises(ValueError, match="fr"):
        single_language(nb, "fr")


def test_set_parameter_changes_only_the_parameters_cell():
    nb = demo_notebook()
    nb.cells.append(nbformat.v4.new_code_cell('LANG = "es"'))
    set_parameter(nb, "LANG", "en")
    assert nb.cells[1].source == 'DATA_SOURCE = "sample"\nLANG = "en"'
    assert nb.cells[-1].source == 'LANG = "es"'
