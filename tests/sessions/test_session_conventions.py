"""The conventions of a mentor session have teeth: each one broken is reported, by name."""

from __future__ import annotations

import copy

import nbformat
import pytest
from conftest import session_notebook

from kit.sessions import check_session
from kit.sessions.conventions import WIDGET_VIEW


def _executed() -> nbformat.NotebookNode:
    """The test session as if run: every code cell numbered, one widget view among the outputs."""
    nb = session_notebook()
    count = 0
    for cell in nb.cells:
        if cell.cell_type == "code":
            count += 1
            cell.execution_count = count
    widget = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    nb.cells[-1].outputs = [
        nbformat.v4.new_output("display_data", {WIDGET_VIEW: widget, "text/plain": "explorer"})
    ]
    return nb


def _messages(nb) -> str:
    return " | ".join(str(f) for f in check_session(nb, "s.ipynb"))


def test_a_session_that_keeps_every_convention_has_no_finding():
    assert check_session(_executed(), "s.ipynb") == []


def _break(change):
    nb = copy.deepcopy(_executed())
    change(nb)
    return _messages(nb)


def _drop_plan(nb):
    del nb.metadata["kit"]["session"]["plan"]


def _unbalanced(nb):
    nb.metadata["kit"]["session"]["minutes"] = 25


def _one_language_title(nb):
    nb.metadata["kit"]["session"]["title"] = {"es": "Solo español"}


def _no_questions(nb):
    nb.cells[3].metadata["tags"] = []


def _no_mistakes(nb):
    nb.cells[4].metadata["tags"] = []


def _title_not_a_slide(nb):
    nb.cells[0].metadata["slideshow"]["slide_type"] = "fragment"


def _no_widget(nb):
    nb.cells[-1].outputs = []


def _not_executed(nb):
    nb.cells[5].execution_count = None


def _stored_error(nb):
    nb.cells[5].outputs = [nbformat.v4.new_output("error", ename="KeyError", evalue="x")]


def _warning(nb):
    nb.cells[5].outputs = [nbformat.v4.new_output("stream", name="stderr", text="FutureWarning")]


def _spanish_only(nb):
    nb.cells[6].source = "## El explorador"


def _no_lang(nb):
    nb.cells[1].source = 'DATA_SOURCE = "sample"'


def _no_metadata(nb):
    del nb.metadata["kit"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_drop_plan, "falta el plan"),
        (_unbalanced, "el plan suma 20 min, no 25"),
        (_one_language_title, "kit.session.title necesita 'es' y 'en'"),
        (_no_questions, "etiqueta 'questions'"),
        (_no_mistakes, "etiqueta 'mistakes'"),
        (_title_not_a_slide, "la primera celda visible debe ser 'slide'"),
        (_no_widget, "ningún explorador ipywidgets"),
        (_not_executed, "sin salidas guardadas"),
        (_stored_error, "error guardado / stored error: KeyError"),
        (_warning, "aviso en stderr / stderr output: FutureWarning"),
        (_spanish_only, '<details lang="en">'),
        (_no_lang, "no define LANG"),
        (_no_metadata, "falta metadata kit.session"),
    ],
)
def test_each_broken_convention_is_reported(change, expected):
    assert expected in _break(change)
