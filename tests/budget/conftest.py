"""Fixtures of the budget tests: the bundled sample, its truth, and small crafted files."""

import json

import pytest

from kit.data import DATA_DIR

#: The Cuenta Pública 2020-2023 header (32 columns), as published.
CP_HEADER = [
    "CICLO", "ID_RAMO", "DESC_RAMO", "ID_UR", "DESC_UR", "GPO_FUNCIONAL", "DESC_GPO_FUNCIONAL",
    "ID_FUNCION", "DESC_FUNCION", "ID_SUBFUNCION", "DESC_SUBFUNCION", "ID_AI", "DESC_AI",
    "ID_MODALIDAD", "DESC_MODALIDAD", "ID_PP", "DESC_PP", "ID_OBJETO_DEL_GASTO",
    "DESC_OBJETO_DEL_GASTO", "ID_TIPOGASTO", "DESC_TIPOGASTO", "ID_FF", "DESC_FF",
    "ID_ENTIDAD_FEDERATIVA", "ENTIDAD_FEDERATIVA", "ID_CLAVE_CARTERA", "MONTO_APROBADO",
    "MONTO_MODIFICADO", "MONTO_DEVENGADO", "MONTO_PAGADO", "ADEFAS", "EJERCICIO",
]  # fmt: skip

#: One ordinary row of that layout; tests override fields by name.
CP_ROW = {
    "CICLO": "2021", "ID_RAMO": "11", "DESC_RAMO": "Educación Pública", "ID_UR": "310",
    "DESC_UR": "Unidad de Educación Básica", "GPO_FUNCIONAL": "2",
    "DESC_GPO_FUNCIONAL": "Desarrollo Social", "ID_FUNCION": "5", "DESC_FUNCION": "Educación",
    "ID_SUBFUNCION": "1", "DESC_SUBFUNCION": "Educación Básica", "ID_AI": "11",
    "DESC_AI": "Atención en educación básica", "ID_MODALIDAD": "S",
    "DESC_MODALIDAD": "Sujetos a Reglas de Operación", "ID_PP": "243",
    "DESC_PP": "Becas, educación básica (prueba)", "ID_OBJETO_DEL_GASTO": "44106",
    "DESC_OBJETO_DEL_GASTO": "Compensaciones por servicios de carácter social",
    "ID_TIPOGASTO": "1", "DESC_TIPOGASTO": "Gasto corriente", "ID_FF": "1",
    "DESC_FF": "Recursos fiscales", "ID_ENTIDAD_FEDERATIVA": "9",
    "ENTIDAD_FEDERATIVA": "Ciudad de México", "ID_CLAVE_CARTERA": "",
    "MONTO_APROBADO": "1000.00", "MONTO_MODIFICADO": "1100.00", "MONTO_DEVENGADO": "900.00",
    "MONTO_PAGADO": "850.00", "ADEFAS": "50.00", "EJERCICIO": "900.00",
}  # fmt: skip


def small_table(rows):
    """A tidy-like table of (ciclo, ramo, programa, aprobado, modificado, ejercido, pagado)."""
    import pandas as pd

    frame = pd.DataFrame(
        rows, columns=["ciclo", "ramo", "programa", "aprobado", "modificado", "ejercido", "pagado"]
    )
    frame["desc_ramo"] = "Ramo " + frame["ramo"]
    frame["desc_pp"] = "Programa " + frame["programa"]
    for column in ("ramo", "programa", "desc_ramo", "desc_pp"):
        frame[column] = frame[column].astype("string")
    return frame


def csv_text(header, rows):
    """CSV text (CRLF) of ``rows`` (dicts by header name), quoting fields that need it."""
    import csv
    import io

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    return buffer.getvalue()


@pytest.fixture
def write_cp(tmp_path):
    """Write a Cuenta Pública-like file: rows are overrides of :data:`CP_ROW`."""

    def write(rows, *, header=CP_HEADER, name="cp.csv", encoding="cp1252"):
        path = tmp_path / name
        full = [{**CP_ROW, **row} for row in rows]
        path.write_bytes(csv_text(header, full).encode(encoding))
        return path

    return write


@pytest.fixture(scope="session")
def sample():
    """The bundled sample read once with the kit's reader."""
    from kit.budget import read_budget

    return read_budget("sample")


@pytest.fixture(scope="session")
def truth():
    return json.loads((DATA_DIR / "budget" / "truth.json").read_text(encoding="utf-8"))
