"""A mentor session notebook -> a reveal.js deck in one language, from its stored outputs.

nbconvert's ``SlidesExporter`` does the slides (``slideshow.slide_type`` per cell, ``notes``
cells as reveal.js speaker notes); the kit adds three preprocessors (one language per deck,
the timing plan on the title slide, widgets as their static snapshot) and, for ``offline``, a
local copy of reveal.js. Nothing is executed: a mentor session is committed with its outputs
(checked by nbval in ``kit validate``).
"""

from __future__ import annotations

from pathlib import Path

from kit.sessions.catalog import read_notebook, session_metadata
from kit.slides.assets import CDN_REVEAL, copy_assets, offline_urls
from kit.slides.language import KeepLanguage
from kit.slides.plan import TimingPlanNotes
from kit.slides.widgets import StaticWidgets

__all__ = ["write_deck"]

TEMPLATES = Path(__file__).with_name("templates")


def write_deck(notebook: Path, lang: str, output: Path, *, offline: bool = False) -> Path:
    """Write ``output/<session>.<lang>.slides.html`` (and, offline, reveal.js beside it)."""
    from nbconvert import SlidesExporter

    nb = read_notebook(notebook)
    title = session_metadata(nb).get("title")
    if isinstance(title, dict) and title.get(lang):
        nb.metadata["title"] = title[lang]
    urls = offline_urls() if offline else {"reveal_url_prefix": CDN_REVEAL}
    exporter = SlidesExporter(
        extra_template_basedirs=[str(TEMPLATES)],
        template_name="kit_reveal",
        reveal_theme="white",
        reveal_scroll=True,  # an explorer's snapshot is taller than a slide
        language_code=lang,
        **urls,
    )
    resources = {"kit_offline": offline, "metadata": {"name": notebook.stem}}
    # Before the exporter's own preprocessors: its reveal one groups cells into slides, and the
    # plan's notes cell must be grouped with the title slide like any other notes cell.
    steps = (
        KeepLanguage(lang=lang, enabled=True),
        TimingPlanNotes(lang=lang, enabled=True),
        StaticWidgets(lang=lang, enabled=True),
    )
    for step in steps:
        nb, resources = step(nb, resources)
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    output.mkdir(parents=True, exist_ok=True)
    deck = output / f"{notebook.stem}.{lang}.slides.html"
    deck.write_text(body, encoding="utf-8")
    if offline:
        copy_assets(output)
    return deck
