"""The reader on the bundled sample: one tidy table of six years, documented columns and types."""

import shutil

import pandas as pd
import pytest

from kit.budget import COLUMNS, BudgetData, load, read_budget
from kit.data import DATA_DIR
from kit.errors import DataFormatError

FOLDER = DATA_DIR / "budget"


def test_six_years_in_one_table_with_the_documented_columns(sample, truth):
    assert list(sample.columns) == list(COLUMNS)
    assert sorted(sample["ciclo"].unique()) == list(range(2019, 2025))
    assert sample["ciclo"].dtype == "int64"
    assert len(sample) == sum(truth["rows"].values())
    assert set(sample["formato"]) == {"cuenta_publica"}
    for column in ("aprobado", "modificado", "devengado", "pagado", "adefas", "ejercido"):
        assert sample[column].dtype == "float64"
        assert sample[column].notna().all(), column
    for column in ("ramo", "ur", "programa", "desc_pp", "capitulo", "archivo"):
        assert isinstance(sample[column].dtype, pd.StringDtype), column


def test_totals_per_year_match_the_truth(sample, truth):
    sums = sample.groupby("ciclo")[["aprobado", "modificado", "ejercido", "adefas"]].sum()
    for year, expected in truth["totales"].items():
        for measure in ("aprobado", "modificado", "ejercido", "adefas"):
            assert sums.loc[int(year), measure] == pytest.approx(expected[measure], abs=0.05)


def test_keys_are_normalised(sample):
    assert set(sample["ramo"]) == {"09", "11", "12", "20", "36"}  # published as 9, 11 ...
    assert sample["pp"].str.fullmatch(r"\d{3}").all()
    assert sample["programa"].str.fullmatch(r"[A-Z]\d{3}").all()
    assert (sample["programa"] == sample["modalidad"] + sample["pp"]).all()
    investment = sample["cartera"].dropna()
    assert len(investment) > 0 and not investment.str.startswith("'").any()
    assert investment.str.len().eq(11).all()


def test_capitulo_comes_from_the_partida(sample):
    assert (sample["capitulo"] == sample["partida"].str[0] + "000").all()
    chapter = sample.set_index("capitulo")["desc_capitulo"].groupby(level=0).first()
    assert chapter["4000"] == "Transferencias, asignaciones, subsidios y otras ayudas"
    assert chapter["6000"] == "Inversión pública"


def test_descriptions_follow_the_year_but_keys_do_not(sample):
    names = sample[sample["ramo"] == "09"].groupby("ciclo")["desc_ramo"].first()
    assert names[2020] == "Comunicaciones y Transportes"
    assert names[2021] == "Infraestructura, Comunicaciones y Transportes"


def test_blank_amounts_are_zero_and_padding_rows_are_dropped(sample):
    assert (sample["aprobado"] == 0).sum() > 0  # keys created by a modification
    assert sample.attrs["filas_vacias"] == 12 and sample.attrs["filas_omitidas"] == 0
    assert (sample["pagado"] + sample["adefas"] - sample["ejercido"]).abs().max() < 0.005


def test_a_list_a_folder_and_one_file_read_the_same(sample):
    files = sorted(FOLDER.glob("*.csv"))
    assert read_budget(files).equals(sample)
    assert read_budget(FOLDER).equals(sample)
    one = read_budget(files[0])
    assert set(one["ciclo"]) == {2019} and len(one) == (sample["ciclo"] == 2019).sum()


def test_load_sample_and_a_path(sample):
    data = load()
    assert isinstance(data, BudgetData) and data.source == "sample"
    assert data.presupuesto.equals(sample)
    assert "2019" in data.summary() and "51" in data.summary()
    assert "<strong>sample</strong>" in data._repr_html_()
    again = load(FOLDER)
    assert again.source == str(FOLDER) and len(again.presupuesto) == len(sample)


def test_the_same_year_twice_is_refused(tmp_path):
    source = FOLDER / "cuenta_publica_2021_gf_ecd_epe.csv"
    copy = tmp_path / "pef_2021.csv"
    shutil.copy(source, copy)
    with pytest.raises(DataFormatError, match=r"2021.*cuenta_publica_2021|cycle 2021") as error:
        read_budget([source, copy])
    assert str(copy) in str(error.value)
