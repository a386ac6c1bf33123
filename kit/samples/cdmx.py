"""Deterministic generator of the bundled sample of the *movilidad* track (where and when women are
victims of crime in and around Mexico City's public transport), with planted facts.

Every station, street and person is invented; the places are real (the 16 alcaldías) and the
crime names are the FGJ catalogue's. The files keep the published layouts:

- ``fgj/victimas_completa_diciembre_2022.csv.gz`` (pre-2023 layout, events of 2022) and
  ``fgj/victimasFGJ_acumulado_2024_12.csv.gz`` (current layout, events of 2023-2024): about
  16,000 victim records (:mod:`kit.samples.cdmx_victims`). Mostly ordinary crime; robberies of
  passengers of each mode (no Cablebús name exists in the catalogue, so none); sexual crimes
  against women near Metro stations, more on line 8.
- ``afluencia/``: daily ridership 2023-2024 of Metro by station and of Metrobús (desglosado and
  simple), Trolebús, Cablebús and Tren Ligero by line (:mod:`kit.samples.cdmx_ridership`).
- ``estaciones/stc_metro_estaciones.geojson``: 53 station points of five invented lines.

Planted, so the notebooks have something true to find (``truth.json`` recounts each from the
files): a busy terminal with the most victims but an ordinary *rate* and a quiet station with few
victims but a high rate and a wide interval (counts mislead, rates need exposure and
uncertainty); weekday peaks of women robbed in the Metro at 7-9 h and 18-21 h; a month whose
carpetas were mostly lost (a gap is a data problem, not a safe month); times ``00:00`` and
``12:00`` far above their natural rate (capture defaults, not times); missing sex and age, more
in the old layout; legal persons (``MORAL``) without sex or age; a delay between event and
report with a long tail. The large CSVs are gzipped (deterministically: no name, mtime 0); the
readers open them transparently. Same seed, same bytes: ``python -m kit.samples cdmx``.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from kit.samples import cdmx_truth
from kit.samples._files import record_files, write_files
from kit.samples._rng import Draw
from kit.samples.cdmx_fgj import current_csv, previous_csv
from kit.samples.cdmx_network import BUSY_STATION, SEXUAL_LINE, SMALL_STATION, metro_stations
from kit.samples.cdmx_ridership import FILE_NAMES, ridership_files
from kit.samples.cdmx_stations import FILE_NAME as STATIONS_FILE
from kit.samples.cdmx_stations import stations_geojson
from kit.samples.cdmx_victims import GAP_KEEP, GAP_MONTH, PLACEHOLDER_RATES, victims

__all__ = ["FILES", "SEED", "generate", "write"]

SEED = 2024
FOLDER = "cdmx"
LICENSE = "CC0-1.0 (synthetic, fictitious entities)"
PREVIOUS = "fgj/victimas_completa_diciembre_2022.csv.gz"
CURRENT = "fgj/victimasFGJ_acumulado_2024_12.csv.gz"
_GZIPPED = {"Metro"}
_RIDERSHIP = {
    system: f"afluencia/{name}.gz" if system in _GZIPPED else f"afluencia/{name}"
    for system, name in FILE_NAMES.items()
}
FILES = {
    PREVIOUS: "FGJ victims, pre-2023 layout, events of 2022 (CSV, UTF-8, 23 columns, gzip)",
    CURRENT: "FGJ victims, current layout, events of 2023-2024 (CSV, UTF-8, 22 columns, gzip)",
    _RIDERSHIP["Metro"]: "STC Metro daily ridership by station and payment (CSV, UTF-8, gzip)",
    _RIDERSHIP["Metrobús"]: "Metrobús daily ridership by line and payment (CSV, UTF-8)",
    _RIDERSHIP["Metrobús simple"]: "Metrobús daily ridership by line (CSV, UTF-8)",
    _RIDERSHIP["Trolebús"]: "Trolebús daily ridership by line and payment (CSV, UTF-8)",
    _RIDERSHIP["Cablebús"]: "Cablebús daily ridership by line and payment (CSV, UTF-8)",
    _RIDERSHIP["Tren Ligero"]: "Tren Ligero daily ridership by payment (CSV, UTF-8)",
    f"estaciones/{STATIONS_FILE}": "SEMOVI Metro stations layer (GeoJSON, CRS84 points)",
    "truth.json": "Planted truth of the movilidad sample (JSON)",
}


def _gzip(content: bytes) -> bytes:
    """Same bytes every time: no file name, mtime 0."""
    return gzip.compress(content, compresslevel=9, mtime=0)


def generate(seed: int = SEED) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Build every file of the sample and its truth.

    Args:
        seed: every random choice comes from this one seed, so equal seeds give equal output.

    Returns:
        ``(files, truth)``: the bytes of each file by path relative to ``kit/data/cdmx``
        (gzipped where the name ends in ``.gz``; ``truth.json`` included), and the truth.
    """
    draw = Draw(seed)
    stations = metro_stations(draw)
    ridership, ridership_facts = ridership_files(draw, stations)
    previous, current = victims(draw, stations)
    plain = {PREVIOUS: previous_csv(previous), CURRENT: current_csv(current)}
    for system, name in FILE_NAMES.items():
        plain[_RIDERSHIP[system]] = ridership[name]
    plain[f"estaciones/{STATIONS_FILE}"] = stations_geojson(stations)
    facts = cdmx_truth.facts(plain[CURRENT], plain[PREVIOUS], plain[_RIDERSHIP["Metro"]], stations)
    truth = {
        "about": "Planted truth of the synthetic movilidad sample: invented Metro stations, "
        "streets and victims, real alcaldías and FGJ crime names. Every fact is recounted from "
        "the files. A high rate is a signal to look closer, never proof.",
        "generator": "kit.samples.cdmx",
        "seed": seed,
        "files": {name: text for name, text in FILES.items() if name != "truth.json"},
        "rows": {
            PREVIOUS: len(previous),
            CURRENT: len(current),
            **{_RIDERSHIP[s]: _rows(ridership_facts, s) for s in FILE_NAMES},
            f"estaciones/{STATIONS_FILE}": len(stations),
        },
        "planted": {
            "busy_station": list(BUSY_STATION),
            "small_station": list(SMALL_STATION),
            "sexual_line": SEXUAL_LINE,
            "gap_month": "{}-{:02d}".format(*GAP_MONTH),
            "gap_keep_probability": GAP_KEEP,
            "placeholder_rates": {
                k: {"00:00": z, "12:00": n} for k, (z, n) in PLACEHOLDER_RATES.items()
            },
        },
        "ridership": ridership_facts,
        **facts,
    }
    files = {name: _gzip(content) if name.endswith(".gz") else content
             for name, content in plain.items()}  # fmt: skip
    files["truth.json"] = (json.dumps(truth, indent=1, ensure_ascii=False) + "\n").encode()
    return files, truth


def _rows(facts: dict[str, Any], system: str) -> int:
    if system == "Metrobús simple":
        return facts["Metrobús"]["simple"]["rows"]
    return facts[system]["rows"]


def write(folder: Path | None = None) -> list[Path]:
    """Write every file of the sample; refresh the manifest when writing the bundled copy.

    Args:
        folder: where to write; by default ``kit/data/cdmx``, and only then is the manifest
            (``kit/data/manifest.json``) updated.

    Returns:
        The paths written.
    """
    files, truth = generate()
    written, bundled = write_files(files, FOLDER, folder)
    if bundled:
        record_files(
            FOLDER, FILES, truth["rows"], generator="kit.samples.cdmx", seed=SEED, license=LICENSE
        )
    return written
