"""Comparators: is an answer right, and if not, what exactly is wrong with it?

Each comparator's ``compare(answer, expected)`` returns quietly when the answer is right and
raises :class:`~kit.check.outcome.Incorrect` with a message about the *answer* (its type, shape,
columns, which rows, by roughly how much it is off), never the expected value itself.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from numbers import Number as _Number
from typing import Any, Protocol

import numpy as np
import pandas as pd

from kit.check.outcome import Incorrect
from kit.i18n import messages

__all__ = ["Comparator", "Frame", "Number", "Series", "Values"]

MSG = messages(
    "compare",
    {
        "want_number": (
            "`{var}` debe ser un número, pero es {kind}.",
            "`{var}` should be a number, but it is {kind}.",
        ),
        "want_one_value": (
            "`{var}` es {kind} con {n} valor(es); se espera un solo número "
            "(prueba con `.mean()`, `.sum()` o `.iloc[0]`).",
            "`{var}` is {kind} with {n} value(s); a single number is expected "
            "(try `.mean()`, `.sum()` or `.iloc[0]`).",
        ),
        "nan": (
            "`{var}` es NaN (no es un número): ¿hay valores faltantes en el cálculo?",
            "`{var}` is NaN (not a number): are there missing values in the calculation?",
        ),
        "percent": (
            "`{var}` parece un porcentaje (0–100); se pide una proporción entre 0 y 1.",
            "`{var}` looks like a percentage (0–100); a proportion between 0 and 1 is asked.",
        ),
        "fraction": (
            "`{var}` parece una proporción (0–1); se pide un porcentaje entre 0 y 100.",
            "`{var}` looks like a proportion (0–1); a percentage between 0 and 100 is asked.",
        ),
        "off": (
            "`{var}` = {value} es {size} {direction} de lo esperado.",
            "`{var}` = {value} is {size} {direction} than expected.",
        ),
        "slightly": ("un poco (menos de 5 %)", "slightly (under 5%)"),
        "quite": ("bastante (entre 5 % y 50 %)", "quite a bit (5% to 50%)"),
        "far": ("mucho (más de 50 %)", "far (over 50%)"),
        "higher": ("mayor", "higher"),
        "lower": ("menor", "lower"),
        "sign": (
            "`{var}` = {value} tiene el signo contrario al esperado.",
            "`{var}` = {value} has the opposite sign to the one expected.",
        ),
        "want_frame": (
            "`{var}` debe ser una tabla (DataFrame de pandas), pero es {kind}.",
            "`{var}` should be a table (pandas DataFrame), but it is {kind}.",
        ),
        "series_not_frame": (
            "`{var}` es una Serie; conviértela en tabla con `.reset_index()` o `.to_frame()`.",
            "`{var}` is a Series; turn it into a table with `.reset_index()` or `.to_frame()`.",
        ),
        "missing_columns": (
            "A `{var}` le faltan columnas: {columns}. Columnas que tiene: {have}.",
            "`{var}` is missing columns: {columns}. Columns it has: {have}.",
        ),
        "extra_rows": (
            "`{var}` tiene {n} fila(s) que no deberían estar, por ejemplo: {examples}.",
            "`{var}` has {n} row(s) that should not be there, for example: {examples}.",
        ),
        "missing_rows": (
            "A `{var}` le faltan {n} fila(s) de las que se esperan.",
            "`{var}` is missing {n} of the expected row(s).",
        ),
        "duplicate_keys": (
            "`{var}` repite {n} clave(s) de {key} (por ejemplo {examples}); cada una debe "
            "aparecer una sola vez.",
            "`{var}` repeats {n} {key} key(s) (for example {examples}); each must appear once.",
        ),
        "wrong_values": (
            "La columna `{column}` de `{var}` tiene valores distintos de los esperados en "
            "{n} fila(s), por ejemplo en {examples}.",
            "Column `{column}` of `{var}` has values different from the expected ones in "
            "{n} row(s), for example at {examples}.",
        ),
        "wrong_order": (
            "`{var}` tiene las filas correctas pero no en el orden pedido.",
            "`{var}` has the right rows but not in the requested order.",
        ),
        "want_values": (
            "`{var}` debe ser una lista, conjunto o Serie de valores, pero es {kind}.",
            "`{var}` should be a list, set or Series of values, but it is {kind}.",
        ),
    },
)


class KnownSet(frozenset):
    """An expected set of values, with the sets the typical slips give (``slips[name]``)."""

    slips: Mapping[str, frozenset] = {}

    def __new__(cls, values: Iterable[Any], slips: Mapping[str, Iterable[Any]] | None = None):
        new = super().__new__(cls, values)
        new.slips = {name: frozenset(found) for name, found in (slips or {}).items()}
        return new


class Comparator(Protocol):
    """Anything that can tell a right answer from a wrong one, explaining the difference."""

    def compare(self, answer: Any, expected: Any, var: str) -> None: ...


def kind_of(value: Any) -> str:
    """A short, participant-friendly name of a value's type."""
    if isinstance(value, pd.DataFrame):
        return f"DataFrame {value.shape[0]}×{value.shape[1]}"
    if isinstance(value, pd.Series):
        return f"Series ({len(value)})"
    return type(value).__name__


