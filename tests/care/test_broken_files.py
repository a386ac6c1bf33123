"""Broken files are refused with a DataFormatError naming the file and the problem."""

import pandas as pd
import pytest

from kit.care.census import read_population
from kit.care.denue import read_denue
from kit.care.enoe import labour_participation, read_enoe
from kit.care.enut import read_enut
from kit.care.load import load
from kit.errors import DataFormatError, SourceNotFoundError

HEADER = (
    "region,sexo,niv,trab_dom,tiene_hij,pareja,fac_per,hrs_cuidado,tot_cuidado_nac_percap,saldo"
)
ROW = "Mesoamérica Central,mujer,Secundaria,No contrata,Sí tiene,Sí tiene,{w},{h},32.2,0.1"


def enut_file(tmp_path, rows, header=HEADER, encoding="utf-8", name="enut.csv"):
    path = tmp_path / name
    path.write_bytes(("\n".join([header, *rows]) + "\n").encode(encoding))
    return path


def test_a_good_small_file_reads(tmp_path):
    frame = read_enut(enut_file(tmp_path, [ROW.format(w=500, h=12.5)]))
    assert frame.loc[0, "sexo"] == "Mujer" and frame.loc[0, "tiene_hijos"]
    assert frame.loc[0, "factor"] == 500


@pytest.mark.parametrize(
    ("rows", "header", "expected"),
    [
        ([], "", "vacío|empty"),
        ([], HEADER, "ninguna fila|no data rows"),
        (["Zona Maya,mujer,5"], "region,sexo,fac_per", "faltan las columnas|missing"),
        ([ROW.format(w=0, h=1)], HEADER, "línea 2.*positivo|line 2.*positive"),
        ([ROW.format(w="abc", h=1)], HEADER, "línea 2.*fac_per.*número|number"),
        ([ROW.format(w=500, h=170)], HEADER, "línea 2.*0 a 168|0 to 168"),
        ([ROW.format(w=500, h=-1)], HEADER, "0 a 168|0 to 168"),
    ],
)
def test_broken_enut_files(tmp_path, rows, header, expected):
    path = tmp_path / "enut.csv"
    path.write_text("\n".join([header, *rows]) + ("\n" if header else ""), encoding="utf-8")
    with pytest.raises(DataFormatError, match=expected) as error:
        read_enut(path)
    assert str(path) in str(error.value)


def test_a_truncated_file_is_called_cut(tmp_path):
    path = tmp_path / "enut.csv"
    path.write_text(HEADER + "\n" + ROW.format(w=5, h=1) + "\nMesoamérica,mujer,Secun", "utf-8")
    with pytest.raises(DataFormatError, match=r"cortado|cut off"):
        read_enut(path)


def test_mixed_encodings_are_refused(tmp_path):
    good = ROW.format(w=5, h=1)
    path = tmp_path / "enut.csv"
    path.write_bytes((HEADER + "\n" + good + "\n").encode("utf-8") + good.encode("cp1252") + b"\n")
    with pytest.raises(DataFormatError, match=r"codificaciones|encodings"):
        read_enut(path)


def test_latin1_is_read_right(tmp_path):
    frame = read_enut(enut_file(tmp_path, [ROW.format(w=5, h=1)], encoding="cp1252"))
    assert frame.loc[0, "region"] == "Mesoamérica Central"


DENUE_HEADER = (
    "id,clee,nom_estab,raz_social,codigo_act,nombre_act,per_ocu,tipo_vial,nom_vial,tipo_v_e_1,"
    "nom_v_e_1,tipo_v_e_2,nom_v_e_2,tipo_v_e_3,nom_v_e_3,numero_ext,letra_ext,edificio,"
    "edificio_e,numero_int,letra_int,tipo_asent,nomb_asent,tipoCenCom,nom_CenCom,num_local,"
    "cod_postal,cve_ent,entidad,cve_mun,municipio,cve_loc,localidad,ageb,manzana,telefono,"
    "correoelec,www,tipoUniEco,latitud,longitud,fecha_alta"
)


def denue_row(code, band, name="ESTANCIA INFANTIL LOS PATITOS"):
    fields = [""] * 42
    fields[0], fields[2], fields[4], fields[6] = "1", name, code, band
    fields[27:31] = ["09", "Ciudad de México", "007", "Iztapalapa"]
    fields[39:41] = ["19.35", "-99.06"]
    return ",".join(fields)


