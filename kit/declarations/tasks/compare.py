"""Comparators of the ``declaraciones`` tasks that recognise the track's typical slips.

A set answer is compared with :class:`Slips`: the expected value is a :class:`KnownSet` that also
carries what the usual wrong ways give (a link by names alone, which takes homonyms in; assets
bought on credit counted as if paid from income), so the message names the slip, not only the
extra rows. :class:`Shares` says so when percentages are given where proportions are asked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kit.check import Incorrect, Series, Values
from kit.check.compare import MSG as COMPARE_MSG
from kit.check.compare import KnownSet
from kit.i18n import messages

__all__ = ["KnownSet", "Shares", "Slips"]

MSG = messages(
    "declarations.tasks.compare",
    {
        "names": (
            "`{var}` tiene {n} valor(es) de más que salen de enlazar solo por nombre: son "
            "**homónimos**, personas distintas con el mismo nombre. Enlaza por CURP (o RFC).",
            "`{var}` has {n} extra value(s) that come from linking by name alone: they are "
            "**homonyms**, different people with the same name. Link by CURP (or RFC).",
        ),
        "credit": (
            "`{var}` tiene {n} persona(s) de más que compraron **a crédito**: un bien pagado con "
            'un préstamo no sale del ingreso. Cuenta solo `forma_pago == "CONTADO"`.',
            "`{var}` has {n} extra people who bought **on credit**: an asset paid with a loan "
            'does not come out of income. Count only `forma_pago == "CONTADO"`.',
        ),
    },
)


_NOT_SETS = (str, bytes, dict, pd.DataFrame)


@dataclass(frozen=True)
class Slips(Values):
    """A set of values; names the slip when the extra values are exactly what a slip adds."""

    def compare(self, answer: Any, expected: Iterable[Any], var: str) -> None:
        slips = getattr(expected, "slips", {})
        plain = isinstance(answer, Iterable) and not isinstance(answer, _NOT_SETS)
        if slips and plain:
            extra = set(pd.Index(list(answer)).unique()) - set(expected)
            for name, found in slips.items():
                if extra and extra <= (found - set(expected)):
                    raise Incorrect(MSG[name], var=var, n=len(extra))
        super().compare(answer, expected, var)


@dataclass(frozen=True)
class Shares(Series):
    """A Series of proportions (0-1); says so when it holds percentages instead."""

    def compare(self, answer: Any, expected: pd.Series, var: str) -> None:
        try:
            super().compare(answer, expected, var)
        except Incorrect:
            if isinstance(answer, pd.Series) and answer.index.is_unique:
                mine = answer.copy()
                mine.index = mine.index.astype(object)
                if set(mine.index) == set(expected.index):
                    values = pd.to_numeric(mine.loc[expected.index], errors="coerce")
                    if np.allclose(values.to_numpy(float), expected.to_numpy(float) * 100):
                        raise Incorrect(COMPARE_MSG["percent"], var=var) from None
            raise
