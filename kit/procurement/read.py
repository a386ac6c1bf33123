"""Read OCDS files of every common shape into one flat stream of releases.

Publishers in Mexico hand out OCDS in many shapes: release packages, record packages, bare JSON
arrays of releases (PDN System 6 bulk files), JSON Lines, a single release, gzip or zip files.
This module hides the shape: :func:`read` yields one :class:`Entry` per release or compiled
release, with the ``ocid`` it belongs to, so compiling and flattening never look at shapes.
Anything that is not OCDS raises :class:`~kit.errors.DataFormatError` naming the file and where.

Files are parsed incrementally, never whole in memory: arrays and packages' ``releases`` or
``records`` with ijson (C backend), one release or record at a time; JSON Lines line by line;
gzip and zip members decompressed as they are read. So a bulk file of gigabytes costs the memory
of one release. When parsing fails, a file of up to :data:`REPARSE_LIMIT` bytes is read once more
in memory with the standard library, which gives the exact line and column (and accepts what it
accepts: ``NaN``, huge numbers); a larger one is reported with the item where it broke and the
text around the error.
"""

from __future__ import annotations

import codecs
import gzip
import json
import os
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path
from typing import IO, Any

import ijson

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
#: A file (decompressed) up to this size that fails to parse is read again in memory, for the
#: exact position of the error; a larger one is reported from the stream.
REPARSE_LIMIT = 64 * 2**20
#: How far the first line is looked at to tell JSON Lines saved as ``.json`` from plain JSON.
LINE_PEEK = 8 * 2**20
#: How much is read at a time.
CHUNK = 2**16
BOM = codecs.BOM_UTF8
WHITESPACE = b" \t\r\n"

Opener = Callable[[], IO[bytes]]

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
        "invalid_json_near": (
            "{where}no es JSON válido: {error}, cerca de «{near}». Si lo editaste a mano, busca "
            "ese texto; si lo descargaste, descárgalo de nuevo.",
            "{where}is not valid JSON: {error}, near «{near}». If you edited it by hand, look "
            "for that text; if you downloaded it, download it again.",
        ),
        "after_item": ("después de {where}", "after {where}"),
        "truncated": (
            "{where}el archivo termina a la mitad del JSON; ¿se interrumpió la descarga? "
            "Descárgalo de nuevo.",
            "{where}the file ends in the middle of the JSON; was the download interrupted? "
            "Download it again.",
        ),
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
    """Every release in one file of any supported shape (gzip and zip too), read as a stream."""
    path = Path(path)
    if not path.is_file():
        raise SourceNotFoundError(MSG["not_found"].format(path=path))
    with open(path, "rb") as handle:
        magic = handle.read(4)
    if magic == b"PK\x03\x04":
        yield from _read_zip(path)
        return
    lines = path.name.lower().removesuffix(".gz").endswith(".jsonl")
    compressed = magic[:2] == b"\x1f\x8b"
    opener: Opener = partial(gzip.open, path, "rb") if compressed else partial(open, path, "rb")
    try:
        yield from _read_stream(opener, lines, str(path))
    except (OSError, EOFError, zlib.error) as error:
        if not compressed:
            raise
        raise DataFormatError(path, MSG["bad_gzip"].format(error=error)) from error


