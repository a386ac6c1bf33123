"""What a budget notebook loads: the federal budget by key and year, from the sample or a folder.

``load("sample")`` reads the bundled fictitious Cuenta Pública 2019-2024 in
``kit/data/budget/``; ``load(path)`` reads real downloads: one CSV, a folder of yearly files or
a list of them (see :func:`kit.budget.read.read_budget`).
"""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from kit.budget.read import read_budget
from kit.errors import SourceNotFoundError
from kit.i18n import messages

__all__ = ["BudgetData", "load", "sample_folder"]

MSG = messages(
    "budget.load",
    {
        "no_sample": (
            "La muestra de presupuesto todavía no está en {folder}. Genérala con "
            "python -m kit.samples budget, o pasa la ruta de tus descargas.",
            "The budget sample is not in {folder} yet. Generate it with python -m kit.samples "
            "budget, or pass the path of your downloads.",
        ),
        "summary": (
            "{rows} filas de {first} a {last}: {ramos} ramos, {programs} programas "
            "presupuestarios; aprobado {approved} millones de pesos en total.",
            "{rows} rows from {first} to {last}: {ramos} ramos, {programs} budget programmes; "
            "{approved} million pesos approved in total.",
        ),
    },
)


@dataclass(frozen=True, repr=False)
class BudgetData:
    """The tidy budget table (one row per published key and year) and where it came from."""

    presupuesto: pd.DataFrame
    source: str

    def summary(self) -> str:
        table = self.presupuesto
        programs = table[["ramo", "programa"]].drop_duplicates()
        return MSG["summary"].format(
            rows=f"{len(table):,}",
            first=int(table["ciclo"].min()),
            last=int(table["ciclo"].max()),
            ramos=table["ramo"].nunique(),
            programs=len(programs),
            approved=f"{table['aprobado'].sum() / 1e6:,.0f}",
        )

    def __repr__(self) -> str:
        return f"BudgetData({self.source}): {self.summary()}"

    def _repr_html_(self) -> str:
        return f"<p><strong>{html.escape(self.source)}</strong>: {html.escape(self.summary())}</p>"


def sample_folder() -> Path:
    """``kit/data/budget``, or a clear error while the sample is not generated."""
    from kit.data import DATA_DIR

    folder = DATA_DIR / "budget"
    if not any(folder.glob("*.csv*")):
        raise SourceNotFoundError(MSG["no_sample"].format(folder=folder))
    return folder


def load(
    source: str | os.PathLike[str] | Iterable[str | os.PathLike[str]] = "sample",
    *,
    bad_rows: str = "error",
) -> BudgetData:
    """The budget table from ``"sample"``, a file, a folder of yearly files or a list of them.

    Raises:
        SourceNotFoundError: the sample is not generated, or a path does not exist.
        DataFormatError: a file is not in a published layout (the message names it and why).
    """
    if isinstance(source, str) and source == "sample":
        return BudgetData(read_budget(sample_folder(), bad_rows=bad_rows), "sample")
    if isinstance(source, (str, os.PathLike)):
        label = str(source)
    else:
        source = list(source)
        label = ", ".join(str(item) for item in source)
    return BudgetData(read_budget(source, bad_rows=bad_rows), label)
