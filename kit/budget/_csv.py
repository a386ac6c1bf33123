"""One budget CSV as blocks of text: checked, decoded and split without surprises.

A Cuenta Pública file is about 100 MB and 220,000 rows a year, so files are read in blocks with
pyarrow, keeping only the columns the tidy table needs. Decoding follows :mod:`kit.cdmx._csv`
(valid UTF-8, with or without BOM, is UTF-8; anything else Windows-1252; both in one file is an
error), gzip is opened transparently, and what is not a CSV says so:

- an Excel workbook (by its name or its first bytes): the portal publishes CSV beside it;
- a row with the wrong number of fields: refused with its line, or skipped and counted when the
  caller asks for it (``bad_rows="skip"``); a short last row of a file that does not end with a
  line break is a download cut short;
- columns are taken by position (``c0``, ``c1``…), so a header with empty or repeated names (the
  2022 Cuenta Pública declares 212 columns, 180 of them unnamed) reads fine;
- text decoded twice by some re-export (``EducaciÃ³n``) is repaired (:func:`repair_series`),
  as for the Mexico City files.

Line numbers are found again only when an error needs one.
"""

from __future__ import annotations

import csv
import gzip
import io
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

from kit.cdmx import _csv as stream
from kit.errors import DataFormatError
from kit.i18n import messages
from kit.sanctions import _csv as base

__all__ = [
    "Ragged",
    "Sniff",
    "blocks",
    "check_not_excel",
    "header",
    "line_of",
    "ragged_lines",
    "repair_series",
    "sniff",
]

Sniff = stream.Sniff
#: Double-encoded text (``EducaciÃ³n``) is repaired when the repair round-trips exactly.
repair_series = stream.repair_series
_EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
_EXCEL_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")

MSG = messages(
    "budget.files",
    {
        "excel": (
            "es un libro de Excel, no un CSV. Transparencia Presupuestaria publica cada base "
            "también en CSV (sección Datos Abiertos): descarga ese archivo, o abre este en "
            "Excel y guárdalo como «CSV UTF-8».",
            "is an Excel workbook, not a CSV. Transparencia Presupuestaria publishes every "
            "database as CSV too (Datos Abiertos section): download that file, or open this "
            "one in Excel and save it as 'CSV UTF-8'.",
        ),
        "gzip": (
            "está comprimido con gzip pero dañado o cortado ({error}); descárgalo de nuevo.",
            "is gzip-compressed but damaged or cut ({error}); download it again.",
        ),
        "ragged": (
            "línea {line}: tiene {found} columnas y el encabezado {expected}. Si lo abriste y "
            "guardaste con Excel u otro programa, usa el archivo original; para leerlo sin "
            'esas filas usa bad_rows="skip".',
            "line {line}: it has {found} columns and the header {expected}. If you opened and "
            "saved it with Excel or another program, use the original file; to read it without "
            'those rows use bad_rows="skip".',
        ),
        "parse": (
            "no se puede leer como CSV ({error}). Si lo abriste y guardaste con Excel u otro "
            "programa, usa el archivo original.",
            "cannot be read as CSV ({error}). If you opened and saved it with Excel or another "
            "program, use the original file.",
        ),
    },
)


@dataclass
class Ragged:
    """Rows with the wrong number of fields that were skipped (``bad_rows="skip"``)."""

    count: int = 0
    texts: list[str] = field(default_factory=list)


def check_not_excel(path: Path) -> None:
    """Refuse a workbook before anything else, by its name or its first bytes."""
    with path.open("rb") as handle:
        first = handle.read(8)
    if first[:2] == b"\x1f\x8b":
        try:
            with gzip.open(path, "rb") as unpacked:
                first = unpacked.read(8)
        except (EOFError, OSError, zlib.error) as error:
            raise DataFormatError(path, MSG["gzip"].format(error=error)) from error
    if path.suffix.lower() in _EXCEL_SUFFIXES or first.startswith(_EXCEL_MAGIC):
        raise DataFormatError(path, MSG["excel"].get())


