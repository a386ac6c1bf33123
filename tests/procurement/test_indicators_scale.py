"""The indicators at scale: joins through integer codes give the answers of plain pandas.

``kit flags --extended`` must run on a million processes in a minute, so the indicators join
tables through integer codes instead of text merges. These tests hold them to a plain pandas
implementation of the same definitions (``apply`` per process and per group, the baseline of
``benchmarks/red_flags_full_size.py``) on the sample and on synthetic tables with the messy
cases of real feeds: missing award ids, repeated awards and tenders, suppliers without an id,
text columns of ``object`` dtype and indexes that are not 0..n-1.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from kit.procurement.indicators import (
    contract_splitting,
    direct_award_share,
    heterogeneous_supplier,
    supplier_concentration,
)
from kit.procurement.tables import COLUMNS
from tests.procurement.stand_in import tables

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "red_flags_full_size.py"
EVERY_CODE = {
    "R003/OCID", "R018/OCID", "R048/Tenderer", "MX_DIRECT_SHARE/Buyer", "MX_SPLITTING/OCID",
    "MX_SPLITTING/Buyer", "MX_CONCENTRATION/Buyer",
}  # fmt: skip


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("red_flags_full_size", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def messy(bench, seed: int) -> dict[str, pd.DataFrame]:
    """Synthetic tables with the cases that break naive joins."""
    made = bench.build_tables(1500, seed=seed)
    tenders, awards = made["tenders"].copy(), made["awards"].copy()
    suppliers, items = made["suppliers"].copy(), made["items"].copy()
    no_id = set(awards["ocid"].sample(120, random_state=seed))
    awards.loc[awards["ocid"].isin(no_id), "award_id"] = pd.NA
    suppliers.loc[suppliers["ocid"].isin(no_id), "award_id"] = pd.NA
    items.loc[items["ocid"].isin(no_id) & items["stage"].eq("award"), "parent_id"] = pd.NA
    awarded = tenders["ocid"].isin(awards["ocid"])
    tenders.loc[tenders[awarded].sample(30, random_state=seed).index, "status"] = "cancelled"
    again = tenders.sample(40, random_state=seed).assign(buyer_id="MX-RFC-OTRO", buyer_name="Otro")
    orphans = awards.sample(5, random_state=seed).assign(ocid="ocds-sin-licitacion")
    awards = pd.concat([awards, awards.sample(30, random_state=seed), orphans], ignore_index=True)
    tenders = pd.concat([tenders, again], ignore_index=True)
    suppliers.loc[suppliers.sample(25, random_state=seed).index, "rfc"] = "  "
    suppliers.loc[suppliers.sample(40, random_state=seed + 1).index, "supplier_name"] = pd.NA
    tenders.loc[tenders.sample(40, random_state=seed + 2).index, "buyer_name"] = pd.NA
    tenders.loc[tenders.sample(15, random_state=seed + 3).index, "buyer_id"] = pd.NA
    shared = awards["supplier_count"].gt(1).fillna(False)
    unknown = awards.sample(80, random_state=seed + 4).index.union(awards.index[shared])
    awards.loc[unknown, "supplier_count"] = pd.NA
    awards.loc[awards.sample(80, random_state=seed + 5).index, "date"] = pd.NaT
    return {**made, "tenders": tenders, "awards": awards, "suppliers": suppliers, "items": items}


def kit_details(bench, made: dict[str, pd.DataFrame]) -> dict[str, dict[str, float]]:
    """The kit's flags, and every supplier's and buyer's figures, as ``baseline_flags``."""
    data = SimpleNamespace(**made)
    out = bench.kit_summary(bench.kit_flags(made))
    r048 = heterogeneous_supplier(data).set_index("supplier_id")
    out["R048 processes/all"] = r048["contracting_processes"].astype(float).to_dict()
    out["R048 variety/all"] = r048["variety"].astype(float).to_dict()
    shares = direct_award_share(data).set_index("buyer_id")["direct_share"]
    out["MX_DIRECT_SHARE/all"] = shares.dropna().to_dict()
    hhis = supplier_concentration(data).set_index("buyer_id")["hhi"]
    out["MX_CONCENTRATION/all"] = hhis.dropna().to_dict()
    return out


