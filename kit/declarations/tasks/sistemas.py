"""Graded tasks of ``declaraciones/01_sistemas_pdn``: the PDN systems and what they publish.

Every expected answer is computed from the data the notebook loaded
(:func:`kit.declarations.load.load`), so the same checks work on the sample and on real
downloads of S1, S2 and S3.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kit.check import Series, Task, TaskSet
from kit.declarations.load import load
from kit.declarations.tasks.compare import Shares
from kit.i18n import Text

__all__ = ["TASKS", "declarations_by_type", "s2_share", "sanctions_by_fault"]


def declarations_by_type(data: Any) -> pd.Series:
    """Number of S1 declarations of each type (inicial, modificación, conclusión)."""
    return _counts(data.s1.declarations["tipo"])


def s2_share(data: Any) -> pd.Series:
    """Share of each institution's declarants (distinct CURPs in S1) who appear in S2 (by CURP)."""
    declarations = data.s1.declarations
    in_s2 = declarations["curp"].isin(set(data.s2["curp"].dropna()))
    people = declarations.assign(en_s2=in_s2).drop_duplicates(["ente_publico", "curp"])
    shares = people.groupby("ente_publico")["en_s2"].mean()
    shares.index = shares.index.astype(object)
    return shares.astype(float)


def sanctions_by_fault(data: Any) -> pd.Series:
    """Number of S3 sanctions of public servants for each type of fault (its key)."""
    return _counts(data.s3_servidores["tipo_falta_clave"])


def _counts(column: pd.Series) -> pd.Series:
    counts = column.value_counts()
    counts.index = counts.index.astype(object)
    return counts.astype(int)


TASKS = TaskSet(
    "declaraciones-01",
    [
        Task(
            id="por_tipo",
            variable="declaraciones_por_tipo",
            expected=declarations_by_type,
            compare=Series(),
            hints=[
                Text(
                    "Cada fila de `datos.s1.declarations` es una declaración; su tipo está en la "
                    "columna `tipo`.",
                    "Each row of `datos.s1.declarations` is one declaration; its type is in "
                    "column `tipo`.",
                ),
                Text(
                    "`.value_counts()` cuenta cuántas veces aparece cada valor de una columna y "
                    "da una Serie con el valor en el índice.",
                    "`.value_counts()` counts how often each value of a column appears and gives "
                    "a Series with the value in the index.",
                ),
            ],
            title=Text(
                "Número de declaraciones de cada tipo.", "Number of declarations of each type."
            ),
        ),
        Task(
            id="proporcion_s2",
            variable="proporcion_s2",
            expected=s2_share,
            compare=Shares(),
            points=2,
            hints=[
                Text(
                    "Primero marca cada declaración con `True` si su `curp` aparece en la columna "
                    "`curp` de `datos.s2`: `.isin(...)`.",
                    "First mark each declaration `True` when its `curp` appears in column "
                    "`curp` of `datos.s2`: `.isin(...)`.",
                ),
                Text(
                    "Una persona tiene varias declaraciones: quédate con una fila por "
                    'institución y persona con `.drop_duplicates(["ente_publico", "curp"])`.',
                    "A person has several declarations: keep one row per institution and person "
                    'with `.drop_duplicates(["ente_publico", "curp"])`.',
                ),
                Text(
                    'Agrupa por `"ente_publico"` y saca el promedio de la marca: el promedio de '
                    "`True`/`False` es la proporción de `True`.",
                    'Group by `"ente_publico"` and take the mean of the mark: the mean of '
                    "`True`/`False` is the share of `True`.",
                ),
            ],
            title=Text(
                "Proporción de declarantes de cada institución que están en el S2.",
                "Share of each institution's declarants who are in S2.",
            ),
        ),
        Task(
            id="por_falta",
            variable="sanciones_por_falta",
            expected=sanctions_by_fault,
            compare=Series(),
            hints=[
                Text(
                    "Las sanciones a servidores públicos están en `datos.s3_servidores`; la clave "
                    "del tipo de falta, en la columna `tipo_falta_clave`.",
                    "Sanctions of public servants are in `datos.s3_servidores`; the key of the "
                    "type of fault, in column `tipo_falta_clave`.",
                ),
                Text(
                    "Cuenta cada clave con `.value_counts()`. Usa la clave, no la descripción.",
                    "Count each key with `.value_counts()`. Use the key, not the description.",
                ),
            ],
            title=Text("Sanciones del S3 por tipo de falta.", "S3 sanctions by type of fault."),
        ),
    ],
    load=load,
)
