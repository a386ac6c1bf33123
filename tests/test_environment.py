"""environment.yml (conda, Binder) and pyproject.toml must ask for the same packages."""

import re
import tomllib
from pathlib import Path

import yaml
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
NOT_PACKAGES = {"python", "pip"}


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


def environment_python() -> Version:
    """The conda pin `python=X.Y`: the one spelling repo2docker reads a version from."""
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    pins = [d for d in env["dependencies"] if isinstance(d, str) and _normalise(d)[0] == "python"]
    assert len(pins) == 1, pins
    match = re.fullmatch(r"python=(\d+\.\d+)", pins[0])
    assert match, f"{pins[0]!r}: pin as python=X.Y (repo2docker ignores >=)"
    return Version(match.group(1))


def test_environment_requires_python_311_like_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["requires-python"] == ">=3.11"
    assert environment_python() >= Version("3.11")
    assert environment_python() in SpecifierSet(project["requires-python"])


def test_a_missing_package_is_noticed(monkeypatch):
    """The comparison has teeth: dropping one package from either side breaks equality."""
    env = environment_requirements()
    env.pop("seaborn")
    assert env != pyproject_requirements()
