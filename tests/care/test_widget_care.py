"""The care-value explorer: plain functions agree with the graded answers and the formula, the
widget is built headless, follows its controls and speaks both languages."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.care import load as load_module
from kit.care.tasks import valor
from kit.i18n import set_language
from kit.widgets import (
    CareValueExplorer,
    alcaldia_value,
    care_hours,
    care_value_by_alcaldia,
    care_value_explorer,
    people_12_plus,
)


@pytest.fixture(autouse=True)
def spanish():
    set_language("es")
    yield
    set_language("es")


@pytest.fixture(scope="module")
def datos():
    return load_module.load("sample")


def test_hours_and_shares_by_sex_come_from_the_region(datos):
    table = care_hours(datos.enut).set_index("sexo")
    assert table.loc["Mujer", "estimate"] == pytest.approx(valor.region_hours(datos)["Mujer"])
    assert table["proporcion"].sum() == pytest.approx(1)
    assert table.loc["Mujer", "proporcion"] == pytest.approx(valor.women_share(datos))
    national = care_hours(datos.enut, None).set_index("sexo")
    assert national.loc["Mujer", "n"] > table.loc["Mujer", "n"]


def test_people_12_plus_subtract_the_children_and_need_the_iter_ages(datos):
    older = people_12_plus(datos.poblacion)
    pob = datos.poblacion.set_index("cve_mun")
    assert len(older) == 16 and (older < pob["poblacion"]).all()
    assert (
        older["09007"]
        == pob.loc["09007", "poblacion"]
        - pob.loc["09007", ["ninas_ninos_0_5", "ninas_ninos_6_11"]].sum()
    )
    with pytest.raises(KeyError, match="ITER"):
        people_12_plus(datos.poblacion.drop(columns="ninas_ninos_6_11"))


def test_the_value_table_is_the_formula_and_agrees_with_the_graded_answer(datos):
    table = care_value_by_alcaldia(datos, wage_per_hour=50)
    assert len(table) == 32 and set(table["sexo"]) == {"Mujer", "Hombre"}
    formula = table["horas"] * table["personas"] * table["salario_hora"] * 52
    assert table["valor_anual"].to_numpy() == pytest.approx(formula.to_numpy())
    women = table[table["sexo"] == "Mujer"].set_index("municipio")["valor_anual"]
    expected = valor.women_value_by_alcaldia(datos)
    assert women.to_dict() == pytest.approx(expected.to_dict(), rel=1e-9)
    double = care_value_by_alcaldia(datos, wage_per_hour=100)
    assert double["valor_anual"].sum() == pytest.approx(2 * table["valor_anual"].sum())


def test_one_alcaldia_by_code_or_name_with_or_without_accents(datos):
    by_code = alcaldia_value(datos, "09010", 60)
    assert list(by_code["sexo"]) == ["Mujer", "Hombre"]
    assert by_code.equals(alcaldia_value(datos, "alvaro obregon", 60))
    assert (by_code["valor_anual"] > 0).all()
    assert by_code.loc[0, "valor_anual"] > by_code.loc[1, "valor_anual"]  # women care more


def test_the_explorer_is_drawn_once_when_built_and_follows_its_controls(datos):
    explorer = care_value_explorer(datos, wage_per_hour=50, alcaldia="Iztapalapa")
    assert isinstance(explorer, CareValueExplorer)
    assert explorer.alcaldia.value == "09007" and explorer.wage.value == 50
    assert explorer.image.value[:8] == b"\x89PNG\r\n\x1a\n"
    first = explorer.table["valor_anual"].copy()
    pd.testing.assert_series_equal(
        first, alcaldia_value(datos, "09007", 50)["valor_anual"], check_names=False
    )
    assert "Mujeres" in explorer.html.value and "modelada" in explorer.html.value
    explorer.wage.value = 100
    assert explorer.table["valor_anual"].to_numpy() == pytest.approx(2 * first.to_numpy())
    explorer.alcaldia.value = "09009"
    assert explorer.table["municipio"].eq("Milpa Alta").all()
    assert explorer.table["valor_anual"].sum() < first.sum()
    names = [name for name, _ in explorer.alcaldia.options]
    assert len(names) == 16 and names[0] == "Álvaro Obregón"  # sorted ignoring accents


def test_labels_follow_the_language(datos):
    set_language("en")
    explorer = care_value_explorer(datos, alcaldia="09014")
    assert explorer.wage.description == "Hourly wage ($)"
    assert "Women" in explorer.html.value and "Modelled estimate" in explorer.html.value
    assert "application/vnd.jupyter.widget-view+json" in explorer._repr_mimebundle_()
