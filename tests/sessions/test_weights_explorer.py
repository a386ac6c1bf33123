"""The weights explorer of session 05: its table agrees with kit.care.survey and with the planted
truth of the sample, the widget is drawn headless, follows its controls and speaks both
languages."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from kit.care import survey
from kit.care.load import load
from kit.data import DATA_DIR
from kit.i18n import set_language
from kit.widgets._render import WIDGET_VIEW
from kit.widgets.weights import (
    GROUPS,
    TOTAL,
    WeightsExplorer,
    group_label,
    weights_explorer,
    weights_table,
)


@pytest.fixture(scope="module")
def datos():
    return load("sample")


@pytest.fixture(scope="module")
def truth():
    return json.loads((DATA_DIR / "care" / "truth.json").read_text(encoding="utf-8"))["enut"]


# --- the table ------------------------------------------------------------------------------


def test_by_sex_the_table_holds_the_planted_weighted_and_unweighted_means(datos, truth):
    table = weights_table(datos.enut, "sexo").set_index("sexo")
    assert list(table.index) == ["Mujer", "Hombre", TOTAL]  # women first, everyone last
    weighted = truth["weighted_mean_hours_by_sex"]
    assert table.loc["Mujer", "con_pesos"] == pytest.approx(weighted["mujer"], abs=1e-3)
    assert table.loc["Hombre", "con_pesos"] == pytest.approx(weighted["hombre"], abs=1e-3)
    assert table.loc[TOTAL, "con_pesos"] == pytest.approx(truth["weighted_mean_hours"], abs=1e-3)
    assert table.loc[TOTAL, "sin_pesos"] == pytest.approx(truth["unweighted_mean_hours"], abs=1e-3)
    assert table.loc[TOTAL, "filas"] == truth["persons"] == table["filas"].iloc[:2].sum()


def test_the_intervals_are_the_survey_module_s_and_the_plain_one_is_s_over_root_n(datos):
    table = weights_table(datos.enut, "sexo").set_index("sexo")
    expected = survey.weighted_mean(datos.enut, "horas_cuidado", by="sexo").set_index("sexo")
    for sex in ("Mujer", "Hombre"):
        assert table.loc[sex, "con_pesos_ci_low"] == pytest.approx(expected.loc[sex, "ci_low"])
        assert table.loc[sex, "con_pesos_ci_high"] == pytest.approx(expected.loc[sex, "ci_high"])
        hours = datos.enut.loc[datos.enut["sexo"] == sex, "horas_cuidado"]
        half = 1.959964 * hours.std() / len(hours) ** 0.5
        assert table.loc[sex, "sin_pesos_ci_high"] == pytest.approx(hours.mean() + half, rel=1e-5)


def test_shares_of_rows_and_people_add_up_and_show_the_over_sampled_stratum(datos):
    table = weights_table(datos.enut, "region", split_by_sex=True)
    groups = table[table["region"] != TOTAL]
    assert len(groups) == 12
    assert groups["pct_filas"].sum() == pytest.approx(100)
    assert groups["pct_personas"].sum() == pytest.approx(100)
    assert groups["personas"].sum() == pytest.approx(datos.enut["factor"].sum())
    over = groups["pct_filas"] - groups["pct_personas"]
    top = groups.loc[over.idxmax()]
    assert (top["region"], top["sexo"]) == ("Mesoamérica Central", "Mujer")
    assert over.max() > 5  # 22 % of the rows stand for 16 % of the people


def test_effective_n_is_kish_s_and_never_above_the_rows(datos):
    table = weights_table(datos.enut, "tiene_hijos")
    everyone = table[table["tiene_hijos"] == TOTAL].iloc[0]
    assert everyone["n_efectivo"] == pytest.approx(survey.effective_n(datos.enut["factor"]))
    assert (table["n_efectivo"] <= table["filas"]).all()
    assert list(table["tiene_hijos"]) == [False, True, TOTAL]


def test_a_crafted_frame_counted_by_hand():
    frame = pd.DataFrame(
        {"sexo": ["Mujer", "Mujer", "Hombre"], "factor": [1, 3, 4], "horas_cuidado": [10, 30, 5]}
    )
    table = weights_table(frame, "sexo").set_index("sexo")
    assert table.loc["Mujer", "sin_pesos"] == pytest.approx(20)
    assert table.loc["Mujer", "con_pesos"] == pytest.approx((10 + 90) / 4)
    assert table.loc[TOTAL, "con_pesos"] == pytest.approx((10 + 90 + 20) / 8)
    assert table.loc["Mujer", "pct_filas"] == pytest.approx(200 / 3)
    assert table.loc["Mujer", "pct_personas"] == pytest.approx(50)
    assert table.loc["Mujer", "n_efectivo"] == pytest.approx(16 / 10)


def test_group_labels_read_as_words():
    assert group_label("pareja", True) == "Con pareja"
    assert group_label("sexo", "Mujer") == "Mujeres"
    assert group_label("region", "Zona Maya") == "Zona Maya"
    assert group_label("region", TOTAL) == "Todas las personas"


# --- the widget -----------------------------------------------------------------------------


def test_the_explorer_is_drawn_once_when_built(datos):
    explorer = weights_explorer(datos)
    assert isinstance(explorer, WeightsExplorer)
    assert bytes(explorer.image.value).startswith(b"\x89PNG")
    pd.testing.assert_frame_equal(explorer.table, weights_table(datos.enut, "sexo"))
    assert "<th>% de filas</th>" in explorer.html.value
    assert "<th>Horas con pesos (IC 95 %)</th>" in explorer.html.value
    assert "<th>Horas sin pesos</th>" in explorer.html.value and "ficticios" in explorer.html.value
    assert "31.8 (30.8–32.8)" in explorer.html.value  # women, weighted, with the interval
    assert [value for _, value in explorer.by.options] == list(GROUPS)
    assert explorer.split.disabled  # splitting sex by sex means nothing
    bundle = explorer._repr_mimebundle_()
    assert WIDGET_VIEW in bundle and "<table" in bundle["text/html"]
    assert "data:image/png;base64," in bundle["text/html"]


def test_moving_the_controls_recomputes_and_redraws(datos):
    explorer = weights_explorer(datos, by="sexo")
    image, html = explorer.image.value, explorer.html.value
    explorer.weighted.value = False
    assert explorer.image.value != image and explorer.html.value != html
    assert "<th>Horas sin pesos (IC 95 %)</th>" in explorer.html.value
    assert "34.4 (33.4–35.4)" in explorer.html.value and "equivocada" in explorer.html.value
    explorer.by.value = "region"
    assert not explorer.split.disabled
    assert len(explorer.table) == 7  # six regions and everyone
    explorer.split.value = True
    assert len(explorer.table) == 13 and "Mesoamérica Central · Mujeres" in explorer.html.value
    pd.testing.assert_frame_equal(explorer.table, weights_table(datos.enut, "region", True))


def test_labels_follow_the_language(datos):
    set_language("en")
    explorer = weights_explorer(datos.enut, by="pareja", weighted=False)
    assert explorer.by.description == "Group by" and explorer.split.description.startswith("Split")
    assert [label for label, _ in explorer.weighted.options] == ["weighted", "unweighted"]
    assert "<th>% of rows</th>" in explorer.html.value and "With a partner" in explorer.html.value
    assert "Everyone" in explorer.html.value
