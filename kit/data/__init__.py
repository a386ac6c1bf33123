"""The bundled sample files, their manifest, and downloads of the official files.

``manifest.json`` records for every bundled file its sha256, size, format and row counts, and
which generator in :mod:`kit.samples` wrote it. ``kit validate`` proves the files still match.
"""

from __future__ import annotations

import hashlib
import json
import os
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit.errors import KitError, SourceNotFoundError
from kit.i18n import messages

__all__ = ["DATA_DIR", "DataProblem", "cache_dir", "fetch", "manifest", "path", "record", "verify"]

DATA_DIR = Path(__file__).resolve().parent
MANIFEST = DATA_DIR / "manifest.json"

MSG = messages(
    "data",
    {
        "missing": (
            "No encuentro el archivo de muestra {name!r} en {folder}. Reinstala el kit "
            "(pip install -e .) o regenera las muestras: python -m kit.samples",
            "Sample file {name!r} is missing from {folder}. Reinstall the kit "
            "(pip install -e .) or regenerate the samples: python -m kit.samples",
        ),
        "offline": (
            "No pude descargar {url} ({reason}). Descárgalo a mano desde {page} y pasa la ruta "
            "del archivo al cargador, por ejemplo load('ruta/al/archivo.json').",
            "Could not download {url} ({reason}). Download it by hand from {page} and pass the "
            "file's path to the loader, for example load('path/to/file.json').",
        ),
        "bad_hash": (
            "{name}: sha256 {actual} no coincide con el manifiesto ({expected}); el archivo fue "
            "editado. Regenera con: python -m kit.samples",
            "{name}: sha256 {actual} does not match the manifest ({expected}); the file was "
            "edited. Regenerate with: python -m kit.samples",
        ),
        "bad_manifest": (
            "manifest.json falta o no se puede leer ({error}); regenera con: python -m kit.samples",
            "manifest.json is missing or unreadable ({error}); regenerate: python -m kit.samples",
        ),
        "not_listed": (
            "{name}: está en kit/data pero no en manifest.json",
            "{name}: is in kit/data but not in manifest.json",
        ),
        "not_found": (
            "{name}: está en manifest.json pero falta el archivo",
            "{name}: is listed in manifest.json but the file is missing",
        ),
    },
)


def manifest() -> dict[str, dict[str, Any]]:
    """The manifest's entries, keyed by path relative to ``kit/data``."""
    if not MANIFEST.exists():
        return {}
    return json.loads(MANIFEST.read_text(encoding="utf-8"))["files"]


def path(name: str) -> Path:
    """Absolute path of the bundled file ``name`` (relative to ``kit/data``)."""
    target = DATA_DIR / name
    if not target.is_file():
        raise SourceNotFoundError(MSG["missing"].format(name=name, folder=DATA_DIR))
    return target


def sha256(file: Path) -> str:
    digest = hashlib.sha256()
    with open(file, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def record(name: str, **info: Any) -> dict[str, Any]:
    """Write (or refresh) the manifest entry of ``name`` with its hash, size and ``info``."""
    file = path(name)
    entries = manifest()
    entry = {"sha256": sha256(file), "bytes": file.stat().st_size, **info}
    entries[name] = entry
    text = json.dumps({"files": dict(sorted(entries.items()))}, indent=2, ensure_ascii=False)
    MANIFEST.write_text(text + "\n", encoding="utf-8")
    return entry


@dataclass(frozen=True)
class DataProblem:
    """One way the bundled data differ from the manifest."""

    name: str
    message: str


def verify(data_dir: Path | None = None) -> list[DataProblem]:
    """Every difference between the bundled files and the manifest (empty when all is well)."""
    root = Path(data_dir) if data_dir else DATA_DIR
    try:
        listed = json.loads((root / "manifest.json").read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError) as error:
        return [DataProblem("manifest.json", MSG["bad_manifest"].format(error=error))]
    problems = []
    for name, entry in sorted(listed.items()):
        file = root / name
        if not file.is_file():
            problems.append(DataProblem(name, MSG["not_found"].format(name=name)))
            continue
        actual = sha256(file)
        if actual != entry["sha256"]:
            text = MSG["bad_hash"].format(
                name=name, actual=actual[:12], expected=entry["sha256"][:12]
            )
            problems.append(DataProblem(name, text))
    for file in sorted(root.rglob("*")):
        name = file.relative_to(root).as_posix()
        if file.is_file() and _is_data(file) and name not in listed:
            problems.append(DataProblem(name, MSG["not_listed"].format(name=name)))
    return problems


def _is_data(file: Path) -> bool:
    return (
        file.name != "manifest.json"
        and file.suffix not in {".py", ".pyc"}
        and "__pycache__" not in file.parts
    )


def cache_dir() -> Path:
    """Where downloads of official files are kept (``$KIT_CACHE`` or ``~/.cache/dataton-kit``)."""
    root = os.environ.get("KIT_CACHE") or Path.home() / ".cache" / "dataton-kit"
    folder = Path(root)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def fetch(url: str, filename: str, page: str, *, timeout: float = 30) -> Path:
    """Download ``url`` into the cache once (with a progress bar) and return its path.

    ``page`` is where a person can download the file by hand; the error says so when offline.
    """
    target = cache_dir() / filename
    if target.exists():
        return target
    partial = target.with_suffix(target.suffix + ".part")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            total = int(response.headers.get("Content-Length") or 0) or None
            _copy_with_progress(response, partial, total, filename)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise KitError(MSG["offline"].format(url=url, reason=error, page=page)) from error
    partial.replace(target)
    return target


def _copy_with_progress(response: Any, dest: Path, total: int | None, label: str) -> None:
    from rich.progress import Progress

    with Progress(transient=True) as progress, open(dest, "wb") as out:
        task = progress.add_task(label, total=total)
        for block in iter(lambda: response.read(1 << 16), b""):
            out.write(block)
            progress.advance(task, len(block))
