"""The Metro line explorer: right numbers from plain functions, controls that update them, a
drawing that runs headless, labels in the notebook's language."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.cdmx import load as load_module
from kit.cdmx.tasks import exposicion
from kit.i18n import set_language
from kit.widgets import (
    MetroLineExplorer,
    line_rate,
    line_station_rates,
    metro_line_explorer,
    metro_lines,
    victims_in_window,
)
from tests.cdmx import tiny


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


# --- plain functions on the data counted by eye ---------------------------------------------


def test_lines_come_numbers_first_in_numeric_order(small, datos):
    assert metro_lines(small) == ["1", "3"]
    assert metro_lines(datos) == ["1", "3", "8", "12", "A"]


def test_a_line_lists_its_stations_in_order_with_every_trip_of_a_transfer(small):
    table = line_station_rates(small, "3")
    assert list(table.columns) == [
        "estacion", "clave_estacion", "victimas", "viajes", "tasa", "ci_low", "ci_high",
    ]  # fmt: skip
    assert table["estacion"].tolist() == ["Bosque", "Cerro"]
    assert table["victimas"].tolist() == [3, 2]
    assert table["viajes"].tolist() == [5_000_000, 200_000]
    assert table["tasa"].tolist() == pytest.approx([0.6, 10.0])
    total = line_rate(table)
    assert total["victimas"] == 5 and total["tasa"] == pytest.approx(5 / 5.2)
    assert total["ci_low"] < total["tasa"] < total["ci_high"]


def test_an_hour_range_keeps_only_victims_with_a_trustworthy_hour_inside_it(small):
    linked = exposicion.linked_victims(small, sexo=None)
    assert len(victims_in_window(linked)) == 7  # the whole day keeps the unknown hour
    evening = victims_in_window(linked, (18, 21))
    assert sorted(evening["hora"].tolist()) == [18, 19, 20, 21]
    assert line_station_rates(small, "1", (18, 21))["victimas"].tolist() == [1, 1]
    assert line_station_rates(small, "1", (7, 9))["victimas"].tolist() == [1, 1]
    assert line_station_rates(small, "3", (22, 23))["victimas"].tolist() == [0, 0]


def test_the_sex_option_counts_women_men_or_everyone(small):
    assert line_station_rates(small, "1", sexo="Mujer")["victimas"].tolist() == [2, 3]
    assert line_station_rates(small, "1", sexo="Hombre")["victimas"].tolist() == [1, 0]
    assert line_station_rates(small, "1", sexo=None)["victimas"].tolist() == [3, 4]


def test_a_station_without_trips_is_left_out(small):
    closed = tiny.data()
    closed.afluencia = closed.afluencia.loc[closed.afluencia["estacion"] != "Cerro"]
    assert line_station_rates(closed, "3")["estacion"].tolist() == ["Bosque"]


# --- the sample -----------------------------------------------------------------------------


def test_the_whole_day_for_women_agrees_with_the_notebook_rates(datos):
    rates = exposicion.rates_by_station(datos)
    for line in metro_lines(datos):
        table = line_station_rates(datos, line).set_index("clave_estacion")
        expected = rates.loc[table.index]
        pd.testing.assert_series_equal(
            table["tasa"], expected["tasa"], check_names=False, check_index_type=False
        )
        assert table["ci_high"].to_numpy() == pytest.approx(expected["ci_high"].to_numpy())


def test_the_line_of_sexual_crimes_has_the_highest_rate_for_women(datos):
    rates = {
        line: line_rate(line_station_rates(datos, line))["tasa"] for line in metro_lines(datos)
    }
    assert max(rates, key=rates.get) == "8"


# --- the widget -----------------------------------------------------------------------------


def test_the_explorer_builds_headless_with_the_initial_state_drawn(datos):
    explorer = metro_line_explorer(datos, "8")
    assert isinstance(explorer, MetroLineExplorer)
    pd.testing.assert_frame_equal(explorer.table, line_station_rates(datos, "8"))
    assert bytes(explorer.image.value).startswith(b"\x89PNG")
    assert "<th>Estación</th>" in explorer.html.value and "Toda la línea" in explorer.html.value
    assert "no un veredicto" in explorer.html.value
    assert "application/vnd.jupyter.widget-view+json" in explorer._repr_mimebundle_()


def test_moving_the_controls_recomputes_and_redraws(datos):
    explorer = metro_line_explorer(datos)
    assert explorer.line.value == "1" and tuple(explorer.hours.value) == (0, 23)
    image, html = explorer.image.value, explorer.html.value
    explorer.line.value = "A"
    assert explorer.image.value != image and explorer.html.value != html
    pd.testing.assert_frame_equal(explorer.table, line_station_rates(datos, "A"))
    explorer.hours.value = (18, 21)
    explorer.sex.value = None
    pd.testing.assert_frame_equal(explorer.table, line_station_rates(datos, "A", (18, 21), None))
    assert "afluencia es diaria" in explorer.html.value
    assert "hora confiable" in explorer.html.value  # placeholders and missing hours left out


def test_the_controls_offer_the_lines_and_the_sexes(datos):
    explorer = metro_line_explorer(datos)
    assert list(explorer.line.options) == ["1", "3", "8", "12", "A"]
    assert [value for _, value in explorer.sex.options] == ["Mujer", "Hombre", None]
    assert (explorer.hours.min, explorer.hours.max) == (0, 23)


def test_labels_follow_the_language(small):
    set_language("en")
    explorer = metro_line_explorer(small, "3", (18, 21))
    assert explorer.line.description == "Line" and explorer.hours.description == "Hours"
    assert [label for label, _ in explorer.sex.options] == ["women", "men", "all"]
    assert "<th>Station</th>" in explorer.html.value and "Whole line" in explorer.html.value


def test_a_line_without_stations_with_trips_draws_a_message_not_an_error(small):
    closed = tiny.data()
    closed.afluencia = closed.afluencia.loc[closed.afluencia["linea"] != "3"]
    closed.afluencia = closed.afluencia.loc[closed.afluencia["estacion"] != "Bosque"]
    explorer = metro_line_explorer(closed, "3")
    assert explorer.table.empty
    assert bytes(explorer.image.value).startswith(b"\x89PNG")
