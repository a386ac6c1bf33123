"""The parts of the care sample written so far: the alcaldías and the ITER 2020 census file.

Facts are recounted from the CSV bytes with plain pandas, not from the generator's internals.
"""

import io
from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from kit.samples._rng import Draw
from kit.samples.care_denue import BAD_COORDINATES, denue_rows, write_denue
from kit.samples.care_enut import REGIONS, enut_rows, write_enut
from kit.samples.care_iter import iter_rows, write_iter
from kit.samples.care_iter_layout import HEADER
from kit.samples.care_places import BENCHMARK, DEFICIT, SURPLUS, alcaldias

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
