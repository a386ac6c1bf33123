"""Load OCDS larger than memory: stream, spill to disk, compile each process, write Parquet.

A full CompraNet or PDN System 6 download holds millions of releases (gigabytes of JSON): its
releases, their compiled form and Python rows for six tables do not fit in a laptop's memory
together. :func:`write` turns the stream of entries from :mod:`kit.procurement.read` into a
cache entry folder (the layout :mod:`kit.procurement.cache` reads) in two passes:

1. Each entry is written to ``bodies.jsonl`` as it is read, already as a compiled release
   (:func:`~kit.procurement.compile.as_compiled`: what a process with one release compiles
   to), and its ocid and place in that file to ``index.parquet``.
2. DuckDB groups the index by ocid on disk and gives the entries back in first-seen order of
   their process. A process with one entry is read back and flattened, its text copied to
   ``compiled.jsonl`` untouched; the entries of one with several are merged by the same code as
   in memory. Rows are flattened by :mod:`kit.procurement.tables` and written to each table's
   Parquet file every :data:`BATCH` processes, with the cache's one Arrow schema per table.

Memory stays that of one batch of rows plus DuckDB's :data:`MEMORY_LIMIT`, whatever the file
size, and :func:`kit.procurement.load` runs all this in a worker process
(:func:`write_in_worker`), so the notebook's process ends up holding only the tables. Disk use
is about twice the uncompressed input while it runs. The tables are the same, row for row and
dtype for dtype, as :func:`~kit.procurement.tables.build_tables` gives in memory
(``tests/procurement/test_bulk.py`` checks it).
"""

from __future__ import annotations

import importlib
import json
import os
import shutil
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.errors import DataFormatError
from kit.i18n import get_language, set_language
from kit.procurement import cache
from kit.procurement.compile import MSG as COMPILE_MSG
from kit.procurement.compile import as_compiled, compile_group
from kit.procurement.read import Entry, read
from kit.procurement.tables import COLUMNS, BadShape, add_process, frames, new_rows

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa
    import pyarrow.parquet as pq

__all__ = [
    "BATCH",
    "BULK_THRESHOLD",
    "IN_WORKER",
    "MEMORY_LIMIT",
    "input_size",
    "is_large",
    "serve",
    "write",
    "write_in_worker",
]

