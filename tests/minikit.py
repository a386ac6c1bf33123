"""Build a miniature kit (one track, one notebook, two graded tasks) to test the pipeline on."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

REPO = Path(__file__).resolve().parents[1]


def md(es: str, en: str) -> nbformat.NotebookNode:
    return new_markdown_cell(
        f'{es}\n\n<details lang="en"><summary>English</summary>\n\n{en}\n\n</details>'
    )


def answer(grade_id: str, source: str) -> nbformat.NotebookNode:
    meta = {
        "grade": False,
        "solution": True,
        "locked": False,
        "grade_id": grade_id,
        "schema_version": 3,
    }
    return new_code_cell(source, metadata={"nbgrader": meta})


def test_cell(grade_id: str, source: str, points: int = 1) -> nbformat.NotebookNode:
    meta = {
        "grade": True,
        "solution": False,
        "locked": True,
        "grade_id": grade_id,
        "points": points,
        "schema_version": 3,
    }
    return new_code_cell(source, metadata={"nbgrader": meta})


def demo_notebook() -> nbformat.NotebookNode:
    cells = [
        md("# Bienvenida", "# Welcome"),
        new_code_cell('DATA_SOURCE = "sample"\nLANG = "es"', metadata={"tags": ["parameters"]}),
        new_code_cell(
            "import kit\nfrom kit import tutorial\n\nkit.setup(lang=LANG)\n"
            "datos = tutorial.load(DATA_SOURCE)\ncheck = tutorial.TASKS.bind(datos)\n"
            "datos"
        ),
        md(
            "**Tarea 1.** Suma los montos en `monto_total`.",
            "**Task 1.** Sum the amounts into `monto_total`.",
        ),
        answer(
            "total-respuesta",
            "monto_total = ...\n### BEGIN SOLUTION\n"
            'monto_total = datos["monto"].sum()\n### END SOLUTION\nmonto_total',
        ),
        test_cell(
            "total-prueba",
            "check.total(monto_total)\n### BEGIN HIDDEN TESTS\n"
            "check.total.assert_correct(monto_total)\n### END HIDDEN TESTS",
        ),
        md(
            "**Tarea 2.** Las adjudicaciones directas, en `directas`.",
            "**Task 2.** The direct awards, in `directas`.",
        ),
        answer(
            "directas-respuesta",
            "directas = ...\n### BEGIN SOLUTION\n"
            'directas = datos[datos["metodo"] == "directa"]\n### END SOLUTION\ndirectas',
        ),
        test_cell(
            "directas-prueba",
            "check.directas(directas)\n### BEGIN HIDDEN TESTS\n"
            "check.directas.assert_correct(directas)\n### END HIDDEN TESTS",
        ),
        new_code_cell(
            'import matplotlib.pyplot as plt\n\ndatos.plot.bar(x="contrato", y="monto")\nplt.show()'
        ),
    ]
    metadata = {
        "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
        "language_info": {"name": "python"},
        "kit": {
            "track": "demo",
            "order": 1,
            "title": {"es": "Bienvenida", "en": "Welcome"},
            "minutes": 10,
            "level": "básico",
            "datasets": ["tutorial"],
            "taskset": "kit.tutorial:TASKS",
        },
    }
    return new_notebook(cells=cells, metadata=metadata)


def make_minikit(root: Path) -> Path:
    """A kit checkout in ``root`` with the demo track in solutions/ (not yet released)."""
    (root / "solutions" / "demo").mkdir(parents=True)
    (root / "challenges").mkdir()
    shutil.copy(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    nbformat.write(demo_notebook(), root / "solutions" / "demo" / "01_bienvenida.ipynb")
    return root
