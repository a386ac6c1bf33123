"""TaskSet movilidad-02 (when and where): expected values are the sample's planted truth and hand
counts on a crafted table, the notebook's answers pass, the usual slips are named, blank answers
are "not answered" and answers survive the grader's JSON round trip."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd
import pytest

from kit import data as bundled
from kit.cdmx import load as load_module
from kit.cdmx.exposure import nearest_station
from kit.cdmx.tasks import cuando_donde as tareas
from kit.cdmx.tasks import exposicion
from kit.check import Outcome, TaskFailed
from kit.i18n import set_language
from tests.cdmx import tiny

IDS = [task.id for task in tareas.TASKS.tasks]
ROBO = "ROBO A PASAJERO A BORDO DE METRO SIN VIOLENCIA"
MONDAY, SATURDAY = "2023-01-02", "2023-01-07"


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
    """Records counted by eye around the three stations of :mod:`tests.cdmx.tiny`."""
    a, b, c, lon = tiny.LAT["Ánimas"], tiny.LAT["Bosque"], tiny.LAT["Cerro"], tiny.LON
    rows = [
        # fecha, hora_hecho, sexo, delito, transporte, lat, lon
        (MONDAY, "08:10", "Mujer", ROBO, "Metro", a, lon),  # weekday, peak
        (MONDAY, "19:30", "Mujer", ROBO, "Metro", b, lon),  # weekday, peak
        (MONDAY, "13:05", "Mujer", ROBO, "Metro", c, lon),  # weekday, not peak
        (MONDAY, "00:00", "Mujer", ROBO, "Metro", c, lon),  # placeholder: no hour
        (SATURDAY, "08:45", "Mujer", ROBO, "Metro", a, lon),  # weekend
        (MONDAY, "08:20", "Hombre", ROBO, "Metro", a, lon),  # not a woman
        (MONDAY, "08:30", "Mujer", "ROBO A PASAJERO EN TROLEBUS SIN VIOLENCIA", "Trolebús", a, lon),
        (MONDAY, "18:00", "Mujer", "ABUSO SEXUAL", None, a + tiny.NEAR, lon),  # line 1
        (MONDAY, "18:10", "Mujer", "ACOSO SEXUAL", None, b, lon + 0.0003),  # line 3 platform
        (MONDAY, "18:20", "Mujer", "ACOSO SEXUAL AGRAVADO EN CONTRA DE MENORES", None, c, lon),
        (MONDAY, "18:30", "Mujer", "ABUSO SEXUAL", None, c + 5 * tiny.NEAR, lon),  # ~500 m
        (MONDAY, "18:40", "Mujer", "ABUSO SEXUAL", None, None, None),  # no coordinates
        (MONDAY, "18:50", "Hombre", "ABUSO SEXUAL", None, a, lon),  # not a woman
        (MONDAY, "12:00", None, "ABUSO SEXUAL", None, b, lon),  # sex unknown
    ]
    columns = ["fecha_hecho", "hora_hecho", "sexo", "delito", "transporte", "latitud", "longitud"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["fecha_hecho"] = pd.to_datetime(frame["fecha_hecho"])
    placeholder = frame["hora_hecho"].isin(["00:00", "12:00"])
    frame["hora"] = frame["hora_hecho"].str.slice(0, 2).astype("Int64").mask(placeholder)
    frame["sexo"] = pd.Categorical(frame["sexo"], categories=["Mujer", "Hombre"])
    frame["delito"] = frame["delito"].astype("category")
    frame["transporte"] = pd.Categorical(frame["transporte"], categories=["Metro", "Trolebús"])
    frame[["latitud", "longitud"]] = frame[["latitud", "longitud"]].astype(float)
    return SimpleNamespace(victimas=frame, estaciones=tiny.stations())


# --- the task set ---------------------------------------------------------------------------


def test_the_task_set_loads_the_movilidad_data_and_has_titled_bilingual_tasks():
    assert tareas.TASKS.name == "movilidad-02" and tareas.TASKS.load is load_module.load
    assert IDS == ["por_hora", "pico", "sexuales_linea"]
    for task in tareas.TASKS.tasks:
        assert task.title.es and task.title.en and task.points in (1, 2)
        assert 2 <= len(task.hints) <= 3
        assert all(hint.es and hint.en and hint.es != hint.en for hint in task.hints)


def test_sexual_crimes_and_distance_are_those_of_the_exposure_notebook():
    assert tareas.DELITOS_SEXUALES == exposicion.DELITOS_SEXUALES
    assert tareas.DISTANCIA_M == exposicion.DISTANCIA_M


def test_expected_values_count_the_crafted_records_by_hand():
    tiny_data = crafted()
    assert tareas.metro_women_by_hour(tiny_data).to_dict() == {8: 2, 13: 1, 19: 1}
    assert tareas.peak_share(tiny_data) == pytest.approx(2 / 3)  # the placeholder is left out
    assert tareas.peak_share(tiny_data).slips["all_days"] == (pytest.approx(3 / 4),)
    by_line = tareas.sexual_by_line(tiny_data)
    assert by_line.to_dict() == {"1": 1, "3": 2}  # the transfer goes to its nearer platform
    linked = tareas.sexual_near_stations(tiny_data)
    assert len(linked) == 4 and linked["distancia_m"].isna().sum() == 1


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
    peaks = truth["horas_pico"]
    assert tuple(peaks["horas_pico"]) == tareas.HORAS_PICO
    assert round(tareas.peak_share(datos), 4) == peaks["entre_semana"]["proporcion_en_pico"]
    by_hour = tareas.metro_women_by_hour(datos)
    assert by_hour.sum() == peaks["entre_semana"]["registros"] + peaks["fin_de_semana"]["registros"]
    sexual = truth["sexuales_por_linea"]
    assert sexual["radio_m"] == tareas.DISTANCIA_M
    assert tareas.sexual_by_line(datos).to_dict() == sexual["por_linea"]
    assert tareas.sexual_by_line(datos).idxmax() == truth["planted"]["sexual_line"]


def test_the_notebook_answers_pass(check, datos):
    v = datos.victimas
    metro = v[(v["sexo"] == "Mujer") & (v["transporte"] == "Metro")]
    check.por_hora.assert_correct(metro["hora"].value_counts())
    check.por_hora.assert_correct(metro.groupby("hora").size())
    weekdays = metro[metro["fecha_hecho"].dt.day_of_week < 5].dropna(subset=["hora"])
    check.pico.assert_correct(weekdays["hora"].isin(tareas.HORAS_PICO).mean())
    sexual = v[(v["sexo"] == "Mujer") & v["delito"].astype("string").str.startswith(
        tareas.DELITOS_SEXUALES)].dropna(subset=["latitud", "longitud"])  # fmt: skip
    near = nearest_station(
        sexual["latitud"], sexual["longitud"], datos.estaciones, max_m=tareas.DISTANCIA_M
    )
    check.sexuales_linea.assert_correct(near["linea"].value_counts())


def test_the_usual_slips_are_named(check, datos):
    v = datos.victimas
    metro = v[(v["sexo"] == "Mujer") & (v["transporte"] == "Metro")]
    hour_as_written = metro["hora_hecho"].str.slice(0, 2).astype(int)
    assert "relleno" in verdict(check.por_hora, hour_as_written.value_counts())[1]
    everyone = v[v["transporte"] == "Metro"]["hora"].value_counts()
    assert "no son mujeres" in verdict(check.por_hora, everyone)[1]
    peak = metro["hora"].isin(tareas.HORAS_PICO)
    weekday = metro["fecha_hecho"].dt.day_of_week < 5
    known = metro["hora"].notna()
    assert "fines de semana" in verdict(check.pico, peak[known].mean())[1]
    assert "sin hora confiable" in verdict(check.pico, peak[weekday].mean())[1]
    assert "fines de semana" in verdict(check.pico, peak[~weekday & known].mean())[1]
    assert "porcentaje" in verdict(check.pico, peak[weekday & known].mean() * 100)[1]
    sexual = v[(v["sexo"] == "Mujer") & v["delito"].isin(tareas.DELITOS_SEXUALES)]
    sexual = sexual.dropna(subset=["latitud"])
    far = nearest_station(sexual["latitud"], sexual["longitud"], datos.estaciones, max_m=None)
    assert "sin límite" in verdict(check.sexuales_linea, far["linea"].value_counts())[1]
