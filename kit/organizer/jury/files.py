"""Read the jury's sheets (CSV or Excel) as text, with the columns the kit needs found by name.

Sheets are typed by people in Spanish or English, in Excel or exported from it: headers are
matched without case, accents or extra spaces, CSV may use ``,``, ``;`` or tabs, and every row
keeps its row number so warnings can point at it. Nothing is converted here; checking values is
the job of :mod:`kit.organizer.jury.scores`.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from kit.errors import DataFormatError, SourceNotFoundError
from kit.i18n import messages
from kit.organizer.jury.keys import fold

__all__ = ["CONFLICT_COLUMNS", "SCORE_COLUMNS", "read_sheet"]

MSG = messages(
    "jury.files",
    {
        "not_found": (
            "{path}: no existe el archivo. Revisa la ruta.",
            "{path}: the file does not exist. Check the path.",
        ),
        "xls": (
            "el formato .xls antiguo no se lee: guárdalo como .xlsx o .csv.",
            "the old .xls format cannot be read: save it as .xlsx or .csv.",
        ),
        "bad_excel": (
            "no se pudo leer como Excel .xlsx ({error}). Ábrelo y guárdalo de nuevo como .xlsx "
            "o .csv.",
            "could not be read as an Excel .xlsx file ({error}). Open it and save it again as "
            ".xlsx or .csv.",
        ),
        "no_openpyxl": (
            "leer Excel requiere openpyxl: `pip install openpyxl`, o guárdalo como .csv.",
            "reading Excel needs openpyxl: `pip install openpyxl`, or save it as .csv.",
        ),
        "encoding": (
            "no es texto UTF-8 ni Windows-1252; guárdalo como «CSV UTF-8».",
            "is neither UTF-8 nor Windows-1252 text; save it as 'CSV UTF-8'.",
        ),
        "bad_csv": (
            "no se pudo leer como CSV ({error}).",
            "could not be read as CSV ({error}).",
        ),
        "empty": (
            "está vacío: se esperaba un encabezado ({expected}) y al menos una fila.",
            "is empty: expected a header ({expected}) and at least one row.",
        ),
        "missing_columns": (
            "faltan las columnas {missing}; el encabezado tiene {found}. Se esperan {expected}.",
            "missing columns {missing}; the header has {found}. Expected {expected}.",
        ),
        "repeated_column": (
            "hay dos columnas para «{column}» ({found}); deja solo una.",
            "two columns mean '{column}' ({found}); keep only one.",
        ),
    },
)

#: Column of the kit -> the headers accepted for it (Spanish and English), already folded.
SCORE_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "juror": ("jurado", "juror"),
    "team": ("equipo", "team"),
    "criterion": ("criterio", "criterion"),
    "score": ("puntaje", "score"),
}
CONFLICT_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "juror": SCORE_COLUMNS["juror"],
    "team": SCORE_COLUMNS["team"],
}


def read_sheet(path: str | Path, columns: Mapping[str, tuple[str, ...]]) -> pd.DataFrame:
    """The sheet as text: one column per key of ``columns`` plus ``row`` (its row number).

    Blank rows are dropped; other columns (comments, for example) are ignored. Raises
    :class:`~kit.errors.DataFormatError` naming the file when it cannot be used.
    """
    path = Path(path)
    if not path.is_file():
        raise SourceNotFoundError(MSG["not_found"].format(path=path))
    if path.suffix.lower() == ".xls":
        raise DataFormatError(path, MSG["xls"].get())
    expected = _expected(columns)
    rows = _excel_rows(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_rows(path)
    rows = [(number, cells) for number, cells in rows if any(cell.strip() for cell in cells)]
    if len(rows) < 2:
        raise DataFormatError(path, MSG["empty"].format(expected=expected))
    (_, header), body = rows[0], rows[1:]
    where = _find_columns(path, header, columns, expected)
    frame = pd.DataFrame(
        {name: [_cell(cells, at).strip() for _, cells in body] for name, at in where.items()}
    )
    frame.insert(0, "row", [number for number, _ in body])
    return frame


def _expected(columns: Mapping[str, tuple[str, ...]]) -> str:
    return ", ".join("|".join(names) for names in columns.values())


def _find_columns(
    path: Path, header: list[str], columns: Mapping[str, tuple[str, ...]], expected: str
) -> dict[str, int]:
    """Where each column is in the header."""
    where: dict[str, int] = {}
    for name, accepted in columns.items():
        hits = [at for at, title in enumerate(header) if fold(title) in accepted]
        if len(hits) > 1:
            found = ", ".join(header[at] for at in hits)
            raise DataFormatError(path, MSG["repeated_column"].format(column=name, found=found))
        if hits:
            where[name] = hits[0]
    missing = ["|".join(accepted) for name, accepted in columns.items() if name not in where]
    if missing:
        found = ", ".join(f"«{title}»" for title in header if title.strip()) or "—"
        problem = MSG["missing_columns"].format(
            missing=", ".join(missing), found=found, expected=expected
        )
        raise DataFormatError(path, problem)
    return where


def _cell(cells: list[str], at: int) -> str:
    return cells[at] if at < len(cells) else ""


def _csv_rows(path: Path) -> list[tuple[int, list[str]]]:
    text = _decode(path)
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter, strict=True)
    try:
        return [(reader.line_num, cells) for cells in reader]
    except csv.Error as error:
        raise DataFormatError(path, MSG["bad_csv"].format(error=error)) from error


def _decode(path: Path) -> str:
    """UTF-8 (with or without BOM), else Windows-1252: what Excel writes as CSV in Mexico."""
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DataFormatError(path, MSG["encoding"].get())


def _excel_rows(path: Path) -> list[tuple[int, list[str]]]:
    """The first sheet's rows as text (numbers as Excel shows them: 4, not 4.0)."""
    try:
        import openpyxl
    except ImportError as error:
        raise DataFormatError(path, MSG["no_openpyxl"].get()) from error
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        raise DataFormatError(path, MSG["bad_excel"].format(error=error)) from error
    try:
        sheet = book.worksheets[0]
        return [
            (number, [_excel_text(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()


def _excel_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
