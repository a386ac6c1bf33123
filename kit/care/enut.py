"""ENUT 2019 (INEGI's time-use survey), one row per person: weekly hours of unpaid care work.

The layout read is the person-level table Data Cívica derived from the ENUT 2019 microdata
(``region,sexo,niv,trab_dom,tiene_hij,pareja,fac_per,hrs_cuidado,tot_cuidado_nac_percap,saldo``;
repository datacivica/huella-de-cuidados, script ``import-clean/src/enut.R``), and the kit's
sample uses it too, so a notebook runs unchanged on either:

- ``hrs_cuidado``: weekly hours summed over the time columns of the ENUT module's questions
  p6_3 … p6_15 (domestic work for one's own household and direct care of its members), kept only
  when at most 168. ``fac_per``: the person's expansion factor (how many people of 12 and over
  the respondent stands for).
- ``region``: six macro-regions, not states. Mexico City is in ``Mesoamérica Central`` with the
  State of Mexico, Hidalgo and Morelos, so no figure here is a Mexico City figure.
- Rows with ``region == "Nacional"`` are not persons: the script filled combinations missing in
  some region with the national weighted median and gave them the group's summed weight. The
  reader drops them (5 rows in the published table) and counts them in
  ``attrs["filas_nacional_descartadas"]``.
- ``tot_cuidado_nac_percap`` and ``saldo`` are derived (national mean, difference to it) and not
  kept: recompute them with :mod:`kit.care.survey`.
"""

from __future__ import annotations

import pandas as pd

from kit.care import _csv
from kit.care._csv import Source
from kit.i18n import messages

__all__ = ["COLUMNS", "ESCOLARIDAD", "REGIONES", "SAMPLE", "read_enut"]

SAMPLE = "enut/enut2019_personas.csv"
COLUMNS = (
    "region", "sexo", "escolaridad", "trabajo_domestico_pagado", "tiene_hijos", "pareja",
    "factor", "horas_cuidado",
)  # fmt: skip
REGIONES = (
    "Aridoamérica Occidental", "Aridoamérica Oriental", "Mesoamérica", "Mesoamérica Central",
    "Mesoamérica Occidental", "Zona Maya",
)  # fmt: skip
ESCOLARIDAD = ("Primaria o menos", "Secundaria", "Preparatoria", "Licenciatura o más")
_NEEDED = ("region", "sexo", "niv", "trab_dom", "tiene_hij", "pareja", "fac_per", "hrs_cuidado")
_SEXO = {"mujer": "Mujer", "hombre": "Hombre"}
_YES_NO = {"trab_dom": ("Sí contrata", "No contrata"), "tiene_hij": ("Sí tiene", "No tiene")}
_YES_NO["pareja"] = _YES_NO["tiene_hij"]

MSG = messages(
    "care.enut",
    {
        "what": (
            "la tabla de horas de cuidado por persona de la ENUT 2019",
            "the ENUT 2019 table of care hours per person",
        ),
        "label": (
            "línea {line}, columna {column}: {value!r} no es un valor conocido ({known}). "
            "Revisa esa línea o descarga el archivo original de nuevo.",
            "line {line}, column {column}: {value!r} is not a known value ({known}). Check that "
            "line or download the original file again.",
        ),
        "weight": (
            "línea {line}: el factor de expansión fac_per es {value}; debe ser un número "
            "positivo (cuántas personas representa). Revisa esa línea o descarga el archivo "
            "original de nuevo.",
            "line {line}: the expansion factor fac_per is {value}; it must be a positive number "
            "(how many people the row stands for). Check that line or download the original "
            "file again.",
        ),
        "hours": (
            "línea {line}: hrs_cuidado es {value}, fuera de 0 a 168 (las horas de una semana). "
            "Revisa esa línea o descarga el archivo original de nuevo.",
            "line {line}: hrs_cuidado is {value}, outside 0 to 168 (the hours in a week). Check "
            "that line or download the original file again.",
        ),
    },
)


def read_enut(source: Source = "sample") -> pd.DataFrame:
    """Read the ENUT 2019 person-level care hours into one row per respondent.

    Args:
        source: path of the CSV, or ``"sample"`` for the bundled sample.

    Returns:
        A DataFrame with :data:`COLUMNS`: ``region``, ``sexo`` (``Mujer``/``Hombre``),
        ``escolaridad`` (ordered categorical :data:`ESCOLARIDAD`), the booleans
        ``trabajo_domestico_pagado`` (the household pays for domestic work), ``tiene_hijos``,
        ``pareja``, ``factor`` (Int64 expansion factor) and ``horas_cuidado`` (weekly hours,
        0-168). ``attrs``: ``archivo``, ``codificacion``, ``filas_nacional_descartadas``.

    Raises:
        DataFormatError: empty, cut, wrongly encoded file, missing columns, unknown labels,
            weights that are not positive numbers, hours outside 0..168.
        SourceNotFoundError: the path (or the sample) does not exist.
    """
    table = _csv.read_table(source, SAMPLE, MSG["what"])
    _csv.require(table, _NEEDED, MSG["what"], ",".join(_NEEDED))
    national = table.frame["region"].str.strip().eq("Nacional")
    table = _csv.Table(table.path, table.encoding, table.header, table.frame[~national])
    raw = table.frame
    factor = _csv.numbers(table, "fac_per", whole=True)
    if (factor <= 0).any():
        _csv.fail_at(table, factor <= 0, MSG["weight"], value=factor[factor <= 0].iloc[0])
    hours = _csv.numbers(table, "hrs_cuidado")
    outside = (hours < 0) | (hours > 168)
    if outside.any():
        _csv.fail_at(table, outside, MSG["hours"], value=hours[outside].iloc[0])
    frame = pd.DataFrame(
        {
            "region": _labels(table, "region", {name: name for name in REGIONES}),
            "sexo": _labels(table, "sexo", _SEXO),
            "escolaridad": pd.Categorical(
                _labels(table, "niv", {name: name for name in ESCOLARIDAD}),
                categories=ESCOLARIDAD,
                ordered=True,
            ),
            "trabajo_domestico_pagado": _yes_no(table, "trab_dom"),
            "tiene_hijos": _yes_no(table, "tiene_hij"),
            "pareja": _yes_no(table, "pareja"),
            "factor": factor,
            "horas_cuidado": hours.astype("float64"),
        },
        index=raw.index,
    ).reset_index(drop=True)
    frame.attrs.update(
        archivo=str(table.path),
        codificacion=table.encoding,
        filas_nacional_descartadas=int(national.sum()),
    )
    return frame


def _labels(table: _csv.Table, column: str, known: dict[str, str]) -> pd.Series:
    """Map published labels to the tidy ones; an unknown label is an error naming its line."""
    text = table.frame[column].str.strip()
    mapped = text.map(known)
    unknown = mapped.isna()
    if unknown.any():
        value = text[unknown].iloc[0]
        _csv.fail_at(
            table, unknown, MSG["label"], column=column, value=value, known=", ".join(known)
        )
    return mapped.astype("string")


def _yes_no(table: _csv.Table, column: str) -> pd.Series:
    yes, no = _YES_NO[column]
    return _labels(table, column, {yes: yes, no: no}).eq(yes).astype(bool)
