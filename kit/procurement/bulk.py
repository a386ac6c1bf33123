"""Load OCDS larger than memory: stream, spill to disk, compile each process, write Parquet.

A full CompraNet or PDN System 6 download holds millions of releases (gigabytes of JSON): its
releases, their compiled form and Python rows for six tables do not fit in a laptop's memory
together. :func:`write` turns the stream of entries from :mod:`kit.procurement.read` into a
cache entry folder (the layout :mod:`kit.procurement.cache` reads) in two passes, holding one
batch at a time:

1. Every entry is taken to be its process's only release, which most are: its compiled form
   (:func:`~kit.procurement.compile.as_compiled`) is appended to ``bodies.jsonl`` and its table
   rows, tagged with the entry's position, to one Parquet file per table; an index (position,
   ocid, where its text is) goes to ``index.parquet``.
2. DuckDB groups the index by ocid on disk. Processes with more than one entry are read back,
   merged with the existing compile code and flattened again; their rows replace the guesses.
   DuckDB writes each table in first-seen order, as the in-memory path has it, and
   ``compiled.jsonl`` is ``bodies.jsonl`` with the merged processes put in place.

Memory stays that of one batch (:data:`BATCH` processes) plus DuckDB's :data:`MEMORY_LIMIT`,
whatever the file size; disk use is about twice the uncompressed input while it runs. The
tables are the same, row for row and dtype for dtype, as :func:`~kit.procurement.tables.
build_tables` gives in memory: ``tests/procurement/test_bulk.py`` checks it.
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from collections.abc import Iterable, Sequence
from itertools import repeat
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.errors import DataFormatError
from kit.procurement import cache
from kit.procurement.compile import MSG as COMPILE_MSG
from kit.procurement.compile import as_compiled, compile_group
from kit.procurement.read import Entry
from kit.procurement.tables import COLUMNS, BadShape, add_process, frames, new_rows

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq

__all__ = ["BATCH", "BULK_THRESHOLD", "MEMORY_LIMIT", "input_size", "is_large", "write"]

#: Sources larger than this (uncompressed bytes, all files together) load through this module;
#: smaller ones are parsed in memory, which is faster for them. Both give the same tables.
BULK_THRESHOLD = 200 * 2**20
#: Processes flattened (and rows written to Parquet) at a time.
BATCH = 20_000
#: What DuckDB may use for grouping and sorting before it spills to disk.
MEMORY_LIMIT = "512MB"
#: Columns added to the rows while they wait to be put in order.
ORDER = ("_seq", "_pos")
SUFFIXES = (".json", ".jsonl")


def input_size(paths: Sequence[Path]) -> int:
    """The uncompressed size of ``paths`` in bytes, read from gzip and zip headers (cheap)."""
    return sum(_size(Path(path)) for path in paths)


def is_large(paths: Sequence[Path]) -> bool:
    """Whether ``paths`` are large enough for the bounded-memory path (:data:`BULK_THRESHOLD`)."""
    return input_size(paths) > BULK_THRESHOLD


def _size(path: Path) -> int:
    size = path.stat().st_size
    with open(path, "rb") as handle:
        magic = handle.read(4)
        if magic[:2] == b"\x1f\x8b" and size >= 18:
            handle.seek(-4, os.SEEK_END)  # the uncompressed size modulo 4 GiB
            return max(size, int.from_bytes(handle.read(4), "little"))
    if magic == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(path) as archive:
                infos = archive.infolist()
                return sum(i.file_size for i in infos if i.filename.lower().endswith(SUFFIXES))
        except zipfile.BadZipFile:
            return size
    return size


def write(entries: Iterable[Entry], target: Path, source: str) -> dict[str, Any]:
    """Write the cache entry of ``entries`` into the folder ``target``; return its meta.

    Raises:
        DataFormatError: nothing was read, or a process cannot be merged (as in memory).
        BadShape: a compiled release has a block of the wrong type (as in memory).
    """
    work = target / ".work"
    work.mkdir(parents=True)
    try:
        labels = _spill(entries, work)
        with _Database(work) as database:
            counts = database.counts()
            if counts["n_processes"] == 0:
                raise DataFormatError(source, COMPILE_MSG["nothing"].get())
            merged_bad = _merge(database, work, labels)
            _raise_first_bad(database, merged_bad)
            for name in COLUMNS:
                database.write_table(name, target / f"{name}.parquet")
            _write_compiled(database, work, target / cache.COMPILED, counts["n_multi"])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    meta = {"n_releases": counts["n_releases"], "n_processes": counts["n_processes"]}
    meta["tables"] = cache.dtypes()
    (target / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return meta


class _Writer:
    """Rows gathered in batches and appended to Parquet files, one per table, with their order."""

    def __init__(self, work: Path, prefix: str) -> None:
        self.work, self.prefix = work, prefix
        self.rows = new_rows()
        self.seqs: dict[str, list[int]] = {name: [] for name in COLUMNS}
        self.written = dict.fromkeys(COLUMNS, 0)
        self.writers: dict[str, pq.ParquetWriter] = {}

    def add(self, release: dict[str, Any], count: int, seq: int) -> BadShape | None:
        """Add one process's rows, placed at ``seq``; a bad shape adds none and is returned."""
        before = [len(self.rows[name]) for name in COLUMNS]
        try:
            add_process(release, count, self.rows)
        except BadShape as error:
            for name, size in zip(COLUMNS, before, strict=True):
                del self.rows[name][size:]
            return error
        for name, size in zip(COLUMNS, before, strict=True):
            self.seqs[name].extend(repeat(seq, len(self.rows[name]) - size))
        return None

    def flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        for name, frame in frames(self.rows).items():
            schema, start = cache.arrow_schema(name), self.written[name]
            table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
            positions = range(start, start + len(frame))
            table = table.append_column("_seq", pa.array(self.seqs[name], pa.int64()))
            table = table.append_column("_pos", pa.array(positions, pa.int64()))
            if name not in self.writers:
                self.writers[name] = pq.ParquetWriter(self.path(name), table.schema)
            self.writers[name].write_table(table)
            self.written[name] += len(frame)
        self.rows = new_rows()
        self.seqs = {name: [] for name in COLUMNS}

    def path(self, name: str) -> Path:
        return self.work / f"{self.prefix}_{name}.parquet"

    def close(self) -> None:
        self.flush()
        for writer in self.writers.values():
            writer.close()


