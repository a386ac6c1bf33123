"""Supply and demand of care by alcaldía: Data Cívica's table (``ent_o_d_graph/09.csv``).

Columns ``"",inegi,name_ent,name_mun,concepto,est,cuidar,razon,faltan_est,ent``, one row per
alcaldía and ``concepto`` (``guarderias``, ``asilos``, ``estancias``): ``est`` DENUE
establishments, ``cuidar`` people needing that care (census derived table: age 0-5, 66+, with a
disability), ``razon`` the people one establishment is assumed to serve (130, 324 and 100: the
mean capacity Data Cívica assigned from DENUE staff bands) and ``faltan_est =
round(cuidar / razon − est)``. A deficit is a model's output under those assumptions, not a
count of missing places.
"""

from __future__ import annotations

import pandas as pd

from kit.care import _csv
from kit.care._csv import Source
from kit.i18n import messages

__all__ = ["COLUMNS", "SERVICIO", "read_supply_demand"]

COLUMNS = ("cve_mun", "municipio", "concepto", "servicio", "establecimientos",
           "personas_que_requieren", "personas_por_establecimiento", "faltan")  # fmt: skip
#: ``concepto`` -> the service name :func:`kit.care.denue.read_denue` uses.
SERVICIO = {"guarderias": "guarderia", "asilos": "asilo", "estancias": "discapacidad"}
_NEEDED = ("inegi", "name_mun", "concepto", "est", "cuidar", "razon", "faltan_est")

MSG = messages(
    "care.supply",
    {
        "what": (
            "la tabla de oferta y demanda de cuidados por alcaldía",
            "the table of care supply and demand by alcaldía",
        ),
    },
)


def read_supply_demand(source: Source) -> pd.DataFrame:
    """Read the supply-demand table into :data:`COLUMNS` (counts Int64)."""
    table = _csv.read_table(source, "oferta_demanda.csv", MSG["what"])
    _csv.require(table, _NEEDED, MSG["what"], ",".join(_NEEDED))
    raw = table.frame
    concepto = raw["concepto"].str.strip()
    frame = pd.DataFrame(
        {
            "cve_mun": raw["inegi"].str.strip().str.zfill(5),
            "municipio": raw["name_mun"].str.strip(),
            "concepto": concepto,
            "servicio": concepto.map(SERVICIO).astype("string"),
            "establecimientos": _csv.numbers(table, "est", whole=True),
            "personas_que_requieren": _csv.numbers(table, "cuidar", whole=True),
            "personas_por_establecimiento": _csv.numbers(table, "razon", whole=True),
            "faltan": _csv.numbers(table, "faltan_est", whole=True),
        }
    ).reset_index(drop=True)
    frame.attrs.update(archivo=str(table.path), codificacion=table.encoding)
    return frame
