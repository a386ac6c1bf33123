"""Public procurement in the Open Contracting Data Standard (OCDS): load, tidy, flag.

    from kit.procurement import load, single_bid
    datos = load("sample")          # or a path to any OCDS file, or "real"
    datos.tenders.head()            # one row per contracting process
    single_bid(datos).query("flag")

A red flag is a risk signal to look into, never proof of wrongdoing.
"""

from kit.procurement.indicators import (
    contract_splitting,
    direct_award_share,
    heterogeneous_supplier,
    short_submission_period,
    single_bid,
    supplier_concentration,
)
from kit.procurement.load import ProcurementData, load

__all__ = [
    "ProcurementData",
    "contract_splitting",
    "direct_award_share",
    "heterogeneous_supplier",
    "load",
    "short_submission_period",
    "single_bid",
    "supplier_concentration",
]
