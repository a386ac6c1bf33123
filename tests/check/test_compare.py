"""Do comparators accept right answers, and explain wrong ones without giving the answer away?"""

import pandas as pd
import pytest

from kit.check import Frame, Incorrect, Number, Series, Values
from kit.i18n import set_language


@pytest.fixture(autouse=True)
def spanish():
    set_language("es")
    yield
    set_language("es")


def message(comparator, answer, expected, var="x"):
    with pytest.raises(Incorrect) as caught:
        comparator.compare(answer, expected, var)
    return caught.value.render()


def test_a_number_within_tolerance_passes():
    Number().compare(0.2500000001, 0.25, "x")
    Number().compare(pd.Series([0.25]), 0.25, "x")  # one value in a Series is accepted


@pytest.mark.parametrize(
    ("answer", "says"),
    [
        ("0.25", "debe ser un número, pero es str"),
        (True, "debe ser un número, pero es bool"),
        (pd.Series([0.1, 0.2]), "se espera un solo número"),
        (float("nan"), "NaN"),
        (25.0, "porcentaje"),
        (0.26, "un poco (menos de 5 %) mayor"),
        (0.1, "mucho (más de 50 %) menor"),
        (-0.25, "signo contrario"),
    ],
)
def test_a_wrong_number_is_explained(answer, says):
    text = message(Number(kind="proportion"), answer, 0.25)
    assert says in text
    assert "`x`" in text


def test_messages_never_contain_the_expected_number():
    expected = 0.123456
    for answer in (0.2, 0.12, 12.3456, "a", pd.Series([1, 2])):
        assert "0.123" not in message(Number(kind="proportion"), answer, expected)
        assert "0.12" not in message(Number(), answer, expected).replace("0.12 ", "")


def test_percent_kind_spots_a_proportion():
    assert "proporción (0–1)" in message(Number(kind="percent"), 0.4, 40.0)


TABLE = pd.DataFrame({"id": ["a", "b", "c"], "v": [1.0, 2.0, 3.0], "w": ["x", "y", "z"]})


def test_a_table_with_the_same_rows_in_any_order_and_extra_columns_passes():
    answer = TABLE.iloc[::-1].assign(extra=1)
    Frame(key=["id"], columns=["v", "w"]).compare(answer, TABLE, "t")


@pytest.mark.parametrize(
    ("answer", "says"),
    [
        (TABLE["v"], "es una Serie"),
        ([1, 2], "debe ser una tabla"),
        (TABLE.drop(columns="w"), "le faltan columnas: w"),
        (TABLE.iloc[:2], "le faltan 1 fila(s)"),
        (pd.concat([TABLE, TABLE.iloc[:1]]), "repite 1 clave(s)"),
        (pd.concat([TABLE, TABLE.assign(id="q").iloc[:1]]), "fila(s) que no deberían estar"),
        (TABLE.assign(v=[1.0, 2.0, 9.0]), "La columna `v` de `t` tiene valores distintos"),
        (TABLE.assign(w=["x", "y", "Z"]), "La columna `w`"),
    ],
)
def test_a_wrong_table_is_explained(answer, says):
    assert says in message(Frame(key=["id"], columns=["v", "w"]), answer, TABLE, "t")


def test_order_is_checked_only_when_asked():
    backwards = TABLE.iloc[::-1]
    assert "orden" in message(Frame(key=["id"], columns=["v"], ordered=True), backwards, TABLE)


def test_series_and_values():
    expected = pd.Series({"a": 0.5, "b": 0.25}, name="share")
    Series().compare(expected.iloc[::-1], expected, "s")
    assert "valores distintos" in message(Series(), pd.Series({"a": 0.5, "b": 0.3}), expected)
    Values().compare(["o2", "o1", "o1"], {"o1", "o2"}, "ids")
    assert "no deberían estar" in message(Values(), ["o1", "o3"], ["o1"])
    assert "le faltan 1" in message(Values(), ["o1"], ["o1", "o2"])
    assert "debe ser una lista" in message(Values(), "o1", ["o1"])
