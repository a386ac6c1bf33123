"""Graded tasks of ``cuidados/03_valor_del_cuidado``: what unpaid care is worth, by alcaldía.

Value = weekly hours × people × an hourly wage × 52 weeks (:mod:`kit.care.valuation`). The
hours are ENUT's weighted means by sex in :data:`REGION` (Mexico City's macro-region: the table
has no state); the people are the census population aged 12 and over of each alcaldía (ITER:
``poblacion − ninas_ninos_0_5 − ninas_ninos_6_11``) split by sex with the region's weighted share
of women. The wage is the notebook's stated :data:`WAGE`. Every expected answer is computed from
the loaded data, so the checks work with real downloads too (census in the ITER layout; the
participation task needs an ``enoe/`` folder).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from kit.care import survey
from kit.care.enoe import labour_participation
from kit.care.load import load
from kit.care.tasks.compare import Slips, known
from kit.care.valuation import value_unpaid_care
from kit.check import Number, Series, Task, TaskSet
from kit.i18n import Text

__all__ = [
    "REGION",
    "TASKS",
    "WAGE",
    "WEEKS",
    "participation_cdmx",
    "region_hours",
    "value_one_woman",
    "women_share_of_value",
    "women_value_by_alcaldia",
]

#: Pesos per hour the notebook values care at (a round figure above the 2025 minimum wage).
WAGE = 50.0
WEEKS = 52
#: ENUT's macro-region that contains Mexico City.
REGION = "Mesoamérica Central"
HOURS = "horas_cuidado"


def region_hours(data: Any, region: str | None = REGION, weighted: bool = True) -> pd.Series:
    """Mean weekly care hours by ``sexo`` in ``region`` (``None``: the whole country)."""
    enut = data.enut if region is None else data.enut[data.enut["region"] == region]
    if not weighted:
        return enut.groupby("sexo")[HOURS].mean().astype(float)
    return survey.weighted_mean(enut, HOURS, by="sexo").set_index("sexo")["estimate"]


def women_share(data: Any, region: str | None = REGION) -> float:
    """Weighted share of women among ENUT's people of ``region`` (sum of ``factor``)."""
    enut = data.enut if region is None else data.enut[data.enut["region"] == region]
    weights = enut.groupby("sexo")["factor"].sum().astype(float)
    return float(weights["Mujer"] / weights.sum())


def value_one_woman(data: Any) -> float:
    """Yearly value of an average woman's weekly unpaid care hours in the region at WAGE."""
    hours = region_hours(data)["Mujer"]
    return known(
        value_unpaid_care(hours, 1, WAGE, WEEKS),
        sin_semanas=value_unpaid_care(hours, 1, WAGE, 1),
        nacional=value_unpaid_care(region_hours(data, None)["Mujer"], 1, WAGE, WEEKS),
        sin_pesos=value_unpaid_care(region_hours(data, weighted=False)["Mujer"], 1, WAGE, WEEKS),
    )


def participation_cdmx(data: Any) -> pd.Series:
    """Labour participation (share in the PEA, ages 15-98) by sex in Mexico City (``ent == 9``)."""
    enoe = data.enoe
    city = enoe[enoe["ent"] == 9]
    return known(
        _by_sex(labour_participation(city)),
        todo_el_pais=_by_sex(labour_participation(enoe)),
        todas_las_edades=_by_sex(survey.weighted_share(city, "pea", by="sexo")),
        percent=_by_sex(labour_participation(city)) * 100,
    )


def women_value_by_alcaldia(data: Any) -> pd.Series:
    """Yearly value (pesos) of the unpaid care of each alcaldía's women aged 12+ (by name)."""
    pob = data.poblacion.set_index("municipio")
    older = (pob["poblacion"] - pob["ninas_ninos_0_5"] - pob["ninas_ninos_6_11"]).astype(float)
    one = value_one_woman(data)
    share = women_share(data)
    value = _by_place(older * share * one)
    return known(
        value,
        toda_la_poblacion=_by_place(pob["poblacion"].astype(float) * share * one),
        sin_semanas=value / WEEKS,
    )


def women_share_of_value(data: Any) -> float:
    """Share (0-1) of the yearly value of unpaid care that women contribute in the region."""
    hours = region_hours(data)
    share = women_share(data)
    women, men = hours["Mujer"] * share, hours["Hombre"] * (1 - share)
    return known(
        women / (women + men),
        solo_horas=hours["Mujer"] / (hours["Mujer"] + hours["Hombre"]),
        percent=100 * women / (women + men),
    )


def _by_sex(table: pd.DataFrame) -> pd.Series:
    return _named(table.set_index("sexo")["estimate"].astype(float))


def _named(values: pd.Series) -> pd.Series:
    values.index = pd.Index(values.index.astype(object), name="sexo")
    return values.rename("participacion")


