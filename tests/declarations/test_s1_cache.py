"""S1's parsed tables come back from the Parquet cache exactly as parsed, and never stale."""

from __future__ import annotations

import os
from dataclasses import fields

import pandas as pd
import pytest

from kit.data import table_cache
from kit.declarations import s1
from kit.declarations.s1 import Declarations, read_s1
from tests.declarations import s1_fixture
from tests.declarations.files import write


@pytest.fixture
def declarations_file(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_CACHE", str(tmp_path / "cache"))
    page = {"pagination": {"pageSize": 10, "page": 1}, "results": s1_fixture.declarations()}
    return write(tmp_path, "s1.json.gz", page)


def _entry(path):
    return table_cache.cache_dir() / "declarations-s1" / s1._cache_key(path)


def _assert_same(cached: Declarations, parsed: Declarations) -> None:
    assert cached.archivo == parsed.archivo
    for field in fields(Declarations):
        if field.name == "archivo":
            continue
        left, right = getattr(cached, field.name), getattr(parsed, field.name)
        pd.testing.assert_frame_equal(left, right, obj=field.name)
        for column in right.select_dtypes("object").columns:
            # tuples of codes stay tuples of str (Parquet hands back arrays)
            assert [repr(v) for v in left[column]] == [repr(v) for v in right[column]], column


def test_the_second_read_comes_from_the_cache_and_equals_the_parse(declarations_file):
    parsed = read_s1(declarations_file)
    assert (_entry(declarations_file) / "meta.json").is_file()
    cached = read_s1(declarations_file)
    _assert_same(cached, parsed)
    assert any(len(v) for v in cached.real_estate["titular"])  # the fixture has owners


def test_the_bundled_sample_reads_back_the_same(monkeypatch, tmp_path):
    monkeypatch.setenv("KIT_CACHE", str(tmp_path))
    parsed = read_s1("sample")
    _assert_same(read_s1("sample"), parsed)  # includes an empty table (other_interests)


def test_editing_the_file_means_parsing_it_again(declarations_file, tmp_path):
    before = read_s1(declarations_file)
    records = s1_fixture.declarations()[:1]
    write(tmp_path, "s1.json.gz", records)
    os.utime(declarations_file, ns=(1, 1))  # a different modification time even on coarse clocks
    after = read_s1(declarations_file)
    assert len(after.declarations) == 1 < len(before.declarations)


def test_a_damaged_entry_is_dropped_and_rebuilt(declarations_file):
    parsed = read_s1(declarations_file)
    (_entry(declarations_file) / "income.parquet").write_bytes(b"not parquet")
    _assert_same(read_s1(declarations_file), parsed)
    _assert_same(read_s1(declarations_file), parsed)
    assert table_cache.read_tables(_entry(declarations_file))["income"].shape == (
        parsed.income.shape
    )


def test_an_entry_whose_columns_changed_is_not_trusted(declarations_file):
    parsed = read_s1(declarations_file)
    entry = _entry(declarations_file)
    parsed.vehicles.drop(columns="marca").to_parquet(entry / "vehicles.parquet", index=False)
    with pytest.raises(ValueError, match="vehicles"):
        table_cache.read_tables(entry)
    _assert_same(read_s1(declarations_file), parsed)


def test_the_cache_can_be_turned_off(declarations_file, monkeypatch):
    monkeypatch.setenv("KIT_NO_CACHE", "1")
    assert s1._cache_key(declarations_file) is None
    read_s1(declarations_file)
    assert not (table_cache.cache_dir() / "declarations-s1").exists()


def test_a_cache_that_cannot_be_written_only_means_parsing(declarations_file, monkeypatch):
    def no_room(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", no_room)
    first, second = read_s1(declarations_file), read_s1(declarations_file)
    _assert_same(second, first)
    assert not _entry(declarations_file).exists()
