"""by_program and programs_over_years on small tables computed by hand."""

import math

import pytest

from kit.budget import by_program, programs_over_years
from kit.budget.inpc import ANNUAL
from tests.budget.conftest import small_table as table

ROWS = [
    (2021, "11", "E010", 100.0, 110.0, 90.0, 80.0),
    (2021, "11", "E010", 50.0, 40.0, 30.0, 30.0),
    (2021, "12", "E010", 200.0, 200.0, 260.0, 250.0),  # same key, another ramo
    (2021, "12", "U013", 0.0, 20.0, 15.0, 15.0),  # created during the year
    (2022, "11", "E010", 160.0, 160.0, 150.0, 140.0),
]


def test_sums_ratio_and_gap_per_programme_and_year():
    out = by_program(table(ROWS)).set_index(["ciclo", "ramo", "programa"])
    row = out.loc[(2021, "11", "E010")]
    assert (row["aprobado"], row["modificado"], row["ejercido"]) == (150.0, 150.0, 120.0)
    assert row["ejercido_aprobado"] == pytest.approx(0.8)
    assert row["modificado_aprobado"] == pytest.approx(1.0)
    assert row["diferencia"] == -30.0
    assert row["desc_pp"] == "Programa E010" and row["desc_ramo"] == "Ramo 11"
    assert out.loc[(2021, "12", "E010"), "ejercido_aprobado"] == pytest.approx(1.3)
    assert len(out) == 4, "E010 of ramo 11 and of ramo 12 are two programmes"


def test_a_programme_without_approval_has_no_ratio():
    out = by_program(table(ROWS)).set_index(["ciclo", "ramo", "programa"])
    created = out.loc[(2021, "12", "U013")]
    assert math.isnan(created["ejercido_aprobado"]) and created["diferencia"] == 15.0


def test_a_measure_not_published_stays_missing():
    frame = table(ROWS)
    frame["ejercido"] = float("nan")  # a PEF: approved only
    out = by_program(frame)
    assert out["ejercido"].isna().all() and out["ejercido_aprobado"].isna().all()
    assert out["aprobado"].notna().all()


def test_years_and_the_measure_of_spending():
    out = by_program(table(ROWS), years=2022, spent="pagado")
    assert list(out["ciclo"]) == [2022]
    assert out.loc[0, "pagado"] == 140.0 and out.loc[0, "pagado_aprobado"] == pytest.approx(0.875)
    assert "ejercido" not in out
    assert len(by_program(table(ROWS), years=[2021, 2022])) == 4
    with pytest.raises(ValueError, match="2030"):
        by_program(table(ROWS), years=2030)
    with pytest.raises(ValueError, match="spent"):
        by_program(table(ROWS), spent="aprobado")


def test_programs_over_years_shows_gaps_as_missing():
    wide = programs_over_years(table(ROWS), "aprobado")
    assert list(wide.columns) == [2021, 2022] and wide.columns.name == "ciclo"
    assert wide.index.names == ["ramo", "programa", "desc_pp"]
    assert wide.loc[("11", "E010", "Programa E010"), 2022] == 160.0
    assert math.isnan(wide.loc[("12", "U013", "Programa U013"), 2022])


def test_programs_over_years_in_constant_pesos():
    wide = programs_over_years(table(ROWS), "ejercido", real=True, base_year=2022)
    expected = 120.0 * ANNUAL[2022] / ANNUAL[2021]
    assert wide.loc[("11", "E010", "Programa E010"), 2021] == pytest.approx(expected)
    assert wide.loc[("11", "E010", "Programa E010"), 2022] == pytest.approx(150.0)
    ratio = programs_over_years(table(ROWS), "ejercido_aprobado", real=True)
    assert ratio.loc[("11", "E010", "Programa E010"), 2021] == pytest.approx(0.8)
    with pytest.raises(ValueError, match="value"):
        programs_over_years(table(ROWS), "total")


def test_programs_over_years_takes_a_summary_too():
    summary = by_program(table(ROWS))
    assert programs_over_years(summary, "diferencia").loc[("11", "E010"), 2021].item() == -30.0
