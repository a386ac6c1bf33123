"""Notebook 03's tasks: do right answers pass, wrong ones say why, and the answer never show?"""

from __future__ import annotations

import dataclasses

import pandas as pd
import pytest

from kit.check import Outcome
from kit.i18n import set_language
from kit.procurement.tasks import concentracion
from kit.procurement.tasks.concentracion import NOT_AWARDED, THRESHOLD, award_table
from tests.procurement.feedback import number_forms, shown

UMBRAL = THRESHOLD


@pytest.fixture
def check(bind):
    return bind(concentracion.TASKS)


# The notebook's own solution cells, as a participant would write them.


def adjudicaciones(datos) -> pd.DataFrame:
    table = datos.awards.merge(datos.suppliers, on=["ocid", "award_id"])
    table = table.merge(datos.tenders[["ocid", "buyer_name", "procurement_method"]], on="ocid")
    en_pesos = table["value_currency"] == "MXN"
    return table[en_pesos & ~table["status"].isin(["cancelled", "unsuccessful", "pending"])]


def directas_por_comprador(datos) -> pd.Series:
    procesos = datos.tenders.assign(directa=datos.tenders["procurement_method"] == "direct")
    return procesos.groupby("buyer_name")["directa"].mean()


def grupos_fraccionamiento(datos) -> pd.DataFrame:
    table = adjudicaciones(datos)
    directa = table["procurement_method"] == "direct"
    chicas = table[directa & (table["value_amount"] < UMBRAL)]
    chicas = chicas.assign(mes=chicas["date"].dt.strftime("%Y-%m"))
    grupos = chicas.groupby(["buyer_name", "rfc", "mes"])["value_amount"].agg(["count", "sum"])
    return grupos[(grupos["count"] >= 2) & (grupos["sum"] > UMBRAL)]


def pares_fraccionamiento(datos) -> pd.DataFrame:
    sospechosos = grupos_fraccionamiento(datos)
    return sospechosos.reset_index()[["buyer_name", "rfc"]].drop_duplicates()


def hhi_por_comprador(datos) -> pd.Series:
    montos = adjudicaciones(datos).groupby(["buyer_name", "rfc"])["value_amount"].sum()
    cuotas = montos / montos.groupby("buyer_name").transform("sum")
    return (cuotas**2).groupby("buyer_name").sum()


SOLUTIONS = {
    "directas_por_comprador": directas_por_comprador,
    "fraccionamiento": pares_fraccionamiento,
    "hhi_por_comprador": hhi_por_comprador,
}


def test_the_notebook_has_three_tasks_worth_five_points():
    assert [task.id for task in concentracion.TASKS.tasks] == list(SOLUTIONS)
    assert sum(task.points for task in concentracion.TASKS.tasks) == 5


@pytest.mark.parametrize("task", list(SOLUTIONS))
def test_the_notebook_solution_passes(check, datos, task):
    answer = SOLUTIONS[task](datos)
    assert check[task].evaluate(answer).passed
    check[task].assert_correct(answer)


def test_the_award_table_is_the_one_the_notebook_builds(datos):
    pd.testing.assert_frame_equal(award_table(datos), adjudicaciones(datos))


def test_the_planted_splitting_cases_are_among_the_pairs(datos):
    pairs = set(map(tuple, pares_fraccionamiento(datos).to_numpy()))
    planted = {"BXA050507895", "TUN031208A87", "SIG0207204X7", "EMC911020XL4"}
    assert planted <= {rfc for _, rfc in pairs}


def test_reasonable_variants_of_the_share_pass(check, datos):
    tenders = datos.tenders
    by_apply = tenders.groupby("buyer_name")["procurement_method"].apply(
        lambda m: (m == "direct").mean()
    )
    counts = tenders.groupby("buyer_name")["procurement_method"].value_counts(normalize=True)
    by_counts = counts.unstack(fill_value=0)["direct"]
    shuffled = directas_por_comprador(datos).sample(frac=1, random_state=1)
    for answer in (by_apply, by_counts, shuffled, shuffled.to_frame()):
        assert check.directas_por_comprador.evaluate(answer).passed


def test_reasonable_variants_of_the_pairs_pass(check, datos):
    with_numbers = (
        grupos_fraccionamiento(datos).reset_index().drop_duplicates(["buyer_name", "rfc"])
    )
    reordered = pares_fraccionamiento(datos)[["rfc", "buyer_name"]].iloc[::-1]
    for answer in (with_numbers, reordered):
        assert check.fraccionamiento.evaluate(answer).passed


def test_a_percentage_instead_of_a_share_is_named(check, datos):
    feedback = check.directas_por_comprador.evaluate(directas_por_comprador(datos) * 100)
    assert feedback.outcome is Outcome.INCORRECT
    assert "parece un porcentaje" in feedback.message
    assert "Pista 1 de 3" in feedback.hint_label


def test_counts_instead_of_shares_point_at_the_wrong_values(check, datos):
    counts = datos.tenders.groupby("buyer_name")["procurement_method"].apply(
        lambda m: (m == "direct").sum()
    )
    feedback = check.directas_por_comprador.evaluate(counts)
    assert "tiene valores distintos" in feedback.message
    assert "`directas_por_comprador`" in feedback.message


