"""Check 1: challenges/ is exactly what ``kit release`` would write from solutions/ now."""

from __future__ import annotations

from kit.organizer.layout import KitLayout
from kit.organizer.release import planned_release
from kit.organizer.validate.model import Finding

__all__ = ["check_release"]

FIX = "ejecuta / run: kit release"


def check_release(layout: KitLayout) -> tuple[list[Finding], int]:
    """Differences between challenges/ and a fresh release, and how many notebooks compared."""
    found, compared = [], 0
    tracks = layout.tracks()
    for track in tracks:
        planned = planned_release(layout, track)
        folder = layout.challenges / track
        for name, text in planned.items():
            compared += 1
            target = folder / name
            where = f"challenges/{track}/{name}"
            if not target.exists():
                found.append(Finding("release", where, f"falta el reto / missing release; {FIX}"))
            elif target.read_text(encoding="utf-8") != text:
                found.append(
                    Finding(
                        "release",
                        where,
                        "desactualizado respecto a solutions/ / "
                        f"stale: differs from a fresh release; {FIX}",
                    )
                )
        for extra in sorted(folder.glob("*.ipynb")):
            if extra.name not in planned:
                found.append(
                    Finding(
                        "release",
                        f"challenges/{track}/{extra.name}",
                        f"no tiene fuente en solutions/ / no source; {FIX}",
                    )
                )
    if layout.challenges.is_dir():
        for folder in sorted(p for p in layout.challenges.iterdir() if p.is_dir()):
            if folder.name not in tracks and any(folder.glob("*.ipynb")):
                found.append(
                    Finding(
                        "release",
                        f"challenges/{folder.name}",
                        f"track sin fuente en solutions/ / track without source; {FIX}",
                    )
                )
    return found, compared