def _by_place(values: pd.Series) -> pd.Series:
    values = values.astype(float)
    values.index = pd.Index(values.index.astype(object), name="municipio")
    return values.rename("valor_anual")


TASKS = TaskSet(
    "cuidados-03",
    [
        Task(
            id="una_mujer",
            variable="valor_una_mujer",
            expected=value_one_woman,
            compare=Slips(Number()),
            hints=[
                Text(
                    "Usa las horas **con pesos** de las mujeres de la región (la fila `Mujer` "
                    "de `horas_region`, columna `estimate`).",
                    "Use women's **weighted** hours in the region (row `Mujer` of "
                    "`horas_region`, column `estimate`).",
                ),
                Text(
                    "Valor = horas a la semana × personas × salario por hora × semanas; aquí "
                    "personas = 1, salario = `SALARIO_HORA` y semanas = `SEMANAS`.",
                    "Value = weekly hours × people × hourly wage × weeks; here people = 1, "
                    "wage = `SALARIO_HORA` and weeks = `SEMANAS`.",
                ),
                Text(
                    "`value_unpaid_care(horas, personas, salario, semanas)` hace esa "
                    "multiplicación.",
                    "`value_unpaid_care(hours, people, wage, weeks)` does that multiplication.",
                ),
            ],
            title=Text(
                "Valor anual del trabajo de cuidados no pagado de una mujer promedio.",
                "Yearly value of an average woman's unpaid care work.",
            ),
        ),
        Task(
            id="participacion",
            variable="participacion_cdmx",
            expected=participation_cdmx,
            compare=Slips(Series()),
            hints=[
                Text(
                    'Quédate con las filas de la Ciudad de México: `datos.enoe[datos.enoe["ent"] '
                    "== 9]`.",
                    'Keep Mexico City\'s rows: `datos.enoe[datos.enoe["ent"] == 9]`.',
                ),
                Text(
                    "`labour_participation(...)` ya usa los pesos y las edades de 15 a 98 años; "
                    "da una tabla con una fila por sexo.",
                    "`labour_participation(...)` already uses the weights and ages 15 to 98; it "
                    "gives a table with one row per sex.",
                ),
                Text(
                    'Convierte la tabla en Serie con `.set_index("sexo")["estimate"]`: '
                    "proporciones entre 0 y 1.",
                    'Turn the table into a Series with `.set_index("sexo")["estimate"]`: '
                    "proportions between 0 and 1.",
                ),
            ],
            title=Text(
                "Participación laboral de mujeres y hombres en la Ciudad de México.",
                "Labour participation of women and men in Mexico City.",
            ),
        ),
        Task(
            id="por_alcaldia",
            variable="valor_mujeres_alcaldia",
            expected=women_value_by_alcaldia,
            compare=Slips(Series(rel_tol=1e-6)),
            points=2,
            hints=[
                Text(
                    'Mujeres de 12 años y más de cada alcaldía = `pob["personas_12_mas"]` × '
                    "`proporcion_mujeres`.",
                    'Women aged 12 and over in each alcaldía = `pob["personas_12_mas"]` × '
                    "`proporcion_mujeres`.",
                ),
                Text(
                    "Multiplica ese número de mujeres por el valor anual de una mujer (tu "
                    "`valor_una_mujer`): pandas lo hace fila por fila.",
                    "Multiply that number of women by the yearly value of one woman (your "
                    "`valor_una_mujer`): pandas does it row by row.",
                ),
                Text(
                    "`pob` tiene el nombre de la alcaldía en el índice, así que el resultado ya "
                    "es una Serie con `municipio` en el índice.",
                    "`pob` has the alcaldía's name in the index, so the result is already a "
                    "Series with `municipio` in the index.",
                ),
            ],
            title=Text(
                "Valor anual del cuidado no pagado de las mujeres de cada alcaldía.",
                "Yearly value of the unpaid care of each alcaldía's women.",
            ),
        ),
        Task(
            id="parte_mujeres",
            variable="parte_mujeres",
            expected=women_share_of_value,
            compare=Slips(Number(kind="proportion")),
            hints=[
                Text(
                    "El valor de cada sexo es proporcional a sus horas × cuántas personas hay "
                    "de ese sexo (`proporcion_mujeres` y `1 - proporcion_mujeres`).",
                    "Each sex's value is proportional to its hours × how many people of that "
                    "sex there are (`proporcion_mujeres` and `1 - proporcion_mujeres`).",
                ),
                Text(
                    "Parte de las mujeres = valor de las mujeres / (valor de las mujeres + valor "
                    "de los hombres): un número entre 0 y 1. El salario y las semanas se cancelan.",
                    "Women's part = women's value / (women's value + men's value): a number "
                    "between 0 and 1. The wage and the weeks cancel out.",
                ),
            ],
            title=Text(
                "Parte del valor del cuidado no pagado que aportan las mujeres.",
                "Part of the value of unpaid care that women contribute.",
            ),
        ),
    ],
    load=load,
)
