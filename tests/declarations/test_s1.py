"""S1 v2 (asset declarations): a spec-conformant invented fixture, income per type, broken files.

No real S1 v2 file is in ../shared/real (see its SOURCES.md): the fixture is built field by field
in ``s1_fixture.py`` from the PDN specification.
"""

from __future__ import annotations

import copy
from datetime import date

import pandas as pd
import pytest

import kit.data
from kit.declarations.income import annual_factor
from kit.declarations.s1 import COLUMNS, Declarations, read_s1
from tests.declarations import s1_fixture
from tests.declarations.files import refused, write


@pytest.fixture(scope="module")
def declared(tmp_path_factory) -> Declarations:
    folder = tmp_path_factory.mktemp("s1")
    page = {"pagination": {"pageSize": 10, "page": 1}, "results": s1_fixture.declarations()}
    return read_s1(write(folder, "s1.json.gz", page))


def test_every_section_is_a_frame_with_its_columns(declared):
    for name, columns in COLUMNS.items():
        assert list(getattr(declared, name).columns) == columns, name
    assert repr(declared).startswith("Declarations(declarations=3, income=15")


def test_one_row_per_declaration_with_the_declarant_and_the_years(declared):
    table = declared.declarations.set_index("id")
    assert table["tipo"].tolist() == ["INICIAL", "MODIFICACIÓN", "CONCLUSIÓN"]
    assert table["anio"].tolist() == [2021, 2022, 2023]
    # income of: the filing year (monthly), the year before, the year the job ended
    assert table["anio_ingresos"].tolist() == [2021, 2021, 2023]
    row = table.loc["decl-modificacion"]
    assert row["nombre_completo"] == "Rosa María Quelvara Ibarra"
    assert (row["rfc"], row["curp"]) == ("QUIR800315K21", "QUIR800315MDFLBS04")
    assert (row["ente_publico"], row["cargo"], row["nivel_cargo"]) == (
        "Secretaría de Ejemplos Públicos",
        "Directora de Contrataciones",
        "M33",
    )
    assert row["fecha"] == pd.Timestamp("2022-05-10 09:00:00")
    assert table.loc["decl-conclusion", "fecha_toma_posesion"] == pd.Timestamp("2023-03-31")


def test_income_is_normalised_to_a_year_in_pesos_per_declaration_type(declared):
    income = declared.income.set_index(["id", "concepto"])
    public = income.xs("remuneracion_cargo_publico", level="concepto")
    # INICIAL: monthly × 12; MODIFICACIÓN: the year before, as is; CONCLUSIÓN: 1 Jan - 31 Mar
    # 2023 is 90 days, × 365 / 90
    assert public["periodo"].tolist() == ["mensual", "anual", "enero_a_conclusion"]
    assert public["valor"].tolist() == [50_000, 720_000, 180_000]
    assert public["valor_anual_mxn"].tolist() == pytest.approx([600_000, 720_000, 730_000])
    assert public["factor_anual"].tolist() == pytest.approx([12, 1, 365 / 90])
    assert income.loc[("decl-inicial", "actividad_financiera"), "valor_anual_mxn"] == 60_000
    assert income.loc[("decl-modificacion", "servicios_profesionales"), "valor_anual"] == 80_000
    # a sale paid in dollars keeps its annual value but has none in pesos (no rate assumed)
    sale = income.loc[("decl-modificacion", "enajenacion_bienes")]
    assert (sale["moneda"], sale["valor_anual"]) == ("USD", 10_000)
    assert pd.isna(sale["valor_anual_mxn"])
    net = declared.declarations.set_index("id")["ingreso_neto_declarante_anual_mxn"]
    assert net.tolist() == pytest.approx([660_000, 800_000, 730_000])


def test_the_annual_factor_of_a_conclusion_counts_the_days_of_its_year():
    assert annual_factor("CONCLUSIÓN", date(2024, 2, 29)) == pytest.approx(366 / 60)
    assert annual_factor("CONCLUSIÓN", date(2023, 12, 31)) == 1
    assert pd.isna(annual_factor("CONCLUSIÓN", None))
    assert (annual_factor("INICIAL"), annual_factor("MODIFICACIÓN")) == (12, 1)


def test_a_conclusion_without_its_end_date_is_not_annualised(tmp_path):
    record = s1_fixture.conclusion()
    del record["declaracion"]["situacionPatrimonial"]["datosEmpleoCargoComision"][
        "fechaTomaPosesion"
    ]
    declared = read_s1(write(tmp_path, "s1.json", [record]))
    assert declared.income["valor"].notna().all()
    assert declared.income["valor_anual_mxn"].isna().all()
    assert pd.isna(declared.declarations.loc[0, "anio_ingresos"])


