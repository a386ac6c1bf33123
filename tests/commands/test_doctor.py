"""kit doctor: one row per check, exit 1, and for every failure the command that fixes it."""

from __future__ import annotations

import json
import shutil
import sys
from collections import namedtuple
from importlib import metadata

import pytest

from kit.cli import main
from kit.doctor import Check, checks, kernel, run_checks

PY = sys.executable
GIB = 1024**3
Usage = namedtuple("Usage", "total used free")


@pytest.fixture(autouse=True)
def wide_table(monkeypatch):
    """A wide console, so no command is wrapped inside the table's cells."""
    monkeypatch.setenv("COLUMNS", "400")


@pytest.fixture
def kernel_says(monkeypatch):
    """Replace the kernel start (seconds each) with a made-up outcome."""

    def set_outcome(ok: bool, detail: str = "kernel ok", fix: str | None = None) -> None:
        made = Check("Kernel", ok, detail, fix)
        monkeypatch.setattr(kernel, "kernel_starts", lambda *args, **kwargs: made)

    set_outcome(True)
    return set_outcome


@pytest.fixture
def sandbox_says(monkeypatch):
    def set_status(works: bool, text: str) -> None:
        monkeypatch.setattr("kit.organizer.grade.sandbox.sandbox_status", lambda: (works, text))

    set_status(True, "bubblewrap 0.8.0")
    return set_status


def kernelspec(root, name: str, argv: list[str]) -> None:
    folder = root / "kernels" / name
    folder.mkdir(parents=True)
    spec = {"argv": argv, "display_name": name, "language": "python"}
    (folder / "kernel.json").write_text(json.dumps(spec))


def labextensions(root, version: str | None):
    if version is not None:
        manager = root / "@jupyter-widgets" / "jupyterlab-manager"
        manager.mkdir(parents=True)
        (manager / "package.json").write_text(json.dumps({"version": version}))
    return [root]


# 1. Python


def test_this_python_passes():
    check = checks.python_version()
    assert check.ok and check.fix is None and PY in check.detail


def test_an_old_python_fails_and_says_how_to_make_a_new_environment():
    check = checks.python_version((3, 10, 4))
    assert not check.ok and "3.10.4" in check.detail and "3.11" in check.detail
    assert "-m venv .venv" in check.fix and "pip install -e" in check.fix


# 2. The kit's packages


def test_the_kits_own_requirements_are_installed_and_import():
    check = checks.dependencies()
    base = [r for r in metadata.requires("dataton-kit") if "extra ==" not in r]
    assert check.ok, check.detail
    assert str(len(base)) in check.detail


def test_missing_and_too_old_packages_are_named_with_the_install_command():
    wanted = ["no-such-package-for-doctor>=1", "pytest>=999", 'ruff>=0.1; extra == "test"']
    check = checks.dependencies(wanted)
    assert not check.ok
    assert "no-such-package-for-doctor" in check.detail
    assert f"pytest {metadata.version('pytest')}" in check.detail and ">=999" in check.detail
    assert "ruff" not in check.detail  # behind the test extra: not needed to work
    assert check.fix == f'{PY} -m pip install "no-such-package-for-doctor>=1" "pytest>=999"'


def test_a_package_that_is_installed_but_does_not_import_is_reinstalled(tmp_path, monkeypatch):
    info = tmp_path / "doctor_broken-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: doctor-broken\nVersion: 1.0\n")
    (info / "top_level.txt").write_text("doctor_broken\n")
    (tmp_path / "doctor_broken.py").write_text("raise ImportError('libfoo.so is missing')\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    check = checks.dependencies(["doctor-broken>=1"])
    assert not check.ok and "libfoo.so is missing" in check.detail
    assert check.fix == f'{PY} -m pip install --force-reinstall "doctor-broken>=1"'


def test_a_kit_that_is_not_installed_says_pip_install_e(monkeypatch):
    def requires(name):
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "requires", requires)
    check = checks.dependencies()
    assert not check.ok and "dataton-kit" in check.detail
    assert check.fix.startswith(f"{PY} -m pip install -e ")


