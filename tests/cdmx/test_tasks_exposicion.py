"""The task set of ``movilidad/03_exposicion``: right figures on a data set counted by eye, the
sample's planted truth (the busy station, the small station, the line of sexual crimes), checks
that accept the notebook's answers, name the typical slips and survive the grader."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kit import data as bundled
from kit.cdmx import load as load_module
from kit.cdmx.exposure import nearest_station, rate_per_million
from kit.cdmx.tasks import exposicion
from kit.cdmx.text import station_key
from kit.check import Outcome, TaskFailed
from kit.i18n import set_language
from tests.cdmx import tiny

TASKS = exposicion.TASKS.tasks
IDS = [task.id for task in TASKS]


@pytest.fixture(autouse=True)
def spanish():
    set_language("es")
    yield
    set_language("es")


@pytest.fixture(scope="module")
def small():
    return tiny.data()


@pytest.fixture(scope="module")
def datos():
    return load_module.load("sample")


@pytest.fixture(scope="module")
def truth():
    return json.loads(bundled.path("cdmx/truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def check(datos):
    return exposicion.TASKS.bind(datos)


def verdict(bound, answer):
    feedback = bound.evaluate(answer)
    return feedback.outcome, feedback.message


# --- the task set ---------------------------------------------------------------------------


def test_the_task_set_of_the_notebook_loads_the_movilidad_data():
    assert exposicion.TASKS.name == "movilidad-03"
    assert exposicion.TASKS.load is load_module.load
    assert IDS == ["viajes", "victimas", "tasas", "sobre_la_red"]
    assert [task.points for task in TASKS] == [1, 2, 2, 1]


@pytest.mark.parametrize("task", TASKS, ids=IDS)
def test_every_task_has_a_title_and_two_or_three_hints_in_both_languages(task):
    assert task.title.es and task.title.en and task.points in (1, 2)
    assert 2 <= len(task.hints) <= 3, task.id
    assert all(hint.es and hint.en and hint.es != hint.en for hint in task.hints)


# --- the computation on a data set counted by eye -------------------------------------------


def test_trips_add_up_every_day_and_payment_type_and_every_line_of_a_transfer(small):
    trips = exposicion.metro_trips(small)
    assert trips.to_dict() == tiny.TRIPS  # Bosque = its line 1 and line 3 entries; no Metrobús
    assert trips.name == "viajes"
    assert exposicion.ridership_period(small) == (
        pd.Timestamp("2023-01-01"),
        pd.Timestamp("2023-01-02"),
    )


def test_only_women_of_metro_and_sexual_crimes_in_the_period_with_coordinates_are_selected(small):
    chosen = exposicion.selected_victims(small)
    assert len(chosen) == 9  # 7 near a station, one 500 m away, one 11 km away
    assert set(chosen["sexo"]) == {"Mujer"}
    assert chosen["fecha_hecho"].between("2023-01-01", "2023-01-02").all()
    assert len(exposicion.selected_victims(small, sexo=None)) == 11
    assert len(exposicion.selected_victims(small, period=False)) == 11


def test_victims_are_linked_within_the_distance_to_the_station_not_the_platform(small):
    assert exposicion.victims_by_station(small).to_dict() == tiny.VICTIMS
    linked = exposicion.linked_victims(small)
    assert linked["distancia_m"].max() <= exposicion.DISTANCIA_M
    assert set(linked.loc[linked["clave_estacion"] == "bosque", "linea_cercana"]) == {"1", "3"}
    no_limit = exposicion.victims_by_station(small, max_m=None).to_dict()
    assert no_limit == {"animas": 2, "bosque": 3, "cerro": 4}
    assert exposicion.victims_by_station(small, max_m=50).to_dict() == {"bosque": 1, "cerro": 1}


def test_rates_divide_by_the_trips_and_carry_exact_intervals(small):
    rates = exposicion.rates_by_station(small)
    assert list(rates.index) == ["cerro", "animas", "bosque"]  # highest rate first
    assert rates.loc["cerro", "estacion"] == "Cerro" and rates.loc["animas", "estacion"] == "Ánimas"
    assert rates["tasa"].to_dict() == pytest.approx({"cerro": 10.0, "animas": 1.0, "bosque": 0.6})
    two = rate_per_million(2, 200_000).iloc[0]
    assert rates.loc["cerro", "ci_low"] == pytest.approx(two["ci_low"])
    assert (rates["ci_low"] < rates["tasa"]).all() and (rates["tasa"] < rates["ci_high"]).all()


def quiet_cerro():
    """The tiny data without the victims near Cerro."""
    quiet = tiny.data()
    near_cerro = quiet.victimas["latitud"].between(tiny.LAT["Cerro"], tiny.LAT["Cerro"] + tiny.NEAR)
    quiet.victimas = quiet.victimas.loc[~near_cerro]
    return quiet


def test_a_station_without_victims_has_a_rate_of_zero_and_one_without_trips_none(small):
    quiet = quiet_cerro()
    rates = exposicion.rates_by_station(quiet)
    assert rates.loc["cerro", "victimas"] == 0 and rates.loc["cerro", "tasa"] == 0
    assert rates.loc["cerro", "ci_high"] > 0
    closed = tiny.data()
    closed.afluencia = closed.afluencia.loc[closed.afluencia["estacion"] != "Cerro"]
    assert "cerro" not in exposicion.rates_by_station(closed).index


def test_the_network_rate_and_the_stations_clearly_above_it(small):
    assert exposicion.network_rate(small) == pytest.approx(7 / 7_200_000 * 1e6)
    above = exposicion.above_network(small)
    assert above == {"cerro"}
    assert above.slips["estimate"] == {"cerro", "animas"}  # Ánimas: 1.0 > 0.97, interval not


def test_station_names_with_accents_and_keys_are_the_same_station(small):
    bound = exposicion.TASKS.bind(small)
    by_name = pd.Series({"Ánimas": 2_000_000, "Bosque": 5_000_000, "Cerro": 200_000})
    bound.viajes.assert_correct(by_name)
    bound.victimas.assert_correct(pd.Series({"ÁNIMAS": 2, "bosque": 3, "Cerro": 2}))
    bound.sobre_la_red.assert_correct({"Cerro"})


# --- the sample's planted truth -------------------------------------------------------------


def test_trips_per_station_are_the_sample_truth(datos, truth):
    trips = exposicion.metro_trips(datos)
    facts = truth["exposicion"]
    for planted in ("concurrida", "pequena"):
        station = facts[planted]
        assert trips[station_key(station["estacion"])] == station["viajes"]
    assert len(trips) == datos.estaciones["clave_estacion"].nunique()  # a transfer counts once
    assert exposicion.ridership_period(datos) == (
        pd.Timestamp("2023-01-01"),
        pd.Timestamp("2024-12-31"),
    )


def test_linking_reproduces_the_truths_robbery_counts_by_line_and_station(datos, truth):
    """truth.json counts robberies of Metro passengers (any sex) within 500 m by line."""
    facts = truth["exposicion"]
    linked = exposicion.linked_victims(datos, max_m=facts["radio_m"], sexo=None)
    robbed = linked.loc[linked["transporte"] == "Metro"]
    assert len(robbed) == facts["asignadas"]
    counts = robbed.groupby(["linea_cercana", "clave_estacion"]).size()
    for planted in ("concurrida", "pequena"):
        station = facts[planted]
        key = (station["linea"], station_key(station["estacion"]))
        assert counts[key] == station["victimas"]


def test_the_busy_station_has_the_most_victims_but_an_ordinary_rate(datos, truth):
    busy = station_key(truth["planted"]["busy_station"][1])
    victims = exposicion.victims_by_station(datos)
    assert victims.idxmax() == busy
    rates = exposicion.rates_by_station(datos)
    rank = list(rates.index).index(busy) + 1
    assert rank > len(rates) / 2  # in the lower half by rate
    network = exposicion.network_rate(datos)
    assert rates.loc[busy, "ci_low"] <= network <= rates.loc[busy, "ci_high"] * 1.5
    assert busy not in exposicion.above_network(datos)


def test_the_small_station_has_the_highest_rate_few_victims_and_a_wide_interval(datos, truth):
    small = truth["planted"]["small_station"][1]
    key = station_key(small)
    rates = exposicion.rates_by_station(datos)
    assert rates.index[0] == key and rates.iloc[0]["estacion"] == small
    row = rates.loc[key]
    assert row["victimas"] <= 10
    widths = (rates["ci_high"] - rates["ci_low"]) / rates["tasa"].where(rates["tasa"] > 0)
    assert widths[key] > widths.median()
    assert row["ci_high"] - row["ci_low"] == (rates["ci_high"] - rates["ci_low"]).max()
    assert key in exposicion.above_network(datos)


def test_the_other_stations_clearly_above_the_network_are_on_the_line_of_sexual_crimes(
    datos, truth
):
    line = truth["planted"]["sexual_line"]
    small = station_key(truth["planted"]["small_station"][1])
    stations = datos.estaciones
    on_line = set(stations.loc[stations["linea"] == line, "clave_estacion"])
    above = exposicion.above_network(datos)
    assert len(above) >= 3
    assert above - {small} <= on_line
    assert len(above.slips["estimate"]) > len(above)  # the point estimate flags many more


# --- the checks on the sample ---------------------------------------------------------------


@pytest.mark.parametrize("task", TASKS, ids=IDS)
def test_the_placeholder_is_not_attempted(check, task):
    bound = check[task.id]
    assert bound.evaluate(...).outcome is Outcome.NOT_ATTEMPTED
    with pytest.raises(TaskFailed, match="reemplaza"):
        bound.assert_correct(...)


@pytest.mark.parametrize("task", TASKS, ids=IDS)
def test_the_expected_answer_passes_its_own_check(check, datos, task):
    check[task.id].assert_correct(task.expected(datos))


@pytest.mark.parametrize("task", TASKS, ids=IDS)
def test_the_answer_survives_the_graders_json_round_trip(check, datos, task):
    """``kit grade`` records answers as JSON data and judges them in its own process."""
    from kit.organizer.grade.answers import dump
    from kit.organizer.grade.answers import load as read_back

    answer = task.expected(datos)
    if isinstance(answer, frozenset):  # as a notebook computes it: a plain set
        answer = set(answer)
    recorded = json.loads(json.dumps(dump(answer), allow_nan=False))
    check[task.id].assert_correct(read_back(recorded))


def test_a_check_never_raises_on_a_wrong_type(check):
    for bound in check:
        for wrong in ("texto", pd.DataFrame({"x": [1]}), 3, pd.Series([1.0, 2.0]), {"a": 1}):
            outcome, _ = verdict(bound, wrong)
            assert outcome in (Outcome.INCORRECT, Outcome.ERROR), (bound.task.id, wrong)


def test_the_notebooks_own_selection_of_victims_is_the_kits(datos):
    """Section 3 of the notebook selects the victims in visible code: the same rows."""
    metro = datos.afluencia[datos.afluencia["sistema"] == "Metro"]
    inicio, fin = metro["fecha"].min(), metro["fecha"].max()
    v = datos.victimas
    dia = v["fecha_hecho"].dt.normalize()
    es_metro = v["transporte"] == "Metro"
    es_sexual = v["delito"].astype(str).str.startswith(exposicion.DELITOS_SEXUALES)
    con_lugar = v["latitud"].notna() & v["longitud"].notna()
    chosen = (es_metro | es_sexual) & (v["sexo"] == "Mujer") & dia.between(inicio, fin) & con_lugar
    pd.testing.assert_frame_equal(v[chosen], exposicion.selected_victims(datos))
    assert 0 < chosen.sum() < (es_metro | es_sexual).sum()


def notebook_answers(datos):
    """The answers as the notebook's solution computes them."""
    metro = datos.afluencia[datos.afluencia["sistema"] == "Metro"]
    viajes = metro.groupby("estacion")["afluencia"].sum()
    mujeres = exposicion.selected_victims(datos)
    cerca = nearest_station(
        mujeres["latitud"], mujeres["longitud"], datos.estaciones, max_m=exposicion.DISTANCIA_M
    )
    victimas = cerca["estacion"].value_counts()
    conteos = victimas.reindex(viajes.index, fill_value=0)
    tasas = rate_per_million(conteos, viajes)
    red = tasas["victimas"].sum() / tasas["viajes"].sum() * 1_000_000
    return viajes, victimas, tasas, set(tasas.index[tasas["ci_low"] > red])


