"""Fixtures shared by the care tests: where the real Mexico City files are."""

from pathlib import Path

import pytest

#: ``../shared/real/cdmx`` next to the repository (see its SOURCES.md); never copied here.
REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "real" / "cdmx"


@pytest.fixture(scope="session")
def real_cdmx() -> Path:
    """The folder of real files; the test is skipped, saying why, when it is not there."""
    if not REAL.is_dir():
        pytest.skip(f"real cdmx files not found at {REAL} (the shared/ folder is absent)")
    return REAL.resolve()
