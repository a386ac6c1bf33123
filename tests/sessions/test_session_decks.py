"""Every mentor session of the kit keeps the conventions and becomes a deck in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kit.sessions import check_session, sessions
from kit.sessions.catalog import read_notebook
from kit.slides import write_deck
from kit.slides.widgets import WIDGET_VIEW

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "mentorship_sessions"
NAMES = [s.name for s in sessions(FOLDER)]


def test_the_kit_has_at_least_six_sessions_with_a_plan():
    assert len(NAMES) >= 6, NAMES
    for session in sessions(FOLDER):
        assert session.title("es") != session.title("en"), session.name
        assert 20 <= session.minutes <= 60, session.name
        assert sum(part["minutes"] for part in session.plan) == session.minutes


@pytest.mark.parametrize("name", NAMES)
def test_a_session_keeps_the_conventions(name):
    path = FOLDER / f"{name}.ipynb"
    assert check_session(read_notebook(path), path.name) == []


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("lang", ["es", "en"])
def test_every_session_becomes_an_offline_deck(name, lang, tmp_path):
    deck = write_deck(FOLDER / f"{name}.ipynb", lang, tmp_path, offline=True)
    html = deck.read_text(encoding="utf-8")
    assert html.count("<section") >= 8
    assert html.count('<aside class="notes">') >= 3
    heading = "Plan de tiempos" if lang == "es" else "Timing plan"
    assert heading in html
    assert WIDGET_VIEW not in html and "unpkg.com" not in html
    assert re.search(r'class="kit-explorer"><img [^>]*src="data:image/png;base64,', html)
    assert not re.findall(r'(?:src|href)="https?://', html)
    assert '<details lang="en">' not in html
