"""The readers on the real published files: exact counts, recomputed here where derived."""

import csv

import pandas as pd
import pytest

from kit.cdmx.fgj import read_carpetas
from kit.cdmx.ridership import read_ridership
from kit.cdmx.sesnsp import read_sesnsp_victims
from kit.cdmx.stations import read_stations
from kit.cdmx.text import line_label, station_key
from kit.cdmx.transport import transport_of

EXTRACT = "fgj_carpetas_privacion_libertad_2016_2025.csv"
METRO = "metro_stc_afluencia_desglosada_muestra_2025-10-01_linea1.csv"


def raw(path):
    with path.open(encoding="utf-8", newline="") as text:
        return list(csv.DictReader(text))


def test_fgj_extract_rows_placeholders_and_alcaldias(real_cdmx):
    frame = read_carpetas(real_cdmx / EXTRACT)
    rows = raw(real_cdmx / EXTRACT)
    assert len(frame) == len(rows) == 6660
    placeholders = sum(r["hora_hecho"][:8] in ("00:00:00", "12:00:00") for r in rows)
    assert int(frame["hora_placeholder"].sum()) == placeholders == 374
    assert frame["hora"].isna().sum() == 374 + 5  # placeholders + 5 missing or 'NaT:00'
    assert frame["alcaldia"].nunique() == 16
    assert frame["alcaldia"].value_counts()["Gustavo A. Madero"] == 393
    assert frame["latitud"].isna().all()  # the extract has no coordinates
    assert frame["transporte"].isna().all()
    assert (frame["esquema"] == "actual").all()
    assert frame["fecha_hecho"].isna().sum() == 5


def test_fgj_extract_read_in_many_blocks_is_the_same_table(real_cdmx):
    whole = read_carpetas(real_cdmx / EXTRACT)
    pieces = read_carpetas(real_cdmx / EXTRACT, block_size=100_000)
    assert whole.attrs["bloques"] == 1
    assert pieces.attrs["bloques"] > 10
    pd.testing.assert_frame_equal(whole, pieces)


@pytest.mark.parametrize(
    ("name", "rows", "lines", "nan", "decimals"),
    [
        ("metrobus_afluencia_desglosada_2021_2025-05.csv", 22568, 7, 0, 56),
        ("metrobus_afluencia_simple_2005_2026-01.csv", 52465, 7, 17227, 57),
        ("trolebus_afluencia_desglosada_2022_2025-05.csv", 42339, 13, 0, 0),
        ("cablebus_afluencia_desglosada_2022_2025-05.csv", 4988, 2, 0, 0),
        ("tren_ligero_afluencia_desglosada_2022_2025-05.csv", 2494, 1, 0, 120),
        (METRO, 60, 1, 0, 0),
    ],
)
def test_ridership_files(real_cdmx, name, rows, lines, nan, decimals):
    frame = read_ridership(real_cdmx / name)
    published = raw(real_cdmx / name)
    assert len(frame) == len(published) == rows
    assert frame["linea"].nunique() == lines
    assert sum(r["afluencia"] == "NaN" for r in published) == nan
    assert int(frame["afluencia"].isna().sum()) == nan
    assert int(frame["afluencia_no_entera"].sum()) == decimals
    assert frame["fecha"].notna().all()


def test_trolebus_labels_of_four_spellings_become_thirteen_lines(real_cdmx):
    frame = read_ridership(real_cdmx / "trolebus_afluencia_desglosada_2022_2025-05.csv")
    assert sorted(frame["linea"].unique(), key=lambda s: (len(s), s)) == [
        *"123456789", "10", "11", "12", "1 Nochebús",
    ]  # fmt: skip
    assert frame.attrs["lineas_publicadas"]["linea_ 1_nochebus"] == "1 Nochebús"
    assert frame.attrs["lineas_publicadas"]["Línea 10 (Trolebús elevado)"] == "10"


def test_tren_ligero_has_one_line_and_metro_sample_repairs_names(real_cdmx):
    assert set(read_ridership(real_cdmx / "tren_ligero_afluencia_desglosada_2022_2025-05.csv")[
        "linea"]) == {"TL"}  # fmt: skip
    metro = read_ridership(real_cdmx / METRO)
    broken = [r["estacion"] for r in raw(real_cdmx / METRO) if "Ã" in r["estacion"]]
    assert metro.attrs["estaciones_reparadas"] == len(broken) == 24
    assert len(set(broken)) == 8
    assert "Pantitlán" in set(metro["estacion"])
    assert not metro["estacion"].str.contains("Ã").any()


