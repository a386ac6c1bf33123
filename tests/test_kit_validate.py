"""The kit's main job on the repository itself: `kit validate` passes and covers every notebook."""

import os
from pathlib import Path

import pytest

from kit.organizer.layout import KitLayout
from kit.organizer.validate import validate

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_kit_validate_passes_on_the_repository():
    report = validate(KitLayout(ROOT), workers=os.cpu_count() or 1)
    assert report.ok, "\n".join(map(str, report.all_findings()))
    ran = {run.path for run in report.runs}
    notebooks = [*ROOT.glob("solutions/*/*.ipynb"), *ROOT.glob("challenges/*/*.ipynb")]
    notebooks += ROOT.glob("mentorship_sessions/*.ipynb")
    assert ran == {path.relative_to(ROOT).as_posix() for path in notebooks}
    assert len(ran) >= 8
    solutions = [run for run in report.runs if run.kind == "solution"]
    assert sum(len(run.tasks) for run in solutions) >= 8
    mentors = [run for run in report.runs if run.kind == "mentor"]
    assert len(mentors) >= 6
    assert all(run.seconds > 0 for run in mentors), "nbval ran every session"
