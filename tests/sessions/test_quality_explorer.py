"""The data quality explorer of session 01: its profiles count what the sample files hold (the
planted missing values, placeholder times and the October 2023 gap), the explorer is drawn
headless, follows its controls and works on any DataFrame."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from kit.cdmx.fgj import read_victims
from kit.data import DATA_DIR
from kit.i18n import set_language
from kit.sanctions.sat69b import read_69b
from kit.widgets._render import WIDGET_VIEW
from kit.widgets.quality import (
    PLACEHOLDERS,
    QualityExplorer,
    column_kind,
    column_profile,
    missing_pattern,
    missing_table,
    placeholder_counts,
    quality_explorer,
    reading_notes,
    top_values,
)

FGJ = DATA_DIR / "cdmx" / "fgj" / "victimasFGJ_acumulado_2024_12.csv.gz"
FGJ_2022 = DATA_DIR / "cdmx" / "fgj" / "victimas_completa_diciembre_2022.csv.gz"


@pytest.fixture(scope="module")
def truth():
    return json.loads((DATA_DIR / "cdmx" / "truth.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def raw():
    """The current-layout FGJ victims file as pandas reads it by default."""
    return pd.read_csv(FGJ)


@pytest.fixture(scope="module")
def victims():
    return pd.concat([read_victims(FGJ_2022), read_victims(FGJ)], ignore_index=True)


# --- the plain functions --------------------------------------------------------------------


def test_kinds_follow_the_dtype():
    assert column_kind(pd.Series([1.5, None])) == "number"
    assert column_kind(pd.Series(pd.to_datetime(["2024-01-01"]))) == "date"
    assert column_kind(pd.Series(["a", "b"])) == "text"
    assert column_kind(pd.Series([True, False])) == "text"
    assert column_kind(pd.Series(["x"], dtype="category")) == "text"


def test_placeholders_are_counted_as_written_and_real_missing_values_are_not():
    values = pd.Series(["N/D", " n/d ", "*", "12:00", "Iztapalapa", None, "", "sin dato"])
    counts = placeholder_counts(values)
    assert counts == {"*": 1, "": 1, " n/d ": 1, "12:00": 1, "N/D": 1, "sin dato": 1}
    assert "IZTAPALAPA" not in PLACEHOLDERS
    assert placeholder_counts(pd.Series([0.0, 12.0])) == {}  # numbers have none


def test_the_missing_table_counts_the_planted_missing_values_of_the_raw_file(raw, truth):
    table = missing_table(raw)
    assert table.index[0] == "municipio_hecho"  # empty in every row: first
    assert table.loc["municipio_hecho", "proporcion_vacios"] == 1.0
    missing = truth["faltantes"]["actual"]
    # sex is missing for natural persons without it and for every legal person
    assert table.loc["sexo", "vacios"] == missing["sin_sexo"] + missing["morales"]
    assert table.loc["edad", "vacios"] == missing["sin_edad"] + missing["morales"]
    assert table.loc["latitud", "vacios"] == table.loc["longitud", "vacios"] > 0
    assert list(table["vacios"]) == sorted(table["vacios"], reverse=True)
    assert table.loc["fecha_hecho", "vacios"] == 0


def test_missing_table_ranks_placeholders_after_missing_values():
    frame = pd.DataFrame({"a": ["1", "2", "3"], "b": ["N/D", "*", "x"], "c": [None, "y", "z"]})
    table = missing_table(frame)
    assert list(table.index) == ["c", "b", "a"]
    assert table.loc["b", "relleno"] == 2 and table.loc["b", "vacios"] == 0


def test_the_missing_pattern_finds_columns_missing_together(raw):
    pattern = missing_pattern(raw, top=10).set_index("columnas_vacias")
    assert pattern["filas"].iloc[0] == pattern["filas"].max()
    together = "municipio_hecho + latitud + longitud"
    assert together in pattern.index
    # latitude is never missing without longitude
    assert not any(
        "latitud" in name and "longitud" not in name for name in pattern.index.astype(str)
    )
    assert pattern["proporcion"].sum() <= 1.0


def test_missing_pattern_of_a_complete_table_is_one_row_with_no_column():
    pattern = missing_pattern(pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}))
    assert pattern.to_dict("records") == [{"columnas_vacias": "", "filas": 2, "proporcion": 1.0}]


def test_the_profile_of_the_placeholder_times(truth):
    raw_2022 = pd.read_csv(FGJ_2022, dtype=str)
    profile = column_profile(raw_2022["HoraHecho"])
    planted = truth["horas_placeholder"]["anterior"]
    assert profile["relleno"] == {"00:00": planted["00:00"], "12:00": planted["12:00"]}
    assert profile["proporcion_mas_frecuente"] == pytest.approx(planted["proporcion_00:00"], 1e-3)
    assert profile["vacios"] == 0 and profile["clase"] == "text"
    assert profile["filas"] == truth["rows"]["fgj/victimas_completa_diciembre_2022.csv.gz"]


def test_top_values_are_sorted_with_ties_by_text_and_keep_missing_last():
    values = pd.Series(["b", "a", "c", "a", "b", None, None, None, "d"])
    table = top_values(values, n=2)
    assert table["valor"].tolist()[:2] == ["a", "b"]  # two each: alphabetical
    assert table["valor"].iloc[-1] is None and table["filas"].iloc[-1] == 3
    assert table["proporcion"].iloc[0] == pytest.approx(2 / 9)
    assert len(top_values(pd.Series(["x", "y"]), n=5)) == 2  # no missing row when none


def test_unhashable_cells_are_profiled_as_their_text():
    values = pd.Series([[1, 2], [1, 2], {"a": 1}, None], dtype=object)
    profile = column_profile(values)
    assert profile["distintos"] == 2 and profile["vacios"] == 1
    assert top_values(values)["filas"].iloc[0] == 2


def test_reading_notes_say_what_the_69b_reader_did_without_the_path():
    sat = read_69b("sample")
    notes = dict(reading_notes(sat).to_numpy())
    assert notes["Codificación leída"] == "cp1252"
    assert notes["Actualizado al (preámbulo)"] == "2024-10-31"
    assert int(notes["Fechas que no se adivinaron (quedan vacías)"]) == sum(
        sat.attrs["fechas_no_leidas"].values()
    )
    assert not any("kit/data" in str(value) for value in notes.values())
    assert reading_notes(pd.DataFrame()).empty


# --- the explorer ---------------------------------------------------------------------------


def test_the_explorer_is_drawn_headless_with_a_widget_view_and_a_snapshot(raw):
    explorer = quality_explorer(raw, column="hora_hecho")
    assert isinstance(explorer, QualityExplorer)
    assert bytes(explorer.image.value).startswith(b"\x89PNG")
    assert explorer.profile["relleno"] == {"12:00:00": 707, "00:00:00": 493}
    assert "12:00:00" in explorer.html.value and "Parecen relleno" in explorer.html.value
    bundle = explorer._repr_mimebundle_()
    assert WIDGET_VIEW in bundle
    assert bundle["text/html"].startswith('<div class="kit-explorer"><img src="data:image/png')
    assert "12:00:00" in bundle["text/html"]


def test_changing_the_column_recomputes_the_profile_and_the_plot(raw):
    explorer = quality_explorer({"crudo": raw}, column="sexo")
    first_image, first_html = explorer.image.value, explorer.html.value
    assert explorer.profile["vacios"] == int(raw["sexo"].isna().sum())
    assert explorer.top["valor"].iloc[-1] is None  # the missing row
    explorer.column.value = "edad"
    assert explorer.profile["clase"] == "number"
    assert explorer.profile["vacios"] == int(raw["edad"].isna().sum())
    assert explorer.image.value != first_image and explorer.html.value != first_html


def test_changing_the_table_keeps_a_shared_column_or_falls_back_to_the_first(raw, victims):
    explorer = quality_explorer({"crudo": raw, "kit": victims}, column="edad")
    explorer.table.value = "kit"
    assert explorer.column.value == "edad"  # both tables have it
    assert list(explorer.column.options) == list(victims.columns)
    assert explorer.profile["filas"] == len(victims)
    explorer.column.value = "hora_placeholder"
    explorer.table.value = "crudo"  # the raw file has no hora_placeholder
    assert explorer.column.value == str(raw.columns[0])
    assert explorer.profile["filas"] == len(raw)


def test_a_date_column_shows_the_planted_gap_month(victims, truth):
    explorer = quality_explorer({"kit": victims}, column="fecha_inicio")
    assert explorer.profile["clase"] == "date"
    by_month = victims["fecha_inicio"].dt.to_period("M").value_counts()
    gap = truth["hueco"]["mes"]
    assert by_month.idxmin() == pd.Period(gap, "M")
    assert by_month[gap] == truth["hueco"]["por_fecha_inicio"][gap]


def test_it_works_on_any_small_frame_and_in_english():
    set_language("en")
    frame = pd.DataFrame(
        {"n": [1.0, np.nan, 3.0], "t": ["N/D", "x", None], "d": pd.to_datetime(["2024-01-05"] * 3)}
    )
    explorer = quality_explorer(frame, column="t")
    assert "Look like placeholders" in explorer.html.value and "(missing)" in explorer.html.value
    for column in ("n", "d"):
        explorer.column.value = column
        assert bytes(explorer.image.value).startswith(b"\x89PNG")
    empty = quality_explorer(pd.DataFrame({"x": [None, None]}))
    assert empty.profile["vacios"] == 2 and empty.profile["distintos"] == 0


def test_bad_arguments_are_refused_clearly(raw):
    with pytest.raises(ValueError, match="No hay tablas"):
        QualityExplorer({})
    with pytest.raises(KeyError, match="no tiene la columna"):
        quality_explorer(raw, column="no_existe")
