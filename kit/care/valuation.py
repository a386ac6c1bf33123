"""What unpaid care is worth: hours × people × an hourly wage × weeks.

The *replacement cost* method prices an hour of unpaid care at what it would cost to hire
someone to do it (a domestic or care worker's hourly wage); the *opportunity cost* method at
what the carer would earn in the market instead. The answer depends on that choice, so it is
always an argument of the function, never hidden. INEGI's satellite account of unpaid household
work (Cuenta Satélite del Trabajo No Remunerado de los Hogares) does this with the full ENUT and
values it at about a quarter of GDP.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["value_table", "value_unpaid_care"]


def value_unpaid_care(
    hours_per_week: float, people: float, wage_per_hour: float, weeks: float = 52
) -> float:
    """Yearly value in pesos: ``hours_per_week × people × wage_per_hour × weeks``."""
    return float(hours_per_week) * float(people) * float(wage_per_hour) * float(weeks)


def value_table(estimates: pd.DataFrame, wage_per_hour: float, weeks: float = 52) -> pd.DataFrame:
    """Value the output of :func:`kit.care.survey.weighted_mean` group by group.

    ``estimate`` becomes ``horas`` (weekly hours per person), ``population`` ``personas``;
    adds ``salario_hora`` and ``valor_anual`` (pesos a year). Other columns (the groups) stay.
    """
    groups = [c for c in estimates.columns
              if c not in {"estimate", "se", "ci_low", "ci_high", "n", "population"}]  # fmt: skip
    out = estimates[groups].copy()
    out["horas"] = estimates["estimate"].astype(float)
    out["personas"] = estimates["population"].astype(float)
    out["salario_hora"] = float(wage_per_hour)
    out["valor_anual"] = out["horas"] * out["personas"] * out["salario_hora"] * float(weeks)
    return out
