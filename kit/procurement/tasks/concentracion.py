"""Graded tasks of notebook 03 of ``contrataciones``: direct awards, splitting, concentration.

The notebook builds one table of awards (``adjudicaciones``) and asks for three answers keyed by
the buyer's name. Each expected answer follows the recipe the notebook teaches, computed from
the data the notebook loaded, so the checks also work with a real OCDS file::

    from kit.procurement.tasks import concentracion
    check = concentracion.TASKS.bind(datos)
    check.hhi_por_comprador(hhi_por_comprador)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kit.check import Frame, Incorrect, Series, Task, TaskSet
from kit.check.compare import MSG as COMPARE_MSG
from kit.i18n import Text, messages
from kit.procurement.load import load

__all__ = ["NOT_AWARDED", "TASKS", "THRESHOLD", "award_table"]

#: The teaching threshold of the notebook (``UMBRAL``), in MXN. Real maximum amounts for a
#: direct award are set every year in the federal budget (PEF) and depend on the buyer.
THRESHOLD = 300_000
#: Award statuses left out of ``adjudicaciones`` (nothing was awarded).
NOT_AWARDED = ("cancelled", "unsuccessful", "pending")

MSG = messages(
    "tasks.concentracion",
    {
        "scale_10000": (
            "`{var}` parece estar en la escala de 0 a 10 000 (participaciones en porcentaje); "
            "se pide la escala de 0 a 1 (participaciones como proporción).",
            "`{var}` looks like it is on the 0 to 10,000 scale (shares in percent); the 0 to 1 "
            "scale (shares as proportions) is asked.",
        ),
    },
)


def award_table(data: Any) -> pd.DataFrame:
    """The notebook's ``adjudicaciones``: one row per supplier of an award, with its buyer.

    Awards merged with their suppliers and with ``buyer_name`` and ``procurement_method`` of
    their process; only awards in MXN whose status is not one of :data:`NOT_AWARDED`.
    """
    process = data.tenders[["ocid", "buyer_name", "procurement_method"]]
    table = data.awards.merge(data.suppliers, on=["ocid", "award_id"]).merge(process, on="ocid")
    counted = table["value_currency"].eq("MXN") & ~table["status"].isin(NOT_AWARDED)
    return table[counted.fillna(False).astype(bool)]


def _direct_share(data: Any) -> pd.Series:
    """Share of each buyer's processes with method ``direct`` (processes of unknown method skip)."""
    tenders = data.tenders
    direct = tenders["procurement_method"].eq("direct").astype("boolean")
    return direct.groupby(tenders["buyer_name"]).mean().astype(float)


def _hhi(data: Any) -> pd.Series:
    """Herfindahl–Hirschman index (0–1) of each buyer's awarded value among supplier RFCs."""
    by_supplier = award_table(data).groupby(["buyer_name", "rfc"])["value_amount"].sum()
    shares = by_supplier / by_supplier.groupby(level="buyer_name").transform("sum")
    return (shares**2).groupby(level="buyer_name").sum().astype(float)


def _splitting_pairs(data: Any) -> pd.DataFrame:
    """(buyer, supplier RFC) pairs with a calendar month of 2+ small direct awards over the line."""
    table = award_table(data)
    small = table[table["procurement_method"].eq("direct") & table["value_amount"].lt(THRESHOLD)]
    month = small["date"].dt.strftime("%Y-%m").rename("mes")
    groups = small.groupby(["buyer_name", "rfc", month])["value_amount"].agg(["count", "sum"])
    suspicious = groups[(groups["count"] >= 2) & (groups["sum"] > THRESHOLD)]
    return suspicious.reset_index()[["buyer_name", "rfc"]].drop_duplicates(ignore_index=True)


@dataclass(frozen=True)
class ScaledSeries(Series):
    """A Series comparator that also recognises the answer on a wrong scale (×100, ×10 000)."""

    scales: tuple[tuple[float, Text], ...] = ((100.0, COMPARE_MSG["percent"]),)

    def compare(self, answer: Any, expected: pd.Series, var: str) -> None:
        try:
            super().compare(answer, expected, var)
        except Incorrect:
            for factor, message in self.scales:
                if _scaled(answer, expected, factor):
                    raise Incorrect(message, var=var) from None
            raise


def _scaled(answer: Any, expected: pd.Series, factor: float) -> bool:
    """Is ``answer`` the expected Series multiplied by ``factor`` (same index, finite values)?"""
    if not isinstance(answer, pd.Series) or not answer.index.is_unique:
        return False
    if set(answer.index) != set(expected.index) or expected.empty:
        return False
    mine = pd.to_numeric(answer.loc[expected.index], errors="coerce").astype(float).to_numpy()
    theirs = expected.astype(float).to_numpy() * factor
    usable = ~np.isnan(theirs)
    return bool(usable.any()) and bool(np.allclose(mine[usable], theirs[usable], rtol=1e-6))