#: Sources larger than this (uncompressed bytes, all files together) load through this module;
#: smaller ones are parsed in memory, which is faster for them. Both give the same tables.
BULK_THRESHOLD = 200 * 2**20
#: Processes flattened (and rows written to Parquet) at a time.
BATCH = 10_000
#: Whether :func:`kit.procurement.load` runs :func:`write` in a worker process (see
#: :func:`write_in_worker`); off, it runs in the caller's process (tests do, to be quick).
IN_WORKER = True
#: What DuckDB may use for grouping and sorting before it spills to disk.
MEMORY_LIMIT = "256MB"
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
        BadShape: a compiled release has a block of the wrong type (as in memory: the first
            one in order, and only when every process could be merged).
    """
    work = target / ".work"
    work.mkdir(parents=True)
    try:
        labels = _spill(entries, work)
        with _Database(work) as database:
            counts = database.counts()
            if counts["n_processes"] == 0:
                raise DataFormatError(source, COMPILE_MSG["nothing"].get())
            _flatten(database, work, target, labels)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        cache.trim_memory()  # what the batches used goes back before the tables are read
    meta = {**counts, "tables": cache.dtypes()}
    (target / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return meta


def write_in_worker(paths: Sequence[Path], target: Path, source: str) -> dict[str, Any]:
    """:func:`write` of the releases in ``paths``, run in a fresh Python process.

    Everything parsing and batching allocate goes back to the system when that process ends,
    so the caller's process (a notebook's kernel) only ever holds the tables it reads
    afterwards. A plain child process (``python -c``), not ``multiprocessing``, so a script
    without an ``if __name__ == "__main__"`` guard works too. Errors and warnings come back as
    if raised here, in the caller's language.
    """
    request = {
        "paths": [str(path) for path in paths], "target": str(target), "source": source,
        "language": get_language(), "batch": BATCH, "memory_limit": MEMORY_LIMIT,
    }  # fmt: skip
    here = str(Path(__file__).resolve().parents[2])  # where this kit is imported from
    path = os.pathsep.join(filter(None, [here, os.environ.get("PYTHONPATH")]))
    done = subprocess.run(
        [sys.executable, "-c", "from kit.procurement.bulk import serve; serve()"],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONPATH": path},
        check=False,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode or not lines:
        raise RuntimeError(f"{source}: the worker process failed:\n{done.stderr[-3000:]}")
    outcome = json.loads(lines[-1])
    for message, category in outcome["warnings"]:
        warnings.warn(message, _category(category), stacklevel=2)
    kind, payload = outcome["kind"], outcome["payload"]
    if kind == "format":
        raise DataFormatError(*payload)
    if kind == "shape":
        raise BadShape(*payload)
    if kind == "os":
        raise OSError(*payload)
    return payload


def serve() -> None:
    """The worker's side of :func:`write_in_worker`: a JSON request on standard input, the
    outcome as one JSON line on standard output (kit errors as plain data)."""
    global BATCH, MEMORY_LIMIT
    request = json.loads(sys.stdin.read())
    BATCH, MEMORY_LIMIT = request["batch"], request["memory_limit"]
    set_language(request["language"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            meta = write(read(request["paths"]), Path(request["target"]), request["source"])
            outcome: dict[str, Any] = {"kind": "done", "payload": meta}
        except DataFormatError as error:
            outcome = {"kind": "format", "payload": [error.path, error.problem]}
        except BadShape as error:
            outcome = {"kind": "shape", "payload": [error.ocid, error.key, error.kind]}
        except OSError as error:
            outcome = {"kind": "os", "payload": [error.errno, error.strerror or str(error)]}
    categories = [f"{w.category.__module__}:{w.category.__qualname__}" for w in caught]
    outcome["warnings"] = [[str(w.message), c] for w, c in zip(caught, categories, strict=True)]
    sys.stdout.write(json.dumps(outcome, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def _category(name: str) -> type[Warning]:
    """A warning class from its ``module:name`` (UserWarning when it cannot be found)."""
    module, _, qualname = name.partition(":")
    try:
        found = getattr(importlib.import_module(module), qualname)
    except (ImportError, AttributeError):
        return UserWarning
    return found if isinstance(found, type) and issubclass(found, Warning) else UserWarning


def _index_schema() -> pa.Schema:
    import pyarrow as pa

    return pa.schema([
        ("seq", pa.int64()), ("ocid", pa.large_string()), ("raw_ocid", pa.large_string()),
        ("n", pa.int64()), ("offset", pa.int64()), ("length", pa.int64()), ("path", pa.int32()),
    ])  # fmt: skip


def _spill(entries: Iterable[Entry], work: Path) -> list[str]:
    """Pass 1: every entry, as a compiled release, to ``bodies.jsonl``; where it is, to the index.

    Returns the labels of the files read (the index names them by number).
    """
    import pyarrow.parquet as pq

    schema = _index_schema()
    labels: dict[str, int] = {}
    index: list[tuple[Any, ...]] = []
    offset = 0
    with (
        open(work / "bodies.jsonl", "wb") as bodies,
        pq.ParquetWriter(work / "index.parquet", schema) as index_writer,
    ):
        for seq, entry in enumerate(entries):
            text = json.dumps(as_compiled(entry.ocid, entry.release), ensure_ascii=False)
            raw = text.encode() + b"\n"
            bodies.write(raw)
            ocid = entry.release.get("ocid")
            path = labels.setdefault(entry.path, len(labels))
            index.append((
                seq, entry.ocid, None if ocid == entry.ocid else ocid, entry.n_releases, offset,
                len(raw), path,
            ))  # fmt: skip
            offset += len(raw)
            if len(index) == BATCH:
                index_writer.write_table(_index_table(index, schema))
                index = []
        index_writer.write_table(_index_table(index, schema))
    return list(labels)


def _index_table(index: list[tuple[Any, ...]], schema: pa.Schema) -> pa.Table:
    import pyarrow as pa

    columns = list(zip(*index, strict=True)) if index else [()] * len(schema)
    return pa.table(dict(zip(schema.names, columns, strict=True)), schema=schema)


class _Database:
    """DuckDB over the index (read from Parquet, never copied in), its groups in a database
    file, with bounded memory."""

    def __init__(self, work: Path) -> None:
        self.work = work

    def __enter__(self) -> _Database:
        import duckdb

        self.con: duckdb.DuckDBPyConnection = duckdb.connect(str(self.work / "groups.duckdb"))
        self.con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
        self.con.execute(f"SET temp_directory = {_quote(self.work / 'spill')}")
        self.con.execute(
            "CREATE TABLE groups AS SELECT ocid, count(*) AS k, sum(n) AS releases, "
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
            "SELECT count(*), coalesce(sum(releases), 0) FROM groups"
        ).fetchall()
        return {"n_processes": int(found[0]), "n_releases": int(found[1])}

    def in_order(self) -> Iterator[pa.RecordBatch]:
        """The entries grouped by process, processes in first-seen order, entries as read."""
        query = (
            'SELECT e.ocid, e.raw_ocid, e."offset", e.length, e.path, g.k, g.releases '
            f"FROM {self.index} e JOIN groups g USING (ocid) ORDER BY g.first, e.seq"
        )
        yield from self.con.sql(query).to_arrow_reader(BATCH)


def _flatten(database: _Database, work: Path, target: Path, labels: list[str]) -> None:
    """Pass 2: compile each process, in first-seen order; write its rows and compiled release.

    As in memory, a merge that fails is reported before a block of the wrong shape, which is
    raised at the end (the first one in order).
    """
    tables = _Tables(target)
    first_bad: BadShape | None = None
    group: list[Entry] = []
    with (
        open(work / "bodies.jsonl", "rb") as bodies,
        open(target / cache.COMPILED, "wb") as out,
        tables,
    ):
        for batch in database.in_order():
            for row in batch.to_pylist():
                bodies.seek(row["offset"])
                text = bodies.read(row["length"])
                release = json.loads(text)
                if row["k"] == 1:  # alone: its compiled release is what was written
                    compiled = release
                    out.write(text)
                else:
                    if row["raw_ocid"] is not None:
                        release["ocid"] = row["raw_ocid"]  # as read (merging keeps it in the id)
                    group.append(Entry(row["ocid"], release, 1, labels[row["path"]]))
                    if len(group) < row["k"]:
                        continue
                    compiled = compile_group(row["ocid"], group)
                    out.write(json.dumps(compiled, ensure_ascii=False).encode() + b"\n")
                    group = []
                bad = tables.add(compiled, row["releases"])
                first_bad = first_bad or bad
    if first_bad is not None:
        raise first_bad


class _Tables:
    """Rows gathered :data:`BATCH` processes at a time and appended to each table's Parquet."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.rows = new_rows()
        self.processes = 0
        self.writers: dict[str, pq.ParquetWriter] = {}

    def __enter__(self) -> _Tables:
        import pyarrow.parquet as pq

        for name in COLUMNS:
            path = self.target / f"{name}.parquet"
            self.writers[name] = pq.ParquetWriter(path, cache.arrow_schema(name))
        return self

    def add(self, release: dict[str, Any], count: int) -> BadShape | None:
        """Add one process's rows; a block of the wrong shape adds none and is returned."""
        before = [len(self.rows[name]) for name in COLUMNS]
        try:
            add_process(release, count, self.rows)
        except BadShape as error:
            for name, size in zip(COLUMNS, before, strict=True):
                del self.rows[name][size:]
            return error
        self.processes += 1
        if self.processes % BATCH == 0:
            self.flush()
        return None

    def flush(self) -> None:
        import pyarrow as pa

        for name, frame in frames(self.rows).items():
            schema = cache.arrow_schema(name)
            table = pa.Table.from_pandas(frame, schema=schema, preserve_index=False)
            self.writers[name].write_table(table)
        self.rows = new_rows()

    def __exit__(self, *exc: object) -> None:
        try:
            if exc[0] is None:
                self.flush()
        finally:
            for writer in self.writers.values():
                writer.close()


def _quote(path: Path) -> str:
    """A path as a SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"
