"""The facts of the movilidad sample, recounted from the files as written (never from the plan).

Definitions are the kit's own (:func:`kit.cdmx.transport.transport_of`,
:func:`kit.cdmx.exposure.nearest_station`, :func:`~kit.cdmx.exposure.rate_per_million`,
:func:`~kit.cdmx.exposure.rank_with_uncertainty`), so what ``truth.json`` says and what a notebook
computes with the kit agree by construction.
"""

from __future__ import annotations

import io
from typing import Any

import pandas as pd

from kit.cdmx._csv import repair
from kit.cdmx.exposure import nearest_station, rank_with_uncertainty, rate_per_million
from kit.cdmx.text import line_label, station_key
from kit.cdmx.transport import transport_of
from kit.samples.cdmx_network import BUSY_STATION, SMALL_STATION, Station
from kit.samples.cdmx_victims import GAP_MONTH

__all__ = ["PEAK_HOURS", "SEXUAL_CRIMES", "facts", "stations_frame", "victims_frame"]

PEAK_HOURS = (7, 8, 9, 18, 19, 20, 21)
SEXUAL_CRIMES = ("ABUSO SEXUAL", "ACOSO SEXUAL")
_SEXUAL_RADIUS_M = 300.0
_EXPOSURE_RADIUS_M = 500.0


def _read(content: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(content), dtype=str, keep_default_na=False)


def victims_frame(current: bytes, previous: bytes) -> pd.DataFrame:
    """Both victims files (plain CSV bytes) as one frame with the few columns the facts need."""
    new, old = _read(current), _read(previous)
    frames = [
        pd.DataFrame(
            {
                "esquema": "actual",
                "fecha_hecho": pd.to_datetime(new["fecha_hecho"], format="%Y-%m-%d"),
                "hora_hecho": new["hora_hecho"].str.slice(0, 5),
                "fecha_inicio": pd.to_datetime(new["fecha_inicio"], format="%Y-%m-%d"),
                "delito": new["delito"],
                "sexo": new["sexo"],
                "edad": new["edad"],
                "tipo_persona": new["tipo_persona"],
                "lat": pd.to_numeric(new["latitud"], errors="coerce"),
                "lon": pd.to_numeric(new["longitud"], errors="coerce"),
            }
        ),
        pd.DataFrame(
            {
                "esquema": "anterior",
                "fecha_hecho": pd.to_datetime(old["FechaHecho"], format="%d/%m/%Y"),
                "hora_hecho": old["HoraHecho"],
                "fecha_inicio": pd.to_datetime(old["FechaInicio"], format="%d/%m/%Y"),
                "delito": old["Delito"],
                "sexo": old["Sexo"].replace("NA", ""),
                "edad": old["Edad"],
                "tipo_persona": old["TipoPersona"],
                "lat": pd.to_numeric(old["latitud"], errors="coerce"),
                "lon": pd.to_numeric(old["longitud"], errors="coerce"),
            }
        ),
    ]
    frame = pd.concat(frames, ignore_index=True)
    frame["transporte"] = frame["delito"].map(transport_of)
    frame["placeholder"] = frame["hora_hecho"].isin(["00:00", "12:00"])
    frame["hora"] = frame["hora_hecho"].str.slice(0, 2).astype(int)
    return frame


def stations_frame(stations: list[Station]) -> pd.DataFrame:
    """The station points as :func:`kit.cdmx.exposure.nearest_station` wants them."""
    return pd.DataFrame(
        {
            "estacion": [s.name for s in stations],
            "linea": [s.line for s in stations],
            "clave_estacion": [station_key(s.name) for s in stations],
            "lat": [s.lat for s in stations],
            "lon": [s.lon for s in stations],
        }
    )


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _counts(frame: pd.DataFrame) -> dict[str, Any]:
    by_layout = frame.groupby("esquema")
    transport = frame["transporte"].value_counts()
    return {
        "total": len(frame),
        "por_esquema": {k: int(v) for k, v in by_layout.size().items()},
        "por_anio_hecho": {
            str(k): int(v)
            for k, v in frame["fecha_hecho"].dt.year.value_counts().sort_index().items()
        },
        "transporte": {k: int(v) for k, v in transport.items()},
        "transporte_por_esquema": {
            layout: {k: int(v) for k, v in part["transporte"].value_counts().items()}
            for layout, part in by_layout
        },
        "delitos_sexuales": int(frame["delito"].isin(SEXUAL_CRIMES).sum()),
        "personas_morales": int((frame["tipo_persona"] == "MORAL").sum()),
    }


