"""Gzipped CSVs (``.csv.gz``, as the bundled sample stores its large files) read like plain ones."""

import gzip

import pandas as pd
import pytest

from kit.cdmx.fgj import read_victims
from kit.cdmx.load import load
from kit.cdmx.ridership import read_ridership, system_of
from kit.errors import DataFormatError
from tests.cdmx.test_readers_crafted import ANTERIOR, CURRENT

METRO = (
    "fecha,mes,anio,linea,estacion,tipo_pago,afluencia\n"
    "2024-07-01,Julio,2024,Linea 1,PantitlÃ¡n,Boleto,120\n"
    "2024-07-01,Julio,2024,Linea 1,PantitlÃ¡n,Prepago,NaN\n"
)


def write_gz(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    return path


def test_gzipped_victims_read_as_the_plain_file(tmp_path):
    plain = tmp_path / "victimasFGJ_acumulado_2024_01.csv"
    plain.write_text(CURRENT, encoding="utf-8")
    zipped = read_victims(write_gz(tmp_path, "victimasFGJ_acumulado_2024_01.csv.gz", CURRENT))
    pd.testing.assert_frame_equal(zipped, read_victims(plain))
    old = read_victims(write_gz(tmp_path, "victimas_completa_marzo_2022.csv.gz", ANTERIOR))
    assert list(old["esquema"]) == ["anterior"] and bool(old["hora_placeholder"].iloc[0])


def test_gzipped_ridership_system_from_the_name_without_gz(tmp_path):
    assert system_of("afluenciastc_desglosado_12_2024.csv.gz") == "Metro"
    assert system_of("afluencia_desglosada_tl_12_2024.csv.gz") == "Tren Ligero"
    assert system_of("afluencia_desglosada_cb_12_2024.csv.gz") == "Cablebús"
    frame = read_ridership(write_gz(tmp_path, "afluenciastc_desglosado_07_2024.csv.gz", METRO))
    assert list(frame["estacion"]) == ["Pantitlán", "Pantitlán"]
    assert frame["afluencia"].isna().sum() == 1 and frame.attrs["estaciones_reparadas"] == 2


def test_a_cut_gzip_is_a_clear_error(tmp_path):
    path = write_gz(tmp_path, "victimasFGJ_acumulado_2024_01.csv.gz", CURRENT * 50)
    path.write_bytes(path.read_bytes()[:-30])
    with pytest.raises(DataFormatError, match="gzip"):
        read_victims(path)


def test_load_reads_gzipped_files_in_a_folder(tmp_path):
    write_gz(tmp_path / "fgj", "a.csv.gz", CURRENT)
    (tmp_path / "fgj" / "b.csv").write_text(ANTERIOR, encoding="utf-8")
    write_gz(tmp_path / "afluencia", "afluenciastc_desglosado_07_2024.csv.gz", METRO)
    (tmp_path / "estaciones").mkdir()
    (tmp_path / "estaciones" / "e.csv").write_text(
        "CVE_EST,LINEA,NOMBRE,lon,lat\nX01,1,Pantitlán,-99.07,19.41\n", encoding="utf-8"
    )
    data = load(tmp_path)
    assert len(data.victimas) == 3 and set(data.victimas["esquema"]) == {"actual", "anterior"}
    assert list(data.afluencia["sistema"].astype(str)) == ["Metro", "Metro"]
