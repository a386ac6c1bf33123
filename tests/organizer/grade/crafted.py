"""Crafted submissions of the miniature kit's notebook: honest, wrong, and every attack we know.

Each builder takes the released notebook (``challenges/demo/01_bienvenida.ipynb``) and returns the
notebook a team would hand in, or raw bytes for files that are not notebooks at all. ``EXPECTED``
says how many points (of 2) each team must get.
"""

from __future__ import annotations

import copy
import json

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell

RIGHT = {
    "total-respuesta": 'monto_total = datos["monto"].sum()\nmonto_total',
    "directas-respuesta": 'directas = datos[datos["metodo"] == "directa"]\ndirectas',
}
WRONG_TOTAL = 'monto_total = datos["monto"].sum() * 1.02\nmonto_total'


def _index(nb: NotebookNode, grade_id: str) -> int:
    for index, cell in enumerate(nb.cells):
        if cell.metadata.get("nbgrader", {}).get("grade_id") == grade_id:
            return index
    raise KeyError(grade_id)


def answered(released: NotebookNode, **sources: str) -> NotebookNode:
    """The released notebook with answer cells replaced (grade_id with _ for -)."""
    nb = copy.deepcopy(released)
    for key, source in sources.items():
        nb.cells[_index(nb, key.replace("_", "-"))].source = source
    return nb


def honest(released):
    return answered(released, total_respuesta=RIGHT["total-respuesta"],
                    directas_respuesta=RIGHT["directas-respuesta"])  # fmt: skip


def only_directas(released):
    """Right on task 2, wrong on task 1: what most attacks below start from."""
    return answered(released, total_respuesta=WRONG_TOTAL,
                    directas_respuesta=RIGHT["directas-respuesta"])  # fmt: skip


def after(nb: NotebookNode, grade_id: str, source: str) -> NotebookNode:
    nb.cells.insert(_index(nb, grade_id) + 1, new_code_cell(source))
    return nb


def before(nb: NotebookNode, grade_id: str, source: str) -> NotebookNode:
    nb.cells.insert(_index(nb, grade_id), new_code_cell(source))
    return nb


def edited_test(released):
    nb = only_directas(released)
    nb.cells[_index(nb, "total-prueba")].source = "pass  # the test is gone"
    return nb


def deleted_tests(released):
    nb = honest(released)
    nb.cells = [c for c in nb.cells if not c.metadata.get("nbgrader", {}).get("grade")]
    return nb


def deleted_answer(released):
    nb = only_directas(released)
    del nb.cells[_index(nb, "total-respuesta")]
    return nb


def inflated_points(released):
    nb = only_directas(released)
    for cell in nb.cells:
        if cell.metadata.get("nbgrader", {}).get("grade"):
            cell.metadata["nbgrader"]["points"] = 100
    return nb


def ungraded_test(released):
    nb = only_directas(released)
    meta = nb.cells[_index(nb, "total-prueba")].metadata["nbgrader"]
    meta.update(grade=False, solution=True, locked=False)
    return nb


def fake_graded_cell(released):
    nb = copy.deepcopy(released)
    fake = new_code_cell("print('bonus')")
    fake.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True,
                                 "grade_id": "bonus", "points": 50}  # fmt: skip
    nb.cells.append(fake)
    dup = copy.deepcopy(nb.cells[_index(nb, "total-prueba")])
    dup.source = "pass"
    dup["id"] = "duplicate-test"  # same grade id, its own cell id
    nb.cells.insert(2, dup)  # a second cell claiming to be the test, before the real one
    return nb


def overridden_helpers(released):
    nb = only_directas(released)
    return before(nb, "total-prueba", (
        "import builtins\n"
        "builtins.AssertionError = type('Nothing', (Exception,), {})\n"
        "check.total.assert_correct = lambda *a, **k: None\n"
        "check.total.evaluate = lambda *a, **k: None\n"
        "import kit.check.task as t\nt.BoundTask.assert_correct = lambda *a, **k: None\n"
        "class Always:\n    def __eq__(self, other): return True\n"
        "    def __float__(self): return 1505500.0\n"
        "monto_total = Always()"
    ))  # fmt: skip


