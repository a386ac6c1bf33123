"""The movilidad sample's parts: an invented Metro network inside Mexico City, and ridership files
in the published layouts, the same bytes from the same seed."""

import csv
import io
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from kit.samples._rng import Draw
from kit.samples.cdmx_calendar import day_factor
from kit.samples.cdmx_network import (
    ALCALDIAS,
    BUSY_STATION,
    SMALL_STATION,
    distance_m,
    metro_stations,
)
from kit.samples.cdmx_ridership import FILE_NAMES, ridership_files

REAL = Path(__file__).resolve().parents[3] / "shared" / "real" / "cdmx"
HEADERS = {
    "Metro": "fecha,mes,anio,linea,estacion,tipo_pago,afluencia",
    "Metrobús": "fecha,mes,anio,linea,tipo_pago,afluencia",
    "Metrobús simple": "fecha,anio,mes,linea,afluencia",
    "Trolebús": "fecha,mes,anio,linea,tipo_pago,afluencia",
    "Cablebús": "fecha,mes,anio,linea,tipo_pago,afluencia",
    "Tren Ligero": "fecha,mes,anio,tipo_pago,afluencia",
}


def plain(name: str) -> str:
    text = unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()
    return " ".join(text.split())


@pytest.fixture(scope="module")
def stations():
    return metro_stations(Draw(7))


@pytest.fixture(scope="module")
def ridership(stations):
    return ridership_files(Draw(7), stations)


def test_stations_lie_in_mexico_city_and_stand_apart(stations):
    assert 45 <= len(stations) <= 60
    assert {s.alcaldia for s in stations} <= {a.name for a in ALCALDIAS}
    for s in stations:
        assert 19.05 <= s.lat <= 19.59 and -99.37 <= s.lon <= -98.94, s
    pairs = [(a, b) for i, a in enumerate(stations) for b in stations[i + 1 :]]
    assert min(distance_m(a.lat, a.lon, b.lat, b.lon) for a, b in pairs if a.name != b.name) > 700
    transfers = [(a, b) for a, b in pairs if a.name == b.name]
    assert len(transfers) == 4 and all(a.line != b.line for a, b in transfers)


def test_station_names_are_invented():
    if not REAL.is_dir():
        pytest.skip("../shared/real/cdmx is absent: cannot compare with the real station names")
    with open(REAL / "stc_metro_estaciones_semovi.csv", encoding="utf-8") as handle:
        real = {plain(row["NOMBRE"]) for row in csv.DictReader(handle)}
    assert not {plain(s.name) for s in metro_stations(Draw(7))} & real


def test_the_planted_stations_are_the_busiest_and_a_quiet_one(stations):
    riders = {(s.line, s.name): s.riders for s in stations}
    assert max(riders, key=riders.get) == BUSY_STATION
    assert min(riders, key=riders.get) == SMALL_STATION


def test_ridership_files_have_the_published_headers(ridership):
    files, _ = ridership
    assert set(files) == set(FILE_NAMES.values())
    for system, name in FILE_NAMES.items():
        assert files[name].decode("utf-8").split("\n", 1)[0] == HEADERS[system], name


def test_ridership_facts_are_visible_in_the_files(ridership, stations):
    files, facts = ridership
    metro = list(csv.DictReader(io.StringIO(files[FILE_NAMES["Metro"]].decode("utf-8"))))
    assert len(metro) == facts["Metro"]["rows"] == len(stations) * 731 * 3
    assert sum(r["afluencia"] == "NaN" for r in metro) == facts["Metro"]["nan_rows"] > 0
    assert sum("Ã" in r["estacion"] for r in metro) == facts["Metro"]["double_encoded_rows"] > 0
    simple = files[FILE_NAMES["Metrobús simple"]].decode("utf-8")
    assert simple.count(",linea ") == facts["Metrobús"]["simple"]["lower_case_label_rows"]
    assert simple.count(",NaN\n") == facts["Metrobús"]["simple"]["nan_rows"]


