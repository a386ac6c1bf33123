"""Read OCDS files of every common shape into one flat stream of releases.

Publishers in Mexico hand out OCDS in many shapes: release packages, record packages, bare JSON
arrays of releases (PDN System 6 bulk files), JSON Lines, a single release, gzip or zip files.
This module hides the shape: :func:`read` yields one :class:`Entry` per release or compiled
release, with the ``ocid`` it belongs to, so compiling and flattening never look at shapes.
Anything that is not OCDS raises :class:`~kit.errors.DataFormatError` naming the file and where.
"""

from __future__ import annotations

import gzip
import json
import os
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit.errors import DataFormatError, SourceNotFoundError
from kit.i18n import messages

__all__ = ["Entry", "Source", "entries", "files_of", "gunzip", "json_kind", "read", "read_file"]

Source = str | os.PathLike[str] | Sequence[str | os.PathLike[str]]

#: Keys that only an OCDS release has; a dict with any of them but no ``ocid`` is a broken release.
RELEASE_KEYS = frozenset(
    ["tag", "initiationType", "parties", "buyer", "planning", "tender", "awards", "contracts"]
)
LINKED_KEYS = frozenset(["url", "date", "tag"])
#: What a directory is searched for (not recursively), in sorted order.
PATTERNS = ("*.json", "*.jsonl", "*.json.gz", "*.jsonl.gz")

