"""Notebook 02 (competencia): do its checks accept right answers and explain wrong ones?

Each task is tried with the notebook's reference answer, reasonable variants (including the
kit's own indicators), plausible mistakes (whose message must say what is wrong) and the ``...``
placeholder; no feedback may show the expected value.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from kit.check import Outcome
from kit.i18n import set_language
from kit.organizer.validate.leaks import value_forms
from kit.procurement import short_submission_period, single_bid
from kit.procurement.tasks import competencia


@pytest.fixture(scope="module")
def competitivos(datos):
    return datos.tenders[datos.tenders["procurement_method"].isin(["open", "selective"])]


@pytest.fixture
def check(bind):
    return bind(competencia.TASKS)


def assert_wrong(feedback, *phrases: str) -> str:
    assert feedback.outcome is Outcome.INCORRECT, feedback
    for phrase in phrases:
        assert phrase in feedback.message, feedback.message
    return str(feedback) + feedback._repr_html_()


def reference_plazos(competitivos: pd.DataFrame) -> pd.DataFrame:
    plazos = competitivos[["ocid"]].copy()
    plazos["dias"] = (competitivos["tender_end"] - competitivos["tender_start"]).dt.days
    return plazos


def test_plazos_reference_and_a_table_with_more_columns_pass(check, competitivos):
    assert check.plazos.evaluate(reference_plazos(competitivos)).passed
    wide = competitivos.assign(dias=reference_plazos(competitivos)["dias"])
    assert check.plazos.evaluate(wide).passed


def test_plazos_in_fractional_days_points_at_the_dias_column(check, competitivos):
    seconds = (competitivos["tender_end"] - competitivos["tender_start"]).dt.total_seconds()
    wrong = competitivos[["ocid"]].assign(dias=seconds / 86_400)
    assert_wrong(check.plazos.evaluate(wrong), "La columna `dias`", "valores distintos")


def test_plazos_without_the_dias_column_names_it(check, competitivos):
    wrong = reference_plazos(competitivos).rename(columns={"dias": "días"})
    assert_wrong(check.plazos.evaluate(wrong), "le faltan columnas: dias")


def test_plazos_with_every_method_has_rows_that_should_not_be_there(check, datos):
    tenders = datos.tenders
    wrong = tenders[["ocid"]].assign(dias=(tenders["tender_end"] - tenders["tender_start"]).dt.days)
    assert_wrong(check.plazos.evaluate(wrong), "que no deberían estar", "AD-")


def test_plazos_dropping_missing_dates_says_rows_are_missing(check, datos):
    tenders = datos.tenders.copy()
    tenders.loc[tenders["ocid"].str.contains("LP-001"), "tender_start"] = pd.NaT
    bound = competencia.TASKS.bind(SimpleNamespace(tenders=tenders))
    competitivos = tenders[tenders["procurement_method"].isin(["open", "selective"])]
    wrong = reference_plazos(competitivos).dropna(subset=["dias"])
    assert_wrong(bound.plazos.evaluate(wrong), "le faltan")
    assert bound.plazos.evaluate(reference_plazos(competitivos)).passed


def test_plazos_given_a_series_asks_for_a_table(check, competitivos):
    series = reference_plazos(competitivos)["dias"]
    assert_wrong(check.plazos.evaluate(series), "es una Serie")


def test_plazos_cortos_reference_and_the_kit_agree(check, datos, competitivos):
    plazos = reference_plazos(competitivos)
    assert check.plazos_cortos.evaluate(set(plazos.loc[plazos["dias"] < 10, "ocid"])).passed
    r003 = short_submission_period(datos, threshold_days=10, procurement_methods="open|selective")
    assert check.plazos_cortos.evaluate(r003.loc[r003["flag"], "ocid"]).passed


@pytest.mark.parametrize("threshold", [11, 15])
def test_plazos_cortos_with_a_larger_threshold_has_extra_rows(check, competitivos, threshold):
    plazos = reference_plazos(competitivos)
    wrong = set(plazos.loc[plazos["dias"] < threshold, "ocid"])
    assert_wrong(check.plazos_cortos.evaluate(wrong), "que no deberían estar")


def test_plazos_cortos_forgetting_negative_periods_counts_the_missing(check, competitivos):
    plazos = reference_plazos(competitivos)
    wrong = plazos.loc[plazos["dias"].between(0, 9), "ocid"]
    expected = competencia.short_periods(SimpleNamespace(tenders=competitivos))
    negative = expected - set(wrong)
    text = assert_wrong(check.plazos_cortos.evaluate(wrong), f"le faltan {len(negative)} fila")
    assert not any(ocid in text for ocid in negative)


def test_tasa_oferta_unica_accepts_eq_or_dropna(check, competitivos):
    tenderers = competitivos["number_of_tenderers"]
    assert check.tasa_oferta_unica.evaluate(tenderers.eq(1).mean()).passed
    assert check.tasa_oferta_unica.evaluate((tenderers.dropna() == 1).mean()).passed


def test_tasa_oferta_unica_matches_the_kit(check, datos):
    r018 = single_bid(datos)
    assert check.tasa_oferta_unica.evaluate(r018.loc[r018["evaluated"], "flag"].mean()).passed


def test_tasa_oferta_unica_with_direct_awards_is_far_too_high(check, datos):
    expected = competencia.single_bid_rate(datos)
    wrong = datos.tenders["number_of_tenderers"].eq(1).mean()
    text = assert_wrong(check.tasa_oferta_unica.evaluate(wrong), "mucho", "mayor")
    for form in value_forms(expected):
        assert form not in text


def test_tasa_oferta_unica_counting_missing_as_not_single_is_slightly_low(check, competitivos):
    wrong = competitivos["number_of_tenderers"].eq(1).fillna(False).mean()
    assert_wrong(check.tasa_oferta_unica.evaluate(wrong), "un poco", "menor")


def test_tasa_oferta_unica_as_percentage_is_diagnosed(check, competitivos):
    wrong = competitivos["number_of_tenderers"].eq(1).mean() * 100
    assert_wrong(check.tasa_oferta_unica.evaluate(wrong), "parece un porcentaje")


def reference_by_buyer(competitivos: pd.DataFrame) -> pd.Series:
    conocidos = competitivos.dropna(subset=["number_of_tenderers"])
    unica = conocidos["number_of_tenderers"].eq(1)
    return unica.groupby(conocidos["buyer_name"]).mean()


def test_oferta_unica_por_comprador_reference_and_kit_variant_pass(check, datos, competitivos):
    assert check.oferta_unica_por_comprador.evaluate(reference_by_buyer(competitivos)).passed
    r018 = single_bid(datos).merge(datos.tenders[["ocid", "buyer_name"]], on="ocid")
    kit_rates = r018[r018["evaluated"]].groupby("buyer_name")["flag"].mean()
    assert check.oferta_unica_por_comprador.evaluate(kit_rates.sort_values()).passed
    assert check.oferta_unica_por_comprador.evaluate(kit_rates.to_frame()).passed


def test_oferta_unica_por_comprador_counting_missing_points_at_values(check, competitivos):
    unica = competitivos["number_of_tenderers"].eq(1).fillna(False)
    wrong = unica.groupby(competitivos["buyer_name"]).mean()
    text = assert_wrong(check.oferta_unica_por_comprador.evaluate(wrong), "valores distintos")
    expected = reference_by_buyer(competitivos)
    assert not any(f"{value:.4f}" in text for value in expected if 0 < value < 1)


def test_oferta_unica_por_comprador_with_every_method_points_at_values(check, datos):
    tenders = datos.tenders.dropna(subset=["number_of_tenderers"])
    wrong = tenders["number_of_tenderers"].eq(1).groupby(tenders["buyer_name"]).mean()
    assert_wrong(check.oferta_unica_por_comprador.evaluate(wrong), "valores distintos")


def test_oferta_unica_por_comprador_as_a_two_column_table_asks_for_a_series(check, competitivos):
    wrong = reference_by_buyer(competitivos).reset_index()
    assert_wrong(check.oferta_unica_por_comprador.evaluate(wrong), "lista, conjunto o Serie")


def test_oferta_unica_por_comprador_counts_points_double(check):
    assert check.oferta_unica_por_comprador.task.points == 2


def test_english_feedback(check, competitivos):
    set_language("en")
    feedback = check.plazos.evaluate(reference_plazos(competitivos)[["ocid"]])
    assert "is missing columns: dias" in feedback.message and "Hint 1 of 3" in feedback.hint_label


def test_expected_answers_hold_on_sparse_data():
    tenders = pd.DataFrame(
        {
            "ocid": ["a", "b", "c", "d", "e"],
            "buyer_name": pd.array(["X", "X", "Y", "Y", None], dtype="string"),
            "procurement_method": pd.array(
                ["open", "selective", "direct", None, "open"], dtype="string"
            ),
            "number_of_tenderers": pd.array([1, None, 1, 1, 3], dtype="Int64"),
            "tender_start": pd.to_datetime(["2024-01-01", "2024-01-01", None, None, "2024-02-01"]),
            "tender_end": pd.to_datetime(
                ["2024-01-05 12:00", None, None, None, "2024-01-30 00:00"]
            ),
        }
    )
    data = SimpleNamespace(tenders=tenders)
    plazos = competencia.periods(data)
    assert plazos["ocid"].tolist() == ["a", "b", "e"]
    assert plazos["dias"].tolist()[0] == 4 and pd.isna(plazos["dias"].tolist()[1])
    assert plazos["dias"].tolist()[2] == -2
    assert competencia.short_periods(data) == {"a", "e"}
    assert competencia.single_bid_rate(data) == 0.5
    assert competencia.single_bid_by_buyer(data).to_dict() == {"X": 1.0}
