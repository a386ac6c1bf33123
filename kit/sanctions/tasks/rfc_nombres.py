"""Graded tasks of ``sanciones/02_rfc_y_nombres``: RFC validation, names, exact links.

The notebook validates RFCs with :func:`kit.sanctions.rfc.validate_series`, brings names to one
spelling with :func:`kit.sanctions.names.normalise_series` and links the procurement suppliers to
the lists exactly: by RFC (69-B, OFAC) and by normalised name (SFP, which publishes no RFC).
Expected answers follow the same recipes on the data the notebook loaded.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kit.check import Number, Task, TaskSet, Values
from kit.i18n import Text
from kit.sanctions.load import load
from kit.sanctions.names import normalise_series
from kit.sanctions.rfc import validate_series
from kit.sanctions.tasks.compare import JoinableFrame

__all__ = [
    "TASKS",
    "invalid_rfc_share",
    "joinable_suppliers",
    "ofac_rfc_table",
    "on_69b",
    "on_ofac",
    "sfp_name_matches",
]

SUPPLIER_COLUMNS = ["supplier_id", "supplier_name", "rfc"]


def invalid_rfc_share(data: Any) -> float:
    """Share of the 69-B rows with an RFC (suppressed ones left out) whose RFC is not valid."""
    published = data.sat69b["rfc"].dropna()
    return float((~validate_series(published)["ok"]).mean())


def joinable_suppliers(data: Any) -> pd.DataFrame:
    """``data.suppliers`` without the suppliers whose RFC cannot be a join key (generic, bad)."""
    suppliers = data.suppliers
    return suppliers[validate_series(suppliers["rfc"])["joinable"].to_numpy()]


def sfp_name_matches(data: Any) -> set[str]:
    """Suppliers whose name, normalised and with its words sorted, is a name on the SFP list."""
    suppliers = normalise_series(data.suppliers["supplier_name"])["sorted_key"]
    listed = set(normalise_series(data.sfp["proveedor_contratista"])["sorted_key"]) - {""}
    return set(data.suppliers.loc[suppliers.isin(listed).to_numpy(), "supplier_id"])


def on_69b(data: Any) -> pd.DataFrame:
    """Joinable suppliers and the 69-B rows with their RFC: one row per supplier and 69-B row."""
    sat = data.sat69b[["no", "rfc", "nombre", "situacion"]]
    return joinable_suppliers(data)[SUPPLIER_COLUMNS].merge(sat, on="rfc")


def ofac_rfc_table(data: Any) -> pd.DataFrame:
    """The RFCs of the SDN remarks as a table: ``ent_num`` and ``rfc`` (without repeats)."""
    ids = data.sdn.ids
    table = ids.loc[ids["kind"].eq("RFC"), ["ent_num", "value"]]
    return table.rename(columns={"value": "rfc"}).drop_duplicates(ignore_index=True)


def on_ofac(data: Any) -> pd.DataFrame:
    """Joinable suppliers and the SDN entries with their RFC: one row per supplier and entry."""
    linked = joinable_suppliers(data)[SUPPLIER_COLUMNS].merge(ofac_rfc_table(data), on="rfc")
    return linked.drop_duplicates(["supplier_id", "ent_num"], ignore_index=True)


TASKS = TaskSet(
    "sanciones-02",
    [
        Task(
            id="rfc_invalidos",
            variable="rfc_invalidos",
            expected=invalid_rfc_share,
            compare=Number(rel_tol=1e-6, kind="proportion"),
            hints=[
                Text(
                    "Las filas suprimidas no tienen RFC (`<NA>`): déjalas fuera antes de validar "
                    'con `datos.sat69b["rfc"].dropna()`.',
                    "Suppressed rows have no RFC (`<NA>`): leave them out before validating, with "
                    '`datos.sat69b["rfc"].dropna()`.',
                ),
                Text(
                    "`validate_series(...)` da una tabla con la columna `ok` (`True` si el RFC es "
                    "válido). `~` invierte `True` y `False`.",
                    "`validate_series(...)` gives a table with column `ok` (`True` when the RFC "
                    "is valid). `~` swaps `True` and `False`.",
                ),
                Text(
                    "El promedio de una columna de `True`/`False` es la proporción de `True`: "
                    '`(~tabla["ok"]).mean()`.',
                    "The mean of a `True`/`False` column is the share of `True`: "
                    '`(~table["ok"]).mean()`.',
                ),
            ],
            title=Text(
                "Proporción de RFC no válidos en la lista 69-B.",
                "Share of RFCs on the 69-B list that are not valid.",
            ),
        ),
        Task(
            id="en_sfp",
            variable="en_sfp",
            expected=sfp_name_matches,
            compare=Values(),
            hints=[
                Text(
                    "Normaliza las dos columnas de nombres con `normalise_series`: "
                    '`datos.suppliers["supplier_name"]` y `datos.sfp["proveedor_contratista"]`.',
                    "Normalise both name columns with `normalise_series`: "
                    '`datos.suppliers["supplier_name"]` and `datos.sfp["proveedor_contratista"]`.',
                ),
                Text(
                    "Usa la columna `sorted_key` de cada resultado: sin forma jurídica, sin "
                    "acentos y con las palabras en orden alfabético.",
                    "Use column `sorted_key` of each result: no legal form, no accents and the "
                    "words in alphabetical order.",
                ),
                Text(
                    "`.isin(...)` dice qué claves de los proveedores están entre las de la SFP; "
                    'filtra `datos.suppliers` con eso y toma `set(...["supplier_id"])`.',
                    "`.isin(...)` tells which supplier keys are among the SFP's; filter "
                    '`datos.suppliers` with it and take `set(...["supplier_id"])`.',
                ),
            ],
            title=Text(
                "Proveedores con el mismo nombre normalizado que una sanción de la SFP.",
                "Suppliers with the same normalised name as an SFP sanction.",
            ),
        ),
        Task(
            id="en_69b",
            variable="en_69b",
            expected=on_69b,
            compare=JoinableFrame(key=["supplier_id", "no"], columns=["situacion"]),
            hints=[
                Text(
                    "Parte de `unibles` (los proveedores con RFC que sí se puede usar para unir) "
                    'y únela con `datos.sat69b` por la columna `"rfc"`: `.merge(..., on="rfc")`.',
                    "Start from `unibles` (the suppliers whose RFC can be used to join) and "
                    'join it with `datos.sat69b` on the `"rfc"` column: `.merge(..., on="rfc")`.',
                ),
                Text(
                    'Se piden las columnas `supplier_id`, `no` y `situacion`: `on="rfc"` ya deja '
                    "una fila por cada pareja de proveedor y fila del 69-B.",
                    'The columns `supplier_id`, `no` and `situacion` are asked: `on="rfc"` '
                    "already leaves one row for each pair of supplier and 69-B row.",
                ),
            ],
            title=Text(
                "Proveedores cuyo RFC aparece en la lista 69-B.",
                "Suppliers whose RFC is on the 69-B list.",
            ),
            points=2,
        ),
        Task(
            id="en_ofac",
            variable="en_ofac",
            expected=on_ofac,
            compare=JoinableFrame(key=["supplier_id", "ent_num"]),
            hints=[
                Text(
                    "La tabla `rfc_ofac` de arriba tiene `ent_num` y `rfc`. Únela con los "
                    'proveedores por `"rfc"`.',
                    "The `rfc_ofac` table above has `ent_num` and `rfc`. Join it with the "
                    'suppliers on `"rfc"`.',
                ),
                Text(
                    "¿Partiste de `datos.suppliers` o de `unibles`? Un RFC genérico como "
                    "`XAXX010101000` lo comparten muchas personas: nunca sirve para unir.",
                    "Did you start from `datos.suppliers` or from `unibles`? A generic RFC such "
                    "as `XAXX010101000` is shared by many people: it never serves to join.",
                ),
                Text(
                    "Si una pareja de proveedor y entrada sale repetida, "
                    '`.drop_duplicates(["supplier_id", "ent_num"])` deja una.',
                    "If a pair of supplier and entry is repeated, "
                    '`.drop_duplicates(["supplier_id", "ent_num"])` keeps one.',
                ),
            ],
            title=Text(
                "Proveedores cuyo RFC aparece en las observaciones de la lista SDN.",
                "Suppliers whose RFC appears in the remarks of the SDN list.",
            ),
            points=2,
        ),
    ],
    load=load,
)
