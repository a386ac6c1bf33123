"""Deterministic generator of the bundled budget sample: a fictitious Cuenta Pública 2019-2024.

Six yearly files ``cuenta_publica_<año>_gf_ecd_epe.csv`` in the open-data layout of
Transparencia Presupuestaria (:mod:`kit.samples.budget_rows`), five real ramos (09 transport
and infrastructure, 11 education, 12 health, 20 welfare, 36 security) with invented units and
51 programmes (:mod:`kit.samples.budget_catalog`), one row per budget key: unit, partida, state.
Amounts are invented; the planted facts (:mod:`kit.samples.budget_plan`) are an under-spent
programme, one over-spent through modifications, one created and one closed during the period,
the year of a big reallocation and a programme that grows in nominal pesos but shrinks in real
ones. ``truth.json`` records them with their figures, recounted from the rows. Same seed, same
bytes. Regenerate with ``python -m kit.samples budget``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kit.samples import budget_truth
from kit.samples._files import record_files, write_files
from kit.samples._rng import Draw
from kit.samples.budget_plan import YEARS, plan
from kit.samples.budget_rows import FILLER, file_name, rows, write_year

__all__ = ["FILES", "SEED", "generate", "write"]

SEED = 2024
FOLDER = "budget"
LICENSE = "CC0-1.0 (synthetic, fictitious entities)"
FILES = {
    **{
        file_name(year): f"Cuenta Pública {year}, open-data layout (CSV, Windows-1252, CRLF, "
        f"32 columns{', 6 unnamed extra and 12 empty rows' if year in FILLER else ''})"
        for year in YEARS
    },
    "truth.json": "Planted truth of the budget sample (JSON)",
}


def generate(seed: int = SEED) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Build every file of the sample and its truth.

    Args:
        seed: every random choice comes from this one seed, so equal seeds give equal output.

    Returns:
        ``(files, truth)``: the bytes of each file by name (``truth.json`` included) and the
        truth as a dict.
    """
    draw = Draw(seed)
    all_rows = rows(draw, plan(draw))
    files = {
        file_name(year): write_year(year, [row for row in all_rows if row.year == year])
        for year in YEARS
    }
    counts = {file_name(y): sum(1 for row in all_rows if row.year == y) for y in YEARS}
    truth = {
        "about": "Planted truth of the synthetic budget sample: a fictitious Cuenta Pública "
        "2019-2024 with real ramo numbers and catalogues, invented units, programmes and "
        "amounts. Amounts in pesos. A departure from the approved budget is a signal to "
        "explain, not a finding.",
        "generator": "kit.samples.budget",
        "seed": seed,
        "files": {name: text for name, text in FILES.items() if name != "truth.json"},
        "rows": counts,
        "empty_rows": {file_name(y): FILLER[y][1] for y in FILLER},
        **budget_truth.facts(all_rows),
    }
    files["truth.json"] = (json.dumps(truth, indent=1, ensure_ascii=False) + "\n").encode()
    return files, truth


def write(folder: Path | None = None) -> list[Path]:
    """Write every file of the sample; refresh the manifest when writing the bundled copy.

    Args:
        folder: where to write; by default ``kit/data/budget``, and only then is the manifest
            (``kit/data/manifest.json``) updated.

    Returns:
        The paths written.
    """
    files, truth = generate()
    written, bundled = write_files(files, FOLDER, folder)
    if bundled:
        record_files(
            FOLDER, FILES, truth["rows"], generator="kit.samples.budget", seed=SEED, license=LICENSE
        )
    return written