def _gap(frame: pd.DataFrame) -> dict[str, Any]:
    year, month = GAP_MONTH
    gap = pd.Period(year=year, month=month, freq="M")
    by_start = frame["fecha_inicio"].dt.to_period("M").value_counts()
    by_event = frame["fecha_hecho"].dt.to_period("M").value_counts()
    around = [gap - 1, gap, gap + 1]
    return {
        "mes": str(gap),
        "segun": "fecha_inicio (carpetas abiertas en el mes)",
        "por_fecha_inicio": {str(p): int(by_start.get(p, 0)) for p in around},
        "por_fecha_hecho": {str(p): int(by_event.get(p, 0)) for p in around},
        "proporcion_vs_vecinos": round(
            by_start.get(gap, 0) / ((by_start.get(gap - 1, 0) + by_start.get(gap + 1, 0)) / 2), 3
        ),
    }


def _delay(frame: pd.DataFrame) -> dict[str, Any]:
    days = (frame["fecha_inicio"] - frame["fecha_hecho"]).dt.days
    quantiles = days.quantile([0.5, 0.75, 0.9, 0.95, 0.99])
    return {
        "dias_cuantiles": {f"q{round(q * 100)}": float(v) for q, v in quantiles.items()},
        "mismo_dia": _share(int((days == 0).sum()), len(days)),
        "max_dias": int(days.max()),
        "negativos": int((days < 0).sum()),
    }


def _placeholders(frame: pd.DataFrame) -> dict[str, Any]:
    out = {}
    for layout, part in frame.groupby("esquema"):
        zero = int((part["hora_hecho"] == "00:00").sum())
        noon = int((part["hora_hecho"] == "12:00").sum())
        other = part.loc[~part["placeholder"], "hora_hecho"].value_counts()
        out[layout] = {
            "registros": len(part),
            "00:00": zero,
            "12:00": noon,
            "proporcion_00:00": _share(zero, len(part)),
            "proporcion_12:00": _share(noon, len(part)),
            "max_otra_hora_exacta": int(other.max()),
        }
    return out


def _missing(frame: pd.DataFrame) -> dict[str, Any]:
    out = {}
    for layout, part in frame.groupby("esquema"):
        persons = part[part["tipo_persona"] == "FISICA"]
        moral = part[part["tipo_persona"] == "MORAL"]
        out[layout] = {
            "fisicas": len(persons),
            "sin_sexo": int((persons["sexo"] == "").sum()),
            "sin_edad": int((persons["edad"] == "").sum()),
            "proporcion_sin_sexo": _share(int((persons["sexo"] == "").sum()), len(persons)),
            "proporcion_sin_edad": _share(int((persons["edad"] == "").sum()), len(persons)),
            "morales": len(moral),
            "morales_con_sexo_o_edad": int(((moral["sexo"] != "") | (moral["edad"] != "")).sum()),
        }
    return out


def _peaks(frame: pd.DataFrame) -> dict[str, Any]:
    """Women robbed in the Metro, times that are not placeholders: the share in peak hours."""
    metro = frame[
        (frame["transporte"] == "Metro") & (frame["sexo"] == "Femenino") & ~frame["placeholder"]
    ]
    weekend = metro["fecha_hecho"].dt.day_of_week >= 5
    out: dict[str, Any] = {"horas_pico": list(PEAK_HOURS), "plano": _share(len(PEAK_HOURS), 24)}
    for name, part in (("entre_semana", metro[~weekend]), ("fin_de_semana", metro[weekend])):
        out[name] = {
            "registros": len(part),
            "proporcion_en_pico": _share(int(part["hora"].isin(PEAK_HOURS).sum()), len(part)),
        }
    return out


