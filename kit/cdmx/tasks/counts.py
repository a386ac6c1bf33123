"""Comparators of counts and shares that name the movilidad track's usual slips.

A count by group (victims by transport system, by hour, by line) may leave the groups with 0 out
or keep them in; its labels are compared as text, so an hour ``8`` and ``"8"`` or a categorical
index are the same group. When a wrong answer is exactly what a usual slip gives (placeholder
times kept, legal persons counted, no distance limit...), the message names the slip: the
expected value carries what each slip gives (:func:`with_slips`, :class:`KnownNumber`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kit.check import Incorrect, Number, Series
from kit.check.compare import MSG as COMPARE_MSG
from kit.check.compare import kind_of
from kit.i18n import messages

__all__ = ["ByGroup", "KnownNumber", "Share", "with_slips"]

MSG = messages(
    "cdmx.tasks.counts",
    {
        "morales": (
            "`{var}` cuenta también a las **personas morales** (empresas, instituciones): no "
            'tienen sexo ni edad. Quédate con `tipo_persona == "FISICA"`.',
            "`{var}` also counts **legal persons** (companies, institutions): they have no sex "
            'nor age. Keep `tipo_persona == "FISICA"`.',
        ),
        "count": (
            "`{var}` parece un **conteo**; se pide una **proporción** entre 0 y 1 (`.mean()` de "
            "una columna de `True`/`False`).",
            "`{var}` looks like a **count**; a **share** between 0 and 1 is asked (`.mean()` of a "
            "column of `True`/`False`).",
        ),
        "one_time": (
            "`{var}` cuenta sólo **una** de las dos horas de relleno; son `00:00` **y** `12:00` "
            "(la columna `hora_placeholder` ya marca las dos).",
            "`{var}` counts only **one** of the two placeholder times; they are `00:00` **and** "
            "`12:00` (column `hora_placeholder` already flags both).",
        ),
        "mean": (
            "`{var}` parece un **promedio**; se pide la **mediana** (`.median()`): unos pocos "
            "casos denunciados meses después jalan el promedio hacia arriba.",
            "`{var}` looks like a **mean**; the **median** is asked (`.median()`): a few cases "
            "reported months later pull the mean up.",
        ),
        "placeholders": (
            "`{var}` incluye las **horas de relleno** (`00:00`, `12:00`): no son la hora real. "
            "Usa la columna `hora`, que las deja vacías.",
            "`{var}` includes the **placeholder times** (`00:00`, `12:00`): they are not the real "
            "time. Use column `hora`, which leaves them empty.",
        ),
        "any_sex": (
            '`{var}` incluye víctimas que no son mujeres: filtra `sexo == "Mujer"`.',
            '`{var}` includes victims who are not women: filter `sexo == "Mujer"`.',
        ),
        "all_days": (
            "`{var}` incluye los **fines de semana**; se piden sólo los días entre semana "
            "(lunes a viernes: `fecha_hecho.dt.day_of_week < 5`).",
            "`{var}` includes **weekends**; only weekdays are asked (Monday to Friday: "
            "`fecha_hecho.dt.day_of_week < 5`).",
        ),
        "weekend": (
            "`{var}` se calcula con los **fines de semana**; se piden los días entre semana "
            "(`day_of_week` 0 = lunes ... 4 = viernes).",
            "`{var}` is computed on **weekends**; weekdays are asked (`day_of_week` 0 = Monday ... "
            "4 = Friday).",
        ),
        "empty_hours": (
            "`{var}` deja en el total a las víctimas **sin hora confiable** (`hora` vacía): no se "
            "sabe si fueron en hora pico. Quítalas antes (`.dropna(subset=['hora'])`).",
            "`{var}` keeps victims **without a trusted time** (`hora` empty) in the total: it is "
            "unknown whether they were at peak time. Drop them first "
            "(`.dropna(subset=['hora'])`).",
        ),
        "no_limit": (
            "`{var}` enlaza víctimas **sin límite de distancia**: una víctima a varios kilómetros "
            "no está «cerca» de la estación. Usa `max_m=DISTANCIA_M`.",
            "`{var}` links victims **without a distance limit**: a victim kilometres away is not "
            "'near' the station. Use `max_m=DISTANCIA_M`.",
        ),
    },
)


class KnownNumber(float):
    """An expected number, with what each usual slip gives (``slips[message] = [values]``)."""

    slips: Mapping[str, tuple[float, ...]] = {}

    def __new__(cls, value: float, slips: Mapping[str, Iterable[float]] | None = None):
        new = super().__new__(cls, value)
        new.slips = {name: tuple(float(v) for v in found) for name, found in (slips or {}).items()}
        return new


def with_slips(expected: pd.Series, slips: Mapping[str, Iterable[pd.Series]]) -> pd.Series:
    """``expected`` carrying, for each slip's message, what the slip gives (plain dicts)."""
    expected = expected.copy()
    expected.attrs["slips"] = {
        name: [found.to_dict() for found in each] for name, each in slips.items()
    }
    return expected


