"""The sample's Metro stations as SEMOVI's layer "Líneas y estaciones del STC Metro" publishes them.

A GeoJSON FeatureCollection of Points (CRS84, longitude first) with the layer's properties
``CVE_EST, LINEA, EST, NOMBRE, TIPO, ALCALDIAS, AÑO, CVE_EOD17, SISTEMA``.
"""

from __future__ import annotations

import json

from kit.samples.cdmx_network import Station

__all__ = ["FILE_NAME", "stations_geojson"]

FILE_NAME = "stc_metro_estaciones.geojson"


def _feature(s: Station) -> dict:
    properties = {
        "CVE_EST": s.clave,
        "LINEA": s.line,
        "EST": f"{s.index:02d}",
        "NOMBRE": s.name,
        "TIPO": s.kind,
        "ALCALDIAS": s.alcaldia,
        "AÑO": s.opened,
        "CVE_EOD17": s.eod,
        "SISTEMA": "STC Metro",
    }
    geometry = {"type": "Point", "coordinates": [s.lon, s.lat]}
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def stations_geojson(stations: list[Station]) -> bytes:
    """The layer's bytes: one feature per station point, UTF-8, accents kept."""
    layer = {
        "type": "FeatureCollection",
        "name": "STC_Metro_estaciones",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": [_feature(s) for s in stations],
    }
    return (json.dumps(layer, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
