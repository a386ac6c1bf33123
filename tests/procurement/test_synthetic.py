"""Is the synthetic full-size file deterministic, valid OCDS of the System 6 shape, and loadable?"""

from __future__ import annotations

import gzip
import json

import pandas as pd
import pytest

from kit.i18n import set_language
from kit.procurement import load
from kit.procurement.synthetic import PREFIX, main, write_releases


@pytest.fixture(scope="module")
def two_thousand(tmp_path_factory):
    path = tmp_path_factory.mktemp("synthetic") / "s6.json"
    return write_releases(path, 2_000, seed=11)


def test_the_same_seed_writes_the_same_bytes(tmp_path, two_thousand):
    again = write_releases(tmp_path / "again.json", 2_000, seed=11)
    assert again.path.read_bytes() == two_thousand.path.read_bytes()
    other = write_releases(tmp_path / "other.json", 2_000, seed=12)
    assert other.path.read_bytes() != two_thousand.path.read_bytes()


def test_it_is_a_json_array_of_releases_of_a_realistic_size(two_thousand):
    releases = json.loads(two_thousand.path.read_bytes())
    assert isinstance(releases, list) and len(releases) == two_thousand.n_releases == 2_000
    assert 1_500 <= two_thousand.size / 2_000 <= 3_000  # bytes per release
    assert all(r["ocid"].startswith(PREFIX) and r["date"] and r["tag"] for r in releases)
    ocids = [r["ocid"] for r in releases]
    assert len(set(ocids)) == two_thousand.n_processes
    later = {o for o in ocids if ocids.count(o) > 1}
    assert 0.1 < len(later) / two_thousand.n_processes < 0.35  # some processes in 2-3 releases
    spread = [ocids.index(o, ocids.index(o) + 1) - ocids.index(o) for o in later]
    assert min(spread) > 1  # a process's next release comes later in the file, not next to it
    first = {r["ocid"]: r for r in reversed(releases)}  # each process's first release
    assert all(r["tag"] == ["tender"] for o, r in first.items() if o in later)


def test_loading_it_gives_the_expected_counts(two_thousand):
    set_language("es")
    data = load(two_thousand.path)
    assert (data.n_releases, data.n_processes) == (2_000, two_thousand.n_processes)
    tenders = data.tenders
    assert set(tenders["procurement_method"]) == {"open", "selective", "direct", "limited"}
    assert (
        tenders["release_count"].isin([1, 2, 3]).all() and tenders["release_count"].sum() == 2_000
    )
    assert (
        tenders[["buyer_name", "tender_start", "tender_end", "number_of_tenderers"]]
        .notna()
        .all()
        .all()
    )
    assert (tenders["tender_end"] >= tenders["tender_start"]).all()
    assert len(data.awards) == len(data.contracts) == len(data.suppliers) == data.n_processes
    assert data.suppliers["supplier_name"].notna().all() and data.suppliers["rfc"].notna().all()
    assert (data.items["classification_scheme"] == "CUCOP").all()
    assert set(data.items["stage"]) == {"tender", "award"}
    compiled = data.tenders.set_index("ocid")
    merged = compiled[compiled["release_count"] > 1]
    assert merged["number_of_tenderers"].notna().all()  # known only from the award release
    assert (merged["status"] == "complete").all()  # the later release wins
    direct = tenders[tenders["procurement_method"] == "direct"]
    assert (direct["number_of_tenderers"] == 1).all()
    assert pd.api.types.is_float_dtype(data.awards["value_amount"])
    assert (data.awards["value_amount"] > 0).all()


def test_processes_and_package_and_gzip(tmp_path):
    array = write_releases(tmp_path / "a.json", 300, seed=5, processes=100)
    package = write_releases(tmp_path / "p.json.gz", 300, seed=5, processes=100, package=True)
    assert (array.n_processes, package.n_processes) == (100, 100)
    assert list(json.loads(gzip.decompress(package.path.read_bytes()))) == [
        "uri", "version", "publishedDate", "publisher", "releases"]  # fmt: skip
    first, second = load(array.path), load(package.path)
    assert first.n_processes == 100 and first.n_releases == 300
    for name, table in first.tables.items():
        pd.testing.assert_frame_equal(second.tables[name], table)
    with pytest.raises(ValueError, match="al menos tantas entregas"):
        write_releases(tmp_path / "x.json", 5, processes=6)


def test_command_line(tmp_path, capsys):
    assert main([str(tmp_path / "s.json"), "--releases", "50", "--seed", "3"]) == 0
    assert "50 entregas" in capsys.readouterr().out
    assert len(json.loads((tmp_path / "s.json").read_bytes())) == 50
