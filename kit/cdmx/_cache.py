"""Tidy CDMX tables kept in Parquet: converted once, in blocks, and read back in a fraction.

Tidying the full FGJ file (two million rows of text: dates, times, categories, coordinates) takes
far longer than reading the finished table, so the tidy table is written once to
``<cache_dir>/cdmx/<key>/<name>.parquet`` and later reads come from there. The key
(:func:`kit.data.cache.file_key`) follows the file's path, size and modification time, the kit's
version, :data:`FORMAT`, the block size and the code of the rules, so an edited file or new rules
are converted again.

Converting never holds the whole table: each tidy block is appended to the file as it comes
(:class:`pyarrow.parquet.ParquetWriter`, one schema for every block: text categories as
dictionaries, dates as timestamps), and the file is renamed into place only when complete, so a
reader never sees half an entry. A damaged entry is deleted and built again; a cache that cannot
be written (read-only, full disk) only means reading the CSV. ``KIT_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from kit.data import cache_dir
from kit.data.cache import file_key

__all__ = ["FORMAT", "arrow_schema", "entry", "read", "write"]

#: Bump when the tidy tables' columns or types change, so older entries are not read.
FORMAT = 1
#: The modules whose code decides a tidy table: a change to any of them means a new entry.
RULES = ("fgj.py", "_csv.py", "_cache.py", "text.py", "transport.py")
ATTRS = b"kit.attrs"
_ARROW = {
    "category": pa.dictionary(pa.int32(), pa.string()),
    "datetime64[ns]": pa.timestamp("ns"),
    "Int64": pa.int64(),
    "bool": pa.bool_(),
    "float64": pa.float64(),
    "str": pa.string(),
}


def entry(path: Path, name: str, *extra: object) -> Path | None:
    """Where the tidy table ``name`` of ``path`` is cached (None: caching is off or impossible)."""
    try:
        key = file_key(path, f"cdmx-{FORMAT}", *extra, rules=(Path(__file__).parent, RULES))
        return None if key is None else cache_dir() / "cdmx" / key / f"{name}.parquet"
    except OSError:  # no cache folder can be made (KIT_CACHE unwritable): read the CSV
        return None


def arrow_schema(dtypes: Mapping[str, str]) -> pa.Schema:
    """The Parquet schema of a tidy table from its pandas dtypes (one of :data:`_ARROW`'s)."""
    return pa.schema([(column, _ARROW[dtype]) for column, dtype in dtypes.items()])


def read(target: Path, dtypes: Mapping[str, str]) -> tuple[pd.DataFrame, dict[str, Any]] | None:
    """The cached table and the attrs stored with it; None when there is no usable entry (a
    damaged one is deleted, so the next read builds it again)."""
    if not target.is_file():
        return None
    try:
        parquet = pq.ParquetFile(target)
        attrs = json.loads(parquet.metadata.metadata[ATTRS])
        table = parquet.read()
        types = {pa.int64(): pd.Int64Dtype()}.get
        frame = table.to_pandas(types_mapper=types, self_destruct=True)  # never two copies
        del table
        for column, dtype in dtypes.items():
            if dtype != "category" and str(frame[column].dtype) != dtype:
                frame[column] = frame[column].astype(dtype)
            elif dtype == "category" and not isinstance(frame[column].dtype, pd.CategoricalDtype):
                raise TypeError(f"{column}: {frame[column].dtype}")
        frame = frame[list(dtypes)]
    except Exception:  # any reader error: a damaged or foreign file, dropped and built again
        with contextlib.suppress(OSError):
            target.unlink()
        return None
    return frame, attrs


def write(
    target: Path, blocks: Iterable[pd.DataFrame], schema: pa.Schema, attrs: Mapping[str, Any]
) -> bool:
    """Append each block to a new Parquet file, then move it to ``target``; ``attrs`` (filled
    while the blocks are made) are stored at the end. False when the cache cannot be written.

    Errors raised by ``blocks`` (a broken CSV) propagate, and nothing is cached.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=".writing-", suffix=".parquet")
        os.close(handle)
    except OSError:
        return False
    staging = Path(name)
    try:
        with pq.ParquetWriter(staging, schema, compression="zstd") as writer:
            for block in blocks:
                writer.write_table(pa.Table.from_pandas(block, schema=schema, preserve_index=False))
            writer.add_key_value_metadata({ATTRS: json.dumps(dict(attrs))})
        staging.chmod(0o644)  # mkstemp's 0600 would hide it from a sandboxed reader
        staging.replace(target)
    except (OSError, pa.ArrowException):  # disk full, read-only: no cache, read the CSV
        return False
    finally:
        staging.unlink(missing_ok=True)
    return True
