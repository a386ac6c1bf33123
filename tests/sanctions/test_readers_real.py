"""Conformance: do the readers read the real published lists exactly right?

The files live in ``../shared/real/sanctions`` (see its SOURCES.md) and are never copied into the
repository. Row counts are the ones SOURCES.md states; a few records are checked value by value,
some against plain ``csv`` (the truth). A row of a list is what the authority published about
someone, nothing more: the values below are the published text.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd
import pytest

from kit.sanctions.ofac import ADD_COLUMNS, ALT_COLUMNS, ID_COLUMNS, SDN_COLUMNS, read_sdn
from kit.sanctions.sat69b import COLUMNS as COLUMNS_69B
from kit.sanctions.sat69b import SITUACIONES, read_69b
from kit.sanctions.sfp import COLUMNS as COLUMNS_SFP
from kit.sanctions.sfp import read_sfp

pytestmark = pytest.mark.real

FULL_2021 = "sat_69b/Listado_Completo_69-B_2021-05-18.csv"
FULL_2022 = "sat_69b/Listado_Completo_69-B_2022-11-30.csv"
TRIMMED = "sat_69b/Listado_completo_69-B_2026-03_rfc_nombre_situacion.csv"
SFP = "sfp/Proveedores_Contratistas_Sancionados_2026-03"


def plain_rows(path: Path) -> list[list[str]]:
    """The file's records with nothing but ``csv`` (OFAC's files are ASCII)."""
    text = path.read_bytes().decode("utf-8").rstrip("\x1a")
    return list(csv.reader(io.StringIO(text, newline="")))


@pytest.fixture(scope="module")
def sdn_2021(real_sanctions):
    return read_sdn(real_sanctions / "ofac" / "2021-07-07")


@pytest.fixture(scope="module")
def sdn_2024(real_sanctions):
    return read_sdn(real_sanctions / "ofac" / "2024-05-03" / "sdn.csv")


@pytest.fixture(scope="module")
def list_2022(real_sanctions):
    return read_69b(real_sanctions / FULL_2022)


@pytest.fixture(scope="module")
def trimmed(real_sanctions):
    return read_69b(real_sanctions / TRIMMED)


@pytest.fixture(scope="module")
def sfp_csv(real_sanctions):
    return read_sfp(real_sanctions / f"{SFP}.csv")


def entry(sdn, number: int) -> pd.Series:
    rows = sdn.entries[sdn.entries["ent_num"] == number]
    assert len(rows) == 1
    return rows.iloc[0]


# OFAC


def test_ofac_row_counts_are_those_of_sources_md(sdn_2021, sdn_2024):
    assert len(sdn_2021.entries) == 8976
    assert len(sdn_2021.addresses) == 13837
    assert len(sdn_2021.aliases) == 11910
    assert len(sdn_2024.entries) == 14965
    assert sdn_2024.addresses.empty and sdn_2024.aliases.empty
    assert len(sdn_2021.files) == 4 and len(sdn_2024.files) == 1


def test_ofac_tables_have_their_columns(sdn_2021):
    assert list(sdn_2021.entries.columns) == [*SDN_COLUMNS, "remarks_incomplete"]
    assert tuple(sdn_2021.addresses.columns) == ADD_COLUMNS
    assert tuple(sdn_2021.aliases.columns) == ALT_COLUMNS
    assert tuple(sdn_2021.ids.columns) == ID_COLUMNS
    assert sdn_2021.entries["ent_num"].is_unique


def test_ofac_types_are_lower_case_and_entities_are_named(sdn_2021, sdn_2024):
    assert sdn_2021.entries["sdn_type"].value_counts().to_dict() == {
        "individual": 4620,
        "entity": 3673,
        "vessel": 406,
        "aircraft": 277,
    }
    assert sdn_2024.entries["sdn_type"].value_counts()["entity"] == 6884
    airline = entry(sdn_2021, 36)
    assert airline["name"] == "AEROCARIBBEAN AIRLINES"
    assert airline["sdn_type"] == "entity"
    assert airline["programs"] == ("CUBA",)
    assert pd.isna(airline["remarks"]) and pd.isna(airline["title"])


def test_no_value_is_the_null_marker(sdn_2021):
    for table in (sdn_2021.entries, sdn_2021.addresses, sdn_2021.aliases):
        text = table.select_dtypes("string")
        assert not text.apply(lambda column: column.str.strip().eq("-0-").any()).any()


def test_an_entry_with_several_programs(sdn_2021, sdn_2024):
    for sdn in (sdn_2021, sdn_2024):
        assert entry(sdn, 4632)["programs"] == ("IRAN", "SDGT", "IRGC", "IFSR")
    programs = sdn_2024.programs
    assert list(programs.columns) == ["ent_num", "program"]
    assert set(programs.loc[programs["ent_num"] == 4632, "program"]) == {
        "IRAN",
        "SDGT",
        "IRGC",
        "IFSR",
    }
    assert "CAATSA - RUSSIA" in set(programs["program"])  # a program with spaces


def test_a_mexican_rfc_in_the_remarks_is_extracted_and_normalised(sdn_2021, sdn_2024):
    for sdn in (sdn_2021, sdn_2024):
        company = entry(sdn, 7156)
        assert company["name"] == "DISTRIBUIDORA IMPERIAL DE BAJA CALIFORNIA, S.A. DE C.V."
        assert company["remarks"] == "R.F.C. DIB-771110-HQ1 (Mexico)."
        ids = sdn.ids[sdn.ids["ent_num"] == 7156]
        assert ids[["kind", "value", "country"]].values.tolist() == [
            ["RFC", "DIB771110HQ1", "Mexico"]
        ]
        assert bool(ids["well_formed"].iloc[0])
    aliases = sdn_2021.aliases[sdn_2021.aliases["ent_num"] == 7156]
    assert aliases[["alt_type", "alt_name"]].values.tolist() == [
        ["aka", "DISTRIBUIDORA IMPERIAL"],
        ["aka", "DIBC"],
    ]


def test_curp_and_incomplete_rfc_of_one_entry(sdn_2021):
    ids = sdn_2021.ids[sdn_2021.ids["ent_num"] == 9341].set_index("kind")
    assert ids.loc["RFC", "value"] == "GAMR501027"  # published without homoclave
    assert not ids.loc["RFC", "well_formed"]
    assert ids.loc["CURP", "value"] == "GAMR501027HSLXDG00"
    assert ids.loc["CURP", "well_formed"]


def test_ids_counts_and_generic_kinds(sdn_2024):
    kinds = sdn_2024.ids["kind"].value_counts()
    assert kinds["RFC"] == 355 and kinds["CURP"] == 444
    assert {"Tax ID", "Passport", "National ID", "Cedula", "NIT"} <= set(kinds.index)
    mexican = sdn_2024.ids[sdn_2024.ids["kind"].isin(["RFC", "CURP"])]
    assert mexican["value"].str.fullmatch(r"[A-Z0-9&Ñ]+").all()
    assert mexican["well_formed"].sum() == 287 + 442
    assert sdn_2024.ids["well_formed"].isna().sum() == len(sdn_2024.ids) - len(mexican)


def test_remarks_continue_in_sdn_comments(real_sanctions, sdn_2021):
    folder = real_sanctions / "ofac" / "2021-07-07"
    published = {row[0]: row[11] for row in plain_rows(folder / "sdn.csv")}
    comments = plain_rows(folder / "sdn_comments.csv")
    assert len(comments) == 5
    for number, more in comments:
        remarks = entry(sdn_2021, int(number))["remarks"]
        assert len(published[number]) == 1000
        assert remarks == published[number] + more
    company = entry(sdn_2021, 30518)
    assert company["name"] == "SECONDEYE SOLUTION"
    assert len(company["remarks"]) == 1000 + 882
    assert not sdn_2021.entries["remarks_incomplete"].any()


def test_remarks_cut_without_sdn_comments_are_flagged(real_sanctions, sdn_2024):
    incomplete = sdn_2024.entries[sdn_2024.entries["remarks_incomplete"]]
    assert len(incomplete) == 18
    assert incomplete["remarks"].str.len().eq(1000).all()
    published = {row[0]: row[11] for row in plain_rows(real_sanctions / "ofac/2024-05-03/sdn.csv")}
    assert entry(sdn_2024, 39593)["remarks"] == published["39593"]  # ends in a space: kept


def test_addresses_of_one_entry(sdn_2021):
    rows = sdn_2021.addresses[sdn_2021.addresses["ent_num"] == 306]
    assert rows["add_num"].tolist() == [199, 200, 201, 202]
    assert rows.iloc[0][["address", "city_state_postal", "country"]].tolist() == [
        "Zweierstrasse 35",
        "Zurich CH-8022",
        "Switzerland",
    ]
    assert rows["remarks"].isna().all()


def test_vessel_tonnage_is_a_number(sdn_2024):
    vessels = sdn_2024.entries[sdn_2024.entries["sdn_type"] == "vessel"]
    assert str(vessels["grt"].dtype) == "Int64"
    assert vessels["grt"].notna().sum() == 142
    assert sdn_2024.entries["tonnage"].notna().sum() == 58


# SAT 69-B


@pytest.mark.parametrize(
    ("name", "rows", "suppressed", "repeated", "updated"),
    [
        (FULL_2021, 12505, 87, 107, "2021-05-18"),
        (FULL_2022, 12666, 86, 137, "2022-11-30"),
        (TRIMMED, 14280, 238, 158, None),
    ],
)
def test_69b_counts(real_sanctions, name, rows, suppressed, repeated, updated):
    frame = read_69b(real_sanctions / name)
    assert len(frame) == rows
    assert tuple(frame.columns) == COLUMNS_69B
    assert frame["rfc_suprimido"].sum() == suppressed
    assert frame.loc[frame["rfc_suprimido"], "rfc"].isna().all()
    assert frame.loc[frame["rfc_suprimido"], "nombre"].isna().all()
    assert frame["rfc_repetido"].sum() == repeated
    assert frame["rfc"].dropna().str.fullmatch(r"[A-Z&Ñ]{3,4}\d{6}[A-Z0-9]{3}").all()
    assert frame["situacion"].notna().all()
    assert list(frame["situacion"].cat.categories) == list(SITUACIONES)
    assert frame.attrs["actualizado"] == (pd.Timestamp(updated) if updated else None)
    assert frame.attrs["situaciones_no_reconocidas"] == {}


def test_69b_complete_list_metadata(list_2022, trimmed):
    assert list_2022.attrs["variante"] == "completo"
    assert list_2022.attrs["codificacion"] == "cp1252"
    assert list_2022["no"].tolist() == list(range(1, 12667))
    assert trimmed.attrs["variante"] == "rfc_nombre_situacion"
    assert trimmed.attrs["codificacion"] == "utf-8"
    assert trimmed["no"].isna().all() and trimmed["publicacion_sat_presunto"].isna().all()


def test_69b_situations(list_2022):
    assert list_2022["situacion"].value_counts().to_dict() == {
        "definitivo": 10954,
        "sentencia_favorable": 1241,
        "desvirtuado": 330,
        "presunto": 141,
    }
    labels = list_2022.groupby("situacion", observed=True)["situacion_publicada"].unique()
    assert {key: list(value) for key, value in labels.items()} == {
        "presunto": ["Presunto"],
        "desvirtuado": ["Desvirtuado"],
        "definitivo": ["Definitivo"],
        "sentencia_favorable": ["Sentencia Favorable"],
    }


def row_of(frame: pd.DataFrame, rfc: str) -> pd.Series:
    rows = frame[frame["rfc"] == rfc]
    assert len(rows) == 1
    return rows.iloc[0]


def test_69b_one_row_of_each_situation(list_2022):
    presunto = row_of(list_2022, "ACI120209FE8")
    assert presunto["nombre"] == "ANÁLISIS CULTURAL E INTELECTUAL DE PERSONAL, S.A. DE C.V."
    assert presunto["situacion"] == "presunto"
    assert presunto["oficio_sat_presunto"] == "500-05-2019-7302 de fecha 1 de marzo de 2019"
    assert presunto["publicacion_dof_presunto"] == pd.Timestamp("2019-03-30")
    assert pd.isna(presunto["publicacion_sat_definitivo"])

    desvirtuado = row_of(list_2022, "AAA100303L51")
    assert desvirtuado["situacion"] == "desvirtuado"
    assert desvirtuado["publicacion_dof_desvirtuado"] == pd.Timestamp("2018-10-23")

    definitivo = row_of(list_2022, "AAA151209DYA")
    assert definitivo["situacion"] == "definitivo"
    assert definitivo["oficio_dof_definitivo"] == "500-05-2021-5055 de fecha 9 de febrero de 2021"
    assert definitivo["publicacion_dof_definitivo"] == pd.Timestamp("2021-02-22")

    favorable = row_of(list_2022, "AAA080808HL8")
    assert favorable["no"] == 1
    assert favorable["nombre"] == "ASESORES EN AVALÚOS Y ACTIVOS, S.A. DE C.V."
    assert favorable["situacion"] == "sentencia_favorable"
    assert favorable["situacion_publicada"] == "Sentencia Favorable"
    assert favorable["publicacion_sat_presunto"] == pd.Timestamp("2018-06-01")
    assert favorable["publicacion_dof_sentencia_favorable"] == pd.Timestamp("2019-04-16")


def test_69b_repeated_rfc_keeps_both_rows_and_the_note(list_2022, trimmed):
    for frame in (list_2022, trimmed):
        rows = frame[frame["rfc"] == "AAS110331G59"]
        assert rows["rfc_repetido"].all()
        assert rows["nombre"].tolist() == ["ABIRA & SAFFI CORPORATIVO, S. DE R.L. DE C.V."] * 2
        assert rows["situacion"].tolist() == ["definitivo", "sentencia_favorable"]
        assert rows["nota"].iloc[0].startswith("En cumplimiento a la sentencia del 7 de octubre")
        assert pd.isna(rows["nota"].iloc[1])


def test_69b_suppressed_rows_keep_the_order_as_a_note(list_2022):
    notes = list_2022.loc[list_2022["rfc_suprimido"], "nota"]
    assert notes.str.lower().str.contains("suprimida").all()
    assert notes.notna().all()


def test_69b_dates_in_other_shapes_are_read_or_reported(list_2022):
    assert list_2022.attrs["fechas_no_leidas"] == {
        "publicacion_sat_definitivo": 50,
        "publicacion_dof_definitivo": 49,
        "publicacion_sat_sentencia_favorable": 13,
        "publicacion_dof_sentencia_favorable": 13,
    }
    examples = list_2022.attrs["fechas_no_leidas_ejemplos"]["publicacion_sat_definitivo"]
    assert "25/05/2022 - 26/04/2021" in examples  # two dates in one cell: not guessed
    excel = list_2022[list_2022["no"] == 425].iloc[0]  # the cell holds 44014
    assert excel["publicacion_dof_presunto"] == pd.Timestamp("2020-07-02")
    two = list_2022[list_2022["no"] == 6].iloc[0]
    assert pd.isna(two["publicacion_sat_definitivo"])
    for column in ("publicacion_sat_presunto", "publicacion_dof_presunto"):
        assert list_2022[column].notna().all()
        assert list_2022[column].dt.year.between(2014, 2022).all()


def test_69b_trimmed_copy_repairs_punctuation_and_line_breaks(trimmed):
    for column in ("nombre", "nota"):
        assert not trimmed[column].str.contains("[\x80-\x9f\n\t]", regex=True).any()
        assert not trimmed[column].str.startswith(" ").any()
    rows = trimmed[trimmed["rfc"] == "CAR160229F29"]
    assert rows["nombre"].tolist() == ["CARYRA, S. DE R.L. DE C.V."] * 2
    assert rows["nota"].iloc[0].startswith("En cumplimiento a la sentencia de fecha 13 de agosto")
    assert trimmed.loc[trimmed["rfc_suprimido"], "nota"].str.startswith("“").sum() == 2


def test_69b_complete_and_trimmed_agree_on_names(real_sanctions, list_2022, trimmed):
    older = read_69b(real_sanctions / FULL_2021)
    both = set(list_2022["rfc"].dropna()) & set(older["rfc"].dropna())
    names = list_2022.dropna(subset=["rfc"]).drop_duplicates("rfc").set_index("rfc")["nombre"]
    names_old = older.dropna(subset=["rfc"]).drop_duplicates("rfc").set_index("rfc")["nombre"]
    same = sum(names[rfc] == names_old[rfc] for rfc in both)
    assert same / len(both) > 0.99
    assert row_of(trimmed, "AAA080808HL8")["nombre"] == row_of(list_2022, "AAA080808HL8")["nombre"]


# SFP


def test_sfp_xlsx_and_csv_read_the_same(real_sanctions, sfp_csv):
    xlsx = read_sfp(real_sanctions / f"{SFP}.xlsx")
    assert len(sfp_csv) == len(xlsx) == 2395
    assert tuple(sfp_csv.columns) == COLUMNS_SFP
    pd.testing.assert_frame_equal(sfp_csv, xlsx)
    assert (xlsx.attrs["formato"], sfp_csv.attrs["formato"]) == ("xlsx", "csv")


def test_sfp_one_row(sfp_csv):
    rows = sfp_csv[sfp_csv["procedimiento_administrativo"] == "PA-0038/2024"]
    row = rows[rows["expediente"] == "0246/2022"].iloc[0]
    assert row["proveedor_contratista"] == "GVICOA, S.A. DE C.V."  # published with a tab
    assert row["oic_responsable"] == "INSTITUTO MEXICANO DEL SEGURO SOCIAL"
    assert row["ley_infringida"].endswith("(LAASSP)")
    assert row["inicio_sancion"] == pd.Timestamp("2026-02-21")
    assert row["fin_sancion"] == pd.Timestamp("2027-05-21")
    assert row["monto_multa"] == 745705.0
    assert row["periodo_inhabilitacion"] == "1 año, 3 meses"
    assert row["meses_inhabilitacion"] == 15


def test_sfp_columns_are_tidy(sfp_csv):
    assert sfp_csv.attrs["fechas_no_leidas"] == {} and sfp_csv.attrs["montos_no_leidos"] == 0
    assert sfp_csv["monto_multa"].notna().all()
    assert sfp_csv["inicio_sancion"].isna().sum() == 548
    assert sfp_csv["fin_sancion"].isna().sum() == 555
    assert sfp_csv["periodo_inhabilitacion"].isna().sum() == 556
    dated = sfp_csv.dropna(subset=["inicio_sancion", "fin_sancion"])
    assert len(dated) == 1840
    assert (dated["fin_sancion"] < dated["inicio_sancion"]).sum() == 3  # as published
    assert sfp_csv["meses_inhabilitacion"].notna().sum() == 2395 - 556
    for column in ("proveedor_contratista", "oic_responsable"):
        assert not sfp_csv[column].str.contains(r"^\s|\s$|\s\s", regex=True).any()
