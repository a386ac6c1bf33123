"""Comparators of answers by Metro station: names or keys, and the slips named.

A participant may index an answer by the station's name as the ridership file writes it
(``Jagüeyes``) or by its key (``jagueyes``, :func:`kit.cdmx.text.station_key`): both are the same
station. Stations with 0 victims may be left in or out of a count. When an answer is exactly what
a usual slip gives (rows counted instead of trips added up, no distance limit, a rate per trip,
the point estimate instead of the lower bound), the message names the slip; the expected value
carries those alternatives (:func:`with_slips`, :class:`KnownStations`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kit.cdmx.text import station_key
from kit.check import Incorrect, Series, Values
from kit.check.compare import MSG as COMPARE_MSG
from kit.check.compare import KnownSet as KnownStations
from kit.check.compare import kind_of
from kit.i18n import messages

__all__ = [
    "RATE_COLUMNS",
    "ByStation",
    "KnownStations",
    "RatesByStation",
    "StationSet",
    "with_slips",
]

MSG = messages(
    "cdmx.tasks.by_station",
    {
        "rows": (
            "`{var}` cuenta **filas** (días × tipos de pago) en lugar de sumar la columna "
            "`afluencia`: usa `.sum()`.",
            "`{var}` counts **rows** (days × payment types) instead of adding up column "
            "`afluencia`: use `.sum()`.",
        ),
        "mean": (
            "`{var}` parece un **promedio** por fila; se piden todos los viajes del periodo "
            "(`.sum()`).",
            "`{var}` looks like a **mean** per row; all the trips of the period are asked "
            "(`.sum()`).",
        ),
        "no_limit": (
            "`{var}` enlaza víctimas **sin límite de distancia**: una víctima a varios "
            "kilómetros no está «en» la estación. Usa `max_m=DISTANCIA_M`.",
            "`{var}` links victims **without a distance limit**: a victim kilometres away is "
            "not 'at' the station. Use `max_m=DISTANCIA_M`.",
        ),
        "any_sex": (
            '`{var}` incluye víctimas que no son mujeres: filtra `sexo == "Mujer"`.',
            '`{var}` includes victims who are not women: filter `sexo == "Mujer"`.',
        ),
        "outside": (
            "`{var}` incluye víctimas de fechas **sin datos de afluencia**: sin viajes en el "
            "denominador, esas víctimas inflan la tasa. Quédate con el periodo de la afluencia.",
            "`{var}` includes victims on dates **without ridership data**: with no trips in the "
            "denominator they inflate the rate. Keep the ridership's period.",
        ),
        "per_trip": (
            "`{var}` parece por **viaje**, no por **millón** de viajes: multiplica por "
            "1,000,000 (`rate_per_million` ya lo hace).",
            "`{var}` looks per **trip**, not per **million** trips: multiply by 1,000,000 "
            "(`rate_per_million` already does).",
        ),
        "zeros": (
            "A `{var}` le faltan estaciones **sin víctimas**: su tasa es 0 y también cuenta. "
            "Rellena con `.reindex(viajes_por_estacion.index, fill_value=0)`.",
            "`{var}` lacks the stations **without victims**: their rate is 0 and counts too. "
            "Fill them with `.reindex(viajes_por_estacion.index, fill_value=0)`.",
        ),
        "columns": (
            "`{var}` debe tener las columnas `tasa`, `ci_low` y `ci_high` (las da "
            "`rate_per_million`); tiene: {have}.",
            "`{var}` must have columns `tasa`, `ci_low` and `ci_high` (from "
            "`rate_per_million`); it has: {have}.",
        ),
        "estimate": (
            "`{var}` incluye estaciones cuya **tasa** supera la de la red pero cuyo "
            "**intervalo** no: compara `ci_low`, el límite inferior, no `tasa`.",
            "`{var}` includes stations whose **rate** is above the network's but whose "
            "**interval** is not: compare `ci_low`, the lower bound, not `tasa`.",
        ),
        "high": (
            "`{var}` usa el límite **superior** (`ci_high`); se pide el **inferior** "
            "(`ci_low`): la estación está por encima aun en el caso más favorable.",
            "`{var}` uses the **upper** bound (`ci_high`); the **lower** one (`ci_low`) is "
            "asked: the station is above even in the most favourable case.",
        ),
    },
)


def _by_key(values: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
    """The same values indexed by station key (names and keys both accepted)."""
    out = values.copy()
    out.index = pd.Index([station_key(str(name)) for name in out.index], dtype=object)
    return out


def with_slips(expected: pd.Series, slips: Mapping[str, Iterable[pd.Series]]) -> pd.Series:
    """``expected`` carrying, for each slip's message, what the slip gives (plain dicts)."""
    expected = expected.copy()
    expected.attrs["slips"] = {
        name: [found.to_dict() for found in each] for name, each in slips.items()
    }
    return expected


