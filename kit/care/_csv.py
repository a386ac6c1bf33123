"""Find a care file, decode it strictly and hand it over as a table of text, line numbers kept.

Decoding, strict CSV records and the check that every row has the header's width are the
sanctions readers' (:mod:`kit.sanctions._csv`): INEGI publishes Latin-1/Windows-1252 in older
downloads and UTF-8 in newer ones, and the same rules apply (valid UTF-8 is UTF-8, anything else
Windows-1252, a mix of both or text converted twice is refused). This module adds what the care
readers share on top: the header checked against the columns a layout needs, and numbers parsed
column by column with an error that names the line and the value.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kit.errors import DataFormatError, SourceNotFoundError
from kit.i18n import Text, messages
from kit.sanctions import _csv as base
from kit.sanctions._csv import Source

__all__ = ["LINE", "MISSING", "Source", "Table", "numbers", "read_table", "require", "sample"]

#: Column added to every table: the line of the file each row starts on (for error messages).
LINE = "_linea"
#: Cells INEGI publishes instead of a number: confidential (``*``), not available, empty.
MISSING = frozenset({"", "*", "N/D", "ND", "NA", "NaN", "nan"})

MSG = messages(
    "care.files",
    {
        "no_sample": (
            "La muestra del track cuidados ({name}) todavía no está en {folder}. Genérala con "
            "'python -m kit.samples care' o pasa la ruta de un archivo descargado.",
            "The cuidados track's sample ({name}) is not in {folder} yet. Generate it with "
            "'python -m kit.samples care' or pass the path of a downloaded file.",
        ),
        "folder": (
            "es una carpeta; pasa la ruta de {what} (un archivo .csv).",
            "is a folder; pass the path of {what} (a .csv file).",
        ),
        "no_rows": (
            "tiene el encabezado pero ninguna fila de datos; ¿se cortó la descarga? "
            "Descárgalo de nuevo.",
            "has the header but no data rows; was the download cut? Download it again.",
        ),
        "columns": (
            "faltan las columnas {missing}: no parece {what}. Se esperaba un encabezado con "
            "{expected}; la primera línea dice: {line!r}. Revisa que sea el archivo correcto "
            "y que no se haya editado.",
            "the columns {missing} are missing: this does not look like {what}. A header with "
            "{expected} was expected; the first line reads: {line!r}. Check that it is the "
            "right file and that it was not edited.",
        ),
        "number": (
            "línea {line}, columna {column}: {value!r} no es un número. Corrige esa línea o "
            "descarga el archivo original de nuevo.",
            "line {line}, column {column}: {value!r} is not a number. Fix that line or "
            "download the original file again.",
        ),
        "whole": (
            "línea {line}, columna {column}: {value!r} debería ser un número entero. Corrige "
            "esa línea o descarga el archivo original de nuevo.",
            "line {line}, column {column}: {value!r} should be a whole number. Fix that line "
            "or download the original file again.",
        ),
        "blank": (
            "línea {line}, columna {column}: la celda está vacía y no puede estarlo. Corrige "
            "esa línea o descarga el archivo original de nuevo.",
            "line {line}, column {column}: the cell is empty and cannot be. Fix that line or "
            "download the original file again.",
        ),
    },
)


@dataclass(frozen=True)
class Table:
    """A decoded CSV: its path, encoding, header (as written) and rows as text plus :data:`LINE`."""

    path: Path
    encoding: str
    header: list[str]
    frame: pd.DataFrame


def sample(name: str) -> Path:
    """The bundled ``kit/data/care/<name>``; a clear error while the sample is not there."""
    from kit.data import DATA_DIR

    target = DATA_DIR / "care" / name
    if not target.exists():
        raise SourceNotFoundError(MSG["no_sample"].format(name=name, folder=target.parent))
    return target


def read_table(source: Source, sample_name: str, what: Text) -> Table:
    """Decode ``source`` (``"sample"``: the bundled ``sample_name``) into a :class:`Table`.

    Raises DataFormatError for an empty, binary, cut, mixed-encoding or ragged file, and for a
    file with a header but no rows.
    """
    if isinstance(source, str) and source == "sample":
        path = sample(sample_name)
    else:
        path = base.existing(source, sample_name)
    if path.is_dir():
        raise DataFormatError(path, MSG["folder"].format(what=what.get()))
    text, encoding = base.read_text(path)
    rows = base.records(text, path)
    header = [name.strip() for name in rows[0][1]]
    body = rows[1:]
    if not body:
        raise DataFormatError(path, MSG["no_rows"].get())
    base.check_width(body, len(header), path, what, complete=base.ends_cleanly(text))
    frame = pd.DataFrame([fields for _, fields in body], columns=header, dtype="string")
    frame[LINE] = [line for line, _ in body]
    return Table(path, encoding, header, frame)


def require(table: Table, columns: tuple[str, ...], what: Text, expected: str) -> None:
    """Every name of ``columns`` is in the header, or a DataFormatError naming the missing ones."""
    missing = [name for name in columns if name not in table.header]
    if missing:
        line = ",".join(table.header)[:100]
        problem = MSG["columns"].format(
            missing=", ".join(missing), what=what.get(), expected=expected, line=line
        )
        raise DataFormatError(table.path, problem)


def numbers(
    table: Table, column: str, *, whole: bool = False, allow_missing: bool = False
) -> pd.Series:
    """Column ``column`` as numbers (Float64, or Int64 when ``whole``), or a DataFormatError.

    ``allow_missing``: INEGI's placeholders (``*`` confidential, ``N/D``, empty) become <NA>;
    otherwise an empty cell is an error too.
    """
    text = table.frame[column].str.strip()
    absent = text.isin(MISSING) | text.isna()
    values = pd.to_numeric(text.where(~absent), errors="coerce")
    bad = values.isna() & ~absent
    if bad.any():
        _fail(table, column, bad, "number")
    if not allow_missing and absent.any():
        _fail(table, column, absent, "blank")
    values = values.astype("Float64")
    if whole:
        fraction = values.notna() & (values % 1 != 0)
        if fraction.fillna(False).any():
            _fail(table, column, fraction.fillna(False), "whole")
        return values.round().astype("Int64")
    return values


def fail_at(table: Table, mask: pd.Series, problem: Text, **values: object) -> None:
    """Raise ``problem`` (``line`` and ``values`` filled in) for the first masked row."""
    first = mask[mask].index[0]
    line = int(table.frame.at[first, LINE])
    raise DataFormatError(table.path, problem.format(line=line, **values))


def _fail(table: Table, column: str, mask: pd.Series, key: str) -> None:
    first = mask[mask].index[0]
    value = table.frame.at[first, column]
    fail_at(table, mask, MSG[key], column=column, value="" if pd.isna(value) else str(value))