def _index_schema() -> pa.Schema:
    import pyarrow as pa

    return pa.schema([
        ("seq", pa.int64()), ("ocid", pa.large_string()), ("raw_ocid", pa.large_string()),
        ("n", pa.int64()), ("offset", pa.int64()), ("length", pa.int64()), ("path", pa.int32()),
        ("bad_key", pa.large_string()), ("bad_kind", pa.large_string()),
    ])  # fmt: skip


def _spill(entries: Iterable[Entry], work: Path) -> list[str]:
    """Pass 1: every entry's compiled guess to ``bodies.jsonl``, its rows and index to Parquet.

    Returns the labels of the files read (the index refers to them by number).
    """
    import pyarrow.parquet as pq

    schema = _index_schema()
    labels: dict[str, int] = {}
    rows = _Writer(work, "spec")
    index: list[tuple[Any, ...]] = []
    offset = 0
    with (
        open(work / "bodies.jsonl", "wb") as bodies,
        pq.ParquetWriter(work / "index.parquet", schema) as index_writer,
    ):
        for seq, entry in enumerate(entries):
            guess = as_compiled(entry.ocid, entry.release)
            text = json.dumps(guess, ensure_ascii=False).encode() + b"\n"
            bodies.write(text)
            bad = rows.add(guess, entry.n_releases, seq)
            raw = entry.release.get("ocid")
            path = labels.setdefault(entry.path, len(labels))
            index.append((
                seq, entry.ocid, None if raw == entry.ocid else raw, entry.n_releases, offset,
                len(text), path, bad and bad.key, bad and bad.kind,
            ))  # fmt: skip
            offset += len(text)
            if len(index) == BATCH:
                index_writer.write_table(_index_table(index, schema))
                index = []
                rows.flush()
        index_writer.write_table(_index_table(index, schema))
        rows.close()
    return list(labels)


def _index_table(index: list[tuple[Any, ...]], schema: pa.Schema) -> pa.Table:
    import pyarrow as pa

    columns = list(zip(*index, strict=True)) if index else [()] * len(schema)
    return pa.table(dict(zip(schema.names, columns, strict=True)), schema=schema)