@dataclass(frozen=True)
class Number:
    """A single number, right within a relative tolerance.

    Args:
        rel_tol: accepted relative difference (default one in a million).
        abs_tol: accepted absolute difference, for answers near zero.
        kind: ``"proportion"`` or ``"percent"`` to diagnose the common 0–1 versus 0–100 slip.
    """

    rel_tol: float = 1e-6
    abs_tol: float = 1e-9
    kind: str | None = None

    def compare(self, answer: Any, expected: Any, var: str) -> None:
        value = _as_number(answer, var)
        if math.isnan(value):
            raise Incorrect(MSG["nan"], var=var)
        if math.isclose(value, expected, rel_tol=self.rel_tol, abs_tol=self.abs_tol):
            return
        self._diagnose(value, float(expected), var)

    def _diagnose(self, value: float, expected: float, var: str) -> None:
        close = lambda a, b: math.isclose(a, b, rel_tol=max(self.rel_tol, 1e-6))  # noqa: E731
        if self.kind == "proportion" and close(value, expected * 100):
            raise Incorrect(MSG["percent"], var=var)
        if self.kind == "percent" and close(value * 100, expected):
            raise Incorrect(MSG["fraction"], var=var)
        if expected != 0 and value != 0 and (value > 0) != (expected > 0):
            raise Incorrect(MSG["sign"], var=var, value=_short(value))
        gap = abs(value - expected) / abs(expected) if expected else math.inf
        size = MSG["slightly"] if gap < 0.05 else MSG["quite"] if gap < 0.5 else MSG["far"]
        direction = MSG["higher"] if value > expected else MSG["lower"]
        raise Incorrect(MSG["off"], var=var, value=_short(value), size=size, direction=direction)


def _as_number(answer: Any, var: str) -> float:
    if isinstance(answer, (pd.Series, pd.DataFrame, np.ndarray, list, tuple)):
        size = int(np.size(answer))
        if size == 1:
            return float(np.asarray(answer, dtype=float).ravel()[0])
        raise Incorrect(MSG["want_one_value"], var=var, kind=kind_of(answer), n=size)
    if isinstance(answer, bool) or not isinstance(answer, (_Number, np.number)):
        raise Incorrect(MSG["want_number"], var=var, kind=kind_of(answer))
    return float(answer)


def _short(value: float) -> str:
    return f"{value:,.4g}"


@dataclass(frozen=True)
class Frame:
    """A table: required columns, the same rows (by ``key``) and the same values.

    Args:
        key: column(s) that identify a row (compared as sets: order does not matter).
        columns: columns whose values must match; other columns of the answer are ignored.
        rel_tol: tolerance for numeric columns.
        ordered: the rows must also come in the expected order (e.g. "sorted by").
    """

    key: Sequence[str]
    columns: Sequence[str] = ()
    rel_tol: float = 1e-6
    ordered: bool = False

    def compare(self, answer: Any, expected: pd.DataFrame, var: str) -> None:
        frame = self._as_frame(answer, var)
        needed = [*self.key, *[c for c in self.columns if c not in self.key]]
        missing = [c for c in needed if c not in frame.columns]
        if missing:
            have = ", ".join(map(str, frame.columns[:12])) or "—"
            raise Incorrect(MSG["missing_columns"], var=var, columns=", ".join(missing), have=have)
        mine, theirs = _keyed(frame, self.key), _keyed(expected, self.key)
        _check_duplicates(mine, var, self.key)
        _check_rows(mine.index, theirs.index, var)
        for column in self.columns:
            if column not in self.key:
                _check_column(mine[column], theirs[column], column, var, self.rel_tol)
        if self.ordered and list(mine.index) != list(theirs.index):
            raise Incorrect(MSG["wrong_order"], var=var)

    @staticmethod
    def _as_frame(answer: Any, var: str) -> pd.DataFrame:
        if isinstance(answer, pd.Series):
            raise Incorrect(MSG["series_not_frame"], var=var)
        if not isinstance(answer, pd.DataFrame):
            raise Incorrect(MSG["want_frame"], var=var, kind=kind_of(answer))
        return answer


