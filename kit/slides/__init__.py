"""Mentor sessions as reveal.js decks: ``kit slides`` (see docs/architecture.md)."""

from kit.sessions.catalog import find_session
from kit.slides.deck import write_deck
from kit.slides.language import KeepLanguage, keep_language
from kit.slides.plan import TimingPlanNotes, timing_plan

__all__ = [
    "KeepLanguage",
    "TimingPlanNotes",
    "find_session",
    "keep_language",
    "timing_plan",
    "write_deck",
]
