"""A tiny hand-made movilidad data set whose every figure can be counted by eye.

Three stations: ``Ánimas`` (line 1), ``Bosque`` (a transfer of lines 1 and 3: two platform
points 40 m apart) and ``Cerro`` (line 3), about 1.1 km apart on a north-south street. Two days
of Metro ridership (2023-01-01 and 2023-01-02), two payment types; a Metrobús row without
station. Victims are placed to exercise every rule: the distance limit, sex, the period, the
crime, missing coordinates and the hour.
"""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd

from kit.cdmx.text import station_key

LAT = {"Ánimas": 19.400, "Bosque": 19.410, "Cerro": 19.420}
LON = -99.100
#: 0.0009° of latitude is about 100 m.
NEAR, FAR = 0.0009, 0.02


def stations() -> pd.DataFrame:
    rows = [
        ("STC0101", "1", "Ánimas", LAT["Ánimas"], LON),
        ("STC0102", "1", "Bosque", LAT["Bosque"], LON),
        ("STC0301", "3", "Bosque", LAT["Bosque"], LON + 0.0004),
        ("STC0302", "3", "Cerro", LAT["Cerro"], LON),
    ]
    frame = pd.DataFrame(rows, columns=["clave", "linea", "estacion", "lat", "lon"])
    frame["sistema"] = "Metro"
    frame["clave_estacion"] = frame["estacion"].map(station_key)
    return frame


#: (line, station as the ridership file writes it, Prepago per day, Gratuidad per day)
RIDERS = [
    ("1", "Ánimas", 900_000, 100_000),
    ("1", "Bosque", 1_800_000, 200_000),
    ("3", "Bosque", 450_000, 50_000),
    ("3", "Cerro", 90_000, 10_000),
]
#: Trips over the two days, by station key: Bosque adds its two lines.
TRIPS = {"animas": 2_000_000, "bosque": 5_000_000, "cerro": 200_000}


def ridership() -> pd.DataFrame:
    rows = []
    for day in ("2023-01-01", "2023-01-02"):
        for line, name, paid, free in RIDERS:
            rows.append((day, "Metro", line, name, "Prepago", paid))
            rows.append((day, "Metro", line, name, "Gratuidad", free))
        rows.append((day, "Metrobús", "1", None, "Prepago", 5_000_000))
    frame = pd.DataFrame(
        rows, columns=["fecha", "sistema", "linea", "estacion", "tipo_pago", "afluencia"]
    )
    frame["fecha"] = pd.to_datetime(frame["fecha"])
    frame["afluencia"] = frame["afluencia"].astype("Int64")
    return frame


ROBO = "ROBO A PASAJERO A BORDO DE METRO SIN VIOLENCIA"


def victims() -> pd.DataFrame:
    """Women linked within 300 m: Ánimas 2, Bosque 3, Cerro 2 (the hours say when)."""
    a, b, c = LAT["Ánimas"], LAT["Bosque"], LAT["Cerro"]
    rows = [
        # fecha, hora, sexo, delito, transporte, lat, lon
        ("2023-01-01", 8, "Mujer", ROBO, "Metro", a + NEAR / 2, LON),
        ("2023-01-02", 19, "Mujer", "ABUSO SEXUAL", None, a - NEAR, LON),
        ("2023-01-01", 8, "Mujer", ROBO, "Metro", b, LON + 0.0003),  # the line 3 platform
        ("2023-01-01", 18, "Mujer", "ACOSO SEXUAL", None, b + NEAR, LON),
        ("2023-01-02", None, "Mujer", ROBO, "Metro", b - NEAR, LON),
        ("2023-01-02", 20, "Mujer", ROBO, "Metro", c, LON),
        ("2023-01-02", 21, "Mujer", "ABUSO SEXUAL", None, c + NEAR, LON),
        # not linked at 300 m (about 500 m from Cerro), linked without a limit
        ("2023-01-01", 9, "Mujer", ROBO, "Metro", c + 5 * NEAR, LON),
        # not women
        ("2023-01-01", 8, "Hombre", ROBO, "Metro", a, LON),
        ("2023-01-01", 8, None, "ACOSO SEXUAL", None, b, LON),
        # outside the ridership period
        ("2022-12-31", 8, "Mujer", ROBO, "Metro", a, LON),
        ("2023-01-03", 8, "Mujer", ROBO, "Metro", c, LON),
        # not a Metro passenger nor a sexual crime; no coordinates; far from everything
        ("2023-01-01", 8, "Mujer", "ROBO A TRANSEUNTE EN VIA PUBLICA", None, a, LON),
        ("2023-01-01", 8, "Mujer", ROBO, "Metro", None, None),
        ("2023-01-01", 8, "Mujer", ROBO, "Metro", a + FAR * 5, LON),
    ]
    frame = pd.DataFrame(
        rows, columns=["fecha_hecho", "hora", "sexo", "delito", "transporte", "latitud", "longitud"]
    )
    frame["fecha_hecho"] = pd.to_datetime(frame["fecha_hecho"])
    frame["hora"] = frame["hora"].astype("Int64")
    frame["sexo"] = pd.Categorical(frame["sexo"], categories=["Mujer", "Hombre"])
    frame["delito"] = frame["delito"].astype("category")
    frame["transporte"] = pd.Categorical(frame["transporte"], categories=["Metro", "Metrobús"])
    frame["latitud"] = frame["latitud"].astype(float)
    frame["longitud"] = frame["longitud"].astype(float)
    return frame


#: Women victims within 300 m of each station in the period.
VICTIMS = {"animas": 2, "bosque": 3, "cerro": 2}


def data() -> SimpleNamespace:
    """What :func:`kit.cdmx.load.load` returns, in miniature."""
    return SimpleNamespace(victimas=victims(), afluencia=ridership(), estaciones=stations())
