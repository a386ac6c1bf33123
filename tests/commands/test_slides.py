"""kit slides: a bilingual mentor session becomes a one-language reveal.js deck with notes."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from kit.cli import main

TITLE = """# Oferta única en vivo

<details lang="en"><summary>English</summary>

# Single bid, live

</details>"""

FRAGMENT = """Una oferta única es una **señal de riesgo**, no una prueba.

<details lang="en"><summary>English</summary>

A single bid is a **risk signal**, not proof.

</details>"""

NOTES = """Pregunta a la sala: ¿qué cuenta como competencia?

<details lang="en"><summary>English</summary>

Ask the room: what counts as competition?

</details>"""

SKIPPED = """Celda de preparación oculta

<details lang="en"><summary>English</summary>

Hidden set-up cell

</details>"""


def _cell(kind: str, source: str, slide_type: str, **extra):
    make = nbformat.v4.new_markdown_cell if kind == "markdown" else nbformat.v4.new_code_cell
    return make(source, metadata={"slideshow": {"slide_type": slide_type}}, **extra)


def _session(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    output = nbformat.v4.new_output("execute_result", {"text/plain": "0.4213"}, execution_count=1)
    nb.cells = [
        _cell("markdown", TITLE, "slide"),
        _cell("markdown", NOTES, "notes"),
        _cell("markdown", SKIPPED, "skip"),
        _cell("markdown", FRAGMENT, "fragment"),
        _cell("code", "tasa = 0.4213\ntasa", "slide", outputs=[output], execution_count=1),
    ]
    nb.metadata["kit"] = {
        "session": {
            "title": {"es": "Oferta única en vivo", "en": "Single bid, live"},
            "minutes": 30,
            "plan": [
                {"part": {"es": "Pregunta inicial", "en": "Opening question"}, "minutes": 10},
                {"part": {"es": "Demostración", "en": "Demonstration"}, "minutes": 20},
            ],
        }
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


class _Deck(HTMLParser):
    """The parts of a deck the tests look at: sections, notes text, visible text, asset URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.top_sections = 0
        self.leaf_sections = 0
        self._opened: list[bool] = []  # per open section: has it a nested section?
        self.in_notes = 0
        self.in_script = False
        self.notes: list[str] = []
        self.slide_text: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section":
            if self._opened:
                self._opened[-1] = True
            else:
                self.top_sections += 1
            self._opened.append(False)
        elif tag == "aside" and "notes" in (attrs.get("class") or "").split():
            self.in_notes += 1
        elif tag == "script":
            self.in_script = True
            if attrs.get("src"):
                self.urls.append(attrs["src"])
        elif tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "section":
            self.leaf_sections += not self._opened.pop()
        elif tag == "aside" and self.in_notes:
            self.in_notes -= 1
        elif tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script:
            self.urls += re.findall(r'"([^"\s]+\.(?:js|css))"', data)
        elif self.in_notes:
            self.notes.append(data)
        elif self._opened:
            self.slide_text.append(data)


def _parse(deck: Path) -> tuple[_Deck, str]:
    html = deck.read_text(encoding="utf-8")
    parsed = _Deck()
    parsed.feed(html)
    return parsed, html


@pytest.fixture
def session(tmp_path):
    return _session(tmp_path / "mentorship_sessions" / "oferta_unica.ipynb")


def test_spanish_deck_has_slides_notes_plan_and_no_english(session, tmp_path, capsys):
    out = tmp_path / "deck"
    assert main(["slides", str(session), "--lang", "es", "--output", str(out)]) == 0
    deck = out / "oferta_unica.es.slides.html"
    assert str(deck) in capsys.readouterr().out
    parsed, html = _parse(deck)
    assert (parsed.top_sections, parsed.leaf_sections) == (2, 2)
    notes = " ".join(parsed.notes)
    assert "Plan de tiempos (30 min)" in notes
    assert "Pregunta inicial: 10 min" in notes and "Demostración: 20 min" in notes
    assert "¿qué cuenta como competencia?" in notes
    slides = " ".join(parsed.slide_text)
    assert "Oferta única en vivo" in slides and "señal de riesgo" in slides
    assert "0.4213" in slides  # the stored output, not re-run
    assert "¿qué cuenta" not in slides  # notes stay out of the slides
    assert "preparación" not in html and "Hidden set-up" not in html
    for english in ("Single bid", "risk signal", "Ask the room", "Timing plan", "English"):
        assert english not in html
    assert 'class="fragment"' in html
    assert '<html lang="es">' in html


