"""Red flags about direct awards (adjudicaciones directas), read with Mexican law in mind.

These are not Cardinal indicators: they follow the Mexican debate on public procurement, where
most contracts are awarded directly (IMCO, *Índice de Riesgos de Corrupción*) and the law lets a
buyer skip a public tender below amounts set every year in the federal budget (PEF), as long as
purchases are not split (*fraccionadas*) to fit under them (LAASSP, art. 42).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kit.procurement.indicators._common import (
    Methods,
    awarded_mask,
    group_columns,
    in_currency,
    inner_join,
    method_mask,
    method_set,
    pair_codes,
    shared_codes,
    supplier_keys,
    take,
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
    tenders = data.tenders
    kept, process, same_ocid = awarded_mask(data)
    counted = kept & in_currency(data.awards, currency).to_numpy(dtype=bool)
    value = np.zeros(len(tenders))
    if counted.any():  # awards of processes without a tender row add to no group
        amounts = pd.Series(data.awards["value_amount"].to_numpy(dtype=float)[counted])
        sums = amounts.groupby(process[counted]).sum()
        sums = sums.loc[sums.index >= 0]
        value[sums.index] = sums.to_numpy()
    value = value[same_ocid]  # every tender row of an ocid gets its value, as a map by ocid
    live = tenders["status"].ne("cancelled").fillna(True).to_numpy(dtype=bool)
    live = live & tenders[keys[0]].notna().to_numpy(dtype=bool)
    tenders = tenders.loc[live]
    known = tenders["procurement_method"].notna()
    direct = known & method_mask(tenders["procurement_method"], method_set(procurement_methods))
    process_value = pd.Series(value[live], index=tenders.index)
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
    buyer = pd.factorize(rows["buyer_id"], sort=True)[0]
    supplier = pd.factorize(rows["supplier_key"], sort=True)[0]
    moment = rows["date"].to_numpy(dtype="datetime64[us]").astype(np.int64)
    order = np.lexsort((moment, supplier, buyer))  # stable, like sort_values(kind="stable")
    buyer, supplier = buyer[order], supplier[order]
    new_part = np.ones(len(order), dtype=bool)
    new_part[1:] = (buyer[1:] != buyer[:-1]) | (supplier[1:] != supplier[:-1])
    part = np.cumsum(new_part) - 1
    seconds = moment[order] // 1_000_000
    amounts = rows["value_amount"].to_numpy(dtype=float)[order]
    cents = np.round(amounts * 100).astype(np.int64)
    labels = window_groups(
        part, seconds, cents, round(window_days * _DAY), round(threshold_amount * 100), min_awards
    )
    inside = np.flatnonzero(labels >= 0)
    found = rows.take(order[inside]).assign(group=labels[inside])
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
    )
    # a group's rows are consecutive: cut the ids at the group boundaries
    cuts = (np.flatnonzero(np.diff(labels[inside])) + 1).tolist()
    out["ocids"] = [tuple(dict.fromkeys(chunk)) for chunk in _pieces(found["ocid"], cuts)]
    out["award_ids"] = [tuple(chunk) for chunk in _pieces(found["award_id"], cuts)]
    return out.sort_values(["buyer_id", "first_date"], kind="stable").reset_index(drop=True)


def _pieces(column: pd.Series, cuts: list[int]) -> list[list[Any]]:
    values = column.to_numpy(dtype=object).tolist()
    bounds = [0, *cuts, len(values)]
    return [values[a:b] for a, b in itertools.pairwise(bounds)] if values else []


def _splitting_candidates(
    data: Any, procurement_methods: Methods, currency: str | None, threshold_amount: float
) -> pd.DataFrame:
    """Single-supplier direct awards below the threshold, with a date and a supplier key.

    Columns: ``ocid``, ``award_id``, ``buyer_id``, ``buyer_name``, ``value_amount``, ``date``
    (the award's, else its contracts' earliest signature), ``supplier_name`` and
    ``supplier_key``; rows without a date or a supplier key are left out.
    """
    awards, tenders, suppliers = data.awards, data.tenders, data.suppliers
    contracts = data.contracts
    kept, process, _ = awarded_mask(data)
    fits = method_mask(tenders["procurement_method"], method_set(procurement_methods))
    fits = np.append(fits.to_numpy(dtype=bool) & tenders["buyer_id"].notna().to_numpy(bool), False)
    below = awards["value_amount"].lt(threshold_amount).fillna(False).to_numpy(dtype=bool)
    chosen = np.flatnonzero(
        kept & fits[process] & in_currency(awards, currency).to_numpy(dtype=bool) & below
    )
    (a_ocid, s_ocid, c_ocid), n_ocids = shared_codes(
        awards["ocid"], suppliers["ocid"], contracts["ocid"]
    )
    (a_id, s_id, c_id), _ = shared_codes(
        awards["award_id"], suppliers["award_id"], contracts["award_id"]
    )
    award_key, supplier_key = pair_codes(a_ocid, n_ocids, a_id), pair_codes(s_ocid, n_ocids, s_id)
    left, right = inner_join(award_key[chosen], supplier_key)
    award_rows_, keys = chosen[left], supplier_key[right]
    # awards with exactly one supplier (a missing ocid or award id is in no group)
    known = (awards["ocid"].notna() & awards["award_id"].notna()).to_numpy(dtype=bool)
    sizes = pd.Series(keys).map(pd.Series(keys).value_counts()).to_numpy()
    single = (sizes == 1) & known[award_rows_]
    award_rows_, right, keys = award_rows_[single], right[single], keys[single]
    signed_date = _earliest_signature(contracts, pair_codes(c_ocid, n_ocids, c_id))
    rows = pd.DataFrame(
        {
            "ocid": take(awards["ocid"], award_rows_),
            "award_id": take(awards["award_id"], award_rows_),
            "buyer_id": take(tenders["buyer_id"], process[award_rows_]),
            "buyer_name": take(tenders["buyer_name"], process[award_rows_]),
            "value_amount": awards["value_amount"].to_numpy(dtype=float)[award_rows_],
            "date": pd.to_datetime(take(awards["date"], award_rows_), utc=True, errors="coerce"),
            "supplier_id": take(suppliers["supplier_id"], right),
            "supplier_name": take(suppliers["supplier_name"], right),
            "rfc": take(suppliers["rfc"], right),
        }
    )
    rows["date"] = rows["date"].fillna(signed_date.reindex(keys).reset_index(drop=True))
    rows["supplier_key"] = supplier_keys(rows)
    rows = rows.drop(columns=["supplier_id", "rfc"])
    return rows.dropna(subset=["date", "supplier_key"]).reset_index(drop=True)


def _earliest_signature(contracts: pd.DataFrame, keys: np.ndarray) -> pd.Series:
    """The earliest ``date_signed`` of the contracts of each award key (ocid and award id)."""
    signed = pd.to_datetime(contracts["date_signed"], utc=True, errors="coerce")
    known = (contracts["ocid"].notna() & contracts["award_id"].notna()).to_numpy(dtype=bool)
    return pd.Series(signed.array[known]).groupby(keys[known]).min()


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
