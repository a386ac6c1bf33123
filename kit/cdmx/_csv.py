"""Finding, decoding and reading the CSV files of Mexico City's portal, without surprises.

**Encoding.** The decision is the one of :mod:`kit.sanctions._csv` (valid UTF-8 is UTF-8,
anything else Windows-1252, both in one file is an error), but taken while *streaming* the file in
blocks: the FGJ files are hundreds of megabytes and never need to be in memory as text.

**Double-encoded UTF-8.** Some re-exports of the portal's files were decoded as Latin-1 and saved
again as UTF-8: ``PantitlÃ¡n`` for ``Pantitlán``. Such a value is repaired with
``value.encode("latin-1").decode("utf-8")`` (or ``cp1252`` for ``Ã“``), and only when the repair
round-trips exactly; anything else is left as published.

**Gzip.** A file that starts with gzip's magic bytes (``.csv.gz``, as the bundled sample stores its
large files) is decompressed on the fly, whatever its name; real downloads are plain CSV.

**Rows.** Files are read with pyarrow's CSV reader, in blocks, keeping only the columns asked for,
all as text: pyarrow refuses a row with the wrong number of fields (pandas would fill it with
missing values silently). A file that does not end with a line break and whose last line is
short was cut during the download.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import re
import unicodedata
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from kit.errors import DataFormatError
from kit.i18n import messages
from kit.sanctions import _csv as base
from kit.sanctions._csv import Source

__all__ = [
    "MISSING",
    "Sniff",
    "batches",
    "column_map",
    "existing",
    "header",
    "is_gzip",
    "key",
    "open_bytes",
    "read_all",
    "repair",
    "repair_series",
    "sniff",
]

#: Texts that mean "no value" in these files: empty, R's ``NA``, pandas' ``NaN``, ``NaT:00``.
MISSING = frozenset({"", "NA", "NaN", "nan", "NULL", "null", "NaT", "NaT:00", "N/A"})
_BLOCK = 1 << 20
_MOJIBAKE = re.compile("[ÃÂâ]")
_GZIP = b"\x1f\x8b"

MSG = messages(
    "cdmx.files",
    {
        "columns": (
            "faltan las columnas {missing} que {what} necesita; el encabezado es {found}. "
            "¿Es el archivo correcto? Descárgalo de nuevo del portal.",
            "the columns {missing} that {what} needs are missing; the header is {found}. Is "
            "it the right file? Download it again from the portal.",
        ),
        "parse": (
            "no se puede leer como CSV ({error}). Si lo abriste y guardaste con Excel u otro "
            "programa, usa el archivo original.",
            "cannot be read as CSV ({error}). If you opened and saved it with Excel or another "
            "program, use the original file.",
        ),
        "gzip": (
            "está comprimido con gzip pero dañado o cortado ({error}); descárgalo de nuevo.",
            "is gzip-compressed but damaged or cut ({error}); download it again.",
        ),
        "no_header": (
            "no tiene encabezado de columnas; ¿está vacío o cortado? Descárgalo de nuevo.",
            "it has no column header; is it empty or cut off? Download it again.",
        ),
    },
)


@dataclass(frozen=True)
class Sniff:
    """What one streaming pass over the bytes tells: encoding, line breaks, a clean ending."""

    encoding: str
    lines: int
    complete: bool


def existing(source: Source, sample_name: str) -> Path:
    """The path ``source`` names (``"sample"``: the bundled ``kit/data/<sample_name>``)."""
    return base.existing(source, sample_name)


def is_gzip(path: Path) -> bool:
    """True when the file starts with gzip's magic bytes (its name does not matter)."""
    with path.open("rb") as stream:
        return stream.read(2) == _GZIP


def open_bytes(path: Path) -> io.BufferedIOBase:
    """The file's bytes as a stream, decompressed when it is gzip."""
    return gzip.open(path, "rb") if is_gzip(path) else path.open("rb")


def sniff(path: Path) -> Sniff:
    """Decide the encoding of ``path`` reading it in blocks (see the module's docstring).

    Raises:
        DataFormatError: empty, binary, damaged gzip, or not UTF-8 nor Windows-1252.
    """
    try:
        return _sniff(path)
    except (EOFError, OSError, zlib.error) as error:
        if not is_gzip(path):
            raise
        raise DataFormatError(path, MSG["gzip"].format(error=error)) from error


def _sniff(path: Path) -> Sniff:
    with open_bytes(path) as stream:
        first = stream.read(_BLOCK)
        if not first.strip(b"\x1a\r\n\t "):
            raise DataFormatError(path, base.MSG["empty"].get())
        for magic, kind in base._MAGIC.items():
            if first.startswith(magic):
                raise DataFormatError(path, base.MSG["binary"].format(kind=kind))
        if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return Sniff("utf-16", first.count(b"\n"), True)
        encoding = "utf-8-sig" if first.startswith(codecs.BOM_UTF8) else "utf-8"
        lines, last, bad_line = _scan_utf8(stream, first)
    if bad_line is not None:
        _check_cp1252(path, bad_line)
        encoding = "cp1252"
    return Sniff(encoding, lines, last.endswith((b"\n", b"\r")))


