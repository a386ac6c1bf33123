"""Red-flag indicators on the tidy OCDS tables of :func:`kit.procurement.load.load`.

Each indicator is a pure function: it takes the loaded data (and thresholds as keyword
arguments), never changes it, and returns a tidy DataFrame with a boolean ``flag`` column.
Three follow the Open Contracting Partnership's Cardinal exactly (R003, R018, R048); three read
Mexican procurement law (direct award share, contract splitting, supplier concentration).
``docs/indicators.md`` gives definitions, sources and thresholds.
For example::

    from kit.procurement.load import load
    from kit.procurement.indicators import single_bid

    flagged = single_bid(load("sample")).query("flag")
"""

from __future__ import annotations

from kit.procurement.indicators.catalog import CARDINAL_CODES, EXTENDED_CODES, describe
from kit.procurement.indicators.direct import contract_splitting, direct_award_share
from kit.procurement.indicators.suppliers import (
    heterogeneous_supplier,
    supplier_concentration,
    upper_fence,
)
from kit.procurement.indicators.tendering import short_submission_period, single_bid

__all__ = [
    "CARDINAL_CODES",
    "EXTENDED_CODES",
    "contract_splitting",
    "describe",
    "direct_award_share",
    "heterogeneous_supplier",
    "short_submission_period",
    "single_bid",
    "supplier_concentration",
    "upper_fence",
]
