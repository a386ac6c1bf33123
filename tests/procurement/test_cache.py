"""The parsed-data cache: same data back, invalidated by edits, self-healing, can be turned off."""

import gzip
import json
import os

import pandas as pd
import pytest

from kit.errors import DataFormatError
from kit.procurement import cache, load

RELEASE = {
    "ocid": "ocds-abc-1",
    "id": "1",
    "date": "2024-01-01T00:00:00Z",
    "tag": ["tender"],
    "tender": {"id": "t1", "numberOfTenderers": 2, "procurementMethod": "open"},
}


@pytest.fixture
def package(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "package.json"
    path.write_text(json.dumps({"releases": [RELEASE]}), encoding="utf-8")
    return path


def test_a_second_load_reads_the_same_tables_from_the_cache(package):
    first = load(package)
    assert cache.read_entry(cache.cache_key(package)) is not None
    second = load(package)
    for name, table in first.tables.items():
        pd.testing.assert_frame_equal(second.tables[name], table)
    assert (second.n_releases, second.n_processes) == (1, 1)
    assert second.compiled[0]["ocid"] == "ocds-abc-1"


def test_editing_the_file_means_parsing_it_again(package):
    load(package)
    edited = {**RELEASE, "tender": {**RELEASE["tender"], "numberOfTenderers": 7}}
    package.write_text(json.dumps({"releases": [edited]}), encoding="utf-8")
    os.utime(package, ns=(1, 1))  # a different modification time even on coarse clocks
    assert load(package).tenders.loc[0, "number_of_tenderers"] == 7


def test_a_damaged_entry_is_dropped_and_rebuilt(package):
    load(package)
    key = cache.cache_key(package)
    (cache.cache_dir() / "procurement" / key / "tenders.parquet").write_bytes(b"not parquet")
    assert load(package).tenders.loc[0, "number_of_tenderers"] == 2
    assert cache.read_entry(key) is not None


def test_the_cache_can_be_turned_off(package, monkeypatch):
    monkeypatch.setenv("KIT_NO_CACHE", "1")
    assert cache.cache_key(package) is None
    assert load(package).n_processes == 1
    assert not (cache.cache_dir() / "procurement").exists()


def test_folders_are_not_cached_and_broken_files_never_are(tmp_path, package):
    assert cache.cache_key(tmp_path) is None
    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(gzip.compress(b'{"releases": [1, '))
    with pytest.raises(DataFormatError, match=r"broken\.json\.gz"):
        load(broken)
    assert cache.read_entry(cache.cache_key(broken)) is None


def test_without_a_parquet_engine_loading_still_works(package, monkeypatch):
    def no_engine(*args, **kwargs):
        raise ImportError("Unable to find a usable engine; tried using: 'pyarrow'")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", no_engine)
    assert load(package).n_processes == 1
    assert load(package).n_processes == 1
    assert cache.read_entry(cache.cache_key(package)) is None
