"""DENUE (INEGI's directory of businesses): care establishments, one row per establishment.

What DENUE counts: economic units at a fixed address, with their SCIAN activity and a band of
people employed (``per_ocu``). It does not say how many children or elderly people a place cares
for (capacity), whether it has a licence, its price, nor care given at home or by relatives;
home-based and informal care is invisible to it. A count of establishments is supply of places,
not of care.

The care activities (SCIAN 2018), read by their first four digits and their last one:

- ``6244`` guarderías (day care): ``624411`` private, ``624412`` public;
- ``6233`` asilos (residences for the elderly): ``623311`` private, ``623312`` public;
- ``6232`` residences for people with disabilities or addictions (``discapacidad``):
  ``623211``/``623221`` private, ``623212``/``623222`` public.

Two layouts are read, recognised by their header:

- INEGI's download (``denue_inegi_<sector>_.csv``): 41 columns ``id,nom_estab,raz_social,
  codigo_act,…,latitud,longitud,fecha_alta``; downloads since about 2019 add ``clee`` (the
  establishment's statistical key) after ``id`` (42 columns). Both are accepted. A sector file
  (62, health and social assistance) holds much more than care: rows of other activities are
  skipped and counted in ``attrs["filas_otras_actividades"]``.
- The derived table of Data Cívica (``id,inegi,codigo_act,nombre_act,per_ocu,cve_ent,…,
  guarderia,asilo,discapacidad,tipo,cuidar_toodlers,…``): care establishments of the whole
  country, without names (``nombre`` is <NA>).
"""

from __future__ import annotations

import re

import pandas as pd

from kit.care import _csv
from kit.care._csv import Source
from kit.i18n import messages

__all__ = ["COLUMNS", "SAMPLE", "SERVICIOS", "read_denue", "scian_sector", "scian_servicio"]

SAMPLE = "denue/denue_inegi_62_.csv"
COLUMNS = (
    "id", "nombre", "codigo_act", "servicio", "sector", "personal", "personal_min",
    "personal_max", "cve_ent", "entidad", "cve_mun", "municipio", "latitud", "longitud",
)  # fmt: skip
#: SCIAN industry (first four digits) -> service.
SERVICIOS = {"6244": "guarderia", "6233": "asilo", "6232": "discapacidad"}
_SECTOR = {"1": "Privado", "2": "Público"}
_INEGI = ("id", "nom_estab", "codigo_act", "per_ocu", "cve_ent", "entidad", "cve_mun",
          "municipio", "latitud", "longitud")  # fmt: skip
_DERIVED = ("id", "inegi", "codigo_act", "per_ocu", "cve_ent", "entidad", "cve_mun",
            "municipio", "latitud", "longitud", "guarderia", "tipo")  # fmt: skip
_BAND = re.compile(r"(\d+)\s+a\s+(\d+)\s+personas?")
_OPEN_BAND = re.compile(r"(\d+)\s+y\s+m[aá]s\s+personas?")

MSG = messages(
    "care.denue",
    {
        "what": (
            "un archivo del DENUE (descarga del INEGI o tabla de establecimientos de cuidado)",
            "a DENUE file (INEGI download or table of care establishments)",
        ),
        "band": (
            "línea {line}: per_ocu es {value!r}, que no es un estrato de personal del DENUE "
            "('0 a 5 personas' … '251 y más personas'). Revisa esa línea o descarga el "
            "archivo original de nuevo.",
            "line {line}: per_ocu is {value!r}, which is not a DENUE staff band ('0 a 5 "
            "personas' … '251 y más personas'). Check that line or download the original file "
            "again.",
        ),
    },
)


def scian_servicio(code: str) -> str | None:
    """The care service of a six-digit SCIAN code (``guarderia``/``asilo``/``discapacidad``)."""
    return SERVICIOS.get(str(code).strip()[:4])


def scian_sector(code: str) -> str | None:
    """``Privado`` (last digit 1) or ``Público`` (last digit 2) for a care SCIAN code."""
    return _SECTOR.get(str(code).strip()[-1:])


def read_denue(source: Source = "sample") -> pd.DataFrame:
    """Read care establishments from an INEGI DENUE download or the derived table.

    Args:
        source: path of the CSV, or ``"sample"`` for the bundled sample.

    Returns:
        A DataFrame with :data:`COLUMNS`: ``id``, ``nombre`` (<NA> in the derived layout),
        ``codigo_act`` (six-digit SCIAN text), ``servicio`` (``guarderia``, ``asilo``,
        ``discapacidad``), ``sector`` (``Público``/``Privado``), ``personal`` (the band as
        published), ``personal_min``/``personal_max`` (Int64; max <NA> for ``251 y más``),
        ``cve_ent`` (``09``), ``entidad``, ``cve_mun`` (five digits, ``09002``), ``municipio``,
        ``latitud``, ``longitud``. ``attrs``: ``archivo``, ``codificacion``, ``formato``
        (``inegi``/``derivado``), ``filas_otras_actividades``.

    Raises:
        DataFormatError: empty, cut, wrongly encoded file, missing columns, a staff band or a
            coordinate that cannot be read.
        SourceNotFoundError: the path (or the sample) does not exist.
    """
    table = _csv.read_table(source, SAMPLE, MSG["what"])
    layout = "inegi" if "nom_estab" in table.header else "derivado"
    needed = _INEGI if layout == "inegi" else _DERIVED
    _csv.require(table, needed, MSG["what"], ",".join(needed))
    code = table.frame["codigo_act"].str.strip()
    care = code.str[:4].isin(list(SERVICIOS)).fillna(False).astype(bool)
    table = _csv.Table(table.path, table.encoding, table.header, table.frame[care])
    raw = table.frame
    low, high = _bands(table)
    cve_ent = raw["cve_ent"].str.strip().str.zfill(2)
    frame = pd.DataFrame(
        {
            "id": raw["id"].str.strip(),
            "nombre": raw["nom_estab"].str.strip() if layout == "inegi" else pd.NA,
            "codigo_act": code[care],
            "servicio": code[care].map(scian_servicio).astype("string"),
            "sector": code[care].map(scian_sector).astype("string"),
            "personal": raw["per_ocu"].str.strip(),
            "personal_min": low,
            "personal_max": high,
            "cve_ent": cve_ent,
            "entidad": raw["entidad"].str.strip(),
            "cve_mun": cve_ent + raw["cve_mun"].str.strip().str.zfill(3),
            "municipio": raw["municipio"].str.strip(),
            "latitud": _csv.numbers(table, "latitud", allow_missing=True).astype("float64"),
            "longitud": _csv.numbers(table, "longitud", allow_missing=True).astype("float64"),
        },
        index=raw.index,
    ).reset_index(drop=True)
    frame["nombre"] = frame["nombre"].astype("string")
    frame.attrs.update(
        archivo=str(table.path),
        codificacion=table.encoding,
        formato=layout,
        filas_otras_actividades=int((~care).sum()),
    )
    return frame


def _bands(table: _csv.Table) -> tuple[pd.Series, pd.Series]:
    """``per_ocu`` bands as (min, max) Int64; an unknown band is an error naming its line."""
    text = table.frame["per_ocu"].str.strip()
    closed = text.str.extract(_BAND)
    opened = text.str.extract(_OPEN_BAND)
    low = pd.to_numeric(closed[0].fillna(opened[0])).astype("Int64")
    high = pd.to_numeric(closed[1]).astype("Int64")
    if low.isna().any():
        _csv.fail_at(table, low.isna(), MSG["band"], value=text[low.isna()].iloc[0])
    return low, high
