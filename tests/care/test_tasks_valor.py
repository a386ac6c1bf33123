"""The task set of ``cuidados/03``: expected values follow from the sample's planted truth, the
notebook's answers pass, the typical slips (no weights, one week, the whole country, every age,
children counted, hours without people, percentages) are named, blanks are "not answered" and
answers survive the grader's JSON round trip."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kit import data as bundled
from kit.care import load as load_module
from kit.care import survey
from kit.care.enoe import labour_participation
from kit.care.tasks import horas, valor
from kit.care.valuation import value_unpaid_care
from kit.check import Outcome, TaskFailed

TASKS = valor.TASKS.tasks
IDS = [task.id for task in TASKS]


@pytest.fixture(scope="module")
def datos():
    return load_module.load("sample")


@pytest.fixture(scope="module")
def truth():
    return json.loads(bundled.path("care/truth.json").read_text(encoding="utf-8"))


@pytest.fixture
def check(datos):
    from kit.i18n import set_language

    set_language("es")
    yield valor.TASKS.bind(datos)
    set_language("es")


def verdict(bound, answer):
    feedback = bound.evaluate(answer)
    return feedback.outcome, feedback.message


@pytest.fixture(scope="module")
def notebook(datos):
    """The notebook's own steps, as a participant writes them."""
    en_region = datos.enut[datos.enut["region"] == valor.REGION]
    horas_region = survey.weighted_mean(en_region, "horas_cuidado", by="sexo").set_index("sexo")
    pob = datos.poblacion.set_index("municipio")
    pob["personas_12_mas"] = pob["poblacion"] - pob["ninas_ninos_0_5"] - pob["ninas_ninos_6_11"]
    pesos = en_region.groupby("sexo")["factor"].sum()
    return horas_region, pob, pesos["Mujer"] / pesos.sum()


def test_the_track_has_at_least_eight_graded_tasks_and_this_set_is_notebook_three():
    assert valor.TASKS.name == "cuidados-03"
    assert valor.TASKS.load is load_module.load
    assert IDS == ["una_mujer", "participacion", "por_alcaldia", "parte_mujeres"]
    assert len(TASKS) + len(horas.TASKS.tasks) >= 8


@pytest.mark.parametrize("task", TASKS, ids=IDS)
def test_every_task_has_a_title_and_two_or_three_hints_in_both_languages(task):
    assert task.title.es and task.title.en and task.points in (1, 2)
    assert 2 <= len(task.hints) <= 3
    assert all(hint.es and hint.en and hint.es != hint.en for hint in task.hints)


@pytest.mark.parametrize("task", TASKS, ids=IDS)
def test_the_placeholder_is_not_attempted(check, task):
    assert check[task.id].evaluate(...).outcome is Outcome.NOT_ATTEMPTED
    with pytest.raises(TaskFailed, match="reemplaza"):
        check[task.id].assert_correct(...)


@pytest.mark.parametrize("task", TASKS, ids=IDS)
def test_the_answer_survives_the_graders_json_round_trip(check, datos, task):
    from kit.organizer.grade.answers import dump
    from kit.organizer.grade.answers import load as read_back

    recorded = json.loads(json.dumps(dump(task.expected(datos)), allow_nan=False))
    check[task.id].assert_correct(read_back(recorded))


def test_a_check_never_raises_on_a_wrong_type(check):
    for bound in check:
        for wrong in ("texto", pd.DataFrame({"x": [1]}), [1, 2]):
            assert verdict(bound, wrong)[0] in (Outcome.INCORRECT, Outcome.ERROR)


