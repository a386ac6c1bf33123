"""Fixtures shared by the declarations tests: where the real PDN S2 and S3 files are."""

from pathlib import Path

import pytest

#: ``../shared/real/procurement/pdn`` next to the repository (see its SOURCES.md); never copied.
REAL = Path(__file__).resolve().parents[2] / ".." / "shared" / "real" / "procurement" / "pdn"
S2 = "s2_synthetic_dataton2021/02_serPub_contraPub.json.gz"
S3 = "s3_synthetic_dataton2021/03_serPub_sancion.json"


def _real(name: str) -> Path:
    path = REAL / name
    if not path.is_file():
        pytest.skip(f"real PDN file not found at {path} (the shared/ folder is absent)")
    return path.resolve()


@pytest.fixture(scope="session")
def real_s2() -> Path:
    """The datatón 2021 S2 file (synthetic people, PDN format); skipped, saying why, if absent."""
    return _real(S2)


@pytest.fixture(scope="session")
def real_s3() -> Path:
    """The datatón 2021 S3 servidores file (synthetic people); skipped, saying why, if absent."""
    return _real(S3)
