"""Broken files are refused with an error that names the file, the line and what to do.

Every file here is crafted in ``tmp_path`` with invented names, in the shape of the real lists:
a truncated download, the wrong encoding, a row with the wrong number of columns, another list.
"""

from __future__ import annotations

import unicodedata
import zipfile
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

import kit.data
from kit.errors import DataFormatError, SourceNotFoundError
from kit.i18n import set_language
from kit.sanctions.ofac import read_sdn
from kit.sanctions.sat69b import read_69b
from kit.sanctions.sfp import read_sfp

STAGES = [
    ("presunción", "presuntos"),
    ("contribuyentes que desvirtuaron", "desvirtuados"),
    ("definitivos", "definitivos"),
    ("sentencia favorable", "sentencia favorable"),
]
HEADER_69B = ["No", "RFC", "Nombre del Contribuyente", "Situación del contribuyente"] + [
    column
    for oficio, published in STAGES
    for column in (
        f"Número y fecha de oficio global de {oficio} SAT",
        f"Publicación página SAT {published}",
        f"Número y fecha de oficio global de {oficio} DOF",
        f"Publicación DOF {published}",
    )
]
OFICIO = "500-05-2020-1234 de fecha 2 de marzo de 2020"


def stages(**published: tuple[str, str]) -> list[str]:
    """The 16 stage cells: per stage given, (SAT publication date, DOF publication date)."""
    cells = []
    for stage in ("presunto", "desvirtuado", "definitivo", "sentencia"):
        sat, dof = published.get(stage, ("", ""))
        cells += [OFICIO if sat else "", sat, OFICIO if dof else "", dof]
    return cells


ROWS_69B = [
    [
        *["1", "EEJ200101AB1", "EMPRESA EJEMPLO UNO, S.A. DE C.V.", "Presunto"],
        *stages(presunto=("02/03/2020", "15/04/20")),
    ],
    [
        *["2", "XXXXXXXXXXXX", "Información suprimida por orden judicial", "Definitivo"],
        *stages(
            presunto=("2020-03-02", "44014"),
            definitivo=("01/09/2020 - 02/10/2020", "2 de octubre de 2020"),
        ),
    ],
    [
        *["3", "EEJ200101AB1", "COMERCIO DE MUESTRA ÑANDÚ, S.C. // ANTES OTRO NOMBRE"],
        "Definitivo",
        *stages(presunto=("02/03/2020", "15/04/2020"), definitivo=("01/09/2020", "02/10/2020")),
    ],
]
SFP_HEADER = [
    "Proveedor y Contratista",
    "OIC Responsable",
    "Expediente",
    "Procedimiento Administrativo",
    "Ley infringida",
    "Inicio de la sanción",
    "Fin de la sanción",
    "Monto de la Multa",
    "Periodo de Inhabilitación",
]
SFP_ROWS = [
    [
        *["CONSTRUCTORA INVENTADA, S.A. DE C.V.\t", "ÓRGANO DE EJEMPLO", "0001/2024"],
        *["PA-0001/2024", "LEY DE EJEMPLO (LE)", "01-02-2025", "01-05-2026"],
        *["      1,234,567.50", "1 año, 3 meses"],
    ],
    [
        *["PROVEEDORA FICTICIA, S.A.", "ÓRGANO DE EJEMPLO", "0002/2024", "PA-0002/2024"],
        *["LEY DE EJEMPLO (LE)", "", "", "        8,000.00", ""],
    ],
]


def line(fields: list[str]) -> str:
    return ",".join(f'"{field}"' if "," in field or "\n" in field else field for field in fields)


def text_69b(rows: list[list[str]] = ROWS_69B) -> str:
    preamble = [
        line(["Información actualizada al 1 de enero de 2024"] + [""] * 19),
        line(["Listado completo de contribuyentes (Artículo 69-B del CFF)"] + [""] * 19),
    ]
    return "\r\n".join([*preamble, line(HEADER_69B), *map(line, rows)]) + "\r\n"


def write(path: Path, data: str | bytes, encoding: str = "cp1252") -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))
    return path