def test_the_checks_accept_the_notebook_answers_by_station_name(check, datos):
    viajes, victimas, tasas, sobre = notebook_answers(datos)
    check.viajes.assert_correct(viajes)
    check.victimas.assert_correct(victimas)
    check.tasas.assert_correct(tasas)
    check.sobre_la_red.assert_correct(sobre)
    check.sobre_la_red.assert_correct(list(sobre))
    check.viajes.assert_correct(viajes.to_frame())


def test_the_trips_check_names_counting_rows_and_a_mean(check, datos):
    metro = datos.afluencia[datos.afluencia["sistema"] == "Metro"]
    outcome, message = verdict(check.viajes, metro.groupby("estacion")["afluencia"].count())
    assert outcome is Outcome.INCORRECT and "filas" in message and ".sum()" in message
    _, message = verdict(check.viajes, metro.groupby("estacion")["afluencia"].mean())
    assert "promedio" in message
    _, message = verdict(check.viajes, metro.groupby("estacion")["afluencia"].sum() / 2)
    assert "`viajes_por_estacion`" in message and "valores distintos" in message


def test_the_victims_check_names_no_limit_other_sexes_and_other_dates(check, datos):
    def by_station(**options):
        return exposicion.victims_by_station(datos, **options)

    _, message = verdict(check.victimas, by_station(max_m=None))
    assert "sin límite de distancia" in message
    _, message = verdict(check.victimas, by_station(sexo=None))
    assert "no son mujeres" in message
    _, message = verdict(check.victimas, by_station(period=False))
    assert "sin datos de afluencia" in message
    outcome, message = verdict(check.victimas, by_station(max_m=100))
    assert outcome is Outcome.INCORRECT and "`victimas_por_estacion`" in message
    with_zeros = by_station().reindex(exposicion.metro_trips(datos).index, fill_value=0)
    check.victimas.assert_correct(with_zeros)  # stations with 0 may stay in


