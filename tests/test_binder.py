"""Binder / JupyterHub: repo2docker builds the kit's image from environment.yml and postBuild.

The plain checks run everywhere. The others ask repo2docker's own code, which needs no docker
daemon to choose a build pack and write the Dockerfile, what it would build from this
repository: which build pack, which Python, and in what order the layers run.
"""

import contextlib
import re
import stat
import subprocess
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from packaging.specifiers import SpecifierSet
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]
BADGE = re.compile(
    r"\[!\[Binder\]\(https://mybinder\.org/badge_logo\.svg\)\]\((https://mybinder\.org/[^)\s]+)\)"
)
NB_UID = "1000"
NO_REPO2DOCKER = "jupyter-repo2docker is not installed: pip install -e '.[test]' brings it"


# ---------------------------------------------------------------- plain checks, always run


def local_pip_entries(environment: dict) -> list[str]:
    """pip entries that point into the repository: repo2docker cannot cache them."""
    entries = [e for d in environment["dependencies"] if isinstance(d, dict) for e in d["pip"]]
    return [e for e in entries if e.startswith(("-", ".", "/", "~")) or "file:" in e]


def test_environment_has_no_local_pip_entries():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert local_pip_entries(environment) == []


def test_local_pip_entries_are_noticed():
    environment = {"dependencies": ["pandas", {"pip": ["ocdsmerge>=0.8", "-e .", "./kit"]}]}
    assert local_pip_entries(environment) == ["-e .", "./kit"]


def test_postbuild_is_an_executable_script_that_installs_the_kit():
    post_build = ROOT / "postBuild"
    text = post_build.read_text()
    assert post_build.stat().st_mode & stat.S_IXUSR, "repo2docker runs ./postBuild"
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "set -euo pipefail" in text, "a failed install must fail the build"
    assert re.search(r"^python -m pip install --no-deps -e \.$", text, re.M)
    assert re.search(r"^python -c \"import matplotlib\.pyplot\"$", text, re.M)
    subprocess.run(["bash", "-n", str(post_build)], check=True)


def test_repo2docker_reads_the_config_at_the_root():
    """A binder/ folder would hide environment.yml and postBuild; a Dockerfile replaces them."""
    for hiding in ("binder", ".binder", "Dockerfile"):
        assert not (ROOT / hiding).exists(), hiding


def test_readme_badge_under_the_title_opens_the_welcome_notebook_in_lab():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# dataton-kit"
    badge = BADGE.fullmatch(next(line for line in lines[1:] if line.strip()))
    assert badge, "the Binder badge is the first line under the title"
    url = urlsplit(badge.group(1))
    assert re.fullmatch(r"/v2/gh/[\w.-]+/[\w.-]+/[\w.-]+", url.path)
    (urlpath,) = parse_qs(url.query)["urlpath"]
    notebook = urlpath.removeprefix("lab/tree/")
    assert urlpath.startswith("lab/tree/")
    assert notebook.startswith("challenges/") and notebook.endswith(".ipynb")
    assert Path(notebook).parts[1:2] == ("bienvenida",)


# ------------------------------------------------------ repo2docker's own view of the repo


@dataclass(frozen=True)
class Plan:
    """What repo2docker would build from a folder, read from its own code."""

    buildpack: str
    python: str
    base_environment: str
    dockerfile: str

    def line(self, pattern: str) -> int:
        """Index of the only Dockerfile line matching pattern."""
        lines = self.dockerfile.splitlines()
        hits = [i for i, text in enumerate(lines) if re.search(pattern, text)]
        assert len(hits) == 1, (pattern, hits)
        return hits[0]

    @property
    def copies_repository(self) -> int:
        return self.line(r"^COPY --chown=\d+:\d+ src/ \$\{REPO_DIR\}/$")

    @property
    def installs_environment(self) -> int:
        return self.line(r'env (update|create) .*--file "?environment\.yml')

    @property
    def runs_post_build(self) -> int:
        return self.line(r"^RUN \./postBuild$")


def repo2docker_plan(folder: Path) -> Plan:
    """Pick the build pack the way `repo2docker` does, and render its Dockerfile."""
    from repo2docker.app import Repo2Docker

    app = Repo2Docker(platform="linux/amd64")
    with contextlib.chdir(folder):  # repo2docker looks for its files in the working directory
        packs = [pack(base_image=app.base_image) for pack in app.buildpacks]
        picked = next((pack for pack in packs if pack.detect()), None)
        picked = picked or app.default_buildpack(base_image=app.base_image)
        picked.platform = app.platform
        base = [k for k, v in picked.get_build_script_files().items() if v.endswith("ment.lock")]
        dockerfile = picked.render({"NB_USER": "jovyan", "NB_UID": NB_UID})
    return Plan(type(picked).__name__, picked.python_version, base[0], dockerfile)


@pytest.fixture(scope="module")
def plan() -> Plan:
    pytest.importorskip("repo2docker", reason=NO_REPO2DOCKER)
    return repo2docker_plan(ROOT)


def test_repo2docker_picks_the_conda_build_pack(plan):
    assert plan.buildpack == "CondaBuildPack"


def test_repo2docker_installs_python_311_or_newer(plan):
    requires = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["requires-python"]
    assert Version(plan.python) >= Version("3.11")
    assert Version(plan.python) in SpecifierSet(requires)
    assert Path(plan.base_environment).name.startswith(f"environment.py-{plan.python}-")


def test_environment_yml_is_a_cached_layer_before_the_repository(plan):
    copies_only_the_environment = plan.line(r"^COPY .* src/environment\.yml ")
    assert copies_only_the_environment < plan.installs_environment < plan.copies_repository


def test_postbuild_installs_the_kit_once_the_repository_is_in_the_image(plan):
    assert plan.copies_repository < plan.runs_post_build


def test_the_plan_notices_a_repository_set_up_the_old_way(tmp_path):
    """`python>=3.11` and `-e .` in environment.yml: Python 3.10 and no cached layer."""
    pytest.importorskip("repo2docker", reason=NO_REPO2DOCKER)
    old = yaml.safe_load((ROOT / "environment.yml").read_text())
    for i, dependency in enumerate(old["dependencies"]):
        if isinstance(dependency, str):
            old["dependencies"][i] = re.sub(r"^python=", "python>=", dependency)
        else:
            dependency["pip"].append("-e .")
    (tmp_path / "environment.yml").write_text(yaml.safe_dump(old))
    old_plan = repo2docker_plan(tmp_path)
    assert Version(old_plan.python) < Version("3.11")
    assert old_plan.installs_environment > old_plan.copies_repository