def sdn_files(folder: Path) -> Path:
    """A small OFAC set: one entry's remarks cut at 1000 characters and continued."""
    folder.mkdir(exist_ok=True)
    head = "R.F.C. EEJ-200101-AB1 (Mexico); Tax ID No. 12345 (Colombia); a.k.a. '"
    tail = "'; alt. Passport "
    long = head + "X" * (1000 - len(head) - len(tail)) + tail
    rows = [
        '10,"EMPRESA EJEMPLO, S.A. DE C.V.",-0- ,"SDNTK",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        '"R.F.C. EEJ-200101-AB1 (Mexico)."',
        '11,"PERSONA, Inventada",individual,"SDGT] [IRGC",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,'
        f'"{long}"',
        '12,"BARCO DE PRUEBA",vessel,"IRAN",-0- ,"9XYZ",-0- ,"1,200","15,000","Panama",-0- ,-0- ',
    ]
    write(folder / "sdn.csv", "\r\n".join(rows) + "\r\n\x1a")
    write(folder / "add.csv", '10,1,"Calle 1","Ciudad","Mexico",-0- \r\n\x1a')
    write(folder / "alt.csv", '10,5,"aka","EMPRESA EJEMPLO",-0- \r\n\x1a')
    write(folder / "sdn_comments.csv", '11,"A1234567 (Spain); C.U.R.P. EEJA-800101 (Mexico)."\r\n')
    return folder


def raised(call, *args) -> DataFormatError:  # type: ignore[no-untyped-def]
    with pytest.raises(DataFormatError) as error:
        call(*args)
    return error.value


@pytest.fixture(autouse=True)
def spanish():
    set_language("es")
    yield
    set_language("es")


# The crafted files themselves read well (so the broken ones below fail for one reason).


def test_crafted_69b_reads(tmp_path):
    frame = read_69b(write(tmp_path / "lista.csv", text_69b()))
    assert frame.attrs["actualizado"] == pd.Timestamp("2024-01-01")
    assert frame["rfc"].tolist()[::2] == ["EEJ200101AB1"] * 2 and pd.isna(frame["rfc"][1])
    assert frame["rfc_suprimido"].tolist() == [False, True, False]
    assert frame["rfc_repetido"].tolist() == [True, False, True]
    assert frame["nombre"][2] == "COMERCIO DE MUESTRA ÑANDÚ, S.C."
    assert frame["nota"][2] == "ANTES OTRO NOMBRE"
    assert frame["publicacion_dof_presunto"].tolist()[:2] == [
        pd.Timestamp("2020-04-15"),
        pd.Timestamp("2020-07-02"),
    ]
    assert frame["publicacion_sat_presunto"][1] == pd.Timestamp("2020-03-02")
    assert frame["publicacion_dof_definitivo"][1] == pd.Timestamp("2020-10-02")
    assert frame.attrs["fechas_no_leidas"] == {"publicacion_sat_definitivo": 1}
    assert frame.attrs["codificacion"] == "cp1252"


def test_crafted_ofac_set_reads(tmp_path):
    sdn = read_sdn(sdn_files(tmp_path / "ofac"))
    entries = sdn.entries.set_index("ent_num")
    assert entries["sdn_type"].tolist() == ["entity", "individual", "vessel"]
    assert entries.loc[11, "programs"] == ("SDGT", "IRGC")
    assert len(entries.loc[11, "remarks"]) > 1000
    assert entries.loc[11, "remarks"].endswith(
        "; alt. Passport A1234567 (Spain); C.U.R.P. EEJA-800101 (Mexico)."
    )
    assert entries.loc[12, "grt"] == 15000 and entries.loc[12, "call_sign"] == "9XYZ"
    assert not entries["remarks_incomplete"].any()
    ids = sdn.ids[["ent_num", "kind", "value", "country", "alt"]].values.tolist()
    assert ids == [
        [10, "RFC", "EEJ200101AB1", "Mexico", False],
        [11, "RFC", "EEJ200101AB1", "Mexico", False],
        [11, "Tax ID", "12345", "Colombia", False],
        [11, "Passport", "A1234567", "Spain", True],
        [11, "CURP", "EEJA800101", "Mexico", False],
    ]
    assert sdn.ids["well_formed"].tolist() == [True, True, pd.NA, pd.NA, False]
    assert sdn.addresses["country"].tolist() == ["Mexico"]
    assert repr(sdn) == "SdnList(3 entries, 1 addresses, 1 aliases, 5 ids)"


