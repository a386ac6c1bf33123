"""The budget explorer of session 06: its table agrees with kit.budget and with the planted
truth of the sample, the widget is drawn headless, follows its controls and speaks both
languages."""

from __future__ import annotations

import json

import pytest

from kit.budget import load
from kit.data import DATA_DIR
from kit.i18n import set_language
from kit.widgets._render import WIDGET_VIEW
from kit.widgets.budget import (
    MEASURES,
    BudgetExplorer,
    budget_explorer,
    program_years,
    programs_of,
)


@pytest.fixture(scope="module")
def table():
    return load("sample").presupuesto


@pytest.fixture(scope="module")
def truth():
    return json.loads((DATA_DIR / "budget" / "truth.json").read_text(encoding="utf-8"))


# --- the plain functions --------------------------------------------------------------------


def test_program_years_holds_the_planted_under_spending_of_12_k011(table, truth):
    years = program_years(table, "12", "K011")
    assert list(years.index) == [2019, 2020, 2021, 2022, 2023, 2024]
    for year, planted in truth["subejercicio"]["ciclos"].items():
        row = years.loc[int(year)]
        for measure in MEASURES:
            assert row[measure] == pytest.approx(planted[measure], rel=1e-9)
        assert row["ejercido_aprobado"] == pytest.approx(planted["ejercido_aprobado"], abs=5e-3)


def test_real_pesos_reproduce_the_planted_fall_of_11_e010(table, truth):
    planted = truth["real"]
    nominal = program_years(table, "11", "E010")["ejercido"]
    real = program_years(table, "11", "E010", real=True)
    assert real.attrs["pesos_de"] == planted["pesos_de"] == 2024
    for year, value in planted["ejercido_real"].items():
        assert real.loc[int(year), "ejercido"] == pytest.approx(value, rel=1e-6)
    assert nominal[2024] / nominal[2019] - 1 == pytest.approx(planted["cambio_nominal"], abs=1e-3)
    assert real["ejercido"][2024] / real["ejercido"][2019] - 1 == pytest.approx(
        planted["cambio_real"], abs=1e-3
    )


def test_a_year_without_the_programme_is_missing_not_zero(table, truth):
    created = program_years(table, "20", "S287")
    absent = [y for y in created.index if y not in truth["creado"]["ciclos"]]
    assert absent == [2019, 2020]
    assert created.loc[absent, list(MEASURES)].isna().all().all()
    assert created.loc[2021, "aprobado"] > 0
    closed = program_years(table, "11", "S243")
    assert closed.loc[2021:, "ejercido"].isna().all()
    assert closed.loc[2020, "ejercido"] > 0


def test_programmes_are_ramo_plus_programa(table, truth):
    shared = truth["claves_compartidas"]["E010"]
    assert shared == ["11", "12"]
    a, b = (program_years(table, ramo, "E010")["aprobado"] for ramo in shared)
    assert not a.equals(b)
    assert ("E010" in [key for _, key in programs_of(table, "12")]) is True
    assert all(label.startswith(key) for label, key in programs_of(table, "11"))
    with pytest.raises(KeyError, match="36-K011"):
        program_years(table, "36", "K011")


# --- the widget -----------------------------------------------------------------------------


def test_built_headless_it_draws_12_k011_with_a_plot_and_a_table(table):
    explorer = budget_explorer(table)
    assert isinstance(explorer, BudgetExplorer)
    assert (explorer.ramo.value, explorer.programa.value) == ("12", "K011")
    assert bytes(explorer.image.value).startswith(b"\x89PNG")
    assert "Ejercido / aprobado" in explorer.html.value
    assert "58%" in explorer.html.value  # 2021: spent 58 % of its approval
    assert "no prueba" in explorer.html.value


def test_the_controls_move_the_table_and_the_plot(table, truth):
    explorer = budget_explorer(table)
    first_png, first_html = explorer.image.value, explorer.html.value

    explorer.ramo.value = "36"
    assert explorer.programa.value in [key for _, key in programs_of(table, "36")]
    explorer.programa.value = "E903"
    planted = truth["modificaciones"]["ciclos"]["2022"]
    assert explorer.table.loc[2022, "modificado"] == pytest.approx(planted["modificado"])
    assert explorer.image.value != first_png and explorer.html.value != first_html

    nominal = explorer.table.loc[2019, "ejercido"]
    explorer.pesos.value = True
    assert explorer.table.loc[2019, "ejercido"] > nominal * 1.2  # 2019 pesos in 2024 pesos
    assert explorer.table.loc[2024, "ejercido"] == pytest.approx(
        program_years(table, "36", "E903").loc[2024, "ejercido"]
    )
    assert "Millones de pesos de 2024" in explorer.html.value

    explorer.measure.value = "ejercido"
    assert explorer.measures() == ["ejercido"]
    assert "<th>Aprobado</th>" not in explorer.html.value
    assert "<th>Ejercido</th>" in explorer.html.value
    before = explorer.image.value
    explorer.chart.value = "bar"
    assert explorer.image.value != before


def test_a_ramo_keeps_the_programme_key_when_it_has_it(table):
    explorer = budget_explorer(table, "11", "E010")
    explorer.ramo.value = "12"
    assert explorer.programa.value == "E010"
    assert explorer.table["aprobado"].equals(program_years(table, "12", "E010")["aprobado"])


def test_snapshot_and_widget_view(table):
    bundle = budget_explorer(table)._repr_mimebundle_()
    assert WIDGET_VIEW in bundle
    assert bundle["text/html"].startswith('<div class="kit-explorer"><img src="data:image/png')
    assert "Explorador interactivo" in bundle["text/plain"]


def test_english(table):
    set_language("en")
    explorer = budget_explorer(table, real=True)
    assert "Million 2024 pesos" in explorer.html.value
    assert "Spent / approved" in explorer.html.value
    assert "not proof of wrongdoing" in explorer.html.value
    assert [label for label, _ in explorer.pesos.options] == ["Nominal", "Real"]
