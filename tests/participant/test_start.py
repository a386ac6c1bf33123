"""kit start: participants' work copies are made once and never overwritten."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from kit.cli import main
from kit.errors import KitError
from kit.organizer.layout import KitLayout
from kit.workcopy import MANIFEST, start_work_copy

ROOT = Path(__file__).resolve().parents[2]
TRACKS = ["bienvenida", "contrataciones"]
DAY = dt.date(2026, 11, 23)


@pytest.fixture
def kit_copy(tmp_path) -> KitLayout:
    """The kit's welcome and procurement tracks in a folder of their own (changed at will)."""
    root = tmp_path / "kit"
    for top in ("solutions", "challenges"):
        for track in TRACKS:
            shutil.copytree(ROOT / top / track, root / top / track)
    shutil.copy(ROOT / "nbgrader_config.py", root)
    return KitLayout(root)


@pytest.fixture
def work(tmp_path) -> Path:
    return tmp_path / "trabajo"


def names(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.ipynb"))


def test_copies_the_welcome_in_the_language_and_the_track(kit_copy, work):
    result = start_work_copy(kit_copy, work, TRACKS, "es", today=DAY)
    assert names(work) == [
        "bienvenida/00_bienvenida.ipynb",
        *(f"contrataciones/{p.name}" for p in sorted((kit_copy.challenges / TRACKS[1]).glob("*"))),
    ]
    assert result.first == work.resolve() / "bienvenida" / "00_bienvenida.ipynb"
    copy = work / "contrataciones" / "01_conoce_ocds.ipynb"
    assert copy.read_bytes() == (kit_copy.challenges / TRACKS[1] / copy.name).read_bytes()


def test_an_english_copy_runs_in_english(kit_copy, work):
    result = start_work_copy(kit_copy, work, TRACKS, "en", today=DAY)
    assert result.first.name == "00_welcome.ipynb"
    assert "bienvenida/00_bienvenida.ipynb" not in names(work)
    nb = nbformat.read(work / "contrataciones" / "01_conoce_ocds.ipynb", as_version=4)
    parameters = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    assert 'LANG = "en"' in parameters.source


def test_a_second_start_never_overwrites_the_participants_work(kit_copy, work):
    start_work_copy(kit_copy, work, TRACKS, today=DAY)
    mine = work / "contrataciones" / "02_competencia.ipynb"
    mine.write_text(mine.read_text("utf-8").replace("...", "42"), encoding="utf-8")
    before = mine.read_bytes()
    result = start_work_copy(kit_copy, work, TRACKS, today=DAY)
    assert result.copied == [] and result.newer == [] and mine in result.kept
    assert mine.read_bytes() == before


def test_a_newer_release_is_reported_and_put_beside_only_when_asked(kit_copy, work):
    start_work_copy(kit_copy, work, TRACKS, today=DAY)
    mine = work / "contrataciones" / "01_conoce_ocds.ipynb"
    mine.write_text(mine.read_text("utf-8") + " ", encoding="utf-8")  # the participant's work
    before = mine.read_bytes()
    release = kit_copy.challenges / "contrataciones" / "01_conoce_ocds.ipynb"
    release.write_text(release.read_text("utf-8").replace("OCDS", "OCDS (v2)"), encoding="utf-8")

    (newer,) = start_work_copy(kit_copy, work, TRACKS, today=DAY).newer
    assert (newer.work, newer.release, newer.side) == (mine, release, None)
    assert len(names(work)) == 5

    (newer,) = start_work_copy(kit_copy, work, TRACKS, side_by_side=True, today=DAY).newer
    assert newer.side == mine.with_name("01_conoce_ocds.nueva-2026-11-23.ipynb")
    assert newer.side.read_bytes() == release.read_bytes()
    assert mine.read_bytes() == before

    (again,) = start_work_copy(kit_copy, work, TRACKS, side_by_side=True, today=DAY).newer
    assert again.side == newer.side and len(names(work)) == 6  # no second side copy


def test_a_side_copy_never_takes_an_existing_name(kit_copy, work):
    start_work_copy(kit_copy, work, TRACKS, today=DAY)
    taken = work / "contrataciones" / "01_conoce_ocds.nueva-2026-11-23.ipynb"
    taken.write_text("{}", encoding="utf-8")
    release = kit_copy.challenges / "contrataciones" / "01_conoce_ocds.ipynb"
    release.write_text(release.read_text("utf-8") + "\n", encoding="utf-8")
    (newer,) = start_work_copy(kit_copy, work, TRACKS, side_by_side=True, today=DAY).newer
    assert newer.side.name == "01_conoce_ocds.nueva-2026-11-23-2.ipynb"
    assert taken.read_text("utf-8") == "{}"


def test_a_copy_made_by_hand_is_adopted_only_when_identical(kit_copy, work):
    (work / "contrataciones").mkdir(parents=True)
    same = work / "contrataciones" / "01_conoce_ocds.ipynb"
    shutil.copy(kit_copy.challenges / "contrataciones" / same.name, same)
    edited = work / "contrataciones" / "02_competencia.ipynb"
    edited.write_text("mine", encoding="utf-8")
    start_work_copy(kit_copy, work, TRACKS, today=DAY)
    recorded = json.loads((work / MANIFEST).read_text("utf-8"))["notebooks"]
    assert "release_sha256" in recorded["contrataciones/01_conoce_ocds.ipynb"]
    assert "release_sha256" not in recorded["contrataciones/02_competencia.ipynb"]
    assert edited.read_text("utf-8") == "mine"


def test_a_damaged_manifest_is_named_with_what_to_do(kit_copy, work):
    work.mkdir()
    (work / MANIFEST).write_text("{not json", encoding="utf-8")
    with pytest.raises(KitError, match=r"\.kit-copias\.json.*Bórralo"):
        start_work_copy(kit_copy, work, TRACKS)


def test_an_unknown_track_lists_the_known_ones(kit_copy, work):
    with pytest.raises(KitError, match="contrataciones"):
        start_work_copy(kit_copy, work, ["contrataciones", "contratos"])
    assert not work.exists()


def test_the_command_copies_and_says_how_to_open_jupyterlab(kit_copy, work, monkeypatch, capsys):
    monkeypatch.chdir(kit_copy.root)
    assert main(["start", "contrataciones", "--dir", str(work), "--no-lab"]) == 0
    out = capsys.readouterr().out
    assert "copiado:" in out and "jupyter lab" in out and "00_bienvenida.ipynb" in out
    assert main(["--lang", "en", "start", "contrataciones", "--dir", str(work), "--no-lab"]) == 0
    out = capsys.readouterr().out
    assert "copied: " in out and "00_welcome.ipynb" in out
    assert "were already in your folder" in out


def test_the_command_offers_the_side_by_side_copy(kit_copy, work, monkeypatch, capsys):
    monkeypatch.chdir(kit_copy.root)
    main(["start", "contrataciones", "--dir", str(work), "--no-lab"])
    release = kit_copy.challenges / "contrataciones" / "03_fraccionamiento_concentracion.ipynb"
    release.write_text(release.read_text("utf-8") + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["start", "contrataciones", "--dir", str(work), "--no-lab"]) == 0
    out = capsys.readouterr().out
    assert "Hay una versión nueva" in out and "--side-by-side" in out


def test_the_command_opens_jupyterlab_at_the_welcome(kit_copy, work, monkeypatch):
    monkeypatch.chdir(kit_copy.root)
    calls = []
    monkeypatch.setattr("subprocess.call", lambda command: calls.append(command) or 0)
    assert main(["start", "--dir", str(work)]) == 0
    (command,) = calls
    assert command[1:3] == ["-m", "jupyterlab"]
    assert command[-1].endswith("bienvenida/00_bienvenida.ipynb")
    assert f"--ServerApp.root_dir={work.resolve()}" in command
