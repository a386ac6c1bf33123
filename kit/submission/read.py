"""Reading a submission zip safely: the grader's side of ``kit submit``.

Submissions are untrusted. A zip is accepted only when every entry is a regular file at a safe
path under ``<track>/`` (no absolute path, ``..``, backslash or symbolic link), the entries are
few and small enough (a zip bomb is refused before anything is decompressed), the manifest is
well formed, and every file matches its sha256 in the manifest, with nothing missing and nothing
extra. Anything else raises :class:`SubmissionError` naming the zip and the problem.
"""

from __future__ import annotations

import hashlib
import shutil
import stat
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kit.i18n import messages
from kit.submission.errors import SubmissionError
from kit.submission.manifest import (
    MANIFEST_NAME,
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_MANIFEST_BYTES,
    MAX_TOTAL_BYTES,
    Manifest,
    parse_manifest,
    path_problem,
    slugify,
)

__all__ = ["Submission", "SubmissionError", "extract", "read_submission"]

MSG = messages(
    "submission_read",
    {
        "missing": ("el archivo no existe", "the file does not exist"),
        "not_zip": ("no es un zip válido ({error})", "not a valid zip ({error})"),
        "corrupt": ("zip dañado en {name!r} ({error})", "corrupt zip at {name!r} ({error})"),
        "no_manifest": (
            "falta {name}: no lo escribió `kit submit`",
            "{name} is missing: it was not written by `kit submit`",
        ),
        "too_many": (
            "tiene {n} entradas; el máximo es {max}",
            "it holds {n} entries; at most {max}",
        ),
        "too_large": (
            "descomprimido pesaría {size} bytes; el máximo es {max} (¿bomba zip?)",
            "it would unpack to {size} bytes; at most {max} (zip bomb?)",
        ),
        "file_too_large": (
            "{name!r} descomprimido pesaría {size} bytes; el máximo es {max}",
            "{name!r} would unpack to {size} bytes; at most {max}",
        ),
        "link": (
            "{name!r} es un enlace simbólico o un archivo especial",
            "{name!r} is a symbolic link or a special file",
        ),
        "encrypted": ("{name!r} está cifrado", "{name!r} is encrypted"),
        "twice": ("{name!r} aparece dos veces", "{name!r} appears twice"),
        "unlisted": (
            "{name!r} está en el zip pero no en el manifiesto",
            "{name!r} is in the zip but not in the manifest",
        ),
        "absent": (
            "{name!r} está en el manifiesto pero falta en el zip",
            "{name!r} is listed in the manifest but missing from the zip",
        ),
        "escape": (
            "{name!r} quedaría fuera de la carpeta destino",
            "{name!r} would land outside the destination folder",
        ),
        "hash": (
            "{name!r}: su sha256 no coincide con el manifiesto (archivo alterado)",
            "{name!r}: its sha256 does not match the manifest (file altered)",
        ),
    },
)


@dataclass(frozen=True)
class Submission:
    """A checked submission. File names are paths within the track (``01_conoce.ipynb``)."""

    path: Path
    team: str
    members: tuple[str, ...]
    track: str
    kit_version: str
    created: datetime
    license: str
    ran: bool
    notebooks: dict[str, bytes]
    files: dict[str, bytes]

    @property
    def team_slug(self) -> str:
        """The team's folder name (:func:`kit.submission.manifest.slugify`)."""
        return slugify(self.team)


def read_submission(zip_path: Path | str) -> Submission:
    """Open, check and read the submission zip at ``zip_path`` (raises SubmissionError)."""
    path = Path(zip_path)
    if not path.is_file():
        raise SubmissionError(path, str(MSG["missing"]))
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise SubmissionError(path, MSG["not_zip"].format(error=error)) from None
    with archive:
        entries = _checked_entries(path, archive.infolist())
        if MANIFEST_NAME not in entries:
            raise SubmissionError(path, MSG["no_manifest"].format(name=MANIFEST_NAME))
        manifest_raw = _read(path, archive, entries.pop(MANIFEST_NAME), MAX_MANIFEST_BYTES)
        manifest = parse_manifest(manifest_raw, path)
        _check_listing(path, manifest, entries)
        contents = {}
        for name, info in entries.items():
            contents[name] = _read(path, archive, info, MAX_FILE_BYTES)
    _check_hashes(path, manifest, contents)
    return _submission(path, manifest, contents)


