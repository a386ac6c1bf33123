"""Forked kernels: each notebook gets a fresh process; failures stay with their notebook."""

import json
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from kit.organizer.validate.execute import Job, run_jobs

pytestmark = pytest.mark.slow


def job(label: str, *sources: str) -> Job:
    nb = new_notebook(
        cells=[new_code_cell(source) for source in sources],
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
    )
    return Job(label, "solution", nb, Path.cwd())


def text_output(execution, cell: int) -> str:
    outputs = execution.notebook.cells[cell].outputs
    return "".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in outputs)


def test_notebooks_share_no_state_and_get_their_own_process():
    first = job("a", "import os, kit\nkit._mark = 1\nSECRET = 1\nprint(os.getpid())")
    second = job(
        "b", "import os, kit\nprint(os.getpid(), hasattr(kit, '_mark'), 'SECRET' in dir())"
    )
    a, b = run_jobs([first, second], workers=1, timeout=30)
    assert a.error is None and b.error is None
    pid_a = text_output(a, 0).strip()
    pid_b, leaked_module, leaked_global = text_output(b, 0).split()
    assert pid_a != pid_b
    assert (leaked_module, leaked_global) == ("False", "False")


def test_forked_kernels_draw_inline_plots():
    (run,) = run_jobs(
        [job("plot", "import matplotlib.pyplot as plt\nplt.plot([1, 2])\nplt.show()")],
        workers=1,
        timeout=30,
    )
    assert any("image/png" in o.get("data", {}) for o in run.notebook.cells[0].outputs)


def test_a_dying_kernel_is_reported_and_the_others_still_run():
    dying = job("dies", "import os\nos._exit(3)")
    fine = job("fine", "1 + 1")
    dead, ok = run_jobs([dying, fine], workers=2, timeout=30)
    assert dead.error == "DeadKernelError: Kernel died"
    assert ok.error is None and text_output(ok, 0) == "2"


def test_a_cell_over_the_timeout_is_stopped_and_reported():
    (slow,) = run_jobs([job("slow", "import time\ntime.sleep(60)")], workers=1, timeout=2)
    assert slow.error and "Timeout" in slow.error
    assert slow.seconds < 30


def test_plain_kernels_work_too():
    (run,) = run_jobs([job("plain", "21 * 2")], workers=1, timeout=60, fast=False)
    assert run.error is None and text_output(run, 0) == "42"


#: What libraries decide when they are imported: it must be the same in a forked kernel as in
#: one Jupyter starts (pandas fits tables to a terminal's width, but shows 20 columns in a kernel).
LOOKS = """
import json, matplotlib, pandas as pd
wide = pd.DataFrame([range(30)], columns=[f"column_{i}" for i in range(30)])
print(json.dumps({
    "options": {o: pd.get_option(o) for o in ("display.max_columns", "display.width",
                                               "display.max_rows", "display.max_colwidth")},
    "backend": matplotlib.get_backend(),
    "repr": repr(wide),
}))
"""


def test_a_forked_kernel_shows_tables_and_plots_as_a_new_kernel_does():
    forked, new = (
        run_jobs([job(mode, LOOKS)], workers=1, timeout=60, fast=fast)[0]
        for mode, fast in (("forked", True), ("new", False))
    )
    assert forked.error is None and new.error is None
    looks = json.loads(text_output(forked, 0))
    assert looks == json.loads(text_output(new, 0))
    assert looks["options"]["display.max_columns"] == 20
    assert "inline" in looks["backend"]
