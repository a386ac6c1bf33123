"""The parts of the care sample written so far: the alcaldías and the ITER 2020 census file.

Facts are recounted from the CSV bytes with plain pandas, not from the generator's internals.
"""

import hashlib
import io
import json
from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from kit import data
from kit.samples import GENERATORS, care
from kit.samples._rng import Draw
from kit.samples.care_denue import BAD_COORDINATES, denue_rows, write_denue
from kit.samples.care_enut import REGIONS, enut_rows, write_enut
from kit.samples.care_iter import iter_rows, write_iter
from kit.samples.care_iter_layout import HEADER
from kit.samples.care_places import BENCHMARK, DEFICIT, SURPLUS, Box, alcaldias

SEED = 2019
CONTRACT_START = (
    "ENTIDAD,NOM_ENT,MUN,NOM_MUN,LOC,NOM_LOC,LONGITUD,LATITUD,ALTITUD,POBTOT,POBFEM,POBMAS,"
    "P_0A2,P_0A2_F,P_0A2_M,P_3YMAS"
)


def build() -> tuple[list, bytes]:
    draw = Draw(SEED)
    places = alcaldias(draw)
    return places, write_iter(iter_rows(draw, places))


@pytest.fixture(scope="module")
def census() -> tuple[list, pd.DataFrame, bytes]:
    places, raw = build()
    table = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig", dtype=str, keep_default_na=False)
    return places, table, raw


def test_same_seed_same_bytes(census):
    assert build()[1] == census[2]


def test_header_is_the_published_layout(census):
    _, table, raw = census
    assert raw.startswith(b"\xef\xbb\xbf" + CONTRACT_START.encode())
    assert list(table.columns) == list(HEADER)
    assert len(HEADER) == 286 and HEADER[-1] == "TAMLOC"
    for column in ("P_3A5", "P_6A11", "P_12YMAS", "P_15YMAS", "P_60YMAS", "PCON_DISC"):
        assert column in HEADER


def test_totals_add_up(census):
    _, table, _ = census
    municipal = table[(table.LOC == "0000") & (table.MUN != "000")]
    assert len(municipal) == 16
    assert (municipal.NOM_LOC == "Total del Municipio").all()
    entity = table.iloc[0]
    assert (entity.MUN, entity.LOC, entity.NOM_LOC) == ("000", "0000", "Total de la Entidad")
    for column in ("POBTOT", "P_0A2", "P_3A5", "P_60YMAS", "PCON_DISC", "VIVTOT"):
        assert pd.to_numeric(municipal[column]).sum() == int(entity[column])
    localities = table[table.LOC != "0000"]
    people = localities.groupby("MUN").POBTOT.apply(lambda s: pd.to_numeric(s).sum())
    assert people.tolist() == pd.to_numeric(municipal.POBTOT).tolist()
    withheld = table[table.POBFEM == "*"]
    assert len(withheld) > 0, "small localities withhold figures"
    assert withheld.POBTOT.str.isdigit().all(), "but still show their population"


def test_planted_coverage(census):
    places, table, _ = census
    municipal = table[(table.LOC == "0000") & (table.MUN != "000")].set_index("NOM_MUN")
    children = pd.to_numeric(municipal.P_0A2) + pd.to_numeric(municipal.P_3A5)
    elderly = pd.to_numeric(municipal.P_60YMAS)
    for service, need in (("guarderia", children), ("asilo", elderly)):
        supply = pd.Series({p.name: p.supply[service] for p in places})
        ratio = (need / supply).sort_values(ascending=False)
        assert set(ratio.index[:3]) == set(DEFICIT[service])
        assert ratio.iloc[2] > 1.4 * ratio.iloc[3]
        missing = (need / BENCHMARK[service] - supply).round()
        assert missing[missing < 0].index.tolist() == [SURPLUS[service]]


def test_boxes_do_not_overlap():
    places = alcaldias(Draw(SEED))
    for a, b in combinations(places, 2):
        apart = (
            a.box.lat_max <= b.box.lat_min
            or b.box.lat_max <= a.box.lat_min
            or a.box.lon_max <= b.box.lon_min
            or b.box.lon_max <= a.box.lon_min
        )
        assert apart, (a.name, b.name)