def _read_zip(path: Path) -> Iterator[Entry]:
    """The JSON and JSON Lines members of a zip file (official bulk files are zips)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted(n for n in archive.namelist() if n.lower().endswith((".json", ".jsonl")))
            if not names:
                raise DataFormatError(path, MSG["no_files"].get())
            for name in names:
                lines = name.lower().endswith(".jsonl")
                opener = partial(archive.open, name)
                yield from _read_stream(opener, lines, f"{path}:{name}")
    except (zipfile.BadZipFile, EOFError, zlib.error) as error:
        raise DataFormatError(path, MSG["bad_gzip"].format(error=error)) from error


def gunzip(raw: bytes, path: Path) -> bytes:
    """``raw`` decompressed when it is gzip (by its magic bytes), as is otherwise."""
    if raw[:2] != b"\x1f\x8b":
        return raw
    try:
        return gzip.decompress(raw)
    except (OSError, EOFError) as error:
        raise DataFormatError(path, MSG["bad_gzip"].format(error=error)) from error


class _Broken(Exception):
    """The stream could not be parsed; ``where`` names the last item read whole, if any."""

    def __init__(self, error: Exception, where: str) -> None:
        self.error, self.where = error, where
        super().__init__(str(error))


def _read_stream(opener: Opener, lines: bool, label: str) -> Iterator[Entry]:
    """The entries of one (decompressed) byte stream; on a parse error, the exact old report.

    A small file that fails to parse is read again whole with :mod:`json` (exact line and
    column; and it accepts ``NaN`` and huge numbers, as before), skipping the entries already
    given. A large one is reported from the stream, or parsed again with ijson's pure Python
    backend when a number was too large for the C one.
    """
    given = 0
    try:
        for entry in _stream(opener, lines, label, ijson):
            yield entry
            given += 1
    except _Broken as broken:
        raw = _read_all(opener, REPARSE_LIMIT)
        if raw is not None:
            yield from islice(_read_bytes(raw, lines, label), given, None)
            return
        if "integer overflow" not in str(broken.error):
            raise _invalid_near(label, broken) from broken.error
        slow = ijson.get_backend("python")
        try:
            yield from islice(_stream(opener, lines, label, slow), given, None)
        except _Broken as again:
            raise _invalid_near(label, again) from again.error


def _read_all(opener: Opener, limit: int) -> bytes | None:
    """The whole stream when it is at most ``limit`` bytes, else None."""
    with opener() as stream:
        raw = stream.read(limit + 1)
    return raw if len(raw) <= limit else None


def _invalid_near(label: str, broken: _Broken) -> DataFormatError:
    """A parse error in a large file: the reason, the text around it and the last good item."""
    where = MSG["after_item"].format(where=broken.where) if broken.where else ""
    if isinstance(broken.error, UnicodeDecodeError):
        return DataFormatError(label, _at(where) + MSG["not_utf8"].format(error=broken.error))
    text = str(broken.error)
    if text.startswith(("b'", 'b"')):  # the C backend words some errors as bytes
        text = text[2:-1].encode("latin-1", "replace").decode("unicode_escape", "replace")
    reason, *context = text.splitlines() or [""]
    near = context[0].strip()[:80] if context else ""
    if "UTF8" in reason:
        return DataFormatError(label, _at(where) + MSG["not_utf8"].format(error=reason))
    if "premature EOF" in reason or "Incomplete JSON" in reason:
        return DataFormatError(label, MSG["truncated"].format(where=_at(where)))
    problem = MSG["invalid_json_near"].format(where=_at(where), error=reason, near=near)
    return DataFormatError(label, problem)


def _stream(opener: Opener, lines: bool, label: str, backend: Any) -> Iterator[Entry]:
    """Tell the shape from the first bytes, then stream it."""
    with opener() as stream:
        raw = stream.read(CHUNK)
        head = _skip_bom(raw)
        _check_utf8(head, label, final=len(raw) < CHUNK)
        while not head.strip(WHITESPACE):
            head = stream.read(CHUNK)
            if not head:
                raise DataFormatError(label, MSG["empty"].get())
        if lines:
            yield from _stream_lines(opener, label)
            return
        head, first = _first_line(stream, head)
        if first is not None:
            try:
                value = json.loads(first.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                pass
            else:
                if _more_than_whitespace(stream, head[len(first) :]):
                    yield from _stream_lines(opener, label)  # JSON Lines saved as .json
                else:
                    yield from entries(value, label)  # a one-line file: parsed already
                return
        yield from _stream_value(_Rewound(head, stream), opener, label, backend)


def _stream_value(stream: _Rewound, opener: Opener, label: str, backend: Any) -> Iterator[Entry]:
    """One JSON value: an array item by item, a package's list item by item, else whole."""
    first = stream.head[stream.at : stream.at + CHUNK].lstrip(WHITESPACE)[:1]
    where = ""
    try:
        if first == b"[":
            for index, item in enumerate(backend.items(stream, "item", use_float=True)):
                yield from _from_object(item, label, f"[{index}]", inside_list=True)
                where = f"[{index}]"
            return
        if first != b"{":
            yield from entries(next(backend.items(stream, "", use_float=True)), label)
            return
        key, value = _object_head(backend.parse(stream, use_float=True))
        if key is None:
            yield from entries(value, label)
            return
        with opener() as again:  # a package: its list streamed from a fresh read
            fresh = _Rewound(_skip_bom(again.read(CHUNK)), again)
            for index, item in enumerate(backend.items(fresh, f"{key}.item", use_float=True)):
                yield from _from_package_item(item, key, label, f"{key}[{index}]")
                where = f"{key}[{index}]"
    except ijson.JSONError as error:
        raise _Broken(error, where) from error


