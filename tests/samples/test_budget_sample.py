"""The budget sample: deterministic bytes, the published layout, truth recounted with pandas."""

import hashlib
import io

import pandas as pd
import pytest

from kit import data
from kit.samples import GENERATORS, budget
from kit.samples.budget_rows import HEADER

YEARS = range(2019, 2025)


@pytest.fixture(scope="module")
def generated():
    return budget.generate()


def raw(files, year):
    """A year's file read with plain pandas, as text, the way a participant would."""
    content = files[f"cuenta_publica_{year}_gf_ecd_epe.csv"]
    return pd.read_csv(io.BytesIO(content), encoding="cp1252", dtype=str, keep_default_na=False)


def test_same_seed_same_bytes_other_seed_other_bytes(generated):
    files, truth = generated
    again, _ = budget.generate()
    assert again == files
    other, other_truth = budget.generate(seed=7)
    assert (
        other["cuenta_publica_2022_gf_ecd_epe.csv"] != files["cuenta_publica_2022_gf_ecd_epe.csv"]
    )
    assert other_truth["seed"] == 7 and truth["seed"] == budget.SEED


def test_bundled_sample_equals_a_fresh_generation_and_is_small(generated):
    files, _ = generated
    folder = data.DATA_DIR / "budget"
    on_disk = {p.name for p in folder.iterdir() if p.is_file()}
    assert on_disk == set(files) == set(budget.FILES)
    for name, content in files.items():
        assert (folder / name).read_bytes() == content, name
    assert sum(len(c) for c in files.values()) < 1_500_000


def test_writing_elsewhere_leaves_the_manifest_alone(tmp_path):
    before = data.MANIFEST.read_bytes()
    written = budget.write(tmp_path)
    assert {p.name for p in written} == set(budget.FILES)
    assert data.MANIFEST.read_bytes() == before


def test_manifest_entries(generated):
    files, truth = generated
    entries = data.manifest()
    assert GENERATORS["budget"] == "kit.samples.budget"
    for name in budget.FILES:
        entry = entries[f"budget/{name}"]
        assert entry["sha256"] == hashlib.sha256(files[name]).hexdigest()
        assert entry["bytes"] == len(files[name])
        assert entry["generator"] == "kit.samples.budget" and entry["seed"] == truth["seed"]
        assert entry["license"] == "CC0-1.0 (synthetic, fictitious entities)"
        if name.endswith(".csv"):
            assert entry["rows"] == {"rows": truth["rows"][name]}


def test_the_published_layout_year_by_year(generated):
    files, truth = generated
    for year in YEARS:
        content = files[f"cuenta_publica_{year}_gf_ecd_epe.csv"]
        with pytest.raises(UnicodeDecodeError):
            content.decode("utf-8")  # Windows-1252, like the published files
        header = content.split(b"\r\n", 1)[0].decode("cp1252").split(",")
        assert header[0] == ("CICLO" if year < 2022 else "Ciclo")
        assert header[31] == ("MONTO_EJERCIDO" if year == 2024 else "EJERCICIO")
        assert header[1:31] == list(HEADER[1:31])
        assert len(header) == (38 if year == 2022 else 32)
        table = raw(files, year)
        filled = table[table.iloc[:, 0] != ""]
        assert len(filled) == truth["rows"][f"cuenta_publica_{year}_gf_ecd_epe.csv"]
        assert len(table) - len(filled) == (12 if year == 2022 else 0)
        assert set(filled.iloc[:, 0]) == {str(year)}
        assert set(filled["ID_RAMO"]) == {"9", "11", "12", "20", "36"}  # no leading zeros
        assert (filled["ADEFAS"] == "").mean() > 0.6, "ADEFAS is mostly empty"
        cartera = filled.loc[filled["ID_CLAVE_CARTERA"] != "", "ID_CLAVE_CARTERA"]
        assert cartera.str.startswith("'").all() == (year >= 2022) and len(cartera) > 0


def test_truth_recounted_with_plain_pandas(generated):
    files, truth = generated
    amounts = ["MONTO_APROBADO", "MONTO_MODIFICADO", "ADEFAS"]
    for year in YEARS:
        table = raw(files, year)
        table = table[table.iloc[:, 0] != ""]
        spent = table.columns[31]
        sums = {c: pd.to_numeric(table[c].replace("", "0")).sum() for c in [*amounts, spent]}
        expected = truth["totales"][str(year)]
        assert sums["MONTO_APROBADO"] == pytest.approx(expected["aprobado"], abs=0.05)
        assert sums["MONTO_MODIFICADO"] == pytest.approx(expected["modificado"], abs=0.05)
        assert sums[spent] == pytest.approx(expected["ejercido"], abs=0.05)
        assert sums["ADEFAS"] == pytest.approx(expected["adefas"], abs=0.05)
        programmes = table["ID_RAMO"] + "-" + table["ID_MODALIDAD"] + table["ID_PP"]
        assert programmes.nunique() == truth["programas_por_ciclo"][str(year)]


def test_truth_under_spent_programme_with_plain_pandas(generated):
    files, truth = generated
    for year, figures in truth["subejercicio"]["ciclos"].items():
        table = raw(files, int(year))
        rows = table[(table["ID_RAMO"] == "12") & (table["ID_MODALIDAD"] == "K")
                     & (table["ID_PP"] == "11")]  # fmt: skip
        approved = pd.to_numeric(rows["MONTO_APROBADO"].replace("", "0")).sum()
        spent = pd.to_numeric(rows[rows.columns[31]].replace("", "0")).sum()
        assert spent / approved == pytest.approx(figures["ejercido_aprobado"], abs=1e-4)
