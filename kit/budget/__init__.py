"""Mexico's federal budget (Transparencia Presupuestaria): approved against spent, by programme.

Hacienda (SHCP) publishes, in the *Datos Abiertos* section of
www.transparenciapresupuestaria.gob.mx, one CSV per year with one row per budget key (ramo,
unidad responsable, functional classification, programa presupuestario, partida, type of
spending, source of funds, state) and its amounts: the approved budget (PEF), the quarterly
*Avance del ejercicio*, and the year's final accounts (*Cuenta Pública*: approved, modified,
accrued, paid and spent). See ``docs/presupuesto.md`` for where to download them, every layout
read and the sources relied on.

- :func:`read.read_budget` reads files, folders or lists of files into one tidy table;
  :func:`load.load` is what notebooks call (``"sample"`` or a path).
- :func:`programs.by_program`: approved, modified and spent per programme and year;
  :func:`programs.programs_over_years`: a programme's path across the years.
- :func:`variation.variation_flags`: departures from the approved budget, as signals to explain.
- :func:`inpc.deflate`: constant pesos with INEGI's INPC.

The package imports only pandas and pyarrow; the functions are re-exported here.
"""

from __future__ import annotations

from kit.budget.inpc import deflate, to_constant_pesos
from kit.budget.load import BudgetData, load
from kit.budget.programs import by_program, programs_over_years
from kit.budget.read import COLUMNS, read_budget
from kit.budget.variation import variation_flags

__all__ = [
    "COLUMNS",
    "BudgetData",
    "by_program",
    "deflate",
    "load",
    "programs_over_years",
    "read_budget",
    "to_constant_pesos",
    "variation_flags",
]
