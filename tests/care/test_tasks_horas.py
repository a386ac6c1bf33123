"""The task set of ``cuidados/01``: expected values are the sample's planted truth (and INEGI's
derived table on the real file), the notebook's answers pass, the typical slips are named, blank
answers are "not answered" and answers survive the grader's JSON round trip."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd
import pytest

from kit import data as bundled
from kit.care import load as load_module
from kit.care import survey
from kit.care.enut import read_enut
from kit.care.tasks import horas
from kit.check import Outcome, TaskFailed

TASKS = horas.TASKS.tasks
IDS = [task.id for task in TASKS]


@pytest.fixture(scope="module")
def datos():
    return load_module.load("sample")


@pytest.fixture(scope="module")
def truth():
    return json.loads(bundled.path("care/truth.json").read_text(encoding="utf-8"))["enut"]


@pytest.fixture
def check(datos):
    from kit.i18n import set_language

    set_language("es")
    yield horas.TASKS.bind(datos)
    set_language("es")


def verdict(bound, answer):
    feedback = bound.evaluate(answer)
    return feedback.outcome, feedback.message


def test_the_task_set_is_the_first_notebook_of_the_track_and_loads_the_care_data():
    assert horas.TASKS.name == "cuidados-01"
    assert horas.TASKS.load is load_module.load
    assert IDS == ["sin_pesos", "por_sexo", "n_efectivo", "brecha"]
    assert sum(task.points for task in TASKS) == 5


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


def test_expected_values_are_the_planted_truth(datos, truth):
    assert horas.unweighted_mean(datos) == pytest.approx(truth["unweighted_mean_hours"], abs=1e-4)
    by_sex = horas.hours_by_sex(datos)
    assert by_sex.to_dict() == pytest.approx(
        {"Mujer": truth["weighted_mean_hours_by_sex"]["mujer"],
         "Hombre": truth["weighted_mean_hours_by_sex"]["hombre"]}, abs=1e-4,
    )  # fmt: skip
    assert horas.gap_women_men(datos) == pytest.approx(truth["gap_hours_women_minus_men"], 1e-4)
    n = len(datos.enut)
    assert n == truth["persons"]
    assert 0.5 * n < horas.effective_n(datos) < n  # the over-sampling costs precision


def test_the_notebook_answers_pass(check, datos):
    enut = datos.enut
    check.sin_pesos.assert_correct(enut["horas_cuidado"].mean())
    by_hand = (enut["horas_cuidado"] * enut["factor"]).groupby(enut["sexo"]).sum() / enut[
        "factor"
    ].groupby(enut["sexo"]).sum()
    check.por_sexo.assert_correct(by_hand)
    table = survey.weighted_mean(enut, "horas_cuidado", by="sexo")
    answer = table.set_index("sexo")["estimate"]
    check.por_sexo.assert_correct(answer)
    check.brecha.assert_correct(answer["Mujer"] - answer["Hombre"])
    check.brecha.assert_correct(survey.gap(enut, "horas_cuidado")["estimate"].iloc[0])
    weights = enut["factor"].astype(float)
    check.n_efectivo.assert_correct(weights.sum() ** 2 / (weights**2).sum())
    check.n_efectivo.assert_correct(survey.effective_n(enut["factor"]))


def test_forgetting_the_weights_is_named(check, datos):
    enut = datos.enut
    plain = enut.groupby("sexo")["horas_cuidado"].mean()
    outcome, message = verdict(check.por_sexo, plain)
    assert outcome is Outcome.INCORRECT and "sin pesos" in message and "factor" in message
    _, message = verdict(check.brecha, plain["Mujer"] - plain["Hombre"])
    assert "sin pesos" in message
    _, message = verdict(check.n_efectivo, len(enut))
    assert "número de filas" in message


def test_other_mistakes_get_the_generic_feedback(check, datos):
    answer = horas.hours_by_sex(datos)
    _, message = verdict(check.brecha, answer["Hombre"] - answer["Mujer"])
    assert "signo contrario" in message
    _, message = verdict(check.sin_pesos, datos.enut["horas_cuidado"].median())
    assert "`promedio_sin_pesos`" in message and "sin pesos" not in message
    _, message = verdict(check.por_sexo, answer.drop("Hombre"))
    assert "faltan" in message
    _, message = verdict(check.por_sexo, survey.weighted_mean(datos.enut, "horas_cuidado"))
    assert "Serie" in message or "valores" in message


def test_on_the_real_table_the_checks_give_the_published_derived_figures(real_cdmx):
    """On the real ENUT table: women 44.22 h, men 19.11 h, gap 25.11 h (docs/cuidados.md)."""
    real = SimpleNamespace(enut=read_enut(real_cdmx / "enut2019_horas_cuidado_por_persona.csv"))
    by_sex = horas.hours_by_sex(real)
    assert by_sex["Mujer"] == pytest.approx(44.22, abs=0.01)
    assert by_sex["Hombre"] == pytest.approx(19.11, abs=0.01)
    assert horas.gap_women_men(real) == pytest.approx(25.11, abs=0.01)
    assert horas.effective_n(real) == pytest.approx(23_306, abs=1)
    horas.TASKS.bind(real).brecha.assert_correct(by_sex["Mujer"] - by_sex["Hombre"])
