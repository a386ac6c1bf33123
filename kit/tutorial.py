"""A five-row toy table and two tasks: how checks and hints work, before the real data.

Used by the welcome notebook and by the kit's own tests of the release and validation pipeline.
All contracts, buyers and suppliers are fictitious.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kit.check import Frame, Number, Task, TaskSet
from kit.errors import DataFormatError, SourceNotFoundError
from kit.i18n import Text

__all__ = ["COLUMNS", "TASKS", "load"]


COLUMNS = ("contrato", "comprador", "metodo", "monto")


def load(source: str | Path = "sample") -> pd.DataFrame:
    """Five fictitious contracts (``"sample"``), or a CSV file with the same columns."""
    if str(source) != "sample":
        return _read_csv(Path(source))
    return pd.DataFrame(
        {
            "contrato": ["C-01", "C-02", "C-03", "C-04", "C-05"],
            "comprador": ["Salud", "Salud", "Obras", "Obras", "Agua"],
            "metodo": ["directa", "licitacion", "directa", "directa", "invitacion"],
            "monto": [120_000.0, 950_000.0, 80_000.0, 45_500.0, 310_000.0],
        }
    )


def _read_csv(path: Path) -> pd.DataFrame:
    if not path.is_file():
        raise SourceNotFoundError(f"{path}: no existe / does not exist")
    table = pd.read_csv(path)
    missing = [column for column in COLUMNS if column not in table.columns]
    if missing:
        raise DataFormatError(path, f"faltan columnas / missing columns: {', '.join(missing)}")
    return table


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