def test_stations_layer_and_join_with_metro_ridership(real_cdmx):
    stations = read_stations(real_cdmx / "stc_metro_estaciones_semovi.csv")
    assert len(stations) == 195
    per_line = stations["linea"].value_counts().to_dict()
    assert per_line == {
        "1": 20, "2": 24, "3": 21, "4": 10, "5": 13, "6": 11, "7": 14, "8": 19, "9": 12,
        "A": 10, "B": 21, "12": 20,
    }  # fmt: skip
    assert stations["clave_estacion"].nunique() == 163
    assert set(stations["sistema"]) == {"Metro"}  # the layer's "STC Metro", named as in ridership
    line1 = set(stations.loc[stations["linea"] == "1", "clave_estacion"])
    riders = set(read_ridership(real_cdmx / METRO)["estacion"].map(station_key))
    assert len(riders) == 20
    assert riders <= line1  # every Metro ridership station joins the layer after repair


def test_sesnsp_rows_and_victims_by_sex(real_cdmx):
    frame = read_sesnsp_victims(
        real_cdmx / "sesnsp_victimas_fuero_comun_cdmx_libertad_por_sexo.csv"
    )
    assert len(frame) == 992
    assert frame["sexo"].value_counts().to_dict() == {
        "Hombre": 457, "Mujer": 408, "No identificado": 127,
    }  # fmt: skip
    assert frame.groupby("sexo")["victimas"].sum().to_dict() == {
        "Hombre": 6874, "Mujer": 6344, "No identificado": 3758,
    }  # fmt: skip
    assert frame["mes"].between(1, 12).all()


EXPECTED_SYSTEMS = {
    "Metro": {"ROBO A PASAJERO A BORDO DE METRO CON VIOLENCIA",
              "ROBO A PASAJERO A BORDO DE METRO SIN VIOLENCIA"},
    "Metrobús": {"ROBO A PASAJERO A BORDO DE METROBUS CON VIOLENCIA",
                 "ROBO A PASAJERO A BORDO DE METROBUS SIN VIOLENCIA"},
    "Trolebús": {"ROBO A PASAJERO EN TROLEBUS CON VIOLENCIA",
                 "ROBO A PASAJERO EN TROLEBUS SIN VIOLENCIA"},
    "Tren Ligero": {"ROBO A PASAJERO EN TREN LIGERO CON VIOLENCIA",
                    "ROBO A PASAJERO EN TREN LIGERO SIN VIOLENCIA"},
    "Microbús": {"ROBO A PASAJERO A BORDO DE PESERO COLECTIVO CON VIOLENCIA",
                 "ROBO A PASAJERO A BORDO DE PESERO COLECTIVO SIN VIOLENCIA",
                 "ROBO A PASAJERO A BORDO DE PESERO Y VEHICULO CON VIOLENCIA"},
    "Taxi": {"ROBO A TRANSEUNTE A BORDO DE TAXI PUBLICO Y PRIVADO SIN VIOLENCIA",
             "ROBO A TRANSEUNTE A BORDO DE TAXI PÚBLICO Y PRIVADO CON VIOLENCIA"},
    "Otro transporte": {
        "ROBO A PASAJERO A BORDO DE TRANSPORTE PÚBLICO CON VIOLENCIA",
        "ROBO A PASAJERO A BORDO DE TRANSPORTE PÚBLICO SIN VIOLENCIA",
        "ROBO A PASAJERO EN AUTOBUS FORANEO SIN VIOLENCIA",
        "ROBO A PASAJERO EN AUTOBÚS FORÁNEO CON VIOLENCIA",
        "ROBO A PASAJERO EN ECOBUS CON VIOLENCIA", "ROBO A PASAJERO EN ECOBUS SIN VIOLENCIA",
        "ROBO A PASAJERO EN RTP CON VIOLENCIA", "ROBO A PASAJERO EN RTP SIN VIOLENCIA",
        "ROBO A PASAJERO EN TREN SUBURBANO CON VIOLENCIA",
        "ROBO A PASAJERO EN TREN SUBURBANO SIN VIOLENCIA",
        "ROBO A TRANSEUNTE EN TERMINAL DE PASAJEROS CON VIOLENCIA",
    },
}  # fmt: skip


@pytest.mark.parametrize(
    ("name", "column"),
    [
        ("fgj_victimas_catalogo_delito_categoria_conteos.csv", "Delito"),
        ("fgj_carpetas_catalogo_delito_categoria.csv", "incidente"),
    ],
)
def test_transport_of_on_both_real_catalogues(real_cdmx, name, column):
    names = [r[column] for r in raw(real_cdmx / name)]
    by_system: dict[str, set[str]] = {}
    for delito in names:
        if (system := transport_of(delito)) is not None:
            by_system.setdefault(system, set()).add(delito)
    assert by_system == EXPECTED_SYSTEMS
    assert transport_of("PERDIDA DE LA VIDA POR SUICIDIO EN EL METRO") is None
    assert (
        transport_of("ROBO A TRANSEUNTE CONDUCTOR DE TAXI PUBLICO Y PRIVADO CON VIOLENCIA") is None
    )


def test_line_labels():
    spellings = ["Línea 1", "linea 1", "linea_ 1", "L1", "Línea 01"]
    assert {line_label(s) for s in spellings} == {"1"}
    assert line_label("Linea A") == "A"
    assert line_label("Línea 12") == "12"
