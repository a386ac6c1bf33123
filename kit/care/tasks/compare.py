"""Comparators of the ``cuidados`` tasks that recognise the track's typical slips.

A survey answer is easy to get *almost* right: a mean without the weights, a weekly value where a
yearly one is asked, the whole country where Mexico City is asked, a percentage instead of a
proportion. The expected value carries what each slip gives (:func:`known`), and :class:`Slips`
names the slip when the answer equals one of them, instead of only saying "off by 12 %".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kit.check import Comparator, Incorrect
from kit.check.compare import MSG as COMPARE_MSG
from kit.i18n import messages

__all__ = ["KnownNumber", "Slips", "known", "slips_of"]

MSG = messages(
    "care.tasks.compare",
    {
        "sin_pesos": (
            "`{var}` es el resultado **sin pesos**: cada fila cuenta igual. Cada persona "
            "representa a `factor` personas: usa Σ(horas × factor) / Σ factor.",
            "`{var}` is the **unweighted** result: every row counts the same. Each person "
            "stands for `factor` people: use Σ(hours × factor) / Σ factor.",
        ),
        "n_filas": (
            "`{var}` es el número de filas. El n efectivo es menor cuando los pesos son "
            "desiguales: (Σ factor)² / Σ factor².",
            "`{var}` is the number of rows. The effective n is smaller when weights are "
            "unequal: (Σ factor)² / Σ factor².",
        ),
        "sin_semanas": (
            "`{var}` parece el valor de **una semana**; se pide el valor de un año "
            "(multiplica por 52 semanas).",
            "`{var}` looks like the value of **one week**; the value of a year is asked "
            "(multiply by 52 weeks).",
        ),
        "nacional": (
            "`{var}` usa las horas de **todo el país**; se piden las de la región "
            "Mesoamérica Central, la de la Ciudad de México.",
            "`{var}` uses the hours of **the whole country**; those of the Mesoamérica "
            "Central region, Mexico City's, are asked.",
        ),
        "todo_el_pais": (
            "`{var}` incluye a **todas las entidades**; quédate solo con la Ciudad de México "
            "(`ent == 9`).",
            "`{var}` includes **every state**; keep only Mexico City (`ent == 9`).",
        ),
        "todas_las_edades": (
            "`{var}` incluye a personas de **todas las edades**; la participación laboral se "
            "mide entre quienes tienen de 15 a 98 años.",
            "`{var}` includes people of **every age**; labour participation is measured among "
            "people aged 15 to 98.",
        ),
        "toda_la_poblacion": (
            "`{var}` usa a **toda** la población, con niñas y niños; las horas de la ENUT son "
            "de personas de 12 años y más: usa `personas_12_mas`.",
            "`{var}` uses the **whole** population, children included; ENUT's hours are for "
            "people aged 12 and over: use `personas_12_mas`.",
        ),
        "solo_horas": (
            "`{var}` compara solo las horas de una persona; el valor total también depende de "
            "**cuántas** mujeres y hombres hay (las personas de cada sexo).",
            "`{var}` compares the hours of one person only; the total value also depends on "
            "**how many** women and men there are (the people of each sex).",
        ),
        "percent": COMPARE_MSG["percent"],
    },
)


class KnownNumber(float):
    """An expected number with the values the typical slips give (``slips[name]``)."""

    slips: Mapping[str, Any] = {}

    def __new__(cls, value: float, slips: Mapping[str, Any] | None = None) -> KnownNumber:
        new = super().__new__(cls, value)
        new.slips = dict(slips or {})
        return new


def known(expected: Any, **slips: Any) -> Any:
    """``expected`` carrying ``slips`` (name -> what that slip gives; names are MSG keys).

    Numbers become :class:`KnownNumber`; a Series or DataFrame keeps them in ``attrs``.
    """
    if isinstance(expected, (pd.Series, pd.DataFrame)):
        expected.attrs["slips"] = dict(slips)
        return expected
    return KnownNumber(float(expected), slips)


def slips_of(expected: Any) -> Mapping[str, Any]:
    """The slips an expected value carries (none for plain values)."""
    if isinstance(expected, (pd.Series, pd.DataFrame)):
        return expected.attrs.get("slips", {})
    return getattr(expected, "slips", {})


@dataclass(frozen=True)
class Slips:
    """Compare with ``base``; when wrong, name the slip whose value the answer equals."""

    base: Comparator

    def compare(self, answer: Any, expected: Any, var: str) -> None:
        try:
            self.base.compare(answer, expected, var)
        except Incorrect:
            for name, value in slips_of(expected).items():
                if self._equals(answer, value, var):
                    raise Incorrect(MSG[name], var=var) from None
            raise

    def _equals(self, answer: Any, value: Any, var: str) -> bool:
        try:
            self.base.compare(answer, value, var)
        except Incorrect:
            return False
        return True
