"""Graded tasks of ``cuidados/02_oferta_y_demanda``: care establishments (DENUE) against the
people who need care (census), by alcaldía.

- **Unusable coordinates**: missing, zero, outside a generous box around Mexico City, or with
  latitude and longitude swapped. They only matter for maps: an establishment's alcaldía comes
  from its ``cve_mun``, so counts use every establishment.
- **Coverage**: people who need a service per establishment of it (children aged 0-5 per
  guardería).
- **Shortfall**: ``people / reference − establishments``, the establishments missing to reach
  :data:`REFERENCIA` people per establishment. The reference is an assumption of the exercise,
  not an official norm, and the ranking moves with it.

Every expected answer is computed from the loaded data (Mexico City's rows, ``cve_ent == "09"``),
so the checks also work on real DENUE and census downloads. Expected values carry the answers
the usual slips give (``attrs["slips"]`` or :class:`KnownSet`), so feedback can name the slip.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kit.care.load import load
from kit.care.tasks.compare import Slips, known, slips_of
from kit.check import Incorrect, Number, Series, Task, TaskSet, Values
from kit.check.compare import KnownSet, kind_of
from kit.i18n import Text, messages

__all__ = [
    "LATITUD",
    "LONGITUD",
    "NECESITAN",
    "REFERENCIA",
    "TASKS",
    "KnownSet",
    "bad_coordinates",
    "by_alcaldia_and_service",
    "children_per_daycare",
    "clean_coordinates",
    "coordinate_problems",
    "coverage",
    "establishments",
    "largest_shortfall",
    "shortfall",
]

#: Children aged 0-5 per guardería: the exercise's reference ratio (an assumption, not a norm).
REFERENCIA = 600
#: A generous box around Mexico City (it spans about 19.05-19.59 N and 99.37-98.94 W).
LATITUD = (19.0, 19.6)
LONGITUD = (-99.4, -98.9)
#: Census column of the people who need each service.
NECESITAN = {"guarderia": "ninas_ninos_0_5", "asilo": "adultos_mayores",
             "discapacidad": "discapacidad"}  # fmt: skip
SERVICIOS = tuple(NECESITAN)

MSG = messages(
    "care.tasks.oferta",
    {
        "dropped": (
            "Parece que contaste solo los establecimientos con coordenadas buenas. La alcaldía "
            "de cada uno viene de `cve_mun`, no de sus coordenadas: cuenta **todos**.",
            "It looks like you counted only the establishments with good coordinates. Each "
            "one's alcaldía comes from `cve_mun`, not from its coordinates: count **all** of "
            "them.",
        ),
        "all_services": (
            "Dividiste entre **todos** los establecimientos de la alcaldía; se piden solo las "
            'guarderías (`servicio == "guarderia"`).',
            "You divided by **all** the alcaldía's establishments; only guarderías are asked "
            '(`servicio == "guarderia"`).',
        ),
        "inverse": (
            "Dividiste al revés: se piden niñas y niños **por** guardería (personas entre "
            "establecimientos).",
            "You divided the other way round: children **per** guardería is asked (people "
            "divided by establishments).",
        ),
        "coverage": (
            "Esas son las alcaldías con más niñas y niños **por guardería** (cobertura). Se "
            "piden las que tienen más guarderías **faltantes** con la razón de referencia.",
            "Those are the alcaldías with the most children **per guardería** (coverage). The "
            "ones with the most **missing** guarderías at the reference ratio are asked.",
        ),
        "children": (
            "Esas son las alcaldías con más niñas y niños, no las que tienen más guarderías "
            "faltantes: resta también las guarderías que ya tienen.",
            "Those are the alcaldías with the most children, not those missing the most "
            "guarderías: subtract the guarderías they already have too.",
        ),
        "ascending": (
            "Tomaste las que **menos** guarderías necesitan: ordena de mayor a menor.",
            "You took those that need the **fewest** guarderías: sort from largest to smallest.",
        ),
        "want_counts": (
            "`{var}` debe ser una tabla con las alcaldías en el índice y una columna por "
            "servicio (o una Serie con índice alcaldía y servicio), pero es {kind}.",
            "`{var}` should be a table with the alcaldías in the index and one column per "
            "service (or a Series indexed by alcaldía and service), but it is {kind}.",
        ),
    },
)


# --- the computations (also used by the notebook after its tasks) -----------------------------


def establishments(data: Any) -> pd.DataFrame:
    """Mexico City's care establishments (a national download holds every state)."""
    frame = data.establecimientos
    return frame[frame["cve_ent"] == "09"].reset_index(drop=True)


