"""Check 1: challenges/ is exactly what ``kit release`` would write from solutions/ now."""

from __future__ import annotations

from kit.organizer.layout import KitLayout
from kit.organizer.validate.model import Finding
from kit.organizer.validate.pairs import NotebookPair

__all__ = ["check_release"]

FIX = "ejecuta / run: kit release"


def check_release(
    layout: KitLayout, pairs: list[NotebookPair], tracks: list[str] | None = None
) -> tuple[list[Finding], int]:
    """Differences between challenges/ and a fresh release, and how many notebooks compared.

    With ``tracks``, only those tracks' folders are compared (``kit validate TRACK``)."""
    found = []
    for pair in pairs:
        where = pair.label(layout.root, released=True)
        if pair.released_text is None:
            found.append(Finding("release", where, f"falta el reto / missing release; {FIX}"))
        elif pair.released_text != pair.planned_text:
            found.append(
                Finding(
                    "release",
                    where,
                    "desactualizado respecto a solutions/ / "
                    f"stale: differs from a fresh release; {FIX}",
                )
            )
    for track in tracks or layout.tracks():
        folder = layout.challenges / track
        planned = {pair.released_path.name for pair in pairs if pair.track == track}
        for extra in sorted(folder.glob("*.ipynb")):
            if extra.name not in planned:
                found.append(
                    Finding(
                        "release",
                        f"challenges/{track}/{extra.name}",
                        f"no tiene fuente en solutions/ / no source; {FIX}",
                    )
                )
    if tracks is None and layout.challenges.is_dir():
        known = layout.tracks()
        for folder in sorted(p for p in layout.challenges.iterdir() if p.is_dir()):
            if folder.name not in known and any(folder.glob("*.ipynb")):
                found.append(
                    Finding(
                        "release",
                        f"challenges/{folder.name}",
                        f"track sin fuente en solutions/ / track without source; {FIX}",
                    )
                )
    return found, len(pairs)
