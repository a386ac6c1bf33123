"""Weighted figures recomputed independently, on the real ENUT file and on a toy table."""

import numpy as np
import pandas as pd
import pytest

from kit.care import survey
from kit.care.enut import read_enut
from kit.care.valuation import value_table, value_unpaid_care


@pytest.fixture(scope="module")
def enut(real_cdmx):
    return read_enut(real_cdmx / "enut2019_horas_cuidado_por_persona.csv")


def numpy_mean_and_se(values, weights):
    """Direct linearisation, written independently of kit.care.survey."""
    y, w = np.asarray(values, float), np.asarray(weights, float)
    mean = np.sum(w * y) / np.sum(w)
    u = w * (y - mean) / np.sum(w)
    return mean, np.sqrt(len(y) / (len(y) - 1) * np.sum(u**2))


@pytest.mark.real
def test_weighted_hours_by_sex_and_the_gap_match_numpy(enut):
    table = survey.weighted_mean(enut, "horas_cuidado", by="sexo").set_index("sexo")
    expected = {}
    for sexo in ("Mujer", "Hombre"):
        group = enut[enut["sexo"] == sexo]
        mean, se = numpy_mean_and_se(group["horas_cuidado"], group["factor"])
        expected[sexo] = (mean, se)
        assert table.loc[sexo, "estimate"] == pytest.approx(mean, rel=1e-12)
        assert table.loc[sexo, "se"] == pytest.approx(se, rel=1e-9)
    assert table.loc["Mujer", "estimate"] == pytest.approx(44.2209, abs=1e-4)
    assert table.loc["Hombre", "estimate"] == pytest.approx(19.1101, abs=1e-4)
    assert table.loc["Mujer", "n"] == 23_390
    gap = survey.gap(enut, "horas_cuidado").iloc[0]
    assert (gap["grupo_a"], gap["grupo_b"]) == ("Mujer", "Hombre")
    assert gap["estimate"] == pytest.approx(25.1108, abs=1e-4)
    assert gap["se"] == pytest.approx(np.hypot(expected["Mujer"][1], expected["Hombre"][1]))
    assert gap["ci_low"] < gap["estimate"] < gap["ci_high"]


@pytest.mark.real
def test_the_national_mean_is_the_files_own_tot_cuidado_nac_percap(enut):
    """The derived file carries its national figure (32.2476 h): the weighted mean agrees."""
    overall = survey.weighted_mean(enut, "horas_cuidado").iloc[0]
    assert overall["estimate"] == pytest.approx(32.2476285253913, rel=1e-12)
    unweighted = enut["horas_cuidado"].mean()
    assert abs(unweighted - overall["estimate"]) > 0.5  # weights matter here


@pytest.mark.real
def test_published_inegi_figures_are_of_the_same_order(enut):
    """INEGI (ENUT 2019): total work 59.5 h women / 53.3 h men, of which 66.6% / 27.9% unpaid
    household work: about 39.6 h and 14.9 h. The derived hours sum more activity columns and
    another population (docs/cuidados.md), so they are higher but within 6 hours."""
    table = survey.weighted_mean(enut, "horas_cuidado", by="sexo").set_index("sexo")
    assert table.loc["Mujer", "estimate"] == pytest.approx(59.5 * 0.666, abs=6)
    assert table.loc["Hombre", "estimate"] == pytest.approx(53.3 * 0.279, abs=6)


def test_standard_error_agrees_with_a_bootstrap():
    rng = np.random.default_rng(7)
    frame = pd.DataFrame({"y": rng.gamma(2.0, 10.0, 800), "factor": rng.integers(100, 3000, 800)})
    se = survey.weighted_mean(frame, "y", weight="factor").loc[0, "se"]
    boots = []
    for _ in range(2000):
        pick = rng.integers(0, len(frame), len(frame))
        sample = frame.iloc[pick]
        boots.append(np.average(sample["y"], weights=sample["factor"]))
    assert se == pytest.approx(np.std(boots, ddof=1), rel=0.1)


def test_share_gap_and_kish():
    frame = pd.DataFrame(
        {"sexo": ["Mujer", "Mujer", "Hombre", "Hombre"], "pea": [True, False, True, True],
         "factor": [1, 3, 2, 2]}
    )  # fmt: skip
    share = survey.weighted_share(frame, "pea", by="sexo").set_index("sexo")
    assert share.loc["Mujer", "estimate"] == pytest.approx(0.25)
    assert share.loc["Hombre", "estimate"] == pytest.approx(1.0)
    assert share.loc["Mujer", "population"] == 4
    assert survey.effective_n([1, 1, 1, 1]) == pytest.approx(4)
    assert survey.design_effect([1, 3, 2, 2]) == pytest.approx(4 * 18 / 64)
    with pytest.raises(ValueError, match=r"positive|positivos"):
        survey.weighted_mean(frame.assign(factor=[1, 0, 2, 2]), "factor")


def test_valuation():
    assert value_unpaid_care(10, 1000, 50) == 10 * 1000 * 50 * 52
    estimates = pd.DataFrame(
        {"sexo": ["Mujer"], "estimate": [40.0], "se": [1.0], "ci_low": [38.0],
         "ci_high": [42.0], "n": [10], "population": [100.0]}
    )  # fmt: skip
    table = value_table(estimates, wage_per_hour=60)
    assert list(table.columns) == ["sexo", "horas", "personas", "salario_hora", "valor_anual"]
    assert table.loc[0, "valor_anual"] == 40 * 100 * 60 * 52
