"""Participants' work copies: the challenge notebooks copied once, never overwritten.

``kit release`` rewrites ``challenges/`` whenever the sources change; a participant's answers
must survive that. ``kit start`` copies the notebooks into a personal folder (``trabajo/``,
git-ignored) and remembers, in a small manifest there, which release each copy came from. When
a newer release of a notebook exists, it says so and, if asked, puts the new version *beside*
the participant's copy. Nothing in the work folder is ever overwritten or deleted.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from kit.data import sha256
from kit.errors import KitError
from kit.i18n import LANGUAGES, messages
from kit.organizer.languages import set_parameter
from kit.organizer.layout import KitLayout

__all__ = [
    "MANIFEST",
    "WORK_FOLDER",
    "NewerRelease",
    "StartResult",
    "release_notebooks",
    "start_work_copy",
]

WORK_FOLDER = "trabajo"
MANIFEST = ".kit-copias.json"
WELCOME = "bienvenida"

MSG = messages(
    "workcopy",
    {
        "side_suffix": ("nueva", "new"),
        "bad_manifest": (
            "{path} está dañado ({error}). Bórralo: tus cuadernos no se tocan, solo se olvida "
            "de qué versión vino cada uno.",
            "{path} is damaged ({error}). Delete it: your notebooks are not touched, only the "
            "record of which release each came from is lost.",
        ),
        "no_challenges": (
            "No hay cuadernos en {folder}. Publícalos con `kit release`.",
            "No notebooks in {folder}. Release them with `kit release`.",
        ),
    },
)


@dataclass(frozen=True)
class NewerRelease:
    """A release of a notebook newer than the participant's copy."""

    work: Path  # the participant's copy (never touched)
    release: Path  # the newer notebook in challenges/
    side: Path | None  # where the new version was put beside the copy, if it was


@dataclass
class StartResult:
    """What ``kit start`` did in the work folder."""

    folder: Path
    copied: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)
    newer: list[NewerRelease] = field(default_factory=list)

    @property
    def first(self) -> Path | None:
        """The notebook to open first: the welcome, else the first notebook of the track."""
        everything = sorted([*self.copied, *self.kept], key=lambda p: (p.parent.name, p.name))
        welcome = [p for p in everything if p.parent.name == WELCOME]
        return (welcome or everything or [None])[0]


def release_notebooks(layout: KitLayout, track: str, lang: str) -> list[Path]:
    """The challenge notebooks of ``track`` a participant working in ``lang`` gets.

    A notebook released once per language (the welcome) gives only the ``lang`` file.
    """
    folder = layout.challenges / track
    notebooks = sorted(folder.glob("*.ipynb"))
    if not notebooks:
        raise KitError(MSG["no_challenges"].format(folder=folder))
    return [path for path in notebooks if _language(path) in (None, lang)]


def _language(path: Path) -> str | None:
    """The one language of a notebook released per language (None: both languages)."""
    return nbformat.read(path, as_version=4).metadata.get("kit", {}).get("language")


def start_work_copy(
    layout: KitLayout,
    folder: Path,
    tracks: list[str],
    lang: str = "es",
    side_by_side: bool = False,
    today: dt.date | None = None,
) -> StartResult:
    """Copy the tracks' notebooks into ``folder``; report (or put beside) newer releases."""
    if lang not in LANGUAGES:
        raise KitError(f"lang={lang!r}: {'/'.join(LANGUAGES)}")
    layout.check_tracks(tracks)
    folder = folder.resolve()
    manifest = _read_manifest(folder / MANIFEST)
    result = StartResult(folder)
    for track in tracks:
        for release in release_notebooks(layout, track, lang):
            key = f"{track}/{release.name}"
            work = folder / track / release.name
            text = _work_text(release, lang)
            digest = sha256(release)
            entry = manifest.setdefault(key, {})
            if not work.exists():
                work.parent.mkdir(parents=True, exist_ok=True)
                work.write_text(text, encoding="utf-8")
                entry.update(release_sha256=digest, copied=_date(today))
                result.copied.append(work)
                continue
            result.kept.append(work)
            if "release_sha256" not in entry:  # copied by hand: adopt it only if identical
                if work.read_text(encoding="utf-8") == text:
                    entry.update(release_sha256=digest, copied=_date(today))
                continue
            if entry["release_sha256"] == digest:
                continue
            sides = entry.setdefault("side_copies", {})
            side = folder / track / sides[digest] if digest in sides else None
            if side is None and side_by_side:
                side = _free_name(work, lang, today)
                side.write_text(text, encoding="utf-8")
                sides[digest] = side.name
            result.newer.append(NewerRelease(work, release, side))
    _write_manifest(folder / MANIFEST, manifest)
    return result


def _work_text(release: Path, lang: str) -> str:
    """The notebook as the participant gets it: bilingual notebooks run in their language."""
    text = release.read_text(encoding="utf-8")
    if lang == "es":
        return text
    nb = nbformat.reads(text, as_version=4)
    return nbformat.writes(set_parameter(nb, "LANG", lang)) + "\n"


def _free_name(work: Path, lang: str, today: dt.date | None) -> Path:
    """``<name>.<nueva|new>-<date>.ipynb`` beside the copy, never an existing file."""
    stem = f"{work.stem}.{MSG['side_suffix'].get(lang)}-{_date(today)}"
    candidate, n = work.with_name(f"{stem}.ipynb"), 2
    while candidate.exists():
        candidate, n = work.with_name(f"{stem}-{n}.ipynb"), n + 1
    return candidate


def _read_manifest(path: Path) -> dict[str, dict]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return dict(data["notebooks"])
    except (ValueError, KeyError, TypeError) as error:
        raise KitError(MSG["bad_manifest"].format(path=path, error=error)) from None


def _write_manifest(path: Path, notebooks: dict[str, dict]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"notebooks": dict(sorted(notebooks.items()))}
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _date(today: dt.date | None) -> str:
    return (today or dt.date.today()).isoformat()
