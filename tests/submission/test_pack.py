"""Packing a work copy: rules checked all at once, notebooks run from a clean kernel, a zip the
grader's reader accepts. The real challenges run once for the whole module; tiny notebooks
everywhere else."""

import hashlib
import json
import shutil
import zipfile

import pytest

import kit
from kit.submission.errors import SubmissionRefused
from kit.submission.files import collect_files
from kit.submission.licence import add_licence
from kit.submission.pack import pack
from kit.submission.read import read_submission
from tests.minikit import REPO
from tests.submission.helpers import make_work

pytestmark = pytest.mark.slow

CHALLENGES = REPO / "challenges" / "contrataciones"


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """challenges/contrataciones copied as a team's work copy, with their files, packed once."""
    root = tmp_path_factory.mktemp("equipo")
    folder = root / "contrataciones"
    shutil.copytree(CHALLENGES, folder)
    add_licence(folder, "MIT", "Datos Claros", year=2025)
    (folder / "README.md").write_text("# Nuestro proyecto\n", encoding="utf-8")
    (folder / "datos").mkdir()
    (folder / "datos" / "resumen.csv").write_text("comprador,tasa\nA,0.5\n", encoding="utf-8")
    (folder / "ayuda.py").write_text("def uno():\n    return 1\n", encoding="utf-8")
    for junk in (".ipynb_checkpoints/01_conoce_ocds-checkpoint.ipynb", "__pycache__/ayuda.pyc"):
        (folder / junk).parent.mkdir(exist_ok=True)
        (folder / junk).write_text("{}", encoding="utf-8")
    (folder / ".env").write_text("TOKEN=secreto", encoding="utf-8")
    packed = pack(
        folder, team="Datos Claros", members=["Ana López", "Luis"], output=root / "salida"
    )
    return folder, packed


def test_the_real_challenges_pack_into_a_zip_named_by_team_and_track(real):
    folder, packed = real
    assert packed.path == folder.parent / "salida" / "datos-claros__contrataciones.zip"
    assert packed.sha256 == hashlib.sha256(packed.path.read_bytes()).hexdigest()
    assert [run.ok for run in packed.runs] == [True] * 4


def test_the_manifest_has_every_field_and_the_right_hashes(real):
    folder, packed = real
    with zipfile.ZipFile(packed.path) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("kit-submission.json"))
    assert names[0] == "kit-submission.json"
    assert manifest["format"] == "dataton-kit-submission/1"
    assert manifest["team"] == "Datos Claros" and manifest["members"] == ["Ana López", "Luis"]
    assert manifest["track"] == "contrataciones" and manifest["kit_version"] == kit.__version__
    assert manifest["license"] == "MIT" and manifest["ran"] is True
    assert manifest["created"].endswith("Z")
    expected = sorted(f"contrataciones/{p.name}" for p in CHALLENGES.glob("*.ipynb"))
    assert sorted(manifest["notebooks"]) == expected
    assert sorted(manifest["files"]) == [
        "contrataciones/LICENSE",
        "contrataciones/README.md",
        "contrataciones/ayuda.py",
        "contrataciones/datos/resumen.csv",
    ]
    for name, digest in {**manifest["notebooks"], **manifest["files"]}.items():
        on_disk = folder / name.removeprefix("contrataciones/")
        assert digest == hashlib.sha256(on_disk.read_bytes()).hexdigest(), name
    assert sorted(names[1:]) == sorted([*manifest["notebooks"], *manifest["files"]])


def test_the_grader_reads_back_what_was_packed(real, tmp_path):
    folder, packed = real
    submission = read_submission(packed.path)
    assert submission.team_slug == "datos-claros" and submission.ran
    assert (
        submission.notebooks["02_competencia.ipynb"]
        == (folder / "02_competencia.ipynb").read_bytes()
    )
    assert submission.files["datos/resumen.csv"] == b"comprador,tasa\nA,0.5\n"