TASKS = TaskSet(
    "contrataciones-03",
    [
        Task(
            id="directas_por_comprador",
            variable="directas_por_comprador",
            expected=_direct_share,
            compare=ScaledSeries(rel_tol=1e-6),
            hints=[
                Text(
                    'Compara la columna `procurement_method` de `datos.tenders` con `"direct"`: '
                    "obtienes True/False por proceso, y el promedio de True/False es una "
                    "proporción.",
                    'Compare column `procurement_method` of `datos.tenders` with `"direct"`: '
                    "you get True/False per process, and the mean of True/False is a proportion.",
                ),
                Text(
                    "Guarda esa comparación como columna nueva con `.assign(directa=...)` y luego "
                    'agrupa con `.groupby("buyer_name")`.',
                    "Store that comparison as a new column with `.assign(directa=...)`, then group "
                    'with `.groupby("buyer_name")`.',
                ),
                Text(
                    'Después del `groupby`, elige la columna nueva con `["directa"]` y calcula '
                    "`.mean()`: una Serie con un valor por comprador, entre 0 y 1.",
                    'After the `groupby`, pick the new column with `["directa"]` and take '
                    "`.mean()`: a Series with one value per buyer, between 0 and 1.",
                ),
            ],
            title=Text(
                "Proporción de adjudicaciones directas de cada comprador.",
                "Share of direct awards of each buyer.",
            ),
        ),
        Task(
            id="fraccionamiento",
            variable="pares_fraccionamiento",
            expected=_splitting_pairs,
            compare=Frame(key=["buyer_name", "rfc"]),
            hints=[
                Text(
                    "Filtra `adjudicaciones` con dos condiciones a la vez, cada una entre "
                    'paréntesis y unidas con `&`: método `"direct"` y `value_amount` menor que '
                    "`UMBRAL`. Después agrega una columna `mes` con "
                    '`["date"].dt.strftime("%Y-%m")`.',
                    "Filter `adjudicaciones` with two conditions at once, each in parentheses "
                    'joined with `&`: method `"direct"` and `value_amount` below `UMBRAL`. Then '
                    'add a column `mes` with `["date"].dt.strftime("%Y-%m")`.',
                ),
                Text(
                    'Agrupa por `["buyer_name", "rfc", "mes"]` y calcula a la vez cuántas y '
                    'cuánto: `["value_amount"].agg(["count", "sum"])`. Quédate con los '
                    "grupos con `count` de 2 o más y `sum` mayor que `UMBRAL`.",
                    'Group by `["buyer_name", "rfc", "mes"]` and compute how many and how '
                    'much at once: `["value_amount"].agg(["count", "sum"])`. Keep the groups '
                    "with `count` of 2 or more and `sum` above `UMBRAL`.",
                ),
                Text(
                    "Los grupos quedan en el índice: `.reset_index()` los vuelve columnas. "
                    'Quédate con `[["buyer_name", "rfc"]]` y quita repetidos con '
                    "`.drop_duplicates()` (un par puede tener varios meses).",
                    "The groups are in the index: `.reset_index()` turns them into columns. "
                    'Keep `[["buyer_name", "rfc"]]` and drop repeats with '
                    "`.drop_duplicates()` (a pair may have several months).",
                ),
            ],
            title=Text(
                "Pares comprador–proveedor con señales de fraccionamiento.",
                "Buyer–supplier pairs with signs of contract splitting.",
            ),
            points=2,
        ),
        Task(
            id="hhi_por_comprador",
            variable="hhi_por_comprador",
            expected=_hhi,
            compare=ScaledSeries(
                rel_tol=1e-6,
                scales=((10_000.0, MSG["scale_10000"]), (100.0, COMPARE_MSG["percent"])),
            ),
            hints=[
                Text(
                    "Paso 1: suma `value_amount` de `adjudicaciones` por comprador y proveedor, "
                    'con `.groupby(["buyer_name", "rfc"])`, y guarda esa Serie como `montos`.',
                    "Step 1: add up `value_amount` of `adjudicaciones` by buyer and supplier, with "
                    '`.groupby(["buyer_name", "rfc"])`, and store that Series as `montos`.',
                ),
                Text(
                    "Paso 2: la participación de cada proveedor es su monto entre el total de su "
                    "comprador. El total, repetido en cada fila, sale de "
                    '`montos.groupby("buyer_name").transform("sum")`.',
                    "Step 2: each supplier's share is its amount over its buyer's total. The "
                    "total, repeated on every row, comes from "
                    '`montos.groupby("buyer_name").transform("sum")`.',
                ),
                Text(
                    "Paso 3: eleva las participaciones al cuadrado (`** 2`) y súmalas por "
                    "comprador. Revisa con el ejemplo de juguete: debe dar entre 0 y 1.",
                    "Step 3: square the shares (`** 2`) and add them up per buyer. Check against "
                    "the toy example: it must be between 0 and 1.",
                ),
            ],
            title=Text(
                "Índice Herfindahl–Hirschman de cada comprador.",
                "Herfindahl–Hirschman index of each buyer.",
            ),
            points=2,
        ),
    ],
    load=load,
)
