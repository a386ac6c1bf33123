"""``kit grade``: sandboxed, parallel grading of submissions into nbgrader's gradebook.

Modules: submissions (what to grade), gradebook (nbgrader: register, sanitise, save), prepare
(test cells become answer records), sandbox + runner + capture (where participant code runs),
execute (one sandboxed run), answers (JSON-only answer records), judge (hidden tests, outside),
pipeline (the whole run), results and feedback (CSV and per-team HTML).

Names are imported lazily: the runner and the recorder run inside every sandbox, and importing
the grader's side (nbgrader, nbformat's schemas) there would cost each notebook seconds.
"""

from __future__ import annotations

import importlib
from typing import Any

__all__ = ["GradingSettings", "Limits", "find_sandbox", "grade", "sandbox_status"]

_WHERE = {
    "GradingSettings": "pipeline",
    "grade": "pipeline",
    "Limits": "sandbox",
    "find_sandbox": "sandbox",
    "sandbox_status": "sandbox",
}


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(name)
    return getattr(importlib.import_module(f"kit.organizer.grade.{_WHERE[name]}"), name)