def test_expected_values_follow_from_the_planted_truth(datos, truth):
    hours = truth["enut"]["weighted_mean_hours_by_region_and_sex"][valor.REGION]
    assert valor.value_one_woman(datos) == pytest.approx(hours["mujer"] * 50 * 52, abs=1)
    rates = valor.participation_cdmx(datos)
    assert rates.to_dict() == pytest.approx(
        {"Mujer": truth["enoe"]["participation_cdmx"]["mujer"],
         "Hombre": truth["enoe"]["participation_cdmx"]["hombre"]}, abs=1e-4,
    )  # fmt: skip
    by_place = valor.women_value_by_alcaldia(datos)
    population = {p["municipio"]: p for p in truth["supply"]["population"].values()}
    assert set(by_place.index) == set(population)
    assert by_place.idxmax() == max(population, key=lambda m: population[m]["poblacion"])
    share = valor.women_share_of_value(datos)
    assert 0.5 < share < 1 and share > valor.women_share(datos)  # women care more hours


def test_the_notebook_answers_pass(check, datos, notebook):
    horas_region, pob, proporcion_mujeres = notebook
    una = value_unpaid_care(horas_region.loc["Mujer", "estimate"], 1, 50, 52)
    check.una_mujer.assert_correct(una)
    ciudad = datos.enoe[datos.enoe["ent"] == 9]
    check.participacion.assert_correct(labour_participation(ciudad).set_index("sexo")["estimate"])
    check.por_alcaldia.assert_correct(pob["personas_12_mas"] * proporcion_mujeres * una)
    m = horas_region.loc["Mujer", "estimate"] * proporcion_mujeres
    h = horas_region.loc["Hombre", "estimate"] * (1 - proporcion_mujeres)
    check.parte_mujeres.assert_correct(m / (m + h))


def test_the_typical_slips_are_named(check, datos, notebook):
    horas_region, pob, proporcion_mujeres = notebook
    women = horas_region.loc["Mujer", "estimate"]
    _, message = verdict(check.una_mujer, women * 50)
    assert "una semana" in message
    national = survey.weighted_mean(datos.enut, "horas_cuidado", by="sexo").set_index("sexo")
    _, message = verdict(check.una_mujer, national.loc["Mujer", "estimate"] * 50 * 52)
    assert "todo el país" in message
    en_region = datos.enut[datos.enut["region"] == valor.REGION]
    plain = en_region.loc[en_region["sexo"] == "Mujer", "horas_cuidado"].mean()
    _, message = verdict(check.una_mujer, plain * 50 * 52)
    assert "sin pesos" in message

    everyone = labour_participation(datos.enoe).set_index("sexo")["estimate"]
    _, message = verdict(check.participacion, everyone)
    assert "todas las entidades" in message
    ciudad = datos.enoe[datos.enoe["ent"] == 9]
    all_ages = survey.weighted_share(ciudad, "pea", by="sexo").set_index("sexo")["estimate"]
    _, message = verdict(check.participacion, all_ages)
    assert "todas las edades" in message
    right = labour_participation(ciudad).set_index("sexo")["estimate"]
    _, message = verdict(check.participacion, right * 100)
    assert "porcentaje" in message

    una = women * 50 * 52
    _, message = verdict(check.por_alcaldia, pob["poblacion"] * proporcion_mujeres * una)
    assert "12 años" in message
    _, message = verdict(
        check.por_alcaldia, pob["personas_12_mas"] * proporcion_mujeres * women * 50
    )
    assert "una semana" in message

    men = horas_region.loc["Hombre", "estimate"]
    _, message = verdict(check.parte_mujeres, women / (women + men))
    assert "cuántas" in message
    _, message = verdict(check.parte_mujeres, 100 * valor.women_share_of_value(datos))
    assert "porcentaje" in message


def test_without_enoe_the_participation_check_reports_instead_of_raising(check, datos):
    from types import SimpleNamespace

    no_enoe = SimpleNamespace(enut=datos.enut, poblacion=datos.poblacion, enoe=None)
    bound = valor.TASKS.bind(no_enoe).participacion
    assert bound.evaluate(pd.Series({"Mujer": 0.5, "Hombre": 0.7})).outcome is Outcome.ERROR
    valor.TASKS.bind(no_enoe).una_mujer.assert_correct(valor.value_one_woman(datos))
