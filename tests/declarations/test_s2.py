"""S2 (officials in procurement): the real datatón file, both layouts, and broken files."""

from __future__ import annotations

import gzip

import pytest

import kit.data
from kit.declarations.s2 import COLUMNS, read_s2
from kit.errors import SourceNotFoundError
from tests.declarations.files import refused, s2_v1, s2_v11, write


def test_the_real_s2_file_has_every_record_in_the_v1_layout(real_s2):
    frame = read_s2(real_s2)
    assert len(frame) == 4927  # SOURCES.md
    assert list(frame.columns) == COLUMNS
    assert frame.attrs["formato"] == "v1"
    # 2,463 records are published twice, byte for byte: 2,464 distinct ids.
    assert frame.attrs["ids_repetidos"] == 2463
    assert frame["id"].nunique() == 2464
    assert frame["ejercicio_fiscal"].min() == 2015 and frame["ejercicio_fiscal"].max() == 2021
    assert frame["fecha_captura"].notna().all()
    assert frame.attrs["fechas_no_leidas"] == {}


def test_a_known_real_s2_record_is_read_field_by_field(real_s2):
    frame = read_s2(real_s2)
    row = frame.set_index("id").loc["8a54a1ce-98b4-40f9-a52c-a272ed56f238"]
    assert row["nombre_completo"] == "Alejandra Rodríguez Calderón"
    assert (row["rfc"], row["curp"]) == ("ROCA9005303Z8", "ROCA900530MYNDLL04")
    assert row["genero"] == "F"
    assert (row["institucion_siglas"], row["institucion_clave"]) == ("SENER", "XYZ987")
    assert row["institucion_nombre"] == "SECRETARÍA DE ENERGÍA"
    # the only record whose 'puesto' is an object {nombre, nivel}: both read
    assert row["puesto"] == "DIRECTOR DE ADMINISTRACIÓN DE BIENES INFORMÁTICOS"
    assert row["puesto_nivel"] == "M11"
    assert row["tipo_area"] == ("T", "RE")
    assert row["nivel_responsabilidad"] == ("R",)
    assert row["tipo_procedimiento"] == (1,)
    assert (row["ramo_clave"], row["ejercicio_fiscal"]) == (23, 2018)
    assert str(row["fecha_captura"]) == "2018-05-21 17:32:28"
    assert row["superior_rfc"] == "CUMP7708269R6"
    assert row["superior_puesto"] == "Director General"


def test_the_api_page_shape_and_gzip_are_read(tmp_path):
    page = {"pagination": {"pageSize": 10, "page": 1, "totalRows": 1, "hasNextPage": False}}
    path = write(tmp_path, "pagina.json.gz", {**page, "results": [s2_v1()]})
    frame = read_s2(path)
    assert len(frame) == 1 and frame.attrs["formato"] == "v1"
    row = frame.iloc[0]
    # the specification's forms: claves as plain values, tipoProcedimiento as integers
    assert row["nivel_responsabilidad"] == ("A", "T")
    assert row["tipo_procedimiento"] == (1, 2)
    assert row["tipo_area"] == ("T", "RC")


def test_the_v11_layout_is_detected_and_read(tmp_path):
    frame = read_s2(write(tmp_path, "s2.json", [s2_v11()]))
    assert frame.attrs["formato"] == "v1.1"
    row = frame.iloc[0]
    assert row["nombre_completo"] == "Juana Díaz López"
    assert (row["genero"], row["institucion_siglas"], row["puesto"]) == (
        "F",
        "HE",
        "Directora General",
    )
    assert row["puesto_nivel"] == "DIR_GRAL"
    assert row["tipo_area"] == ("TECNICA", "REQUIRENTE")
    assert row["nivel_responsabilidad"] == ("autorizacionDictamen", "formalizacionContrato")
    assert row["tipo_procedimiento"] == ("CONTRATACIONES_PUBLICAS",)
    assert str(row["fecha_captura"]) == "2023-05-15 10:30:00"
    assert row[["ramo", "superior_rfc"]].isna().all()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"<html>no</html>", "JSON"),
        (b'{"data": []}', "'data'"),
        (b'"texto"', "string"),
        (gzip.compress(b"[1, 2, 3]")[:-8], "compressed"),
    ],
)
def test_a_file_that_is_not_a_list_of_records_is_refused(tmp_path, content, expected):
    path = tmp_path / "roto.json"
    path.write_bytes(content)
    assert expected in refused(read_s2, path)


def _error(tmp_path, records) -> str:
    return refused(read_s2, write(tmp_path, "s2_malo.json", records))


def test_a_record_without_its_id_is_refused_naming_the_record(tmp_path):
    message = _error(tmp_path, [s2_v1(), s2_v1(id=None)])
    assert "record [1], id no id" in message and "'id' is missing" in message


def test_a_record_without_names_is_refused_naming_the_field(tmp_path):
    message = _error(tmp_path, [s2_v1(), s2_v1(id="r2"), s2_v1(id="r3", primerApellido="  ")])
    assert "record [2], id 'r3'" in message and "'primerApellido' is missing" in message


def test_a_field_of_the_wrong_type_is_refused(tmp_path):
    message = _error(tmp_path, [s2_v1(tipoArea={"clave": "T"})])
    assert "record [0], id 's2-uno'" in message
    assert "'tipoArea' must be of type array, not object" in message
    message = _error(tmp_path, [s2_v1(institucionDependencia="SENER")])
    assert "'institucionDependencia' must be of type object, not string" in message
    message = _error(
        tmp_path, [s2_v11(datosGenerales={**s2_v11()["datosGenerales"], "nombre": []})]
    )
    assert "'datosGenerales.nombre' must be of type string, not array" in message


def test_a_record_that_is_not_an_object_or_not_s2_is_refused(tmp_path):
    assert "record [1]" in _error(tmp_path, [s2_v1(), "s2-dos"])
    message = _error(tmp_path, [{"id": "x", "expediente": "A1", "servidorPublicoSancionado": {}}])
    assert "not recognisable as a record of S2" in message and "'expediente'" in message


def test_both_layouts_in_one_file_are_refused(tmp_path):
    message = _error(tmp_path, [s2_v1(), s2_v11()])
    assert "record [1], id 's2-dos'" in message and "v1.1" in message


def test_a_missing_file_and_a_missing_sample_say_where_to_look(tmp_path, monkeypatch):
    with pytest.raises(SourceNotFoundError, match=r"no_existe\.json"):
        read_s2(tmp_path / "no_existe.json")
    monkeypatch.setattr(kit.data, "DATA_DIR", tmp_path)
    with pytest.raises(SourceNotFoundError, match=r"s2\.json\.gz"):
        read_s2("sample")


def test_an_empty_list_reads_as_an_empty_frame_with_every_column(tmp_path):
    frame = read_s2(write(tmp_path, "vacio.json", []))
    assert frame.empty and list(frame.columns) == COLUMNS
    assert frame.attrs["formato"] is None
