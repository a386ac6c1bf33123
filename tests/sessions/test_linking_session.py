"""Session 04 drives the match threshold explorer with two kinds of evidence for the 69-B: names
alone (RapidFuzz over every pair, as the session builds them) and the kit's ``link`` with RFCs.
These tests pin the figures its speaker notes quote, so the notes stay true when the kit moves."""

from __future__ import annotations

import pandas as pd
import pytest
from rapidfuzz import fuzz, process

from kit.sanctions.load import load
from kit.sanctions.match import link
from kit.sanctions.names import normalise_series
from kit.sanctions.tasks import enlace
from kit.widgets import match_threshold_explorer, precision_recall
from kit.widgets._render import WIDGET_VIEW

NAMES, WITH_RFC = "solo nombres", "nombres y RFC"


@pytest.fixture(scope="module")
def datos():
    return load("sample")


@pytest.fixture(scope="module")
def truth(datos):
    planted = enlace.planted_links(datos)
    return planted[planted["lista"] == "sat_69b"]


@pytest.fixture(scope="module")
def names_only(datos):
    """Every supplier and 69-B name scoring 70 or more on their sorted keys (the session's)."""
    left = normalise_series(datos.suppliers["supplier_name"])["sorted_key"]
    right = normalise_series(datos.sat69b["nombre"])["sorted_key"]
    scores = process.cdist(left, right, scorer=fuzz.ratio, score_cutoff=70)
    i, j = scores.nonzero()
    return pd.DataFrame(
        {
            "lista": "sat_69b",
            "left_id": datos.suppliers["supplier_id"].to_numpy()[i],
            "right_id": datos.sat69b["no"].to_numpy()[j],
            "left_name": datos.suppliers["supplier_name"].to_numpy()[i],
            "right_name": datos.sat69b["nombre"].to_numpy()[j],
            "method": "name",
            "name_score": scores[i, j].round(1),
        }
    )


@pytest.fixture(scope="module")
def with_rfc(datos):
    pairs = link(datos.suppliers, datos.sat69b, right_on="nombre", ids=("supplier_id", "no"),
                 threshold=70)  # fmt: skip
    return pairs.assign(lista="sat_69b")


def test_names_alone_trade_precision_for_recall_as_the_notes_say(names_only, truth):
    assert len(names_only) == 1427
    at = {t: precision_recall(names_only, truth, t) for t in (80, 90, 100)}
    assert at[90][["accepted", "correct", "missed"]].tolist() == [19, 11, 1]
    assert at[90]["precision"] == pytest.approx(11 / 19)
    assert at[90]["recall"] == pytest.approx(11 / 12)
    assert at[80]["accepted"] == 200 and at[80]["precision"] == pytest.approx(0.06)
    assert at[100]["precision"] == pytest.approx(10 / 12)
    assert at[100]["recall"] == pytest.approx(10 / 12)


def test_homonyms_score_100_and_only_the_rfc_keeps_them_out(names_only, with_rfc, truth):
    traps = truth.loc[~truth["true_link"], ["left_id", "right_id"]]
    at_100 = names_only[names_only["name_score"] >= 100]
    caught = at_100.merge(traps, on=["left_id", "right_id"])
    assert len(caught) == 2  # Grupo Calrapra and Carlos Cruz Herrera
    for threshold in (70, 90, 100):
        scores = precision_recall(with_rfc, truth, threshold)
        assert (scores["precision"], scores["recall"]) == (1.0, 1.0)


def test_the_explorer_moves_with_the_threshold_and_the_evidence(names_only, with_rfc, truth):
    explorer = match_threshold_explorer(
        {NAMES: names_only, WITH_RFC: with_rfc}, truth, threshold=90, low=70
    )
    assert explorer.scores["precision"] == pytest.approx(11 / 19)
    assert "58%" in explorer.html.value and "92%" in explorer.html.value
    before = bytes(explorer.image.value)
    explorer.threshold.value = 80
    assert explorer.scores["accepted"] == 200
    assert bytes(explorer.image.value) != before
    explorer.evidence.value = WITH_RFC
    assert explorer.scores["precision"] == 1.0 and explorer.scores["recall"] == 1.0
    assert explorer.errors.empty
    bundle = explorer._repr_mimebundle_()
    assert WIDGET_VIEW in bundle and "data:image/png" in bundle["text/html"]
