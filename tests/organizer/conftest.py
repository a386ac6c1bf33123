import json
import shutil
from pathlib import Path

import pytest

from kit.data import sha256
from kit.organizer.layout import KitLayout
from kit.organizer.release import release
from tests.minikit import make_minikit


@pytest.fixture
def minikit(tmp_path) -> KitLayout:
    """A released miniature kit (one track, two graded tasks)."""
    layout = KitLayout(make_minikit(tmp_path / "kit"))
    release(layout)
    return layout


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """Bundled-data folder with one file and a manifest that matches it."""
    folder = tmp_path / "data"
    (folder / "demo").mkdir(parents=True)
    sample = folder / "demo" / "sample.csv"
    sample.write_text("a,b\n1,2\n", encoding="utf-8")
    manifest = {"files": {"demo/sample.csv": {"sha256": sha256(sample), "bytes": 8}}}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


@pytest.fixture
def copy_tree():
    return shutil.copytree