def sniff(path: Path) -> Sniff:
    """Encoding, line count and clean ending (empty or undecodable files are refused)."""
    return stream.sniff(path)


def header(path: Path, found: Sniff) -> list[str]:
    """The column names of the first line, trimmed (empty names kept, by position)."""
    return stream.header(path, found)


def blocks(
    path: Path,
    found: Sniff,
    width: int,
    positions: Mapping[str, int],
    *,
    skip_bad: bool,
    ragged: Ragged,
) -> Iterator[pd.DataFrame]:
    """The columns at ``positions`` as text (named by the mapping's keys), block by block.

    Raises:
        DataFormatError: a row with the wrong number of fields (unless ``skip_bad``: then it is
            counted in ``ragged``), or text pyarrow cannot split.
    """
    names = [f"c{i}" for i in range(width)]
    wanted = sorted(set(positions.values()))
    first_bad: list[str] = []

    def handle(row: pa_csv.InvalidRow) -> str:
        if skip_bad:
            ragged.count += 1
            ragged.texts.append(row.text)
            return "skip"
        first_bad.append(row.text)
        return "error"

    options = pa_csv.ReadOptions(
        encoding=found.encoding, column_names=names, skip_rows=1, block_size=1 << 24
    )
    parse = pa_csv.ParseOptions(newlines_in_values=True, invalid_row_handler=handle)
    convert = pa_csv.ConvertOptions(
        include_columns=[names[i] for i in wanted],
        column_types={names[i]: pa.string() for i in wanted},
        strings_can_be_null=False,
        quoted_strings_can_be_null=False,
    )
    compression = "gzip" if stream.is_gzip(path) else None
    try:
        with pa.input_stream(str(path), compression=compression) as raw:
            reader = pa_csv.open_csv(
                raw, read_options=options, parse_options=parse, convert_options=convert
            )
            for batch in reader:
                table = batch.to_pandas()
                yield pd.DataFrame(
                    {name: table[names[i]].astype("string") for name, i in positions.items()}
                )
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        if first_bad:
            raise _ragged_error(path, found, width) from error
        message = str(error).replace("CSV parse error: ", "")[:200]
        raise DataFormatError(path, MSG["parse"].format(error=message)) from error


def _records(path: Path, found: Sniff) -> Iterator[tuple[int, list[str]]]:
    """Every non-empty record after the header, with the line it starts on."""
    with (
        stream.open_bytes(path) as handle,
        io.TextIOWrapper(handle, encoding=found.encoding, newline="") as text,
    ):
        reader = csv.reader(text)
        next(reader, None)
        start = reader.line_num + 1
        for fields in reader:
            if fields:
                yield start, fields
            start = reader.line_num + 1


def _ragged_error(path: Path, found: Sniff, width: int) -> DataFormatError:
    """The error for the first row whose width differs from the header's (or a cut file)."""
    rows = list(_records(path, found))
    for index, (line, fields) in enumerate(rows):
        if len(fields) == width:
            continue
        if index == len(rows) - 1 and len(fields) < width and not found.complete:
            problem = base.MSG["cut"].format(line=line, found=len(fields), expected=width)
        else:
            problem = MSG["ragged"].format(line=line, found=len(fields), expected=width)
        return DataFormatError(path, problem)
    return DataFormatError(path, MSG["parse"].format(error="?"))


def line_of(path: Path, found: Sniff, record: int, width: int, *, skip_bad: bool) -> int:
    """The line where data record ``record`` (0-based, as :func:`blocks` counts) starts."""
    seen = 0
    for line, fields in _records(path, found):
        if skip_bad and len(fields) != width:
            continue
        if seen == record:
            return line
        seen += 1
    return -1


def ragged_lines(path: Path, found: Sniff, width: int) -> list[int]:
    """The lines of every record whose number of fields differs from the header's."""
    return [line for line, fields in _records(path, found) if len(fields) != width]
