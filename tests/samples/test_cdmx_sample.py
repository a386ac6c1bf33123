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


# --- The whole sample: bundled files, truth recounted with plain pandas, manifest, load() ---

PEAK = {7, 8, 9, 18, 19, 20, 21}
SEXUAL = {"ABUSO SEXUAL", "ACOSO SEXUAL"}


@pytest.fixture(scope="module")
def generated():
    from kit.samples import cdmx

    return cdmx.generate()


@pytest.fixture(scope="module")
def victims(generated):
    """Both victims files read back with plain pandas, in one frame with common names."""
    import gzip

    import pandas as pd

    from kit.samples import cdmx

    files, _ = generated

    def read(name):
        return pd.read_csv(io.BytesIO(gzip.decompress(files[name])), dtype=str,
                           keep_default_na=False)  # fmt: skip

    new, old = read(cdmx.CURRENT), read(cdmx.PREVIOUS)
    new = pd.DataFrame({
        "esquema": "actual", "hecho": pd.to_datetime(new["fecha_hecho"]),
        "inicio": pd.to_datetime(new["fecha_inicio"]), "hora": new["hora_hecho"].str[:5],
        "delito": new["delito"], "sexo": new["sexo"], "edad": new["edad"],
        "persona": new["tipo_persona"], "lat": pd.to_numeric(new["latitud"]),
        "lon": pd.to_numeric(new["longitud"]),
    })  # fmt: skip
    old = pd.DataFrame({
        "esquema": "anterior", "hecho": pd.to_datetime(old["FechaHecho"], dayfirst=True),
        "inicio": pd.to_datetime(old["FechaInicio"], dayfirst=True), "hora": old["HoraHecho"],
        "delito": old["Delito"], "sexo": old["Sexo"].replace("NA", ""), "edad": old["Edad"],
        "persona": old["TipoPersona"], "lat": pd.to_numeric(old["latitud"].replace("NA", "")),
        "lon": pd.to_numeric(old["longitud"].replace("NA", "")),
    })  # fmt: skip
    return pd.concat([new, old], ignore_index=True)


def nearest(frame, stations, radius):
    """(line, name) of the closest station point within ``radius`` metres, plain numpy."""
    import numpy as np

    y, x = (
        np.radians(frame["lat"].to_numpy())[:, None],
        np.radians(frame["lon"].to_numpy())[:, None],
    )
    sy = np.radians([s.lat for s in stations])[None, :]
    sx = np.radians([s.lon for s in stations])[None, :]
    a = np.sin((sy - y) / 2) ** 2 + np.cos(y) * np.cos(sy) * np.sin((sx - x) / 2) ** 2
    meters = 2 * 6_371_008.8 * np.arcsin(np.sqrt(a))
    best = np.nanargmin(np.where(np.isnan(meters), np.inf, meters), axis=1)
    close = np.take_along_axis(meters, best[:, None], axis=1)[:, 0] <= radius
    return [
        (stations[b].line, stations[b].name) if c else None
        for b, c in zip(best, close, strict=True)
    ]


def poisson_cdf(k, mean):
    """P(X <= k) for a Poisson mean, summed term by term."""
    import math

    term = total = math.exp(-mean)
    for i in range(1, k + 1):
        term *= mean / i
        total += term
    return total if k >= 0 else 0.0


def test_bundled_sample_equals_a_fresh_generation(generated):
    from kit.data import DATA_DIR
    from kit.samples import cdmx

    files, _ = generated
    folder = DATA_DIR / "cdmx"
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert on_disk == set(files) == set(cdmx.FILES)
    for name, content in files.items():
        assert (folder / name).read_bytes() == content, name
    assert sum(len(c) for c in files.values()) <= 3_000_000


def test_large_files_are_deterministic_gzip(generated):
    files, _ = generated
    for name, content in files.items():
        if name.endswith(".gz"):
            assert content[:2] == b"\x1f\x8b" and content[3] == 0  # no FNAME flag
            assert content[4:8] == b"\x00\x00\x00\x00", name  # mtime 0


def test_manifest_entries(generated):
    import hashlib

    from kit import data
    from kit.samples import GENERATORS, cdmx

    files, truth = generated
    entries = data.manifest()
    assert GENERATORS["cdmx"] == "kit.samples.cdmx"
    for name in cdmx.FILES:
        entry = entries[f"cdmx/{name}"]
        assert entry["sha256"] == hashlib.sha256(files[name]).hexdigest()
        assert entry["bytes"] == len(files[name])
        assert entry["generator"] == "kit.samples.cdmx" and entry["seed"] == truth["seed"]
        assert entry["license"] == "CC0-1.0 (synthetic, fictitious entities)"
    assert entries[f"cdmx/{cdmx.CURRENT}"]["rows"] == {"rows": truth["rows"][cdmx.CURRENT]}


