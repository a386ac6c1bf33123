"""Notebook 04's tasks and baseline: right answers pass, wrong ones say why, no answer shows."""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from kit.check import Outcome
from kit.i18n import set_language
from kit.procurement import (
    direct_award_share,
    short_submission_period,
    single_bid,
    supplier_concentration,
)
from kit.procurement.tasks import proyecto
from tests.procurement.feedback import number_forms, shown


@pytest.fixture
def check(bind):
    return bind(proyecto.TASKS)


# The notebook's own cells (worked example and solutions), as a participant would write them.


def tasa_r018(datos) -> pd.Series:
    r018 = single_bid(datos).merge(datos.tenders[["ocid", "buyer_name"]], on="ocid")
    return r018[r018["evaluated"]].groupby("buyer_name")["flag"].mean()


def tasa_r003(datos) -> pd.Series:
    r003 = short_submission_period(datos, threshold_days=10, procurement_methods="open|selective")
    r003 = r003.merge(datos.tenders[["ocid", "buyer_name"]], on="ocid")
    return r003[r003["evaluated"]].groupby("buyer_name")["flag"].mean()


def senales(datos) -> dict[str, pd.Series]:
    directas = direct_award_share(datos, by="buyer_name").set_index("buyer_name")["direct_share"]
    hhi = supplier_concentration(datos, by="buyer_name").set_index("buyer_name")["hhi"]
    return {"r003": tasa_r003(datos), "r018": tasa_r018(datos), "directas": directas, "hhi": hhi}


def tabla_riesgo(datos) -> pd.DataFrame:
    tabla = pd.concat(senales(datos), axis=1)
    tabla["puntaje"] = tabla.rank(pct=True).mean(axis=1)
    return tabla.reset_index().sort_values("puntaje", ascending=False)


SOLUTIONS = {"tasa_r003": tasa_r003, "tabla_riesgo": tabla_riesgo}


def test_the_notebook_has_two_tasks_worth_three_points():
    assert [task.id for task in proyecto.TASKS.tasks] == list(SOLUTIONS)
    assert sum(task.points for task in proyecto.TASKS.tasks) == 3


@pytest.mark.parametrize("task", list(SOLUTIONS))
def test_the_notebook_solution_passes(check, datos, task):
    answer = SOLUTIONS[task](datos)
    assert check[task].evaluate(answer).passed
    check[task].assert_correct(answer)


def test_the_baseline_is_the_table_the_notebook_builds(datos):
    mine = tabla_riesgo(datos).set_index("buyer_name").sort_index()
    base = proyecto.baseline(datos).set_index("buyer_name").sort_index()
    pd.testing.assert_frame_equal(mine.astype(float), base, check_names=False)


def test_the_baseline_is_sorted_riskiest_first_with_one_row_per_buyer(datos):
    base = proyecto.baseline(datos)
    assert list(base.columns) == ["buyer_name", *proyecto.RISK_COLUMNS, "puntaje"]
    assert base["buyer_name"].is_unique and len(base) == datos.tenders["buyer_name"].nunique()
    assert base["puntaje"].is_monotonic_decreasing
    assert base["puntaje"].between(0, 1).all()


def test_the_planted_short_periods_lead_the_r003_rates(datos):
    top = tasa_r003(datos).nlargest(2).index
    assert all(("Infraestructura y Obra" in name or "Seguridad" in name) for name in top)


def test_a_table_in_any_row_order_with_extra_columns_passes(check, datos):
    tabla = tabla_riesgo(datos).sample(frac=1, random_state=3).assign(nota="revisar")
    assert check.tabla_riesgo.evaluate(tabla).passed


def test_the_r018_rate_instead_of_r003_points_at_the_wrong_values(check, datos):
    feedback = check.tasa_r003.evaluate(tasa_r018(datos))
    assert feedback.outcome is Outcome.INCORRECT
    assert "tiene valores distintos" in feedback.message and "`tasa_r003`" in feedback.message
    assert "Pista 1 de 3" in feedback.hint_label


def test_counting_unevaluated_processes_as_not_flagged_is_wrong(check, datos):
    r003 = short_submission_period(datos, threshold_days=10, procurement_methods="open|selective")
    r003 = r003.merge(datos.tenders[["ocid", "buyer_name"]], on="ocid")
    diluted = r003.groupby("buyer_name")["flag"].mean()
    assert not check.tasa_r003.evaluate(diluted).passed


def test_a_percentage_rate_is_named(check, datos):
    feedback = check.tasa_r003.evaluate(tasa_r003(datos) * 100)
    assert "parece un porcentaje" in feedback.message


def test_the_buyer_left_in_the_index_is_explained(check, datos):
    feedback = check.tabla_riesgo.evaluate(tabla_riesgo(datos).set_index("buyer_name"))
    assert "`buyer_name` está en el índice" in feedback.message
    assert "`.reset_index()`" in feedback.message


def test_a_missing_column_is_named(check, datos):
    feedback = check.tabla_riesgo.evaluate(tabla_riesgo(datos).drop(columns="puntaje"))
    assert "le faltan columnas: puntaje" in feedback.message


def test_a_score_that_also_ranks_itself_is_wrong(check, datos):
    tabla = pd.concat(senales(datos), axis=1)
    tabla["puntaje"] = 0.0
    tabla["puntaje"] = tabla.rank(pct=True).mean(axis=1)  # the new column joins the mean
    feedback = check.tabla_riesgo.evaluate(tabla.reset_index())
    assert "La columna `puntaje`" in feedback.message


def test_an_inner_join_that_drops_buyers_is_missing_rows(check, datos):
    tabla = tabla_riesgo(datos).iloc[2:]
    feedback = check.tabla_riesgo.evaluate(tabla)
    assert "le faltan 2 fila(s)" in feedback.message


def test_feedback_never_shows_the_expected_values(check, datos):
    expected = proyecto.TASKS.expected_values(datos)
    rates = expected["tasa_r003"]
    cases = [
        ("tasa_r003", rates * 100, number_forms(rates)),
        ("tasa_r003", tasa_r018(datos), number_forms(rates)),
        ("tasa_r003", 0.1, number_forms(rates)),
    ]
    wrong_table = tabla_riesgo(datos).assign(puntaje=0.5)
    cases.append(("tabla_riesgo", wrong_table, number_forms(expected["tabla_riesgo"]["puntaje"])))
    for task, wrong, forms in cases:
        text = shown(check[task].evaluate(wrong))
        assert not {form for form in forms if form in text}, task


def test_english_feedback_is_english(datos):
    set_language("en")
    try:
        bound = proyecto.TASKS.bind(datos)
        feedback = bound.tabla_riesgo.evaluate(tabla_riesgo(datos).set_index("buyer_name"))
        assert "is in the index, not a column" in feedback.message
    finally:
        set_language("es")


def test_the_baseline_survives_messy_real_files(datos):
    """Missing counts of bidders, dates, methods and currencies, as in real files."""
    tenders = datos.tenders.copy()
    tenders.loc[tenders.index[:200], "number_of_tenderers"] = pd.NA
    tenders.loc[tenders.index[200:300], "tender_end"] = pd.NaT
    tenders.loc[tenders.index[300:350], "procurement_method"] = pd.NA
    awards = datos.awards.copy()
    awards.loc[awards.index[:100], "value_currency"] = pd.NA
    messy = dataclasses.replace(datos, tenders=tenders, awards=awards)
    bound = proyecto.TASKS.bind(messy)
    for task, solve in SOLUTIONS.items():
        assert bound[task].evaluate(solve(messy)).passed, task
    assert proyecto.baseline(messy)["puntaje"].notna().all()