def test_the_rates_check_names_missing_zeros_per_trip_and_missing_columns(check, datos):
    tasas = notebook_answers(datos)[2]
    quiet = quiet_cerro()
    counts = exposicion.victims_by_station(quiet)
    trips = exposicion.metro_trips(quiet)
    only_some = rate_per_million(counts, trips.reindex(counts.index))
    _, message = verdict(exposicion.TASKS.bind(quiet).tasas, only_some)
    assert "sin víctimas" in message and "fill_value=0" in message
    per_trip = tasas.assign(tasa=tasas["tasa"] / 1e6)
    _, message = verdict(check.tasas, per_trip)
    assert "millón" in message
    _, message = verdict(check.tasas, tasas.drop(columns=["ci_low"]))
    assert "ci_low" in message
    check.tasas.assert_correct(tasas.rename_axis("estacion").reset_index())  # station as a column
    _, message = verdict(check.tasas, tasas["tasa"])
    assert "Serie" in message
    shifted = tasas.assign(ci_high=tasas["ci_high"] * 1.1)
    outcome, message = verdict(check.tasas, shifted)
    assert outcome is Outcome.INCORRECT and "ci_high" in message


def test_the_set_check_names_the_point_estimate_and_the_upper_bound(check, datos):
    _, _, tasas, sobre = notebook_answers(datos)
    red = tasas["victimas"].sum() / tasas["viajes"].sum() * 1e6
    _, message = verdict(check.sobre_la_red, set(tasas.index[tasas["tasa"] > red]))
    assert "límite inferior" in message
    _, message = verdict(check.sobre_la_red, set(tasas.index[tasas["ci_high"] > red]))
    assert "superior" in message
    outcome, message = verdict(check.sobre_la_red, set(list(sobre)[:2]))
    assert outcome is Outcome.INCORRECT and "faltan" in message
    mask = tasas["ci_low"] > red
    check.sobre_la_red.assert_correct(mask)  # a boolean Series by station is read as the set


def test_messages_follow_the_language(check, datos):
    set_language("en")
    metro = datos.afluencia[datos.afluencia["sistema"] == "Metro"]
    _, message = verdict(check.viajes, metro.groupby("estacion")["afluencia"].count())
    assert "counts **rows**" in message