def test_metro_ridership_dips_on_weekends_and_holidays(ridership):
    files, _ = ridership
    rows = csv.DictReader(io.StringIO(files[FILE_NAMES["Metro"]].decode("utf-8")))
    totals: dict[str, int] = {}
    for row in rows:
        if row["afluencia"] != "NaN":
            totals[row["fecha"]] = totals.get(row["fecha"], 0) + int(row["afluencia"])
    weekday = totals["2024-06-05"]
    assert 0.6 < totals["2024-06-08"] / weekday < 0.85  # Saturday
    assert 0.4 < totals["2024-06-09"] / weekday < 0.6  # Sunday
    assert totals["2024-09-16"] / weekday < 0.7  # Independence Day, a Monday
    assert 1_000_000 < weekday < 2_000_000
    assert day_factor(date(2024, 12, 25)) < day_factor(date(2024, 12, 23)) < 1


def test_same_seed_same_bytes(stations):
    again, _ = ridership_files(Draw(7), metro_stations(Draw(7)))
    first, _ = ridership_files(Draw(7), stations)
    assert again == first


def test_the_station_layer_has_semovi_properties(stations):
    import json

    from kit.samples.cdmx_stations import stations_geojson

    layer = json.loads(stations_geojson(stations))
    assert layer["type"] == "FeatureCollection" and len(layer["features"]) == len(stations)
    first = layer["features"][0]
    assert list(first["properties"]) == [
        "CVE_EST", "LINEA", "EST", "NOMBRE", "TIPO", "ALCALDIAS", "AÑO", "CVE_EOD17", "SISTEMA"
    ]  # fmt: skip
    assert first["geometry"]["type"] == "Point"
    lon, lat = first["geometry"]["coordinates"]
    assert (lat, lon) == (stations[0].lat, stations[0].lon)
    assert {f["properties"]["LINEA"] for f in layer["features"]} == {"1", "3", "8", "A", "12"}


def crafted_victims():
    from datetime import datetime

    from kit.samples.cdmx_fgj import Victim

    common = dict(tipo_persona="FISICA", calidad="VICTIMA", competencia="FUERO COMUN")
    place = dict(alcaldia_fgj="CUAUHTEMOC", alcaldia="Cuauhtémoc", colonia="Los Fresnos")
    return [
        Victim(1, datetime(2022, 3, 4, 8, 15), datetime(2022, 3, 4, 11, 0),
               "ROBO A PASAJERO A BORDO DE METRO SIN VIOLENCIA",
               "ROBO A PASAJERO A BORDO DEL METRO CON Y SIN VIOLENCIA", "Femenino", 27,
               calle="CALLE 5", calle2="", lat=19.43, lon=-99.15, **common, **place),
        Victim(2, datetime(2022, 3, 1, 0, 0), datetime(2022, 3, 9, 10, 30), "FRAUDE",
               "DELITO DE BAJO IMPACTO", None, None, calle="", calle2="", lat=None, lon=None,
               **common, **place),
    ]  # fmt: skip


def test_the_fgj_writers_use_both_published_layouts():
    from kit.samples.cdmx_fgj import CURRENT, PREVIOUS, current_csv, previous_csv

    victims = crafted_victims()
    current = list(csv.reader(io.StringIO(current_csv(victims).decode("utf-8"))))
    previous = list(csv.reader(io.StringIO(previous_csv(victims).decode("utf-8"))))
    assert current[0] == CURRENT and len(CURRENT) == 22
    assert previous[0] == PREVIOUS and len(PREVIOUS) == 23
    row = dict(zip(CURRENT, current[1], strict=True))
    assert (row["fecha_hecho"], row["hora_hecho"], row["mes_hecho"]) == (
        "2022-03-04", "08:15:00", "Marzo"
    )  # fmt: skip
    old = dict(zip(PREVIOUS, previous[2], strict=True))
    assert (old["FechaHecho"], old["HoraHecho"], old["Sexo"]) == ("01/03/2022", "00:00", "NA")
    assert (old["latitud"], old["longitud"], old["Edad"]) == ("NA", "NA", "")
    blank = dict(zip(CURRENT, current[2], strict=True))
    assert (blank["sexo"], blank["edad"], blank["latitud"]) == ("", "", "")