def test_inegi_denue_layout_keeps_care_and_parses_bands(tmp_path):
    path = tmp_path / "denue_inegi_62_.csv"
    rows = [denue_row("624412", "251 y más personas"), denue_row("621111", "0 a 5 personas")]
    path.write_bytes((DENUE_HEADER + "\n" + "\n".join(rows) + "\n").encode("cp1252"))
    frame = read_denue(path)
    assert frame.attrs["formato"] == "inegi" and frame.attrs["filas_otras_actividades"] == 1
    row = frame.iloc[0]
    assert (row["servicio"], row["sector"], row["cve_mun"]) == ("guarderia", "Público", "09007")
    assert row["personal_min"] == 251 and pd.isna(row["personal_max"])


def test_an_unknown_staff_band_is_refused(tmp_path):
    path = tmp_path / "denue.csv"
    path.write_text(DENUE_HEADER + "\n" + denue_row("623311", "muchas") + "\n", "utf-8")
    with pytest.raises(DataFormatError, match="per_ocu"):
        read_denue(path)


ITER = (
    "ENTIDAD,NOM_ENT,MUN,NOM_MUN,LOC,NOM_LOC,LONGITUD,LATITUD,ALTITUD,POBTOT,POBFEM,POBMAS,"
    "P_0A2,P_3A5,P_6A11,P_60YMAS,POB65_MAS,PCON_DISC\n"
    "09,Ciudad de México,000,Total de la entidad,0000,Total de la Entidad,,,,100,50,50,"
    "6,7,8,20,15,9\n"
    "09,Ciudad de México,009,Milpa Alta,0000,Total del Municipio,,,,60,30,30,4,5,6,10,8,*\n"
    "09,Ciudad de México,009,Milpa Alta,0021,Tecoxpa,,,,12,*,*,*,*,*,*,*,*\n"
)


def test_iter_reads_municipal_totals_and_confidential_cells(tmp_path):
    path = tmp_path / "conjunto_de_datos_iter_09CSV20.csv"
    path.write_text(ITER, "utf-8")
    frame = read_population(path)
    assert frame.attrs["formato"] == "iter" and len(frame) == 1
    row = frame.iloc[0]
    assert (row["cve_mun"], row["ninas_ninos_0_5"], row["adultos_mayores"]) == ("09009", 9, 10)
    assert pd.isna(row["discapacidad"])


def test_enoe_filters_residents_and_computes_participation(tmp_path):
    path = tmp_path / "ENOEN_SDEMT324.csv"
    path.write_text(
        "r_def,c_res,ent,mun,sex,eda,clase1,clase2,fac_tri\n"
        "00,1,9,7,2,30,1,1,100\n00,1,9,7,2,40,2,4,300\n00,2,9,7,2,40,1,1,999\n"
        "00,1,9,7,1,50,1,1,200\n00,1,9,7,1,10,2,0,500\n",
        "utf-8",
    )
    frame = read_enoe(path)
    assert len(frame) == 4 and frame.attrs["filas_descartadas"] == 1
    rates = labour_participation(frame).set_index("sexo")["estimate"]
    assert rates["Mujer"] == pytest.approx(0.25) and rates["Hombre"] == pytest.approx(1.0)


def test_load_reads_a_folder_and_says_what_is_missing(tmp_path):
    (tmp_path / "enut").mkdir()
    enut_file(tmp_path / "enut", [ROW.format(w=5, h=1)])
    (tmp_path / "denue").mkdir()
    (tmp_path / "denue" / "d.csv").write_text(
        DENUE_HEADER + "\n" + denue_row("623312", "6 a 10 personas") + "\n", "utf-8"
    )
    with pytest.raises(SourceNotFoundError, match="censo"):
        load(tmp_path)
    (tmp_path / "censo").mkdir()
    (tmp_path / "censo" / "iter.csv").write_text(ITER, "utf-8")
    data = load(tmp_path)
    assert (len(data.enut), len(data.establecimientos), len(data.poblacion)) == (1, 1, 1)
    assert data.enoe is None
    assert "1 establecimientos" in repr(data) or "1 care establishments" in repr(data)


def test_load_sample_says_clearly_when_the_sample_is_missing():
    from kit.data import DATA_DIR

    if (DATA_DIR / "care").exists():
        assert load("sample").source == "sample"
    else:
        with pytest.raises(SourceNotFoundError, match=r"python -m kit\.samples care"):
            load("sample")
