"""Every documented layout and encoding is read into the same tidy columns."""

import gzip
import math

import pytest

from kit.budget import read_budget
from tests.budget.conftest import CP_HEADER, CP_ROW, csv_text

PEF_HEADER = (
    "CICLO,ID_RAMO,DESC_RAMO,ID_UR,DESC_UR,GPO_FUNCIONAL,DESC_GPO_FUNCIONAL,ID_FUNCION,"
    "DESC_FUNCION,ID_SUBFUNCION,DESC_SUBFUNCION,ID_AI,DESC_AI,ID_MODALIDAD,DESC_MODALIDAD,ID_PP,"
    "DESC_PP,ID_CAPITULO,DESC_CAPITULO,ID_CONCEPTO,DESC_CONCEPTO,ID_PARTIDA_GENERICA,"
    "DESC_PARTIDA_GENERICA,ID_PARTIDA_ESPECIFICA,DESC_PARTIDA_ESPECIFICA,ID_TIPOGASTO,"
    "DESC_TIPOGASTO,ID_FF,DESC_FF,ID_ENTIDAD_FEDERATIVA,ENTIDAD_FEDERATIVA,ID_CLAVE_CARTERA,"
    "{amount}"
)
PEF_ROW = {
    "CICLO": "2023", "ID_RAMO": "7", "DESC_RAMO": "Defensa Nacional", "ID_UR": "116",
    "DESC_UR": "Unidad de prueba", "ID_MODALIDAD": "K", "ID_PP": "4",
    "DESC_PP": "Proyecto de prueba", "ID_CAPITULO": "6000", "DESC_CAPITULO": "Inversión pública",
    "ID_PARTIDA_ESPECIFICA": "62201", "ID_CLAVE_CARTERA": "'2307H000001",
}  # fmt: skip
SHORT_HEADER = [
    "Ciclo", "R", "RAMO_DESC", "UR", "UR_DESC", "FI", "FIN_DESC", "FU", "FUN_DESC", "SF",
    "SF_DESC", "AI", "AI_DESC", "MOD", "MOD_DESC", "PP", "PP_DESC", "PTDA", "PTDA_DESC", "TG",
    "TG_DESC", "FF", "FF_DESC", "EF", "EF_DESC", "PPI", "Original_Bruto", "Modificado_Bruto",
    "Devengado", "Pagado", "Adefas", "Ejercido_Bruto",
]  # fmt: skip


def write(tmp_path, header, rows, name="file.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(csv_text(header, rows).encode(encoding))
    return path


@pytest.mark.parametrize("amount", ["MONTO_APROBADO", "MONTO_PEF_2024"])
def test_a_pef_file_has_only_the_approved_amount(tmp_path, amount):
    header = PEF_HEADER.format(amount=amount).split(",")
    path = write(tmp_path, header, [{**PEF_ROW, amount: "2500000.50"}], "PEF_2023.csv")
    table = read_budget(path)
    row = table.iloc[0]
    assert row["formato"] == "pef" and row["ciclo"] == 2023
    assert (row["ramo"], row["pp"], row["programa"]) == ("07", "004", "K004")
    assert (row["capitulo"], row["desc_capitulo"]) == ("6000", "Inversión pública")
    assert row["partida"] == "62201" and row["cartera"] == "2307H000001"
    assert row["aprobado"] == 2500000.5
    for measure in ("modificado", "devengado", "pagado", "adefas", "ejercido"):
        assert math.isnan(row[measure]), measure  # not published: NaN, never 0


def test_the_2025_short_header(tmp_path):
    values = ["2025", "12", "Salud", "M7F", "Instituto de prueba", "2", "Desarrollo Social", "3",
              "Salud", "2", "Atención", "10", "AI", "E", "Prestación de Servicios Públicos", "23",
              "Atención a la salud (prueba)", "25301", "Medicinas", "1", "Gasto corriente", "1",
              "Recursos fiscales", "9", "Ciudad de México", "", "100.00", "120.00", "118.00",
              "110.00", "8.00", "118.00"]  # fmt: skip
    path = write(tmp_path, SHORT_HEADER, [dict(zip(SHORT_HEADER, values, strict=True))])
    row = read_budget(path).iloc[0]
    assert row["formato"] == "cuenta_publica"
    assert (row["ciclo"], row["ramo"], row["ur"], row["programa"]) == (2025, "12", "M7F", "E023")
    assert (row["aprobado"], row["modificado"], row["ejercido"]) == (100.0, 120.0, 118.0)
    assert (row["capitulo"], row["desc_entidad"]) == ("2000", "Ciudad de México")


def test_an_older_export_with_descripcion_names_and_thousands_commas(tmp_path):
    header = ["Ciclo", "R", "R_descripción", "UR", "M", "PP", "PP_descripción", "PTDA",
              "Original", "Modificado", "Ejercicio"]  # fmt: skip
    row = dict(zip(header, ["2018", "20", "Bienestar", "210", "S", "176", "Pensión (prueba)",
                            "44106", "1,234,567.89", "-", "1,000"], strict=True))  # fmt: skip
    table = read_budget(write(tmp_path, header, [row], encoding="cp1252"))
    got = table.iloc[0]
    assert (got["desc_ramo"], got["programa"], got["desc_pp"]) == (
        "Bienestar",
        "S176",
        "Pensión (prueba)",
    )
    assert (got["aprobado"], got["modificado"], got["ejercido"]) == (1234567.89, 0.0, 1000.0)


def test_an_avance_file_publishes_paid_not_spent(tmp_path):
    header = ["CICLO", "ID_RAMO", "ID_UR", "ID_MODALIDAD", "ID_PP", "DESC_PP", "MONTO_APROBADO",
              "MONTO_MODIFICADO", "MONTO_MODIFICADO_MENSUAL", "MONTO_PAGADO"]  # fmt: skip
    row = dict(zip(header, ["2026", "36", "210", "E", "903", "Operativos", "10", "12", "6", "5"],
                   strict=True))  # fmt: skip
    got = read_budget(write(tmp_path, header, [row])).iloc[0]
    assert got["formato"] == "avance" and got["pagado"] == 5.0 and math.isnan(got["ejercido"])


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_every_published_encoding_gives_the_same_accents(write_cp, encoding):
    table = read_budget(write_cp([{}], encoding=encoding))
    assert table.loc[0, "desc_ramo"] == "Educación Pública"
    assert table.loc[0, "desc_entidad"] == "Ciudad de México"


def test_gzip_is_read_transparently(write_cp, tmp_path):
    plain = write_cp([{}, {"ID_PP": "72", "MONTO_APROBADO": ""}])
    packed = tmp_path / "cp.csv.gz"
    packed.write_bytes(gzip.compress(plain.read_bytes(), mtime=0))
    assert (
        read_budget(packed)
        .drop(columns="archivo")
        .equals(read_budget(plain).drop(columns="archivo"))
    )
    unpacked = read_budget(packed)
    assert list(unpacked["programa"]) == ["S243", "S072"]
    assert list(unpacked["aprobado"]) == [1000.0, 0.0]


def test_a_header_with_unnamed_columns_and_padding_rows(tmp_path):
    header = [*CP_HEADER, "", "", ""]
    rows = [{**CP_ROW, "CICLO": "2022"}, {name: "" for name in CP_HEADER}]
    path = write(tmp_path, header, rows, encoding="cp1252")
    table = read_budget(path)
    assert len(table) == 1 and table.attrs["filas_vacias"] == 1
    assert table.loc[0, "ciclo"] == 2022
