"""Crafted files (invented values) in both FGJ layouts, broken files, load() and exposure."""

import math

import pandas as pd
import pytest

import kit.data
from kit.cdmx.exposure import nearest_station, rank_with_uncertainty, rate_per_million
from kit.cdmx.fgj import VICTIMS_COLUMNS, read_victims
from kit.cdmx.load import load
from kit.cdmx.ridership import read_ridership
from kit.errors import DataFormatError, SourceNotFoundError

CURRENT = (
    "anio_inicio,mes_inicio,fecha_inicio,hora_inicio,anio_hecho,mes_hecho,fecha_hecho,hora_hecho,"
    "delito,categoria_delito,sexo,edad,tipo_persona,calidad_juridica,competencia,"
    "colonia_catalogo,colonia_hecho,alcaldia_hecho,alcaldia_catalogo,municipio_hecho,latitud,"
    "longitud\n"
    "2024,Enero,2024-01-03,10:00:00,2024,Enero,2024-01-02,08:15:00,"
    "ROBO A PASAJERO A BORDO DE METRO SIN VIOLENCIA,DELITO DE BAJO IMPACTO,Femenino,34,FISICA,"
    "VICTIMA,FUERO COMUN,Centro,Centro,CUAUHTEMOC,CUAUHTEMOC,,19.4326,-99.1332\n"
    "2024,Enero,2024-01-05,11:00:00,2024,Enero,2024-01-04,12:00:00,ACOSO SEXUAL,"
    "DELITO DE BAJO IMPACTO,,150,FISICA,VICTIMA,,,,GUSTAVO A MADERO,,,25.0,-99.1\n"
)
ANTERIOR = (
    "idCarpeta,Año_inicio,Mes_inicio,FechaInicio,Delito,Categoria,Sexo,Edad,TipoPersona,"
    "CalidadJuridica,competencia,Año_hecho,Mes_hecho,FechaHecho,HoraHecho,HoraInicio,"
    "AlcaldiaHechos,ColoniaDatos,ColoniaHechos,Calle_hechos,Calle_hechos2,latitud,longitud\n"
    "1,2022,Marzo,05/03/2022,ROBO A PASAJERO EN TROLEBUS SIN VIOLENCIA,DELITO DE BAJO IMPACTO,"
    "Masculino,NA,FISICA,VICTIMA,,2022,Marzo,04/03/2022,00:00,10:00,IZTAPALAPA,,Santa Cruz,,,"
    "NA,NA\n"
)


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_current_layout(tmp_path):
    frame = read_victims(write(tmp_path, "victimasFGJ_acumulado_2024_01.csv", CURRENT))
    assert list(frame.columns) == list(VICTIMS_COLUMNS)
    first, second = frame.iloc[0], frame.iloc[1]
    assert first["sexo"] == "Mujer" and first["edad"] == 34 and first["hora"] == 8
    assert first["transporte"] == "Metro" and first["alcaldia"] == "Cuauhtémoc"
    assert second["hora_placeholder"] and pd.isna(second["hora"])
    assert pd.isna(second["sexo"]) and pd.isna(second["edad"])  # 150 is implausible
    assert math.isnan(second["latitud"])  # outside Mexico City
    assert second["alcaldia"] == "Gustavo A. Madero"
    assert frame.attrs["coordenadas_fuera"] == 1


def test_previous_layout(tmp_path):
    frame = read_victims(write(tmp_path, "victimas_completa_marzo_2022.csv", ANTERIOR))
    row = frame.iloc[0]
    assert row["esquema"] == "anterior" and row["sexo"] == "Hombre"
    assert row["fecha_hecho"] == pd.Timestamp("2022-03-04")
    assert row["hora_placeholder"] and row["transporte"] == "Trolebús"
    assert row["alcaldia"] == "Iztapalapa" and row["colonia"] == "Santa Cruz"


def test_windows_1252_is_read(tmp_path):
    text = ANTERIOR.replace("Santa Cruz", "Peñón")
    frame = read_victims(write(tmp_path, "v.csv", text, "cp1252"))
    assert frame.attrs["codificacion"] == "cp1252" and frame.iloc[0]["colonia"] == "Peñón"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "vac"),
        (CURRENT.encode()[:-30], "cortado"),
        (b"fecha,delito\n2024-01-01,ROBO\n", "faltan las columnas"),
        (b"PK\x03\x04 not a csv", "Excel"),
        ((CURRENT + "x,Peñón\n").encode() + "Peñón\n".encode("cp1252"), "codificaciones"),
        (CURRENT.encode() + b"1,2,3\n", "CSV"),
    ],
    ids=["empty", "truncated", "columns", "xlsx", "mixed", "short_row"],
)
def test_broken_victims_files(tmp_path, content, problem):
    path = tmp_path / "victimas.csv"
    path.write_bytes(content)
    with pytest.raises(DataFormatError, match=problem) as error:
        read_victims(path)
    assert str(path) in str(error.value)


