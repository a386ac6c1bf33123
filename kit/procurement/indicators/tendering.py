"""Red flags about how a process was tendered: Cardinal's R003 and R018.

Both follow the Open Contracting Partnership's Cardinal (``open-contracting/cardinal-rs``,
``src/indicators/r003.rs`` and ``r018.rs``; docs ``docs/cli/indicators/R/003.md`` and ``018.md``)
so that results can be compared with Cardinal's on the same data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kit.procurement.indicators._common import Methods, evaluated_mask

if TYPE_CHECKING:
    from kit.procurement.load import ProcurementData

__all__ = ["short_submission_period", "single_bid"]

_SECONDS_PER_DAY = 86_400


def short_submission_period(
    data: ProcurementData | Any,
    threshold_days: int = 15,
    procurement_methods: Methods = None,
    procurement_method_details: Mapping[str, int] | None = None,
) -> pd.DataFrame:
    """R003 (Cardinal): the time to submit bids is too short.

    A short submission period helps a pre-selected bidder who was told in advance. Cardinal's
    definition: the period is ``tender/tenderPeriod/endDate - startDate`` in *whole* days
    (truncated toward zero), and a process is flagged when it is shorter than the threshold
    (default 15 days, the value used by Fazekas et al.'s corruption risk index).

    Args:
        data: the tables from :func:`kit.procurement.load.load`.
        threshold_days: flag periods of fewer whole days than this (Cardinal's ``threshold``).
        procurement_methods: only evaluate these ``tender/procurementMethod`` values (a list or a
            ``"open|selective"`` string). ``None`` (Cardinal's default) evaluates every method.
        procurement_method_details: a threshold per ``tender/procurementMethodDetails`` value,
            overriding ``threshold_days`` (Cardinal's ``[R003.procurement_method_details]``), for
            example the legal minimum per type of procedure.

    Returns:
        One row per ocid of ``data.tenders``: ``ocid``, ``procurement_method``,
        ``procurement_method_details``, ``period_days`` (Int64; missing when a date is missing),
        ``threshold_days`` (int), ``evaluated`` (the process has both dates, a matching method
        and was not cancelled) and ``flag``.
    """
    tenders = data.tenders
    start = pd.to_datetime(tenders["tender_start"], utc=True, errors="coerce")
    end = pd.to_datetime(tenders["tender_end"], utc=True, errors="coerce")
    seconds = (end - start).dt.total_seconds()
    days = pd.Series(np.trunc(seconds / _SECONDS_PER_DAY), index=tenders.index).astype("Int64")
    details = procurement_method_details or {}
    thresholds = tenders["procurement_method_details"].map(details).fillna(threshold_days)
    evaluated = evaluated_mask(tenders, days.notna(), procurement_methods)
    return pd.DataFrame(
        {
            "ocid": tenders["ocid"],
            "procurement_method": tenders["procurement_method"],
            "procurement_method_details": tenders["procurement_method_details"],
            "period_days": days,
            "threshold_days": thresholds.astype(int),
            "evaluated": evaluated,
            "flag": evaluated & (days < thresholds).fillna(False).astype(bool),
        }
    ).reset_index(drop=True)


def single_bid(
    data: ProcurementData | Any,
    procurement_methods: Methods = ("open", "selective"),
) -> pd.DataFrame:
    """R018 (Cardinal): a competitive procedure received a single bid.

    In a competitive procedure, a lone bidder may mean that competition was suppressed. Cardinal
    reads ``tender/numberOfTenderers`` (not ``bids``), which is the ``number_of_tenderers`` column
    here, and flags the process when it equals 1 and the procurement method is competitive.

    Args:
        data: the tables from :func:`kit.procurement.load.load`.
        procurement_methods: the methods considered competitive (Cardinal's default
            ``open|selective``; in Mexico, *licitación pública* and *invitación a cuando menos tres
            personas*). ``None`` or empty evaluates every method.

    Returns:
        One row per ocid: ``ocid``, ``procurement_method``, ``number_of_tenderers`` (Int64, may be
        missing), ``evaluated`` (matching method, known count, not cancelled) and ``flag``.
    """
    tenders = data.tenders
    count = tenders["number_of_tenderers"].astype("Int64")
    evaluated = evaluated_mask(tenders, count.notna(), procurement_methods)
    return pd.DataFrame(
        {
            "ocid": tenders["ocid"],
            "procurement_method": tenders["procurement_method"],
            "number_of_tenderers": count,
            "evaluated": evaluated,
            "flag": evaluated & count.eq(1).fillna(False).astype(bool),
        }
    ).reset_index(drop=True)
