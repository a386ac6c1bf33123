"""A mentor session notebook -> a reveal.js deck in one language, from its stored outputs.

nbconvert's ``SlidesExporter`` does the slides (``slideshow.slide_type`` per cell, ``notes``
cells as reveal.js speaker notes); the kit adds two preprocessors (one language per deck, the
timing plan on the title slide) and, for ``offline``, a local copy of reveal.js. Nothing is
executed: a mentor session is committed with its outputs (checked by nbval in ``kit validate``).
"""

from __future__ import annotations

from pathlib import Path

import nbformat

from kit.errors import KitError
from kit.i18n import messages
from kit.slides.assets import CDN_REVEAL, copy_assets, offline_urls
from kit.slides.language import KeepLanguage
from kit.slides.plan import TimingPlanNotes, session_metadata

__all__ = ["find_session", "write_deck"]

TEMPLATES = Path(__file__).with_name("templates")

MSG = messages(
    "slides",
    {
        "unknown": (
            "No existe la sesión {name}. Sesiones en {folder}: {known}.",
            "No session {name}. Sessions in {folder}: {known}.",
        ),
        "none": ("(ninguna)", "(none)"),
        "unreadable": (
            "{path}: no es un cuaderno legible ({problem}).",
            "{path}: not a readable notebook ({problem}).",
        ),
    },
)


def find_session(session: str, folder: Path) -> Path:
    """``session`` as a notebook path, else as a name (with or without .ipynb) in ``folder``."""
    path = Path(session)
    if path.suffix == ".ipynb" and path.is_file():
        return path
    candidate = folder / (path.name if path.suffix == ".ipynb" else f"{path.name}.ipynb")
    if candidate.is_file():
        return candidate
    known = sorted(p.stem for p in folder.glob("*.ipynb")) if folder.is_dir() else []
    raise KitError(
        MSG["unknown"].format(
            name=session, folder=folder, known=", ".join(known) or MSG["none"].get()
        )
    )


def write_deck(notebook: Path, lang: str, output: Path, *, offline: bool = False) -> Path:
    """Write ``output/<session>.<lang>.slides.html`` (and, offline, reveal.js beside it)."""
    from nbconvert import SlidesExporter

    try:
        nb = nbformat.read(notebook, as_version=4)
    except Exception as problem:  # nbformat raises several unrelated types
        raise KitError(MSG["unreadable"].format(path=notebook, problem=problem)) from problem
    title = session_metadata(nb).get("title")
    if isinstance(title, dict) and title.get(lang):
        nb.metadata["title"] = title[lang]
    urls = offline_urls() if offline else {"reveal_url_prefix": CDN_REVEAL}
    exporter = SlidesExporter(
        extra_template_basedirs=[str(TEMPLATES)],
        template_name="kit_reveal",
        reveal_theme="white",
        language_code=lang,
        **urls,
    )
    resources = {"kit_offline": offline, "metadata": {"name": notebook.stem}}
    # Before the exporter's own preprocessors: its reveal one groups cells into slides, and the
    # plan's notes cell must be grouped with the title slide like any other notes cell.
    for step in (KeepLanguage(lang=lang, enabled=True), TimingPlanNotes(lang=lang, enabled=True)):
        nb, resources = step(nb, resources)
    body, _ = exporter.from_notebook_node(nb, resources=resources)
    output.mkdir(parents=True, exist_ok=True)
    deck = output / f"{notebook.stem}.{lang}.slides.html"
    deck.write_text(body, encoding="utf-8")
    if offline:
        copy_assets(output)
    return deck