def test_ridership_unknown_system_and_bad_values(tmp_path):
    text = "fecha,anio,mes,linea,afluencia\n2024-01-01,2024,Enero,Línea 1,10\n"
    with pytest.raises(DataFormatError, match="sistema"):
        read_ridership(write(tmp_path, "afluencia.csv", text))
    assert len(read_ridership(write(tmp_path, "afluencia.csv", text), system="Metrobús")) == 1
    with pytest.raises(DataFormatError, match="no son números"):
        read_ridership(write(tmp_path, "afluenciamb_simple.csv", text.replace(",10", ",diez")))


def test_load_sample_missing_and_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(kit.data, "DATA_DIR", tmp_path / "data")
    with pytest.raises(SourceNotFoundError, match=r"kit\.samples cdmx"):
        load("sample")
    for folder in ("fgj", "afluencia", "estaciones"):
        (tmp_path / "real" / folder).mkdir(parents=True)
    write(tmp_path / "real" / "fgj", "a.csv", CURRENT)
    write(tmp_path / "real" / "fgj", "b.csv", ANTERIOR)
    write(tmp_path / "real" / "afluencia", "afluenciamb_simple_01_2024.csv",
          "fecha,anio,mes,linea,afluencia\n2024-01-01,2024,Enero,linea 1,NaN\n")  # fmt: skip
    write(tmp_path / "real" / "estaciones", "e.csv",
          "CVE_EST,LINEA,NOMBRE,lon,lat\nX01,1,Estación Uno,-99.13,19.43\n")  # fmt: skip
    data = load(tmp_path / "real")
    assert len(data.victimas) == 3 and set(data.victimas["esquema"]) == {"actual", "anterior"}
    assert data.victimas["transporte"].notna().sum() == 2
    assert "3 registros" in repr(data)
    (tmp_path / "real" / "estaciones" / "e.csv").unlink()
    with pytest.raises(SourceNotFoundError, match="estaciones"):
        load(tmp_path / "real")


def test_rates_intervals_and_ranking():
    rates = rate_per_million(pd.Series([0, 1, 10], index=["a", "b", "c"]), [1e6, 1e6, 1e6])
    assert list(rates.columns) == ["victimas", "viajes", "tasa", "ci_low", "ci_high"]
    assert rates.loc["a", "ci_high"] == pytest.approx(3.6889, abs=1e-3)
    assert rates.loc["b", "ci_low"] == pytest.approx(0.02532, abs=1e-4)
    assert rates.loc["c", "ci_high"] == pytest.approx(18.390, abs=1e-2)
    ranked = rank_with_uncertainty(rates)
    assert list(ranked.index) == ["c", "b", "a"]
    # b's interval (0.03-5.57) overlaps c's (4.80-18.39): b could be first; a (0-3.69) cannot.
    assert not ranked.loc["b", "distinguible_del_primero"]
    assert ranked.loc["a", "distinguible_del_primero"]
    assert ranked.loc["a", "empata_con_anterior"] and ranked.loc["b", "empata_con_anterior"]
    assert ranked.loc["b", "rango_min"] == 1 and ranked.loc["a", "rango_min"] == 2
    assert ranked.loc["a", "rango_max"] == 3


def test_nearest_station():
    stations = pd.DataFrame({"estacion": ["Uno", "Dos"], "lat": [19.40, 19.50],
                             "lon": [-99.10, -99.10]})  # fmt: skip
    found = nearest_station([19.401, 19.45, float("nan")], [-99.10, -99.10, -99.1], stations)
    assert found.loc[0, "estacion"] == "Uno"
    assert found.loc[0, "distancia_m"] == pytest.approx(111.2, abs=0.5)
    assert pd.isna(found.loc[1, "estacion"]) and pd.isna(found.loc[2, "estacion"])
    assert nearest_station([19.45], [-99.10], stations, max_m=None).loc[0, "estacion"] == "Uno"
