"""Answers as plain JSON: how a value leaves the participant's kernel and reaches the judge.

The kernel that computed an answer ran untrusted code, so nothing it writes may be unpickled or
executed by the grader. Each answer is written as JSON data only: numbers, strings, collections,
and pandas objects in pandas' *table* orientation (JSON Table Schema, which keeps dtypes and the
index). The grader reads it back with the JSON parser and :func:`pandas.read_json` and nothing
else, refusing files over a size limit. Values of any other type are recorded by type name, so
the judge can say "this type can't be graded" instead of crashing.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import math
import os
from pathlib import Path
from typing import Any

__all__ = ["MAX_ANSWER_BYTES", "AnswerError", "Unreadable", "dump", "load", "parse", "write"]

#: Answers bigger than this are not read (a table of the whole dataset is ~5 MB).
MAX_ANSWER_BYTES = 50 * 1024 * 1024
_MAX_ITEMS = 1_000_000
_MAX_DEPTH = 20


class AnswerError(ValueError):
    """An answer file that is not a well-formed recorded answer."""


class Unreadable:
    """A value recorded by type only, or a cell that raised before producing one."""

    def __init__(self, kind: str, detail: str) -> None:
        self.kind = kind  # "unsupported" | "raised"
        self.detail = detail

    def __repr__(self) -> str:
        return f"<{self.kind}: {self.detail}>"


def dump(value: Any, _depth: int = 0) -> dict[str, Any]:
    """A JSON-ready description of ``value`` (runs inside the participant's kernel)."""
    import numpy as np
    import pandas as pd

    if _depth > _MAX_DEPTH:
        return {"kind": "unsupported", "type": "nesting too deep"}
    if value is ... or value is None:
        return {"kind": "ellipsis" if value is ... else "none"}
    if isinstance(value, (bool, np.bool_)):
        return {"kind": "bool", "value": bool(value)}
    if isinstance(value, (int, np.integer)):
        return {"kind": "int", "value": str(int(value))}
    if isinstance(value, (float, np.floating)):
        return {"kind": "float", "value": repr(float(value))}
    if isinstance(value, str):
        return {"kind": "str", "value": value}
    if isinstance(value, pd.DataFrame):
        return {"kind": "frame", "table": _table(value)}
    if isinstance(value, pd.Series):
        return {"kind": "series", "name": dump(value.name, _depth + 1), "table": _table(value)}
    if isinstance(value, (pd.Timestamp, dt.datetime)):
        return {"kind": "timestamp", "value": pd.Timestamp(value).isoformat()}
    if isinstance(value, (set, frozenset, list, tuple, pd.Index, np.ndarray)):
        items = list(value.tolist() if isinstance(value, (pd.Index, np.ndarray)) else value)
        if len(items) > _MAX_ITEMS:
            return {"kind": "unsupported", "type": f"{type(value).__name__} too long"}
        kind = {set: "set", frozenset: "set", tuple: "tuple"}.get(type(value), "list")
        return {"kind": kind, "items": [dump(item, _depth + 1) for item in items]}
    if isinstance(value, dict):
        pairs = [[dump(k, _depth + 1), dump(v, _depth + 1)] for k, v in value.items()]
        return {"kind": "dict", "items": pairs}
    return {"kind": "unsupported", "type": f"{type(value).__module__}.{type(value).__qualname__}"}


def _table(value: Any) -> str:
    return value.to_json(orient="table", double_precision=15, date_unit="ns")


def load(record: Any, _depth: int = 0) -> Any:
    """The value described by :func:`dump` (runs in the grader: data only, never code)."""
    import pandas as pd

    if not isinstance(record, dict) or not isinstance(record.get("kind"), str):
        raise AnswerError("an answer must be an object with a 'kind'")
    if _depth > _MAX_DEPTH:
        raise AnswerError("answer nested too deep")
    kind = record["kind"]
    if kind == "ellipsis":
        return ...
    if kind == "none":
        return None
    if kind == "bool":
        return _typed(record.get("value"), bool)
    if kind == "int":
        text = _typed(record.get("value"), str)
        if len(text) > 400:
            raise AnswerError("integer too long")
        return int(text)
    if kind == "float":
        number = float(_typed(record.get("value"), str))
        return number if not math.isnan(number) else math.nan
    if kind == "str":
        return _typed(record.get("value"), str)
    if kind == "timestamp":
        return pd.Timestamp(_typed(record.get("value"), str))
    if kind == "frame":
        return _read_table(record)
    if kind == "series":
        frame = _read_table(record)
        if frame.shape[1] != 1:
            raise AnswerError("a recorded Series must have one column")
        series = frame.iloc[:, 0]
        series.name = load(record.get("name"), _depth + 1)
        return series
    if kind in ("list", "tuple", "set"):
        items = [load(item, _depth + 1) for item in _typed(record.get("items"), list)]
        return {"list": list, "tuple": tuple, "set": set}[kind](items)
    if kind == "dict":
        pairs = _typed(record.get("items"), list)
        if not all(isinstance(pair, list) and len(pair) == 2 for pair in pairs):
            raise AnswerError("dict items must be pairs")
        return {load(k, _depth + 1): load(v, _depth + 1) for k, v in pairs}
    if kind == "unsupported":
        return Unreadable("unsupported", str(record.get("type", "?"))[:200])
    if kind == "raised":
        return Unreadable("raised", str(record.get("error", "?"))[:500])
    raise AnswerError(f"unknown answer kind {kind!r}")


def _typed(value: Any, kind: type) -> Any:
    if not isinstance(value, kind):
        raise AnswerError(f"expected {kind.__name__}, found {type(value).__name__}")
    return value


def _read_table(record: dict) -> Any:
    import pandas as pd

    table = _typed(record.get("table"), str)
    try:
        return pd.read_json(io.StringIO(table), orient="table")
    except Exception as error:  # pandas raises many kinds for malformed tables
        raise AnswerError(f"malformed table: {type(error).__name__}") from error


def write(path: Path, value: Any) -> None:
    """Record ``value`` atomically (a killed kernel leaves no half-written answer)."""
    try:
        record = dump(value)
        text = json.dumps(record, allow_nan=False)
    except Exception as error:  # an answer that can't be described is still an answer
        text = json.dumps({"kind": "unsupported", "type": f"{type(value).__name__} ({error})"})
    partial = path.with_suffix(".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def write_error(path: Path, error: BaseException) -> None:
    """Record that computing the answer raised (e.g. the answer cell was deleted)."""
    text = json.dumps({"kind": "raised", "error": f"{type(error).__name__}: {error}"[:500]})
    partial = path.with_suffix(".partial")
    partial.write_text(text, encoding="utf-8")
    os.replace(partial, path)


def parse(data: bytes) -> Any:
    """The answer recorded in ``data``; :class:`AnswerError` if it is malformed."""
    try:
        record = json.loads(data)
    except (ValueError, RecursionError) as error:
        raise AnswerError(f"not JSON: {str(error)[:80]}") from error
    return load(record)
