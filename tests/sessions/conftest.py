"""A small mentor session that keeps every convention, for the tests to run, break and present."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from kit.i18n import set_language

EXPLORER = """\
from kit import procurement
from kit.widgets.r003 import threshold_explorer

threshold_explorer(procurement.load())"""


def bilingual(es: str, en: str) -> str:
    return f'{es}\n\n<details lang="en"><summary>English</summary>\n\n{en}\n\n</details>'


def markdown(es: str, en: str, slide: str = "-", tags: tuple[str, ...] = ()):
    cell = nbformat.v4.new_markdown_cell(bilingual(es, en))
    cell.metadata["slideshow"] = {"slide_type": slide}
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def code(source: str, slide: str = "-", tags: tuple[str, ...] = ()):
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["slideshow"] = {"slide_type": slide}
    if tags:
        cell.metadata["tags"] = list(tags)
    return cell


def session_notebook() -> nbformat.NotebookNode:
    """Title, parameters, set-up, notes with questions and mistakes, a table and an explorer."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.metadata["kit"] = {
        "session": {
            "title": {"es": "Umbrales en vivo", "en": "Thresholds, live"},
            "minutes": 20,
            "plan": [
                {"part": {"es": "La pregunta", "en": "The question"}, "minutes": 5},
                {"part": {"es": "El explorador", "en": "The explorer"}, "minutes": 15},
            ],
        }
    }
    nb.cells = [
        markdown("# Umbrales en vivo", "# Thresholds, live", "slide"),
        code('LANG = "es"\nDATA_SOURCE = "sample"', "skip", ("parameters",)),
        code("import kit\n\nkit.setup(lang=LANG)", "skip"),
        markdown("¿Qué umbral usarían?", "Which threshold would you use?", "notes", ("questions",)),
        markdown(
            "Error común: sumar pesos y dólares",
            "Common mistake: adding pesos and dollars",
            "notes",
            ("mistakes",),
        ),
        code("import pandas as pd\n\npd.DataFrame({'umbral': [1, 2]})", "fragment"),
        markdown("## El explorador", "## The explorer", "slide"),
        code(EXPLORER),
    ]
    return nb


@pytest.fixture(autouse=True)
def spanish():
    """Every test starts, and leaves the kit, in Spanish (the default), whatever it switched to."""
    set_language("es")
    yield
    set_language("es")


@pytest.fixture
def session_path(tmp_path) -> Path:
    """The session written (without outputs) in ``tmp_path/mentorship_sessions/``."""
    path = tmp_path / "mentorship_sessions" / "01_umbrales.ipynb"
    path.parent.mkdir()
    nbformat.write(session_notebook(), path)
    return path
