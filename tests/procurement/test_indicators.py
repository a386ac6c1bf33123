"""Do the red-flag indicators give the hand-computed answer on small tables, edge cases included?

The tables are built here with exactly the columns of ``kit.procurement.load`` so that the
indicators are tested on their own; the tests at the end run them on loaded data too.
"""

from __future__ import annotations

import copy
import json
from dataclasses import fields
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kit.procurement.indicators import (
    contract_splitting,
    describe,
    direct_award_share,
    heterogeneous_supplier,
    short_submission_period,
    single_bid,
    supplier_concentration,
    upper_fence,
)
from kit.procurement.indicators.direct import window_groups
from tests.procurement.stand_in import Tables, tables


def tender(ocid: str, method: str | None = "open", **fields: object) -> dict:
    return {"ocid": ocid, "procurement_method": method, "status": "active", **fields}


def award(ocid: str, value: float | None, currency: str | None = "MXN", **fields: object) -> dict:
    return {
        "ocid": ocid,
        "award_id": fields.pop("award_id", f"{ocid}-a"),
        "status": "active",
        "value_amount": value,
        "value_currency": currency,
        "supplier_count": 1,
        **fields,
    }


def supplier(ocid: str, supplier_id: str, rfc: str | None = None, award_id: str = "") -> dict:
    return {
        "ocid": ocid,
        "award_id": award_id or f"{ocid}-a",
        "supplier_id": supplier_id,
        "supplier_name": f"Empresa {supplier_id}",
        "rfc": rfc,
    }