@dataclass(frozen=True)
class ByStation:
    """A Series by station (name or key); stations with 0 may be left in or out."""

    rel_tol: float = 1e-6

    def compare(self, answer: Any, expected: pd.Series, var: str) -> None:
        if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        if not isinstance(answer, pd.Series):
            raise Incorrect(COMPARE_MSG["want_values"], var=var, kind=kind_of(answer))
        mine = _by_key(answer)
        numbers = pd.to_numeric(mine, errors="coerce")
        mine = mine.loc[~numbers.eq(0).fillna(False).to_numpy(bool)]
        right = _same(mine, expected, self.rel_tol)
        for name, each in expected.attrs.get("slips", {}).items():
            if not right and any(
                _same(mine, pd.Series(slip, dtype=float), self.rel_tol) for slip in each
            ):
                raise Incorrect(MSG[name], var=var)
        plain = expected.copy()
        plain.attrs = {}
        Series(rel_tol=self.rel_tol).compare(mine, plain.loc[plain.ne(0)], var)


def _same(mine: pd.Series, theirs: pd.Series, rel_tol: float) -> bool:
    theirs = theirs.loc[theirs.ne(0)]
    if not mine.index.is_unique or set(mine.index) != set(theirs.index):
        return False
    a = pd.to_numeric(mine.loc[theirs.index], errors="coerce").to_numpy(dtype=float)
    return bool(np.allclose(a, theirs.to_numpy(dtype=float), rtol=rel_tol, atol=1e-9))


RATE_COLUMNS = ("tasa", "ci_low", "ci_high")


@dataclass(frozen=True)
class RatesByStation:
    """A table indexed by station with ``tasa``, ``ci_low``, ``ci_high``; every station."""

    rel_tol: float = 1e-6

    def compare(self, answer: Any, expected: pd.DataFrame, var: str) -> None:
        if isinstance(answer, pd.Series):
            raise Incorrect(COMPARE_MSG["series_not_frame"], var=var)
        if not isinstance(answer, pd.DataFrame):
            raise Incorrect(COMPARE_MSG["want_frame"], var=var, kind=kind_of(answer))
        missing = [column for column in RATE_COLUMNS if column not in answer.columns]
        if missing:
            have = ", ".join(map(str, answer.columns[:12])) or "—"
            raise Incorrect(MSG["columns"], var=var, have=have)
        if isinstance(answer.index, pd.RangeIndex):  # the station as a column, after reset_index
            found = [name for name in ("clave_estacion", "estacion") if name in answer.columns]
            answer = answer.set_index(found[0]) if found else answer
        mine = _by_key(answer)
        theirs = expected.copy()
        theirs.attrs = {}
        lacking = theirs.index.difference(mine.index, sort=False)
        if len(lacking) and theirs.loc[lacking, "victimas"].eq(0).all():
            raise Incorrect(MSG["zeros"], var=var)
        tasa = pd.to_numeric(mine["tasa"], errors="coerce")
        if mine.index.is_unique and set(mine.index) == set(theirs.index):
            scaled = tasa.loc[theirs.index].to_numpy(dtype=float) * 1e6
            target = theirs["tasa"].to_numpy(dtype=float)
            if target.any() and np.allclose(scaled, target, rtol=1e-6):
                raise Incorrect(MSG["per_trip"], var=var)
        for column in RATE_COLUMNS:
            Series(rel_tol=self.rel_tol).compare(mine[column], theirs[column], var)


@dataclass(frozen=True)
class StationSet(Values):
    """A set of stations (names or keys); names the slip when the extras are what it adds."""

    def compare(self, answer: Any, expected: Iterable[Any], var: str) -> None:
        if isinstance(answer, pd.Series) and answer.dtype == bool:
            answer = answer.index[answer.to_numpy()]
        plain = isinstance(answer, Iterable) and not isinstance(answer, (str, bytes, dict))
        if plain and not isinstance(answer, pd.DataFrame):
            answer = {station_key(str(name)) for name in answer}
            extra = answer - set(expected)
            for name, found in getattr(expected, "slips", {}).items():
                if extra and extra <= (found - set(expected)):
                    raise Incorrect(MSG[name], var=var)
        super().compare(answer, set(expected), var)
