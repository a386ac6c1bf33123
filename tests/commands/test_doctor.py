"""kit doctor: one line per check, exit 1 with what to do when something is missing."""

from __future__ import annotations

import pytest

from kit.cli import main


@pytest.fixture
def sandbox_says(monkeypatch):
    def set_status(works: bool, text: str) -> None:
        monkeypatch.setattr("kit.organizer.grade.sandbox.sandbox_status", lambda: (works, text))

    return set_status


def test_all_set_when_every_check_passes(sandbox_says, capsys):
    sandbox_says(True, "bubblewrap 0.8.0")
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "Python" in out and "bubblewrap 0.8.0" in out and "Todo listo" in out


def test_a_missing_sandbox_fails_and_says_how_to_fix_it(sandbox_says, capsys):
    sandbox_says(False, "instala bubblewrap")
    assert main(["doctor"]) == 1
    out = capsys.readouterr().out
    assert "instala bubblewrap" in out and "1 revisión(es)" in out


def test_changed_sample_data_are_reported(sandbox_says, monkeypatch, capsys):
    from kit.data import DataProblem

    sandbox_says(True, "ok")
    monkeypatch.setattr("kit.data.verify", lambda: [DataProblem("procurement/x.json.gz", "x")])
    assert main(["--lang", "en", "doctor"]) == 1
    assert "procurement/x.json.gz" in capsys.readouterr().out
