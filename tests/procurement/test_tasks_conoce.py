"""Notebook 01 (conoce OCDS): do its checks accept right answers and explain wrong ones?

Each task is tried with the notebook's reference answer, a reasonable variant, plausible
mistakes (whose message must say what is wrong) and the ``...`` placeholder; no feedback may
show the expected value.
"""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd
import pytest

from kit import data as bundled
from kit.check import Outcome
from kit.i18n import set_language
from kit.organizer.validate.leaks import value_forms
from kit.procurement.tasks import conoce
from tests.procurement.feedback import shown


@pytest.fixture
def check(bind):
    return bind(conoce.TASKS)


def assert_wrong(feedback, *phrases: str) -> str:
    assert feedback.outcome is Outcome.INCORRECT, feedback
    for phrase in phrases:
        assert phrase in feedback.message, feedback.message
    return shown(feedback)


def assert_no_number_leak(text: str, expected: float) -> None:
    for form in value_forms(expected):
        assert form not in text


def test_n_procesos_accepts_distinct_ocids_or_rows(check, datos):
    assert check.n_procesos.evaluate(datos.tenders["ocid"].nunique()).passed
    assert check.n_procesos.evaluate(len(datos.tenders)).passed


def test_n_procesos_counting_releases_says_it_is_too_high_without_the_answer(check, datos):
    text = assert_wrong(check.n_procesos.evaluate(datos.n_releases), "bastante", "mayor")
    assert_no_number_leak(text, datos.n_processes)
    assert "3000" not in text and "3,000" not in text


def test_n_procesos_given_a_table_asks_for_a_single_number(check, datos):
    assert_wrong(check.n_procesos.evaluate(datos.tenders), "se espera un solo número")


def test_proporcion_metodo_accepts_value_counts_or_groupby(check, datos):
    method = datos.tenders["procurement_method"]
    assert check.proporcion_metodo.evaluate(method.value_counts(normalize=True)).passed
    by_hand = datos.tenders.groupby("procurement_method").size() / method.notna().sum()
    assert check.proporcion_metodo.evaluate(by_hand).passed


def test_proporcion_metodo_with_counts_or_percentages_points_at_the_values(check, datos):
    method = datos.tenders["procurement_method"]
    for wrong in (method.value_counts(), method.value_counts(normalize=True) * 100):
        text = assert_wrong(check.proporcion_metodo.evaluate(wrong), "valores distintos", "3 fila")
        assert "0.54" not in text and "54.3" not in text


def test_proporcion_metodo_missing_a_method_says_rows_are_missing(check, datos):
    shares = datos.tenders["procurement_method"].value_counts(normalize=True)
    assert_wrong(check.proporcion_metodo.evaluate(shares.drop("direct")), "le faltan 1 fila")


def test_faltan_licitantes_right_answer(check, datos):
    answer = datos.tenders["number_of_tenderers"].isna().mean()
    assert check.faltan_licitantes.evaluate(answer).passed


def test_faltan_licitantes_as_percentage_is_diagnosed(check, datos):
    answer = datos.tenders["number_of_tenderers"].isna().mean() * 100
    assert_wrong(check.faltan_licitantes.evaluate(answer), "parece un porcentaje")


def test_faltan_licitantes_counting_present_values_is_far_off(check, datos):
    expected = datos.tenders["number_of_tenderers"].isna().mean()
    wrong = datos.tenders["number_of_tenderers"].notna().mean()
    text = assert_wrong(check.faltan_licitantes.evaluate(wrong), "mucho (más de 50 %)", "mayor")
    assert_no_number_leak(text, expected)


def test_faltan_licitantes_a_count_instead_of_a_share(check, datos):
    count = datos.tenders["number_of_tenderers"].isna().sum()
    assert_wrong(check.faltan_licitantes.evaluate(count), "mayor")


def test_fin_antes_inicio_accepts_a_set_or_a_list(check, datos):
    tenders = datos.tenders
    backwards = tenders["tender_end"] < tenders["tender_start"]
    assert check.fin_antes_inicio.evaluate(set(tenders.loc[backwards, "ocid"])).passed
    assert check.fin_antes_inicio.evaluate(tenders.loc[backwards, "ocid"].tolist()).passed


def test_fin_antes_inicio_with_the_comparison_reversed_names_extra_rows(check, datos):
    tenders = datos.tenders
    wrong = set(tenders.loc[tenders["tender_end"] > tenders["tender_start"], "ocid"])
    assert_wrong(check.fin_antes_inicio.evaluate(wrong), "fila(s) que no deberían estar")


def test_fin_antes_inicio_missing_cases_counts_them_without_naming_them(check, datos):
    expected = sorted(conoce.end_before_start(datos))
    text = assert_wrong(check.fin_antes_inicio.evaluate(expected[:3]), "le faltan 3 fila")
    assert not any(ocid in text for ocid in expected[3:])


def test_fin_antes_inicio_a_table_is_not_a_collection_of_ids(check, datos):
    assert_wrong(check.fin_antes_inicio.evaluate(datos.tenders), "lista, conjunto o Serie")


def test_english_feedback(check, datos):
    set_language("en")
    feedback = check.n_procesos.evaluate(datos.n_releases)
    assert "higher than expected" in feedback.message and "Hint 1 of 2" in feedback.hint_label


def test_expected_answers_hold_on_sparse_data():
    tenders = pd.DataFrame(
        {
            "ocid": ["a", "b", "c", "d"],
            "procurement_method": pd.array(["open", None, "direct", "open"], dtype="string"),
            "number_of_tenderers": pd.array([3, None, 1, None], dtype="Int64"),
            "tender_start": pd.to_datetime(["2024-01-10", None, "2024-01-01", "2024-01-05"]),
            "tender_end": pd.to_datetime(["2024-01-01", "2024-01-09", None, "2024-01-20"]),
        }
    )
    data = SimpleNamespace(tenders=tenders)
    assert conoce.n_processes(data) == 4
    shares = conoce.method_shares(data)
    assert shares.to_dict() == pytest.approx({"open": 2 / 3, "direct": 1 / 3})
    assert conoce.missing_tenderers_share(data) == 0.5
    assert conoce.end_before_start(data) == {"a"}


def test_checks_find_the_planted_data_quality_problems(datos):
    truth = json.loads(bundled.path("procurement/truth.json").read_text(encoding="utf-8"))
    quality = truth["data_quality"]
    assert conoce.end_before_start(datos) == set(quality["tender_end_before_start"]["ocids"])
    missing = quality["missing_number_of_tenderers"]["count"]
    assert conoce.missing_tenderers_share(datos) == pytest.approx(missing / datos.n_processes)
