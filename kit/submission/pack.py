"""``kit submit``'s work: check the rules, run the notebooks, write ``<team>__<track>.zip``.

Every rule is checked before anything is written, and all broken rules are reported together
(:class:`SubmissionRefused`), so a team fixes everything in one go. The files are read once,
before the notebooks run, so the zip holds exactly what the team had; the manifest records the
sha256 of each. The zip is read back with :func:`kit.submission.read.read_submission`, the
grader's own reader, before it is put in place.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import kit
from kit.i18n import messages
from kit.submission.errors import BrokenRule, SubmissionRefused
from kit.submission.files import collect_files
from kit.submission.licence import find_licence
from kit.submission.manifest import (
    MANIFEST_NAME,
    MAX_FILES,
    MAX_TOTAL_BYTES,
    Manifest,
    slugify,
)
from kit.submission.read import read_submission
from kit.submission.rules import (
    check_licence,
    check_notebooks,
    check_team,
    check_track,
    clean_name,
)
from kit.submission.run import NotebookRun, broken_runs, run_notebooks

__all__ = ["Packed", "pack", "zip_name"]

MSG = messages(
    "submission_pack",
    {
        "not_folder": (
            "{folder} no es una carpeta: indica la carpeta de trabajo del reto.",
            "{folder} is not a folder: give the track's work folder.",
        ),
        "too_many": (
            "La carpeta tiene {n} archivos; el máximo es {max}. Deja fuera lo que no sea parte "
            "del proyecto.",
            "The folder holds {n} files; at most {max}. Leave out what is not part of the project.",
        ),
        "too_large": (
            "Los archivos suman {size:.0f} MB; el máximo es {max:.0f} MB. Comparte los datos "
            "grandes con un enlace en el README.",
            "The files add up to {size:.0f} MB; at most {max:.0f} MB. Share large data through a "
            "link in the README.",
        ),
    },
)


@dataclass
class Packed:
    """A written submission: the zip, its manifest, its sha256, and what was left out."""

    path: Path
    manifest: Manifest
    sha256: str
    size: int
    warnings: list[str] = field(default_factory=list)
    runs: list[NotebookRun] = field(default_factory=list)


def zip_name(team: str, track: str) -> str:
    """``<team-slug>__<track>.zip``, the name graders sort submissions by."""
    return f"{slugify(team)}__{track}.zip"


def pack(
    folder: Path | str,
    *,
    team: str,
    members: Sequence[str],
    track: str | None = None,
    output: Path | str | None = None,
    timeout: float = 120,
    run: bool = True,
    fast: bool = True,
    on_run: Callable[[NotebookRun], None] | None = None,
) -> Packed:
    """Check the rules on ``folder`` (a track's work copy), run its notebooks, write the zip.

    Raises :class:`SubmissionRefused` listing every broken rule; then no zip is written.
    ``run=False`` skips the notebook runs and records ``"ran": false`` in the manifest.
    """
    folder = Path(folder).resolve()
    if not folder.is_dir():
        raise SubmissionRefused([BrokenRule("folder", MSG["not_folder"].format(folder=folder))])
    team, members = clean_name(team), [clean_name(member) for member in members]
    track = track or folder.name
    broken = check_team(team, members) + check_track(track)
    licence = find_licence(folder)
    broken += check_licence(folder, licence)
    collected = collect_files(folder)  # earlier zips (<team>__<track>.zip) are left out
    if licence and licence.spdx and licence.path.parent != folder:
        collected.files.setdefault(licence.path.name, licence.path)  # the parent's licence
    too_big = _check_size(collected.files)
    broken += check_notebooks(folder, collected.notebooks) + too_big
    files = {} if too_big else collected.files  # read now: the zip holds what the team had
    contents = {name: path.read_bytes() for name, path in files.items()}
    runs = []
    if run and collected.notebooks:
        runs = run_notebooks(
            folder, collected.notebooks, timeout=timeout, fast=fast, on_done=on_run
        )
        broken += broken_runs(runs)
    if broken:
        raise SubmissionRefused(broken)
    manifest = _manifest(team, members, track, licence.spdx, run, contents)
    target = Path(output or Path.cwd()).resolve() / zip_name(team, track)
    digest, size = _write_zip(target, manifest, contents)
    return Packed(target, manifest, digest, size, collected.warnings, runs)


def _check_size(files: dict[str, Path]) -> list[BrokenRule]:
    broken = []
    if len(files) > MAX_FILES:
        broken.append(BrokenRule("size", MSG["too_many"].format(n=len(files), max=MAX_FILES)))
    total = sum(path.stat().st_size for path in files.values())
    if total > MAX_TOTAL_BYTES:
        mb = 1024 * 1024
        message = MSG["too_large"].format(size=total / mb, max=MAX_TOTAL_BYTES / mb)
        broken.append(BrokenRule("size", message))
    return broken


def _manifest(
    team: str, members: list[str], track: str, spdx: str, ran: bool, contents: dict[str, bytes]
) -> Manifest:
    hashes = {
        f"{track}/{name}": hashlib.sha256(data).hexdigest() for name, data in contents.items()
    }
    return Manifest(
        team=team,
        members=tuple(members),
        track=track,
        kit_version=kit.__version__,
        created=datetime.now(UTC).replace(microsecond=0),
        license=spdx,
        ran=ran,
        notebooks={name: h for name, h in hashes.items() if name.endswith(".ipynb")},
        files={name: h for name, h in hashes.items() if not name.endswith(".ipynb")},
    )


def _write_zip(target: Path, manifest: Manifest, contents: dict[str, bytes]) -> tuple[str, int]:
    """Write the zip next to ``target`` and move it in place once the grader's reader accepts it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    stamp = manifest.created.timetuple()[:6]
    handle, temporary = tempfile.mkstemp(prefix=".kit-submit-", suffix=".zip", dir=target.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(_entry(MANIFEST_NAME, stamp), manifest.dumps())
            for name in sorted(contents):
                archive.writestr(_entry(f"{manifest.track}/{name}", stamp), contents[name])
        read_submission(temporary)
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
    data = target.read_bytes()
    return hashlib.sha256(data).hexdigest(), len(data)


def _entry(name: str, stamp: tuple[int, ...]) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o100644 << 16
    return info