def _scan_utf8(stream: io.BufferedReader, block: bytes) -> tuple[int, bytes, int | None]:
    """Lines, last block, and the line of the first byte UTF-8 forbids (None: valid UTF-8)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    lines, bad_line, last = 0, None, block
    while block:
        if bad_line is None:
            try:
                decoder.decode(block)
            except UnicodeDecodeError as error:
                bad_line = lines + block.count(b"\n", 0, max(error.start, 0)) + 1
        lines += block.count(b"\n")
        last = block
        block = stream.read(_BLOCK)
    if bad_line is None:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            bad_line = lines + 1
    return lines, last, bad_line


def _check_cp1252(path: Path, bad_line: int) -> None:
    """A file that is not UTF-8 must hold no UTF-8 sequence either, and be valid Windows-1252."""
    lines = 0
    with open_bytes(path) as stream:
        while block := stream.read(_BLOCK):
            if base._UTF8_MARK.search(block):
                raise DataFormatError(path, base.MSG["mixed"].format(line=bad_line))
            try:
                block.decode("cp1252")
            except UnicodeDecodeError as error:
                line = lines + block.count(b"\n", 0, error.start) + 1
                raise DataFormatError(path, base.MSG["undecodable"].format(line=line)) from error
            lines += block.count(b"\n")


def header(path: Path, found: Sniff) -> list[str]:
    """The column names of the first line, trimmed."""
    with (
        open_bytes(path) as stream,
        io.TextIOWrapper(stream, encoding=found.encoding, newline="") as text,
    ):
        first = next(csv.reader(text), None)
    if not first or not any(name.strip() for name in first):
        raise DataFormatError(path, MSG["no_header"].get())
    return [name.strip() for name in first]


def key(name: str) -> str:
    """A header name reduced to letters and digits: ``Año_hecho`` and ``ano hecho`` agree."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", plain.lower())


def column_map(
    names: Sequence[str],
    wanted: Mapping[str, Sequence[str]],
    required: Sequence[str],
    path: Path,
    what: str,
) -> dict[str, list[str]]:
    """For each tidy column, the file's columns that hold it (by key, in order of preference).

    Raises:
        DataFormatError: one of ``required`` has no column in the file.
    """
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(key(name), name)
    found = {
        tidy: [by_key[alias] for alias in aliases if alias in by_key]
        for tidy, aliases in wanted.items()
    }
    missing = [tidy for tidy in required if not found.get(tidy)]
    if missing:
        problem = MSG["columns"].format(
            missing=", ".join(missing), what=what, found=", ".join(names)[:200]
        )
        raise DataFormatError(path, problem)
    return {tidy: raw for tidy, raw in found.items() if raw}


def batches(
    path: Path, found: Sniff, width: int, columns: Sequence[str], block_size: int = 1 << 24
) -> Iterator[pd.DataFrame]:
    """The ``columns`` of ``path`` as text, one DataFrame per block of about ``block_size`` bytes.

    Raises:
        DataFormatError: the last line was cut, or a row has the wrong number of fields.
    """
    _check_not_cut(path, found, width)
    options = pa_csv.ReadOptions(encoding=found.encoding, block_size=block_size)
    convert = pa_csv.ConvertOptions(
        include_columns=list(dict.fromkeys(columns)),
        column_types={name: pa.string() for name in columns},
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    parse = pa_csv.ParseOptions(newlines_in_values=True)
    compression = "gzip" if is_gzip(path) else None
    try:
        with pa.input_stream(str(path), compression=compression) as stream:
            reader = pa_csv.open_csv(
                stream, read_options=options, parse_options=parse, convert_options=convert
            )
            for batch in reader:
                yield batch.to_pandas()
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        message = str(error).replace("CSV parse error: ", "")[:200]
        raise DataFormatError(path, MSG["parse"].format(error=message)) from error


def read_all(path: Path, found: Sniff, width: int, columns: Sequence[str]) -> pd.DataFrame:
    """The whole file (small files: ridership, stations, SESNSP) as one frame of text."""
    frames = list(batches(path, found, width, columns))
    if not frames:
        return pd.DataFrame({name: pd.Series([], dtype="str") for name in columns})
    return pd.concat(frames, ignore_index=True)


def _check_not_cut(path: Path, found: Sniff, width: int) -> None:
    if found.complete:
        return
    with open_bytes(path) as stream:
        if is_gzip(path):  # no seeking in a compressed stream: keep the last blocks read
            tail_bytes = b""
            while block := stream.read(_BLOCK):
                tail_bytes = tail_bytes[-_BLOCK:] + block
        else:
            stream.seek(max(0, path.stat().st_size - _BLOCK))
            tail_bytes = stream.read()
    tail = tail_bytes.decode(found.encoding, errors="replace")
    last = tail.rsplit("\n", 1)[-1]
    fields = next(csv.reader([last]), [])
    if 0 < len(fields) < width and found.lines > 0:
        problem = base.MSG["cut"].format(line=found.lines + 1, found=len(fields), expected=width)
        raise DataFormatError(path, problem)


def repair(value: str) -> str:
    """``PantitlÃ¡n`` → ``Pantitlán`` when the repair round-trips; anything else unchanged."""
    if not _MOJIBAKE.search(value):
        return value
    for encoding in ("latin-1", "cp1252"):
        try:
            fixed = value.encode(encoding).decode("utf-8")
        except UnicodeError:
            continue
        if fixed != value and fixed.encode("utf-8").decode(encoding) == value:
            return fixed
    return value


def repair_series(values: pd.Series) -> tuple[pd.Series, int]:
    """Repair every double-encoded value of a text column; also how many values changed."""
    distinct = pd.Series(values.dropna().unique())
    fixes = {value: repair(value) for value in distinct if _MOJIBAKE.search(value)}
    fixes = {value: fixed for value, fixed in fixes.items() if fixed != value}
    if not fixes:
        return values, 0
    changed = values.isin(list(fixes))
    return values.replace(fixes), int(changed.sum())
