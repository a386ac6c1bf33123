"""Comparators of the ``sanciones`` tasks that recognise the track's typical slips.

Each one is a :mod:`kit.check.compare` comparator plus a diagnosis: counts or percentages where
proportions are asked, a Series of program tuples, a generic RFC used as a join key; and a measure
that only the sample's planted truth makes possible.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kit.check import Frame, Incorrect, Number, Series
from kit.check.compare import MSG as COMPARE_MSG
from kit.check.compare import kind_of
from kit.i18n import messages
from kit.sanctions.rfc import GENERIC_RFCS, normalise

__all__ = ["JoinableFrame", "ProgramCounts", "SampleMeasure", "Shares"]

MSG = messages(
    "sanctions.tasks.compare",
    {
        "counts": (
            "`{var}` parecen conteos (suman {total}); se piden proporciones que sumen 1: "
            "prueba `.value_counts(normalize=True)`.",
            "`{var}` looks like counts (they add up to {total}); proportions adding up to 1 are "
            "asked: try `.value_counts(normalize=True)`.",
        ),
        "tuples": (
            "El índice de `{var}` tiene grupos de programas como {example}: una entrada puede "
            "tener varios programas. Usa la tabla `datos.sdn.programs` (una fila por entrada y "
            "programa) o `.explode()`.",
            "The index of `{var}` holds groups of programs such as {example}: one entry can have "
            "several programs. Use the table `datos.sdn.programs` (one row per entry and "
            "program) or `.explode()`.",
        ),
        "generic": (
            "`{var}` une por el RFC genérico {rfc}: ese RFC lo usan miles de contribuyentes "
            "distintos y no identifica a nadie. Quédate solo con RFC que se puedan unir "
            "(`validate_series(...)['joinable']`).",
            "`{var}` joins on the generic RFC {rfc}: thousands of different taxpayers use it "
            "and it identifies nobody. Keep only RFCs that can be joined "
            "(`validate_series(...)['joinable']`).",
        ),
    },
)


@dataclass(frozen=True)
class Shares(Series):
    """A Series of proportions; says so when the answer holds counts or percentages instead."""

    def compare(self, answer: Any, expected: pd.Series, var: str) -> None:
        try:
            super().compare(answer, expected, var)
        except Incorrect:
            values = _aligned(answer, expected)
            if values is not None and len(values):
                if np.allclose(values, expected.to_numpy(float) * 100, rtol=1e-6):
                    raise Incorrect(COMPARE_MSG["percent"], var=var) from None
                total = values.sum()
                if total > 1.5 and np.allclose(values / total, expected.to_numpy(float)):
                    raise Incorrect(MSG["counts"], var=var, total=f"{total:,.0f}") from None
            raise


def _aligned(answer: Any, expected: pd.Series) -> np.ndarray | None:
    """The answer's values in the expected order, when it is a Series with the same labels."""
    if not isinstance(answer, pd.Series) or not answer.index.is_unique:
        return None
    if set(answer.index.astype(object)) != set(expected.index):
        return None
    mine = answer.copy()
    mine.index = mine.index.astype(object)
    return pd.to_numeric(mine.loc[expected.index], errors="coerce").to_numpy(float)


@dataclass(frozen=True)
class ProgramCounts(Series):
    """Counts per program; says so when the index holds tuples of programs (not exploded)."""

    def compare(self, answer: Any, expected: pd.Series, var: str) -> None:
        if isinstance(answer, pd.Series):
            grouped = [label for label in answer.index if isinstance(label, tuple | list)]
            if grouped:
                raise Incorrect(MSG["tuples"], var=var, example=repr(tuple(grouped[0])))
        super().compare(answer, expected, var)


@dataclass(frozen=True)
class JoinableFrame(Frame):
    """A table joined by RFC; says so when a generic RFC (``XAXX010101000``) was a join key."""

    def compare(self, answer: Any, expected: pd.DataFrame, var: str) -> None:
        if isinstance(answer, pd.DataFrame) and "rfc" in answer.columns:
            used = {normalise(value) for value in answer["rfc"].dropna()} & GENERIC_RFCS
            if used:
                raise Incorrect(MSG["generic"], var=var, rfc=sorted(used)[0])
        super().compare(answer, expected, var)


@dataclass(frozen=True)
class SampleMeasure(Number):
    """A measure against the sample's planted truth (precision, recall).

    With other data there is no known truth and the expected value is NaN: any number the
    participant computed is accepted (the notebook says why), so a notebook run on real lists
    still goes from top to bottom.
    """

    def compare(self, answer: Any, expected: Any, var: str) -> None:
        if isinstance(expected, float) and math.isnan(expected):
            if isinstance(answer, bool) or not isinstance(answer, int | float | np.number):
                raise Incorrect(COMPARE_MSG["want_number"], var=var, kind=kind_of(answer))
            return
        super().compare(answer, expected, var)
