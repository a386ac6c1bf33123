"""The red-flag explorer of session 03: its rows agree with the indicators and with the planted
truth of the sample, the widget is drawn headless, follows its three controls and speaks both
languages."""

from __future__ import annotations

import json

import pytest

from kit.data import DATA_DIR
from kit.i18n import set_language
from kit.procurement import contract_splitting, load, short_submission_period
from kit.widgets._render import WIDGET_VIEW
from kit.widgets.red_flags import (
    SETTINGS,
    BuyerFlagsExplorer,
    buyer_flags_explorer,
    buyer_summary,
    flagged_processes,
)

CULTURA = "Secretaría de Cultura de Nueva Galicia"


@pytest.fixture(scope="module")
def datos():
    return load("sample")


@pytest.fixture(scope="module")
def truth():
    return json.loads((DATA_DIR / "procurement" / "truth.json").read_text(encoding="utf-8"))


# --- the rows -------------------------------------------------------------------------------


def test_r003_rows_are_the_evaluated_competitive_processes_of_the_indicator(datos):
    rows = flagged_processes(datos, "R003", 15)
    flags = short_submission_period(datos, 15, procurement_methods=("open", "selective"))
    assert len(rows) == flags["evaluated"].sum() == 1370
    assert rows["flag"].sum() == flags["flag"].sum() == 348
    assert set(rows.loc[rows["flag"], "ocid"]) == set(flags.loc[flags["flag"], "ocid"])
    assert rows["buyer_name"].notna().all() and rows["supplier_name"].notna().all()


def test_a_ten_day_threshold_flags_the_planted_short_periods_and_the_entry_errors(datos, truth):
    rows = flagged_processes(datos, "R003", 10)
    planted = set(truth["R003_short_submission_period"]["ocids"])
    errors = set(truth["data_quality"]["tender_end_before_start"]["ocids"])
    assert set(rows.loc[rows["flag"], "ocid"]) == planted | errors
    assert rows.loc[rows["ocid"].isin(errors), "measure"].lt(0).all()


def test_splitting_rows_are_direct_awards_and_flag_the_planted_groups(datos, truth):
    rows = flagged_processes(datos, "MX_SPLITTING", 300, min_awards=3)
    assert len(rows) == truth["counts"]["by_method"]["direct"] == 1630
    cases = truth["contract_splitting"]["cases"]
    planted = {ocid for case in cases for ocid in case["ocids"]}
    flagged = rows[rows["flag"]]
    assert planted <= set(flagged["ocid"])
    # A window may take in one more small award of the same buyer and supplier, never another pair
    pairs = {(case["buyer"]["name"], case["supplier"]["name"]) for case in cases}
    assert set(zip(flagged["buyer_name"], flagged["supplier_name"], strict=True)) == pairs
    cultura = rows[rows["flag"] & rows["buyer_name"].eq(CULTURA)]
    assert cultura["measure"].unique().tolist() == [pytest.approx(1138814.35)]
    assert rows.loc[~rows["flag"], "measure"].isna().all()


def test_the_splitting_threshold_is_in_thousand_pesos(datos):
    groups = contract_splitting(datos, threshold_amount=200_000)
    in_groups = {ocid for ocids in groups["ocids"] for ocid in ocids}
    rows = flagged_processes(datos, "MX_SPLITTING", 200)
    assert set(rows.loc[rows["flag"], "ocid"]) == in_groups


def test_buyer_summary_adds_up_and_puts_the_most_flagged_buyer_first(datos, truth):
    summary = buyer_summary(flagged_processes(datos, "R003", 15))
    assert summary["evaluated"].sum() == 1370 and summary["flagged"].sum() == 348
    assert summary["flagged"].is_monotonic_decreasing
    assert summary["share"].between(0, 1).all()
    top = summary.iloc[0]
    assert top["buyer_name"] == truth["R003_short_submission_period"]["focus_buyers"][0]["name"]
    assert (top["flagged"], top["evaluated"]) == (40, 66)


def test_an_unknown_indicator_is_refused_by_name(datos):
    with pytest.raises(ValueError, match="R018"):
        flagged_processes(datos, "R018")


# --- the explorer ---------------------------------------------------------------------------


def test_the_explorer_is_drawn_when_built_and_starts_on_the_most_flagged_buyer(datos):
    explorer = buyer_flags_explorer(datos)
    assert isinstance(explorer, BuyerFlagsExplorer)
    assert explorer.indicator.value == "R003" and explorer.threshold.value == 15
    assert explorer.buyer.value == explorer.summary["buyer_name"].iloc[0]
    assert len(explorer.table) == 40 and explorer.table["flag"].all()
    assert bytes(explorer.image.value).startswith(b"\x89PNG")
    assert "40 de 66" in explorer.html.value
    assert "señal de riesgo" in explorer.html.value


def test_moving_the_threshold_recomputes_the_plot_and_the_table(datos):
    explorer = buyer_flags_explorer(datos, threshold=15)
    before_png, before_rows = explorer.image.value, len(explorer.table)
    explorer.threshold.value = 5
    expected = short_submission_period(datos, 5, procurement_methods=("open", "selective"))
    assert explorer.rows["flag"].sum() == expected["flag"].sum() == 72
    assert len(explorer.table) < before_rows
    assert explorer.table["measure"].lt(5).all()
    assert explorer.image.value != before_png


def test_choosing_a_buyer_lists_only_its_flagged_processes(datos):
    explorer = buyer_flags_explorer(datos)
    explorer.buyer.value = CULTURA
    assert set(explorer.table["buyer_name"]) == {CULTURA}
    assert explorer.table["date"].is_monotonic_increasing
    assert CULTURA in explorer.html.value


def test_choosing_another_indicator_moves_the_slider_to_its_range_and_default(datos, truth):
    explorer = buyer_flags_explorer(datos, buyer=CULTURA)
    explorer.indicator.value = "MX_SPLITTING"
    setting = SETTINGS["MX_SPLITTING"]
    slider = explorer.threshold
    assert (slider.min, slider.max, slider.step, slider.value) == (100, 600, 25, 300) == (
        setting.low, setting.high, setting.step, setting.default,
    )  # fmt: skip
    assert slider.description == "Umbral (miles $)"
    case = next(c for c in truth["contract_splitting"]["cases"] if c["buyer"]["name"] == CULTURA)
    assert list(explorer.table["ocid"]) == case["ocids"]
    assert "1,138,814" in explorer.html.value  # the group's total, rounded
    explorer.indicator.value = "R003"
    assert (slider.min, slider.max, slider.value) == (1, 40, 15)
    assert len(explorer.rows) == 1370


def test_a_buyer_without_flags_says_so(datos):
    explorer = buyer_flags_explorer(datos, indicator="MX_SPLITTING", buyer=CULTURA, threshold=100)
    assert explorer.table.empty
    assert "no tiene procesos marcados" in explorer.html.value


def test_the_display_has_the_live_widget_and_a_static_snapshot(datos):
    bundle = buyer_flags_explorer(datos)._repr_mimebundle_()
    assert WIDGET_VIEW in bundle
    assert bundle["text/html"].startswith('<div class="kit-explorer"><img src="data:image/png')
    assert "ocds-kit000-" in bundle["text/html"]
    assert "PNG" not in bundle["text/plain"]


def test_labels_follow_the_notebook_language(datos):
    set_language("en")
    explorer = buyer_flags_explorer(datos)
    assert explorer.indicator.description == "Indicator"
    assert explorer.threshold.description == "Threshold (days)"
    assert "40 of 66 evaluated processes flagged" in explorer.html.value
    assert "risk signal" in explorer.html.value
