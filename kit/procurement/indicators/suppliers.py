"""Red flags about who supplies: Cardinal's R048 and the concentration of a buyer's suppliers."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kit.procurement.indicators._common import (
    awarded_mask,
    group_columns,
    in_currency,
    inner_join,
    pair_codes,
    shared_codes,
    supplier_keys,
    take,
)
from kit.procurement.indicators.catalog import TEXT

if TYPE_CHECKING:
    from kit.procurement.load import ProcurementData

__all__ = ["heterogeneous_supplier", "supplier_concentration", "upper_fence"]


def upper_fence(values: Iterable[float], threshold: float | None = None) -> dict[str, float]:
    """Tukey's upper fence ``Q3 + 1.5 × IQR``, with quartiles computed as Cardinal does.

    Cardinal uses the ``statrs`` crate, whose quantiles are Hyndman and Fan's type 8 ("median
    unbiased", numpy's ``method="median_unbiased"``). With a fixed ``threshold`` the fence is the
    threshold and no quartiles are computed, as in Cardinal's ``Meta`` output.

    Returns:
        ``{"q1", "q3", "upper_fence"}``, or only ``{"upper_fence"}`` when ``threshold`` is given.
        Without values, the quartiles and fence are NaN (Cardinal prints ``null``).
    """
    if threshold is not None:
        return {"upper_fence": float(threshold)}
    array = np.asarray(list(values), dtype=float)
    if array.size == 0:
        return {"q1": np.nan, "q3": np.nan, "upper_fence": np.nan}
    q1, q3 = np.quantile(array, [0.25, 0.75], method="median_unbiased")
    return {"q1": float(q1), "q3": float(q3), "upper_fence": float(q3 + 1.5 * (q3 - q1))}


def heterogeneous_supplier(
    data: ProcurementData | Any,
    digits: int = 2,
    threshold: int | None = None,
    minimum_contracting_processes: int = 20,
) -> pd.DataFrame:
    """R048 (Cardinal): a supplier sells an unusually wide variety of items.

    A supplier of everything is more likely a front or intermediary than a specialist. Cardinal:
    the **variety** of a supplier is the number of distinct classification prefixes (the first
    ``digits`` characters of ``items/classification/id``) among the items of its *active* awards
    that name it as the *only* supplier, across processes. Only suppliers awarded in at least
    ``minimum_contracting_processes`` processes are compared; one is flagged when its variety is
    at least the upper fence ``Q3 + 1.5 × IQR`` of their varieties (or ``threshold``, if given).
    Results are keyed by ``awards/suppliers/id`` (Cardinal's "Tenderer" group), not by RFC.

    Args:
        data: the tables from :func:`kit.procurement.load.load`.
        digits: length of the prefix; 2 is a UNSPSC segment or a CPV division.
        threshold: a fixed fence instead of the computed one (Cardinal's ``threshold``).
        minimum_contracting_processes: fewer processes give a small variety by construction.

    Returns:
        One row per supplier id: ``supplier_id``, ``supplier_name``, ``contracting_processes``,
        ``variety``, ``categories`` (sorted tuple of prefixes), ``eligible``, ``upper_fence``
        and ``flag``; ``attrs["meta"]`` holds the fence as Cardinal's ``Meta`` reports it.
    """
    if not isinstance(digits, int) or digits < 1:
        raise ValueError(TEXT["error.digits"].format(digits=digits))
    award_rows_, supplier_rows, item_rows, row_ocid = _classified_single_supplier_items(data)
    supplier_code, supplier_ids = pd.factorize(data.suppliers["supplier_id"], sort=True)
    code = supplier_code[supplier_rows]
    present, row_supplier = np.unique(code, return_inverse=True)
    n = len(present)
    # categories: the classification's first digits, coded in sorted order
    used, item_of_row = np.unique(item_rows, return_inverse=True)
    classification = pd.Series(data.items["classification_id"].array[used])
    category_code, categories = pd.factorize(classification.astype(str).str[:digits], sort=True)
    row_category = category_code[item_of_row]
    ocid_known = data.awards["ocid"].notna().to_numpy(dtype=bool)[award_rows_]
    processes = _distinct_per(row_supplier[ocid_known], row_ocid[ocid_known], n)
    # (supplier, category) pairs sorted by supplier then category: each supplier's tuple
    width = max(len(categories), 1)
    pairs = np.unique(row_supplier.astype(np.int64) * width + row_category)
    variety = np.bincount(pairs // width, minlength=n)
    labels = categories.to_numpy(dtype=object)[pairs % width].tolist()
    bounds = np.concatenate([[0], np.cumsum(variety)]).tolist()
    out = pd.DataFrame(
        {
            "supplier_id": pd.Series(supplier_ids.take(present).array),
            "supplier_name": _first_known(
                data.suppliers["supplier_name"], supplier_rows, row_supplier, n
            ),
            "contracting_processes": processes,
            "variety": variety.astype(np.int64),
            "categories": [tuple(labels[a:b]) for a, b in itertools.pairwise(bounds)],
        }
    )
    out["eligible"] = out["contracting_processes"] >= minimum_contracting_processes
    meta = upper_fence(out.loc[out["eligible"], "variety"], threshold)
    out["upper_fence"] = meta["upper_fence"]
    out["flag"] = out["eligible"] & (out["variety"] >= meta["upper_fence"])
    out.attrs["meta"] = meta
    return out


def _distinct_per(group: np.ndarray, values: np.ndarray, n: int) -> np.ndarray:
    """How many distinct ``values`` each of ``n`` groups has."""
    pairs = pd.unique(group.astype(np.int64) * (int(values.max(initial=0)) + 1) + values)
    return np.bincount(pairs // (int(values.max(initial=0)) + 1), minlength=n).astype(np.int64)


def _first_known(column: pd.Series, rows: np.ndarray, group: np.ndarray, n: int) -> pd.Series:
    """Per group, the first non-missing value of ``column`` at ``rows`` (groupby's ``first``)."""
    known = column.notna().to_numpy(dtype=bool)[rows]
    first = np.full(n, -1, dtype=np.int64)
    where = np.flatnonzero(known)[::-1]
    first[group[where]] = rows[where]
    return take(column, first)


def _classified_single_supplier_items(data: Any) -> tuple[np.ndarray, ...]:
    """Award items with a classification, of active single-supplier awards of live processes.

    Returns the rows of ``awards``, ``suppliers`` and ``items`` that match, one entry per item
    of each supplier, in the order of the merges awards → suppliers → items, and the code of
    each entry's ocid.
    """
    awards, tenders, suppliers, items = data.awards, data.tenders, data.suppliers, data.items
    award_items = np.flatnonzero(
        items["stage"].eq("award").fillna(False).to_numpy(dtype=bool)
        & items["classification_id"].notna().to_numpy(dtype=bool)
    )
    item_ocid, item_award = (
        pd.Series(items[column].array[award_items]) for column in ("ocid", "parent_id")
    )
    (t_ocid, a_ocid, s_ocid, i_ocid), n_ocids = shared_codes(
        tenders["ocid"], awards["ocid"], suppliers["ocid"], item_ocid
    )
    (a_id, s_id, i_id), _ = shared_codes(awards["award_id"], suppliers["award_id"], item_award)
    award_key = pair_codes(a_ocid, n_ocids, a_id)
    supplier_key = pair_codes(s_ocid, n_ocids, s_id)
    item_key = pair_codes(i_ocid, n_ocids, i_id)
    cancelled = np.zeros(n_ocids, dtype=bool)
    cancelled[t_ocid[tenders["status"].eq("cancelled").fillna(False).to_numpy(dtype=bool)]] = True
    # suppliers listed per award, for awards without supplier_count (missing keys: no group)
    named = (suppliers["ocid"].notna() & suppliers["award_id"].notna()).to_numpy(dtype=bool)
    listed = pd.Series(award_key).map(pd.Series(supplier_key[named]).value_counts())
    count = awards["supplier_count"].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
    count = np.where(np.isnan(count), listed.to_numpy(dtype=float), count)
    active = awards["status"].eq("active").fillna(False).to_numpy(dtype=bool)
    single = count == 1
    chosen = np.flatnonzero(active & single & ~cancelled[a_ocid])
    identified = np.flatnonzero(suppliers["supplier_id"].notna().to_numpy(dtype=bool))
    left, right = inner_join(award_key[chosen], supplier_key[identified])
    chosen, identified = chosen[left], identified[right]
    left, right = inner_join(supplier_key[identified], item_key)
    return chosen[left], identified[left], award_items[right], a_ocid[chosen[left]]


def supplier_concentration(
    data: ProcurementData | Any,
    by: str = "buyer",
    threshold: float = 0.25,
    currency: str | None = "MXN",
    min_awards: int = 1,
) -> pd.DataFrame:
    """How concentrated each buyer's awarded value is among its suppliers (Herfindahl-Hirschman).

    A buyer that gives most of its money to one or two suppliers deserves a closer look. The HHI
    is the sum of the squared shares (0–1) of each supplier in the buyer's awarded value: 1 means a
    single supplier, 1/n means n equal suppliers. Suppliers are keyed by RFC, else by OCDS id. An
    award to several suppliers is split equally among them. The default threshold 0.25 is the
    "highly concentrated" band (2,500 on the 0–10,000 scale) of the 2010 US DOJ/FTC Horizontal
    Merger Guidelines; the 2023 Merger Guidelines use 1,800 (0.18).

    Args:
        data: the tables from :func:`kit.procurement.load.load`.
        by: ``"buyer"`` or another column of ``tenders`` to group processes by.
        threshold: flag groups whose HHI is strictly above this.
        currency: only awards in this currency are added up (``None``: any, at your own risk).
        min_awards: groups with fewer counted awards are not flagged (one award gives HHI 1).

    Returns:
        One row per group: the group columns, ``n_awards``, ``n_other_currency`` (awards left out
        for their currency or a missing amount), ``n_suppliers``, ``total_value``, ``hhi``,
        ``top_supplier``, ``top_supplier_name``, ``top_share`` (ties go to the smallest key),
        ``eligible`` and ``flag``.
    """
    keys = group_columns(data.tenders, by)
    awards, suppliers, tenders = data.awards, data.suppliers, data.tenders
    kept, process, _ = awarded_mask(data)
    chosen = np.flatnonzero(kept)
    (a_ocid, s_ocid), n_ocids = shared_codes(awards["ocid"], suppliers["ocid"])
    (a_id, s_id), _ = shared_codes(awards["award_id"], suppliers["award_id"])
    award_key = pair_codes(a_ocid, n_ocids, a_id)
    left, right = inner_join(award_key[chosen], pair_codes(s_ocid, n_ocids, s_id))
    rows_award = chosen[left]
    # the group of each row (its process's buyer); rows without one are left out
    group_code, groups = pd.factorize(tenders[keys[0]], sort=True)
    group = np.append(group_code, -1)[process[rows_award]]
    inside = group >= 0
    rows_award, right, group = rows_award[inside], right[inside], group[inside]
    key = award_key[rows_award]
    # an award to several suppliers is split equally (an award without ocid or id: no share)
    known = (awards["ocid"].notna() & awards["award_id"].notna()).to_numpy(dtype=bool)
    sizes = pd.Series(key).map(pd.Series(key).value_counts()).to_numpy(dtype=float)
    value = awards["value_amount"].to_numpy(dtype=float)[rows_award] / sizes
    value[~known[rows_award]] = np.nan
    counted = in_currency(awards, currency).to_numpy(dtype=bool)[rows_award]
    supplier_code, supplier_key = pd.factorize(supplier_keys(suppliers), sort=True)
    supplier = supplier_code[right]
    use = counted & (supplier >= 0)  # a supplier without RFC or id is in no share
    names = suppliers["supplier_name"]
    summary = _hhi_summary(group[use], supplier[use], value[use], right[use], names, supplier_key)
    # award counts: one row per award (its first supplier row)
    once = ~pd.Series(key).duplicated().to_numpy()
    present, row_group = np.unique(group, return_inverse=True)
    n_awards = np.bincount(row_group[once], weights=counted[once], minlength=len(present))
    n_all = np.bincount(row_group[once], minlength=len(present))
    out = pd.DataFrame(index=pd.Index(groups.take(present), name=keys[0]))
    for name in keys[1:]:
        first = _first_known(tenders[name], process[rows_award], row_group, len(present))
        out[name] = first.set_axis(out.index)
    out["n_awards"] = n_awards.astype(int)
    out["n_other_currency"] = (n_all - n_awards).astype(int)
    out = out.join(summary.set_axis(groups.take(summary.index)), how="left")
    out["n_suppliers"] = out["n_suppliers"].fillna(0).astype(int)
    out["total_value"] = out["total_value"].fillna(0.0)
    out["eligible"] = out["n_awards"] >= min_awards
    out["flag"] = out["eligible"] & (out["hhi"] > threshold).fillna(False).astype(bool)
    return out.reset_index()


def _hhi_summary(
    group: np.ndarray,
    supplier: np.ndarray,
    value: np.ndarray,
    rows: np.ndarray,
    names: pd.Series,
    supplier_key: pd.Index,
) -> pd.DataFrame:
    """Per group code: suppliers, total value, HHI and the top supplier (largest value first,
    ties to the smallest key), from one row per counted supplier of an award (``rows`` of the
    suppliers table, for the names)."""
    n_keys = max(len(supplier_key), 1)
    pair = group.astype(np.int64) * n_keys + supplier
    per_pair = pd.Series(value).groupby(pair, sort=True).sum()
    code = per_pair.index.to_numpy()
    # each pair's name: the first known name among its rows, as groupby's first
    name = _first_known(names, rows, np.searchsorted(code, pair), len(code))
    pair_group, pair_supplier, pair_value = code // n_keys, code % n_keys, per_pair.to_numpy()
    order = np.lexsort((pair_supplier, -pair_value, pair_group))
    frame = pd.DataFrame(
        {
            "group": pair_group[order],
            "value": pair_value[order],
            "top_supplier": supplier_key.take(pair_supplier[order]).array,
            "top_supplier_name": name.take(order).reset_index(drop=True),
        }
    )
    total = frame.groupby("group")["value"].transform("sum")
    frame["share"] = (frame["value"] / total).where(total > 0)
    summary = frame.groupby("group").agg(
        n_suppliers=("top_supplier", "size"),
        total_value=("value", "sum"),
        top_supplier=("top_supplier", "first"),
        top_supplier_name=("top_supplier_name", "first"),
        top_share=("share", "first"),
    )
    hhi = (frame["share"] ** 2).groupby(frame["group"]).sum(min_count=1)
    summary.insert(2, "hhi", hhi)
    return summary
