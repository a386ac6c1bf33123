"""Shared rules of the indicators: which processes and awards count, and how values are summed.

Every indicator reads the tidy tables of :func:`kit.procurement.load.load`. Helpers here only
select and join; none of them changes the tables it receives.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from kit.procurement.indicators.catalog import TEXT

__all__ = [
    "NOT_AWARDED",
    "award_rows",
    "evaluated_mask",
    "group_columns",
    "in_currency",
    "live_tenders",
    "method_mask",
    "method_set",
    "supplier_keys",
]

#: Award statuses that mean nothing was (yet) awarded. Awards without a status are kept, because
#: many Mexican publishers leave ``awards/status`` empty.
NOT_AWARDED = ("cancelled", "unsuccessful", "pending")

Methods = Iterable[str] | str | None


def method_set(methods: Methods) -> frozenset[str] | None:
    """Normalise a procurement-methods argument; ``None`` means every method.

    As in Cardinal, an empty list also means "do not filter", and a ``"open|selective"`` string
    (Cardinal's pipe-separated setting) is accepted.
    """
    if methods is None:
        return None
    if isinstance(methods, str):
        methods = methods.split("|")
    chosen = frozenset(str(method).strip() for method in methods if str(method).strip())
    return chosen or None


def method_mask(column: pd.Series, methods: frozenset[str] | None) -> pd.Series:
    """Rows whose ``procurement_method`` is in ``methods`` (all rows when ``methods`` is None).

    A missing method never matches a filter, like Cardinal.
    """
    if methods is None:
        return pd.Series(True, index=column.index)
    return column.isin(methods).fillna(False).astype(bool)


def evaluated_mask(tenders: pd.DataFrame, known: pd.Series, methods: Methods) -> pd.Series:
    """Processes an indicator evaluates: the value it reads is known, the method is one it
    covers, and the tender was not cancelled (Cardinal leaves cancelled processes out)."""
    return (
        known
        & method_mask(tenders["procurement_method"], method_set(methods))
        & tenders["status"].ne("cancelled").fillna(True)
    ).astype(bool)


def live_tenders(data: Any) -> pd.DataFrame:
    """Tenders of processes not cancelled (Cardinal leaves out ``tender/status`` cancelled)."""
    tenders = data.tenders
    return tenders.loc[tenders["status"].ne("cancelled").fillna(True).astype(bool)]


def award_rows(data: Any, columns: Iterable[str] = ("buyer_id", "buyer_name")) -> pd.DataFrame:
    """Awards that count as awarded, with process columns from ``tenders`` joined by ocid.

    Left out: awards with a status in :data:`NOT_AWARDED` and awards of cancelled processes.
    Awards of processes without a tender row are kept (their process columns are missing).
    """
    awards = data.awards
    kept = awards.loc[~awards["status"].isin(NOT_AWARDED).fillna(False).astype(bool)]
    tenders = data.tenders
    cancelled = tenders.loc[tenders["status"].eq("cancelled").fillna(False).astype(bool), "ocid"]
    kept = kept.loc[~kept["ocid"].isin(cancelled)]
    process = tenders[["ocid", *columns]].drop_duplicates("ocid")
    return kept.merge(process, on="ocid", how="left", validate="many_to_one")


def in_currency(frame: pd.DataFrame, currency: str | None) -> pd.Series:
    """Rows with an amount in ``currency`` (any currency when ``currency`` is None).

    Values in other currencies, or without a currency, are never added to MXN: exchange rates
    change by day and the kit does not guess them.
    """
    has_amount = frame["value_amount"].notna()
    if currency is None:
        return has_amount
    return has_amount & frame["value_currency"].eq(currency).fillna(False).astype(bool)


def supplier_keys(suppliers: pd.DataFrame) -> pd.Series:
    """The key that identifies a supplier: its RFC (trimmed, upper case) or else its OCDS id.

    The same company often appears under several OCDS ids across publishers; the RFC is the
    stable identifier issued by the SAT.
    """
    rfc = suppliers["rfc"].astype("string").str.strip().str.upper()
    rfc = rfc.mask(rfc.eq("").fillna(False))
    return rfc.fillna(suppliers["supplier_id"].astype("string"))


def group_columns(tenders: pd.DataFrame, by: str) -> list[str]:
    """The ``tenders`` columns that identify a group: ``by="buyer"`` is buyer id and name."""
    if by == "buyer":
        return ["buyer_id", "buyer_name"]
    if by in tenders.columns and by != "ocid":
        return [by]
    raise ValueError(TEXT["error.by"].format(by=by, columns=", ".join(tenders.columns)))
