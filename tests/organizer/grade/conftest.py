"""Grading tests: miniature kits, crafted submissions, and the sandbox they need.

Tests marked with the ``sandbox`` fixture run participant code in bubblewrap. Where bwrap is
missing they are skipped, unless ``KIT_REQUIRE_SANDBOX=1`` (set by CI), which turns the skip into
a failure: the sandbox's tests must really run somewhere.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

from kit.organizer.grade import GradingSettings, Limits, find_sandbox, grade, sandbox_status
from kit.organizer.grade.sandbox import Sandbox
from kit.organizer.layout import KitLayout


@pytest.fixture(scope="session")
def sandbox() -> Sandbox:
    works, why = sandbox_status()
    if not works:
        if os.environ.get("KIT_REQUIRE_SANDBOX") == "1":
            pytest.fail(f"KIT_REQUIRE_SANDBOX=1 but the sandbox does not work: {why}")
        pytest.skip(f"no sandbox here: {why}")
    return find_sandbox(Limits())


def settings_for(
    output: Path, sandbox: Sandbox, *, workers: int = 2, **limits: float
) -> GradingSettings:
    """Grading settings with short limits, writing into ``output``."""
    output.mkdir(parents=True, exist_ok=True)
    chosen = Limits(**({"cell_timeout": 10, "notebook_timeout": 60} | limits))
    if sandbox.isolated:
        sandbox = find_sandbox(chosen)
    return GradingSettings(
        output=output,
        db_url=f"sqlite:///{output / 'gradebook.db'}",
        limits=chosen,
        sandbox=sandbox,
        workers=workers,
    )


def submit(root: Path, team: str, track: str, notebooks: dict[str, nbformat.NotebookNode]) -> Path:
    """Write ``notebooks`` as team's submission in nbgrader's layout under ``root``."""
    folder = root / team / track
    folder.mkdir(parents=True, exist_ok=True)
    for name, nb in notebooks.items():
        nbformat.write(nb, folder / name)
    return folder


def run_grading(layout: KitLayout, submissions: Path, settings: GradingSettings):
    return grade(layout, submissions, settings)
