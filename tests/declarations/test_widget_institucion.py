"""The institution risk explorer: built headless, one institution at a time, bilingual."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.i18n import set_language
from kit.widgets import InstitutionRiskExplorer, institution_risk_explorer


@pytest.fixture(autouse=True)
def spanish():
    set_language("es")
    yield
    set_language("es")


@pytest.fixture
def table():
    return pd.DataFrame(
        {
            "institucion": ["SALUD", "SALUD", "SEFIN"],
            "señal": ["conflicto", "inhabilitado en S2", "conflicto"],
            "persona": ["Ana <b>", "Luis", "Eva"],
        }
    )


def test_it_is_drawn_once_when_built_with_the_busiest_institution_first(table):
    explorer = institution_risk_explorer(table)
    assert isinstance(explorer, InstitutionRiskExplorer)
    assert explorer.dropdown.value == "SALUD"
    assert explorer.dropdown.options[0] == ("SALUD (2)", "SALUD")
    assert "2 señal(es)" in explorer.html.value and "Luis" in explorer.html.value
    assert "Eva" not in explorer.html.value
    assert "Ana &lt;b&gt;" in explorer.html.value  # the table escapes its cells
    assert "no es una prueba" in explorer.html.value


def test_choosing_another_institution_redraws_the_table(table):
    explorer = institution_risk_explorer(table)
    explorer.dropdown.value = "SEFIN"
    assert list(explorer.rows()["persona"]) == ["Eva"]
    assert "Eva" in explorer.html.value and "Luis" not in explorer.html.value


def test_labels_follow_the_language_and_an_empty_table_still_draws(table):
    set_language("en")
    explorer = institution_risk_explorer(table.iloc[0:0])
    assert explorer.dropdown.description == "Institution"
    assert "No signals" in explorer.html.value and "not proof" in explorer.html.value
    assert "application/vnd.jupyter.widget-view+json" in explorer._repr_mimebundle_()
