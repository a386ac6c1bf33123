"""Parsed tables kept in Parquet, for loaders whose parsing costs seconds and reading milliseconds.

The PDN declarations (S1) are deeply nested JSON: the bundled sample takes about 3.5 s to parse
into its seven tables and 0.1 s to read back from Parquet, and every ``declaraciones`` notebook
loads it. :func:`cached` builds the tables once per key (:func:`kit.data.cache.file_key`: the
file's path, size and modification time, the kit's version and the rules' code) and stores
them in ``<cache_dir>/<kind>/<key>/``: ``<table>.parquet`` for each table and ``meta.json`` with
each table's dtypes and its tuple columns, so a table read back equals the one built (pandas'
extension dtypes, empty tables and tuples of codes included). Writing is atomic; a damaged entry
is deleted and built again; a cache that cannot be written only means building every time.
"""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from kit.data import cache_dir
from kit.data.cache import staging

__all__ = ["cached", "read_tables", "restore_dtypes", "write_tables"]

Tables = dict[str, pd.DataFrame]


def cached(kind: str, key: str | None, build: Callable[[], Tables]) -> Tables:
    """The tables of entry ``key`` under ``kind``, built with ``build()`` and stored when absent.
    ``key`` None (caching off, or a source that is not a file) means building every time."""
    if key is None:
        return build()
    try:
        entry = cache_dir() / kind / key
    except OSError:  # no cache folder can be made
        return build()
    if entry.is_dir():
        try:
            return read_tables(entry)
        except Exception:  # a damaged entry (any reader error): drop it and build again
            shutil.rmtree(entry, ignore_errors=True)
    tables = build()
    with contextlib.suppress(OSError, ImportError, ValueError):
        write_tables(entry, tables)
    return tables


def write_tables(entry: Path, tables: Tables) -> None:
    """Store ``tables`` as the entry folder ``entry`` (atomic; an existing entry is kept)."""
    if entry.exists():
        return
    with staging(entry) as work:
        meta = {}
        for name, table in tables.items():
            tuples = [c for c in table.columns if _holds_tuples(table[c])]
            table.to_parquet(work / f"{name}.parquet", index=False)
            meta[name] = {"dtypes": table.dtypes.astype(str).to_dict(), "tuples": tuples}
        (work / "meta.json").write_text(json.dumps({"tables": meta}), encoding="utf-8")


def read_tables(entry: Path) -> Tables:
    """The tables of an entry folder (raises when something is missing or damaged)."""
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))["tables"]
    tables = {}
    for name, spec in meta.items():
        table = pd.read_parquet(entry / f"{name}.parquet")
        if list(table.columns) != list(spec["dtypes"]):
            raise ValueError(f"{entry / name}.parquet: columns differ from meta.json")
        for column in spec["tuples"]:
            table[column] = [() if v is None else tuple(v) for v in table[column]]
        tuples = set(spec["tuples"])
        types = {c: t for c, t in spec["dtypes"].items() if c not in tuples}
        tables[name] = restore_dtypes(table, types)
    return tables


def restore_dtypes(table: pd.DataFrame, dtypes: dict[str, str]) -> pd.DataFrame:
    """Parquet keeps types but not always their resolution (an empty date column): give each
    column of ``dtypes`` its recorded pandas dtype again."""
    for column, dtype in dtypes.items():
        if str(table[column].dtype) != dtype:
            table[column] = table[column].astype(dtype)
    return table


def _holds_tuples(column: pd.Series) -> bool:
    """An object column whose values are all tuples (Parquet keeps them as lists)."""
    return column.dtype == object and len(column) > 0 and all(isinstance(v, tuple) for v in column)
