"""Daily ridership of Mexico City's transport systems (datos.cdmx.gob.mx "Afluencia diaria").

One reader for every system and both shapes: *simple* (``fecha,anio,mes,linea,afluencia``) and
*desglosada* by payment type (``...,tipo_pago,afluencia``); Metro's is by station too
(``estacion``); Tren Ligero's has no ``linea`` (one line, ``TL``). The system comes from the file
name (``afluenciastc_…``, ``afluenciamb_…``, ``…trolebus…``, ``…_cb_…``, ``…_tl_…``) or from
``system=``.

Quirks of the published files, handled: line labels written four ways (``Línea 1``,
``linea 1``, ``linea_ 1``, ``Linea A``; see :func:`kit.cdmx.text.line_label`); literal ``NaN``
for days without data (kept missing, never zero); station names double-encoded in some
re-exports (``PantitlÃ¡n``, repaired); extra columns added by re-exports (ignored); and values
with decimals (``30001.00407``: estimates, not counts), rounded and flagged ``afluencia_no_entera``.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from kit.cdmx import _csv
from kit.cdmx.text import line_label
from kit.errors import DataFormatError
from kit.i18n import messages
from kit.sanctions._csv import Source

__all__ = ["COLUMNS", "SYSTEMS", "read_ridership", "system_of"]

SYSTEMS = ("Metro", "Metrobús", "Trolebús", "Cablebús", "Tren Ligero")
COLUMNS = (
    "fecha", "sistema", "linea", "estacion", "tipo_pago", "afluencia", "afluencia_no_entera",
)  # fmt: skip
#: (pattern on the file name in lower case, system): the first that matches wins.
_NAMES = (
    (r"metrobus|afluenciamb|(^|[_\W])mb([_\W]|$)", "Metrobús"),
    (r"trolebus|(^|[_\W])trole", "Trolebús"),
    (r"cablebus|(^|[_\W])cb([_\W]|$)", "Cablebús"),
    (r"tren_?ligero|(^|[_\W])tl([_\W]|$)", "Tren Ligero"),
    (r"afluenciastc|(^|[_\W])stc|metro", "Metro"),
)
_ALIASES = {
    "fecha": ("fecha",),
    "linea": ("linea",),
    "estacion": ("estacion",),
    "tipo_pago": ("tipopago",),
    "afluencia": ("afluencia",),
}

MSG = messages(
    "cdmx.ridership",
    {
        "what": ("el archivo de afluencia", "the ridership file"),
        "system": (
            "no sé de qué sistema es ({found!r}); el nombre del archivo no lo dice. Pasa "
            "system= con uno de: {known}.",
            "cannot tell which system it is ({found!r}); the file name does not say. Pass "
            "system= with one of: {known}.",
        ),
        "value": (
            "{count} valores de afluencia no son números (por ejemplo {example!r}); "
            "revisa el archivo o descárgalo de nuevo.",
            "{count} ridership values are not numbers (for example {example!r}); check the "
            "file or download it again.",
        ),
        "dates": (
            "{count} fechas no tienen la forma AAAA-MM-DD (por ejemplo {example!r}); "
            "¿se guardó con Excel? Usa el archivo original.",
            "{count} dates are not YYYY-MM-DD (for example {example!r}); was it saved with "
            "Excel? Use the original file.",
        ),
    },
)


def system_of(name: str) -> str | None:
    """The system a ridership file name announces (``afluenciamb_simple_01_2026.csv``, also
    gzipped as ``….csv.gz``)."""
    lower = name.lower().removesuffix(".gz")
    for pattern, system in _NAMES:
        if re.search(pattern, lower):
            return system
    return None


def read_ridership(source: Source, system: str | None = None) -> pd.DataFrame:
    """Read one ridership file (any system, simple or desglosada) into one row per count.

    Args:
        source: path of the CSV file.
        system: one of :data:`SYSTEMS`; by default read from the file name.

    Returns:
        The columns :data:`COLUMNS`: ``fecha`` (datetime), ``sistema``, ``linea`` (``1``,
        ``12``, ``A``; Tren Ligero ``TL``), ``estacion`` (missing unless by station),
        ``tipo_pago`` (missing in simple files), ``afluencia`` (Int64, missing for ``NaN``),
        ``afluencia_no_entera`` (the published value had decimals). ``attrs``: ``archivo``,
        ``codificacion``, ``lineas_publicadas`` (label as published -> normalised),
        ``afluencia_nan``, ``estaciones_reparadas`` (rows whose name was repaired).

    Raises:
        DataFormatError: unknown system, missing columns, values that are not numbers, a cut or
            malformed file.
        SourceNotFoundError: the path does not exist.
    """
    path = _csv.existing(source, "cdmx/afluencia")
    sistema = _system(path, system)
    found = _csv.sniff(path)
    names = _csv.header(path, found)
    required = ("fecha", "afluencia") if sistema == "Tren Ligero" else ("fecha", "linea")
    required = (*required, "afluencia")
    columns = _csv.column_map(names, _ALIASES, required, path, MSG["what"].get())
    raw = _csv.read_all(path, found, len(names), [group[0] for group in columns.values()])
    get = {tidy: raw[group[0]].str.strip() for tidy, group in columns.items()}
    missing = pd.Series([None] * len(raw), dtype="str")
    published = get.get("linea", pd.Series(["TL"] * len(raw), dtype="str"))
    labels = {label: line_label(label) for label in published.dropna().unique()}
    stations, repaired = _csv.repair_series(get.get("estacion", missing))
    afluencia, fractional, nan = _counts(get["afluencia"], path)
    frame = pd.DataFrame(
        {
            "fecha": _dates(get["fecha"], path),
            "sistema": pd.Categorical([sistema] * len(raw), categories=list(SYSTEMS)),
            "linea": published.map(labels).astype("str"),
            "estacion": stations.where(~stations.isin(_csv.MISSING)),
            "tipo_pago": get.get("tipo_pago", missing),
            "afluencia": afluencia,
            "afluencia_no_entera": fractional,
        }
    )
    frame.attrs.update(
        archivo=str(path),
        codificacion=found.encoding,
        lineas_publicadas=labels,
        afluencia_nan=nan,
        estaciones_reparadas=repaired,
    )
    return frame


def _system(path: Path, system: str | None) -> str:
    chosen = system if system is not None else system_of(path.name)
    if chosen not in SYSTEMS:
        problem = MSG["system"].format(found=system or path.name, known=", ".join(SYSTEMS))
        raise DataFormatError(path, problem)
    return chosen


def _counts(values: pd.Series, path: Path) -> tuple[pd.Series, pd.Series, int]:
    """Counts as Int64 (``NaN`` missing), whether each had decimals, and how many were NaN."""
    absent = values.isin(_csv.MISSING) | values.isna()
    number = pd.to_numeric(values.where(~absent), errors="coerce")
    wrong = number.isna() & ~absent
    if wrong.any():
        problem = MSG["value"].format(count=int(wrong.sum()), example=values[wrong].iloc[0])
        raise DataFormatError(path, problem)
    fractional = (number.notna() & (number != np.floor(number))).astype(bool)
    return number.round().astype("Int64"), fractional, int(absent.sum())


def _dates(values: pd.Series, path: Path) -> pd.Series:
    out = pd.to_datetime(values.str.slice(0, 10), format="%Y-%m-%d", errors="coerce")
    wrong = out.isna()
    if wrong.any():
        problem = MSG["dates"].format(count=int(wrong.sum()), example=values[wrong].iloc[0])
        raise DataFormatError(path, problem)
    return out.astype("datetime64[ns]")