def test_ofac_companions_are_read_next_to_sdn_csv_only(tmp_path):
    folder = sdn_files(tmp_path / "ofac")
    assert len(read_sdn(folder / "sdn.csv").files) == 4
    (folder / "sdn.csv").rename(folder / "sdn_2024.csv")
    alone = read_sdn(folder / "sdn_2024.csv")
    assert alone.files == (str(folder / "sdn_2024.csv"),)
    assert alone.entries["remarks_incomplete"].tolist() == [False, True, False]
    assert alone.entries["remarks"][1].endswith("; alt. Passport ")


def test_crafted_sfp_reads_from_csv_and_xlsx(tmp_path):
    csv_file = write(tmp_path / "sfp.csv", "\r\n".join(map(line, [SFP_HEADER, *SFP_ROWS])) + "\r\n")
    book = Workbook()
    sheet = book.active
    sheet.title = "data"
    for row in [SFP_HEADER, *SFP_ROWS, [None] * 9]:
        sheet.append([value or None for value in row])
    book.save(tmp_path / "sfp.xlsx")
    from_csv, from_xlsx = read_sfp(csv_file), read_sfp(tmp_path / "sfp.xlsx")
    pd.testing.assert_frame_equal(from_csv, from_xlsx)
    assert from_csv["proveedor_contratista"][0] == "CONSTRUCTORA INVENTADA, S.A. DE C.V."
    assert from_csv["monto_multa"].tolist() == [1234567.5, 8000.0]
    assert from_csv["meses_inhabilitacion"].tolist() == [15, pd.NA]
    assert from_csv["fin_sancion"][0] == pd.Timestamp("2026-05-01")


# Truncated downloads


def test_69b_cut_in_the_middle_of_a_row(tmp_path):
    raw = text_69b().encode("cp1252")
    path = write(tmp_path / "cortado.csv", raw[: raw.rindex(b"02/03/2020")])
    error = raised(read_69b, path)
    assert "cortado.csv" in str(error)
    assert "la última línea (6)" in error.problem and "parece cortado" in error.problem


def test_69b_cut_inside_a_quoted_name(tmp_path):
    raw = text_69b().encode("cp1252")
    path = write(tmp_path / "cortado.csv", raw[: raw.index(b"S.C. //")])
    error = raised(read_69b, path)
    assert "cortado.csv" in str(error) and "línea 6" in error.problem
    assert "campo entre comillas" in error.problem


def test_ofac_sdn_cut_short(tmp_path):
    folder = sdn_files(tmp_path / "ofac")
    raw = (folder / "sdn.csv").read_bytes()
    write(folder / "sdn.csv", raw[: raw.index(b'"IRAN"') + 3])
    error = raised(read_sdn, folder)
    assert "sdn.csv" in str(error) and "línea 3" in error.problem


