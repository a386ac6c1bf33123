"""The machine-readable line every benchmark prints for each headline figure: ``RESULT {json}``.

``run_all.py`` collects these lines from each script's output into one table. One line per
figure (a script may print several), with these keys:

- ``benchmark``: the script's name (``fgj_full_size``);
- ``name``: the figure (``CSV to Parquet, wall time``);
- ``kit``, ``baseline``: the two measured values (numbers; ``baseline`` may be null);
- ``unit``: ``s``, ``MiB``, ``nb/min``, ``x`` ...;
- ``baseline_name``: what the baseline is (``pandas.read_csv defaults``);
- ``ratio``, ``ratio_label``: the ratio as the benchmark states it (``kit / baseline`` unless
  the label says otherwise);
- ``target``: the target in words (``<= 60 s``), null when there is none;
- ``pass``: whether the target was met (null without a target);
- ``scale``: the size measured (``2,100,000 rows``), so a quick run is not read as the real one.

Extra keys are kept. Scripts are run as ``python benchmarks/<name>.py``, so they import this
module as ``_result``.
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["PREFIX", "parse", "result"]

PREFIX = "RESULT "


def result(
    benchmark: str,
    name: str,
    *,
    kit: float | None,
    baseline: float | None,
    unit: str,
    baseline_name: str,
    target: str | None = None,
    passed: bool | None = None,
    ratio: float | None = None,
    ratio_label: str = "kit / baseline",
    scale: str = "",
    **extra: Any,
) -> dict[str, Any]:
    """Print one ``RESULT`` line and return its record; ``ratio`` defaults to kit / baseline."""
    if ratio is None and kit is not None and baseline:
        ratio = kit / baseline
    record = {
        "benchmark": benchmark,
        "name": name,
        "kit": _rounded(kit),
        "baseline": _rounded(baseline),
        "unit": unit,
        "baseline_name": baseline_name,
        "ratio": _rounded(ratio, 3),
        "ratio_label": ratio_label,
        "target": target,
        "pass": passed,
        "scale": scale,
        **extra,
    }
    print(PREFIX + json.dumps(record, ensure_ascii=False), flush=True)
    return record


def parse(text: str) -> list[dict[str, Any]]:
    """Every ``RESULT`` record in a script's output, in order (other lines are ignored)."""
    records = []
    for line in text.splitlines():
        if line.startswith(PREFIX):
            try:
                record = json.loads(line[len(PREFIX) :])
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and "benchmark" in record and "name" in record:
                records.append(record)
    return records


def _rounded(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)
