"""environment.yml (conda, Binder) and pyproject.toml must ask for the same packages."""

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
NOT_PACKAGES = {"python", "pip", "-e ."}


def _normalise(requirement: str) -> tuple[str, str]:
    name, spec = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement).groups()
    return re.sub(r"[-_.]+", "-", name).lower(), spec.replace(" ", "")


def pyproject_requirements() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    return dict(map(_normalise, wanted))


def environment_requirements() -> dict[str, str]:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    entries = []
    for dependency in env["dependencies"]:
        entries += dependency["pip"] if isinstance(dependency, dict) else [dependency]
    return dict(_normalise(e) for e in entries if e.split(">")[0].split("=")[0] not in NOT_PACKAGES)


def test_environment_mirrors_pyproject():
    assert environment_requirements() == pyproject_requirements()


def test_environment_requires_python_311_like_pyproject():
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "python>=3.11" in env["dependencies"]
    assert project["requires-python"] == ">=3.11"


def test_a_missing_package_is_noticed(monkeypatch):
    """The comparison has teeth: dropping one package from either side breaks equality."""
    env = environment_requirements()
    env.pop("seaborn")
    assert env != pyproject_requirements()
