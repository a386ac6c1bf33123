"""Each solution notebook with its challenge, read from disk once for every check that needs it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from kit.organizer.layout import KitLayout
from kit.organizer.release import load_config, release_text, released_files

__all__ = ["NotebookPair", "read_pairs"]


@dataclass(frozen=True)
class NotebookPair:
    """A solution source, its fresh release, and the challenge file as it is on disk."""

    track: str
    source_path: Path
    source: NotebookNode
    released_path: Path
    released_text: str | None  # None when challenges/ lacks the file
    planned_text: str  # what `kit release` would write now
    language: str | None = None  # set when the source is released as one file per language

    @cached_property
    def released(self) -> NotebookNode:
        """The challenge on disk, or else the would-be release (the stale check reports it)."""
        return nbformat.reads(self.released_text or self.planned_text, as_version=4)

    def label(self, root: Path, released: bool = False) -> str:
        path = self.released_path if released else self.source_path
        return path.relative_to(root).as_posix()


def read_pairs(layout: KitLayout, tracks: list[str] | None = None) -> list[NotebookPair]:
    """Every solution notebook of the tracks (all by default) with its challenge(s) and release.

    A source released as one file per language gives one pair per language.
    """
    config = load_config(layout)
    pairs = []
    for track in tracks or layout.tracks():
        for path in layout.solution_notebooks(track):
            source = nbformat.read(path, as_version=4)
            for name, lang in released_files(source, path.name).items():
                released_path = layout.challenges / track / name
                on_disk = released_path.read_text("utf-8") if released_path.exists() else None
                planned = release_text(source, config, f"{track}/{name}", lang)
                pairs.append(
                    NotebookPair(track, path, source, released_path, on_disk, planned, lang)
                )
    return pairs
