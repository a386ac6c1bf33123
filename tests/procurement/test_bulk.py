"""Does the bounded-memory path give exactly the tables of the in-memory path?"""

from __future__ import annotations

import gc
import gzip
import json
import warnings
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

from kit import data as bundled
from kit.errors import DataFormatError
from kit.i18n import set_language
from kit.procurement import bulk, cache
from kit.procurement.compile import DuplicateIdWarning
from kit.procurement.load import SAMPLE, ProcurementData, load


@pytest.fixture(autouse=True)
def spanish():
    set_language("es")
    yield
    set_language("es")


@pytest.fixture(autouse=True)
def in_process(monkeypatch):
    """Bulk loads run here, not in a worker process (quicker); one test runs the worker."""
    monkeypatch.setattr(bulk, "IN_WORKER", False)


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """An empty cache for this test (the session's one would answer the second load)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("KIT_CACHE", str(folder))
    return folder


def both(source: Any, monkeypatch: pytest.MonkeyPatch, batch: int = 3) -> tuple[Any, Any]:
    """Load ``source`` in memory and in bulk (small batches), each with no cache to answer."""
    with monkeypatch.context() as patch:
        patch.setenv("KIT_NO_CACHE", "1")
        in_memory = load(source)
    with monkeypatch.context() as patch:
        patch.setattr(bulk, "BULK_THRESHOLD", 0)
        patch.setattr(bulk, "BATCH", batch)
        in_bulk = load(source)
    return in_memory, in_bulk


def assert_same(in_memory: ProcurementData, in_bulk: ProcurementData) -> None:
    assert (in_bulk.n_releases, in_bulk.n_processes, in_bulk.source) == (
        in_memory.n_releases,
        in_memory.n_processes,
        in_memory.source,
    )
    for name, table in in_memory.tables.items():
        pd.testing.assert_frame_equal(in_bulk.tables[name], table, check_exact=True)
    assert list(in_bulk.compiled) == list(in_memory.compiled)


def release(ocid: str, day: int, **extra: Any) -> dict[str, Any]:
    return {
        "ocid": ocid,
        "id": f"{ocid.strip()}-{day}",
        "date": f"2024-01-{day:02d}T10:00:00-06:00",
        "tag": ["tender"],
        "parties": [{"id": "B", "name": "Comprador", "roles": ["buyer"]}],
        "tender": {"id": "T", "title": f"Compra {day}", "numberOfTenderers": day,
                   "tenderPeriod": {"startDate": "2024-01-01", "endDate": f"2024-01-{day:02d}"},
                   "items": [{"id": "1", "quantity": day, "classification": {"id": 1}}]},
        **extra,
    }  # fmt: skip


def award(ocid: str, day: int, amount: float) -> dict[str, Any]:
    supplier = {"id": "S", "name": "Proveedora", "roles": ["supplier"],
                "identifier": {"scheme": "MX-RFC", "id": "abc010101ab1"}}  # fmt: skip
    return release(
        ocid, day, tag=["award"],
        parties=[{"id": "B", "name": "Comprador", "roles": ["buyer"]}, supplier],
        awards=[{"id": "A1", "value": {"amount": amount}, "suppliers": [{"id": "S"}],
                 "date": "2024-02-01T00:00:00.123456789Z"}],
        contracts=[{"id": "C1", "awardID": "A1", "dateSigned": f"2024-02-{day:02d}"}],
    )  # fmt: skip


def interleaved() -> list[dict[str, Any]]:
    """Several releases per process, out of date order and mixed with other processes."""
    return [
        award("ocds-a", 20, 900.0), release("ocds-b", 3), release("ocds-a", 5),
        release("ocds-c", 7), award(" ocds-b ", 9, 5.5), release("ocds-d", 1),
        award("ocds-a", 25, 950.0), release("ocds-e", 2, tender=None), release("ocds-c", 8),
    ]  # fmt: skip


def test_the_bundled_sample_gives_the_same_tables(monkeypatch):
    if not (bundled.DATA_DIR / SAMPLE).is_file():
        pytest.skip(f"the bundled sample {SAMPLE} is not generated yet (python -m kit.samples)")
    assert_same(*both("sample", monkeypatch, batch=1_000))


@pytest.mark.parametrize("batch", [1, 2, 10_000])
def test_processes_in_several_releases_out_of_order(tmp_path, monkeypatch, batch):
    path = tmp_path / "s6.json"
    path.write_text(json.dumps(interleaved(), indent=1), encoding="utf-8")
    in_memory, in_bulk = both(path, monkeypatch, batch)
    assert_same(in_memory, in_bulk)
    assert list(in_bulk.tenders["ocid"]) == ["ocds-a", "ocds-b", "ocds-c", "ocds-d", "ocds-e"]
    assert list(in_bulk.tenders["release_count"]) == [3, 2, 2, 1, 1]
    assert in_bulk.awards.set_index("ocid").loc["ocds-a", "value_amount"] == 950.0


def test_records_json_lines_gzip_zip_and_a_folder(tmp_path, monkeypatch):
    releases = interleaved()
    compiled = {"records": [
        {"ocid": "r1", "releases": [{"url": "u"}, {"url": "v"}],
         "compiledRelease": {**release("r1", 4), "tag": ["compiled"]}},
        {"ocid": "r2", "releases": [release("r2", 3), award("r2", 6, 1.0)]},
        {"ocid": "r1", "compiledRelease": {**award("r1", 8, 2.0), "tag": ["compiled"]}},
    ]}  # fmt: skip
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in releases[:5]) + "\n"
    folder = tmp_path / "carpeta"
    folder.mkdir()
    (folder / "a.jsonl").write_text(lines, encoding="utf-8")
    (folder / "b.json.gz").write_bytes(gzip.compress(json.dumps(compiled).encode()))
    with zipfile.ZipFile(folder / "c.zip", "w") as archive:
        archive.writestr("datos/c.json", json.dumps({"releases": releases[5:]}, indent=2))
    sources = [folder, [folder / "a.jsonl", folder / "b.json.gz", folder / "c.zip"]]
    for source in sources:
        in_memory, in_bulk = both(source, monkeypatch)
        assert_same(in_memory, in_bulk)
        assert in_bulk.tenders.set_index("ocid").loc["r1", "release_count"] == 3


def test_dtypes_and_parquet_schema_are_the_same_whatever_the_batch(fresh_cache, monkeypatch):
    path = fresh_cache.parent / "p.json"
    path.write_text(json.dumps({"releases": interleaved()}), encoding="utf-8")
    load(path)  # in memory, cached
    memory_entry = cache.folder(cache.cache_key(path))
    monkeypatch.setattr(bulk, "BULK_THRESHOLD", 0)
    monkeypatch.setattr(bulk, "BATCH", 1)  # a batch without awards, one with
    monkeypatch.setenv("KIT_CACHE", str(fresh_cache / "other"))
    data = load(path)
    bulk_entry = cache.folder(cache.cache_key(path))
    assert bulk_entry != memory_entry
    for name in data.tables:
        schemas = [
            pq.read_schema(entry / f"{name}.parquet") for entry in (memory_entry, bulk_entry)
        ]
        assert schemas[0] == schemas[1] == cache.arrow_schema(name), name
    assert str(data.awards["date"].dtype) == "datetime64[us, UTC]"
    meta = json.loads((bulk_entry / "meta.json").read_text(encoding="utf-8"))
    assert meta["tables"] == cache.dtypes() and meta["n_processes"] == 5
    assert sorted(p.name for p in bulk_entry.iterdir()) == sorted(
        [f"{name}.parquet" for name in data.tables] + ["compiled.jsonl", "meta.json"]
    )


def test_a_large_source_is_written_once_and_read_back_from_the_cache(fresh_cache, monkeypatch):
    path = fresh_cache.parent / "p.json"
    path.write_text(json.dumps(interleaved()), encoding="utf-8")
    monkeypatch.setattr(bulk, "BULK_THRESHOLD", 0)
    first = load(path)
    assert cache.read_entry(cache.cache_key(path)) is not None

    def no_parsing(*args, **kwargs):
        raise AssertionError("parsed again instead of reading the cache")

    monkeypatch.setattr(bulk, "write", no_parsing)
    second = load(path)
    assert_same(first, second)


def test_without_a_cache_the_entry_lives_as_long_as_the_data(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_NO_CACHE", "1")
    monkeypatch.setattr(bulk, "BULK_THRESHOLD", 0)
    monkeypatch.setattr("tempfile.tempdir", str(tmp_path))
    path = tmp_path / "p.json"
    path.write_text(json.dumps(interleaved()), encoding="utf-8")
    data = load(path)
    (folder,) = tmp_path.glob("kit-ocds-*")
    assert data.compiled[0]["ocid"] == "ocds-a" and len(data.compiled) == 5
    del data
    gc.collect()
    assert not folder.exists()


def test_threshold_reads_uncompressed_sizes(tmp_path):
    raw = b"[" + b" " * 5_000 + b"]"
    (tmp_path / "a.json").write_bytes(raw)
    (tmp_path / "b.json.gz").write_bytes(gzip.compress(raw))
    with zipfile.ZipFile(tmp_path / "c.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("c.json", raw)
        archive.writestr("leeme.txt", b"x" * 1_000)
    sizes = [bulk.input_size([tmp_path / name]) for name in ("a.json", "b.json.gz", "c.zip")]
    assert sizes == [len(raw)] * 3
    assert bulk.BULK_THRESHOLD == 200 * 2**20
    assert not bulk.is_large([tmp_path / "a.json"])


# Failures are the same, in the same order of precedence.


def failure(source: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    problems = []
    for threshold in (2**62, 0):
        with monkeypatch.context() as patch:
            patch.setattr(bulk, "BULK_THRESHOLD", threshold)
            patch.setenv("KIT_NO_CACHE", "1")
            with pytest.raises(DataFormatError) as error:
                load(source)
            problems.append(f"{error.value.path}: {error.value.problem}")
    return problems


@pytest.mark.parametrize(
    "case",
    ["undated", "bad shape alone", "bad shape merged", "bad shape before a failed merge", "empty"],
)
def test_errors_are_the_same(tmp_path, monkeypatch, case):
    undated = award("ocds-a", 9, 1.0)
    del undated["date"]
    releases = {
        "undated": [release("ocds-a", 1), undated],
        "bad shape alone": [release("ocds-z", 1), release("ocds-y", 2, awards={"id": "1"})],
        "bad shape merged": [release("ocds-x", 1), release("ocds-x", 2, contracts=[5])],
        "bad shape before a failed merge": [
            release("ocds-y", 2, awards={"id": "1"}), release("ocds-a", 1), undated],
        "empty": [],
    }[case]  # fmt: skip
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"releases": releases}), encoding="utf-8")
    in_memory, in_bulk = failure(path, monkeypatch)
    assert in_bulk == in_memory
    expected = {"undated": "'date'", "bad shape alone": "ocds-y", "bad shape merged": "ocds-x",
                "bad shape before a failed merge": "entregas del proceso ocds-a",
                "empty": "ninguna entrega"}[case]  # fmt: skip
    assert expected in in_bulk


def test_duplicate_ids_warn_in_bulk_too(tmp_path, monkeypatch):
    party = {"id": "B", "name": "Comprador"}
    twice = [release("ocds-a", 1, parties=[party, party]), release("ocds-a", 2)]
    path = tmp_path / "p.json"
    path.write_text(json.dumps(twice), encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        both(path, monkeypatch)
    duplicates = [w for w in caught if issubclass(w.category, DuplicateIdWarning)]
    assert len(duplicates) == 2 and all("ocds-a" in str(w.message) for w in duplicates)


def test_the_worker_process_gives_the_same_tables_errors_and_warnings(tmp_path, monkeypatch):
    monkeypatch.setattr(bulk, "IN_WORKER", True)
    party = {"id": "B", "name": "Comprador"}
    releases = [*interleaved(), release("ocds-f", 1, parties=[party, party]), release("ocds-f", 2)]
    path = tmp_path / "p.json.gz"
    path.write_bytes(gzip.compress(json.dumps(releases).encode()))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        in_memory, in_bulk = both(path, monkeypatch, batch=2)
    assert_same(in_memory, in_bulk)
    duplicates = [w for w in caught if issubclass(w.category, DuplicateIdWarning)]
    assert len(duplicates) == 2 and all("ocds-f" in str(w.message) for w in duplicates)
    undated = award("ocds-a", 9, 1.0)
    del undated["date"]
    path.write_text(json.dumps([release("ocds-a", 1), undated]), encoding="utf-8")
    set_language("en")
    in_memory_error, bulk_error = failure(path, monkeypatch)
    assert bulk_error == in_memory_error and "could not compile the 2 releases" in bulk_error
