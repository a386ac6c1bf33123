"""The task set of ``cuidados/02``: expected values are the sample's planted truth (and, on the
real files, Data Cívica's published supply-demand table), the notebook's answers pass, the
typical slips are named, blank answers are "not answered" and answers survive the grader's JSON
round trip."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pandas as pd
import pytest

from kit import data as bundled
from kit.care import load as load_module
from kit.care.census import read_population
from kit.care.denue import read_denue
from kit.care.supply import read_supply_demand
from kit.care.tasks import oferta
from kit.check import Outcome, TaskFailed

TASKS = oferta.TASKS.tasks
IDS = [task.id for task in TASKS]


@pytest.fixture(scope="module")
def datos():
    return load_module.load("sample")


@pytest.fixture(scope="module")
def truth():
    return json.loads(bundled.path("care/truth.json").read_text(encoding="utf-8"))["supply"]


@pytest.fixture
def check(datos):
    from kit.i18n import set_language

    set_language("es")
    yield oferta.TASKS.bind(datos)
    set_language("es")


@pytest.fixture(scope="module")
def real(real_cdmx):
    return SimpleNamespace(
        establecimientos=read_denue(real_cdmx / "denue_servicios_cuidado_establecimientos_mx.csv"),
        poblacion=read_population(
            real_cdmx / "censo2020_poblacion_que_requiere_cuidados_municipal.csv"
        ),
    )


def verdict(bound, answer):
    feedback = bound.evaluate(answer)
    return feedback.outcome, feedback.message


# --- the task set ------------------------------------------------------------------------------


def test_the_task_set_is_the_second_notebook_of_the_track_and_loads_the_care_data():
    assert oferta.TASKS.name == "cuidados-02"
    assert oferta.TASKS.load is load_module.load
    assert IDS == ["coordenadas", "por_alcaldia", "ninos_por_guarderia", "mayor_deficit"]
    assert [task.points for task in TASKS] == [1, 1, 2, 2]


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
def test_the_expected_answer_survives_the_graders_json_round_trip(check, datos, task):
    from kit.organizer.grade.answers import dump
    from kit.organizer.grade.answers import load as read_back

    answer = task.expected(datos)
    if isinstance(answer, frozenset):  # as a notebook computes it: a plain set
        answer = set(answer)
    recorded = json.loads(json.dumps(dump(answer), allow_nan=False))
    check[task.id].assert_correct(read_back(recorded))


def test_a_check_never_raises_on_a_wrong_type(check):
    for bound in check:
        for wrong in ("texto", pd.DataFrame({"x": [1]}), 3, [1, 2]):
            outcome, _ = verdict(bound, wrong)
            assert outcome in (Outcome.INCORRECT, Outcome.ERROR)


# --- expected values = the planted truth -------------------------------------------------------


def test_the_unusable_coordinates_are_the_six_planted_ones(datos, truth):
    frame = oferta.establishments(datos)
    problems = oferta.coordinate_problems(frame)
    found = dict(zip(frame.loc[problems.notna(), "id"], problems.dropna(), strict=True))
    assert found == {bad["id"]: bad["kind"] for bad in truth["bad_coordinates"]}
    assert oferta.bad_coordinates(datos) == 6


def test_cleaning_puts_swapped_coordinates_back_and_drops_the_rest(datos, truth):
    clean = oferta.clean_coordinates(oferta.establishments(datos)).set_index("id")
    assert len(clean) == truth["establishments"] - 4
    assert clean["latitud"].between(*oferta.LATITUD).all()
    assert clean["longitud"].between(*oferta.LONGITUD).all()
    for bad in truth["bad_coordinates"]:
        if bad["kind"] == "invertidas":
            box = truth["boxes"][bad["cve_mun"]]
            point = clean.loc[bad["id"]]
            assert box["lat_min"] <= point["latitud"] <= box["lat_max"]
            assert box["lon_min"] <= point["longitud"] <= box["lon_max"]
        else:
            assert bad["id"] not in clean.index


def test_establishments_by_alcaldia_and_service_are_the_planted_counts(datos, truth):
    table = oferta.by_alcaldia_and_service(datos)
    names = {code: place["municipio"] for code, place in truth["population"].items()}
    planted = {
        (names[code], service): n
        for code, services in truth["establishments_by_alcaldia_and_service"].items()
        for service, n in services.items()
    }
    assert table.stack().to_dict() == planted
    assert int(table.to_numpy().sum()) == truth["establishments"]


def test_children_per_guarderia_and_the_shortfall_are_the_planted_coverage(datos, truth):
    planted = truth["coverage"]["guarderia"]
    assert planted["benchmark_personas_por_establecimiento"] == oferta.REFERENCIA
    per = oferta.children_per_daycare(datos)
    table = oferta.shortfall(datos).set_index("municipio")
    for name, row in planted["por_alcaldia"].items():
        assert per[name] == pytest.approx(row["personas_por_establecimiento"], abs=0.005)
        assert round(table.loc[name, "faltan"]) == row["faltan"]
    by_missing = sorted(
        planted["por_alcaldia"], key=lambda n: -planted["por_alcaldia"][n]["faltan"]
    )
    assert oferta.largest_shortfall(datos) == set(by_missing[:3])
    # the planted worst coverage is a different set: the slip the feedback names
    assert oferta.largest_shortfall(datos).slips["coverage"] == set(planted["mayores_deficits"])
    assert table["faltan"].idxmin() == planted["superavit"]


def test_the_asilo_shortfall_is_the_planted_one(datos, truth):
    planted = truth["coverage"]["asilo"]
    table = oferta.shortfall(datos, planted["benchmark_personas_por_establecimiento"], "asilo")
    worst = table.nlargest(3, "personas_por_establecimiento")["municipio"]
    assert set(worst) == set(planted["mayores_deficits"])
    assert table.set_index("municipio")["faltan"].idxmin() == planted["superavit"]


def test_the_ranking_changes_with_the_reference_ratio(datos):
    top = {
        ratio: list(oferta.shortfall(datos, ratio)["municipio"].head(3)) for ratio in (130, 1000)
    }
    assert top[130] != top[1000]
    assert set(top[130]) != oferta.largest_shortfall(datos)


# --- the notebook's answers pass, the slips are named ------------------------------------------


def test_the_notebooks_answers_pass(check, datos):
    e = oferta.establishments(datos)
    inside = e["latitud"].between(19.0, 19.6) & e["longitud"].between(-99.4, -98.9)
    check.coordenadas.assert_correct(int((~inside).sum()))
    check.por_alcaldia.assert_correct(pd.crosstab(e["municipio"], e["servicio"]))
    check.por_alcaldia.assert_correct(e.groupby(["municipio", "servicio"]).size())
    check.por_alcaldia.assert_correct(e.groupby(["municipio", "servicio"], as_index=False).size())
    check.por_alcaldia.assert_correct(pd.crosstab(e["servicio"], e["municipio"]))
    guarderias = e[e["servicio"] == "guarderia"].groupby("cve_mun").size().rename("guarderias")
    table = datos.poblacion.merge(guarderias, left_on="cve_mun", right_index=True)
    table["por"] = table["ninas_ninos_0_5"] / table["guarderias"]
    check.ninos_por_guarderia.assert_correct(table.set_index("municipio")["por"])
    table["faltan"] = table["ninas_ninos_0_5"] / oferta.REFERENCIA - table["guarderias"]
    check.mayor_deficit.assert_correct(set(table.nlargest(3, "faltan")["municipio"]))
    check.mayor_deficit.assert_correct(list(table.nlargest(3, "faltan")["municipio"]))
    check.mayor_deficit.assert_correct(table.set_index("municipio")["faltan"].nlargest(3))


def test_only_missing_coordinates_is_too_few(check, datos):
    e = oferta.establishments(datos)
    outcome, message = verdict(check.coordenadas, int(e["latitud"].isna().sum()))
    assert outcome is Outcome.INCORRECT and "menor" in message


def test_counting_only_the_mappable_establishments_is_named(check, datos):
    clean = oferta.clean_coordinates(oferta.establishments(datos))
    _, message = verdict(check.por_alcaldia, pd.crosstab(clean["municipio"], clean["servicio"]))
    assert "coordenadas buenas" in message and "cve_mun" in message
    guarderias = clean[clean["servicio"] == "guarderia"].groupby("cve_mun").size()
    table = datos.poblacion.set_index("cve_mun").assign(n=guarderias)
    answer = (table["ninas_ninos_0_5"] / table["n"]).set_axis(table["municipio"])
    _, message = verdict(check.ninos_por_guarderia, answer)
    assert "coordenadas buenas" in message


def test_dividing_the_other_way_or_by_every_service_is_named(check, datos):
    per = oferta.children_per_daycare(datos)
    _, message = verdict(check.ninos_por_guarderia, 1 / per)
    assert "al revés" in message
    e = oferta.establishments(datos)
    table = datos.poblacion.set_index("cve_mun").assign(n=e.groupby("cve_mun").size())
    answer = (table["ninas_ninos_0_5"] / table["n"]).set_axis(table["municipio"])
    _, message = verdict(check.ninos_por_guarderia, answer)
    assert "todos" in message and "guarderia" in message


def test_ranking_by_coverage_or_by_children_or_upside_down_is_named(check, datos):
    table = oferta.shortfall(datos)
    cases = {
        "cobertura": set(table.nlargest(3, "personas_por_establecimiento")["municipio"]),
        "más niñas y niños": set(table.nlargest(3, "personas")["municipio"]),
        "menos": set(table.nsmallest(3, "faltan")["municipio"]),
    }
    for words, answer in cases.items():
        outcome, message = verdict(check.mayor_deficit, answer)
        assert outcome is Outcome.INCORRECT and words in message, words


def test_a_count_table_of_another_shape_says_what_is_expected(check, datos):
    outcome, message = verdict(check.por_alcaldia, oferta.establishments(datos)["municipio"])
    assert outcome is Outcome.INCORRECT and "una columna por servicio" in message


# --- the real files ------------------------------------------------------------------------------


def test_on_the_real_files_the_shortfall_is_data_civicas_published_table(real, real_cdmx):
    published = read_supply_demand(real_cdmx / "cdmx_oferta_demanda_cuidados_alcaldia.csv")
    assert len(oferta.establishments(real)) == 912
    assert oferta.bad_coordinates(real) == 0
    assert oferta.by_alcaldia_and_service(real).sum().to_dict() == {
        "guarderia": 756,
        "asilo": 107,
        "discapacidad": 49,
    }
    for service, ratio in (("guarderia", 130), ("asilo", 324), ("discapacidad", 100)):
        theirs = published[published["servicio"] == service].set_index("cve_mun").sort_index()
        ours = oferta.shortfall(real, ratio, service).set_index("cve_mun").sort_index()
        assert (ours["establecimientos"] == theirs["establecimientos"]).all(), service
        assert (ours["personas"] == theirs["personas_que_requieren"]).all(), service
        assert (ours["faltan"].round() == theirs["faltan"]).all(), service


def test_on_the_real_files_every_check_accepts_its_expected_answer(real):
    check = oferta.TASKS.bind(real)
    for task in TASKS:
        check[task.id].assert_correct(task.expected(real))
    assert len(oferta.children_per_daycare(real)) == 16
    assert oferta.largest_shortfall(real) == {"Iztapalapa", "Gustavo A. Madero", "Álvaro Obregón"}