def _checked_entries(path: Path, infos: list[zipfile.ZipInfo]) -> dict[str, zipfile.ZipInfo]:
    """The file entries by name, after the checks that need no decompression."""
    if len(infos) > MAX_FILES + 1:
        raise SubmissionError(path, MSG["too_many"].format(n=len(infos), max=MAX_FILES))
    total = sum(info.file_size for info in infos)
    if total > MAX_TOTAL_BYTES:
        raise SubmissionError(path, MSG["too_large"].format(size=total, max=MAX_TOTAL_BYTES))
    entries: dict[str, zipfile.ZipInfo] = {}
    seen: set[str] = set()
    for info in infos:
        name = info.filename.removesuffix("/") if info.is_dir() else info.filename
        problem = path_problem(name)
        if problem:
            raise SubmissionError(path, problem)
        if name.casefold() in seen:
            raise SubmissionError(path, MSG["twice"].format(name=name))
        seen.add(name.casefold())
        if info.is_dir():
            continue
        _check_entry(path, info)
        entries[name] = info
    return entries


def _check_entry(path: Path, info: zipfile.ZipInfo) -> None:
    mode = info.external_attr >> 16
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG):
        raise SubmissionError(path, MSG["link"].format(name=info.filename))
    if info.flag_bits & 0x1:
        raise SubmissionError(path, MSG["encrypted"].format(name=info.filename))
    if info.file_size > MAX_FILE_BYTES:
        message = MSG["file_too_large"].format(
            name=info.filename, size=info.file_size, max=MAX_FILE_BYTES
        )
        raise SubmissionError(path, message)


def _check_listing(path: Path, manifest: Manifest, entries: dict[str, zipfile.ZipInfo]) -> None:
    listed = {**manifest.notebooks, **manifest.files}
    for name in entries:
        if name not in listed:
            raise SubmissionError(path, MSG["unlisted"].format(name=name))
    for name in listed:
        if name not in entries:
            raise SubmissionError(path, MSG["absent"].format(name=name))


def _read(path: Path, archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """The entry's bytes; never more than ``limit`` nor than the size its header declares."""
    try:
        with archive.open(info) as stream:
            data = stream.read(min(limit, info.file_size) + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
        raise SubmissionError(
            path, MSG["corrupt"].format(name=info.filename, error=error)
        ) from None
    if len(data) > min(limit, info.file_size):
        raise SubmissionError(
            path, MSG["file_too_large"].format(name=info.filename, size=len(data), max=limit)
        )
    return data


def _check_hashes(path: Path, manifest: Manifest, contents: dict[str, bytes]) -> None:
    listed = {**manifest.notebooks, **manifest.files}
    for name, data in contents.items():
        if hashlib.sha256(data).hexdigest() != listed[name]:
            raise SubmissionError(path, MSG["hash"].format(name=name))


def _submission(path: Path, manifest: Manifest, contents: dict[str, bytes]) -> Submission:
    prefix = len(manifest.track) + 1
    notebooks = {n[prefix:]: contents[n] for n in sorted(manifest.notebooks)}
    files = {n[prefix:]: contents[n] for n in sorted(manifest.files)}
    return Submission(
        path=path,
        team=manifest.team,
        members=manifest.members,
        track=manifest.track,
        kit_version=manifest.kit_version,
        created=manifest.created,
        license=manifest.license,
        ran=manifest.ran,
        notebooks=notebooks,
        files=files,
    )


def extract(submission_or_zip: Submission | Path | str, dest: Path | str) -> Path:
    """Write a submission's files to ``dest/<team-slug>/<track>/`` and return that folder.

    A zip path is read (and checked) first. An earlier extraction of the same team and track
    is replaced, so the folder holds exactly the submission.
    """
    submission = (
        submission_or_zip
        if isinstance(submission_or_zip, Submission)
        else read_submission(submission_or_zip)
    )
    root = Path(dest).resolve()
    target = root / submission.team_slug / submission.track
    if target.is_symlink() or target.is_file():
        target.unlink()
    elif target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    for name, data in sorted({**submission.notebooks, **submission.files}.items()):
        out = (target / name).resolve()
        if not out.is_relative_to(target.resolve()):  # already refused by read; kept as a guard
            raise SubmissionError(submission.path, MSG["escape"].format(name=name))
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    return target
