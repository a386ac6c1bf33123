"""Shared rules of the indicators: which processes and awards count, and how values are summed.

Every indicator reads the tidy tables of :func:`kit.procurement.load.load`. Helpers here only
select and join; none of them changes the tables it receives.

Joins go through integer codes, never through text: a national feed has a million processes,
and hashing its ``ocid`` and ``award_id`` texts once per join (what ``DataFrame.merge`` on text
columns does) was most of the indicators' time. :func:`shared_codes` hashes the key columns of
several tables in one pass; joins then match small integers, keeping ``merge``'s row order and
its rule that a missing key matches a missing key.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from kit.procurement.indicators.catalog import TEXT

__all__ = [
    "NOT_AWARDED",
    "award_rows",
    "awarded_mask",
    "evaluated_mask",
    "group_columns",
    "in_currency",
    "inner_join",
    "live_tenders",
    "method_mask",
    "method_set",
    "pair_codes",
    "shared_codes",
    "supplier_keys",
    "take",
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
    columns = list(columns)
    awards, tenders = data.awards, data.tenders
    if set(columns) & set(awards.columns):  # same names on both sides: merge adds suffixes
        return _award_rows_merged(data, columns)
    kept, process, _ = awarded_mask(data)
    out = awards.loc[kept].reset_index(drop=True)
    for column in columns:
        out[column] = take(tenders[column], process[kept])
    return out


def awarded_mask(data: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Which awards :func:`award_rows` keeps, and the row of ``tenders`` of each award's process.

    The row is the first with the award's ocid (-1 when the process has no tender row), like
    a merge with ``tenders.drop_duplicates("ocid")``. The third array gives, for each tender row,
    the first row with its ocid (itself, unless an ocid repeats).
    """
    awards, tenders = data.awards, data.tenders
    (tender_ocid, award_ocid), size = shared_codes(tenders["ocid"], awards["ocid"])
    cancelled = np.zeros(size, dtype=bool)
    cancelled[tender_ocid[_is(tenders["status"], "cancelled")]] = True
    awarded = ~awards["status"].isin(NOT_AWARDED).fillna(False).to_numpy(dtype=bool)
    kept = awarded & ~cancelled[award_ocid]
    first = first_rows(tender_ocid, size)
    return kept, first[award_ocid], first[tender_ocid]


def _award_rows_merged(data: Any, columns: list[str]) -> pd.DataFrame:
    """:func:`award_rows` through ``merge``, for columns whose names clash with awards'."""
    awards = data.awards
    kept = awards.loc[~awards["status"].isin(NOT_AWARDED).fillna(False).astype(bool)]
    tenders = data.tenders
    cancelled = tenders.loc[_is(tenders["status"], "cancelled"), "ocid"]
    kept = kept.loc[~kept["ocid"].isin(cancelled)]
    process = tenders[["ocid", *columns]].drop_duplicates("ocid")
    return kept.merge(process, on="ocid", how="left", validate="many_to_one")


def _is(column: pd.Series, value: str) -> np.ndarray:
    return column.eq(value).fillna(False).to_numpy(dtype=bool)


def shared_codes(*columns: pd.Series) -> tuple[list[np.ndarray], int]:
    """Integer codes for the values of several columns, in one hashing pass.

    Equal values get equal codes across the columns, and a missing value is a value too (it
    gets a code, as ``merge`` matches a missing key with a missing key). Returns one array of
    codes per column and the number of distinct values.
    """
    sizes = [len(column) for column in columns]
    parts = [pd.Series(column.array, copy=False) for column in columns if len(column)]
    if not parts:
        return [np.zeros(0, dtype=np.int64) for _ in columns], 0
    joined = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
    codes, uniques = pd.factorize(joined, use_na_sentinel=False)
    codes = codes.astype(np.int64, copy=False)
    return np.split(codes, np.cumsum(sizes)[:-1]), len(uniques)


def pair_codes(first: np.ndarray, first_size: int, second: np.ndarray) -> np.ndarray:
    """One int64 code per pair of codes (``first`` below ``first_size``): an ocid and an id."""
    return second.astype(np.int64) * max(first_size, 1) + first


def first_rows(codes: np.ndarray, size: int) -> np.ndarray:
    """For each code below ``size``, the first row that has it (-1 when none does)."""
    rows = np.full(size, -1, dtype=np.int64)
    order = np.arange(len(codes) - 1, -1, -1)
    rows[codes[order]] = order
    return rows


def inner_join(left: np.ndarray, right: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row numbers of the inner join of two integer keys, in ``merge``'s order.

    Rows come in the left table's order, and for each of them the matching right rows in the
    right table's order; a key repeated on both sides gives every pair.
    """
    merged = pd.DataFrame({"key": left, "left": np.arange(len(left))}).merge(
        pd.DataFrame({"key": right, "right": np.arange(len(right))}), on="key"
    )
    return merged["left"].to_numpy(dtype=np.int64), merged["right"].to_numpy(dtype=np.int64)


def take(column: pd.Series, rows: np.ndarray) -> pd.Series:
    """``column``'s values at ``rows`` (-1: missing), as a new Series with a RangeIndex."""
    values = pd.api.extensions.take(column.array, rows, allow_fill=True)
    return pd.Series(values, name=column.name, dtype=values.dtype)  # object stays object


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
