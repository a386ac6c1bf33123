"""Broken files are refused with a DataFormatError naming the file and the problem."""

import gzip
import warnings

import pandas as pd
import pytest

from kit.budget import load, read_budget
from kit.budget.read import BadRowsWarning
from kit.errors import DataFormatError, SourceNotFoundError
from tests.budget.conftest import CP_HEADER, CP_ROW, csv_text


def refused(path, pattern):
    """read_budget(path) raises a DataFormatError matching ``pattern`` that names the file."""
    with pytest.raises(DataFormatError, match=pattern) as error:
        read_budget(path)
    assert str(path) in str(error.value)
    return str(error.value)


def test_an_empty_file(tmp_path):
    path = tmp_path / "cp.csv"
    path.write_bytes(b"")
    refused(path, "vacío|empty")
    path.write_bytes(b"\r\n\r\n")
    refused(path, "vacío|empty")


def test_a_header_without_rows(tmp_path):
    path = tmp_path / "cp.csv"
    path.write_text(",".join(CP_HEADER) + "\r\n", encoding="utf-8")
    refused(path, "ninguna fila|no data rows")


def test_only_padding_rows_is_no_rows(tmp_path):
    path = tmp_path / "cp.csv"
    path.write_text(csv_text(CP_HEADER, [{}, {}]), encoding="utf-8")
    refused(path, "ninguna fila|no data rows")


def test_missing_columns_are_named_with_the_expected_layout(write_cp):
    header = [name for name in CP_HEADER if name not in ("ID_UR", "ID_PP")]
    message = refused(write_cp([{}], header=header), "ID_UR, ID_PP")
    assert "Cuenta Pública" in message and "CICLO" in message


def test_a_file_that_is_no_budget_lists_the_layouts(tmp_path):
    path = tmp_path / "otra.csv"
    path.write_text("nombre,rfc,monto\r\nEmpresa Ficticia,XAXX010101000,5\r\n", "utf-8")
    message = refused(path, "faltan las columnas|columns .* missing")
    assert "PEF" in message and "Avance" in message and "nombre,rfc,monto" in message


def test_a_pef_without_ciclo_names_the_pef_layout(tmp_path):
    path = tmp_path / "PEF_2023.csv"
    path.write_text("ID_RAMO,ID_UR,ID_MODALIDAD,ID_PP,MONTO_APROBADO\r\n7,116,K,4,10\r\n", "utf-8")
    message = refused(path, "CICLO")
    assert "PEF aprobado" in message


def test_a_budget_proposal_is_not_an_approved_budget(tmp_path):
    path = tmp_path / "PPEF_2025.csv"
    path.write_text("CICLO,ID_RAMO,ID_UR,ID_MODALIDAD,ID_PP,MONTO_PROYECTO\r\n2025,7,1,K,4,10\r\n",
                    "utf-8")  # fmt: skip
    refused(path, "PPEF|MONTO_PROYECTO")


@pytest.mark.parametrize(
    ("value", "column"),
    [("mil pesos", "MONTO_APROBADO"), ("1234,56", "MONTO_MODIFICADO"), ("nan", "EJERCICIO"),
     ("1.2.3", "ADEFAS")],
)  # fmt: skip
def test_a_non_numeric_amount_names_row_line_and_column(write_cp, value, column):
    path = write_cp([{}, {}, {column: value}])
    message = refused(path, rf"(fila|row) 3 \((línea|line) 4\), (columna|column) {column}:")
    assert repr(value) in message and ("no es un importe" in message or "not an amount" in message)


def test_the_line_counts_quoted_line_breaks_and_blank_lines(tmp_path):
    rows = [{**CP_ROW, "DESC_PP": "Dos\nlíneas"}, CP_ROW, {**CP_ROW, "EJERCICIO": "x"}]
    text = csv_text(CP_HEADER, rows)
    head, rest = text.split("\r\n", 1)
    path = tmp_path / "cp.csv"
    path.write_text(head + "\r\n\r\n" + rest, encoding="utf-8")
    refused(path, r"(fila|row) 3 \((línea|line) 6\), (columna|column) EJERCICIO")


