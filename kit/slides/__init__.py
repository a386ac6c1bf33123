"""Mentor sessions as reveal.js decks: ``kit slides`` (see docs/architecture.md)."""

from kit.slides.deck import find_session, write_deck
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