# 3. The Jupyter kernel


def test_a_kernel_that_does_not_exist_says_how_to_install_one():
    check = kernel.kernel_starts("no-such-kernel-for-doctor")
    assert not check.ok and "no-such-kernel-for-doctor" in check.detail
    assert f"{PY} -m ipykernel install --" in check.fix


def test_a_kernel_that_dies_at_start_says_why(tmp_path, monkeypatch):
    crash = "import sys; sys.stderr.write('kernel boom\\n'); sys.exit(3)"
    kernelspec(tmp_path, "dies", [PY, "-c", crash, "{connection_file}"])
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    check = kernel.kernel_starts("dies", timeout=30)
    assert not check.ok and "kernel boom" in check.detail
    assert "-m ipykernel install" in check.fix


def test_a_kernel_of_another_python_is_named_with_how_to_install_the_kits(tmp_path, monkeypatch):
    other = "/opt/other-python/bin/python"
    kernelspec(tmp_path, "other", [other, "-m", "ipykernel_launcher", "-f", "{connection_file}"])
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    failed = {"status": "error", "ename": "ModuleNotFoundError", "evalue": "No module named 'kit'"}
    monkeypatch.setattr(kernel, "_run_probe", lambda name, timeout: failed)
    check = kernel.kernel_starts("other")
    assert not check.ok and other in check.detail and PY in check.detail
    assert "No module named 'kit'" in check.detail
    assert check.fix.startswith(f"{PY} -m ipykernel install --")


def test_a_bare_python_in_a_kernelspec_is_this_python():
    assert kernel.kernel_python(["python", "-m", "ipykernel_launcher"]) == PY
    assert (
        kernel.kernel_python(["/opt/x/bin/python", "-m", "ipykernel_launcher"])
        == "/opt/x/bin/python"
    )


@pytest.mark.slow
def test_the_python3_kernel_really_starts_and_imports_the_kit():
    check = kernel.kernel_starts()
    assert check.ok, check.detail
    assert kernel.PROBE in check.detail and " s (" in check.detail


# 4. The widgets extension


def test_the_widgets_manager_found_with_its_version(tmp_path):
    check = checks.widgets_extension(labextensions(tmp_path, "5.0.13"))
    assert check.ok and "5.0.13" in check.detail and str(tmp_path) in check.detail


def test_no_widgets_manager_says_install_jupyterlab_widgets(tmp_path):
    check = checks.widgets_extension(labextensions(tmp_path, None))
    assert not check.ok and str(tmp_path) in check.detail
    assert check.fix == f'{PY} -m pip install "jupyterlab_widgets>=3" ipywidgets'


def test_a_widgets_manager_too_old_for_ipywidgets_8_fails(tmp_path):
    check = checks.widgets_extension(labextensions(tmp_path, "3.1.0"))
    assert not check.ok and "3.1.0" in check.detail and "jupyterlab_widgets" in check.fix


# 5. Sample data


def test_intact_sample_data_pass():
    check = checks.sample_data()
    assert check.ok and "manifiesto" in check.detail


def test_changed_sample_data_say_how_to_rebuild_them(monkeypatch):
    from kit.data import DataProblem

    monkeypatch.setattr("kit.data.verify", lambda: [DataProblem("procurement/x.json.gz", "x")])
    check = checks.sample_data()
    assert not check.ok and "procurement/x.json.gz" in check.detail
    assert check.fix == f"{PY} -m kit.samples"


# 6. Disk space


def test_enough_disk_space_shows_the_free_gib(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "disk_usage", lambda where: Usage(100 * GIB, 95 * GIB, 5 * GIB))
    check = checks.disk_space(tmp_path)
    assert check.ok and "5.0 GiB" in check.detail and str(tmp_path) in check.detail


