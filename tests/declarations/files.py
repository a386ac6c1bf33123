"""Small invented PDN records and a writer, for tests that craft files in ``tmp_path``."""

from __future__ import annotations

import contextlib
import copy
import gzip
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from kit.errors import DataFormatError
from kit.i18n import set_language


def write(folder: Path, name: str, value: Any) -> Path:
    """Write ``value`` as JSON (gzip when ``name`` ends in .gz) and return the path."""
    path = folder / name
    data = json.dumps(value, ensure_ascii=False).encode("utf-8")
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    return path


S2_V1 = {
    "id": "s2-uno",
    "fechaCaptura": "2019-01-21T17:32:28Z",
    "ejercicioFiscal": "2018",
    "ramo": {"clave": 23, "valor": "Provisiones salariales y económicas"},
    "rfc": "PEML850101AB1",
    "curp": "PEML850101HDFRPS09",
    "nombres": "Luis",
    "primerApellido": "Pérez",
    "segundoApellido": "Mendoza",
    "genero": {"clave": "M", "valor": "MASCULINO"},
    "institucionDependencia": {"nombre": "Secretaría Ejemplo", "siglas": "SE", "clave": "X1"},
    "puesto": {"nombre": "Director de área", "nivel": "M11"},
    "tipoArea": [{"clave": "T", "valor": "TÉCNICA"}, {"clave": "RC", "valor": "CONTRATANTE"}],
    "nivelResponsabilidad": ["A", "T"],
    "tipoProcedimiento": [1, 2],
    "superiorInmediato": {
        "nombres": "Ana",
        "primerApellido": "Ruiz",
        "segundoApellido": "Soto",
        "curp": "RUSA700101MDFZTN01",
        "rfc": "RUSA700101XY2",
        "puesto": {"nombre": "Directora General", "nivel": "K11"},
    },
}

S2_V11 = {
    "id": "s2-dos",
    "fecha": "2023-05-15T10:30:00Z",
    "ejercicio": "2023",
    "datosGenerales": {
        "nombre": "Juana",
        "primerApellido": "Díaz",
        "segundoApellido": "López",
        "curp": "DILJ800202MDFZPN05",
        "rfc": "DILJ800202QW3",
        "sexo": "MUJER",
    },
    "empleoCargoComision": {
        "nombreEntePublico": "Hospital Ejemplo",
        "siglasEntePublico": "HE",
        "nivelJerarquico": {"clave": "DIR_GRAL", "valor": "DIRECTOR GENERAL"},
        "denominacion": "Directora General",
    },
    "tipoProcedimiento": "CONTRATACIONES_PUBLICAS",
    "contratacionAdquisiones": {
        "tipoArea": "TECNICA",
        "nivelesResponsabilidad": {"autorizacionDictamen": "SI", "adjudicacionContrato": "NO"},
    },
    "contratacionObra": {
        "tipoArea": "REQUIRENTE",
        "nivelesResponsabilidad": {"formalizacionContrato": "SI"},
    },
}


S3_SERVIDOR_V1 = {
    "id": "s3-uno",
    "fechaCaptura": "2019-03-01",
    "expediente": "EXP/001",
    "institucionDependencia": {"nombre": "Secretaría Ejemplo", "siglas": "SE"},
    "servidorPublicoSancionado": {
        "rfc": {"rfc": "PEML850101", "homoClave": "AB1"},
        "curp": "PEML850101HDFRPS09",
        "nombres": "Luis",
        "primerApellido": "Pérez",
        "segundoApellido": "Mendoza",
        "genero": {"clave": "M", "valor": "MASCULINO"},
        "puesto": "Director de área",
    },
    "autoridadSancionadora": "Órgano Interno de Control",
    "tipoFalta": {"clave": "VPC", "valor": "VIOLACION PROCEDIMIENTOS DE CONTRATACION"},
    "tipoSancion": [{"clave": "I", "valor": "INHABILITADO"}, {"clave": "M", "valor": "MULTADO"}],
    "causaMotivoHechos": "Adjudicó sin licitar",
    "resolucion": {"url": "https://ejemplo.mx/r.pdf", "fechaResolucion": "2019-02-15"},
    "multa": {"monto": 30000.5, "moneda": {"clave": "MXN", "valor": "Peso Mexicano"}},
    "inhabilitacion": {"plazo": "2 años", "fechaInicial": "2019-03-01", "fechaFinal": "2021-03-01"},
}

