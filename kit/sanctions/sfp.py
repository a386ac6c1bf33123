"""SFP's directory of sanctioned suppliers and contractors (Proveedores y Contratistas Sancionados).

The Secretaría de la Función Pública, now Anticorrupción y Buen Gobierno, publishes the suppliers
and contractors that a federal body's internal control office (OIC) sanctioned under the
procurement laws (https://directoriosancionados.apps.funcionpublica.gob.mx/), as an Excel file
(sheet ``data``) or CSV. A row is a published administrative sanction, nothing more.

Nine columns and their quirks:

- no RFC column: linking to procurement data has to go by name;
- names with trailing spaces and tabs (``"GVICOA, S.A. DE C.V.\\t"``): trimmed;
- dates as text, dd-mm-yyyy, mostly empty when there is no disqualification (only a fine):
  parsed, unparseable ones counted in ``attrs["fechas_no_leidas"]``. Dates are kept as
  published, even the few that end before they start;
- the fine as right-aligned text with thousands separators (``"   555,644.00"``): a number in
  pesos, unparseable ones counted in ``attrs["montos_no_leidos"]``;
- the disqualification period as words ("1 año, 3 meses"): kept, and in months in
  ``meses_inhabilitacion``.

Excel files often end with blank rows; wholly blank rows are left out.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd

from kit.errors import DataFormatError
from kit.i18n import messages
from kit.sanctions import _csv
from kit.sanctions._csv import Record, Source

__all__ = ["COLUMNS", "read_sfp"]

#: Published header (compared without accents or case) -> column name.
HEADER = {
    "proveedor y contratista": "proveedor_contratista",
    "oic responsable": "oic_responsable",
    "expediente": "expediente",
    "procedimiento administrativo": "procedimiento_administrativo",
    "ley infringida": "ley_infringida",
    "inicio de la sancion": "inicio_sancion",
    "fin de la sancion": "fin_sancion",
    "monto de la multa": "monto_multa",
    "periodo de inhabilitacion": "periodo_inhabilitacion",
}
COLUMNS = (*HEADER.values(), "meses_inhabilitacion")
DATES = ("inicio_sancion", "fin_sancion")
SAMPLE = "sanctions/sfp/Proveedores_Contratistas_Sancionados.csv"
SHEET = "data"
_AMOUNT = re.compile(r"\$?\s*(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?")
_PERIOD = re.compile(r"(\d+)\s*(anos?|mes(?:es)?|dias?)")

MSG = messages(
    "sanctions.sfp",
    {
        "what": (
            "el directorio de proveedores y contratistas sancionados",
            "the directory of sanctioned suppliers and contractors",
        ),
        "expected": (
            "el encabezado 'Proveedor y Contratista,OIC Responsable,Expediente,…'",
            "the header 'Proveedor y Contratista,OIC Responsable,Expediente,…'",
        ),
        "header": (
            "línea {line}: faltan las columnas {missing} (están {found}); descarga el "
            "directorio de nuevo.",
            "line {line}: the columns {missing} are missing (found {found}); download the "
            "directory again.",
        ),
        "bad_xlsx": (
            "el archivo de Excel está dañado o incompleto ({error}); descárgalo de nuevo.",
            "the Excel file is damaged or incomplete ({error}); download it again.",
        ),
        "no_sheet": (
            "el libro no tiene la hoja 'data' (tiene {sheets}); descarga el directorio de nuevo.",
            "the workbook has no sheet 'data' (it has {sheets}); download the directory again.",
        ),
    },
)


def read_sfp(source: Source = "sample") -> pd.DataFrame:
    """Read SFP's directory of sanctioned suppliers and contractors (xlsx or csv).

    Args:
        source: path of the ``.xlsx`` (sheet ``data``) or ``.csv``, or ``"sample"``.

    Returns:
        One row per published sanction, columns :data:`COLUMNS`: ``proveedor_contratista``,
        ``oic_responsable``, ``expediente``, ``procedimiento_administrativo``,
        ``ley_infringida`` (text), ``inicio_sancion``, ``fin_sancion`` (datetime),
        ``monto_multa`` (float, pesos), ``periodo_inhabilitacion`` (text) and
        ``meses_inhabilitacion`` (Int64). ``attrs``: ``archivo``, ``formato``,
        ``fechas_no_leidas``, ``montos_no_leidos``.

    Raises:
        DataFormatError: the file is cut or damaged, lacks columns, or is another list.
        SourceNotFoundError: the path does not exist.
    """
    path = _csv.existing(source, SAMPLE)
    with open(path, "rb") as handle:
        is_zip = handle.read(4) == b"PK\x03\x04"
    rows = _xlsx_rows(path) if is_zip else _csv_rows(path)
    frame = _frame(rows, path)
    frame.attrs.update(archivo=str(path), formato="xlsx" if is_zip else "csv")
    return frame


def _csv_rows(path: Path) -> list[Record]:
    text, _ = _csv.read_text(path)
    rows = _csv.records(text, path)
    _header(rows, path)
    _csv.check_width(rows, len(rows[0][1]), path, MSG["what"], complete=_csv.ends_cleanly(text))
    return rows


def _xlsx_rows(path: Path) -> list[Record]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise DataFormatError(path, MSG["bad_xlsx"].format(error=error)) from error
    try:
        if SHEET not in book.sheetnames and len(book.sheetnames) != 1:
            sheets = ", ".join(repr(name) for name in book.sheetnames)
            raise DataFormatError(path, MSG["no_sheet"].format(sheets=sheets))
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        rows = [
            (line, [_cell(value) for value in values])
            for line, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            if any(value not in (None, "") for value in values)
        ]
    except (zipfile.BadZipFile, EOFError, KeyError) as error:
        raise DataFormatError(path, MSG["bad_xlsx"].format(error=error)) from error
    finally:
        book.close()
    _header(rows, path)
    return rows


def _cell(value: Any) -> Any:
    return "" if value is None else value


def _header(rows: list[Record], path: Path) -> None:
    names = [_csv.normal(str(field)) for field in rows[0][1]] if rows else []
    if not names or names[0] != "proveedor y contratista":
        raise _csv.not_the_list(path, MSG["what"], MSG["expected"], rows)
    missing = [name for name in HEADER if name not in names]
    if missing:
        found = ", ".join(repr(str(field)) for field in rows[0][1])
        problem = MSG["header"].format(line=rows[0][0], missing=", ".join(missing), found=found)
        raise DataFormatError(path, problem)


def _frame(rows: list[Record], path: Path) -> pd.DataFrame:
    names = [_csv.normal(str(field)) for field in rows[0][1]]
    body = [fields for _, fields in rows[1:]]
    frame = pd.DataFrame(index=range(len(body)))
    unread_dates: dict[str, int] = {}
    unread_amounts = 0
    for index, name in enumerate(names):
        if name not in HEADER:
            continue
        column, values = HEADER[name], [fields[index] for fields in body]
        if column in DATES:
            frame[column], unread = _dates(values)
            if unread:
                unread_dates[column] = unread
        elif column == "monto_multa":
            frame[column], unread_amounts = _amounts(values)
        else:
            frame[column] = pd.array([_csv.clean(str(v)) for v in values], dtype="string")
    frame["meses_inhabilitacion"] = pd.array(
        [_months(text) for text in frame["periodo_inhabilitacion"]], dtype="Int64"
    )
    frame = frame[list(COLUMNS)]
    frame.attrs.update(fechas_no_leidas=unread_dates, montos_no_leidos=unread_amounts)
    return frame


def _dates(values: list[Any]) -> tuple[pd.Series, int]:
    """Dates from text (or from Excel date cells), and how many texts were not dates."""
    texts = pd.Series(
        [v.strftime("%Y-%m-%d") if hasattr(v, "strftime") else str(v) for v in values],
        dtype="string",
    )
    dates, left = _csv.parse_dates(texts)
    return dates, len(left)


def _amounts(values: list[Any]) -> tuple[pd.Series, int]:
    """Amounts in pesos ("   555,644.00" or a number cell), and how many were not amounts."""
    out: list[float | None] = []
    unread = 0
    for value in values:
        if isinstance(value, int | float) and not isinstance(value, bool):
            out.append(float(value))
            continue
        text = str(value).strip()
        if _AMOUNT.fullmatch(text) and any(char.isdigit() for char in text):
            out.append(float(text.lstrip("$ ").replace(",", "")))
        else:
            unread += bool(text)
            out.append(None)
    return pd.Series(out, dtype="Float64"), unread


def _months(text: object) -> int | None:
    """ "1 año, 3 meses" -> 15; None when the text has no period in years or months."""
    if not isinstance(text, str):
        return None
    found = _PERIOD.findall(_csv.normal(text))
    if not found or any(unit.startswith("dia") for _, unit in found):
        return None
    return sum(int(n) * (12 if unit.startswith("ano") else 1) for n, unit in found)