def test_a_year_that_is_not_one(write_cp):
    message = refused(write_cp([{}, {"CICLO": "2O21"}]), "CICLO")
    assert "'2O21'" in message and ("fila 2" in message or "row 2" in message)


def test_an_excel_workbook_by_name_or_by_content(tmp_path):
    book = tmp_path / "cuenta_publica_2021.xlsx"
    pd.DataFrame({"CICLO": [2021], "ID_RAMO": [11]}).to_excel(book, index=False)
    refused(book, "Excel")
    renamed = tmp_path / "cuenta_publica_2021.csv"
    renamed.write_bytes(book.read_bytes())
    refused(renamed, "Excel")
    old = tmp_path / "old.csv"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200)
    refused(old, "Excel")


def test_two_encodings_in_one_file(tmp_path):
    good = csv_text(CP_HEADER, [CP_ROW]).encode("utf-8")
    latin = csv_text(CP_HEADER, [CP_ROW]).split("\r\n", 1)[1].encode("cp1252")
    path = tmp_path / "cp.csv"
    path.write_bytes(good + latin)
    refused(path, "codificaciones|encodings")


def test_bytes_that_are_no_text(tmp_path):
    text = csv_text(CP_HEADER, [CP_ROW]).encode("cp1252")
    path = tmp_path / "cp.csv"
    path.write_bytes(text.replace(b"Ciudad", b"Ci\x81dad"))
    refused(path, "UTF-8 ni en Windows-1252|neither in UTF-8 nor in Windows-1252")


def test_text_converted_twice_is_repaired_and_counted(write_cp):
    table = read_budget(write_cp([{"DESC_RAMO": "EducaciÃ³n PÃºblica"}, {}], encoding="utf-8"))
    assert list(table["desc_ramo"]) == ["Educación Pública", "Educación Pública"]
    assert table.attrs["textos_reparados"] == 1


def test_a_damaged_gzip(write_cp, tmp_path):
    packed = gzip.compress(write_cp([{}]).read_bytes())
    path = tmp_path / "cp.csv.gz"
    path.write_bytes(packed[: len(packed) // 2])
    refused(path, "gzip")


def test_a_ragged_row_is_refused_or_skipped_on_request(write_cp):
    path = write_cp([{}, {}, {}])
    lines = path.read_bytes().split(b"\r\n")
    lines[2] = lines[2] + b",extra"
    path.write_bytes(b"\r\n".join(lines))
    message = refused(path, "línea 3|line 3")
    assert "33" in message and "32" in message and "skip" in message
    with pytest.warns(BadRowsWarning, match="(omití|skipped) 1 .*(líneas|lines) 3"):
        table = read_budget(path, bad_rows="skip")
    assert len(table) == 2 and table.attrs["filas_omitidas"] == 1


def test_a_file_cut_during_the_download(write_cp):
    path = write_cp([{}, {}])
    raw = path.read_bytes()
    path.write_bytes(raw[: raw.rindex(b"Recursos")])
    refused(path, "cortado|cut off")


def test_paths_that_do_not_exist_or_hold_no_csv(tmp_path):
    with pytest.raises(SourceNotFoundError, match=r"no_existe\.csv"):
        read_budget(tmp_path / "no_existe.csv")
    with pytest.raises(SourceNotFoundError, match=r"\.csv"):
        read_budget(tmp_path)
    (tmp_path / "cp.xlsx").write_bytes(b"PK\x03\x04")
    with pytest.raises(SourceNotFoundError, match="Excel"):
        load(tmp_path)
    with pytest.raises(SourceNotFoundError):
        read_budget([])


def test_bad_rows_must_be_error_or_skip(write_cp):
    with pytest.raises(ValueError, match="bad_rows"):
        read_budget(write_cp([{}]), bad_rows="ignore")


def test_a_good_file_gives_no_warning(write_cp):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(read_budget(write_cp([{}]))) == 1
