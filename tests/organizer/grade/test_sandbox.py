"""What sandboxed participant code can and cannot do, asked from inside a real sandbox."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from kit.organizer.grade import Limits, find_sandbox
from kit.organizer.grade.execute import run_in_sandbox
from kit.organizer.layout import KitLayout

PROBE = """
import json, os, resource, socket
found = {}

def attempt(name, action):
    try:
        found[name] = ("ok", action())
    except Exception as error:
        found[name] = ("error", type(error).__name__)

attempt("connect", lambda: socket.create_connection(("1.1.1.1", 53), timeout=2) and "connected")
attempt("resolve", lambda: socket.getaddrinfo("pypi.org", 443) and "resolved")
for name, path in PATHS.items():
    found["sees_" + name] = os.path.exists(path)
attempt("write_usr", lambda: open("/usr/kit-probe", "w").write("x"))
attempt("write_kit", lambda: open(os.path.join(KIT, "probe.py"), "w").write("x"))
attempt("write_cwd", lambda: open("mine.txt", "w").write("x"))
attempt("setuid_root", lambda: os.setuid(0))
found["uid"] = os.getuid()
found["secret"] = os.environ.get("KIT_TEST_SECRET")
found["memory"] = resource.getrlimit(resource.RLIMIT_AS)[0]
found["processes"] = resource.getrlimit(resource.RLIMIT_NPROC)[0]
found["cpu"] = resource.getrlimit(resource.RLIMIT_CPU)[0]
found["pids"] = sorted(int(p) for p in os.listdir("/proc") if p.isdigit())
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def inside(sandbox, tmp_path_factory):
    """The probe's findings, run once in a sandbox with a fake gradebook and neighbour."""
    import kit

    root = tmp_path_factory.mktemp("sandbox")
    gradebook = root / "gradebook.db"
    gradebook.write_text("secret", encoding="utf-8")
    neighbour = root / "submitted" / "otro-equipo" / "demo"
    neighbour.mkdir(parents=True)
    mine = root / "submitted" / "equipo" / "demo"
    mine.mkdir(parents=True)
    (mine / "datos.csv").write_text("a\n1\n", encoding="utf-8")
    paths = {
        "solutions": str(KitLayout.find(Path(__file__)).solutions),
        "gradebook": str(gradebook),
        "neighbour": str(neighbour),
        "own_original": str(mine),
    }
    kit_dir = str(Path(kit.__file__).parent)
    cells = [new_code_cell(f"PATHS = {paths!r}\nKIT = {kit_dir!r}"), new_code_cell(PROBE)]
    limits = Limits(cell_timeout=30, notebook_timeout=90, memory_bytes=3 * 1024**3, processes=99)
    os.environ["KIT_TEST_SECRET"] = "s3cret"
    try:
        run = run_in_sandbox(new_notebook(cells=cells), mine, find_sandbox(limits), limits, 0)
    finally:
        del os.environ["KIT_TEST_SECRET"]
    try:
        text = "".join(o.get("text", "") for o in run.executed.cells[1].outputs)
        copied = (run.scratch / "work" / "datos.csv").is_file()
        return json.loads(text), limits, copied, mine
    finally:
        run.cleanup()


def test_no_network(inside):
    found, *_ = inside
    assert found["connect"][0] == "error" and found["resolve"][0] == "error"


@pytest.mark.parametrize("name", ["solutions", "gradebook", "neighbour", "own_original"])
def test_the_organizers_files_and_other_submissions_are_not_there(inside, name):
    found, *_ = inside
    assert found[f"sees_{name}"] is False


def test_the_system_and_the_kit_are_read_only_and_only_the_scratch_copy_is_writable(inside):
    found, _, copied, mine = inside
    assert found["write_usr"][0] == "error"
    assert found["write_kit"][0] == "error"
    assert found["write_cwd"][0] == "ok"
    assert copied  # the team's own files are there, as a copy
    assert not (mine / "mine.txt").exists()  # writing never reached the submission itself


def test_no_root_and_no_organizer_environment(inside):
    found, *_ = inside
    assert found["uid"] != 0 or os.geteuid() != 0
    assert found["setuid_root"][0] == "error"
    assert found["secret"] is None


def test_resource_limits_are_set(inside):
    found, limits, *_ = inside
    assert found["memory"] == limits.memory_bytes
    assert found["processes"] == limits.processes
    assert found["cpu"] == limits.cpu_seconds


def test_only_the_sandbox_processes_are_visible(inside):
    found, *_ = inside
    assert os.getpid() not in found["pids"]
    assert len(found["pids"]) < 20 and 1 in found["pids"]
