"""Answers leave the kernel as JSON data and come back as the same values, or as a clear error."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pytest

from kit.organizer.grade import answers


def round_trip(value):
    return answers.parse(json.dumps(answers.dump(value)).encode())


@pytest.mark.parametrize(
    "value",
    [3, -7, 2**70, 0.1 + 0.2, True, "oferta única", None, {1, 2, 3}, ["a", ("b", 2)],
     {"a": 1, 2: [1.5]}, np.int64(5), np.float32(0.25)],
)  # fmt: skip
def test_plain_values_come_back_equal(value):
    back = round_trip(value)
    assert back == value
    if not isinstance(value, np.generic):  # NumPy scalars come back as Python numbers
        assert type(back) is type(value)


def test_nan_and_the_placeholder_survive():
    assert math.isnan(round_trip(float("nan")))
    assert round_trip(...) is ...


def test_frames_keep_index_dtypes_and_values():
    frame = pd.DataFrame(
        {
            "monto": [1.5, 2.25, np.nan],
            "n": pd.array([1, None, 3], dtype="Int64"),
            "fecha": pd.to_datetime(["2024-01-01", "2024-02-01", None]),
            "metodo": pd.Categorical(["open", "direct", "open"]),
            "ok": [True, False, True],
        },
        index=pd.Index(["a", "b", "c"], name="ocid"),
    )
    back = round_trip(frame)
    assert [back[c].dtype.kind for c in back] == [frame[c].dtype.kind for c in frame]
    assert str(back["n"].dtype) == "Int64" and back.index.name == "ocid"
    # the datetime unit may change (pandas' JSON reader gives ns); the instants may not
    back["fecha"] = back["fecha"].astype(frame["fecha"].dtype)
    pd.testing.assert_frame_equal(back, frame, check_categorical=False)


def test_series_keep_their_name_and_index():
    series = pd.Series([0.5, 0.25], index=pd.Index(["open", "direct"], name="metodo"), name="p")
    pd.testing.assert_series_equal(round_trip(series), series)


def test_objects_of_other_types_are_recorded_by_name_only():
    class Sneaky:
        def __eq__(self, other):
            return True

    back = round_trip(Sneaky())
    assert isinstance(back, answers.Unreadable) and "Sneaky" in back.detail


@pytest.mark.parametrize(
    "data",
    [b"not json", b"[]", b'{"kind": "pickle", "value": "gASV"}', b'{"kind": "int", "value": 5}',
     b'{"kind": "frame", "table": "{"}', b'{"kind": "dict", "items": [[1]]}'],
)  # fmt: skip
def test_malformed_records_raise_answer_error(data):
    with pytest.raises(answers.AnswerError):
        answers.parse(data)


def test_huge_integers_are_refused():
    with pytest.raises(answers.AnswerError):
        answers.parse(json.dumps({"kind": "int", "value": "9" * 5000}).encode())
