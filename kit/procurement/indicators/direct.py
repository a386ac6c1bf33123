"""Red flags about direct awards (adjudicaciones directas), read with Mexican law in mind.

These are not Cardinal indicators: they follow the Mexican debate on public procurement, where
most contracts are awarded directly (IMCO, *Índice de Riesgos de Corrupción*) and the law lets a
buyer skip a public tender below amounts set every year in the federal budget (PEF), as long as
purchases are not split (*fraccionadas*) to fit under them (LAASSP, art. 42).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kit.procurement.indicators._common import (
    Methods,
    award_rows,
    group_columns,
    in_currency,
    live_tenders,
    method_mask,
    method_set,
    supplier_keys,
)

if TYPE_CHECKING:
    from kit.procurement.load import ProcurementData

__all__ = ["contract_splitting", "direct_award_share"]

_DAY = 86_400


def direct_award_share(
    data: ProcurementData | Any,
    by: str = "buyer",
    threshold: float = 0.8,
    procurement_methods: Methods = ("direct",),
    currency: str | None = "MXN",
    min_processes: int = 1,
) -> pd.DataFrame:
    """Share of each buyer's processes (and of its awarded value) that were direct awards.

    The law makes the public tender the rule and the direct award the exception (Constitution,
    art. 134; LAASSP, arts. 26, 41 and 42); a buyer that almost always awards directly avoids
    competition. IMCO's *Índice de Riesgos de Corrupción* uses this share as a risk component.

    Args:
        data: the tables from :func:`kit.procurement.load.load`.
        by: ``"buyer"`` or another column of ``tenders`` to group processes by.
        threshold: flag groups whose share of direct processes is strictly above this.
        procurement_methods: the ``procurement_method`` values that count as direct.
        currency: only award values in this currency are added (``None``: any).
        min_processes: groups with fewer processes of known method are not flagged.

    Returns:
        One row per group: the group columns, ``n_processes`` (not cancelled, known method),
        ``n_unknown_method``, ``n_direct``, ``direct_share``, ``value_total``, ``value_direct``
        (awarded value in ``currency``), ``direct_value_share``, ``eligible`` and ``flag``.
    """
    keys = group_columns(data.tenders, by)
    tenders = live_tenders(data).dropna(subset=[keys[0]])
    awards = award_rows(data, [])
    value = awards.loc[in_currency(awards, currency)].groupby("ocid")["value_amount"].sum()
    known = tenders["procurement_method"].notna()
    direct = known & method_mask(tenders["procurement_method"], method_set(procurement_methods))
    process_value = tenders["ocid"].map(value).fillna(0.0)
    frame = tenders[keys].assign(
        known=known, unknown=~known, direct=direct, value=process_value.where(known, 0.0)
    )
    frame["value_direct"] = frame["value"].where(direct, 0.0)
    out = frame.groupby(keys[0]).agg(
        **({name: (name, "first") for name in keys[1:]}),
        n_processes=("known", "sum"),
        n_unknown_method=("unknown", "sum"),
        n_direct=("direct", "sum"),
        value_total=("value", "sum"),
        value_direct=("value_direct", "sum"),
    )
    counts = ["n_processes", "n_unknown_method", "n_direct"]
    out[counts] = out[counts].astype(int)
    out[["value_total", "value_direct"]] = out[["value_total", "value_direct"]].astype(float)
    out["direct_share"] = (out["n_direct"] / out["n_processes"]).where(out["n_processes"] > 0)
    out["direct_value_share"] = (out["value_direct"] / out["value_total"]).where(
        out["value_total"] > 0
    )
    out["eligible"] = (out["n_processes"] >= max(min_processes, 1)).astype(bool)
    out["flag"] = out["eligible"] & (out["direct_share"] > threshold).fillna(False).astype(bool)
    order = [*keys[1:], "n_processes", "n_unknown_method", "n_direct", "direct_share"]
    order += ["value_total", "value_direct", "direct_value_share", "eligible", "flag"]
    return out[order].reset_index()


def contract_splitting(
    data: ProcurementData | Any,
    threshold_amount: float = 300_000,
    window_days: float = 30,
    min_awards: int = 2,
    procurement_methods: Methods = ("direct",),
    currency: str | None = "MXN",
) -> pd.DataFrame:
    """Groups of small direct awards that look like one purchase split to avoid a tender.

    LAASSP art. 42 allows a direct award when each operation stays under a maximum amount set
    yearly in the federal budget (PEF), "siempre que las operaciones no se fraccionen". Here, the
    direct awards of one buyer to one supplier (RFC, else OCDS id) whose individual values are
    each *below* ``threshold_amount`` are scanned by date: every window of ``window_days`` days
    (two awards at most ``window_days`` apart share a window) with at least ``min_awards`` awards
    whose *sum exceeds* ``threshold_amount`` is a hit, and overlapping hits form one group. A group
    may therefore last longer than ``window_days`` when the pattern goes on. The default 300,000
    MXN is a teaching value: real maximums depend on the buyer's budget and the year's PEF.

    Only awards with exactly one supplier, a value in ``currency`` and a date (award date, else
    the earliest contract signature) are considered. Runs in O(n log n) (one sort, one binary
    search per award, sums in integer cents so that a sum equal to the threshold is not a hit).

    Returns:
        One row per group: ``buyer_id``, ``buyer_name``, ``supplier_key``, ``supplier_name``,
        ``first_date``, ``last_date``, ``n_awards``, ``total_value``, ``max_value``, ``ocids`` and
        ``award_ids`` (tuples, in date order).
    """
    rows = _splitting_candidates(data, procurement_methods, currency, threshold_amount)
    rows = rows.sort_values(["buyer_id", "supplier_key", "date"], kind="stable")
    part = rows.groupby(["buyer_id", "supplier_key"], sort=False).ngroup().to_numpy()
    seconds = rows["date"].to_numpy(dtype="datetime64[s]").astype(np.int64)
    cents = np.round(rows["value_amount"].to_numpy(dtype=float) * 100).astype(np.int64)
    labels = window_groups(
        part, seconds, cents, round(window_days * _DAY), round(threshold_amount * 100), min_awards
    )
    found = rows.assign(group=labels).loc[lambda frame: frame["group"] >= 0]
    out = found.groupby("group", sort=True).agg(
        buyer_id=("buyer_id", "first"),
        buyer_name=("buyer_name", "first"),
        supplier_key=("supplier_key", "first"),
        supplier_name=("supplier_name", "first"),
        first_date=("date", "min"),
        last_date=("date", "max"),
        n_awards=("award_id", "size"),
        total_value=("value_amount", "sum"),
        max_value=("value_amount", "max"),
        ocids=("ocid", lambda ocids: tuple(dict.fromkeys(ocids))),
        award_ids=("award_id", tuple),
    )
    return out.sort_values(["buyer_id", "first_date"], kind="stable").reset_index(drop=True)


def _splitting_candidates(
    data: Any, procurement_methods: Methods, currency: str | None, threshold_amount: float
) -> pd.DataFrame:
    """Single-supplier direct awards below the threshold, with a date and a supplier key."""
    rows = award_rows(data, ["buyer_id", "buyer_name", "procurement_method"])
    rows = rows.loc[
        method_mask(rows["procurement_method"], method_set(procurement_methods))
        & in_currency(rows, currency)
        & rows["value_amount"].lt(threshold_amount).fillna(False).astype(bool)
        & rows["buyer_id"].notna()
    ]
    rows = rows.merge(data.suppliers, on=["ocid", "award_id"])
    rows = rows.loc[rows.groupby(["ocid", "award_id"])["ocid"].transform("size").eq(1)]
    contracts = data.contracts
    signed = (
        contracts.assign(signed=pd.to_datetime(contracts["date_signed"], utc=True, errors="coerce"))
        .groupby(["ocid", "award_id"], as_index=False)["signed"]
        .min()
    )
    rows = rows.merge(signed, on=["ocid", "award_id"], how="left")
    date = pd.to_datetime(rows["date"], utc=True, errors="coerce").fillna(rows["signed"])
    rows = rows.assign(date=date, supplier_key=supplier_keys(rows))
    return rows.dropna(subset=["date"])


def window_groups(
    part: np.ndarray,
    seconds: np.ndarray,
    amounts: np.ndarray,
    window: int,
    threshold: int,
    min_count: int,
) -> np.ndarray:
    """Label rows that belong to overlapping trailing windows whose sum exceeds ``threshold``.

    Rows must be sorted by ``(part, seconds)``. Each row's window holds the rows of the same part
    at most ``window`` seconds earlier. Returns a group number per row, ``-1`` outside groups.
    """
    n = len(part)
    labels = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return labels
    offset = seconds - seconds.min() + window + 1
    key = part.astype(np.int64) * (int(offset.max()) + 1) + offset
    start = np.searchsorted(key, key - window, side="left")
    index = np.arange(n)
    total = np.concatenate([[0], np.cumsum(amounts)])
    sums = total[index + 1] - total[start]
    hits = np.flatnonzero((index - start + 1 >= min_count) & (sums > threshold))
    if hits.size == 0:
        return labels
    opens = np.ones(hits.size, dtype=bool)
    opens[1:] = start[hits[1:]] > hits[:-1]
    closes = np.append(opens[1:], True)
    marks = np.zeros(n + 1, dtype=np.int64)
    number = np.arange(1, int(opens.sum()) + 1)
    np.add.at(marks, start[hits[opens]], number)
    np.add.at(marks, hits[closes] + 1, -number)
    return np.cumsum(marks)[:n] - 1