def coordinate_problems(frame: pd.DataFrame) -> pd.Series:
    """Why each establishment cannot be placed on a map as published (<NA> when it can).

    ``sin_coordenadas`` (missing), ``cero`` (0, 0: a usual placeholder), ``invertidas``
    (latitude and longitude swapped), ``fuera_de_la_ciudad`` (anything else outside the box).
    """
    lat, lon = frame["latitud"], frame["longitud"]
    inside = lat.between(*LATITUD) & lon.between(*LONGITUD)
    swapped = lat.between(*LONGITUD) & lon.between(*LATITUD)
    problem = pd.Series(pd.NA, index=frame.index, dtype="string")
    problem[~inside] = "fuera_de_la_ciudad"
    problem[swapped] = "invertidas"
    problem[(lat == 0) & (lon == 0)] = "cero"
    problem[lat.isna() | lon.isna()] = "sin_coordenadas"
    return problem


def clean_coordinates(frame: pd.DataFrame) -> pd.DataFrame:
    """Establishments for a map: swapped coordinates put back, the other unusable ones dropped."""
    problem = coordinate_problems(frame)
    swapped = (problem == "invertidas").fillna(False).astype(bool)
    fixed = frame.copy()
    fixed.loc[swapped, ["latitud", "longitud"]] = frame.loc[
        swapped, ["longitud", "latitud"]
    ].to_numpy()
    return fixed[problem.isna() | swapped].reset_index(drop=True)


def bad_coordinates(data: Any) -> int:
    """How many of Mexico City's establishments have unusable coordinates as published."""
    return int(coordinate_problems(establishments(data)).notna().sum())


def _crosstab(frame: pd.DataFrame) -> pd.DataFrame:
    table = pd.crosstab(frame["municipio"].astype(object), frame["servicio"].astype(object))
    table = table.reindex(columns=[s for s in SERVICIOS if s in table.columns], fill_value=0)
    table.index.name, table.columns.name = "municipio", "servicio"
    return table.astype(int)


def by_alcaldia_and_service(data: Any) -> pd.DataFrame:
    """Establishments per alcaldía (rows, ``municipio``) and service (columns), zeros included."""
    frame = establishments(data)
    table = _crosstab(frame)
    dropped = _crosstab(clean_coordinates(frame)).reindex_like(table).fillna(0).astype(int)
    return known(table, dropped=dropped)


def coverage(
    data: Any, servicio: str = "guarderia", frame: pd.DataFrame | None = None
) -> pd.DataFrame:
    """People who need ``servicio`` per establishment of it, per alcaldía (joined on ``cve_mun``).

    Columns ``cve_mun``, ``municipio`` (the census name), ``personas``, ``establecimientos``,
    ``personas_por_establecimiento`` (inf where there is none; <NA> where the census withholds
    the figure).
    """
    places = establishments(data) if frame is None else frame
    places = places[places["servicio"] == servicio]
    counts = places.groupby("cve_mun").size().rename("establecimientos")
    people = data.poblacion[data.poblacion["cve_mun"].str.startswith("09")]
    table = people[["cve_mun", "municipio", NECESITAN[servicio]]].rename(
        columns={NECESITAN[servicio]: "personas"}
    )
    table = table.merge(counts, left_on="cve_mun", right_index=True, how="left")
    table["municipio"] = table["municipio"].astype(object)
    table["personas"] = table["personas"].astype("float64")
    table["establecimientos"] = table["establecimientos"].fillna(0).astype(int)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = table["personas"] / table["establecimientos"]
    table["personas_por_establecimiento"] = ratio
    return table.reset_index(drop=True)


def _per_daycare(table: pd.DataFrame) -> pd.Series:
    series = table.set_index("municipio")["personas_por_establecimiento"].astype(float)
    series.index = series.index.astype(object)
    return series.rename("ninos_por_guarderia")


