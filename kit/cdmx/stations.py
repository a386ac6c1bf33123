"""Metro stations: SEMOVI's layer "Líneas y estaciones del STC Metro" (datos.cdmx.gob.mx).

The layer is a GeoJSON FeatureCollection of Points whose properties are ``CVE_EST, LINEA, EST,
NOMBRE, TIPO, ALCALDIAS, AÑO, CVE_EOD17, SISTEMA``; the same properties flattened to CSV with
``lon, lat`` columns are read too. A station served by several lines is one row per line (as
published). ``clave_estacion`` (:func:`kit.cdmx.text.station_key`) joins the layer with
ridership's ``estacion``, together with ``linea``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from kit.cdmx import _csv
from kit.cdmx.text import line_label, station_key
from kit.errors import DataFormatError
from kit.i18n import messages
from kit.sanctions._csv import Source

__all__ = ["COLUMNS", "read_stations"]

COLUMNS = (
    "clave", "sistema", "linea", "estacion", "tipo", "alcaldias", "anio", "lon", "lat",
    "clave_estacion",
)  # fmt: skip
SAMPLE = "cdmx/estaciones/stc_metro_estaciones.geojson"
_ALIASES = {
    "clave": ("cveest",),
    "sistema": ("sistema",),
    "linea": ("linea",),
    "estacion": ("nombre",),
    "tipo": ("tipo",),
    "alcaldias": ("alcaldias",),
    "anio": ("ano", "anio", "ao"),
    "lon": ("lon", "longitud", "x"),
    "lat": ("lat", "latitud", "y"),
}
_REQUIRED = ("linea", "estacion", "lon", "lat")

MSG = messages(
    "cdmx.stations",
    {
        "what": ("la capa de estaciones del Metro", "the Metro stations layer"),
        "geojson": (
            "no es una FeatureCollection GeoJSON de puntos ({problem}); descarga la capa de "
            "nuevo (formato GeoJSON) o su versión CSV.",
            "is not a GeoJSON FeatureCollection of points ({problem}); download the layer "
            "again (GeoJSON format) or its CSV version.",
        ),
        "coordinates": (
            "{count} estaciones no tienen coordenadas numéricas (por ejemplo {example!r}).",
            "{count} stations have no numeric coordinates (for example {example!r}).",
        ),
    },
)


def read_stations(source: Source = "sample") -> pd.DataFrame:
    """Read the Metro stations layer (GeoJSON or its CSV flattening), one row per station and line.

    Returns:
        The columns :data:`COLUMNS`: ``clave`` (``STC0101``), ``sistema`` (``Metro``, named as
        in the ridership files, not ``STC Metro`` as in the layer), ``linea`` (``1`` …
        ``9``, ``A``, ``B``, ``12``), ``estacion`` (name as published, with accents), ``tipo``,
        ``alcaldias``, ``anio`` (Int64, year of opening), ``lon``, ``lat`` (float) and
        ``clave_estacion`` (join key).

    Raises:
        DataFormatError: not a GeoJSON of points nor a CSV with the layer's columns.
        SourceNotFoundError: the path (or the bundled sample) does not exist.
    """
    path = _csv.existing(source, SAMPLE)
    raw = _geojson(path) if path.suffix.lower() in {".geojson", ".json"} else _flat(path)
    names = list(raw.columns)
    columns = _csv.column_map(names, _ALIASES, _REQUIRED, path, MSG["what"].get())
    get = {tidy: raw[group[0]] for tidy, group in columns.items()}
    empty = pd.Series([None] * len(raw), dtype="str")
    lon = pd.to_numeric(get["lon"], errors="coerce")
    lat = pd.to_numeric(get["lat"], errors="coerce")
    if (bad := lon.isna() | lat.isna()).any():
        example = get["estacion"][bad].iloc[0]
        problem = MSG["coordinates"].format(count=int(bad.sum()), example=example)
        raise DataFormatError(path, problem)
    names_fixed, _ = _csv.repair_series(get["estacion"].astype("str").str.strip())
    frame = pd.DataFrame(
        {
            "clave": get.get("clave", empty).astype("str"),
            "sistema": get.get("sistema", empty).map(_system).astype("str"),
            "linea": get["linea"].astype("str").map(line_label).astype("str"),
            "estacion": names_fixed,
            "tipo": get.get("tipo", empty).astype("str"),
            "alcaldias": get.get("alcaldias", empty).astype("str"),
            "anio": pd.to_numeric(get.get("anio", empty), errors="coerce").astype("Int64"),
            "lon": lon.astype(float),
            "lat": lat.astype(float),
        }
    )
    frame["clave_estacion"] = frame["estacion"].map(station_key).astype("str")
    frame.attrs.update(archivo=str(path))
    return frame


def _system(published: object) -> str:
    """The layer says ``STC Metro``; ridership files say ``Metro``: one name, so they join."""
    text = "" if pd.isna(published) else str(published).strip()
    lower = text.lower()
    if not text or ("metro" in lower and "metrobus" not in lower and "metrobús" not in lower):
        return "Metro"
    return text


def _flat(path: Path) -> pd.DataFrame:
    found = _csv.sniff(path)
    names = _csv.header(path, found)
    return _csv.read_all(path, found, len(names), names)


def _geojson(path: Path) -> pd.DataFrame:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
        features = data["features"]
        rows = []
        for feature in features:
            lon, lat = feature["geometry"]["coordinates"][:2]
            rows.append({**feature.get("properties", {}), "lon": lon, "lat": lat})
    except (ValueError, KeyError, TypeError) as error:
        problem = MSG["geojson"].format(problem=f"{type(error).__name__}: {error}"[:120])
        raise DataFormatError(path, problem) from error
    return pd.DataFrame(rows, dtype=object).astype({"lon": float, "lat": float})
