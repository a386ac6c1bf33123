"""What to grade: nbgrader's ``submitted/<team>/<track>/`` folders or ``kit submit`` zips."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from kit.errors import GradingError, KitError
from kit.i18n import messages

__all__ = ["Submission", "find_submissions"]

MSG = messages(
    "submissions",
    {
        "none": (
            "{path}: no hay entregas. Se espera `<equipo>/<reto>/*.ipynb` (como submitted/ de "
            "nbgrader) o archivos .zip de `kit submit`.",
            "{path}: no submissions. Expected `<team>/<track>/*.ipynb` (like nbgrader's "
            "submitted/) or .zip files made by `kit submit`.",
        ),
        "missing": ("{path}: la carpeta no existe.", "{path}: the folder does not exist."),
        "bad_zip": (
            "{path}: entrega rechazada: {problem}",
            "{path}: submission rejected: {problem}",
        ),
        "bad_name": (
            "{path}: nombre de equipo no válido como carpeta; usa letras, números, - y _.",
            "{path}: team name unusable as a folder; use letters, digits, - and _.",
        ),
    },
)

_SAFE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")


@dataclass(frozen=True)
class Submission:
    """One team's work on one track, as a folder of files."""

    team: str
    track: str
    folder: Path
    timestamp: datetime | None = None
    origin: str = ""


@dataclass
class Found:
    """Submissions to grade, and those refused before grading (with the reason)."""

    submissions: list[Submission] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)


def find_submissions(path: Path, extract_to: Path) -> Found:
    """The submissions under ``path``; zips are checked and unpacked into ``extract_to``."""
    if not path.is_dir():
        raise GradingError(MSG["missing"].format(path=path))
    found = Found()
    zips = sorted(path.glob("*.zip"))
    for archive in zips:
        _add_zip(archive, extract_to, found)
    if not zips:
        for team in sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith(".")):
            for track in sorted(p for p in team.iterdir() if p.is_dir()):
                if not any(track.glob("*.ipynb")):
                    continue
                if not _SAFE_NAME.match(team.name):
                    found.rejected.append((str(team), MSG["bad_name"].format(path=team.name)))
                    continue
                found.submissions.append(
                    Submission(team.name, track.name, track, _timestamp(track), str(track))
                )
    if not found.submissions and not found.rejected:
        raise GradingError(MSG["none"].format(path=path))
    return found


def _add_zip(archive: Path, extract_to: Path, found: Found) -> None:
    from kit.submission.read import extract, read_submission

    try:
        submission = read_submission(archive)
        folder = extract(submission, extract_to)
    except KitError as error:
        found.rejected.append(
            (str(archive), MSG["bad_zip"].format(path=archive.name, problem=error))
        )
        return
    created = _parse_time(str(getattr(submission, "created", "") or ""))
    found.submissions.append(
        Submission(folder.parent.name, folder.name, folder, created, str(archive))
    )


def _timestamp(folder: Path) -> datetime | None:
    """nbgrader's ``timestamp.txt`` when present (written by ``nbgrader collect``)."""
    for candidate in (folder / "timestamp.txt", folder.parent / "timestamp.txt"):
        if candidate.is_file():
            return _parse_time(candidate.read_text(encoding="utf-8", errors="replace").strip())
    return None


def _parse_time(text: str) -> datetime | None:
    if not text:
        return None
    try:
        from nbgrader.utils import parse_utc

        return parse_utc(text)
    except Exception:  # a bad timestamp only loses the timestamp
        return None