class _Database:
    """DuckDB over the spilled files, on disk, with bounded memory."""

    def __init__(self, work: Path) -> None:
        self.work = work

    def __enter__(self) -> _Database:
        import duckdb

        self.con: duckdb.DuckDBPyConnection = duckdb.connect(str(self.work / "groups.duckdb"))
        self.con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        self.con.execute(f"SET temp_directory = {_quote(self.work / 'spill')}")
        self.con.execute("SET preserve_insertion_order = true")
        self.con.execute(
            f"CREATE TABLE groups AS SELECT ocid, count(*) AS k, sum(n) AS releases, "
            f"min(seq) AS first FROM {self.index} GROUP BY ocid"
        )
        return self

    def __exit__(self, *exc: object) -> None:
        self.con.close()

    @property
    def index(self) -> str:
        return f"read_parquet({_quote(self.work / 'index.parquet')})"

    def counts(self) -> dict[str, int]:
        (found,) = self.con.sql(
            "SELECT count(*), coalesce(sum(releases), 0), count(*) FILTER (WHERE k > 1) FROM groups"
        ).fetchall()
        return dict(zip(("n_processes", "n_releases", "n_multi"), map(int, found), strict=True))

    def batches(self, query: str) -> Iterable[pa.RecordBatch]:
        yield from self.con.sql(query).to_arrow_reader(BATCH)

    def write_table(self, name: str, path: Path) -> None:
        """Table ``name`` in first-seen order: the guesses of lone processes, the merged rows of
        the others (each process's rows in the order they were built)."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        parts = [
            f"SELECT * FROM read_parquet({_quote(self.work / f'spec_{name}.parquet')}) "
            "WHERE ocid NOT IN (SELECT ocid FROM groups WHERE k > 1)"
        ]
        merged = self.work / f"multi_{name}.parquet"
        if merged.exists():
            parts.append(f"SELECT * FROM read_parquet({_quote(merged)})")
        query = (
            f"SELECT * EXCLUDE ({', '.join(ORDER)}) FROM ({' UNION ALL '.join(parts)}) "
            f"ORDER BY {', '.join(ORDER)}"
        )
        schema = cache.arrow_schema(name)
        with pq.ParquetWriter(path, schema) as writer:
            for batch in self.batches(query):
                writer.write_table(pa.Table.from_batches([batch]).cast(schema))


def _merge(database: _Database, work: Path, labels: list[str]) -> tuple[int, BadShape] | None:
    """Pass 2: compile the processes with more than one entry, in first-seen order.

    Their compiled releases go to ``multi.jsonl`` and their rows to ``multi_<table>.parquet``.
    Returns the first one (by position) whose compiled release has a bad shape, if any: as in
    memory, a merge that fails anywhere is reported before a bad shape.
    """
    query = (
        "SELECT i.ocid, i.raw_ocid, i.offset, i.length, i.path, g.releases, g.first "
        f"FROM {database.index} i JOIN groups g USING (ocid) WHERE g.k > 1 "
        "ORDER BY g.first, i.seq"
    )
    rows = _Writer(work, "multi")
    first_bad: tuple[int, BadShape] | None = None
    group: list[Entry] = []
    current: dict[str, Any] = {}
    done = 0
    with open(work / "bodies.jsonl", "rb") as bodies, open(work / "multi.jsonl", "wb") as out:

        def finish() -> None:
            nonlocal first_bad, done
            compiled = compile_group(current["ocid"], group)
            out.write(json.dumps(compiled, ensure_ascii=False).encode() + b"\n")
            bad = rows.add(compiled, current["releases"], current["first"])
            if bad is not None and first_bad is None:
                first_bad = (current["first"], bad)
            done += 1
            if done % BATCH == 0:
                rows.flush()

        for batch in database.batches(query):
            for row in batch.to_pylist():
                if group and row["ocid"] != current["ocid"]:
                    finish()
                    group = []
                bodies.seek(row["offset"])
                release = json.loads(bodies.read(row["length"]))
                if row["raw_ocid"] is not None:
                    release["ocid"] = row["raw_ocid"]  # as read (merging keeps it in the id)
                group.append(Entry(row["ocid"], release, 1, labels[row["path"]]))
                current = row
        if group:
            finish()
    rows.close()
    return first_bad


def _raise_first_bad(database: _Database, merged: tuple[int, BadShape] | None) -> None:
    """Raise the bad shape that comes first in first-seen order, as the in-memory path does."""
    found = database.con.sql(
        f"SELECT i.seq, i.ocid, i.bad_key, i.bad_kind FROM {database.index} i "
        "JOIN groups g USING (ocid) WHERE g.k = 1 AND i.bad_key IS NOT NULL "
        "ORDER BY i.seq LIMIT 1"
    ).fetchall()
    lone = (found[0][0], BadShape(*found[0][1:])) if found else None
    candidates = [bad for bad in (lone, merged) if bad is not None]
    if candidates:
        raise min(candidates, key=lambda bad: bad[0])[1]


def _write_compiled(database: _Database, work: Path, path: Path, n_multi: int) -> None:
    """``compiled.jsonl`` in first-seen order: ``bodies.jsonl`` with each merged process in
    place of its first entry and without its other entries."""
    if n_multi == 0:
        os.replace(work / "bodies.jsonl", path)
        return
    query = (
        "SELECT g.k > 1 AS multi, i.seq = g.first AS first "
        f"FROM {database.index} i JOIN groups g USING (ocid) ORDER BY i.seq"
    )
    with (
        open(work / "bodies.jsonl", "rb") as bodies,
        open(work / "multi.jsonl", "rb") as merged,
        open(path, "wb") as out,
    ):
        for batch in database.batches(query):
            multi, first = batch.column(0).to_pylist(), batch.column(1).to_pylist()
            for is_multi, is_first in zip(multi, first, strict=True):
                line = bodies.readline()
                if not is_multi:
                    out.write(line)
                elif is_first:
                    out.write(merged.readline())


def _quote(path: Path) -> str:
    """A path as a SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"