@dataclass(frozen=True)
class Share(Number):
    """A single number (a share, a median...); names the slip when the answer is what it gives."""

    def compare(self, answer: Any, expected: Any, var: str) -> None:
        try:
            super().compare(answer, expected, var)
        except Incorrect:
            value = _number_or_none(answer)
            for name, found in getattr(expected, "slips", {}).items():
                if value is not None and any(_close(value, slip, self.rel_tol) for slip in found):
                    raise Incorrect(MSG[name], var=var) from None
            raise


@dataclass(frozen=True)
class ByGroup:
    """A Series by group, labels compared as text; names the usual slips.

    Args:
        drop_zeros: groups with 0 may be left out (counts); otherwise every group is needed.
        proportion: values are shares (0-1): says so when percentages come instead.
    """

    rel_tol: float = 1e-6
    drop_zeros: bool = True
    proportion: bool = False

    def compare(self, answer: Any, expected: pd.Series, var: str) -> None:
        if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        if not isinstance(answer, pd.Series):
            raise Incorrect(COMPARE_MSG["want_values"], var=var, kind=kind_of(answer))
        mine, theirs = self._plain(answer), self._plain(expected)
        if not _same(mine, theirs, self.rel_tol):
            for name, each in expected.attrs.get("slips", {}).items():
                if any(_same(mine, self._plain(pd.Series(s)), self.rel_tol) for s in each):
                    raise Incorrect(MSG[name], var=var)
            if self.proportion and _same(mine / 100, theirs, self.rel_tol):
                raise Incorrect(COMPARE_MSG["percent"], var=var)
        Series(rel_tol=self.rel_tol).compare(mine, theirs, var)

    def _plain(self, values: pd.Series) -> pd.Series:
        out = pd.Series(
            pd.to_numeric(values, errors="coerce").to_numpy(dtype=float),
            index=pd.Index([str(label) for label in values.index], dtype=object),
            name=values.name,
        )
        return out.loc[out.ne(0).to_numpy()] if self.drop_zeros else out


def _same(mine: pd.Series, theirs: pd.Series, rel_tol: float) -> bool:
    if not mine.index.is_unique or set(mine.index) != set(theirs.index):
        return False
    a = mine.loc[theirs.index].to_numpy(dtype=float)
    return bool(np.allclose(a, theirs.to_numpy(dtype=float), rtol=rel_tol, atol=1e-9))


def _number_or_none(answer: Any) -> float | None:
    if isinstance(answer, bool):
        return None
    try:
        value = float(np.asarray(answer, dtype=float).ravel()[0]) if np.size(answer) == 1 else None
    except (TypeError, ValueError):
        return None
    return None if value is None or math.isnan(value) else value


def _close(a: float, b: float, rel_tol: float) -> bool:
    return math.isclose(a, b, rel_tol=max(rel_tol, 1e-6), abs_tol=1e-9)
