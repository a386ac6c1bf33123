"""`kit bundle`: what participants get holds challenges and the kit, and nothing of the answers."""

import json
import re
import zipfile

import nbformat
import pytest

from kit.cli import main
from kit.organizer.bundle import ARCHIVE_ROOT, BundleError, build_bundle, bundle_files
from kit.organizer.layout import KitLayout
from tests.minikit import REPO

BEGIN = re.compile(r"### BEGIN (SOLUTION|HIDDEN TESTS)")
END = re.compile(r"### END (SOLUTION|HIDDEN TESTS)")


@pytest.fixture(scope="module")
def real_bundle(tmp_path_factory):
    """The bundle of this repository, built once."""
    return build_bundle(KitLayout(REPO), tmp_path_factory.mktemp("dist") / "participantes.zip")


def bundle_texts(path) -> dict[str, str]:
    """Every text file of the bundle; notebooks as their cells' sources."""
    texts = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            data = archive.read(name)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if name.endswith(".ipynb"):
                text = "\n".join("".join(c["source"]) for c in json.loads(text)["cells"])
            texts[name] = text
    return texts


def secret_lines_of_solutions() -> set[str]:
    """Non-trivial lines inside solution regions and hidden tests of solutions/, read here
    independently of the kit's own leak search."""
    secrets = set()
    for path in sorted((REPO / "solutions").glob("*/*.ipynb")):
        for cell in nbformat.read(path, as_version=4).cells:
            inside = False
            for line in cell.source.splitlines():
                if BEGIN.search(line):
                    inside = True
                elif END.search(line):
                    inside = False
                elif inside and len(line.strip()) >= 12 and not line.strip().startswith("#"):
                    secrets.add(line.strip())
    # a bare chained call on its own line (".drop_duplicates()") carries nothing of the answer
    return {line for line in secrets if not re.fullmatch(r"\.\w+\(\)[)\]]*", line)}


def test_the_bundle_holds_challenges_the_kit_and_the_set_up_files(real_bundle):
    with zipfile.ZipFile(real_bundle.path) as archive:
        names = archive.namelist()
    assert names == sorted(names) and all(n.startswith(f"{ARCHIVE_ROOT}/") for n in names)
    inside = {n.removeprefix(f"{ARCHIVE_ROOT}/") for n in names}
    challenges = {p.relative_to(REPO).as_posix() for p in REPO.glob("challenges/*/*.ipynb")}
    assert challenges and challenges <= inside
    assert {"kit/__init__.py", "kit/data/manifest.json", "kit/cli/commands/bundle.py"} <= inside
    assert {
        "README.md",
        "pyproject.toml",
        "environment.yml",
        "postBuild",
        "docs/submission.md",
    } <= inside
    assert real_bundle.files == len(names)


def test_nothing_of_the_organizer_goes_in(real_bundle):
    with zipfile.ZipFile(real_bundle.path) as archive:
        names = [n.removeprefix(f"{ARCHIVE_ROOT}/") for n in archive.namelist()]
    forbidden = ("solutions/", "tests/", "benchmarks/", "mentorship_sessions/", ".ci/", "dist/")
    assert not [n for n in names if n.startswith(forbidden)]
    assert "docs/architecture.md" not in names  # for developers; it quotes a solution line
    assert not [n for n in names if "nbgrader_config.py" in n or re.search(r"gradebook.*\.db", n)]
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]


def test_no_solution_or_hidden_test_line_is_anywhere_in_the_bundle(real_bundle):
    secrets = secret_lines_of_solutions()
    assert len(secrets) > 20
    leaks = [
        (name, secret)
        for name, text in bundle_texts(real_bundle.path).items()
        for secret in secrets
        if secret in text
    ]
    assert leaks == []


def test_the_same_kit_gives_the_same_bytes(real_bundle, tmp_path):
    again = build_bundle(KitLayout(REPO), tmp_path / "otra-vez.zip")
    assert again.path.read_bytes() == real_bundle.path.read_bytes()
    assert again.sha256 == real_bundle.sha256


def test_organizer_files_in_challenges_are_left_out(minikit):
    demo = minikit.challenges / "demo"
    (demo / ".ipynb_checkpoints").mkdir()
    (demo / ".ipynb_checkpoints" / "x-checkpoint.ipynb").write_text("{}")
    (demo / "gradebook.db").write_bytes(b"sqlite")
    (minikit.challenges / "submitted" / "equipo").mkdir(parents=True)
    (minikit.challenges / "submitted" / "equipo" / "a.ipynb").write_text("{}")
    (demo / "notas.md").write_text("Lee primero el cuaderno.\n")
    assert list(bundle_files(minikit)) == [
        "challenges/demo/01_bienvenida.ipynb",
        "challenges/demo/notas.md",
    ]


def test_a_leaked_solution_line_refuses_the_bundle_naming_file_and_line(minikit, tmp_path):
    (minikit.root / "kit").mkdir()
    (minikit.root / "kit" / "ayuda.py").write_text(
        '"""Ayuda."""\n\n\ndef total(datos):\n    monto_total = datos["monto"].sum()\n'
    )
    (minikit.challenges / "demo" / "notas.md").write_text(
        "Pista:\n\n    check.total.assert_correct(monto_total)\n"
    )
    with pytest.raises(BundleError) as refused:
        build_bundle(minikit, tmp_path / "b.zip")
    text = str(refused.value)
    assert "2 problema(s)" in text
    assert "kit/ayuda.py:5" in text and "monto_total = datos" in text
    assert "challenges/demo/notas.md:3" in text and "assert_correct" in text
    assert "solutions/demo/01_bienvenida.ipynb" in text
    assert not (tmp_path / "b.zip").exists()


def test_a_leak_inside_a_challenge_notebook_names_the_cell(minikit, tmp_path):
    path = minikit.challenges / "demo" / "01_bienvenida.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[4].source += '\n### BEGIN SOLUTION\nmonto_total = datos["monto"].sum()'
    nbformat.write(nb, path)
    with pytest.raises(BundleError) as refused:
        build_bundle(minikit, tmp_path / "b.zip")
    checks = sorted({finding.check for finding in refused.value.findings})
    assert checks == ["leaks", "release"]  # the edited release is stale too
    cells = {f.cell for f in refused.value.findings if f.check == "leaks"}
    assert cells == {4}


def test_stale_challenges_refuse_the_bundle(minikit, tmp_path):
    source = minikit.solutions / "demo" / "01_bienvenida.ipynb"
    nb = nbformat.read(source, as_version=4)
    nb.cells[0].source += "\n\nUna línea nueva."
    nbformat.write(nb, source)
    with pytest.raises(BundleError, match="kit release"):
        build_bundle(minikit, tmp_path / "b.zip")


def test_kit_bundle_prints_a_summary_or_refuses_with_exit_1(minikit, tmp_path, capsys):
    output = tmp_path / "p.zip"
    assert main(["bundle", "--root", str(minikit.root), "--output", str(output)]) == 0
    out = capsys.readouterr().out
    assert "sha256" in out and str(output) in out
    (minikit.challenges / "demo" / "x.py").write_text('monto_total = datos["monto"].sum()\n')
    assert main(["bundle", "--root", str(minikit.root), "--output", str(output)]) == 1
    err = capsys.readouterr().err
    assert "kit bundle: No se escribió" in err and "challenges/demo/x.py:1" in err
