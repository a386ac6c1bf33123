"""`kit submit`: bilingual help, a summary when packed, every broken rule and exit 1 when not."""

import pytest

from kit.cli import main
from kit.submission.read import read_submission
from tests.submission.helpers import make_work


def test_help_is_bilingual(capsys):
    with pytest.raises(SystemExit):
        main(["submit", "--help"])
    text = capsys.readouterr().out
    assert "Revisa las reglas" in text and "Checks the rules" in text
    assert "--members-file" in text and "--add-license" in text


def test_submit_with_a_members_file_and_an_added_licence(tmp_path, capsys):
    folder = make_work(tmp_path, {"01.ipynb": ("1",)}, licence=False)
    members = tmp_path / "equipo.txt"
    members.write_text("Ana\nLuis\n", encoding="utf-8")
    code = main(
        ["submit", str(folder), "--team", "Datos Claros", "--member", "Eva",
         "--members-file", str(members), "--output", str(tmp_path / "out"),
         "--add-license", "MIT", "--skip-run"]
    )  # fmt: skip
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Licencia escrita" in err and "Envío listo" in out and "sha256" in out
    submission = read_submission(tmp_path / "out" / "datos-claros__demo.zip")
    assert submission.members == ("Eva", "Ana", "Luis") and submission.license == "MIT"
    assert "Datos Claros" in (folder / "LICENSE").read_text()


def test_broken_rules_are_all_printed_and_exit_1(tmp_path, capsys):
    folder = make_work(tmp_path, {"01.ipynb": ("1",)}, licence=False)
    code = main(["--lang", "en", "submit", str(folder), "--team", "!!", "--skip-run"])
    err = capsys.readouterr().err
    assert code == 1
    assert "needs at least one letter" in err and "No members" in err
    assert "--add-license MIT" in err
    assert "kit submit: 3 rule(s) broken" in err and "Traceback" not in err
    assert not list(tmp_path.rglob("*.zip"))