def fake_success(released):
    nb = only_directas(released)
    return after(nb, "total-prueba", (
        "from IPython.display import display\n"
        "print('✅ ¡Correcto! [bienvenida/total]')\n"
        "display({'application/vnd.dataton-kit.check+json': {'task': 'bienvenida/total',\n"
        "         'outcome': 'correct'}, 'text/plain': '✅ Correct!'}, raw=True)"
    ))  # fmt: skip


def exits_kernel(released):
    nb = answered(released, total_respuesta=RIGHT["total-respuesta"])
    return after(nb, "total-prueba", "import os\nos._exit(0)")


def exit_call(released):
    nb = answered(released, total_respuesta=RIGHT["total-respuesta"])
    return after(nb, "total-prueba", "exit()")


def segfault(released):
    nb = honest(released)
    return before(nb, "total-respuesta", "import ctypes\nctypes.string_at(0)")


def infinite_loop(released):
    nb = honest(released)
    return before(nb, "total-respuesta", "while True:\n    pass")


def stubborn_loop(released):
    nb = answered(released, total_respuesta=RIGHT["total-respuesta"])
    return after(nb, "total-prueba", (
        "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "while True:\n    pass"
    ))  # fmt: skip


def fork_bomb(released):
    nb = honest(released)
    return after(nb, "directas-prueba", (
        "import os\n"
        "while True:\n"
        "    try:\n        os.fork()\n"
        "    except OSError:\n        pass"
    ))  # fmt: skip


def memory_hog(released):
    nb = honest(released)
    return before(
        nb, "total-respuesta", "hog = bytearray(6 * 1024**3)  # fits in RAM, not in the 4 GiB limit"
    )


def output_flood(released):
    nb = honest(released)
    nb = before(nb, "total-respuesta", "print('x' * 3_000_000)")  # cut, interrupted, continues
    return after(nb, "directas-prueba", "while True:\n    print('x' * 100_000)")  # killed


def planted_links(released, planted: str):
    """Answers replaced, after recording, by links to files outside the sandbox."""
    nb = only_directas(released)
    return after(nb, "total-prueba", (
        "import os\n"
        "answers = os.environ['KIT_GRADE_ANSWERS']\n"
        "target = os.path.join(answers, 'total-prueba.0.json')\n"
        "os.remove(target)\n"
        f"os.symlink({planted!r}, target)\n"
    ))  # fmt: skip


def broken_json(released) -> bytes:
    return json.dumps(nbformat.writes(released))[:200].encode()


def not_a_notebook(released) -> bytes:
    return b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


#: team -> (builder, points expected of 2)
EXPECTED = {
    "honesto": (honest, 2),
    "en-blanco": (lambda r: r, 0),
    "equivocado": (only_directas, 1),
    "edita-prueba": (edited_test, 1),
    "borra-pruebas": (deleted_tests, 0),
    "borra-respuesta": (deleted_answer, 1),
    "infla-puntos": (inflated_points, 1),
    "prueba-sin-nota": (ungraded_test, 1),
    "celda-falsa": (fake_graded_cell, 0),
    "redefine": (overridden_helpers, 1),
    "exito-falso": (fake_success, 1),
    "sale-kernel": (exits_kernel, 1),
    "llama-exit": (exit_call, 1),
    "segfault": (segfault, 0),
    "bucle": (infinite_loop, 2),
    "bucle-terco": (stubborn_loop, 1),
    "bomba-fork": (fork_bomb, 2),
    "memoria": (memory_hog, 2),
    "inunda-salida": (output_flood, 2),
    "json-roto": (broken_json, 0),
    "no-cuaderno": (not_a_notebook, 0),
}