def children_per_daycare(data: Any) -> pd.Series:
    """Children aged 0-5 per guardería, indexed by the census ``municipio``."""
    table = coverage(data)
    expected = _per_daycare(table)
    dropped = _per_daycare(coverage(data, frame=clean_coordinates(establishments(data))))
    everything = (
        coverage(data)
        .drop(columns="establecimientos")
        .merge(
            establishments(data).groupby("cve_mun").size().rename("establecimientos"),
            left_on="cve_mun",
            right_index=True,
        )
    )
    everything["personas_por_establecimiento"] = (
        everything["personas"] / everything["establecimientos"]
    )
    return known(
        expected, dropped=dropped, all_services=_per_daycare(everything), inverse=1 / expected
    )


def shortfall(
    data: Any, reference: float = REFERENCIA, servicio: str = "guarderia"
) -> pd.DataFrame:
    """:func:`coverage` plus ``faltan = personas / reference − establecimientos`` (negative: a
    surplus), sorted from the largest shortfall down."""
    table = coverage(data, servicio)
    table["faltan"] = table["personas"] / reference - table["establecimientos"]
    return table.sort_values("faltan", ascending=False, ignore_index=True)


def largest_shortfall(data: Any, n: int = 3) -> KnownSet:
    """The ``n`` alcaldías missing the most guarderías at :data:`REFERENCIA` children each."""
    table = shortfall(data).dropna(subset=["faltan"])
    return KnownSet(
        table.nlargest(n, "faltan")["municipio"],
        {
            "coverage": table.nlargest(n, "personas_por_establecimiento")["municipio"],
            "children": table.nlargest(n, "personas")["municipio"],
            "ascending": table.nsmallest(n, "faltan")["municipio"],
        },
    )


# --- comparators that name the slips -----------------------------------------------------------


@dataclass(frozen=True)
class _Slips(Slips):
    """:class:`~kit.care.tasks.compare.Slips` naming this notebook's slips (:data:`MSG`)."""

    def compare(self, answer: Any, expected: Any, var: str) -> None:
        try:
            self.base.compare(answer, expected, var)
        except Incorrect:
            for name, value in slips_of(expected).items():
                if self._equals(answer, value, var):
                    raise Incorrect(MSG[name], var=var) from None
            raise


@dataclass(frozen=True)
class _Counts:
    """Counts by alcaldía and service: a wide table (crosstab) or a long Series; absent = 0."""

    def compare(self, answer: Any, expected: pd.DataFrame, var: str) -> None:
        Series().compare(self._long(answer, var), _stack(expected), var)

    @staticmethod
    def _long(answer: Any, var: str) -> pd.Series:
        if isinstance(answer, pd.DataFrame):
            if {"municipio", "servicio"} <= set(answer.columns) and answer.shape[1] == 3:
                answer = answer.set_index(["municipio", "servicio"]).iloc[:, 0]
            elif set(map(str, answer.index)) <= set(SERVICIOS):
                answer = answer.T
        if isinstance(answer, pd.Series) and answer.index.nlevels == 2:
            answer = answer.unstack(fill_value=0)
        if not isinstance(answer, pd.DataFrame) or not set(map(str, answer.columns)) <= set(
            SERVICIOS
        ):
            raise Incorrect(MSG["want_counts"], var=var, kind=kind_of(answer))
        return _stack(answer.fillna(0))


def _stack(table: pd.DataFrame) -> pd.Series:
    table = table.copy()
    table.attrs = {}
    table.index = table.index.astype(object)
    table.columns = table.columns.astype(str).astype(object)
    long = table.stack()
    long.index = long.index.set_names(["municipio", "servicio"])
    return long.rename("establecimientos")


@dataclass(frozen=True)
class _Names(Values):
    """A set of names; a Series (e.g. from ``.nlargest``) is read by its index."""

    def compare(self, answer: Any, expected: Iterable[Any], var: str) -> None:
        if isinstance(answer, pd.Series) and pd.api.types.is_numeric_dtype(answer):
            answer = answer.index
        super().compare(answer, expected, var)


# --- the tasks ---------------------------------------------------------------------------------

