"""TaskSet movilidad-01 (the data and its limits): expected values are the sample's planted truth
and hand counts on a crafted table, the notebook's answers pass, the usual slips are named, blank
answers are "not answered" and answers survive the grader's JSON round trip."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd
import pytest

from kit import data as bundled
from kit.cdmx import load as load_module
from kit.cdmx.tasks import datos as tareas
from kit.check import Outcome, TaskFailed
from kit.i18n import set_language

IDS = [task.id for task in tareas.TASKS.tasks]


@pytest.fixture(scope="module")
def datos():
    return load_module.load("sample")


@pytest.fixture(scope="module")
def truth():
    return json.loads(bundled.path("cdmx/truth.json").read_text(encoding="utf-8"))


@pytest.fixture
def check(datos):
    set_language("es")
    yield tareas.TASKS.bind(datos)
    set_language("es")


def verdict(bound, answer):
    feedback = bound.evaluate(answer)
    return feedback.outcome, feedback.message


def crafted() -> SimpleNamespace:
    """Six records counted by eye: two layouts, a legal person, both placeholder times."""
    rows = [
        # esquema, tipo_persona, sexo, hora_hecho, placeholder, transporte, hecho, inicio
        ("actual", "FISICA", "Mujer", "08:15", False, "Metro", "2023-01-02", "2023-01-02"),
        ("actual", "FISICA", None, "00:00", True, "Metro", "2023-01-02", "2023-01-05"),
        ("actual", "MORAL", None, "12:00", True, None, "2023-01-02", "2023-01-03"),
        ("anterior", "FISICA", "Hombre", "19:40", False, "Taxi", "2022-05-01", "2022-05-11"),
        ("anterior", "FISICA", None, "21:05", False, None, "2022-05-01", "2022-05-02"),
        ("anterior", "FISICA", "Mujer", "00:00", True, None, "2022-05-01", "2022-05-01"),
    ]
    columns = ["esquema", "tipo_persona", "sexo", "hora_hecho", "hora_placeholder"]
    columns += ["transporte", "fecha_hecho", "fecha_inicio"]
    frame = pd.DataFrame(rows, columns=columns)
    for name in ("esquema", "tipo_persona", "transporte"):
        frame[name] = frame[name].astype("category")
    frame["sexo"] = pd.Categorical(frame["sexo"], categories=["Mujer", "Hombre"])
    for name in ("fecha_hecho", "fecha_inicio"):
        frame[name] = pd.to_datetime(frame[name])
    return SimpleNamespace(victimas=frame)


# --- the task set ---------------------------------------------------------------------------


def test_the_task_set_loads_the_movilidad_data_and_has_titled_bilingual_tasks():
    assert tareas.TASKS.name == "movilidad-01" and tareas.TASKS.load is load_module.load
    assert IDS == ["demora", "sin_sexo", "relleno", "por_sistema"]
    for task in tareas.TASKS.tasks:
        assert task.title.es and task.title.en and task.points in (1, 2)
        assert 2 <= len(task.hints) <= 3
        assert all(hint.es and hint.en and hint.es != hint.en for hint in task.hints)


def test_expected_values_count_the_crafted_records_by_hand():
    tiny = crafted()
    shares = tareas.missing_sex_by_layout(tiny)  # the legal person is not a missing value
    assert shares.to_dict() == {"actual": pytest.approx(1 / 2), "anterior": pytest.approx(1 / 3)}
    assert tareas.placeholder_share(tiny) == pytest.approx(3 / 6)
    assert tareas.victims_by_system(tiny).to_dict() == {"Metro": 2, "Taxi": 1}
    assert list(tareas.delay_days(tiny.victimas)) == [0, 3, 1, 10, 1, 0]
    assert tareas.median_delay(tiny) == pytest.approx(1.0)
    tiny.victimas["tipo_persona"] = pd.NA  # an extract without the column: every record counts
    assert tareas.missing_sex_by_layout(tiny).to_dict() == {
        "actual": pytest.approx(2 / 3),
        "anterior": pytest.approx(1 / 3),
    }


@pytest.mark.parametrize("task_id", IDS)
def test_the_placeholder_is_not_attempted(check, task_id):
    assert check[task_id].evaluate(...).outcome is Outcome.NOT_ATTEMPTED
    with pytest.raises(TaskFailed, match="reemplaza"):
        check[task_id].assert_correct(...)


@pytest.mark.parametrize("task_id", IDS)
def test_the_answer_survives_the_graders_json_round_trip(check, datos, task_id):
    from kit.organizer.grade.answers import dump
    from kit.organizer.grade.answers import load as read_back

    answer = check[task_id].task.expected(datos)
    answer = float(answer) if isinstance(answer, float) else answer
    recorded = json.loads(json.dumps(dump(answer), allow_nan=False))
    check[task_id].assert_correct(read_back(recorded))


def test_a_check_never_raises_on_a_wrong_type(check):
    for bound in check:
        for wrong in ("texto", pd.DataFrame({"x": [1, 2]}), 3, [1, 2]):
            outcome, _ = verdict(bound, wrong)
            assert outcome in (Outcome.INCORRECT, Outcome.ERROR)


# --- the sample's planted truth and the notebook's answers ------------------------------------


def test_expected_values_are_the_sample_truth(datos, truth):
    missing = truth["faltantes"]
    shares = tareas.missing_sex_by_layout(datos)
    for layout, facts in missing.items():
        assert shares[layout] == pytest.approx(facts["sin_sexo"] / facts["fisicas"])
    placeholders = truth["horas_placeholder"]
    flagged = sum(p["00:00"] + p["12:00"] for p in placeholders.values())
    assert tareas.placeholder_share(datos) == pytest.approx(flagged / truth["conteos"]["total"])
    assert tareas.victims_by_system(datos).to_dict() == truth["conteos"]["transporte"]
    assert tareas.median_delay(datos) == truth["demora"]["dias_cuantiles"]["q50"]


def test_the_notebook_answers_pass(check, datos):
    v = datos.victimas
    personas = v[v["tipo_persona"] == "FISICA"]
    check.sin_sexo.assert_correct(personas["sexo"].isna().groupby(personas["esquema"]).mean())
    check.relleno.assert_correct(v["hora_placeholder"].mean())
    check.por_sistema.assert_correct(v["transporte"].value_counts())  # Cablebús 0 kept: fine
    check.por_sistema.assert_correct(v["transporte"].value_counts().loc[lambda s: s > 0])
    check.demora.assert_correct((v["fecha_inicio"] - v["fecha_hecho"]).dt.days.median())


def test_the_usual_slips_are_named(check, datos):
    v = datos.victimas
    personas = v[v["tipo_persona"] == "FISICA"]
    _, message = verdict(check.sin_sexo, v["sexo"].isna().groupby(v["esquema"]).mean())
    assert "personas morales" in message
    _, message = verdict(check.sin_sexo, personas["sexo"].isna().groupby(personas["esquema"]).sum())
    assert "conteo" in message
    percent = personas["sexo"].isna().groupby(personas["esquema"]).mean() * 100
    assert "porcentaje" in verdict(check.sin_sexo, percent)[1]
    _, message = verdict(check.relleno, (v["hora_hecho"] == "12:00").mean())
    assert "una" in message and "12:00" in message
    assert "porcentaje" in verdict(check.relleno, v["hora_placeholder"].mean() * 100)[1]
    outcome, message = verdict(check.por_sistema, v["transporte"].value_counts(dropna=False))
    assert outcome is Outcome.INCORRECT and "no deberían estar" in message
    mujeres = v[v["sexo"] == "Mujer"]["transporte"].value_counts()
    assert verdict(check.por_sistema, mujeres)[0] is Outcome.INCORRECT
    _, message = verdict(check.demora, (v["fecha_inicio"] - v["fecha_hecho"]).dt.days.mean())
    assert "mediana" in message
    _, message = verdict(check.demora, (v["fecha_inicio"] - v["fecha_hecho"]).median())
    assert "número" in message  # a Timedelta, not days