def test_assets_companies_interests_and_dependants(declared):
    house = declared.real_estate.iloc[0]
    assert (house["tipo_inmueble"], house["titular"], house["porcentaje_propiedad"]) == (
        "CASA",
        ("DEC", "CYG"),
        50,
    )
    assert (house["superficie_terreno_m2"], house["superficie_construccion_m2"]) == (10_000, 180)
    assert (house["transmisor"], house["transmisor_relacion"]) == ("Jorge Quelvara Soto", "PAD")
    assert house["fecha_adquisicion"] == pd.Timestamp("2015-06-30")
    assert (house["entidad_federativa"], house["municipio"]) == ("Morelos", "Cuernavaca")
    car = declared.vehicles.iloc[0]
    assert (car["tipo_vehiculo"], car["anio"], car["valor_adquisicion"]) == ("AUMOT", 2019, 350_000)
    company = declared.companies.iloc[0]
    assert (company["nombre_empresa"], company["rfc"], company["tipo_relacion"]) == (
        "Constructora Quelvara, S.A. de C.V.",
        "CQU010101AB1",
        "PAREJA",
    )
    assert (company["porcentaje_participacion"], company["sector"]) == (40, "CONS")
    assert bool(company["recibe_remuneracion"]) and company["monto_mensual"] == 20_000
    others = declared.other_interests[declared.other_interests["id"] == "decl-inicial"]
    assert others["seccion"].tolist() == ["apoyos", "representacion", "clientes_principales"]
    client = others.iloc[2]
    assert (client["contraparte"], client["contraparte_rfc"]) == (
        "Secretaría de Ejemplos Públicos",
        "SEP850101AA1",
    )
    people = declared.dependants[declared.dependants["id"] == "decl-inicial"].set_index("tipo")
    partner = people.loc["pareja"]
    assert (partner["relacion"], partner["rfc"], partner["empleador_rfc"]) == (
        "CONYUGE",
        "IAOT780909H11",
        "CQU010101AB1",
    )
    assert bool(partner["proveedor_contratista_gobierno"])
    child = people.loc["dependiente_economico"]
    assert (child["relacion"], child["curp"]) == ("HIJ", "IAQL100120MDFBLC07")


def _s1_error(tmp_path, records) -> str:
    return refused(read_s1, write(tmp_path, "s1_malo.json", records))


def test_income_fields_of_another_period_are_refused(tmp_path):
    record = s1_fixture.inicial()
    record["id"] = "mezcla"
    ingresos = record["declaracion"]["situacionPatrimonial"]["ingresos"]
    ingresos["remuneracionAnualCargoPublico"] = ingresos.pop("remuneracionMensualCargoPublico")
    message = _s1_error(tmp_path, [s1_fixture.modificacion(), record])
    assert "record [1], id 'mezcla'" in message
    assert "remuneracionAnualCargoPublico' is a field of a MODIFICACIÓN declaration" in message


def test_an_unknown_type_or_missing_declarant_is_refused(tmp_path):
    record = s1_fixture.inicial()
    record["metadata"]["tipo"] = "ANUAL"
    message = _s1_error(tmp_path, [record])
    assert "record [0], id 'decl-inicial'" in message and "'metadata.tipo' is 'ANUAL'" in message
    record = s1_fixture.conclusion()
    del record["declaracion"]["situacionPatrimonial"]["datosGenerales"]["primerApellido"]
    message = _s1_error(tmp_path, [record])
    assert "'declaracion.situacionPatrimonial.datosGenerales.primerApellido' is missing" in message
    record = s1_fixture.inicial()
    del record["metadata"]["actualizacion"]
    assert "'metadata.actualizacion' is missing" in _s1_error(tmp_path, [record])


def test_a_value_of_the_wrong_type_is_refused_naming_its_path(tmp_path):
    record = s1_fixture.modificacion()
    house = record["declaracion"]["situacionPatrimonial"]["bienesInmuebles"]["bienInmueble"][0]
    house["valorAdquisicion"]["valor"] = "dos millones"
    message = _s1_error(tmp_path, [record])
    assert "record [0], id 'decl-modificacion'" in message
    assert "bienInmueble[0].valorAdquisicion.valor' must be a number" in message
    record = s1_fixture.inicial()
    record["declaracion"]["interes"]["participacion"]["participacion"] = {"rfc": "X"}
    message = _s1_error(tmp_path, [record])
    assert "'declaracion.interes.participacion.participacion' must be of type array" in message
    record = s1_fixture.inicial()
    house = record["declaracion"]["situacionPatrimonial"]["bienesInmuebles"]["bienInmueble"][0]
    house["superficieTerreno"]["unidad"] = "acres"
    assert "has the unit 'acres'" in _s1_error(tmp_path, [record])


def test_the_2018_layout_and_other_systems_are_refused(tmp_path):
    old = {"id": "viejo", "informacion_personal": {"informacion_general": {"nombres": "A"}}}
    message = _s1_error(tmp_path, [old])
    assert "record [0], id 'viejo'" in message and "2018 layout" in message
    assert "not recognisable as a record of S1" in _s1_error(tmp_path, [copy.deepcopy({"id": "x"})])


def test_the_bundled_sample_when_it_exists():
    if not (kit.data.DATA_DIR / "declarations" / "s1.json.gz").is_file():
        pytest.skip("the S1 sample kit/data/declarations/s1.json.gz is not bundled yet")
    declared = read_s1("sample")
    assert len(declared.declarations) > 0
    assert declared.declarations["id"].notna().all()
    assert set(declared.declarations["tipo"]) <= {"INICIAL", "MODIFICACIÓN", "CONCLUSIÓN"}
    assert declared.income["valor_anual"].notna().any()