def test_grouping_by_buyer_id_instead_of_name_is_explained(check, datos):
    tenders = datos.tenders.assign(directa=datos.tenders["procurement_method"] == "direct")
    by_id = tenders.groupby("buyer_id")["directa"].mean()
    feedback = check.directas_por_comprador.evaluate(by_id)
    assert "fila(s) que no deberían estar" in feedback.message
    assert "MX-RFC-" in feedback.message  # the participant's own keys, as examples


def test_an_hhi_on_the_ten_thousand_scale_is_named(check, datos):
    feedback = check.hhi_por_comprador.evaluate(hhi_por_comprador(datos) * 10_000)
    assert "escala de 0 a 10 000" in feedback.message


def test_shares_that_were_not_squared_point_at_the_wrong_values(check, datos):
    montos = adjudicaciones(datos).groupby(["buyer_name", "rfc"])["value_amount"].sum()
    not_squared = (
        (montos / montos.groupby("buyer_name").transform("sum")).groupby("buyer_name").sum()
    )
    feedback = check.hhi_por_comprador.evaluate(not_squared)
    assert "La columna" in feedback.message and "valores distintos" in feedback.message


def test_pairs_left_in_the_index_are_missing_columns(check, datos):
    feedback = check.fraccionamiento.evaluate(grupos_fraccionamiento(datos))
    assert "le faltan columnas: buyer_name, rfc" in feedback.message


def test_pairs_repeated_by_month_are_called_duplicates(check, datos):
    with_month = grupos_fraccionamiento(datos).reset_index()
    feedback = check.fraccionamiento.evaluate(with_month)
    assert "repite" in feedback.message and "buyer_name/rfc" in feedback.message


def test_three_awards_instead_of_two_misses_pairs(check, datos):
    grupos = grupos_fraccionamiento(datos)
    strict = grupos[grupos["count"] >= 3].reset_index()[["buyer_name", "rfc"]].drop_duplicates()
    feedback = check.fraccionamiento.evaluate(strict)
    assert "le faltan" in feedback.message and "fila(s)" in feedback.message
    assert feedback.hint  # the first hint comes with the first wrong answer


def test_a_list_of_pairs_asks_for_a_table(check, datos):
    pairs = list(map(tuple, pares_fraccionamiento(datos).to_numpy()))
    feedback = check.fraccionamiento.evaluate(pairs)
    assert "debe ser una tabla (DataFrame de pandas)" in feedback.message


def test_feedback_never_shows_the_expected_numbers(check, datos):
    for task, wrong in (
        ("directas_por_comprador", directas_por_comprador(datos) * 100),
        ("directas_por_comprador", directas_por_comprador(datos) + 0.01),
        ("directas_por_comprador", 0.5),
        ("hhi_por_comprador", hhi_por_comprador(datos) * 10_000),
        ("hhi_por_comprador", hhi_por_comprador(datos) ** 2),
        ("hhi_por_comprador", hhi_por_comprador(datos).head(3)),
    ):
        text = shown(check[task].evaluate(wrong))
        leaked = {form for form in number_forms(SOLUTIONS[task](datos)) if form in text}
        assert not leaked, (task, leaked)


def test_feedback_never_shows_the_missing_pairs(check, datos):
    expected = pares_fraccionamiento(datos)
    for wrong in (expected.head(1), expected.iloc[:0]):
        text = shown(check.fraccionamiento.evaluate(wrong))
        hidden = expected.iloc[len(wrong) :]
        assert not any(rfc in text for rfc in hidden["rfc"])


def test_english_feedback_is_english(datos):
    set_language("en")
    try:
        bound = concentracion.TASKS.bind(datos)
        feedback = bound.hhi_por_comprador.evaluate(hhi_por_comprador(datos) * 10_000)
        assert "0 to 10,000 scale" in feedback.message
        assert "Step 1" in feedback.hint
    finally:
        set_language("es")


def test_expected_answers_survive_messy_real_files(datos):
    """Missing methods, currencies, dates and RFCs, and unawarded awards, as in real files."""
    awards = datos.awards.copy()
    awards.loc[awards.index[:50], "value_currency"] = pd.NA
    awards.loc[awards.index[50:60], "status"] = NOT_AWARDED[0]
    awards.loc[awards.index[60:70], "date"] = pd.NaT
    tenders = datos.tenders.copy()
    tenders.loc[tenders.index[:40], "procurement_method"] = pd.NA
    suppliers = datos.suppliers.copy()
    suppliers.loc[suppliers.index[:30], "rfc"] = pd.NA
    messy = dataclasses.replace(datos, awards=awards, tenders=tenders, suppliers=suppliers)
    bound = concentracion.TASKS.bind(messy)
    assert len(award_table(messy)) == len(datos.awards) - 60
    for task, solve in SOLUTIONS.items():
        assert bound[task].evaluate(solve(messy)).passed, task
    shares = concentracion.TASKS.expected_values(messy)["directas_por_comprador"]
    assert shares.between(0, 1).all()