def test_counts_and_transport_names(victims, generated):
    from kit.samples.cdmx_victims import TRANSPORT

    _, truth = generated
    counts = truth["conteos"]
    assert 15_000 <= len(victims) == counts["total"] <= 25_000
    assert victims["esquema"].value_counts().to_dict() == counts["por_esquema"]
    years = victims.groupby("esquema")["hecho"].agg(lambda d: sorted(set(d.dt.year)))
    assert years["anterior"] == [2022] and years["actual"] == [2023, 2024]
    mode = {name: m for m, (_, names) in TRANSPORT.items() for name, _, _ in names}
    assert victims["delito"].map(mode).value_counts().to_dict() == counts["transporte"]
    assert (
        "Cablebús" not in counts["transporte"]
        and counts["transporte_por_esquema"]["anterior"] == {}
    )
    assert victims["delito"].isin(SEXUAL).sum() == counts["delitos_sexuales"]
    assert (victims["persona"] == "MORAL").sum() == counts["personas_morales"]


def test_reporting_gap(victims, generated):
    _, truth = generated
    gap = truth["hueco"]
    months = victims["inicio"].dt.strftime("%Y-%m").value_counts()
    assert {m: int(months[m]) for m in gap["por_fecha_inicio"]} == gap["por_fecha_inicio"]
    before, during, after = gap["por_fecha_inicio"].values()
    assert gap["mes"] == "2023-10" and during < 0.5 * min(before, after)
    assert gap["proporcion_vs_vecinos"] == round(during / ((before + after) / 2), 3)


def test_delay_between_event_and_report(victims, generated):
    _, truth = generated
    days = (victims["inicio"] - victims["hecho"]).dt.days
    delay = truth["demora"]
    assert days.min() >= 0 and delay["negativos"] == 0 and days.max() == delay["max_dias"]
    for q in (50, 75, 90, 95, 99):
        assert days.quantile(q / 100) == delay["dias_cuantiles"][f"q{q}"]
    assert round((days == 0).mean(), 4) == delay["mismo_dia"]
    assert delay["dias_cuantiles"]["q99"] > 100  # a long tail


def test_placeholder_times_and_missing_values_per_layout(victims, generated):
    _, truth = generated
    for layout, part in victims.groupby("esquema"):
        found = truth["horas_placeholder"][layout]
        assert (part["hora"] == "00:00").sum() == found["00:00"]
        assert (part["hora"] == "12:00").sum() == found["12:00"]
        others = part.loc[~part["hora"].isin(["00:00", "12:00"]), "hora"].value_counts()
        assert (
            others.max() == found["max_otra_hora_exacta"] < min(found["00:00"], found["12:00"]) / 5
        )
        persons, moral = part[part["persona"] == "FISICA"], part[part["persona"] == "MORAL"]
        missing = truth["faltantes"][layout]
        assert (persons["sexo"] == "").sum() == missing["sin_sexo"]
        assert (persons["edad"] == "").sum() == missing["sin_edad"]
        assert len(moral) == missing["morales"] > 0
        assert ((moral["sexo"] == "") & (moral["edad"] == "")).all()
    placeholders = truth["horas_placeholder"]
    assert placeholders["anterior"]["proporcion_00:00"] > placeholders["actual"]["proporcion_00:00"]
    assert placeholders["actual"]["proporcion_12:00"] > placeholders["anterior"]["proporcion_12:00"]
    missing = truth["faltantes"]
    assert missing["anterior"]["proporcion_sin_sexo"] > 2 * missing["actual"]["proporcion_sin_sexo"]


def test_weekday_peaks_of_women_robbed_in_the_metro(victims, generated):
    from kit.samples.cdmx_victims import TRANSPORT

    _, truth = generated
    metro_names = {name for name, _, _ in TRANSPORT["Metro"][1]}
    women = victims[victims["delito"].isin(metro_names) & (victims["sexo"] == "Femenino")
                    & ~victims["hora"].isin(["00:00", "12:00"])]  # fmt: skip
    hours = women["hora"].str[:2].astype(int)
    weekend = women["hecho"].dt.day_of_week >= 5
    peaks = truth["horas_pico"]
    for name, part in (("entre_semana", hours[~weekend]), ("fin_de_semana", hours[weekend])):
        assert len(part) == peaks[name]["registros"]
        assert round(part.isin(PEAK).mean(), 4) == peaks[name]["proporcion_en_pico"]
    assert (
        peaks["entre_semana"]["proporcion_en_pico"]
        > 0.55
        > peaks["fin_de_semana"]["proporcion_en_pico"]
    )


