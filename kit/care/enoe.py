"""ENOE (INEGI's labour force survey), socio-demographic table SDEMT: who is in the labour force.

Read from ``ENOEN_SDEMT<q><yy>.csv`` (since 2020; ``ENOE_SDEMT…`` before). The columns used are
``ent``, ``sex`` (1 man, 2 woman), ``eda`` (age), ``clase1`` (1 economically active, 2 not),
``clase2`` (1 employed), the weight ``fac_tri`` (quarterly; older files ``fac``) and, when
present, ``mun``, ``r_def`` and ``c_res``. Header case does not matter. Following INEGI's
method, only complete interviews of usual residents are kept: ``r_def == 0`` and ``c_res`` 1 or
3 (when those columns exist; the dropped rows are counted in ``attrs["filas_descartadas"]``).
This is a subset of SDEMT's 100-odd columns: the rest are ignored.
"""

from __future__ import annotations

import pandas as pd

from kit.care import _csv, survey
from kit.care._csv import Source
from kit.i18n import messages

__all__ = ["COLUMNS", "SAMPLE", "labour_participation", "read_enoe"]

SAMPLE = "enoe/ENOEN_SDEMT324.csv"
COLUMNS = ("ent", "mun", "sexo", "edad", "pea", "ocupada", "factor")
_NEEDED = ("ent", "sex", "eda", "clase1", "clase2")

MSG = messages(
    "care.enoe",
    {
        "what": (
            "la tabla sociodemográfica (SDEMT) de la ENOE",
            "ENOE's socio-demographic table (SDEMT)",
        ),
        "sex": (
            "línea {line}: sex es {value!r}; en la ENOE es 1 (hombre) o 2 (mujer).",
            "line {line}: sex is {value!r}; in ENOE it is 1 (man) or 2 (woman).",
        ),
        "weight": (
            "línea {line}: el factor de expansión es {value}; debe ser un número positivo.",
            "line {line}: the expansion factor is {value}; it must be a positive number.",
        ),
    },
)


def read_enoe(source: Source = "sample") -> pd.DataFrame:
    """Read SDEMT into :data:`COLUMNS`: ``sexo`` Mujer/Hombre, ``pea``/``ocupada`` booleans."""
    table = _csv.read_table(source, SAMPLE, MSG["what"])
    header = [name.lower() for name in table.header]
    frame = table.frame.rename(columns=dict(zip(table.header, header, strict=True)))
    table = _csv.Table(table.path, table.encoding, header, frame)
    weight = "fac_tri" if "fac_tri" in header else "fac"
    _csv.require(table, (*_NEEDED, weight), MSG["what"], ",".join((*_NEEDED, "fac_tri")))
    keep = pd.Series(True, index=frame.index)
    if "r_def" in header:
        keep &= _csv.numbers(table, "r_def", allow_missing=True).fillna(0).eq(0)
    if "c_res" in header:
        keep &= _csv.numbers(table, "c_res", allow_missing=True).isin([1, 3]).fillna(False)
    table = _csv.Table(table.path, table.encoding, header, frame[keep.astype(bool)])
    sex = _csv.numbers(table, "sex", whole=True)
    if (~sex.isin([1, 2])).any():
        bad = ~sex.isin([1, 2])
        _csv.fail_at(table, bad, MSG["sex"], value=str(sex[bad].iloc[0]))
    factor = _csv.numbers(table, weight)
    if (factor <= 0).any():
        _csv.fail_at(table, factor <= 0, MSG["weight"], value=factor[factor <= 0].iloc[0])
    mun = _csv.numbers(table, "mun", whole=True, allow_missing=True) if "mun" in header else pd.NA
    out = pd.DataFrame(
        {
            "ent": _csv.numbers(table, "ent", whole=True),
            "mun": mun,
            "sexo": sex.map({1: "Hombre", 2: "Mujer"}).astype("string"),
            "edad": _csv.numbers(table, "eda", whole=True),
            "pea": _csv.numbers(table, "clase1", allow_missing=True).eq(1).fillna(False),
            "ocupada": _csv.numbers(table, "clase2", allow_missing=True).eq(1).fillna(False),
            "factor": factor.astype("float64"),
        }
    ).reset_index(drop=True)
    out["mun"] = out["mun"].astype("Int64")
    out[["pea", "ocupada"]] = out[["pea", "ocupada"]].astype(bool)
    out.attrs.update(
        archivo=str(table.path), codificacion=table.encoding,
        filas_descartadas=int((~keep).sum()),
    )  # fmt: skip
    return out


def labour_participation(frame: pd.DataFrame, by: str | None = "sexo") -> pd.DataFrame:
    """Weighted share in the labour force (PEA) among people aged 15 to 98, by ``by``."""
    adults = frame[frame["edad"].between(15, 98)]
    return survey.weighted_share(adults, "pea", weight="factor", by=by)