def test_xlsx_cut_short(tmp_path):
    book = Workbook()
    book.active.title = "data"
    book.active.append(SFP_HEADER)
    book.save(tmp_path / "full.xlsx")
    raw = (tmp_path / "full.xlsx").read_bytes()
    error = raised(read_sfp, write(tmp_path / "cortado.xlsx", raw[: len(raw) // 2]))
    assert "cortado.xlsx" in str(error) and "Excel" in error.problem


def test_empty_file(tmp_path):
    error = raised(read_69b, write(tmp_path / "vacio.csv", b"\r\n"))
    assert "vacio.csv" in str(error) and "vacío" in error.problem


# Encodings


def test_69b_saved_as_utf8_reads_the_same(tmp_path):
    cp1252 = read_69b(write(tmp_path / "a.csv", text_69b()))
    utf8 = read_69b(write(tmp_path / "b.csv", text_69b(), "utf-8"))
    bom = read_69b(write(tmp_path / "c.csv", text_69b(), "utf-8-sig"))
    for frame in (utf8, bom):
        pd.testing.assert_frame_equal(frame, cp1252)
    assert (utf8.attrs["codificacion"], bom.attrs["codificacion"]) == ("utf-8", "utf-8-sig")


def test_cp1252_punctuation_read_as_latin1_is_repaired(tmp_path):
    rows = [row[:] for row in ROWS_69B]
    rows[1][2] = "“Información suprimida”"
    mangled = text_69b(rows).encode("cp1252").decode("latin-1")
    frame = read_69b(write(tmp_path / "latin1.csv", mangled, "utf-8"))
    assert frame["nota"][1] == "“Información suprimida”"


def test_69b_with_two_encodings_is_refused(tmp_path):
    for pasted in ("EMPRESA Ó", "“EMPRESA”"):
        raw = text_69b().encode("cp1252").replace(b"EMPRESA EJEMPLO UNO", pasted.encode())
        error = raised(read_69b, write(tmp_path / "mezcla.csv", raw))
        assert "mezcla.csv" in str(error) and "mezcla dos codificaciones" in error.problem


def test_69b_converted_twice_is_refused(tmp_path):
    twice = text_69b().encode("utf-8").decode("cp1252")
    error = raised(read_69b, write(tmp_path / "doble.csv", twice, "utf-8"))
    assert "doble.csv" in str(error) and "línea 1" in error.problem
    assert "dos veces" in error.problem and "'Ã³'" in error.problem
    rows = [row[:] for row in ROWS_69B]
    rows[0][2] = "EMPRESA – UNO, S.A."
    plain = "".join(
        c for c in unicodedata.normalize("NFD", text_69b(rows)) if not unicodedata.combining(c)
    )
    quotes = plain.encode().decode("cp1252")  # only the dash is not ASCII
    error = raised(read_69b, write(tmp_path / "doble.csv", quotes, "utf-8"))
    assert "línea 4" in error.problem and "'â€“'" in error.problem


def test_69b_with_lost_accents_is_refused(tmp_path):
    lost = text_69b().encode("cp1252").decode("utf-8", errors="replace")
    error = raised(read_69b, write(tmp_path / "perdido.csv", lost, "utf-8"))
    assert "perdido.csv" in str(error) and "reemplazo" in error.problem


def test_excel_file_given_to_a_csv_reader(tmp_path):
    Workbook().save(tmp_path / "libro.xlsx")
    error = raised(read_69b, tmp_path / "libro.xlsx")
    assert "libro.xlsx" in str(error) and "no es un archivo de texto CSV" in error.problem


# Wrong number of columns


def test_69b_row_with_a_missing_column(tmp_path):
    rows = [row[:] for row in ROWS_69B]
    del rows[1][5]
    error = raised(read_69b, write(tmp_path / "columnas.csv", text_69b(rows)))
    assert "columnas.csv" in str(error)
    assert "línea 5: tiene 19 columnas" in error.problem and "tiene 20" in error.problem


def test_69b_with_columns_in_another_order(tmp_path):
    text = text_69b().replace("Publicación DOF presuntos", "Publicación DOF definitivos", 1)
    error = raised(read_69b, write(tmp_path / "orden.csv", text))
    assert "orden.csv" in str(error) and "línea 3, columna 8" in error.problem


def test_ofac_addresses_with_an_extra_column(tmp_path):
    folder = sdn_files(tmp_path / "ofac")
    write(folder / "add.csv", '10,1,"Calle 1","Ciudad","Mexico",-0- \r\n10,2,"a","b","c","d",e\r\n')
    error = raised(read_sdn, folder)
    assert "add.csv" in str(error) and "línea 2: tiene 7 columnas" in error.problem


def test_ofac_entry_number_that_is_not_a_number(tmp_path):
    folder = sdn_files(tmp_path / "ofac")
    text = (folder / "sdn.csv").read_text(encoding="cp1252").replace("\n11,", "\nonce,")
    write(folder / "sdn.csv", text)
    error = raised(read_sdn, folder)
    assert "sdn.csv" in str(error) and "línea 2" in error.problem and "'once'" in error.problem


def test_ofac_comment_for_an_entry_number_that_is_not_a_number(tmp_path):
    folder = sdn_files(tmp_path / "ofac")
    write(folder / "sdn_comments.csv", '11,"more"\r\n1x,"more"\r\n')
    error = raised(read_sdn, folder)
    assert "sdn_comments.csv" in str(error) and "línea 2" in error.problem


def test_sfp_without_a_column(tmp_path):
    rows = [row[:8] for row in [SFP_HEADER, *SFP_ROWS]]
    error = raised(read_sfp, write(tmp_path / "sfp.csv", "\r\n".join(map(line, rows)) + "\r\n"))
    assert "sfp.csv" in str(error) and "periodo de inhabilitacion" in error.problem


def test_sfp_workbook_without_the_data_sheet(tmp_path):
    book = Workbook()
    book.active.title = "Hoja1"
    book.create_sheet("Hoja2")
    book.save(tmp_path / "hojas.xlsx")
    error = raised(read_sfp, tmp_path / "hojas.xlsx")
    assert "hojas.xlsx" in str(error) and "'Hoja1', 'Hoja2'" in error.problem


# Another list, or no list


def test_sdn_given_to_read_69b(tmp_path):
    folder = sdn_files(tmp_path / "ofac")
    error = raised(read_69b, folder / "sdn.csv")
    assert "sdn.csv" in str(error)
    assert "no es la lista 69-B del SAT: parece la lista SDN de OFAC" in error.problem
    assert "read_sdn" in error.problem


def test_69b_given_to_read_sdn_and_read_sfp(tmp_path):
    path = write(tmp_path / "Listado_Completo_69-B.csv", text_69b())
    for reader in (read_sdn, read_sfp):
        error = raised(reader, path)
        assert "Listado_Completo_69-B.csv" in str(error) and "read_69b" in error.problem


def test_ofac_companion_file_given_as_sdn(tmp_path):
    folder = sdn_files(tmp_path / "ofac")
    error = raised(read_sdn, folder / "alt.csv")
    assert "alt.csv" in str(error) and "los alias de OFAC (alt.csv)" in error.problem


def test_sfp_given_to_read_69b(tmp_path):
    path = write(tmp_path / "sfp.csv", "\r\n".join(map(line, [SFP_HEADER, *SFP_ROWS])) + "\r\n")
    error = raised(read_69b, path)
    assert "sfp.csv" in str(error) and "read_sfp" in error.problem


def test_an_unknown_csv_shows_its_first_line(tmp_path):
    error = raised(read_69b, write(tmp_path / "otro.csv", "a,b,c\r\n1,2,3\r\n"))
    assert "otro.csv" in str(error) and "'a,b,c'" in error.problem


def test_messages_in_english(tmp_path):
    folder = sdn_files(tmp_path / "ofac")
    set_language("en")
    error = raised(read_69b, folder / "sdn.csv")
    assert "is not SAT's 69-B list: it looks like OFAC's SDN list" in error.problem


# Missing sources


def test_missing_path_and_folder_without_sdn(tmp_path):
    with pytest.raises(SourceNotFoundError, match=r"no_existe\.csv"):
        read_69b(tmp_path / "no_existe.csv")
    with pytest.raises(SourceNotFoundError, match=r"no tiene sdn\.csv"):
        read_sdn(tmp_path)


def test_sample_not_bundled_yet(tmp_path, monkeypatch):
    monkeypatch.setattr(kit.data, "DATA_DIR", tmp_path)
    for reader, name in ((read_sdn, "ofac"), (read_69b, "Listado_Completo_69-B.csv")):
        with pytest.raises(SourceNotFoundError, match=name):
            reader("sample")


def test_a_zip_that_is_not_a_workbook(tmp_path):
    with zipfile.ZipFile(tmp_path / "otro.xlsx", "w") as archive:
        archive.writestr("hola.txt", "hola")
    error = raised(read_sfp, tmp_path / "otro.xlsx")
    assert "otro.xlsx" in str(error) and "Excel" in error.problem