def _object_head(events: Iterator[tuple[str, str, Any]]) -> tuple[str | None, Any]:
    """Read a top-level object until it shows whether it is a package.

    A package (no ``ocid`` before its ``releases`` or ``records`` list) gives the list's key
    for the caller to stream; anything else (a release, a record, a package whose list is not a
    list) is built whole and given back as the value. A record whose ``releases`` come before
    its ``ocid`` is read as a package: publishers write the ``ocid`` first.
    """
    events = iter(events)
    next(events)  # the object's start
    value: dict[str, Any] = {}
    for _, event, key in events:
        if event == "end_map":
            break
        _, event, first = next(events)
        if key in ("releases", "records") and "ocid" not in value and event == "start_array":
            return key, None
        value[key] = _build(events, event, first)
    return None, value


def _build(events: Iterator[tuple[str, str, Any]], event: str, value: Any) -> Any:
    """One value from its first event on (the rest read from ``events``)."""
    if event not in ("start_map", "start_array"):
        return value
    builder = ijson.ObjectBuilder()
    builder.event(event, value)
    depth = 1
    for _, event, value in events:
        builder.event(event, value)
        if event in ("start_map", "start_array"):
            depth += 1
        elif event in ("end_map", "end_array"):
            depth -= 1
            if depth == 0:
                break
    return builder.value


def _stream_lines(opener: Opener, label: str) -> Iterator[Entry]:
    """JSON Lines, one line at a time."""
    with opener() as stream:
        for number, raw in enumerate(stream, start=1):
            line = _skip_bom(raw) if number == 1 else raw
            if not line.strip(WHITESPACE):
                continue
            where = MSG["line"].format(line=number)
            try:
                value = json.loads(line.decode("utf-8"))
            except UnicodeDecodeError as error:
                raise _Broken(error, where) from error
            except json.JSONDecodeError as error:
                raise _invalid(label, error, where) from error
            yield from entries(value, label, where)


def _skip_bom(head: bytes) -> bytes:
    return head[len(BOM) :] if head.startswith(BOM) else head


def _check_utf8(head: bytes, label: str, final: bool) -> None:
    """Tell early that a file is another format (Excel, PDF), from its first bytes."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=final)
    except UnicodeDecodeError as error:
        raise DataFormatError(label, MSG["not_utf8"].format(error=error)) from error


def _first_line(stream: IO[bytes], head: bytes) -> tuple[bytes, bytes | None]:
    """The bytes read so far and, within them, the first line that is not blank (with the blank
    ones before it), or None when it is longer than :data:`LINE_PEEK`."""
    chunks, size = [head], len(head)
    start = len(head) - len(head.lstrip(WHITESPACE))
    while (end := chunks[-1].find(b"\n", start)) < 0:
        start = 0
        more = stream.read(CHUNK) if size <= LINE_PEEK else b""
        if not more:
            head = b"".join(chunks)
            return head, (head if size <= LINE_PEEK else None)
        chunks.append(more)
        size += len(more)
    head = b"".join(chunks)
    return head, head[: size - len(chunks[-1]) + end + 1]


def _more_than_whitespace(stream: IO[bytes], rest: bytes) -> bool:
    """Whether anything but whitespace follows (reading on through blank lines only)."""
    while not rest.strip(WHITESPACE):
        rest = stream.read(CHUNK)
        if not rest:
            return False
    return True


class _Rewound:
    """A binary stream whose first bytes were read, to look at them, and are given back."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self.head, self.at, self.rest = head, 0, rest

    def read(self, size: int = -1) -> bytes:
        if self.at >= len(self.head):
            return self.rest.read(size)
        end = len(self.head) if size < 0 else self.at + size
        data = self.head[self.at : end]
        self.at = end
        return data


def _read_bytes(raw: bytes, lines: bool, label: str) -> Iterator[Entry]:
    """The whole file in memory (a small file that failed to stream): the exact old report."""
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
        yield from _from_package_item(item, key, label, _join(where, f"{key}[{index}]"))


def _from_package_item(item: Any, key: str, label: str, where: str) -> Iterator[Entry]:
    if key == "records":
        if not isinstance(item, dict):
            raise _not_ocds(label, where, item)
        yield from _from_record(item, label, where)
    else:
        yield from _from_object(item, label, where, inside_list=True)


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
