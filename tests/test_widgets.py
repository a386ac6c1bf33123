"""The threshold explorer: right numbers from plain functions, and controls that update them."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd
import pytest

from kit import data as bundled
from kit.i18n import set_language
from kit.procurement import load
from kit.widgets import ThresholdExplorer, evaluated_periods, flagged_by_buyer, threshold_explorer


@pytest.fixture(scope="module")
def datos():
    return load("sample")


@pytest.fixture(scope="module")
def truth():
    return json.loads(bundled.path("procurement/truth.json").read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def spanish():
    set_language("es")
    yield
    set_language("es")


def test_the_buyers_with_most_short_periods_are_the_planted_ones(datos, truth):
    table = flagged_by_buyer(datos, threshold_days=10)
    planted = truth["R003_short_submission_period"]["focus_buyers"]
    assert table["buyer_name"].head(2).tolist() == [buyer["name"] for buyer in planted]
    top = table.iloc[0]
    assert (top["flagged"], top["evaluated"]) == (planted[0]["count"], planted[0]["competitive"])
    assert top["share"] == pytest.approx(planted[0]["count"] / planted[0]["competitive"])
    assert list(table.columns) == ["buyer_name", "evaluated", "flagged", "share"]


def test_the_table_lists_at_most_top_buyers_each_with_a_flag(datos):
    table = flagged_by_buyer(datos, threshold_days=30, top=5)
    assert len(table) == 5 and (table["flagged"] > 0).all()
    assert table["flagged"].is_monotonic_decreasing


def test_methods_and_year_narrow_the_evaluated_processes(datos):
    every = evaluated_periods(datos)
    assert set(every["procurement_method"]) == {"open", "selective"}
    only_open = evaluated_periods(datos, methods=("open",))
    assert set(only_open["procurement_method"]) == {"open"} and len(only_open) < len(every)
    one_year = evaluated_periods(datos, year=2022)
    assert set(one_year["year"]) == {2022} and 0 < len(one_year) < len(every)


def test_the_explorer_builds_with_the_initial_state_computed(datos):
    explorer = threshold_explorer(datos)
    assert isinstance(explorer, ThresholdExplorer)
    pd.testing.assert_frame_equal(explorer.table, flagged_by_buyer(datos, threshold_days=10))
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_the_plot_and_the_table_are_drawn_into_widget_values(datos):
    explorer = threshold_explorer(datos)
    assert bytes(explorer.image.value).startswith(b"\x89PNG")
    assert "Compradores con más procesos marcados" in explorer.html.value
    assert "<th>Comprador</th>" in explorer.html.value and "no una prueba" in explorer.html.value


def test_moving_the_slider_changes_the_table(datos):
    explorer = threshold_explorer(datos)
    before, image, html = explorer.table.copy(), explorer.image.value, explorer.html.value
    explorer.threshold.value = 30
    assert explorer.image.value != image and explorer.html.value != html
    assert not explorer.table.equals(before)
    assert explorer.table["flagged"].sum() > before["flagged"].sum()
    pd.testing.assert_frame_equal(explorer.table, flagged_by_buyer(datos, threshold_days=30))


def test_choosing_a_method_and_a_year_changes_the_table(datos):
    explorer = threshold_explorer(datos)
    explorer.methods.value = ("selective",)
    explorer.year.value = 2023
    expected = flagged_by_buyer(datos, 10, methods=("selective",), year=2023)
    pd.testing.assert_frame_equal(explorer.table, expected)


def test_the_controls_offer_the_data_methods_and_years(datos):
    explorer = threshold_explorer(datos)
    methods = dict((value, text) for text, value in explorer.methods.options)
    assert set(methods) == {("open", "selective"), ("direct",), ("open",), ("selective",), ()}
    years = [value for _, value in explorer.year.options]
    assert years == [0, 2021, 2022, 2023, 2024]
    assert explorer.year.index == 0  # "all years" is selected, not a blank box


def test_all_methods_and_all_years_evaluate_everything(datos):
    explorer = threshold_explorer(datos, methods=None)
    assert explorer.methods.index == len(explorer.methods.options) - 1
    expected = flagged_by_buyer(datos, 10, methods=None, year=None)
    pd.testing.assert_frame_equal(explorer.table, expected)


def test_methods_can_be_given_as_cardinal_writes_them(datos):
    explorer = threshold_explorer(datos, threshold_days=15, methods="open|selective")
    assert explorer.methods.value == ("open", "selective")
    pd.testing.assert_frame_equal(explorer.table, flagged_by_buyer(datos, threshold_days=15))


def test_labels_follow_the_language(datos):
    set_language("en")
    explorer = threshold_explorer(datos)
    assert explorer.threshold.description == "Threshold (days)"
    assert explorer.year.options[0][0] == "every year"
    assert "<th>Buyer</th>" in explorer.html.value


def test_a_selection_without_data_shows_an_empty_table_without_errors():
    tenders = pd.DataFrame(
        {
            "ocid": ["a"],
            "buyer_id": pd.array(["b1"], dtype="string"),
            "buyer_name": pd.array([None], dtype="string"),
            "status": pd.array([None], dtype="string"),
            "procurement_method": pd.array(["direct"], dtype="string"),
            "procurement_method_details": pd.array([None], dtype="string"),
            "tender_start": pd.to_datetime([None], utc=True),
            "tender_end": pd.to_datetime([None], utc=True),
        }
    )
    explorer = threshold_explorer(SimpleNamespace(tenders=tenders))
    assert explorer.table.empty
    explorer.threshold.value = 20
    assert explorer.table.empty
