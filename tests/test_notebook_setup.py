"""kit.setup in a notebook: language, style, and errors a newcomer can act on."""

import pytest
from IPython.core.interactiveshell import InteractiveShell

import kit
from kit.errors import DataFormatError
from kit.i18n import get_language, set_language


@pytest.fixture
def shell():
    shell = InteractiveShell.instance()
    yield shell
    InteractiveShell.clear_instance()
    set_language("es")


def test_setup_sets_the_language_and_explains_name_errors(shell, capsys):
    shell.run_cell("import kit\nkit.setup(lang='en')")
    assert get_language() == "en"
    shell.run_cell("variable_que_no_existe")
    out = capsys.readouterr()
    assert "NameError" in out.out + out.err
    assert "Run All Above" in out.out


def test_kit_errors_show_one_line_in_jupyter():
    error = DataFormatError("datos.json", "no es OCDS")
    assert error._render_traceback_() == ["DataFormatError: datos.json: no es OCDS"]


def test_setup_rejects_an_unknown_language():
    with pytest.raises(ValueError, match="LANG"):
        kit.setup(lang="fr")
