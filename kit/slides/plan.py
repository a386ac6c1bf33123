"""The session's timing plan as the title slide's first speaker notes.

A mentor session notebook carries ``metadata.kit.session``: ``title {es, en}``, ``minutes`` and
``plan`` (a list of ``{part: {es, en}, minutes}``). The mentor needs that plan while presenting,
not the room: so it becomes a ``notes`` cell right after the first slide's first cell, which
nbconvert's reveal template renders as ``<aside class="notes">`` on the title slide.
"""

from __future__ import annotations

from typing import Any

import nbformat
from nbconvert.preprocessors import Preprocessor
from traitlets import Enum

from kit.i18n import messages
from kit.sessions.catalog import session_metadata

__all__ = ["TimingPlanNotes", "timing_plan"]

MSG = messages(
    "slides.plan",
    {
        "heading": ("Plan de tiempos ({minutes} min)", "Timing plan ({minutes} min)"),
        "unbalanced": (
            "Las partes suman {total} min, no {minutes}.",
            "The parts add up to {total} min, not {minutes}.",
        ),
    },
)


def _in(value: Any, lang: str) -> str:
    return str(value.get(lang, "")) if isinstance(value, dict) else str(value)


def timing_plan(session: dict, lang: str) -> str:
    """The plan as markdown in ``lang``; an empty string when the session has no plan."""
    parts = session.get("plan") or []
    if not parts:
        return ""
    total = sum(int(p.get("minutes", 0)) for p in parts)
    minutes = int(session.get("minutes", total))
    lines = [f"**{MSG['heading'].format(lang, minutes=minutes)}**", ""]
    lines += [
        f"{n}. {_in(p.get('part', ''), lang)}: {p.get('minutes')} min"
        for n, p in enumerate(parts, 1)
    ]
    if total != minutes:
        lines += ["", f"⚠ {MSG['unbalanced'].format(lang, total=total, minutes=minutes)}"]
    return "\n".join(lines)


class TimingPlanNotes(Preprocessor):
    """nbconvert preprocessor: insert the timing plan as notes on the title slide."""

    lang = Enum(["es", "en"], default_value="es").tag(config=True)

    def preprocess(self, nb, resources):
        text = timing_plan(session_metadata(nb), self.lang)
        if text:
            notes = nbformat.v4.new_markdown_cell(
                text, metadata={"slideshow": {"slide_type": "notes"}}
            )
            first = next((i for i, c in enumerate(nb.cells) if not _skipped(c)), None)
            nb.cells.insert(0 if first is None else first + 1, notes)
        return nb, resources


def _skipped(cell: Any) -> bool:
    return cell.metadata.get("slideshow", {}).get("slide_type") == "skip"
