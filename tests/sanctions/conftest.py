"""Fixtures shared by the sanctions tests: where the real published lists are."""

from pathlib import Path

import pytest

#: ``../shared/real/sanctions`` next to the repository (see its SOURCES.md); never copied here.
REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "real" / "sanctions"


@pytest.fixture(scope="session")
def real_sanctions() -> Path:
    """The folder of real lists; the test is skipped, saying why, when it is not there."""
    if not REAL.is_dir():
        pytest.skip(f"real sanctions files not found at {REAL} (the shared/ folder is absent)")
    return REAL.resolve()
