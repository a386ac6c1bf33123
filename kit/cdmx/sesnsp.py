"""SESNSP "Víctimas del fuero común" (by sex and age range), long or official wide layout.

The national Secretariado Ejecutivo counts victims in the investigation files every state opens,
by crime type, modality, sex and age range, per month. Two shapes are read:

- long (a re-shaped extract): ``Año,Tipo_de_delito,Modalidad,Sexo,Rango_de_edad,Mes,
  Numero_registros``;
- the official wide file ``IDVFC_NM_*.csv`` (Latin-1): ``Año,Clave_Ent,Entidad,Bien jurídico
  afectado,Tipo de delito,Subtipo de delito,Modalidad,Sexo,Rango de edad,Enero..Diciembre``,
  melted to the same tidy table (all states; filter ``Entidad`` before if needed).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kit.cdmx import _csv
from kit.errors import DataFormatError
from kit.i18n import messages
from kit.sanctions._csv import Source

__all__ = ["COLUMNS", "MONTHS", "read_sesnsp_victims"]

COLUMNS = ("anio", "mes", "tipo_delito", "modalidad", "sexo", "rango_edad", "victimas")
MONTHS = (
    "Enero", "Febrero", "Marzo", "Abril", "Mayo", "Junio", "Julio", "Agosto", "Septiembre",
    "Octubre", "Noviembre", "Diciembre",
)  # fmt: skip
_MONTH_NUMBER = {_csv.key(name): number for number, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBER["setiembre"] = 9
_ALIASES = {
    "anio": ("ano", "anio"),
    "tipo_delito": ("tipodedelito", "tipodelito"),
    "modalidad": ("modalidad",),
    "sexo": ("sexo",),
    "rango_edad": ("rangodeedad", "rangoedad"),
    "mes": ("mes",),
    "victimas": ("numeroregistros", "numerodevictimas", "victimas"),
    "entidad": ("entidad",),
}
_SEXO = {"mujer": "Mujer", "hombre": "Hombre", "noidentificado": "No identificado"}

MSG = messages(
    "cdmx.sesnsp",
    {
        "what": ("el archivo de víctimas del SESNSP", "SESNSP's victims file"),
        "numbers": (
            "{count} valores de {column} no son enteros (por ejemplo {example!r}).",
            "{count} values of {column} are not whole numbers (for example {example!r}).",
        ),
        "month": (
            "meses no reconocidos: {found}; se esperan los nombres en español (Enero …).",
            "unrecognised months: {found}; Spanish month names (Enero …) are expected.",
        ),
    },
)


def read_sesnsp_victims(source: Source) -> pd.DataFrame:
    """Read SESNSP's victims of the fuero común into one row per month and group.

    Returns:
        The columns :data:`COLUMNS`: ``anio``, ``mes`` (1-12), ``tipo_delito``, ``modalidad``,
        ``sexo`` (Mujer, Hombre, No identificado), ``rango_edad``, ``victimas`` (int). The wide
        official file also keeps ``entidad``.

    Raises:
        DataFormatError: missing columns, counts that are not whole numbers, unknown months.
        SourceNotFoundError: the path does not exist.
    """
    path = _csv.existing(source, "cdmx/sesnsp.csv")
    found = _csv.sniff(path)
    names = _csv.header(path, found)
    raw = _csv.read_all(path, found, len(names), names)
    keys = {_csv.key(name): name for name in names}
    if all(_csv.key(month) in keys for month in MONTHS):
        month_columns = [keys[_csv.key(month)] for month in MONTHS]
        ids = [name for name in names if name not in month_columns]
        raw = raw.melt(id_vars=ids, value_vars=month_columns, var_name="Mes", value_name="victimas")
        names = [*ids, "Mes", "victimas"]
    required = ("anio", "tipo_delito", "modalidad", "sexo", "rango_edad", "mes", "victimas")
    columns = _csv.column_map(names, _ALIASES, required, path, MSG["what"].get())
    get = {tidy: raw[group[0]].astype("str").str.strip() for tidy, group in columns.items()}
    months = get["mes"].map(lambda text: _MONTH_NUMBER.get(_csv.key(text)))
    if months.isna().any():
        unknown = ", ".join(sorted(get["mes"][months.isna()].unique())[:5])
        raise DataFormatError(path, MSG["month"].format(found=unknown))
    frame = pd.DataFrame(
        {
            "anio": _whole(get["anio"], "Año", path),
            "mes": months.astype("int64"),
            "tipo_delito": get["tipo_delito"],
            "modalidad": get["modalidad"],
            "sexo": get["sexo"].map(lambda text: _SEXO.get(_csv.key(text), text)),
            "rango_edad": get["rango_edad"],
            "victimas": _whole(get["victimas"].replace("", "0"), "victimas", path),
        }
    )
    if "entidad" in get:
        frame["entidad"] = get["entidad"]
    frame.attrs.update(archivo=str(path), codificacion=found.encoding)
    return frame


def _whole(values: pd.Series, column: str, path: Path) -> pd.Series:
    number = pd.to_numeric(values, errors="coerce")
    bad = number.isna() | (number != number.round())
    if bad.any():
        problem = MSG["numbers"].format(
            count=int(bad.sum()), column=column, example=values[bad].iloc[0]
        )
        raise DataFormatError(path, problem)
    return number.astype("int64")