ENUT_HEADER = (
    "region,sexo,niv,trab_dom,tiene_hij,pareja,fac_per,hrs_cuidado,tot_cuidado_nac_percap,saldo"
)


@pytest.fixture(scope="module")
def enut() -> tuple[pd.DataFrame, bytes]:
    raw = write_enut(enut_rows(Draw(SEED)))
    return pd.read_csv(io.BytesIO(raw), encoding="utf-8"), raw


def weighted(frame: pd.DataFrame) -> float:
    return float(np.average(frame.hrs_cuidado, weights=frame.fac_per))


def test_enut_layout_and_imputed_rows(enut):
    table, raw = enut
    assert raw.decode("utf-8").splitlines()[0] == ENUT_HEADER
    assert raw == write_enut(enut_rows(Draw(SEED)))
    assert (table.region == "Nacional").sum() == 5
    persons = table[table.region != "Nacional"]
    assert set(persons.region) == set(REGIONS)
    assert 3000 <= len(persons) <= 5000
    assert persons.hrs_cuidado.between(0, 168).all()
    national = weighted(persons)
    assert np.allclose(table.tot_cuidado_nac_percap, national)
    assert np.allclose(table.saldo, table.hrs_cuidado - national)


def test_enut_planted_gap_and_weights(enut):
    table, _ = enut
    persons = table[table.region != "Nacional"]
    women = weighted(persons[persons.sexo == "mujer"])
    men = weighted(persons[persons.sexo == "hombre"])
    assert 30 <= women <= 40 and 10 <= men <= 15
    assert 2.5 <= women / men <= 3.0
    assert persons.hrs_cuidado.mean() - weighted(persons) > 2, "weights must matter"
    central = persons[persons.region == "Mesoamérica Central"]
    assert (
        central[central.sexo == "mujer"].fac_per.mean()
        < central[central.sexo == "hombre"].fac_per.mean() / 2
    ), "women in Mesoamérica Central are over-sampled"


DENUE_HEADER = (
    "id,nom_estab,raz_social,codigo_act,nombre_act,per_ocu,tipo_vial,nom_vial,tipo_v_e_1,"
    "nom_v_e_1,tipo_v_e_2,nom_v_e_2,tipo_v_e_3,nom_v_e_3,numero_ext,letra_ext,edificio,edificio_e,"
    "numero_int,letra_int,tipo_asent,nomb_asent,tipoCenCom,nom_CenCom,num_local,cod_postal,"
    "cve_ent,entidad,cve_mun,municipio,cve_loc,localidad,ageb,manzana,telefono,correoelec,www,"
    "tipoUniEco,latitud,longitud,fecha_alta"
)


@pytest.fixture(scope="module")
def denue() -> tuple[list, pd.DataFrame, list, bytes]:
    draw = Draw(SEED)
    places = alcaldias(draw)
    rows, bad = denue_rows(draw, places)
    raw = write_denue(rows)
    table = pd.read_csv(io.BytesIO(raw), encoding="latin-1", dtype=str, keep_default_na=False)
    return places, table, bad, raw


def test_denue_layout(denue):
    _, table, _, raw = denue
    assert raw.decode("latin-1").split("\r\n")[0] == DENUE_HEADER
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert table.id.is_unique
    assert set(table.codigo_act) <= {
        "624411", "624412", "623311", "623312", "623211", "623212", "623221", "623222"
    }  # fmt: skip


def test_denue_counts_are_the_planted_supply(denue):
    places, table, _, _ = denue
    service = table.codigo_act.str[:4].map(
        {"6244": "guarderia", "6233": "asilo", "6232": "discapacidad"}
    )
    counts = table.groupby([table.cve_mun, service]).size()
    for place in places:
        for name, count in place.supply.items():
            assert counts[(place.code, name)] == count


def test_denue_coordinates_inside_boxes_except_planted(denue):
    places, table, bad, _ = denue
    boxes = {p.code: p.box for p in places}
    planted = {b["id"]: b["kind"] for b in bad}
    assert sorted(planted.values()) == sorted(BAD_COORDINATES)
    for row in table.itertuples():
        if row.id in planted:
            inside = row.latitud and boxes[row.cve_mun].contains(
                float(row.latitud), float(row.longitud)
            )
            assert not inside
        else:
            assert boxes[row.cve_mun].contains(float(row.latitud), float(row.longitud))


