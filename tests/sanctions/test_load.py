"""The sanciones loader: three lists and the suppliers, from the sample or a folder."""

from __future__ import annotations

import shutil

import pytest

from kit.errors import SourceNotFoundError
from kit.sanctions.load import load


@pytest.fixture(scope="module")
def sample():
    return load("sample")


def test_the_sample_holds_three_lists_and_the_procurement_suppliers(sample):
    assert len(sample.sdn.entries) > 500 and len(sample.sat69b) == 2400 and len(sample.sfp) == 320
    assert sample.suppliers["supplier_id"].is_unique
    assert sample.suppliers["adjudicaciones"].sum() == sample.awards["award_id"].nunique()
    assert {"buyer_name", "value_amount", "rfc"} <= set(sample.awards.columns)
    assert "2400 filas del 69-B" in repr(sample)


def test_a_folder_of_downloads_reads_the_same_files(tmp_path, sample):
    from kit.data import DATA_DIR

    shutil.copytree(DATA_DIR / "sanctions", tmp_path / "listas")
    folder = load(tmp_path / "listas")
    assert len(folder.sat69b) == len(sample.sat69b)
    assert folder.sdn.entries["ent_num"].tolist() == sample.sdn.entries["ent_num"].tolist()


def test_a_folder_without_the_lists_says_what_is_missing(tmp_path):
    (tmp_path / "ofac").mkdir()
    with pytest.raises(SourceNotFoundError, match="sat_69b"):
        load(tmp_path)