@dataclass(frozen=True)
class Series:
    """A Series indexed by a key (e.g. share of direct awards by buyer)."""

    rel_tol: float = 1e-6
    ordered: bool = False

    def compare(self, answer: Any, expected: pd.Series, var: str) -> None:
        if isinstance(answer, pd.DataFrame) and answer.shape[1] == 1:
            answer = answer.iloc[:, 0]
        if not isinstance(answer, pd.Series):
            raise Incorrect(MSG["want_values"], var=var, kind=kind_of(answer))
        mine, theirs = answer.copy(), expected
        _check_duplicates(mine.to_frame(), var, ["index"])
        _check_rows(mine.index, theirs.index, var)
        _check_column(mine, theirs, str(expected.name or "valor"), var, self.rel_tol)
        if self.ordered and list(mine.index) != list(theirs.index):
            raise Incorrect(MSG["wrong_order"], var=var)


@dataclass(frozen=True)
class Values:
    """A collection of values compared as a set (e.g. the ocids flagged by an indicator)."""

    def compare(self, answer: Any, expected: Iterable[Any], var: str) -> None:
        if isinstance(answer, (str, bytes, pd.DataFrame)) or not isinstance(answer, Iterable):
            raise Incorrect(MSG["want_values"], var=var, kind=kind_of(answer))
        _check_rows(pd.Index(list(answer)).unique(), pd.Index(list(expected)).unique(), var)


def _keyed(frame: pd.DataFrame, key: Sequence[str]) -> pd.DataFrame:
    return frame.set_index(list(key), drop=False) if key else frame


def _check_duplicates(frame: pd.DataFrame, var: str, key: Sequence[str]) -> None:
    dup = frame.index[frame.index.duplicated()].unique()
    if len(dup):
        raise Incorrect(
            MSG["duplicate_keys"], var=var, n=len(dup), key="/".join(key), examples=_examples(dup)
        )


def _check_rows(mine: pd.Index, theirs: pd.Index, var: str) -> None:
    extra = mine.difference(theirs, sort=False)
    if len(extra):
        raise Incorrect(MSG["extra_rows"], var=var, n=len(extra), examples=_examples(extra))
    missing = theirs.difference(mine, sort=False)
    if len(missing):
        raise Incorrect(MSG["missing_rows"], var=var, n=len(missing))


def _check_column(
    mine: pd.Series, theirs: pd.Series, column: str, var: str, rel_tol: float
) -> None:
    mine = mine.loc[theirs.index]
    if pd.api.types.is_numeric_dtype(theirs) and not pd.api.types.is_bool_dtype(theirs):
        a = pd.to_numeric(mine, errors="coerce").astype(float).to_numpy()
        b = theirs.astype(float).to_numpy()
        same = np.isclose(a, b, rtol=rel_tol, atol=1e-9) | (np.isnan(a) & np.isnan(b))
    else:
        same = (mine.astype(object).to_numpy() == theirs.astype(object).to_numpy()) | (
            mine.isna().to_numpy() & theirs.isna().to_numpy()
        )
    wrong = theirs.index[~same]
    if len(wrong):
        raise Incorrect(
            MSG["wrong_values"], var=var, column=column, n=len(wrong), examples=_examples(wrong)
        )


def _examples(index: pd.Index, n: int = 3) -> str:
    shown = ", ".join(repr(v if not isinstance(v, tuple) else tuple(v)) for v in list(index[:n]))
    return shown + (" …" if len(index) > n else "")
