"""Graded tasks of ``sanciones/01_las_listas``: the three lists, their formats and meaning.

Every expected answer is computed from the lists the notebook loaded
(:func:`kit.sanctions.load.load`), so the same checks work on the sample and on the real
downloads from OFAC, the SAT and the SFP.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kit.check import Number, Task, TaskSet, Values
from kit.i18n import Text
from kit.sanctions.load import load
from kit.sanctions.tasks.compare import ProgramCounts, Shares

__all__ = ["TASKS", "definitive_rows", "entries_by_program", "ofac_rfcs", "situation_shares"]


def definitive_rows(data: Any) -> int:
    """Rows of the 69-B list whose situation is ``definitivo``."""
    return int(data.sat69b["situacion"].eq("definitivo").sum())


def situation_shares(data: Any) -> pd.Series:
    """Share of the 69-B rows in each situation (rows of an unknown situation left out)."""
    shares = data.sat69b["situacion"].value_counts(normalize=True)
    shares.index = shares.index.astype(object)
    return shares.astype(float)


def entries_by_program(data: Any) -> pd.Series:
    """Number of SDN entries under each sanctions program (an entry counts once per program)."""
    counts = data.sdn.programs["program"].value_counts()
    counts.index = counts.index.astype(object)
    return counts.astype(int)


def ofac_rfcs(data: Any) -> set[str]:
    """Distinct complete (well formed) Mexican RFCs written in the SDN remarks."""
    ids = data.sdn.ids
    complete = ids["kind"].eq("RFC") & ids["well_formed"].fillna(False).astype(bool)
    return set(ids.loc[complete, "value"])


TASKS = TaskSet(
    "sanciones-01",
    [
        Task(
            id="n_definitivos",
            variable="n_definitivos",
            expected=definitive_rows,
            compare=Number(),
            hints=[
                Text(
                    "La situación está en la columna `situacion` de `datos.sat69b`, con códigos "
                    'en minúsculas: `"presunto"`, `"desvirtuado"`, `"definitivo"`, '
                    '`"sentencia_favorable"`.',
                    "The situation is in column `situacion` of `datos.sat69b`, as lower-case "
                    'codes: `"presunto"`, `"desvirtuado"`, `"definitivo"`, '
                    '`"sentencia_favorable"`.',
                ),
                Text(
                    '`columna == "definitivo"` da `True`/`False` en cada fila; `.sum()` cuenta '
                    "los `True`. Cuenta filas, no RFC distintos.",
                    '`column == "definitivo"` gives `True`/`False` for each row; `.sum()` counts '
                    "the `True` values. Count rows, not distinct RFCs.",
                ),
            ],
            title=Text(
                "Filas del 69-B en situación Definitivo.",
                "Rows of the 69-B list in the Definitivo situation.",
            ),
        ),
        Task(
            id="proporcion_situacion",
            variable="proporcion_situacion",
            expected=situation_shares,
            compare=Shares(rel_tol=1e-6),
            hints=[
                Text(
                    "Usa la columna `situacion` de `datos.sat69b`. Se pide una Serie con un valor "
                    "por situación y valores que sumen 1.",
                    "Use column `situacion` of `datos.sat69b`. A Series with one value per "
                    "situation is asked, and its values must add up to 1.",
                ),
                Text(
                    "`.value_counts()` cuenta cada valor; su argumento `normalize=True` da "
                    "proporciones en lugar de conteos.",
                    "`.value_counts()` counts each value; its argument `normalize=True` gives "
                    "proportions instead of counts.",
                ),
            ],
            title=Text(
                "Proporción de filas del 69-B en cada situación.",
                "Share of the 69-B rows in each situation.",
            ),
        ),
        Task(
            id="entradas_por_programa",
            variable="entradas_por_programa",
            expected=entries_by_program,
            compare=ProgramCounts(),
            hints=[
                Text(
                    "Una entrada de la SDN puede estar en varios programas a la vez. La tabla "
                    "`datos.sdn.programs` tiene una fila por entrada y programa.",
                    "An SDN entry can be under several programs at once. The table "
                    "`datos.sdn.programs` has one row per entry and program.",
                ),
                Text(
                    'Cuenta cuántas veces aparece cada valor de su columna `"program"` con '
                    "`.value_counts()`: una Serie con el programa en el índice.",
                    'Count how often each value of its `"program"` column appears with '
                    "`.value_counts()`: a Series with the program in the index.",
                ),
            ],
            title=Text(
                "Número de entradas de la SDN en cada programa de sanciones.",
                "Number of SDN entries under each sanctions program.",
            ),
        ),
        Task(
            id="rfcs_ofac",
            variable="rfcs_ofac",
            expected=ofac_rfcs,
            compare=Values(),
            hints=[
                Text(
                    'En `datos.sdn.ids`, los RFC tienen `kind == "RFC"`; la columna `value` '
                    "trae el RFC ya sin guiones ni espacios (la columna `text` es como lo "
                    "escribió OFAC).",
                    'In `datos.sdn.ids`, RFCs have `kind == "RFC"`; column `value` holds the '
                    "RFC without dashes or spaces (column `text` is how OFAC wrote it).",
                ),
                Text(
                    "Los RFC incompletos (sin homoclave) tienen `well_formed` en `False`. Une "
                    "las dos condiciones con `&`, cada una entre paréntesis.",
                    "Incomplete RFCs (without a homoclave) have `well_formed` set to `False`. "
                    "Join both conditions with `&`, each one in parentheses.",
                ),
                Text(
                    'Filtra las filas, toma la columna `"value"` y conviértela con `set(...)`.',
                    'Filter the rows, take the `"value"` column and convert it with `set(...)`.',
                ),
            ],
            title=Text(
                "RFC mexicanos completos en las observaciones de la lista SDN.",
                "Complete Mexican RFCs in the remarks of the SDN list.",
            ),
        ),
    ],
    load=load,
)