def by_ocid(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("ocid")


# R003 ------------------------------------------------------------------------------------


def r003_data() -> Tables:
    start = "2024-01-01T18:00:00Z"
    return tables(
        tenders=[
            tender("almost-15", tender_start=start, tender_end="2024-01-16T17:59:59Z"),
            tender("exactly-15", tender_start=start, tender_end="2024-01-16T18:00:00Z"),
            tender("no-start", tender_end="2024-01-03T00:00:00Z"),
            tender("direct", "direct", tender_start=start, tender_end="2024-01-03T18:00:00Z"),
            tender("no-method", None, tender_start=start, tender_end="2024-01-02T18:00:00Z"),
            tender("cancelled", status="cancelled", tender_start=start, tender_end=start),
            tender("backwards", tender_start=start, tender_end="2024-01-01T06:00:00Z"),
            tender(
                "licitacion",
                procurement_method_details="Licitación",
                tender_start=start,
                tender_end="2024-01-17T18:00:00Z",
            ),
        ]
    )


def test_r003_counts_whole_days_and_flags_below_threshold():
    result = by_ocid(short_submission_period(r003_data()))
    assert result.loc["almost-15", "period_days"] == 14
    assert result.loc["exactly-15", "period_days"] == 15
    assert result.loc["licitacion", "period_days"] == 16
    flagged = set(result.index[result["flag"]])
    assert flagged == {"almost-15", "direct", "no-method", "backwards"}


def test_r003_missing_dates_and_cancelled_processes_are_not_evaluated():
    result = by_ocid(short_submission_period(r003_data()))
    assert pd.isna(result.loc["no-start", "period_days"])
    assert not result.loc["no-start", "evaluated"]
    assert not result.loc["cancelled", "evaluated"]
    assert not result.loc["cancelled", "flag"]


def test_r003_truncates_negative_periods_toward_zero_like_chrono():
    # -12 hours is 0 whole days (Rust's num_days), not -1 (Python's floor).
    result = by_ocid(short_submission_period(r003_data(), threshold_days=0))
    assert result.loc["backwards", "period_days"] == 0
    assert not result["flag"].any()


def test_r003_filters_procurement_methods_and_accepts_cardinal_pipes():
    for methods in (("open", "selective"), "open|selective"):
        result = by_ocid(short_submission_period(r003_data(), procurement_methods=methods))
        assert set(result.index[result["flag"]]) == {"almost-15", "backwards"}


def test_r003_threshold_per_procurement_method_details():
    result = by_ocid(
        short_submission_period(r003_data(), procurement_method_details={"Licitación": 20})
    )
    assert result.loc["licitacion", "threshold_days"] == 20
    assert result.loc["licitacion", "flag"]
    assert result.loc["almost-15", "threshold_days"] == 15


# R018 ------------------------------------------------------------------------------------


def r018_data() -> Tables:
    return tables(
        tenders=[
            tender("open", "open", number_of_tenderers=1),
            tender("selective", "selective", number_of_tenderers=1),
            tender("limited", "limited", number_of_tenderers=1),
            tender("direct", "direct", number_of_tenderers=1),
            tender("missing-method", None, number_of_tenderers=1),
            tender("two", "open", number_of_tenderers=2),
            tender("zero", "open", number_of_tenderers=0),
            tender("unknown-count", "open"),
            tender("cancelled", "open", number_of_tenderers=1, status="cancelled"),
        ]
    )


def test_r018_flags_competitive_procedures_with_one_tenderer():
    result = by_ocid(single_bid(r018_data()))
    assert set(result.index[result["flag"]]) == {"open", "selective"}
    assert pd.isna(result.loc["unknown-count", "number_of_tenderers"])
    assert not result.loc["unknown-count", "evaluated"]
    assert not result.loc["cancelled", "evaluated"]


def test_r018_empty_methods_mean_every_method():
    result = by_ocid(single_bid(r018_data(), procurement_methods=None))
    assert set(result.index[result["flag"]]) == {
        "open",
        "selective",
        "limited",
        "direct",
        "missing-method",
    }


# R048 ------------------------------------------------------------------------------------


def item(ocid: str, code: str | None, stage: str = "award") -> dict:
    parent = f"{ocid}-a" if stage == "award" else ocid
    return {"ocid": ocid, "stage": stage, "parent_id": parent, "classification_id": code}


def r048_data() -> Tables:
    """S1 sells in segments 10, 11, 43; S2..S5 in one segment each; all in 3 processes."""
    tenders, awards, suppliers, items = [], [], [], []
    s1_codes = ["10111111", "11222222", "10333333"]
    for name in ("S1", "S2", "S3", "S4", "S5"):
        for k in range(3):
            ocid = f"{name}-{k}"
            tenders.append(tender(ocid))
            awards.append(award(ocid, 100.0))
            suppliers.append(supplier(ocid, name))
            items.append(item(ocid, s1_codes[k] if name == "S1" else "20000000"))
    items.append(item("S1-0", "43000000"))
    # Cases Cardinal leaves out: each would add a segment to S2, S3 or S4.
    tenders += [tender("joint"), tender("pending"), tender("cancelled", status="cancelled")]
    awards += [award("joint", 1.0, supplier_count=2), award("pending", 1.0, status="pending")]
    awards.append(award("cancelled", 1.0))
    suppliers += [supplier("joint", "S2"), supplier("joint", "S3"), supplier("pending", "S2")]
    suppliers.append(supplier("cancelled", "S3"))
    items += [item("joint", "99"), item("pending", "98"), item("cancelled", "97")]
    items += [item("S4-0", "96", stage="tender"), item("S4-1", None)]
    # S6: a high variety in only two processes.
    for k, codes in enumerate([("51", "52"), ("53", "54", "55")]):
        tenders.append(tender(f"S6-{k}"))
        awards.append(award(f"S6-{k}", 1.0))
        suppliers.append(supplier(f"S6-{k}", "S6"))
        items += [item(f"S6-{k}", code) for code in codes]
    return tables(tenders=tenders, awards=awards, suppliers=suppliers, items=items)


def test_r048_variety_and_fence_match_a_hand_computation():
    result = heterogeneous_supplier(r048_data(), minimum_contracting_processes=3)
    result = result.set_index("supplier_id")
    assert result.loc["S1", "variety"] == 3
    assert result.loc["S1", "categories"] == ("10", "11", "43")
    assert result.loc["S1", "contracting_processes"] == 3
    assert list(result.loc[["S2", "S3", "S4", "S5"], "variety"]) == [1, 1, 1, 1]
    # Varieties [1, 1, 1, 1, 3]: type-8 quartiles q1 = 1, q3 = 1 + (1/3)(3 - 1) = 5/3.
    assert result.attrs["meta"] == pytest.approx({"q1": 1.0, "q3": 5 / 3, "upper_fence": 8 / 3})
    assert result.index[result["flag"]].tolist() == ["S1"]


def test_r048_suppliers_below_the_minimum_are_neither_compared_nor_flagged():
    result = heterogeneous_supplier(r048_data(), minimum_contracting_processes=3)
    s6 = result.set_index("supplier_id").loc["S6"]
    assert (s6["variety"], s6["contracting_processes"], s6["eligible"]) == (5, 2, False)
    assert not s6["flag"]
    default = heterogeneous_supplier(r048_data())  # default minimum 20: nobody is compared
    assert not default["flag"].any()
    assert np.isnan(default.attrs["meta"]["upper_fence"])


def test_r048_fixed_threshold_and_digits():
    fixed = heterogeneous_supplier(r048_data(), threshold=1, minimum_contracting_processes=3)
    assert fixed.attrs["meta"] == {"upper_fence": 1.0}
    assert set(fixed.loc[fixed["flag"], "supplier_id"]) == {"S1", "S2", "S3", "S4", "S5"}
    one = heterogeneous_supplier(r048_data(), digits=1, minimum_contracting_processes=3)
    assert one.set_index("supplier_id").loc["S1", "categories"] == ("1", "4")
    with pytest.raises(ValueError, match="digits"):
        heterogeneous_supplier(r048_data(), digits=0)


def test_upper_fence_uses_statrs_quantiles():
    # statrs' own test data; sorted: -3, -1, -0.5, 0, 0.2, 1, 4, 5, 6, 10.
    data = [-1.0, 5.0, 0.0, -3.0, 10.0, -0.5, 4.0, 0.2, 1.0, 6.0]
    q1 = -1 + (11 / 12) * 0.5  # h = 2.9167: between the 2nd and 3rd values
    q3 = 5 + (1 / 12) * 1  # h = 8.0833: between the 8th and 9th values
    expected = {"q1": q1, "q3": q3, "upper_fence": q3 + 1.5 * (q3 - q1)}
    assert upper_fence(data) == pytest.approx(expected)


# Direct award share ------------------------------------------------------------------------


def direct_data() -> Tables:
    b1 = [tender(f"b1-d{k}", "direct", buyer_id="B1", buyer_name="Uno") for k in range(4)]
    b1 += [tender("b1-open", "open", buyer_id="B1", buyer_name="Uno")]
    b2 = [tender(f"b2-d{k}", "direct", buyer_id="B2", buyer_name="Dos") for k in range(3)]
    b2 += [tender("b2-unknown", None, buyer_id="B2", buyer_name="Dos")]
    b2 += [tender("b2-cancelled", "direct", buyer_id="B2", status="cancelled")]
    awards = [award(f"b1-d{k}", 100.0) for k in range(4)] + [award("b1-open", 600.0)]
    awards += [award("b2-d0", 50.0), award("b2-d1", 1000.0, "USD"), award("b2-d2", None)]
    awards += [award("b2-cancelled", 9999.0)]
    return tables(tenders=b1 + b2, awards=awards)


def test_direct_award_share_counts_processes_and_value():
    result = direct_award_share(direct_data()).set_index("buyer_id")
    b1, b2 = result.loc["B1"], result.loc["B2"]
    assert (b1["n_processes"], b1["n_direct"], b1["direct_share"]) == (5, 4, 0.8)
    assert (b1["value_total"], b1["value_direct"], b1["direct_value_share"]) == (1000, 400, 0.4)
    assert not b1["flag"]  # 0.8 is not above 0.8
    assert (b2["n_processes"], b2["n_unknown_method"], b2["n_direct"]) == (3, 1, 3)
    assert (b2["direct_share"], b2["value_total"]) == (1.0, 50.0)  # USD and NA left out
    assert b2["flag"]
    assert b2["buyer_name"] == "Dos"


def test_direct_award_share_thresholds():
    lower = direct_award_share(direct_data(), threshold=0.75)
    assert lower["flag"].tolist() == [True, True]
    strict = direct_award_share(direct_data(), min_processes=4).set_index("buyer_id")
    assert not strict.loc["B2", "eligible"]
    assert not strict["flag"].any()


def test_grouping_by_an_unknown_column_explains_the_choices():
    with pytest.raises(ValueError, match="buyer"):
        direct_award_share(direct_data(), by="nope")


# Contract splitting ------------------------------------------------------------------------


def splitting_data() -> Tables:
    tenders, awards, suppliers, contracts = [], [], [], []

    def add(ocid, buyer, supplier_id, value, date, method="direct", currency="MXN", rfc=None):
        tenders.append(tender(ocid, method, buyer_id=buyer, buyer_name=f"Comprador {buyer}"))
        awards.append(award(ocid, value, currency, date=date))
        suppliers.append(supplier(ocid, supplier_id, rfc))

    add("s1-a", "B1", "S1", 100_000, "2024-01-01", rfc="AAA010101AAA")
    add("s1-b", "B1", "S1", 120_000, "2024-01-10", rfc="AAA010101AAA")
    add("s1-c", "B1", "S1-other", 90_000, "2024-01-20", rfc=" aaa010101aaa ")  # same RFC
    add("s2-a", "B1", "S2", 150_000, "2024-02-01")
    add("s2-b", "B1", "S2", 150_000, "2024-02-05")  # sum exactly 300,000: not above
    add("s4-a", "B1", "S4", 200_000, "2024-01-01T10:00:00Z")
    add("s4-b", "B1", "S4", 200_000, "2024-01-31T10:00:00Z")  # exactly 30 days apart
    add("s5-a", "B2", "S5", 250_000, "2024-03-01")
    add("s5-b", "B2", "S5", 350_000, "2024-03-02")  # not below the threshold: not a piece
    add("s5-c", "B2", "S5", 60_000, None)  # no award date: the contract's signature date
    contracts.append({"ocid": "s5-c", "award_id": "s5-c-a", "date_signed": "2024-03-03"})
    add("s6-a", "B2", "S6", 200_000, "2024-03-01", method="open")
    add("s6-b", "B2", "S6", 200_000, "2024-03-02", method="open")
    add("s7-a", "B2", "S7", 200_000, "2024-03-01", currency="USD")
    add("s7-b", "B2", "S7", 200_000, "2024-03-02", currency="USD")
    for day, ocid in ((1, "s8-a"), (26, "s8-b"), (51, "s8-c")):  # a chain of overlapping windows
        add(ocid, "B3", "S8", 200_000, pd.Timestamp("2024-01-01") + pd.Timedelta(days=day - 1))
    for k in range(4):  # one purchase a month: never two in the same window
        add(f"s9-{k}", "B3", "S9", 160_000, pd.Timestamp("2024-01-01") + pd.Timedelta(days=31 * k))
    return tables(tenders=tenders, awards=awards, suppliers=suppliers, contracts=contracts)


def test_contract_splitting_finds_the_hand_made_groups():
    result = contract_splitting(splitting_data())
    found = {row.supplier_key: row for row in result.itertuples()}
    assert set(found) == {"AAA010101AAA", "S4", "S5", "S8"}
    s1 = found["AAA010101AAA"]
    assert (s1.buyer_id, s1.n_awards, s1.total_value) == ("B1", 3, 310_000)
    assert s1.ocids == ("s1-a", "s1-b", "s1-c")
    assert s1.first_date == pd.Timestamp("2024-01-01", tz="UTC")
    assert s1.last_date == pd.Timestamp("2024-01-20", tz="UTC")
    assert (found["S4"].n_awards, found["S4"].total_value) == (2, 400_000)
    assert found["S5"].ocids == ("s5-a", "s5-c")
    assert found["S5"].max_value == 250_000
    assert found["S8"].ocids == ("s8-a", "s8-b", "s8-c")
    assert (found["S8"].last_date - found["S8"].first_date).days == 50


def test_contract_splitting_options():
    data = splitting_data()
    # Ten days: Jan 1 + Jan 10 = 220,000 and Jan 10 + Jan 20 = 210,000 stay below 300,000.
    assert contract_splitting(data, window_days=10)["supplier_key"].tolist() == ["S5"]
    # min_awards counts the awards of one window: S8's chain never has three in 30 days.
    assert contract_splitting(data, min_awards=3)["supplier_key"].tolist() == ["AAA010101AAA"]
    usd = contract_splitting(data, currency="USD")
    assert usd["supplier_key"].tolist() == ["S7"]
    both = contract_splitting(data, procurement_methods=("direct", "open"))
    assert "S6" in set(both["supplier_key"])


def test_window_groups_on_a_million_rows():
    n = 1_000_000
    rng = np.random.default_rng(0)
    part = np.sort(rng.integers(0, 50_000, n))
    seconds = np.sort(rng.integers(0, 365 * 86_400, n))
    order = np.lexsort((seconds, part))
    amounts = rng.integers(1, 30_000_000, n)
    labels = window_groups(part[order], seconds[order], amounts, 30 * 86_400, 30_000_000, 2)
    assert labels.shape == (n,) and labels.max() >= 0


# Supplier concentration --------------------------------------------------------------------


def concentration_data() -> Tables:
    tenders, awards, suppliers = [], [], []

    def add(ocid, buyer, pairs, value, currency="MXN"):
        tenders.append(tender(ocid, "direct", buyer_id=buyer, buyer_name=f"Comprador {buyer}"))
        awards.append(award(ocid, value, currency, supplier_count=len(pairs)))
        suppliers.extend(supplier(ocid, sid, rfc) for sid, rfc in pairs)

    add("b1-1", "B1", [("S1", None)], 600)
    add("b1-2", "B1", [("S2", None)], 300)
    add("b1-3", "B1", [("S3", None)], 100)
    add("b2-1", "B2", [("S-B", "BBB010101BBB")], 500)
    add("b2-2", "B2", [("S-A", "AAA010101AAA")], 500)
    for k in range(4):
        add(f"b3-{k}", "B3", [(f"T{k}", None)], 100)
    add("b3-usd", "B3", [("T9", None)], 1_000_000, "USD")
    add("b4-joint", "B4", [("S1", None), ("S2", None)], 200)
    add("b5-none", "B5", [("S1", None)], None)
    return tables(tenders=tenders, awards=awards, suppliers=suppliers)


def test_supplier_concentration_hhi_by_hand():
    result = supplier_concentration(concentration_data()).set_index("buyer_id")
    assert result.loc["B1", "hhi"] == pytest.approx(0.36 + 0.09 + 0.01)
    assert (result.loc["B1", "top_supplier"], result.loc["B1", "top_share"]) == ("S1", 0.6)
    assert result.loc["B1", "top_supplier_name"] == "Empresa S1"
    assert result.loc["B1", "flag"]
    # A tie: the smallest key wins, and the HHI is the same either way.
    assert (result.loc["B2", "hhi"], result.loc["B2", "top_supplier"]) == (0.5, "AAA010101AAA")
    # Four equal suppliers: HHI exactly 0.25 is not above the threshold; USD is left out.
    b3 = result.loc["B3"]
    assert (b3["hhi"], b3["n_awards"], b3["n_other_currency"], b3["flag"]) == (0.25, 4, 1, False)
    # A joint award is split equally between its suppliers.
    assert (result.loc["B4", "hhi"], result.loc["B4", "n_suppliers"]) == (0.5, 2)
    b5 = result.loc["B5"]
    assert (b5["n_awards"], b5["n_other_currency"], b5["flag"]) == (0, 1, False)
    assert pd.isna(b5["hhi"])


def test_supplier_concentration_minimum_awards():
    result = supplier_concentration(concentration_data(), min_awards=2).set_index("buyer_id")
    assert not result.loc["B4", "eligible"]
    assert result.loc[result["flag"]].index.tolist() == ["B1", "B2"]


# Every indicator -------------------------------------------------------------------------


ALL = (
    short_submission_period,
    single_bid,
    heterogeneous_supplier,
    direct_award_share,
    contract_splitting,
    supplier_concentration,
)


@pytest.mark.parametrize("make", [r003_data, r048_data, direct_data, splitting_data])
def test_indicators_never_change_their_input(make):
    data = make()
    before = copy.deepcopy(data)
    for indicator in ALL:
        indicator(data)
    for field in fields(Tables):
        value = getattr(data, field.name)
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(value, getattr(before, field.name))


@pytest.mark.parametrize("indicator", ALL)
def test_indicators_accept_empty_tables(indicator):
    result = indicator(tables())
    assert isinstance(result, pd.DataFrame) and result.empty


def test_every_indicator_has_a_line_in_both_languages():
    for code in ("R003", "R018", "R048", "MX_DIRECT_SHARE", "MX_SPLITTING", "MX_CONCENTRATION"):
        assert describe(code, "es") != describe(code, "en")
    assert "300,000" in describe("MX_SPLITTING", "en")


# The bundled sample: its planted cases must be found ------------------------------------------


TRUTH = Path(__file__).parents[2] / "kit" / "data" / "procurement" / "truth.json"


@pytest.fixture(scope="module")
def sample():
    load = pytest.importorskip("kit.procurement.load").load
    if not TRUTH.exists():
        pytest.skip("kit/data/procurement/truth.json is not generated yet")
    return load("sample"), json.loads(TRUTH.read_text(encoding="utf-8"))


def test_sample_r003_finds_the_planted_short_periods(sample):
    data, truth = sample
    planted = set(truth["R003_short_submission_period"]["ocids"])
    backwards = set(truth["data_quality"]["tender_end_before_start"]["ocids"])
    for days in (6, 10):  # the truth says any cut-off from 6 to 10 days separates them
        result = short_submission_period(data, days, procurement_methods="open|selective")
        flagged = set(result.loc[result["flag"], "ocid"])
        # Negative periods (end before start) are shorter than any threshold, as in Cardinal.
        assert flagged == planted | backwards


def test_sample_r018_finds_exactly_the_planted_single_bids(sample):
    data, truth = sample
    result = single_bid(data)
    assert set(result.loc[result["flag"], "ocid"]) == set(truth["R018_single_bid"]["ocids"])


def test_sample_r048_finds_the_planted_heterogeneous_suppliers(sample):
    data, truth = sample
    planted = truth["R048_heterogeneous_supplier"]["suppliers"]
    result = heterogeneous_supplier(data, digits=3, minimum_contracting_processes=1)
    flagged = result.loc[result["flag"]].set_index("supplier_id")
    assert set(flagged.index) == {f"MX-RFC-{supplier['rfc']}" for supplier in planted}
    for supplier in planted:
        row = flagged.loc[f"MX-RFC-{supplier['rfc']}"]
        assert row["variety"] == supplier["n_families"]
        assert list(row["categories"]) == supplier["families"]


def test_sample_direct_award_share_finds_the_planted_buyers(sample):
    data, truth = sample
    result = direct_award_share(data).set_index("buyer_id")
    high = {buyer["id"]: buyer for buyer in truth["direct_award_share"]["high_buyers"]}
    assert set(result.index[result["flag"]]) == set(high)
    for buyer_id, buyer in high.items():
        row = result.loc[buyer_id]
        assert (row["n_processes"], row["n_direct"]) == (buyer["processes"], buyer["direct"])


def test_sample_contract_splitting_finds_every_planted_case(sample):
    data, truth = sample
    result = contract_splitting(data, min_awards=3)
    for case in truth["contract_splitting"]["cases"]:
        key = (case["buyer"]["id"], case["supplier"]["rfc"])
        found = result.loc[(result["buyer_id"] == key[0]) & (result["supplier_key"] == key[1])]
        assert len(found) == 1, key
        # A group can grow past the planted awards when more small awards are near them.
        assert set(case["ocids"]) <= set(found.iloc[0]["ocids"])
        assert found.iloc[0]["total_value"] >= case["total"] - 0.01


def test_sample_supplier_concentration_matches_the_planted_hhi(sample):
    data, truth = sample
    planted = truth["supplier_concentration"]
    result = supplier_concentration(data).set_index("buyer_id")
    assert result["hhi"].to_dict() == pytest.approx(planted["hhi_by_buyer"], abs=1e-4)
    assert set(result.index[result["flag"]]) == {buyer["id"] for buyer in planted["buyers"]}
    for buyer in planted["buyers"]:
        assert result.loc[buyer["id"], "top_supplier"] == buyer["supplier"]["rfc"]


def test_sample_runs_every_indicator(sample):
    data, _ = sample
    for indicator in ALL:
        assert isinstance(indicator(data), pd.DataFrame)
