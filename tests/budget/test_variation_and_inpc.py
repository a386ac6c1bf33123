"""Variation flags on a crafted table, and the INPC arithmetic of constant pesos."""

import math

import pandas as pd
import pytest

from kit.budget import deflate, to_constant_pesos, variation_flags
from kit.budget.inpc import ANNUAL, MONTHLY, factor
from kit.errors import KitError
from tests.budget.conftest import small_table as table

ROWS = [
    (2022, "12", "K011", 100.0, 98.0, 60.0, 60.0),  # under-spent, modified kept near approved
    (2022, "36", "E903", 100.0, 185.0, 182.0, 180.0),  # over-spent through modifications
    (2022, "11", "E010", 100.0, 101.0, 99.0, 99.0),  # ordinary
    (2022, "20", "S287", 0.0, 50.0, 48.0, 48.0),  # created during the year
    (2022, "09", "K003", 100.0, 100.0, 76.0, 76.0),  # 24 % below: inside the 25 % band
]


def test_flags_say_which_way_and_whether_modifications_explain_it():
    flags = variation_flags(table(ROWS)).set_index(["ramo", "programa"])
    assert set(flags.index) == {("12", "K011"), ("36", "E903"), ("20", "S287")}
    assert flags.loc[("12", "K011"), "senal"] == "debajo"
    assert not flags.loc[("12", "K011"), "por_modificaciones"]
    assert flags.loc[("36", "E903"), "senal"] == "encima"
    assert flags.loc[("36", "E903"), "por_modificaciones"]
    assert flags.loc[("36", "E903"), "desviacion"] == pytest.approx(0.82)
    assert flags.loc[("20", "S287"), "senal"] == "sin_aprobado"
    assert math.isnan(flags.loc[("20", "S287"), "desviacion"])


def test_the_note_says_signal_not_finding():
    flags = variation_flags(table(ROWS))
    assert "no hallazgos" in flags.attrs["nota"] or "not findings" in flags.attrs["nota"]
    assert flags.attrs["umbral"] == 0.25
    assert list(flags["programa"]) == ["S287", "E903", "K011"], "biggest departures first"


def test_a_lower_threshold_flags_more_and_a_bad_one_is_refused():
    assert len(variation_flags(table(ROWS), 0.2)) == 4
    assert len(variation_flags(table(ROWS), 0.5)) == 2
    for bad in (0, 25, -0.1):
        with pytest.raises(ValueError, match="threshold"):
            variation_flags(table(ROWS), bad)


def test_flags_of_a_summary_and_of_some_years():
    from kit.budget import by_program

    rows = [*ROWS, (2023, "12", "K011", 100.0, 100.0, 61.0, 61.0)]
    assert len(variation_flags(by_program(table(rows)), years=2023)) == 1
    assert len(variation_flags(table(rows), years=[2022])) == 3


def test_annual_averages_reproduce_inegis_average_inflation():
    published = {2019: 3.64, 2020: 3.40, 2021: 5.69, 2022: 7.90, 2023: 5.53, 2024: 4.72}
    for year, rate in published.items():
        assert (ANNUAL[year] / ANNUAL[year - 1] - 1) * 100 == pytest.approx(rate, abs=0.005)
    assert all(len(months) == 12 for months in MONTHLY.values())
    assert ANNUAL[2024] == pytest.approx(sum(MONTHLY[2024]) / 12)


def test_constant_pesos_arithmetic():
    assert factor(2019, 2024) == pytest.approx(135.385 / 103.901, rel=1e-5)
    assert to_constant_pesos(100.0, 2019, 2024) == pytest.approx(130.302, abs=1e-3)
    assert to_constant_pesos(100.0, 2024, 2024) == 100.0
    assert to_constant_pesos(130.302, 2024, 2019) == pytest.approx(100.0, abs=1e-3)
    assert to_constant_pesos(10.0, 2020, 2021, inpc={2020: 100.0, 2021: 110.0}) == 11.0


def test_deflate_adds_real_columns_in_the_latest_years_pesos():
    frame = pd.DataFrame({"ciclo": [2019, 2024], "aprobado": [100.0, 100.0], "nombre": ["a", "b"]})
    out = deflate(frame)
    assert out.attrs["pesos_de"] == 2024 and "aprobado_real" in out and "nombre_real" not in out
    assert out["aprobado_real"].tolist() == pytest.approx([100 * ANNUAL[2024] / ANNUAL[2019], 100])
    assert "aprobado_real" not in frame, "the input is not changed"
    base = deflate(frame, 2019)
    assert base["aprobado_real"].tolist() == pytest.approx([100, 100 * ANNUAL[2019] / ANNUAL[2024]])


def test_years_without_inpc_are_named():
    frame = pd.DataFrame({"ciclo": [2017, 2024], "ejercido": [1.0, 1.0]})
    with pytest.raises(KitError, match="2017"):
        deflate(frame)
    with pytest.raises(KitError, match="2030"):
        to_constant_pesos(1.0, 2024, 2030)
    assert deflate(frame, inpc={2017: 90.0, 2024: 135.0})["ejercido_real"][0] == 1.5
    with pytest.raises(KitError, match=r"importes|amount"):
        deflate(frame[["ciclo"]])