def _sexual_by_line(frame: pd.DataFrame, stations: pd.DataFrame) -> dict[str, Any]:
    women = frame[frame["delito"].isin(SEXUAL_CRIMES) & (frame["sexo"] == "Femenino")]
    near = nearest_station(women["lat"], women["lon"], stations, max_m=_SEXUAL_RADIUS_M)
    counts = near["linea"].value_counts()
    total = int(counts.sum())
    return {
        "radio_m": _SEXUAL_RADIUS_M,
        "contra_mujeres": len(women),
        "cerca_de_estacion": total,
        "por_linea": {k: int(v) for k, v in counts.sort_index().items()},
        "proporcion_por_linea": {k: _share(int(v), total) for k, v in counts.sort_index().items()},
        "linea_con_mas": str(counts.idxmax()),
    }


def metro_trips(metro_csv: bytes) -> pd.Series:
    """Trips 2023-2024 per (linea, clave_estacion) of the Metro ridership file (NaN skipped)."""
    rows = _read(metro_csv)
    rows = rows[rows["afluencia"] != "NaN"]
    keys = pd.DataFrame(
        {
            "linea": rows["linea"].map(line_label),
            "clave_estacion": rows["estacion"].map(repair).map(station_key),
            "afluencia": rows["afluencia"].astype("int64"),
        }
    )
    return keys.groupby(["linea", "clave_estacion"])["afluencia"].sum()


def _station_row(ranked: pd.DataFrame, by_count: pd.Series, line: str, name: str) -> dict:
    key = (line, station_key(name))
    row = ranked.loc[key]
    return {
        "linea": line,
        "estacion": name,
        "victimas": int(row["victimas"]),
        "viajes": int(row["viajes"]),
        "tasa_por_millon": round(float(row["tasa"]), 4),
        "ci_low": round(float(row["ci_low"]), 4),
        "ci_high": round(float(row["ci_high"]), 4),
        "rango": int(row["rango"]),
        "rango_min": int(row["rango_min"]),
        "rango_max": int(row["rango_max"]),
        "rango_por_victimas": int(list(by_count.index).index(key)) + 1,
    }


def _exposure(frame: pd.DataFrame, stations: pd.DataFrame, trips: pd.Series) -> dict[str, Any]:
    metro = frame[(frame["transporte"] == "Metro") & (frame["fecha_hecho"].dt.year >= 2023)]
    near = nearest_station(metro["lat"], metro["lon"], stations, max_m=_EXPOSURE_RADIUS_M)
    counts = near.dropna(subset=["linea"]).groupby(["linea", "clave_estacion"]).size()
    counts = counts.reindex(trips.index, fill_value=0)
    ranked = rank_with_uncertainty(rate_per_million(counts, trips))
    by_count = counts.sort_values(ascending=False, kind="stable")
    keys = zip(stations["linea"], stations["clave_estacion"], strict=True)
    names = dict(zip(keys, stations["estacion"], strict=True))
    top = ranked.index[0]
    return {
        "definicion": "victimas de robo en el Metro (transport_of == 'Metro') de 2023-2024 "
        "asignadas a la estacion mas cercana a 500 m o menos, por millon de viajes 2023-2024 "
        "de esa estacion y linea; intervalo de Poisson exacto al 95 %",
        "radio_m": _EXPOSURE_RADIUS_M,
        "victimas_metro": len(metro),
        "asignadas": int(counts.sum()),
        "sin_estacion": len(metro) - int(counts.sum()),
        "estaciones": len(ranked),
        "distinguibles_del_primero": int(ranked["distinguible_del_primero"].sum()),
        "concurrida": _station_row(ranked, by_count, *BUSY_STATION),
        "pequena": _station_row(ranked, by_count, *SMALL_STATION),
        "primera": _station_row(ranked, by_count, top[0], names[top]),
        "mas_victimas": _station_row(
            ranked, by_count, by_count.index[0][0], names[by_count.index[0]]
        ),
    }


def facts(current: bytes, previous: bytes, metro_csv: bytes, stations: list[Station]) -> dict:
    """Every fact of the victims files and of the exposure, from the plain CSV bytes."""
    frame = victims_frame(current, previous)
    points = stations_frame(stations)
    return {
        "conteos": _counts(frame),
        "hueco": _gap(frame),
        "demora": _delay(frame),
        "horas_placeholder": _placeholders(frame),
        "faltantes": _missing(frame),
        "horas_pico": _peaks(frame),
        "sexuales_por_linea": _sexual_by_line(frame, points),
        "exposicion": _exposure(frame, points, metro_trips(metro_csv)),
    }
