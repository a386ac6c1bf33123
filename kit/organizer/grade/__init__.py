"""``kit grade``: sandboxed, parallel grading of submissions into nbgrader's gradebook.

Modules: submissions (what to grade), gradebook (nbgrader: register, sanitise, save), prepare
(test cells become answer records), sandbox + runner + capture (where participant code runs),
execute (one sandboxed run), answers (JSON-only answer records), judge (hidden tests, outside),
pipeline (the whole run), results and feedback (CSV and per-team HTML).
"""

from kit.organizer.grade.pipeline import GradingSettings, grade
from kit.organizer.grade.sandbox import Limits, find_sandbox, sandbox_status

__all__ = ["GradingSettings", "Limits", "find_sandbox", "grade", "sandbox_status"]