# --- the bundled sample (kit/data/care) -----------------------------------------------------

BUNDLED = data.DATA_DIR / "care"


@pytest.fixture(scope="module")
def bundled() -> dict[str, bytes]:
    return {
        p.relative_to(BUNDLED).as_posix(): p.read_bytes() for p in BUNDLED.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def truth(bundled) -> dict:
    return json.loads(bundled["truth.json"])


def test_bundled_files_equal_a_fresh_generation(bundled, tmp_path):
    written = care.write(tmp_path)
    fresh = {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in written}
    assert fresh == bundled
    assert set(bundled) == set(care.FILES)
    assert sum(len(b) for b in bundled.values()) < 2_000_000


def test_bundled_headers_are_the_contract_layouts(bundled):
    assert bundled["enut/enut2019_personas.csv"].decode().splitlines()[0] == ENUT_HEADER
    assert bundled["denue/denue_inegi_62_.csv"].decode("latin-1").split("\r\n")[0] == DENUE_HEADER
    census = bundled["censo/conjunto_de_datos_iter_09CSV20.csv"]
    assert census.startswith(b"\xef\xbb\xbf" + CONTRACT_START.encode())
    enoe = bundled["enoe/ENOEN_SDEMT324.csv"].decode().split("\r\n")[0].split(",")
    assert {"ent", "mun", "sex", "eda", "clase1", "clase2", "fac_tri", "fac_mes"} <= set(enoe)


def test_truth_enut_recomputed(bundled, truth):
    table = pd.read_csv(io.BytesIO(bundled["enut/enut2019_personas.csv"]))
    persons = table[table.region != "Nacional"]
    facts = truth["enut"]
    assert facts["persons"] == len(persons)
    assert facts["weighted_mean_hours"] == pytest.approx(weighted(persons), abs=1e-4)
    assert facts["unweighted_mean_hours"] == pytest.approx(persons.hrs_cuidado.mean(), abs=1e-4)
    for sexo, value in facts["weighted_mean_hours_by_sex"].items():
        assert value == pytest.approx(weighted(persons[persons.sexo == sexo]), abs=1e-4)
    for column, key in (("tiene_hij", "children"), ("pareja", "partner"), ("region", "region")):
        name = (
            f"weighted_mean_hours_by_sex_and_{key}"
            if key != "region"
            else ("weighted_mean_hours_by_region_and_sex")
        )
        for value, by_sex in facts[name].items():
            for sexo, hours in by_sex.items():
                chosen = persons[(persons[column] == value) & (persons.sexo == sexo)]
                assert hours == pytest.approx(weighted(chosen), abs=1e-4)
    assert facts["unweighted_mean_hours"] - facts["weighted_mean_hours"] > 2
    assert 2.5 <= facts["ratio_women_to_men"] <= 3.0


def test_truth_supply_recomputed(bundled, truth):
    denue = pd.read_csv(
        io.BytesIO(bundled["denue/denue_inegi_62_.csv"]),
        encoding="latin-1",
        dtype=str,
        keep_default_na=False,
    )
    census = pd.read_csv(
        io.BytesIO(bundled["censo/conjunto_de_datos_iter_09CSV20.csv"]),
        encoding="utf-8-sig",
        dtype=str,
        keep_default_na=False,
    )
    municipal = census[(census.LOC == "0000") & (census.MUN != "000")].set_index("NOM_MUN")
    supply = truth["supply"]
    assert supply["establishments"] == len(denue)
    service = denue.codigo_act.str[:4].map(
        {"6244": "guarderia", "6233": "asilo", "6232": "discapacidad"}
    )
    counts = denue.groupby(["09" + denue.cve_mun, service]).size()
    for cve, by_service in supply["establishments_by_alcaldia_and_service"].items():
        for name, count in by_service.items():
            assert counts[(cve, name)] == count
    need = {
        "guarderia": pd.to_numeric(municipal.P_0A2) + pd.to_numeric(municipal.P_3A5),
        "asilo": pd.to_numeric(municipal.P_60YMAS),
    }
    for name, facts in supply["coverage"].items():
        ratio = {}
        for alcaldia, row in facts["por_alcaldia"].items():
            assert row["personas"] == need[name][alcaldia]
            ratio[alcaldia] = row["personas"] / row["establecimientos"]
            assert row["personas_por_establecimiento"] == pytest.approx(ratio[alcaldia], abs=0.01)
            benchmark = facts["benchmark_personas_por_establecimiento"]
            assert row["faltan"] == round(row["personas"] / benchmark - row["establecimientos"])
        worst = sorted(ratio, key=ratio.get, reverse=True)
        assert set(worst[:3]) == set(facts["mayores_deficits"])
        assert ratio[worst[2]] > 1.4 * ratio[worst[3]]
        surplus = [a for a, row in facts["por_alcaldia"].items() if row["faltan"] < 0]
        assert surplus == [facts["superavit"]]
    for cve, people in supply["population"].items():
        row = municipal[cve[2:] == municipal.MUN].iloc[0]
        assert people["poblacion"] == int(row.POBTOT)
        assert people["discapacidad"] == int(row.PCON_DISC)
    planted = {b["id"]: b for b in supply["bad_coordinates"]}
    boxes = {cve: Box(**box) for cve, box in supply["boxes"].items()}
    for record in denue.itertuples():
        cve = "09" + record.cve_mun
        ok = record.latitud != "" and boxes[cve].contains(
            float(record.latitud), float(record.longitud)
        )
        assert ok == (record.id not in planted)


def test_truth_enoe_recomputed(bundled, truth):
    table = pd.read_csv(io.BytesIO(bundled["enoe/ENOEN_SDEMT324.csv"]))
    adults = table[(table.eda >= 15) & (table.eda <= 98)]
    facts = truth["enoe"]
    assert facts["persons"] == len(table) and facts["persons_15_98"] == len(adults)
    for scope, chosen in (("nacional", adults), ("cdmx", adults[adults.ent == 9])):
        for sexo, code in (("mujer", 2), ("hombre", 1)):
            group = chosen[chosen.sex == code]
            rate = np.average(group.clase1 == 1, weights=group.fac_tri)
            assert facts[f"participation_{scope}"][sexo] == pytest.approx(rate, abs=1e-4)
        assert (
            facts[f"participation_{scope}"]["mujer"]
            < facts[f"participation_{scope}"]["hombre"] - 0.2
        )


def test_manifest_entries(bundled, truth):
    entries = data.manifest()
    for name in care.FILES:
        entry = entries[f"care/{name}"]
        assert entry["sha256"] == hashlib.sha256(bundled[name]).hexdigest()
        assert entry["bytes"] == len(bundled[name])
        assert entry["generator"] == "kit.samples.care"
        assert entry["seed"] == care.SEED == truth["seed"]
        assert entry["license"] == "CC0-1.0 (synthetic, fictitious entities)"
    assert entries["care/denue/denue_inegi_62_.csv"]["rows"] == {
        "establishments": len(bundled["denue/denue_inegi_62_.csv"].split(b"\r\n")) - 2
    }
    assert GENERATORS["care"] == "kit.samples.care"


def test_kit_care_load_agrees_with_truth(truth):
    load = pytest.importorskip("kit.care.load", reason="the kit.care readers are not there yet")
    loaded = load.load("sample")
    persons = loaded.enut
    women = persons[persons.sexo == "Mujer"]
    assert np.average(women.horas_cuidado, weights=women.factor) == pytest.approx(
        truth["enut"]["weighted_mean_hours_by_sex"]["mujer"], abs=1e-4
    )
    assert len(loaded.establecimientos) == truth["supply"]["establishments"]
    population = loaded.poblacion.set_index("cve_mun")
    for cve, people in truth["supply"]["population"].items():
        assert population.loc[cve, "ninas_ninos_0_5"] == people["ninas_ninos_0_5"]
        assert population.loc[cve, "adultos_mayores"] == people["adultos_mayores"]
