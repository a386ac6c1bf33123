"""The facts planted in the sample are found again with the kit's helpers, as a mentor would."""

import math

import pytest

from kit.budget import by_program, programs_over_years, variation_flags


@pytest.fixture(scope="module")
def summary(sample):
    return by_program(sample).set_index(["ciclo", "ramo", "programa"])


def key(programme):
    ramo, programa = programme.split("-")
    return ramo, programa


def test_the_under_spent_programme(summary, truth):
    planted = truth["subejercicio"]
    ramo, programa = key(planted["programa"])
    for year, figures in planted["ciclos"].items():
        row = summary.loc[(int(year), ramo, programa)]
        assert row["ejercido_aprobado"] == pytest.approx(figures["ejercido_aprobado"], abs=1e-4)
        assert 0.55 < row["ejercido_aprobado"] < 0.65
        assert row["modificado_aprobado"] > 0.95, "the money stayed assigned: not spent"
    others = [y for y in range(2019, 2025) if str(y) not in planted["ciclos"]]
    assert all(summary.loc[(y, ramo, programa), "ejercido_aprobado"] > 0.85 for y in others)


def test_the_programme_over_spent_through_modifications(sample, truth):
    planted = truth["modificaciones"]
    ramo, programa = key(planted["programa"])
    flags = variation_flags(sample).set_index(["ciclo", "ramo", "programa"])
    for year, figures in planted["ciclos"].items():
        flag = flags.loc[(int(year), ramo, programa)]
        assert flag["senal"] == "encima" and flag["por_modificaciones"]
        assert flag["modificado_aprobado"] == pytest.approx(figures["modificado_aprobado"], 1e-4)
        assert flag["modificado"] == pytest.approx(figures["modificado"], abs=0.05)


def test_created_and_closed_programmes(sample, truth):
    wide = programs_over_years(sample, "aprobado").droplevel("desc_pp")
    for fact in ("creado", "cerrado"):
        years = [y for y, v in wide.loc[key(truth[fact]["programa"])].items() if not math.isnan(v)]
        assert years == truth[fact]["ciclos"]
    assert truth["creado"]["ciclos"][0] == 2021 and truth["cerrado"]["ciclos"][-1] == 2020
    assert wide.notna().all(axis=1).sum() == truth["programas"] - 2


def test_the_year_of_the_big_reallocation(summary, truth):
    moved = (summary["modificado"] - summary["aprobado"]).abs().groupby("ciclo").sum()
    share = moved / summary["aprobado"].groupby("ciclo").sum()
    assert share.idxmax() == truth["reasignacion"]["ciclo"] == 2020
    assert share[2020] > 3 * share.drop(2020).max()
    for year, value in truth["reasignacion"]["movido_sobre_aprobado"].items():
        assert share[int(year)] == pytest.approx(value, abs=1e-4)
    for programme, figures in truth["reasignacion"]["programas"].items():
        ratio = summary.loc[(2020, *key(programme)), "modificado_aprobado"]
        assert ratio == pytest.approx(figures["modificado_aprobado"], abs=1e-4)


def test_nominal_growth_real_fall(sample, truth):
    planted = truth["real"]
    nominal = programs_over_years(sample, "ejercido").droplevel("desc_pp")
    real = programs_over_years(sample, "ejercido", real=True).droplevel("desc_pp")
    programme = key(planted["programa"])
    assert nominal.loc[programme, 2024] / nominal.loc[programme, 2019] - 1 == pytest.approx(
        planted["cambio_nominal"], abs=1e-4
    )
    change = real.loc[programme, 2024] / real.loc[programme, 2019] - 1
    assert change == pytest.approx(planted["cambio_real"], abs=1e-4)
    assert planted["cambio_nominal"] > 0.10 and change < -0.15


def test_the_flags_are_the_planted_ones(sample, truth):
    flags = variation_flags(sample, truth["umbral_senales"])
    found = {(r.ciclo, r.ramo, r.programa, r.senal) for r in flags.itertuples()}
    planted = {(f["ciclo"], f["ramo"], f["programa"], f["senal"]) for f in truth["senales"]}
    assert found == planted and len(found) == 12


def test_keys_shared_between_ramos(sample, truth):
    ramos = sample.groupby("programa")["ramo"].unique()
    for programa, expected in truth["claves_compartidas"].items():
        assert sorted(ramos[programa]) == expected
    assert sample[["ramo", "programa"]].drop_duplicates().shape[0] == truth["programas"] == 51
