"""Red flags about who supplies: Cardinal's R048 and the concentration of a buyer's suppliers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kit.procurement.indicators._common import (
    award_rows,
    group_columns,
    in_currency,
    supplier_keys,
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
    rows = _classified_single_supplier_items(data)
    rows = rows.assign(category=rows["classification_id"].astype(str).str[:digits])
    out = (
        rows.groupby("supplier_id", sort=True)
        .agg(
            supplier_name=("supplier_name", "first"),
            contracting_processes=("ocid", "nunique"),
            variety=("category", "nunique"),
            categories=("category", lambda codes: tuple(sorted(set(codes)))),
        )
        .reset_index()
    )
    out["eligible"] = out["contracting_processes"] >= minimum_contracting_processes
    meta = upper_fence(out.loc[out["eligible"], "variety"], threshold)
    out["upper_fence"] = meta["upper_fence"]
    out["flag"] = out["eligible"] & (out["variety"] >= meta["upper_fence"])
    out.attrs["meta"] = meta
    return out


def _classified_single_supplier_items(data: Any) -> pd.DataFrame:
    """Award items with a classification, of active single-supplier awards of live processes."""
    awards = data.awards
    tenders = data.tenders
    cancelled = tenders.loc[tenders["status"].eq("cancelled").fillna(False).astype(bool), "ocid"]
    listed = data.suppliers.groupby(["ocid", "award_id"]).size().rename("listed").reset_index()
    awards = awards.merge(listed, on=["ocid", "award_id"], how="left")
    count = awards["supplier_count"].astype("Float64").fillna(awards["listed"].astype("Float64"))
    active = awards["status"].eq("active").fillna(False).astype(bool)
    chosen = awards.loc[active & count.eq(1).fillna(False) & ~awards["ocid"].isin(cancelled)]
    suppliers = data.suppliers.dropna(subset=["supplier_id"])
    chosen = chosen[["ocid", "award_id"]].merge(suppliers, on=["ocid", "award_id"])
    items = data.items
    items = items.loc[items["stage"].eq("award").fillna(False).astype(bool)]
    items = items.dropna(subset=["classification_id"]).rename(columns={"parent_id": "award_id"})
    return chosen.merge(items[["ocid", "award_id", "classification_id"]], on=["ocid", "award_id"])


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
    rows = award_rows(data, keys).merge(data.suppliers, on=["ocid", "award_id"])
    rows = rows.assign(
        supplier_key=supplier_keys(rows),
        counted=in_currency(rows, currency),
        value=rows["value_amount"] / rows.groupby(["ocid", "award_id"])["ocid"].transform("size"),
    ).dropna(subset=[keys[0]])
    counted = rows.loc[rows["counted"]]
    per_supplier = (
        counted.groupby([keys[0], "supplier_key"], as_index=False)
        .agg(value=("value", "sum"), top_supplier_name=("supplier_name", "first"))
        .sort_values([keys[0], "value", "supplier_key"], ascending=[True, False, True])
    )
    total = per_supplier.groupby(keys[0])["value"].transform("sum")
    per_supplier["share"] = (per_supplier["value"] / total).where(total > 0)
    summary = per_supplier.groupby(keys[0]).agg(
        n_suppliers=("supplier_key", "size"),
        total_value=("value", "sum"),
        hhi=("share", lambda shares: (shares**2).sum(min_count=1)),
        top_supplier=("supplier_key", "first"),
        top_supplier_name=("top_supplier_name", "first"),
        top_share=("share", "first"),
    )
    return _concentration_table(rows, keys, summary, threshold, min_awards)


def _concentration_table(
    rows: pd.DataFrame, keys: list[str], summary: pd.DataFrame, threshold: float, min_awards: int
) -> pd.DataFrame:
    """Join award counts to the per-group HHI summary and set the flag."""
    awards = rows.drop_duplicates(["ocid", "award_id"])
    counts = awards.groupby(keys[0]).agg(
        n_awards=("counted", "sum"), n_other_currency=("counted", lambda c: int((~c).sum()))
    )
    names = rows.groupby(keys[0])[keys[1:]].first() if keys[1:] else None
    out = counts.join(summary, how="left") if names is None else names.join(counts).join(summary)
    out["n_awards"] = out["n_awards"].astype(int)
    out["n_suppliers"] = out["n_suppliers"].fillna(0).astype(int)
    out["total_value"] = out["total_value"].fillna(0.0)
    out["eligible"] = out["n_awards"] >= min_awards
    out["flag"] = out["eligible"] & (out["hhi"] > threshold).fillna(False).astype(bool)
    return out.reset_index()
