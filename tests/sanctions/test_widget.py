"""The match threshold explorer: right numbers from plain functions, a slider that moves them."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.i18n import set_language
from kit.sanctions.load import load
from kit.sanctions.tasks import enlace
from kit.widgets import (
    MatchThresholdExplorer,
    accepted_pairs,
    match_errors,
    match_threshold_explorer,
    precision_recall,
    precision_recall_curve,
)


@pytest.fixture(scope="module")
def datos():
    return load("sample")


@pytest.fixture(scope="module")
def names(datos):
    """Pairs linked by names alone, down to a score of 70."""
    return enlace.candidates(datos, use_rfc=False, threshold=70)


@pytest.fixture(scope="module")
def with_rfc(datos):
    return enlace.candidates(datos, threshold=70)


@pytest.fixture(scope="module")
def truth(datos):
    return enlace.planted_links(datos)


@pytest.fixture(autouse=True)
def spanish():
    set_language("es")
    yield
    set_language("es")


def toy():
    """Three candidate pairs and a truth with one homonym trap and one link no pair found."""
    pairs = pd.DataFrame(
        {
            "lista": ["sfp", "sfp", "ofac"],
            "left_id": ["a", "b", "c"],
            "right_id": [1, 2, 3],
            "left_name": ["ALFA SA", "BETA SA", "GAMA"],
            "right_name": ["ALFA", "BETA", "GAMMA"],
            "method": ["rfc", "name", "name"],
            "name_score": [80.0, 100.0, 92.0],
        }
    )
    truth = pd.DataFrame(
        {
            "lista": ["sfp", "sfp", "ofac", "ofac"],
            "left_id": ["a", "b", "c", "d"],
            "right_id": [1, 2, 3, 4],
            "true_link": [True, False, True, True],
        }
    )
    return pairs, truth


def test_precision_and_recall_count_distinct_pairs_against_the_truth():
    pairs, truth = toy()
    at_90 = precision_recall(pairs, truth, 90)
    assert at_90.to_dict() == {
        "accepted": 3, "correct": 2, "wrong": 1, "missed": 1,
        "precision": pytest.approx(2 / 3), "recall": pytest.approx(2 / 3),
    }  # fmt: skip
    at_95 = precision_recall(pairs, truth, 95)  # GAMA/GAMMA (92) drops; the RFC pair stays
    assert (at_95["accepted"], at_95["correct"]) == (2, 1)
    twice = pd.concat([pairs, pairs])
    assert precision_recall(twice, truth, 90).equals(at_90)


def test_a_pair_linked_by_rfc_is_kept_whatever_its_name_score():
    pairs, _ = toy()
    assert list(accepted_pairs(pairs, 100)["left_id"]) == ["a", "b"]
    assert list(accepted_pairs(pairs.drop(columns="method"), 100)["left_id"]) == ["b"]


def test_the_errors_list_false_pairs_then_true_links_not_found():
    pairs, truth = toy()
    errors = match_errors(pairs, truth, 95)
    assert list(errors["error"]) == ["false_pair", "missed_link", "missed_link"]
    assert list(errors["left_id"]) == ["b", "c", "d"]
    assert errors["left_name"].tolist()[:2] == ["BETA SA", "GAMA"]
    assert pd.isna(errors["left_name"].iloc[2])  # no candidate pair holds d


def test_names_alone_take_homonyms_in_and_the_rfc_keeps_them_out(datos, names, with_rfc, truth):
    alone = precision_recall(names, truth, enlace.THRESHOLD)
    assert alone["precision"] == pytest.approx(enlace.names_precision(datos))
    assert alone["recall"] == pytest.approx(enlace.names_recall(datos))
    both = precision_recall(with_rfc, truth, enlace.THRESHOLD)
    assert (both["precision"], both["recall"]) == (1.0, 1.0)
    homonyms = truth.loc[truth["kind"].eq("homonym"), "left_id"]
    wrong = match_errors(names, truth, enlace.THRESHOLD)
    taken = set(homonyms) & set(wrong.loc[wrong["error"].eq("false_pair"), "left_id"])
    assert len(taken) >= len(homonyms) - 2  # a homonym's name is the same or nearly the same


def test_the_curve_has_a_row_per_threshold_and_accepts_fewer_pairs_as_it_rises(names, truth):
    curve = precision_recall_curve(names, truth, range(80, 101))
    assert list(curve.index) == list(range(80, 101))
    assert curve["accepted"].is_monotonic_decreasing
    assert curve.loc[100, "recall"] < curve.loc[80, "recall"]


def test_the_explorer_builds_with_the_initial_state_drawn(names, truth):
    explorer = match_threshold_explorer(names, truth)
    assert isinstance(explorer, MatchThresholdExplorer)
    assert explorer.threshold.value == 90
    pd.testing.assert_series_equal(explorer.scores, precision_recall(names, truth, 90))
    assert bytes(explorer.image.value).startswith(b"\x89PNG")
    assert "precisión" in explorer.html.value and "no una prueba" in explorer.html.value
    assert "GRUPO CALRAPRA" in explorer.html.value  # a homonym among the errors
    assert "application/vnd.jupyter.widget-view+json" in explorer._repr_mimebundle_()
    assert explorer.evidence.layout.display == "none"  # one table: no dropdown


def test_moving_the_threshold_changes_the_shown_precision_and_recall(names, truth):
    explorer = match_threshold_explorer(names, truth, threshold=80, low=80)
    before = (explorer.scores.copy(), explorer.image.value, explorer.html.value)
    explorer.threshold.value = 100
    assert explorer.image.value != before[1] and explorer.html.value != before[2]
    assert explorer.scores["precision"] > before[0]["precision"]
    assert explorer.scores["recall"] < before[0]["recall"]
    pd.testing.assert_series_equal(explorer.scores, precision_recall(names, truth, 100))
    shown = f"{explorer.scores['recall']:.0%}"
    assert shown in explorer.html.value and shown not in before[2]


def test_choosing_the_evidence_switches_the_candidate_table(names, with_rfc, truth):
    explorer = match_threshold_explorer({"solo nombres": names, "con RFC": with_rfc}, truth)
    assert explorer.evidence.options == ("solo nombres", "con RFC")
    assert explorer.evidence.layout.display != "none"
    explorer.evidence.value = "con RFC"
    assert explorer.scores["precision"] == 1.0
    pd.testing.assert_frame_equal(
        explorer.curve, precision_recall_curve(with_rfc, truth, range(70, 101))
    )


def test_without_a_truth_it_says_it_cannot_measure(names, truth):
    explorer = match_threshold_explorer(names, truth.iloc[:0])
    assert explorer.scores["accepted"] > 0 and pd.isna(explorer.scores["precision"])
    assert "Sin verdad conocida" in explorer.html.value
    assert explorer.errors.empty
    explorer.threshold.value = 95  # still no error
    assert bytes(explorer.image.value).startswith(b"\x89PNG")


def test_labels_follow_the_language(names, truth):
    set_language("en")
    explorer = match_threshold_explorer(names, truth)
    assert explorer.threshold.description == "Threshold"
    assert "precision" in explorer.html.value and "not proof" in explorer.html.value
    assert "<th>Supplier</th>" in explorer.html.value
