"""SAT's list of taxpayers under article 69-B of the Código Fiscal de la Federación.

SAT publishes the taxpayers it presumes issued invoices for operations that did not exist, and
what happened next, stage by stage: *presunto* (presumed, notified), *desvirtuado* (the taxpayer
disproved it), *definitivo* (SAT confirmed it) and *sentencia favorable* (a court ruled for the
taxpayer). A row is what SAT published, nothing more: a signal to verify, not a finding.

The complete list (``Listado_Completo_69-B.csv``) and why this reader does what it does:

- Windows-1252 with CRLF; two preamble lines ("Información actualizada al 30 de noviembre de
  2022" and a title), then the header and 20 columns: No, RFC, name, situation, and for each
  stage the SAT *oficio* (number and date, as text), its publication on SAT's site, the DOF
  *oficio* and its publication in the DOF. The preamble date becomes ``attrs["actualizado"]``.
- A court can order a taxpayer's data suppressed: the RFC is then ``XXXXXXXXXXXX`` and the name
  holds the order ("Información suprimida en cumplimiento a …"). Such rows keep their place with
  ``rfc`` missing, ``rfc_suprimido`` true and the order's text in ``nota``.
- The same RFC can appear on several rows (a taxpayer can go through the procedure again).
  Nothing is dropped: ``rfc_repetido`` marks every row of a repeated RFC.
- Names may carry a note after ``//`` ("… S.A. DE C.V. // En cumplimiento a la sentencia …",
  "// ANTES …"), trailing tabs and line breaks: ``nombre`` is the name, ``nota`` the note.
- Publication dates are mostly dd/mm/yyyy, with some dd/mm/yy, dd-mm-yy, Excel day numbers, and
  cells holding two dates ("25/05/2022 - 26/04/2021") for a stage published twice. Those are not
  guessed: they come back as NaT, counted in ``attrs["fechas_no_leidas"]`` (examples in
  ``attrs["fechas_no_leidas_ejemplos"]``).

A trimmed copy circulates too (RFC, name and situation only; UTF-8; no preamble). It is
recognised and returned with the same columns, the others missing, and
``attrs["variante"] == "rfc_nombre_situacion"`` (``"completo"`` for the full list).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from kit.errors import DataFormatError
from kit.i18n import messages
from kit.sanctions import _csv
from kit.sanctions._csv import Record, Source

__all__ = ["COLUMNS", "SITUACIONES", "STAGE_COLUMNS", "read_69b"]

#: Stable codes of the four situations, in the order of the procedure.
SITUACIONES = ("presunto", "desvirtuado", "definitivo", "sentencia_favorable")
_PARTS = ("oficio_sat", "publicacion_sat", "oficio_dof", "publicacion_dof")
STAGE_COLUMNS = tuple(f"{part}_{stage}" for stage in SITUACIONES for part in _PARTS)
DATE_COLUMNS = tuple(column for column in STAGE_COLUMNS if column.startswith("publicacion"))
COLUMNS = (
    "no", "rfc", "nombre", "nota", "situacion", "situacion_publicada",
    "rfc_suprimido", "rfc_repetido", *STAGE_COLUMNS,
)  # fmt: skip
SAMPLE = "sanctions/sat_69b/Listado_Completo_69-B.csv"
#: Words each column's header must hold (compared without accents, in lower case).
_STAGE_WORDS = ("presun", "desvirtu", "definitiv", "sentencia")
_PART_WORDS = (("oficio", "sat"), ("publicacion", "sat"), ("oficio", "dof"), ("publicacion", "dof"))
_LABELS = {
    "presunto": "presunto",
    "desvirtuado": "desvirtuado",
    "definitivo": "definitivo",
    "sentencia favorable": "sentencia_favorable",
}

MSG = messages(
    "sanctions.sat69b",
    {
        "what": ("la lista 69-B del SAT", "SAT's 69-B list"),
        "expected": (
            "'Información actualizada al …' y el encabezado 'No,RFC,Nombre del Contribuyente,"
            "…' (o 'RFC,Nombre del Contribuyente,Situación del contribuyente')",
            "'Información actualizada al …' and the header 'No,RFC,Nombre del Contribuyente,"
            "…' (or 'RFC,Nombre del Contribuyente,Situación del contribuyente')",
        ),
        "header": (
            "línea {line}, columna {column}: el encabezado {found!r} no es el que la lista "
            "69-B tiene ahí (debe mencionar {words}); ¿cambió el formato del SAT? Descarga el "
            "listado completo de nuevo.",
            "line {line}, column {column}: the header {found!r} is not the one the 69-B list "
            "has there (it must mention {words}); did SAT change the format? Download the "
            "complete list again.",
        ),
    },
)


def read_69b(source: Source = "sample") -> pd.DataFrame:
    """Read SAT's 69-B list (complete or trimmed) into one row per published row.

    Args:
        source: path of the CSV, or ``"sample"`` for the bundled sample.

    Returns:
        A DataFrame with the columns :data:`COLUMNS`: ``no`` (Int64), ``rfc`` (missing when
        suppressed), ``nombre``, ``nota``, ``situacion`` (categorical: presunto, desvirtuado,
        definitivo, sentencia_favorable), ``situacion_publicada`` (SAT's label), the booleans
        ``rfc_suprimido`` and ``rfc_repetido``, and per stage ``oficio_sat_<stage>``,
        ``publicacion_sat_<stage>`` (datetime), ``oficio_dof_<stage>``,
        ``publicacion_dof_<stage>`` (datetime). ``attrs`` holds ``variante``, ``actualizado``
        (the preamble's date), ``archivo``, ``codificacion``, ``fechas_no_leidas``,
        ``fechas_no_leidas_ejemplos`` and ``situaciones_no_reconocidas``.

    Raises:
        DataFormatError: the file is cut, has the wrong columns or encoding, or is another list.
        SourceNotFoundError: the path does not exist.
    """
    path = _csv.existing(source, SAMPLE)
    text, encoding = _csv.read_text(path)
    rows = _csv.records(text, path)
    header, variant = _find_header(rows, path)
    body = rows[header + 1 :]
    width = 20 if variant == "completo" else 3
    _csv.check_width(body, width, path, MSG["what"], complete=_csv.ends_cleanly(text))
    fields = [row for _, row in body]
    frame = _full(fields) if variant == "completo" else _trimmed(fields)
    frame.attrs.update(
        variante=variant,
        actualizado=_updated(rows[:header]),
        archivo=str(path),
        codificacion=encoding,
    )
    return frame


def _find_header(rows: list[Record], path: object) -> tuple[int, str]:
    """Index of the header record among the first five, and which variant it announces."""
    for index, (line, fields) in enumerate(rows[:5]):
        names = [_csv.normal(field) for field in fields]
        if names[:2] == ["no", "rfc"]:
            _check_header(line, names, path)
            return index, "completo"
        if len(names) == 3 and names[0] == "rfc" and names[2].startswith("situacion"):
            return index, "rfc_nombre_situacion"
    raise _csv.not_the_list(path, MSG["what"], MSG["expected"], rows)


def _check_header(line: int, names: list[str], path: object) -> None:
    expected = {2: ("nombre",), 3: ("situacion",)}
    for column in range(4, 20):
        stage, part = divmod(column - 4, 4)
        expected[column] = (*_PART_WORDS[part], _STAGE_WORDS[stage])
    for column, words in expected.items():
        found = names[column] if column < len(names) else ""
        if not all(word in found for word in words):
            problem = MSG["header"].format(
                line=line, column=column + 1, found=found, words=" + ".join(words)
            )
            raise DataFormatError(path, problem)


def _updated(preamble: list[Record]) -> pd.Timestamp | None:
    for _, fields in preamble:
        if "actualizad" in _csv.normal(fields[0]):
            return _csv.text_date(fields[0])
    return None


def _full(fields: list[list[str]]) -> pd.DataFrame:
    columns = list(zip(*fields, strict=True)) if fields else [()] * 20
    frame = _base(columns[0], columns[1], columns[2], columns[3])
    unread: dict[str, int] = {}
    examples: dict[str, list[str]] = {}
    for name, values in zip(STAGE_COLUMNS, columns[4:], strict=True):
        texts = pd.Series([_csv.clean(value) for value in values], dtype="string")
        if name in DATE_COLUMNS:
            frame[name], left = _csv.parse_dates(texts)
            if len(left):
                unread[name] = len(left)
                examples[name] = list(dict.fromkeys(left))[:3]
        else:
            frame[name] = texts
    frame.attrs.update(fechas_no_leidas=unread, fechas_no_leidas_ejemplos=examples)
    return frame


def _trimmed(fields: list[list[str]]) -> pd.DataFrame:
    columns = list(zip(*fields, strict=True)) if fields else [()] * 3
    frame = _base([None] * len(fields), *columns)
    for name in STAGE_COLUMNS:
        missing = [None] * len(frame)
        dtype = "datetime64[ns]" if name in DATE_COLUMNS else "string"
        frame[name] = pd.Series(missing, dtype=dtype)
    frame.attrs.update(fechas_no_leidas={}, fechas_no_leidas_ejemplos={})
    return frame


def _base(
    numbers: Sequence[str | None],
    rfcs: Sequence[str],
    names: Sequence[str],
    situations: Sequence[str],
) -> pd.DataFrame:
    """The columns both variants have: number, RFC and its flags, name, note, situation."""
    upper = [(_csv.clean(value) or "").upper() for value in rfcs]
    suppressed = [bool(rfc) and set(rfc) == {"X"} for rfc in upper]
    rfc = pd.Series(
        [None if hidden else (v or None) for v, hidden in zip(upper, suppressed, strict=True)],
        dtype="string",
    )
    pairs = [_name_and_note(name, hidden) for name, hidden in zip(names, suppressed, strict=True)]
    published = pd.Series([_csv.clean(value) for value in situations], dtype="string")
    labels = {label: _LABELS.get(_csv.normal(label)) for label in published.dropna().unique()}
    situation = pd.Categorical(published.map(labels), categories=SITUACIONES)
    number = pd.to_numeric(pd.Series(numbers, dtype="string"), errors="coerce")
    frame = pd.DataFrame(
        {
            "no": number.astype("Int64"),
            "rfc": rfc,
            "nombre": pd.Series([name for name, _ in pairs], dtype="string"),
            "nota": pd.Series([note for _, note in pairs], dtype="string"),
            "situacion": situation,
            "situacion_publicada": published,
            "rfc_suprimido": suppressed,
            "rfc_repetido": rfc.notna() & rfc.duplicated(keep=False),
        }
    )
    unknown = published[frame["situacion"].isna() & published.notna()]
    frame.attrs["situaciones_no_reconocidas"] = unknown.value_counts().to_dict()
    return frame


def _name_and_note(text: str, suppressed: bool) -> tuple[str | None, str | None]:
    """The taxpayer's name and the note SAT appended after ``//`` (or the suppression order)."""
    text = _csv.clean(text) or ""
    if suppressed and "suprimid" in _csv.normal(text):
        return None, text or None
    name, _, note = text.partition("//")
    return name.strip() or None, note.strip() or None
