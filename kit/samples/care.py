"""Deterministic generator of the bundled sample of the *cuidados* track (Mexico City's care
economy), with planted facts.

Four files in the real published layouts, every person and business fictitious, the places real
(the 16 alcaldías with INEGI's codes):

- ``enut/enut2019_personas.csv``: time-use persons in the layout of the ENUT 2019 person-level
  table (:mod:`kit.samples.care_enut`). Women carry about 2.9 times men's weekly hours of unpaid
  domestic and care work (about 31 against 11); women in *Mesoamérica Central* are sampled at
  three times the rate and people with children at twice, so the unweighted mean is visibly
  above the weighted one: the notebook's lesson on why weights matter.
- ``denue/denue_inegi_62_.csv``: guarderías, asilos and residences for people with
  disabilities in INEGI's DENUE download layout (:mod:`kit.samples.care_denue`), with invented
  names; six establishments have coordinates to clean (empty, swapped, zero, outside the city).
- ``censo/conjunto_de_datos_iter_09CSV20.csv``: the census ITER 2020 file for Mexico City (all
  286 columns; :mod:`kit.samples.care_iter`), populations generated around plausible magnitudes.
- ``enoe/ENOEN_SDEMT324.csv``: labour-force persons of Mexico City and four other states in a
  subset of ENOE's SDEMT layout (:mod:`kit.samples.care_enoe`); women's participation clearly
  lower than men's.

Coverage is planted very uneven (:mod:`kit.samples.care_places`): against reference ratios of
the exercise (600 children aged 0-5 per guardería, 8,000 people aged 60+ per asilo; not an
official norm), Iztapalapa, Tláhuac and Milpa Alta lack guarderías most and Benito Juárez has a
surplus; Iztapalapa, Venustiano Carranza and Tláhuac lack asilos most and Coyoacán has a
surplus. ``truth.json`` records these facts, the weighted figures and the participation rates.
Same seed, same bytes. Regenerate with ``python -m kit.samples care``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kit import data
from kit.samples import care_truth
from kit.samples._files import write_files
from kit.samples._rng import Draw
from kit.samples.care_denue import denue_rows, write_denue
from kit.samples.care_enoe import enoe_rows, write_enoe
from kit.samples.care_enut import enut_rows, write_enut
from kit.samples.care_iter import iter_rows, write_iter
from kit.samples.care_places import alcaldias

__all__ = ["FILES", "SEED", "generate", "write"]

SEED = 2019
FOLDER = "care"
LICENSE = "CC0-1.0 (synthetic, fictitious entities)"
FILES = {
    "enut/enut2019_personas.csv": "ENUT 2019 person-level hours table (CSV, UTF-8, 10 columns)",
    "denue/denue_inegi_62_.csv": "INEGI DENUE download, care establishments (CSV, Latin-1, CRLF, "
    "41 columns)",
    "censo/conjunto_de_datos_iter_09CSV20.csv": "INEGI ITER 2020, Mexico City (CSV, UTF-8 with "
    "BOM, CRLF, 286 columns)",
    "enoe/ENOEN_SDEMT324.csv": "ENOE SDEMT 2024 Q3, subset of columns (CSV, UTF-8, CRLF)",
    "truth.json": "Planted truth of the care sample (JSON)",
}


def generate(seed: int = SEED) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Build every file of the sample and its truth.

    Args:
        seed: every random choice comes from this one seed, so equal seeds give equal output.

    Returns:
        ``(files, truth)``: the bytes of each file by path relative to ``kit/data/care``
        (``truth.json`` included), and the truth as a dict.
    """
    draw = Draw(seed)
    places = alcaldias(draw)
    census = iter_rows(draw, places)
    establishments, bad = denue_rows(draw, places)
    persons = enut_rows(draw)
    labour = enoe_rows(draw)
    files = {
        "enut/enut2019_personas.csv": write_enut(persons),
        "denue/denue_inegi_62_.csv": write_denue(establishments),
        "censo/conjunto_de_datos_iter_09CSV20.csv": write_iter(census),
        "enoe/ENOEN_SDEMT324.csv": write_enoe(labour),
    }
    truth = {
        "about": "Planted truth of the synthetic care sample of Mexico City: fictitious persons "
        "and establishments, real alcaldías and INEGI codes. Weighted figures use fac_per (ENUT) "
        "and fac_tri (ENOE). A shortfall against the exercise's reference ratio is a signal for "
        "discussion, not an official measure.",
        "generator": "kit.samples.care",
        "seed": seed,
        "files": {name: text for name, text in FILES.items() if name != "truth.json"},
        "rows": {"censo": len(census), "denue": len(establishments)},
        "enut": care_truth.enut_facts(persons),
        "supply": care_truth.supply_facts(places, bad),
        "enoe": care_truth.enoe_facts(labour),
    }
    truth["rows"].update({"enut": len(persons), "enoe": len(labour)})
    files["truth.json"] = (json.dumps(truth, indent=1, ensure_ascii=False) + "\n").encode()
    return files, truth


def write(folder: Path | None = None) -> list[Path]:
    """Write every file of the sample; refresh the manifest when writing the bundled copy.

    Args:
        folder: where to write; by default ``kit/data/care``, and only then is the manifest
            (``kit/data/manifest.json``) updated.

    Returns:
        The paths written.
    """
    files, truth = generate()
    written, bundled = write_files(files, FOLDER, folder)
    if bundled:
        rows = {
            "enut/enut2019_personas.csv": {"rows": truth["rows"]["enut"]},
            "denue/denue_inegi_62_.csv": {"establishments": truth["rows"]["denue"]},
            "censo/conjunto_de_datos_iter_09CSV20.csv": {"rows": truth["rows"]["censo"]},
            "enoe/ENOEN_SDEMT324.csv": {"persons": truth["rows"]["enoe"]},
        }
        common = {"generator": "kit.samples.care", "seed": SEED, "license": LICENSE}
        for name, description in FILES.items():
            extra = {"rows": rows[name]} if name in rows else {}
            data.record(f"{FOLDER}/{name}", format=description, **extra, **common)
    return written
