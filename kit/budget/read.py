"""Read Hacienda's budget CSV files (Cuenta Pública, PEF, Avance) into one tidy table.

``read_budget(path)`` takes a file, a folder of yearly files or a list of them and returns one
row per published budget key and year, with lower-case columns (:data:`COLUMNS`):

- ``ciclo`` (int): the fiscal year (``CICLO``);
- keys as text, as published but trimmed: ``ramo`` (two digits: ``"09"``, ``"11"``), ``ur``,
  ``finalidad``, ``funcion``, ``subfuncion``, ``ai``, ``modalidad`` (one letter), ``pp`` (three
  digits: ``"001"``), ``programa`` (modalidad + pp: ``"E001"``), ``partida``, ``capitulo``
  (``"4000"``: ``ID_CAPITULO``, or the partida's first digit), ``tipo_gasto``, ``ff``,
  ``entidad``, ``cartera`` (the leading ``'`` some files carry is dropped), each with its
  ``desc_*`` text (``desc_capitulo`` from the CONAC chapters when the file has none);
- amounts in pesos (float): ``aprobado``, ``modificado``, ``devengado``, ``pagado``,
  ``adefas``, ``ejercido``. A measure the layout does not publish is NaN (a PEF file has only
  ``aprobado``), never 0; an empty cell of a published measure is 0;
- ``archivo`` (file name) and ``formato`` (``cuenta_publica``, ``avance`` or ``pef``).

A programme is identified by ``ramo`` + ``programa``: ``E001`` or ``M001`` exist in many ramos.
Rows whose every column is empty (the 2022 Cuenta Pública pads with hundreds of thousands) are
dropped and counted in ``attrs["filas_vacias"]``; descriptions decoded twice by some re-export
(``EducaciÃ³n``) are repaired and counted in ``attrs["textos_reparados"]``.

Sources of the layouts (see ``docs/presupuesto.md``): the open-data section of
transparenciapresupuestaria.gob.mx (``/work/models/PTP/DatosAbiertos/BD_Cuenta_Publica/CSV/
cuenta_publica_<año>_gf_ecd_epe.csv``, ``.../Bases_de_datos_presupuesto/CSV/PEF_<año>.csv`` and
``pef_ac01_avance_<t>t_<año>.csv``; dictionary ``Metadatos/Metadatos_Avance_Financiero.xlsx``),
and public scripts that read those files (``MiguelHeCa/cuenta_publica_mx``,
``open-contracting/ocds-kibana-manual-es`` ``datasets/ptp-pef-ofdp``, and a profile of the
Cuenta Pública 2020-2025 files: encoding, 32 columns, names per year).
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pandas as pd

from kit.budget import _csv, amounts, columns
from kit.budget.columns import AMOUNTS, CAPITULOS, COLUMNS, LAYOUTS, REQUIRED, TEXT
from kit.errors import DataFormatError, SourceNotFoundError
from kit.i18n import messages

__all__ = ["COLUMNS", "BadRowsWarning", "read_budget"]

Source = str | os.PathLike[str]
_PATTERNS = ("*.csv", "*.CSV", "*.csv.gz", "*.CSV.GZ")
_TEXT_NAMES = [f.name for f in TEXT]
_AMOUNT_NAMES = [f.name for f in AMOUNTS]
#: What ``attrs`` counts per file and in total.
_COUNTS = ("filas_vacias", "filas_omitidas", "textos_reparados")

MSG = messages(
    "budget.read",
    {
        "not_found": (
            "No existe {path}. Revisa la ruta, o usa load('sample') para la muestra del kit.",
            "{path} does not exist. Check the path, or use load('sample') for the kit's sample.",
        ),
        "no_files": (
            "{folder}: no hay archivos .csv (ni .csv.gz) de presupuesto en esta carpeta{excel}. "
            "Descarga los CSV de Transparencia Presupuestaria, sección Datos Abiertos.",
            "{folder}: there are no budget .csv (or .csv.gz) files in this folder{excel}. "
            "Download the CSV files from Transparencia Presupuestaria, Datos Abiertos section.",
        ),
        "only_excel": (" (solo libros de Excel)", " (only Excel workbooks)"),
        "nothing": (
            "no me diste ningún archivo que leer.",
            "no file to read was given.",
        ),
        "no_rows": (
            "tiene el encabezado pero ninguna fila de datos; ¿se cortó la descarga? "
            "Descárgalo de nuevo.",
            "has the header but no data rows; was the download cut? Download it again.",
        ),
        "columns": (
            "faltan las columnas {missing}: se esperaba el formato {expected}. La primera línea "
            "dice: {line!r}. Revisa que sea una base de Transparencia Presupuestaria sin editar.",
            "the columns {missing} are missing: the {expected} layout was expected. The first "
            "line reads: {line!r}. Check that it is an unedited Transparencia Presupuestaria "
            "database.",
        ),
        "any_layout": ("de alguno de estos formatos: {layouts}", "one of these layouts: {layouts}"),
        "proposal": (
            "es un proyecto de presupuesto (PPEF, columna MONTO_PROYECTO): no es lo aprobado ni "
            "lo ejercido. Usa el PEF aprobado o la Cuenta Pública del mismo año.",
            "is a budget proposal (PPEF, column MONTO_PROYECTO): neither approved nor spent. Use "
            "the approved PEF or the Cuenta Pública of the same year.",
        ),
        "amount": (
            "fila {row} (línea {line}), columna {column}: {value!r} no es un importe en pesos. "
            "Se publican como 1234567.89 (a veces 1,234,567.89). Corrige esa celda o descarga "
            "el archivo original de nuevo.",
            "row {row} (line {line}), column {column}: {value!r} is not an amount in pesos. "
            "They are published as 1234567.89 (sometimes 1,234,567.89). Fix that cell or "
            "download the original file again.",
        ),
        "ciclo": (
            "fila {row} (línea {line}), columna {column}: {value!r} no es un año (CICLO debe "
            "ser como 2023).",
            "row {row} (line {line}), column {column}: {value!r} is not a year (CICLO must look "
            "like 2023).",
        ),
        "duplicate": (
            "el ciclo {year} ya estaba en {other}. Sumar dos archivos del mismo año duplicaría "
            "los montos (¿un PEF y una Cuenta Pública, o dos cortes del Avance?): lee cada uno "
            "por separado.",
            "cycle {year} was already in {other}. Adding two files of the same year would "
            "double the amounts (a PEF and a Cuenta Pública, or two Avance cuts?): read each "
            "one separately.",
        ),
        "skipped": (
            "{path}: omití {count} filas con un número de columnas distinto al del encabezado "
            "(líneas {lines}). Los totales no las incluyen.",
            "{path}: skipped {count} rows whose number of columns differs from the header's "
            "(lines {lines}). Totals leave them out.",
        ),
        "bad_rows": (
            'bad_rows debe ser "error" o "skip", no {value!r}.',
            'bad_rows must be "error" or "skip", not {value!r}.',
        ),
    },
)


class BadRowsWarning(UserWarning):
    """Rows with the wrong number of fields were skipped (``bad_rows="skip"``)."""


def read_budget(source: Source | Iterable[Source], *, bad_rows: str = "error") -> pd.DataFrame:
    """Read one file, a folder of yearly files, or a list of either, into one tidy table.

    Args:
        source: a ``.csv`` (or ``.csv.gz``) file, a folder holding them, ``"sample"`` (the
            kit's bundled files) or a list of files and folders.
        bad_rows: ``"error"`` (default) refuses a row with the wrong number of fields, naming
            its line; ``"skip"`` leaves such rows out, warns and counts them in
            ``attrs["filas_omitidas"]``.

    Returns:
        The rows of every file, in file order, with :data:`COLUMNS`.

    Raises:
        SourceNotFoundError: a path does not exist or a folder holds no CSV.
        DataFormatError: an empty, Excel, undecodable, cut or ragged file; missing columns;
            an amount or year that is not one; two files with the same ``ciclo``.
    """
    if bad_rows not in ("error", "skip"):
        raise ValueError(MSG["bad_rows"].format(value=bad_rows))
    paths = _paths(source)
    frames, seen, counts = [], {}, dict.fromkeys(_COUNTS, 0)
    for path in paths:
        frame = _read_file(path, skip_bad=bad_rows == "skip")
        for year in sorted(frame["ciclo"].unique()):
            if int(year) in seen:
                problem = MSG["duplicate"].format(year=int(year), other=seen[int(year)])
                raise DataFormatError(path, problem)
        seen.update({int(year): path.name for year in frame["ciclo"].unique()})
        for name in _COUNTS:
            counts[name] += frame.attrs[name]
        frames.append(frame)
    table = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    table.attrs = {"archivos": [str(p) for p in paths], **counts}
    return table


def _paths(source: Source | Iterable[Source]) -> list[Path]:
    if isinstance(source, str) and source == "sample":
        from kit.budget.load import sample_folder

        source = sample_folder()
    items = [source] if isinstance(source, (str, os.PathLike)) else list(source)
    paths: list[Path] = []
    for item in items:
        path = Path(item)
        if not path.exists():
            raise SourceNotFoundError(MSG["not_found"].format(path=path))
        paths.extend(_folder(path) if path.is_dir() else [path])
    if not paths:
        raise SourceNotFoundError(MSG["nothing"].get())
    return paths


def _folder(folder: Path) -> list[Path]:
    found = sorted({p for pattern in _PATTERNS for p in folder.glob(pattern)})
    if not found:
        excel = any(folder.glob("*.xls*"))
        hint = MSG["only_excel"].get() if excel else ""
        raise SourceNotFoundError(MSG["no_files"].format(folder=folder, excel=hint))
    return found


def _read_file(path: Path, *, skip_bad: bool) -> pd.DataFrame:
    _csv.check_not_excel(path)
    found = _csv.sniff(path)
    header = _csv.header(path, found)
    positions = columns.find(header)
    _check_columns(path, header, positions)
    ragged = _csv.Ragged()
    parts, offset, repaired = [], 0, 0
    for block in _csv.blocks(path, found, len(header), positions, skip_bad=skip_bad, ragged=ragged):
        context = _Context(path, found, len(header), skip_bad, header, positions, offset)
        parts.append(_tidy(block, context))
        offset += len(block)
        repaired += context.repaired
    if offset == 0:
        raise DataFormatError(path, MSG["no_rows"].get())
    frame = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
    empty = offset - len(frame)
    if not len(frame):
        raise DataFormatError(path, MSG["no_rows"].get())
    frame["archivo"] = pd.Series(path.name, index=frame.index, dtype="string")
    frame["formato"] = pd.Series(columns.layout(positions), index=frame.index, dtype="string")
    if ragged.count:
        lines = _csv.ragged_lines(path, found, len(header))
        shown = ", ".join(str(n) for n in lines[:10]) + (" …" if len(lines) > 10 else "")
        text = MSG["skipped"].format(path=path, count=ragged.count, lines=shown)
        warnings.warn(text, BadRowsWarning, stacklevel=3)
    frame = frame[list(COLUMNS)]
    frame.attrs = {
        "filas_vacias": empty,
        "filas_omitidas": ragged.count,
        "textos_reparados": repaired,
    }
    return frame


def _check_columns(path: Path, header: list[str], positions: dict[str, int]) -> None:
    missing = [name for name in REQUIRED if name not in positions]
    if not missing:
        return
    if "aprobado" in missing and columns.is_proposal(header):
        raise DataFormatError(path, MSG["proposal"].get())
    if any(name in positions for name in _AMOUNT_NAMES):
        expected = LAYOUTS[columns.layout(positions)]
    else:
        expected = MSG["any_layout"].format(layouts="; ".join(LAYOUTS.values()))
    problem = MSG["columns"].format(
        missing=", ".join(columns.published_name(name) for name in missing),
        expected=expected,
        line=",".join(header)[:120],
    )
    raise DataFormatError(path, problem)


class _Context:
    """Where a block comes from, so an error can name the row, the line and the column."""

    def __init__(
        self,
        path: Path,
        found: _csv.Sniff,
        width: int,
        skip_bad: bool,
        header: list[str],
        positions: dict[str, int],
        offset: int,
    ) -> None:
        self.path, self.found, self.width, self.skip_bad = path, found, width, skip_bad
        self.header, self.positions, self.offset = header, positions, offset
        self.repaired = 0

    def fail(self, key: str, position: int, column: str, value: str) -> DataFormatError:
        record = self.offset + position
        line = _csv.line_of(self.path, self.found, record, self.width, skip_bad=self.skip_bad)
        published = self.header[self.positions[column]]
        problem = MSG[key].format(row=record + 1, line=line, column=published, value=value)
        return DataFormatError(self.path, problem)


def _tidy(block: pd.DataFrame, context: _Context) -> pd.DataFrame:
    """One block of published text as tidy columns (blank rows dropped, amounts parsed)."""
    text = block.apply(lambda column: column.str.strip())
    filled = text.ne("").any(axis=1)
    text = text[filled]
    out = pd.DataFrame(index=text.index)
    out["ciclo"] = _ciclo(text["ciclo"], context)
    for name in _TEXT_NAMES:
        values = text[name] if name in text else pd.Series(pd.NA, index=text.index)
        values = values.astype("string").replace("", pd.NA)
        if name.startswith("desc_"):
            values, fixed = _csv.repair_series(values)
            context.repaired += fixed
        out[name] = values
    out["ramo"] = _pad(out["ramo"], 2)
    out["pp"] = _pad(out["pp"], 3)
    out["modalidad"] = out["modalidad"].str.upper()
    out["programa"] = (out["modalidad"].fillna("") + out["pp"].fillna("")).replace("", pd.NA)
    out["cartera"] = out["cartera"].str.lstrip("'").replace("", pd.NA)
    out["capitulo"] = _chapter(out["capitulo"]).fillna(_chapter(out["partida"]))
    named = pd.Series(CAPITULOS, dtype="string").reindex(out["capitulo"].to_numpy())
    out["desc_capitulo"] = out["desc_capitulo"].fillna(
        pd.Series(named.to_numpy(), index=out.index, dtype="string")
    )
    for name in _AMOUNT_NAMES:
        if name not in text:
            out[name] = np.nan
            continue
        values, bad = amounts.parse(text[name])
        position = amounts.first_bad(bad)
        if position is not None:
            value = str(text[name].iloc[position])
            raise context.fail("amount", int(text.index[position]), name, value)
        out[name] = values.to_numpy()
    return out.reset_index(drop=True)


def _ciclo(values: pd.Series, context: _Context) -> np.ndarray:
    """Years as int; the block's index labels are positions in the block (blank rows too)."""
    good = values.str.fullmatch(r"\d{4}").fillna(False).astype(bool)
    if not good.all():
        position = int(np.flatnonzero(~good.to_numpy())[0])
        value = str(values.iloc[position])
        raise context.fail("ciclo", int(values.index[position]), "ciclo", value)
    return values.astype("int64").to_numpy()


def _chapter(values: pd.Series) -> pd.Series:
    """The chapter (``"4000"``) of a partida (``"43401"``) or chapter id (``"4"``, ``"4000"``)."""
    first = values.str.slice(0, 1)
    valid = first.str.fullmatch("[1-9]").fillna(False).astype(bool)
    return (first + "000").where(valid).astype("string")


def _pad(values: pd.Series, width: int) -> pd.Series:
    """Zero-pad numeric keys (``"7"`` → ``"07"``); other keys (``"GYR"``) stay as published."""
    digits = values.str.fullmatch(r"\d+").fillna(False).astype(bool)
    return values.where(~digits, values.str.zfill(width))