MSG = messages(
    "procurement",
    {
        "not_found": (
            "No existe {path}. Revisa la ruta (¿estás en la carpeta correcta?) o usa "
            "load('sample') para la muestra incluida en el kit.",
            "{path} does not exist. Check the path (are you in the right folder?) or use "
            "load('sample') for the sample bundled with the kit.",
        ),
        "no_files": (
            "la carpeta no tiene archivos .json, .jsonl ni .json.gz",
            "the folder has no .json, .jsonl or .json.gz files",
        ),
        "no_paths": ("la lista de archivos está vacía", "the list of files is empty"),
        "empty": (
            "el archivo está vacío; ¿se interrumpió la descarga? Descárgalo de nuevo.",
            "the file is empty; was the download interrupted? Download it again.",
        ),
        "bad_gzip": (
            "el archivo comprimido está dañado o incompleto ({error}); descárgalo de nuevo.",
            "the compressed file is damaged or incomplete ({error}); download it again.",
        ),
        "not_utf8": (
            "no es texto UTF-8 ({error}); ¿es otro formato (Excel, PDF, ZIP)?",
            "is not UTF-8 text ({error}); is it another format (Excel, PDF, ZIP)?",
        ),
        "invalid_json": (
            "{where}no es JSON válido: {error} (línea {line}, columna {column}). Si lo editaste "
            "a mano, revisa esa posición; si lo descargaste, descárgalo de nuevo.",
            "{where}is not valid JSON: {error} (line {line}, column {column}). If you edited "
            "it by hand, look at that position; if you downloaded it, download it again.",
        ),
        "line": ("línea {line}", "line {line}"),
        "not_ocds": (
            "{where}no parece OCDS: esperaba un paquete con 'releases' o 'records', una lista "
            "de entregas (releases) o una entrega con 'ocid'; encontré {found}.",
            "{where}does not look like OCDS: expected a package with 'releases' or 'records', "
            "a list of releases or a release with 'ocid'; found {found}.",
        ),
        "found_keys": ("un objeto con las claves {keys}", "an object with the keys {keys}"),
        "found_type": ("un valor de tipo {kind}", "a value of type {kind}"),
        "no_ocid": (
            "{where}la entrega (release) no tiene 'ocid', el identificador del proceso de "
            "contratación; sin él no se puede saber a qué proceso pertenece.",
            "{where}the release has no 'ocid', the identifier of the contracting process; "
            "without it there is no telling which process it belongs to.",
        ),
        "not_list": (
            "{where}'{key}' debe ser una lista, no {kind}",
            "{where}'{key}' must be a list, not {kind}",
        ),
        "linked_only": (
            "{where}el registro (record) {ocid} no trae 'compiledRelease' y sus entregas son "
            "solo enlaces (url); descarga el paquete de entregas (release package) del publicador.",
            "{where}record {ocid} has no 'compiledRelease' and its releases are only links "
            "(url); download the publisher's release package instead.",
        ),
    },
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One release (or compiled release) read from a file.

    ``n_releases`` is how many releases it stands for: 1 for a release, the length of a record's
    ``releases`` list for a record's ``compiledRelease``.
    """

    ocid: str
    release: dict[str, Any]
    n_releases: int
    path: str


def read(source: Source) -> Iterator[Entry]:
    """Every release in ``source``: a file, a directory or a list of them."""
    for file in files_of(source):
        yield from read_file(file)


def files_of(source: Source) -> list[Path]:
    """The files ``source`` names, directories expanded (sorted), in order; checks they exist."""
    if isinstance(source, str | os.PathLike):
        return _expand(Path(source))
    paths = list(source)
    if not paths:
        raise DataFormatError("[]", MSG["no_paths"].get())
    return [file for path in paths for file in _expand(Path(path))]


def _expand(path: Path) -> list[Path]:
    if not path.exists():
        raise SourceNotFoundError(MSG["not_found"].format(path=path))
    if not path.is_dir():
        return [path]
    found = sorted({file for pattern in PATTERNS for file in path.glob(pattern) if file.is_file()})
    if not found:
        raise DataFormatError(path, MSG["no_files"].get())
    return found


def read_file(path: str | os.PathLike[str]) -> Iterator[Entry]:
    """Every release in one file of any supported shape (gzip and zip too)."""
    path = Path(path)
    if not path.is_file():
        raise SourceNotFoundError(MSG["not_found"].format(path=path))
    with open(path, "rb") as handle:
        is_zip = handle.read(4) == b"PK\x03\x04"
    if is_zip:
        yield from _read_zip(path)
        return
    lines = path.name.lower().removesuffix(".gz").endswith(".jsonl")
    yield from _read_bytes(gunzip(path.read_bytes(), path), lines, str(path))


def _read_zip(path: Path) -> Iterator[Entry]:
    """The JSON and JSON Lines members of a zip file (official bulk files are zips)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted(n for n in archive.namelist() if n.lower().endswith((".json", ".jsonl")))
            if not names:
                raise DataFormatError(path, MSG["no_files"].get())
            for name in names:
                raw = archive.read(name)
                yield from _read_bytes(raw, name.lower().endswith(".jsonl"), f"{path}:{name}")
    except (zipfile.BadZipFile, EOFError) as error:
        raise DataFormatError(path, MSG["bad_gzip"].format(error=error)) from error


def gunzip(raw: bytes, path: Path) -> bytes:
    """``raw`` decompressed when it is gzip (by its magic bytes), as is otherwise."""
    if raw[:2] != b"\x1f\x8b":
        return raw
    try:
        return gzip.decompress(raw)
    except (OSError, EOFError) as error:
        raise DataFormatError(path, MSG["bad_gzip"].format(error=error)) from error


def _read_bytes(raw: bytes, lines: bool, label: str) -> Iterator[Entry]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataFormatError(label, MSG["not_utf8"].format(error=error)) from error
    if not text or text.isspace():
        raise DataFormatError(label, MSG["empty"].get())
    if lines:
        yield from _read_lines(text, label)
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and _first_line_parses(text):
            yield from _read_lines(text, label)  # JSON Lines without the .jsonl suffix
            return
        raise _invalid(label, error, "") from error
    yield from entries(value, label)


def _first_line_parses(text: str) -> bool:
    line = next(line for line in text.splitlines() if line.strip())
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def _read_lines(text: str, label: str) -> Iterator[Entry]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = MSG["line"].format(line=number)
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            raise _invalid(label, error, where) from error
        yield from entries(value, label, where)


def _invalid(label: str, error: json.JSONDecodeError, where: str) -> DataFormatError:
    problem = MSG["invalid_json"].format(
        where=_at(where), error=error.msg, line=error.lineno, column=error.colno
    )
    return DataFormatError(label, problem)


def entries(value: Any, label: str, where: str = "") -> Iterator[Entry]:
    """The releases inside one parsed JSON value of any OCDS shape."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            yield from _from_object(item, label, _join(where, f"[{index}]"), inside_list=True)
    else:
        yield from _from_object(value, label, where)


def _from_object(value: Any, label: str, where: str, inside_list: bool = False) -> Iterator[Entry]:
    if not isinstance(value, dict):
        raise _not_ocds(label, where, value)
    if "ocid" not in value and ("records" in value or "releases" in value) and not inside_list:
        yield from _from_package(value, label, where)
    elif "compiledRelease" in value or ("releases" in value and "ocid" in value):
        yield from _from_record(value, label, where)
    elif ocid := _ocid(value):
        yield Entry(ocid, value, 1, label)
    elif "ocid" in value or RELEASE_KEYS.intersection(value):
        raise DataFormatError(label, MSG["no_ocid"].format(where=_at(where)))
    else:
        raise _not_ocds(label, where, value)


def _from_package(package: dict[str, Any], label: str, where: str) -> Iterator[Entry]:
    key = "records" if "records" in package else "releases"
    items = _list(package, key, label, where)
    for index, item in enumerate(items):
        inner = _join(where, f"{key}[{index}]")
        if key == "records":
            if not isinstance(item, dict):
                raise _not_ocds(label, inner, item)
            yield from _from_record(item, label, inner)
        else:
            yield from _from_object(item, label, inner, inside_list=True)


def _from_record(record: dict[str, Any], label: str, where: str) -> Iterator[Entry]:
    releases = _list(record, "releases", label, where) if "releases" in record else []
    compiled = record.get("compiledRelease")
    ocid = _ocid(record) or (_ocid(compiled) if isinstance(compiled, dict) else None)
    if not ocid:
        raise DataFormatError(label, MSG["no_ocid"].format(where=_at(where)))
    if isinstance(compiled, dict):
        release = compiled if compiled.get("ocid") == ocid else {**compiled, "ocid": ocid}
        yield Entry(ocid, release, max(len(releases), 1), label)
        return
    full = [release for release in releases if not _linked(release)]
    if not full:
        raise DataFormatError(label, MSG["linked_only"].format(where=_at(where), ocid=ocid))
    for index, release in enumerate(full):
        inner = _join(where, f"releases[{index}]")
        yield from _from_object({"ocid": ocid, **release}, label, inner)


def _linked(release: Any) -> bool:
    """A record's linked release: only a ``url`` (with ``date`` and ``tag``), no content."""
    return isinstance(release, dict) and "url" in release and set(release) <= LINKED_KEYS


def _list(value: dict[str, Any], key: str, label: str, where: str) -> list[Any]:
    items = value[key]
    if not isinstance(items, list):
        problem = MSG["not_list"].format(where=_at(where), key=key, kind=json_kind(items))
        raise DataFormatError(label, problem)
    return items


def _ocid(value: dict[str, Any]) -> str | None:
    ocid = value.get("ocid")
    return ocid.strip() if isinstance(ocid, str) and ocid.strip() else None


def _not_ocds(label: str, where: str, value: Any) -> DataFormatError:
    if isinstance(value, dict):
        keys = ", ".join(repr(key) for key in list(value)[:8]) or "{}"
        found = MSG["found_keys"].format(keys=keys)
    else:
        found = MSG["found_type"].format(kind=json_kind(value))
    return DataFormatError(label, MSG["not_ocds"].format(where=_at(where), found=found))


def _at(where: str) -> str:
    """``where`` as the start of a problem text (``"releases[3]: "``), or nothing at the top."""
    return f"{where}: " if where else ""


def _join(where: str, part: str) -> str:
    return f"{where} › {part}" if where else part


def json_kind(value: Any) -> str:
    """The JSON name of a Python value's type (what a participant sees in the file)."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    return names.get(type(value), "number")