def test_english_deck_keeps_only_the_english_text(session, tmp_path):
    out = tmp_path / "deck"
    assert main(["slides", str(session), "--lang", "en", "--output", str(out)]) == 0
    parsed, html = _parse(out / "oferta_unica.en.slides.html")
    assert (parsed.top_sections, parsed.leaf_sections) == (2, 2)
    notes = " ".join(parsed.notes)
    assert "Timing plan (30 min)" in notes and "Opening question: 10 min" in notes
    assert "Ask the room" in notes
    assert "risk signal" in " ".join(parsed.slide_text)
    for spanish in ("Oferta única en vivo", "señal de riesgo", "Pregunta inicial", "Plan de"):
        assert spanish not in html
    assert "<title>Single bid, live slides</title>" in html


def test_default_deck_loads_reveal_from_the_cdn(session, tmp_path):
    out = tmp_path / "deck"
    assert main(["slides", str(session), "--output", str(out)]) == 0
    parsed, _ = _parse(out / "oferta_unica.es.slides.html")
    assert any(url.startswith("https://unpkg.com/reveal.js@") for url in parsed.urls)


def test_offline_deck_loads_reveal_from_files_beside_it(session, tmp_path):
    out = tmp_path / "deck"
    assert main(["slides", str(session), "--offline", "--output", str(out)]) == 0
    parsed, html = _parse(out / "oferta_unica.es.slides.html")
    assert not [u for u in parsed.urls if u.startswith(("http://", "https://"))]
    for cdn in ("unpkg.com", "cdnjs", "mermaid", "mathjax/"):
        assert cdn not in html
    wanted = {
        "reveal.js/dist/reveal.js",
        "reveal.js/plugin/notes/notes.js",
        "reveal.js/dist/reveal.css",
        "reveal.js/dist/theme/white.css",
        "requirejs/require.js",
        "jquery/jquery.min.js",
    }
    assert wanted <= set(parsed.urls)
    for url in parsed.urls:
        assert (out / url).is_file(), url
    assert (out / "reveal.js" / "LICENSE").is_file()


def test_a_name_is_looked_up_in_mentorship_sessions(session, tmp_path, monkeypatch):
    (tmp_path / "nbgrader_config.py").write_text("")
    (tmp_path / "solutions").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["slides", "oferta_unica", "--lang", "en"]) == 0
    assert (tmp_path / "slides" / "oferta_unica.en.slides.html").is_file()


def test_an_unknown_session_lists_the_sessions_found(session, tmp_path, monkeypatch, capsys):
    _session(tmp_path / "mentorship_sessions" / "redes.ipynb")
    (tmp_path / "nbgrader_config.py").write_text("")
    (tmp_path / "solutions").mkdir()
    monkeypatch.chdir(tmp_path)
    assert main(["slides", "licitaciones"]) == 1
    err = capsys.readouterr().err
    assert "No existe la sesión licitaciones" in err and "oferta_unica, redes" in err
    assert main(["--lang", "en", "slides", "licitaciones"]) == 1
    assert "No session licitaciones" in capsys.readouterr().err
    assert not (tmp_path / "slides").exists()


def test_a_plan_that_does_not_add_up_says_so():
    from kit.slides import timing_plan

    session = {"minutes": 45, "plan": [{"part": {"es": "Demo", "en": "Demo"}, "minutes": 30}]}
    assert "Las partes suman 30 min, no 45." in timing_plan(session, "es")
    assert timing_plan({"minutes": 45}, "es") == ""


def test_keep_language_leaves_a_single_language_cell_alone():
    from kit.slides import keep_language

    assert keep_language("Solo español", "en") == "Solo español"
    assert keep_language(FRAGMENT, "en") == "A single bid is a **risk signal**, not proof."
    assert keep_language(FRAGMENT, "es").endswith("no una prueba.")