TASKS = TaskSet(
    "cuidados-02",
    [
        Task(
            id="coordenadas",
            variable="n_coordenadas_malas",
            expected=bad_coordinates,
            compare=Number(),
            hints=[
                Text(
                    "Hay cuatro problemas: coordenadas vacías (`.isna()`), en cero, invertidas "
                    "(la latitud en el lugar de la longitud) y fuera de la ciudad. Todas caen "
                    "fuera de la caja de la ciudad.",
                    "There are four problems: empty coordinates (`.isna()`), zero, swapped "
                    "(latitude where longitude should be) and outside the city. All of them fall "
                    "outside the city's box.",
                ),
                Text(
                    "Marca las buenas con `.between(...)` en las dos columnas (`&` une las dos "
                    "condiciones); un valor vacío da `False`. Luego cuenta las que **no** son "
                    "buenas: `(~buenas).sum()`.",
                    "Mark the good ones with `.between(...)` on both columns (`&` joins both "
                    "conditions); an empty value gives `False`. Then count those that are "
                    "**not** good: `(~buenas).sum()`.",
                ),
            ],
            title=Text(
                "Establecimientos con coordenadas inutilizables tal como se publicaron.",
                "Establishments with unusable coordinates as published.",
            ),
        ),
        Task(
            id="por_alcaldia",
            variable="por_alcaldia",
            expected=by_alcaldia_and_service,
            compare=_Slips(_Counts()),
            hints=[
                Text(
                    "Usa la tabla `establecimientos` completa: la alcaldía está en la columna "
                    "`municipio` y el servicio en `servicio`.",
                    "Use the whole `establecimientos` table: the alcaldía is in column "
                    "`municipio` and the service in `servicio`.",
                ),
                Text(
                    "`pd.crosstab(filas, columnas)` cuenta cuántas veces aparece cada pareja "
                    "de valores: pasa primero la columna de la alcaldía y luego la del servicio.",
                    "`pd.crosstab(rows, columns)` counts how often each pair of values "
                    "appears: pass the alcaldía's column first, then the service's.",
                ),
            ],
            title=Text(
                "Establecimientos de cuidado por alcaldía y servicio.",
                "Care establishments by alcaldía and service.",
            ),
        ),
        Task(
            id="ninos_por_guarderia",
            variable="ninos_por_guarderia",
            expected=children_per_daycare,
            compare=_Slips(Series(rel_tol=1e-6)),
            points=2,
            hints=[
                Text(
                    "Cuenta las guarderías de cada alcaldía por su clave: filtra "
                    '`servicio == "guarderia"`, agrupa por `"cve_mun"` y usa `.size()`.',
                    "Count each alcaldía's guarderías by its code: filter "
                    '`servicio == "guarderia"`, group by `"cve_mun"` and use `.size()`.',
                ),
                Text(
                    "Une ese conteo con `datos.poblacion` por `cve_mun` (los nombres pueden "
                    "escribirse distinto en dos fuentes; la clave no).",
                    "Join that count with `datos.poblacion` on `cve_mun` (names may be written "
                    "differently in two sources; the code is not).",
                ),
                Text(
                    "Divide `ninas_ninos_0_5` entre el número de guarderías y pon `municipio` "
                    "en el índice con `.set_index(...)` antes de elegir la columna.",
                    "Divide `ninas_ninos_0_5` by the number of guarderías and put `municipio` "
                    "in the index with `.set_index(...)` before picking the column.",
                ),
            ],
            title=Text(
                "Niñas y niños de 0 a 5 años por guardería en cada alcaldía.",
                "Children aged 0-5 per guardería in each alcaldía.",
            ),
        ),
        Task(
            id="mayor_deficit",
            variable="mayor_deficit",
            expected=largest_shortfall,
            compare=_Slips(_Names()),
            points=2,
            hints=[
                Text(
                    "Faltan = niñas y niños / `REFERENCIA` − guarderías. Calcúlalo como una "
                    "columna nueva de tu tabla de cobertura.",
                    "Missing = children / `REFERENCIA` − guarderías. Compute it as a new column "
                    "of your coverage table.",
                ),
                Text(
                    "`.nlargest(3, columna)` da las 3 filas con el valor más alto; guarda en una "
                    "lista o conjunto los nombres de su columna `municipio`.",
                    "`.nlargest(3, column)` gives the 3 rows with the highest value; store the "
                    "names of their `municipio` column in a list or set.",
                ),
            ],
            title=Text(
                "Las 3 alcaldías con más guarderías faltantes según la razón de referencia.",
                "The 3 alcaldías missing the most guarderías at the reference ratio.",
            ),
        ),
    ],
    load=load,
)
