"""S3 (sanctioned officials and private parties): the real datatón file, v1/v2, broken files."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from kit.declarations.s3 import (
    PARTICULARES,
    SERVIDORES,
    ZeroBasedMonthsWarning,
    read_s3_particulares,
    read_s3_servidores,
)
from tests.declarations.files import (
    S3_PARTICULAR_V1,
    S3_PARTICULAR_V2_FISICA,
    S3_SERVIDOR_V1,
    S3_SERVIDOR_V2,
    changed,
    refused,
    s2_v1,
    write,
)


@pytest.fixture(scope="module")
def servidores(real_s3) -> pd.DataFrame:
    with pytest.warns(ZeroBasedMonthsWarning, match="inhabilitacion_fecha_final"):
        return read_s3_servidores(real_s3)


def test_the_real_s3_file_has_925_records_596_with_inhabilitacion(servidores):
    assert len(servidores) == 925  # SOURCES.md
    assert list(servidores.columns) == SERVIDORES
    assert servidores.attrs["formato"] == "v1"
    assert servidores["inhabilitacion_plazo"].notna().sum() == 596
    assert servidores["inhabilitacion_fecha_inicial"].notna().sum() == 596
    # 33 final dates are written with month 00 ("2016-00-01"): the file counts months from 0
    # there (JavaScript's getMonth()); they are left unread, counted and named, never guessed.
    assert servidores["inhabilitacion_fecha_final"].notna().sum() == 596 - 33
    assert servidores.attrs["fechas_no_leidas"]["inhabilitacion_fecha_final"] == 33
    assert (
        "2016-00-01" in servidores.attrs["fechas_no_leidas_ejemplos"]["inhabilitacion_fecha_final"]
    )
    assert servidores.attrs["meses_base_cero"] == ["fecha_captura", "inhabilitacion_fecha_final"]
    assert servidores["multa_monto"].notna().sum() == 595
    assert servidores["multa_moneda"].value_counts().to_dict() == {"MXN": 407, "USD": 188}
    # the RFC comes as {"rfc", "homoClave"} in 574 records and as one text in 351: joined
    assert servidores["rfc"].str.len().eq(13).sum() == 924


def test_a_known_real_s3_record_is_read_field_by_field(servidores):
    row = servidores.set_index("id").loc["e5f8626a-fa7f-41aa-bbe7-4685473ca62f"]
    assert row["nombre_completo"] == "Ricardo Gastélum Echevarría"
    assert (row["rfc"], row["curp"]) == ("GAER730906B58", "GAER730906MVZSHC05")
    assert (row["genero"], row["genero_valor"]) == ("M", "FEMENINO")  # as published
    assert row["expediente"] == "SANC/23af791f"
    assert row["institucion_nombre"] == "Comisión Federal de Electricidad"
    assert (row["tipo_falta_clave"], row["tipo_falta"]) == ("ENCB", "ENCUBRIMIENTO")
    assert row["tipo_sancion"] == ("I",)
    assert row["inhabilitacion_plazo"] == "6 años"
    assert row["inhabilitacion_fecha_inicial"] == pd.Timestamp("2010-01-01")
    assert pd.isna(row["inhabilitacion_fecha_final"])  # published as 2016-00-01
    assert row["resolucion_fecha"] == pd.Timestamp("2010-01-01")
    usd = servidores.set_index("id").loc["610ab156b64cda1ad46796e4"]
    assert (usd["multa_monto"], usd["multa_moneda"]) == (23596.2, "USD")
    assert usd["rfc"] == "VARG850720C33"  # published as one text


def test_servidores_v1_and_v2_records_are_read(tmp_path):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        v1 = read_s3_servidores(write(tmp_path, "v1.json", [S3_SERVIDOR_V1])).iloc[0]
    assert v1["rfc"] == "PEML850101AB1"  # rfc + homoClave joined
    assert v1["tipo_sancion"] == ("I", "M")
    assert (v1["multa_monto"], v1["multa_moneda"]) == (30000.5, "MXN")
    assert v1["inhabilitacion_fecha_final"] == pd.Timestamp("2021-03-01")
    page = {"pagination": {"page": 1}, "results": [S3_SERVIDOR_V2]}
    frame = read_s3_servidores(write(tmp_path, "v2.json.gz", page))
    assert frame.attrs["formato"] == "v2"
    v2 = frame.iloc[0]
    assert (v2["nombre_completo"], v2["genero"], v2["rfc"]) == (
        "Juana Díaz López",
        "F",
        "DILJ800202QW3",
    )
    assert (v2["institucion_siglas"], v2["puesto"], v2["nivel"]) == (
        "HE",
        "Jefa de departamento",
        "OTRO",
    )
    assert v2["tipo_falta_clave"] == "COHECHO; OTRO"
    assert v2["tipo_falta"] == "Uso de vehículo oficial"
    assert v2["causa_motivo_hechos"] == "Pidió dinero; Fines de semana"
    assert v2["tipo_sancion"] == ("SANCION_ECONOMICA", "INHABILITACION")
    assert (v2["multa_monto"], v2["multa_moneda"]) == (150000.0, "MXN")
    assert v2["inhabilitacion_plazo"] == "2 años 6 meses"
    assert v2["inhabilitacion_fecha_final"] == pd.Timestamp("2026-12-01")
    assert v2["autoridad_sancionadora"] == "Tribunal Ejemplo"


def test_particulares_v1_and_v2_records_are_read(tmp_path):
    frame = read_s3_particulares(write(tmp_path, "p1.json", [S3_PARTICULAR_V1]))
    assert list(frame.columns) == PARTICULARES and frame.attrs["formato"] == "v1"
    row = frame.iloc[0]
    assert (row["nombre_razon_social"], row["rfc"], row["tipo_persona"]) == (
        "Constructora Quelvara, S.A. de C.V.",
        "CQU010101AB1",
        "M",
    )
    assert row["director_general"] == "Pedro Ruiz Gil"
    assert (row["tipo_falta"], row["objeto_contrato"]) == ("Información falsa", "Obra pública")
    assert row["resolucion_fecha_notificacion"] == pd.Timestamp("2019-12-20")
    assert row["inhabilitacion_fecha_final"] == pd.Timestamp("2023-01-01")
    v2 = read_s3_particulares(write(tmp_path, "p2.json", [S3_PARTICULAR_V2_FISICA])).iloc[0]
    assert (v2["nombre_razon_social"], v2["tipo_persona"], v2["curp"]) == (
        "Mario Vega Ríos",
        "F",
        "VERM750505HDFGSR03",
    )
    assert (v2["institucion_nombre"], v2["multa_monto"]) == ("Municipio Ejemplo", 5000.0)
    assert pd.isna(v2["multa_moneda"])


def _s3_error(tmp_path, records, reader=read_s3_servidores) -> str:
    return refused(reader, write(tmp_path, "s3_malo.json", records))


def test_a_required_field_missing_is_refused_naming_the_record(tmp_path):
    person = {**S3_SERVIDOR_V1["servidorPublicoSancionado"], "nombres": None}
    message = _s3_error(
        tmp_path,
        [S3_SERVIDOR_V1, changed(S3_SERVIDOR_V1, id="s3-dos", servidorPublicoSancionado=person)],
    )
    assert "record [1], id 's3-dos'" in message
    assert "'servidorPublicoSancionado.nombres' is missing" in message
    message = _s3_error(tmp_path, [changed(S3_SERVIDOR_V1, tipoSancion=None)])
    assert "record [0], id 's3-uno'" in message and "'tipoSancion' is missing" in message
    party = {**S3_PARTICULAR_V1["particularSancionado"], "tipoPersona": None}
    message = _s3_error(
        tmp_path, [changed(S3_PARTICULAR_V1, particularSancionado=party)], read_s3_particulares
    )
    assert "'particularSancionado.tipoPersona' is missing" in message


def test_a_field_of_the_wrong_type_is_refused_naming_the_record(tmp_path):
    fine = {"monto": "mucho", "moneda": {"clave": "MXN"}}
    message = _s3_error(tmp_path, [changed(S3_SERVIDOR_V1, multa=fine)])
    assert "record [0], id 's3-uno'" in message
    assert "'multa.monto' must be a number, not the text 'mucho'" in message
    message = _s3_error(tmp_path, [changed(S3_SERVIDOR_V1, inhabilitacion=["2 años"])])
    assert "'inhabilitacion' must be of type object, not array" in message
    bad = [{"clave": "INHABILITACION", "inhabilitacion": {"plazoAnios": True}}]
    message = _s3_error(tmp_path, [changed(S3_SERVIDOR_V2, tipoSancion=bad)])
    assert "'tipoSancion[0].inhabilitacion.plazoAnios' must be of type number" in message


def test_the_wrong_reader_or_system_is_refused_with_a_hint(tmp_path):
    message = _s3_error(tmp_path, [S3_PARTICULAR_V1])
    assert "record [0], id 'p-uno'" in message and "read_s3_particulares" in message
    message = _s3_error(tmp_path, [S3_SERVIDOR_V1], read_s3_particulares)
    assert "read_s3_servidores" in message
    assert "not recognisable" in _s3_error(tmp_path, [s2_v1()])


def test_both_layouts_in_one_file_are_refused(tmp_path):
    message = _s3_error(tmp_path, [S3_SERVIDOR_V2, S3_SERVIDOR_V1])
    assert "record [1], id 's3-uno'" in message and "v1" in message and "v2" in message
