"""Census 2020: the population that needs care, one row per municipality (alcaldía).

Two layouts, recognised by their header:

- INEGI's ITER file (``conjunto_de_datos_iter_09CSV20.csv``: ``ENTIDAD,NOM_ENT,MUN,NOM_MUN,LOC,
  NOM_LOC,LONGITUD,LATITUD,ALTITUD,POBTOT,…``, 286 columns). Municipal totals are the rows with
  ``LOC == 0`` and ``MUN != 0`` (``NOM_LOC == "Total del Municipio"``); ``*`` marks a cell kept
  confidential (read as <NA>). Counts are complete enumerations. Children 0-5 are
  ``P_0A2 + P_3A5``; elderly people ``P_60YMAS`` (60 and over); ``discapacidad`` is ``PCON_DISC``.
- Data Cívica's derived table (``inegi,toodler,nine,adulte_mayor,discapacidad,poblacion,tasa_*``;
  script ``import-clean/src/censo.R`` of datacivica/huella-de-cuidados). It is an *estimate*
  from the census sample questionnaire (person weights ``factor`` summed), not the count:
  ``toodler`` = age 0-5, ``nine`` = age 6-15, ``adulte_mayor`` = age **66 and over**
  (``edad > 65``), ``discapacidad`` = cannot walk, bathe/dress or talk at all, or has a mental
  condition (codes 4/5), ``poblacion`` = summed weights. Note the different age of
  ``adultos_mayores`` (``attrs["edad_adultos_mayores"]``).
"""

from __future__ import annotations

import pandas as pd

from kit.care import _csv
from kit.care._csv import Source
from kit.care.alcaldias import name_of
from kit.i18n import messages

__all__ = ["COLUMNS", "SAMPLE", "read_population"]

SAMPLE = "censo/conjunto_de_datos_iter_09CSV20.csv"
COLUMNS = ("cve_mun", "municipio", "poblacion", "ninas_ninos_0_5", "adultos_mayores",
           "discapacidad")  # fmt: skip
_ITER = ("ENTIDAD", "MUN", "NOM_MUN", "LOC", "POBTOT", "P_0A2", "P_3A5", "P_60YMAS",
         "PCON_DISC")  # fmt: skip
_DERIVED = ("inegi", "toodler", "nine", "adulte_mayor", "discapacidad", "poblacion")

MSG = messages(
    "care.census",
    {
        "what": (
            "un archivo del Censo 2020 (ITER del INEGI o tabla de población que requiere cuidados)",
            "a 2020 Census file (INEGI's ITER or table of the population needing care)",
        ),
    },
)


def read_population(source: Source = "sample") -> pd.DataFrame:
    """Read the population needing care per municipality from ITER or the derived table.

    Returns:
        :data:`COLUMNS` (Int64 counts, <NA> where confidential) plus, per layout,
        ``ninas_ninos_6_11`` and ``adultos_65_mas`` (ITER) or ``ninas_ninos_6_15`` (derived).
        ``attrs``: ``archivo``, ``codificacion``, ``formato`` (``iter``/``derivado``),
        ``edad_adultos_mayores`` (``"60+"`` or ``"66+"``).

    Raises:
        DataFormatError: empty, cut, wrongly encoded file, missing columns, counts that are not
            numbers. SourceNotFoundError: the path (or the sample) does not exist.
    """
    table = _csv.read_table(source, SAMPLE, MSG["what"])
    if "ENTIDAD" in table.header:
        _csv.require(table, _ITER, MSG["what"], ",".join(_ITER))
        frame, layout, age = _iter(table), "iter", "60+"
    else:
        _csv.require(table, _DERIVED, MSG["what"], ",".join(_DERIVED))
        frame, layout, age = _derived(table), "derivado", "66+"
    frame.attrs.update(
        archivo=str(table.path), codificacion=table.encoding, formato=layout,
        edad_adultos_mayores=age,
    )  # fmt: skip
    return frame


def _count(table: _csv.Table, column: str) -> pd.Series:
    return _csv.numbers(table, column, whole=True, allow_missing=True)


def _iter(table: _csv.Table) -> pd.DataFrame:
    raw = table.frame
    loc = pd.to_numeric(raw["LOC"], errors="coerce")
    mun = pd.to_numeric(raw["MUN"], errors="coerce")
    keep = (loc == 0) & (mun != 0)
    table = _csv.Table(table.path, table.encoding, table.header, raw[keep])
    raw = table.frame
    out = pd.DataFrame(
        {
            "cve_mun": raw["ENTIDAD"].str.strip().str.zfill(2)
            + raw["MUN"].str.strip().str.zfill(3),
            "municipio": raw["NOM_MUN"].str.strip(),
            "poblacion": _count(table, "POBTOT"),
            "ninas_ninos_0_5": _count(table, "P_0A2") + _count(table, "P_3A5"),
            "adultos_mayores": _count(table, "P_60YMAS"),
            "discapacidad": _count(table, "PCON_DISC"),
        }
    )
    if "P_6A11" in table.header:
        out["ninas_ninos_6_11"] = _count(table, "P_6A11")
    if "POB65_MAS" in table.header:
        out["adultos_65_mas"] = _count(table, "POB65_MAS")
    return out.reset_index(drop=True)


def _derived(table: _csv.Table) -> pd.DataFrame:
    raw = table.frame
    code = raw["inegi"].str.strip().str.zfill(5)
    return pd.DataFrame(
        {
            "cve_mun": code,
            "municipio": code.map(name_of).astype("string"),
            "poblacion": _count(table, "poblacion"),
            "ninas_ninos_0_5": _count(table, "toodler"),
            "adultos_mayores": _count(table, "adulte_mayor"),
            "discapacidad": _count(table, "discapacidad"),
            "ninas_ninos_6_15": _count(table, "nine"),
        }
    ).reset_index(drop=True)