def test_sexual_crimes_against_women_by_metro_line(victims, generated, stations):
    import pandas as pd

    from kit.samples.cdmx_network import SEXUAL_LINE

    _, truth = generated
    women = victims[victims["delito"].isin(SEXUAL) & (victims["sexo"] == "Femenino")]
    lines = pd.Series([n[0] for n in nearest(women, stations, 300) if n is not None])
    found = truth["sexuales_por_linea"]
    assert len(women) == found["contra_mujeres"] and len(lines) == found["cerca_de_estacion"]
    assert lines.value_counts().to_dict() == found["por_linea"]
    assert found["linea_con_mas"] == SEXUAL_LINE == lines.value_counts().idxmax()
    assert found["proporcion_por_linea"][SEXUAL_LINE] > 0.35


def test_exposure_rates_of_the_planted_stations(victims, generated, stations):
    import gzip

    import pandas as pd

    from kit.samples.cdmx_network import BUSY_STATION, SMALL_STATION
    from kit.samples.cdmx_victims import TRANSPORT

    files, truth = generated
    names = {name for name, _, _ in TRANSPORT["Metro"][1]}
    metro = victims[victims["delito"].isin(names) & (victims["hecho"].dt.year >= 2023)]
    counts = pd.Series([n for n in nearest(metro, stations, 500) if n is not None]).value_counts()
    metro_file = gzip.decompress(files["afluencia/afluenciastc_desglosado_12_2024.csv.gz"])
    rides = pd.read_csv(io.BytesIO(metro_file), dtype=str, keep_default_na=False)
    rides = rides[rides["afluencia"] != "NaN"]
    rides["estacion"] = rides["estacion"].map(
        lambda s: s.encode("latin-1").decode("utf-8") if "Ã" in s else s)  # fmt: skip
    trips = rides.groupby([rides["linea"].str[6:], "estacion"])["afluencia"].apply(
        lambda v: v.astype(int).sum())  # fmt: skip
    exposure = truth["exposicion"]
    assert exposure["asignadas"] == counts.sum() and exposure["estaciones"] == len(trips)
    rates = {key: counts.get(key, 0) / trips[key] * 1e6 for key in trips.index}
    for label, key in (("concurrida", BUSY_STATION), ("pequena", SMALL_STATION)):
        row, k = exposure[label], int(counts.get(key, 0))
        assert (row["linea"], row["estacion"]) == key
        assert (row["victimas"], row["viajes"]) == (k, trips[key])
        assert row["tasa_por_millon"] == pytest.approx(rates[key], abs=1e-4)
        low, high = (row[c] * trips[key] / 1e6 for c in ("ci_low", "ci_high"))
        assert 1 - poisson_cdf(k - 1, low) == pytest.approx(0.025, abs=1e-3)  # exact (Garwood)
        assert poisson_cdf(k, high) == pytest.approx(0.025, abs=1e-3)
    busy, small = exposure["concurrida"], exposure["pequena"]
    assert counts.idxmax() == BUSY_STATION and busy["rango_por_victimas"] == 1
    assert max(rates, key=rates.get) == SMALL_STATION and exposure["primera"] == small
    assert small["victimas"] < busy["victimas"] / 3 and busy["rango"] > 10
    assert small["ci_high"] - small["ci_low"] > 10 * (busy["ci_high"] - busy["ci_low"])
    median = sorted(rates.values())[len(rates) // 2]
    assert (
        busy["ci_low"] < median < busy["ci_high"] or abs(busy["tasa_por_millon"] / median - 1) < 0.3
    )


def test_load_sample_agrees_with_truth():
    import json

    from kit.cdmx.load import load
    from kit.data import DATA_DIR

    truth = json.loads((DATA_DIR / "cdmx" / "truth.json").read_text(encoding="utf-8"))
    data = load("sample")
    victims = data.victimas
    assert victims["esquema"].value_counts().to_dict() == truth["conteos"]["por_esquema"]
    transport = victims["transporte"].value_counts()
    assert transport[transport > 0].to_dict() == truth["conteos"]["transporte"]
    for layout, part in victims.groupby("esquema", observed=True):
        placeholders = truth["horas_placeholder"][layout]
        assert part["hora_placeholder"].sum() == placeholders["00:00"] + placeholders["12:00"]
        assert part["hora"].isna().sum() == part["hora_placeholder"].sum()
    assert victims["sexo"].isna().sum() == sum(
        m["sin_sexo"] + m["morales"] for m in truth["faltantes"].values()
    )
    assert len(data.afluencia) == sum(
        n for name, n in truth["rows"].items() if name.startswith("afluencia/")
    )
    assert len(data.estaciones) == truth["rows"]["estaciones/stc_metro_estaciones.geojson"]
