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
