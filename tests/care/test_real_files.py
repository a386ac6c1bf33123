"""Exact counts on the real files of ../shared/real/cdmx (see SOURCES.md)."""

import numpy as np
import pytest

from kit.care.alcaldias import ALCALDIAS
from kit.care.census import read_population
from kit.care.denue import read_denue
from kit.care.enut import read_enut
from kit.care.supply import read_supply_demand

pytestmark = pytest.mark.real


@pytest.fixture(scope="module")
def enut(real_cdmx):
    return read_enut(real_cdmx / "enut2019_horas_cuidado_por_persona.csv")


def test_enut_persons_by_sex_after_dropping_the_national_rows(enut):
    assert len(enut) == 44_171
    assert enut.attrs["filas_nacional_descartadas"] == 5
    assert enut["sexo"].value_counts().to_dict() == {"Mujer": 23_390, "Hombre": 20_781}
    assert enut["factor"].sum() == 66_785_837
    assert enut["region"].nunique() == 6
    assert enut["horas_cuidado"].between(0, 168).all()


def test_denue_establishments_by_service_and_sector(real_cdmx):
    denue = read_denue(real_cdmx / "denue_servicios_cuidado_establecimientos_mx.csv")
    assert denue.attrs["formato"] == "derivado"
    assert len(denue) == 12_464
    national = denue.groupby(["servicio", "sector"]).size().to_dict()
    assert national == {
        ("asilo", "Privado"): 877, ("asilo", "Público"): 210,
        ("discapacidad", "Privado"): 785, ("discapacidad", "Público"): 101,
        ("guarderia", "Privado"): 6_706, ("guarderia", "Público"): 3_785,
    }  # fmt: skip
    cdmx = denue[denue["cve_ent"] == "09"]
    assert len(cdmx) == 912
    assert cdmx.groupby(["servicio", "sector"]).size().to_dict() == {
        ("asilo", "Privado"): 87, ("asilo", "Público"): 20,
        ("discapacidad", "Privado"): 41, ("discapacidad", "Público"): 8,
        ("guarderia", "Privado"): 460, ("guarderia", "Público"): 296,
    }  # fmt: skip
    assert set(cdmx["cve_mun"]) == set(ALCALDIAS)
    assert cdmx.groupby("cve_mun").size()["09007"] == 114  # Iztapalapa
    assert set(cdmx["municipio"]) == set(ALCALDIAS.values())
    assert denue["personal_min"].notna().all()
    assert denue["personal_max"].isna().sum() == 1  # the one '251 y más personas'


def test_census_derived_table_has_every_municipality_and_the_16_alcaldias(real_cdmx):
    population = read_population(
        real_cdmx / "censo2020_poblacion_que_requiere_cuidados_municipal.csv"
    )
    assert len(population) == 2_469
    assert population.attrs["edad_adultos_mayores"] == "66+"
    cdmx = population[population["cve_mun"].str.startswith("09")].set_index("cve_mun")
    assert list(cdmx.index) == list(ALCALDIAS)
    assert list(cdmx["municipio"]) == list(ALCALDIAS.values())
    assert cdmx.loc["09007", "poblacion"] == 1_820_809
    assert cdmx.loc["09007", "ninas_ninos_0_5"] == 128_253
    assert cdmx["poblacion"].sum() == 9_159_393  # an estimate: the census count is 9,209,944


def test_supply_demand_has_48_rows_and_its_deficit_rule(real_cdmx):
    table = read_supply_demand(real_cdmx / "cdmx_oferta_demanda_cuidados_alcaldia.csv")
    assert len(table) == 48
    assert set(table["cve_mun"]) == set(ALCALDIAS)
    assert table.groupby("servicio")["faltan"].sum().to_dict() == {
        "asilo": 2_806, "discapacidad": 1_115, "guarderia": 3_827,
    }  # fmt: skip
    rule = np.round(table["personas_que_requieren"] / table["personas_por_establecimiento"]
                    - table["establecimientos"])  # fmt: skip
    assert (rule.astype(int) == table["faltan"].astype(int)).all()