def as_object(made: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return {
        name: frame.astype({c: object for c in frame.columns if frame[c].dtype == "string"})
        for name, frame in made.items()
    }


def reindexed(made: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The same rows under an index that is not 0..n-1 (as after filtering or sorting)."""
    return {
        name: frame.set_axis(np.arange(len(frame))[::-1] * 3 + 7) for name, frame in made.items()
    }


def test_the_kit_and_plain_pandas_flag_the_same_on_the_sample(bench, datos):
    made = datos.tables
    kit = kit_details(bench, made)
    assert bench.compare(kit, bench.baseline_flags(made, details=True)) == []
    assert {"R003/OCID", "R018/OCID", "MX_SPLITTING/OCID", "MX_CONCENTRATION/Buyer"} <= set(kit)


@pytest.mark.parametrize("variant", [dict, as_object, reindexed])
def test_the_kit_and_plain_pandas_flag_the_same_on_messy_tables(bench, variant):
    made = variant(messy(bench, seed=3))
    kit = kit_details(bench, made)
    assert bench.compare(kit, bench.baseline_flags(made, details=True)) == []
    assert set(kit) >= EVERY_CODE  # every indicator flagged something: the comparison has teeth


def test_order_dtype_and_index_do_not_change_any_result(bench):
    made = messy(bench, seed=5)
    data = SimpleNamespace(**made)
    for other in (as_object(made), reindexed(made)):
        other = SimpleNamespace(**other)
        for indicator in (heterogeneous_supplier, direct_award_share, supplier_concentration):
            expected, got = indicator(data), indicator(other)
            pd.testing.assert_frame_equal(got, expected, check_dtype=False, rtol=1e-12)
        expected, got = contract_splitting(data), contract_splitting(other)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False, rtol=1e-12)


def test_the_synthetic_tables_have_the_loaders_columns_and_dtypes(bench, datos):
    made = bench.build_tables(2000, seed=3)
    for name, columns in COLUMNS.items():
        assert tuple(made[name].columns) == columns
        expected = datos.tables[name].dtypes.astype(str).to_dict()
        assert made[name].dtypes.astype(str).to_dict() == expected
    assert made["tenders"]["ocid"].is_unique and len(made["tenders"]) == 2000
    assert set(made["tenders"]["procurement_method"].dropna()) == {
        "open", "selective", "direct", "limited"
    }  # fmt: skip


def splitting_tables(rfc_of_third: str | None, id_of_third: str | None):
    """Two direct awards to one supplier (a split) and, between them, one to a supplier with
    neither RFC nor id: it belongs to no supplier, so it neither joins nor breaks the group."""
    rows = {"tenders": [], "awards": [], "suppliers": []}
    days = {"p1": "2024-03-01", "p2": "2024-03-05", "p3": "2024-03-10"}
    for ocid, day in days.items():
        rows["tenders"].append(
            {"ocid": ocid, "buyer_id": "B", "buyer_name": "Comprador", "status": "complete",
             "procurement_method": "direct"}
        )  # fmt: skip
        rows["awards"].append(
            {"ocid": ocid, "award_id": f"{ocid}-a", "status": "active", "date": day,
             "value_amount": 200_000.0, "value_currency": "MXN", "supplier_count": 1}
        )  # fmt: skip
        known = ocid != "p2"
        rows["suppliers"].append(
            {"ocid": ocid, "award_id": f"{ocid}-a", "supplier_name": "Empresa",
             "supplier_id": "S1" if known else id_of_third,
             "rfc": "AAA010101AAA" if known else rfc_of_third}
        )  # fmt: skip
    return tables(**rows)


def test_an_award_without_supplier_key_is_left_out_of_splitting():
    groups = contract_splitting(splitting_tables(None, None))
    assert groups["ocids"].tolist() == [("p1", "p3")]
    assert groups["total_value"].tolist() == [400_000.0]
    keyed = contract_splitting(splitting_tables(None, "S2"))  # another supplier: same result
    assert keyed["ocids"].tolist() == [("p1", "p3")]