def test_a_notebook_that_raises_fails_the_clean_kernel_rule_naming_the_cell(tmp_path):
    folder = make_work(
        tmp_path,
        {
            "01_ok.ipynb": ("x = 1",),
            "02_roto.ipynb": ("a = 1", "total = a / 0", "print('nunca')"),
            "03_orden.ipynb": ("print(definida_despues)", "definida_despues = 1"),
        },
    )
    with pytest.raises(SubmissionRefused) as refused:
        pack(folder, team="Datos Claros", members=["Ana"], output=tmp_path)
    broken = {rule.message.split(":")[0]: rule for rule in refused.value.broken}
    assert set(broken) == {"02_roto.ipynb", "03_orden.ipynb"}
    assert all(rule.rule == "run" for rule in broken.values())
    roto = broken["02_roto.ipynb"].message
    assert "celda 3 (total = a / 0)" in roto and "ZeroDivisionError: division by zero" in roto
    assert "celda 2" in broken["03_orden.ipynb"].message
    assert "NameError" in broken["03_orden.ipynb"].message
    assert not list(tmp_path.glob("*.zip"))


def test_a_cell_over_the_timeout_is_reported(tmp_path):
    folder = make_work(tmp_path, {"01_lento.ipynb": ("import time\ntime.sleep(30)",)})
    with pytest.raises(SubmissionRefused) as refused:
        pack(folder, team="Datos Claros", members=["Ana"], output=tmp_path, timeout=1)
    (rule,) = refused.value.broken
    assert "celda 2 (import time)" in rule.message and "Timeout" in rule.message


def test_every_broken_rule_is_listed_and_no_zip_is_written(tmp_path):
    folder = make_work(tmp_path, {"01_roto.ipynb": ("1 / 0",)}, licence=False)
    members = [f"Persona {i}" for i in range(7)]
    with pytest.raises(SubmissionRefused) as refused:
        pack(folder, team="Datos Claros", members=members, track="mi reto", output=tmp_path)
    assert [rule.rule for rule in refused.value.broken] == ["members", "track", "licence", "run"]
    assert "4 regla(s)" in str(refused.value)
    assert not list(tmp_path.rglob("*.zip"))


def test_skip_run_packs_without_running_and_says_so(tmp_path):
    folder = make_work(tmp_path, {"01_roto.ipynb": ("1 / 0",)})
    packed = pack(folder, team="Datos Claros", members=["Ana"], output=tmp_path, run=False)
    assert packed.runs == [] and packed.manifest.ran is False
    assert read_submission(packed.path).ran is False


def test_a_folder_without_notebooks_is_refused(tmp_path):
    folder = make_work(tmp_path, {})
    with pytest.raises(SubmissionRefused, match="no tiene cuadernos"):
        pack(folder, team="Datos Claros", members=["Ana"], output=tmp_path, run=False)


def test_the_licence_of_the_parent_folder_goes_into_the_zip(tmp_path):
    folder = make_work(tmp_path, {"01.ipynb": ("1",)}, licence=False)
    add_licence(folder.parent, "MIT", "Datos Claros", year=2025)
    packed = pack(folder, team="Datos Claros", members=["Ana"], output=tmp_path, run=False)
    assert "demo/LICENSE" in packed.manifest.files and packed.manifest.license == "MIT"


def test_large_files_symlinks_and_earlier_zips_are_left_out_with_a_warning(tmp_path):
    folder = make_work(tmp_path, {"01.ipynb": ("1",)})
    (folder / "grande.csv").write_bytes(b"x" * 2000)
    (folder / "enlace.csv").symlink_to(folder / "grande.csv")
    (folder / "datos-claros__demo.zip").write_bytes(b"PK")
    collected = collect_files(folder, max_bytes=1500)
    assert sorted(collected.files) == ["01.ipynb", "LICENSE"]
    warnings = " | ".join(collected.warnings)
    assert "grande.csv no se incluye" in warnings and "enlace.csv" in warnings
    assert "datos-claros__demo.zip" in warnings


def test_a_folder_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    from kit.submission import pack as pack_module

    monkeypatch.setattr(pack_module, "MAX_TOTAL_BYTES", 100)
    folder = make_work(tmp_path, {"01.ipynb": ("1",)})
    with pytest.raises(SubmissionRefused) as refused:
        pack(folder, team="Datos Claros", members=["Ana"], output=tmp_path, run=False)
    assert [rule.rule for rule in refused.value.broken] == ["size"]
    assert "enlace en el README" in str(refused.value)
