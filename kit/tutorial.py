"""A five-row toy table and two tasks: how checks and hints work, before the real data.

Used by the welcome notebook and by the kit's own tests of the release and validation pipeline.
All contracts, buyers and suppliers are fictitious.
"""

from __future__ import annotations

import pandas as pd

from kit.check import Frame, Number, Task, TaskSet
from kit.i18n import Text

__all__ = ["TASKS", "load"]


def load(source: str = "sample") -> pd.DataFrame:
    """Five fictitious contracts (``source`` is accepted for the notebook convention)."""
    return pd.DataFrame(
        {
            "contrato": ["C-01", "C-02", "C-03", "C-04", "C-05"],
            "comprador": ["Salud", "Salud", "Obras", "Obras", "Agua"],
            "metodo": ["directa", "licitacion", "directa", "directa", "invitacion"],
            "monto": [120_000.0, 950_000.0, 80_000.0, 45_500.0, 310_000.0],
        }
    )


TASKS = TaskSet(
    "bienvenida",
    [
        Task(
            id="total",
            variable="monto_total",
            expected=lambda d: d["monto"].sum(),
            compare=Number(),
            hints=[
                Text("Los montos están en la columna `monto`.", "Amounts are in column `monto`."),
                Text("Una columna tiene el método `.sum()`.", "A column has a `.sum()` method."),
            ],
            title=Text("Suma de todos los montos.", "Sum of every amount."),
        ),
        Task(
            id="directas",
            variable="directas",
            expected=lambda d: d[d["metodo"] == "directa"],
            compare=Frame(key=["contrato"], columns=["monto"]),
            hints=[
                Text(
                    "Filtra filas con una condición: `datos[datos['metodo'] == ...]`.",
                    "Filter rows with a condition: `datos[datos['metodo'] == ...]`.",
                ),
            ],
            title=Text("Las adjudicaciones directas.", "The direct awards."),
        ),
    ],
    load=load,
)
