"""A session's offline deck opened in a real browser: reveal.js starts, every slide has content,
the speaker notes are there, and nothing is fetched from the network.

Debian's ``chromium`` is driven headless by Playwright (flags in ../shared/DESIGN.md's
conventions, docs/architecture.md); screenshots of the first slides are kept in
``test-artifacts/slides/`` for a person to look at.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.slides import write_deck
from tests.browser import BROWSER_MARKS, launch

ROOT = Path(__file__).resolve().parents[2]
SESSION = ROOT / "mentorship_sessions" / "01_datos_abiertos_y_calidad.ipynb"
ARTIFACTS = ROOT / "test-artifacts" / "slides"

#: Show slide ``n`` (in document order) with all its fragments.
GO_TO_SLIDE = (
    "n => { const i = Reveal.getIndices(Reveal.getSlides()[n]); Reveal.slide(i.h, i.v, 99); }"
)

pytestmark = BROWSER_MARKS


@pytest.fixture
def page(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        yield page
        browser.close()


def test_an_offline_deck_opens_and_every_slide_shows_content(page, tmp_path):
    deck = write_deck(SESSION, "es", tmp_path / "deck", offline=True)
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(deck.as_uri())
    page.wait_for_function("() => window.Reveal && Reveal.isReady()", timeout=20_000)

    total = page.evaluate("Reveal.getTotalSlides()")
    leaves = page.evaluate("document.querySelectorAll('.slides section:not(:has(section))').length")
    assert total == leaves >= 8

    notes = page.evaluate("Reveal.getSlideNotes(Reveal.getSlides()[0])")
    assert "Plan de tiempos" in notes

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("Reveal.configure({transition: 'none', backgroundTransition: 'none'})")
    empty = []
    for number in range(total):
        page.evaluate(
            GO_TO_SLIDE,
            number,
        )
        text = page.evaluate("Reveal.getCurrentSlide().innerText.trim()")
        images = page.evaluate("Reveal.getCurrentSlide().querySelectorAll('img').length")
        if not text and not images:
            empty.append(number)
        if number < 4:
            page.screenshot(path=str(ARTIFACTS / f"01_es_slide{number:02d}.png"))
    assert not empty, f"empty slides: {empty}"
    assert page.evaluate("Reveal.isLastSlide()")

    assert errors == []
    outside = [url for url in requests if not url.startswith(("file://", "data:"))]
    assert outside == []
    assert any(url.endswith("reveal.js/dist/reveal.js") for url in requests)