def test_too_little_disk_space_says_how_much_to_free(monkeypatch, tmp_path):
    monkeypatch.setattr(shutil, "disk_usage", lambda where: Usage(100 * GIB, 99 * GIB, GIB // 4))
    check = checks.disk_space(tmp_path)
    assert not check.ok and "0.2 GiB" in check.detail and "0.8 GiB" in check.detail
    assert check.fix == f"{PY} -m pip cache purge"


# 7. The organizers' tools


def test_the_sandbox_is_skipped_without_organizer_even_when_it_would_fail(sandbox_says):
    sandbox_says(False, "no bwrap")
    check = checks.sandbox(organizer=False)
    assert check.skipped and not check.failed and "no bwrap" not in check.detail


def test_the_sandbox_counts_with_organizer(sandbox_says):
    assert checks.sandbox(organizer=True).ok
    sandbox_says(False, "no bwrap")
    check = checks.sandbox(organizer=True)
    assert check.failed and "no bwrap" in check.detail and "sudo " in check.fix


def test_alembic_is_found_next_to_this_python():
    check = checks.alembic(organizer=True)
    assert check.ok and "alembic" in check.detail
    assert checks.alembic(organizer=False).skipped


def test_alembic_missing_says_how_to_install_it(tmp_path):
    check = checks.alembic(organizer=True, path=str(tmp_path))
    assert check.failed and f"{PY} -m pip install --force-reinstall" in check.fix
    assert "alembic" in check.fix


# All together, and the command


def test_run_checks_gives_every_check_in_order(kernel_says, sandbox_says):
    names = [check.name for check in run_checks()]
    assert names[:3] == ["Python", "Paquetes del kit", "Kernel"]
    assert len(names) == 8


def test_all_set_in_spanish(kernel_says, sandbox_says, capsys):
    sandbox_says(False, "instala bubblewrap")  # not counted without --organizer
    assert main(["doctor"]) == 0
    out = capsys.readouterr().out
    assert "Paquetes del kit" in out and "Espacio en disco" in out and "Todo listo" in out
    assert "solo para organización" in out and "instala bubblewrap" not in out


def test_a_missing_sandbox_fails_with_organizer_and_says_how_to_fix_it(
    kernel_says, sandbox_says, capsys
):
    sandbox_says(False, "instala bubblewrap")
    assert main(["doctor", "--organizer"]) == 1
    out = capsys.readouterr().out
    assert "instala bubblewrap" in out and "1 revisión(es)" in out and "→ ejecuta: sudo " in out


def test_english_output_reports_changed_data_with_the_command(kernel_says, monkeypatch, capsys):
    from kit.data import DataProblem

    monkeypatch.setattr("kit.data.verify", lambda: [DataProblem("procurement/x.json.gz", "x")])
    assert main(["--lang", "en", "doctor"]) == 1
    out = capsys.readouterr().out
    assert "procurement/x.json.gz" in out and "1 check(s) failed" in out
    assert f"→ run: {PY} -m kit.samples" in out and "organizers only" in out


def test_every_failure_shows_a_command_to_run(
    kernel_says, sandbox_says, monkeypatch, tmp_path, capsys
):
    from kit.data import DataProblem

    kernel_says(False, "kernel died", f"{PY} -m ipykernel install --user")
    sandbox_says(False, "no bwrap")
    monkeypatch.setattr("kit.data.verify", lambda: [DataProblem("x.csv", "x")])
    monkeypatch.setattr(shutil, "disk_usage", lambda where: Usage(GIB, GIB, 0))
    monkeypatch.setattr("jupyter_core.paths.jupyter_path", lambda *parts: [str(tmp_path)])
    monkeypatch.setattr(checks, "MIN_PYTHON", (99, 0))
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    found = run_checks(organizer=True)
    assert [check.failed for check in found] == [True, False, True, True, True, True, True, True]
    monkeypatch.setattr("kit.doctor.run_checks", lambda organizer: found)
    assert main(["doctor", "--organizer"]) == 1
    out = capsys.readouterr().out
    assert "7 revisión(es)" in out and out.count("→ ejecuta:") == 7
    for check in found:
        for command in (check.fix or "").splitlines():
            assert f"  {command}\n" in out  # the unwrapped list to copy, one command a line