S3_SERVIDOR_V2 = {
    "id": "9b1f0c1e-0000-4000-8000-000000000001",
    "fecha": "2024-06-01",
    "expediente": "EXP/002",
    "datosGenerales": {
        "nombres": "Juana",
        "primerApellido": "Díaz",
        "segundoApellido": "López",
        "curp": "DILJ800202MDFZPN05",
        "rfc": "DILJ800202QW3",
        "sexo": "MUJER",
    },
    "empleoCargoComision": {
        "nombreEntePublico": "Hospital Ejemplo",
        "siglasEntePublico": "HE",
        "nivelJerarquico": {"clave": "OTRO", "valor": "Jefa de departamento"},
    },
    "faltaCometida": [
        {"clave": "COHECHO", "descripcionHechos": "Pidió dinero"},
        {
            "clave": "OTRO",
            "valor": "Uso de vehículo oficial",
            "descripcionHechos": "Fines de semana",
        },
    ],
    "resolucion": {"fechaResolucion": "2024-05-20", "autoridadResolutora": "Tribunal Ejemplo"},
    "tipoSancion": [
        {"clave": "SANCION_ECONOMICA", "sancionEconomica": {"monto": 150000, "moneda": "MXN"}},
        {
            "clave": "INHABILITACION",
            "inhabilitacion": {
                "plazoAnios": 2,
                "plazoMeses": 6,
                "fechaInicial": "2024-06-01",
                "fechaFinal": "2026-12-01",
            },
        },
    ],
}

S3_PARTICULAR_V1 = {
    "id": "p-uno",
    "fechaCaptura": "2020-01-10T12:00:00Z",
    "expediente": "EXP/P1",
    "institucionDependencia": {"nombre": "Secretaría Ejemplo"},
    "particularSancionado": {
        "nombreRazonSocial": "Constructora Quelvara, S.A. de C.V.",
        "rfc": "CQU010101AB1",
        "tipoPersona": "M",
        "directorGeneral": {"nombres": "Pedro", "primerApellido": "Ruiz", "segundoApellido": "Gil"},
    },
    "objetoContrato": "Obra pública",
    "autoridadSancionadora": "OIC",
    "tipoFalta": "Información falsa",
    "tipoSancion": [{"clave": "I", "valor": "INHABILITADO"}],
    "causaMotivoHechos": "Presentó documentos falsos",
    "resolucion": {"sentido": "Sancionatoria", "fechaNotificacion": "2019-12-20"},
    "inhabilitacion": {"plazo": "3 años", "fechaInicial": "2020-01-01", "fechaFinal": "2023-01-01"},
}

S3_PARTICULAR_V2_FISICA = {
    "id": "p-dos",
    "fecha": "2024-02-02",
    "expediente": "EXP/P2",
    "datosGenerales": {
        "nombres": "Mario",
        "primerApellido": "Vega",
        "segundoApellido": "Ríos",
        "curp": "VERM750505HDFGSR03",
        "rfc": "VERM750505KL9",
    },
    "dondeCometioLaFalta": {"nombreEntePublico": "Municipio Ejemplo"},
    "faltaCometida": [{"clave": "SOBORNO", "descripcionHechos": "Ofreció un pago"}],
    "tipoSancion": [{"clave": "SANCION_ECONOMICA", "sancionEconomica": {"monto": 5000}}],
}


def s2_v1(**changes: Any) -> dict:
    """A v1 S2 record with ``changes`` applied (a value of None deletes the key)."""
    return _changed(S2_V1, changes)


def s2_v11(**changes: Any) -> dict:
    return _changed(S2_V11, changes)


def _changed(base: dict, changes: dict) -> dict:
    record = copy.deepcopy(base)
    for key, value in changes.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    return record


@contextlib.contextmanager
def english() -> Iterator[None]:
    """Kit messages in English inside the block (tests match English text)."""
    set_language("en")
    try:
        yield
    finally:
        set_language("es")


def refused(reader: Callable[[Path], Any], path: Path) -> str:
    """The English message of the DataFormatError ``reader`` raises on ``path``."""
    with english(), pytest.raises(DataFormatError) as caught:
        reader(path)
    message = str(caught.value)
    assert path.name in message, message
    return message


def changed(base: dict, **changes: Any) -> dict:
    """``base`` with ``changes`` applied (a value of None deletes the key)."""
    return _changed(base, changes)
