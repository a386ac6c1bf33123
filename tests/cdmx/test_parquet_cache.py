"""The FGJ Parquet cache: the table of the CSV, written block by block, self-healing, optional."""

import os

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import kit.data
from kit.cdmx import _cache, fgj
from kit.cdmx.fgj import read_carpetas, read_victims, to_parquet
from kit.errors import DataFormatError, KitError
from tests.cdmx.test_readers_crafted import ANTERIOR, CURRENT

BLOCK = 4_000  # bytes: the crafted file below is read in several blocks
ALCALDIAS = ("IZTAPALAPA", "CUAUHTEMOC", "ALVARO OBREGON", "GUSTAVO A MADERO", "TLAHUAC")


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """An empty cache of its own for each test."""
    monkeypatch.setenv("KIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("KIT_NO_CACHE", raising=False)
    return tmp_path / "cache"


@pytest.fixture
def victims(tmp_path):
    """A current-layout file whose blocks hold different crimes, places and a repaired text."""
    header, *rows = CURRENT.splitlines()
    lines = [header]
    for i in range(120):
        row = rows[i % 2].replace("CUAUHTEMOC,CUAUHTEMOC", f"{ALCALDIAS[i // 25]},X")
        lines.append(row.replace("ACOSO SEXUAL", f"DELITO {i // 30}").replace("Centro", "PeÃ±Ã³n"))
    path = tmp_path / "victimasFGJ_acumulado_2024_01.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def direct(path, monkeypatch, reader=read_victims, **options):
    with monkeypatch.context() as local:
        local.setenv("KIT_NO_CACHE", "1")
        return reader(path, **options)


def assert_same(left, right):
    pd.testing.assert_frame_equal(left, right)
    assert left.attrs == right.attrs


def test_converted_then_cached_reads_equal_the_direct_read(cache, victims, monkeypatch):
    expected = direct(victims, monkeypatch, block_size=BLOCK)
    assert expected.attrs["bloques"] > 3 and expected.attrs["textos_reparados"] == 1
    converted = read_victims(victims, block_size=BLOCK)  # CSV -> Parquet -> table
    entry = _cache.entry(victims, "victimas", BLOCK)
    assert entry.is_file() and entry.is_relative_to(cache / "cdmx")
    monkeypatch.setattr(fgj._csv, "sniff", lambda *a: pytest.fail("the CSV was read again"))
    cached = read_victims(victims, block_size=BLOCK)
    assert_same(converted, expected)
    assert_same(cached, expected)
    assert list(cached["alcaldia"].cat.categories[:2]) == ["Álvaro Obregón", "Cuauhtémoc"]


def test_the_parquet_file_is_written_block_by_block_with_one_schema(cache, victims, monkeypatch):
    monkeypatch.setattr(fgj, "_combine", lambda frames: pytest.fail("the table was held whole"))
    path = to_parquet(victims, block_size=BLOCK)
    assert path == _cache.entry(victims, "victimas", BLOCK)
    parquet = pq.ParquetFile(path)
    schema = parquet.schema_arrow
    assert parquet.num_row_groups == read_victims(victims, block_size=BLOCK).attrs["bloques"] > 3
    assert schema.field("delito").type == pa.dictionary(pa.int32(), pa.string())
    assert schema.field("fecha_hecho").type == pa.timestamp("ns")
    assert schema.field("edad").type == pa.int64()
    assert pq.read_table(path).num_rows == 120


def test_to_parquet_writes_where_asked_even_without_cache(tmp_path, victims, monkeypatch):
    monkeypatch.setenv("KIT_NO_CACHE", "1")
    with pytest.raises(KitError, match="target="):
        to_parquet(victims)
    (tmp_path / "out").mkdir()
    target = to_parquet(victims, tmp_path / "out" / "v.parquet")
    table = pd.read_parquet(target)
    expected = read_victims(victims)
    assert len(table) == len(expected) and list(table.columns) == list(expected.columns)
    assert table["sexo"].astype("str").tolist() == expected["sexo"].astype("str").tolist()
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["v.parquet"]  # no leftovers


def test_a_damaged_entry_is_dropped_and_rebuilt(cache, victims, monkeypatch):
    expected = direct(victims, monkeypatch)
    read_victims(victims)
    entry = _cache.entry(victims, "victimas", fgj.BLOCK_SIZE)
    entry.write_bytes(b"PAR1 not parquet at all")
    assert_same(read_victims(victims), expected)
    assert pq.ParquetFile(entry).metadata.num_rows == len(expected)  # a good entry again


def test_kit_no_cache_reads_the_csv_and_writes_nothing(cache, victims, monkeypatch):
    monkeypatch.setenv("KIT_NO_CACHE", "1")
    assert _cache.entry(victims, "victimas") is None
    assert len(read_victims(victims)) == 120
    assert not (cache / "cdmx").exists()


def test_an_edited_file_is_converted_again(cache, victims):
    assert read_victims(victims)["sexo"].iloc[0] == "Mujer"
    victims.write_text(victims.read_text(encoding="utf-8").replace("Femenino", "Masculino"))
    os.utime(victims, ns=(1, 1))
    assert read_victims(victims)["sexo"].iloc[0] == "Hombre"


def test_a_broken_file_is_never_cached(cache, tmp_path):
    broken = tmp_path / "victimas.csv"
    broken.write_bytes(CURRENT.encode() + b"1,2,3\n")
    for _ in range(2):
        with pytest.raises(DataFormatError, match="CSV"):
            read_victims(broken)
    assert not list(cache.rglob("*.parquet"))


class FullDisk(pq.ParquetWriter):
    """A writer that runs out of space at the second block."""

    blocks = 0

    def write_table(self, table, *args, **kwargs):
        if FullDisk.blocks:
            raise OSError(28, "No space left on device")
        FullDisk.blocks += 1
        return super().write_table(table, *args, **kwargs)


def test_an_unwritable_cache_only_means_reading_the_csv(tmp_path, victims, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("KIT_CACHE", str(blocker / "cache"))
    assert len(read_victims(victims)) == 120
    monkeypatch.setenv("KIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(_cache.pq, "ParquetWriter", FullDisk)
    assert len(read_victims(victims, block_size=BLOCK)) == 120
    assert FullDisk.blocks == 1  # it failed half-way
    assert not list((tmp_path / "cache").rglob("*.parquet*"))


def test_the_sample_and_carpetas_through_the_cache(cache, tmp_path, monkeypatch):
    sample = kit.data.DATA_DIR / "cdmx" / "fgj" / "victimas_completa_diciembre_2022.csv.gz"
    expected = direct(sample, monkeypatch)
    assert_same(read_victims(sample), expected)
    carpetas = tmp_path / "carpetas.csv"
    carpetas.write_text(ANTERIOR, encoding="utf-8")
    expected = direct(carpetas, monkeypatch, read_carpetas)
    assert_same(read_carpetas(carpetas), expected)
    assert to_parquet(carpetas, carpetas=True).name == "carpetas.parquet"
    assert_same(read_carpetas(carpetas), expected)
