"""nbgrader's side of grading: the gradebook, restoring cells, and saving the scores.

The source notebooks are registered the way ``nbgrader generate_assignment`` registers them
(``SaveCells`` after the same preprocessors), so the gradebook holds every graded cell with its
hidden tests and points. A submitted notebook then goes through nbgrader's own sanitising steps
(``ClearOutput``, ``DeduplicateIds``, ``OverwriteKernelspec``, ``OverwriteCells`` with missing
cells added back, ``CheckCellMetadata``) plus one of ours that nbgrader lacks: every cell's
nbgrader metadata is reset from the source (a participant who turns a test cell into a
non-graded one, or invents a graded cell, gets the source's metadata back). Scores are written
by nbgrader's ``SaveAutoGrades``, from outputs the grader wrote itself.
"""

from __future__ import annotations

import ast
import copy
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
from nbformat import NotebookNode

from kit.errors import GradingError
from kit.organizer.layout import KitLayout
from kit.organizer.release import load_config

__all__ = ["Capture", "TrustedNotebook", "register_track", "sanitize", "save_grades"]


@dataclass(frozen=True)
class Capture:
    """One answer a test cell checks: ``check.<task>.assert_correct(<expression>)``."""

    key: str
    task: str
    expression: str


@dataclass
class TrustedNotebook:
    """A source notebook as the grader knows it (never from a submission)."""

    track: str
    name: str  # file name without .ipynb (nbgrader's notebook id)
    taskset: str  # "module:attribute"
    cells: dict[str, NotebookNode]  # grade_id -> the source cell, hidden tests included
    order: list[str]  # grade ids in notebook order
    captures: dict[str, list[Capture]] = field(default_factory=dict)  # test grade_id -> answers
    points: dict[str, float] = field(default_factory=dict)  # test grade_id -> points

    @property
    def max_points(self) -> float:
        return sum(self.points.values())


def register_track(layout: KitLayout, track: str, db_url: str) -> list[TrustedNotebook]:
    """Put ``solutions/<track>/`` into the gradebook; the trusted view of each notebook."""
    from nbgrader import preprocessors as pp
    from nbgrader.api import Gradebook

    config = load_config(layout)
    with Gradebook(db_url) as gb:
        gb.update_or_create_assignment(track)
    trusted = []
    for path in layout.solution_notebooks(track):
        nb = nbformat.read(path, as_version=4)
        resources = {"nbgrader": {"notebook": path.stem, "assignment": track, "db_url": db_url}}
        for step in (pp.LockCells, pp.ClearSolutions, pp.ClearOutput, pp.CheckCellMetadata,
                     pp.ComputeChecksums, pp.SaveCells):  # fmt: skip
            nb, resources = step(config=config).preprocess(nb, resources)
        trusted.append(_trusted(track, path, nb))
    return trusted


def _trusted(track: str, path: Path, nb: NotebookNode) -> TrustedNotebook:
    meta = nb.metadata.get("kit", {})
    if not meta.get("taskset"):
        raise GradingError(f"{path}: metadata kit.taskset is missing (which tasks to judge?)")
    notebook = TrustedNotebook(track, path.stem, meta["taskset"], {}, [])
    for cell in nb.cells:
        info = cell.metadata.get("nbgrader", {})
        if "grade_id" not in info:
            continue
        notebook.cells[info["grade_id"]] = copy.deepcopy(cell)
        notebook.order.append(info["grade_id"])
        if info.get("grade") and not info.get("solution") and cell.cell_type == "code":
            notebook.captures[info["grade_id"]] = _captures(path, info["grade_id"], cell.source)
            notebook.points[info["grade_id"]] = float(info.get("points", 0))
    return notebook


def _captures(path: Path, grade_id: str, source: str) -> list[Capture]:
    """The answers a test cell checks, read from its hidden tests."""
    found = []
    for node in ast.walk(ast.parse(source)):
        func = node.func if isinstance(node, ast.Call) else None
        if (
            isinstance(func, ast.Attribute)
            and func.attr == "assert_correct"
            and isinstance(func.value, ast.Attribute)
            and len(node.args) == 1
            and not node.keywords
        ):
            expression = ast.get_source_segment(source, node.args[0])
            key = f"{grade_id}.{len(found)}"
            found.append(Capture(key, func.value.attr, expression or ""))
    if not found:
        raise GradingError(
            f"{path}, {grade_id}: a graded test cell must call `check.<task>.assert_correct(x)` "
            "in its hidden tests; the grader judges those answers outside the participant's "
            "kernel and understands no other test."
        )
    return found


def sanitize(nb: NotebookNode, notebook: TrustedNotebook, db_url: str) -> NotebookNode:
    """nbgrader's sanitising of a submitted notebook, then metadata reset from the source."""
    from nbgrader import preprocessors as pp

    resources = {
        "nbgrader": {"notebook": notebook.name, "assignment": notebook.track, "db_url": db_url}
    }
    for cell in nb.cells:  # a submission may carry anything in metadata
        info = cell.metadata.get("nbgrader")
        if not isinstance(info, dict) or info.get("grade_id") not in notebook.cells:
            cell.metadata.pop("nbgrader", None)
    nb, resources = pp.ClearOutput().preprocess(nb, resources)
    nb, resources = pp.DeduplicateIds().preprocess(nb, resources)
    nb, resources = pp.OverwriteKernelspec().preprocess(nb, resources)
    nb, resources = pp.OverwriteCells(add_missing_cells=True).preprocess(nb, resources)
    for cell in nb.cells:
        info = cell.metadata.get("nbgrader", {})
        source = notebook.cells.get(info.get("grade_id"))
        if source is None:
            continue
        cell.metadata["nbgrader"] = copy.deepcopy(source.metadata["nbgrader"])
        if info.get("locked") or source.metadata["nbgrader"].get("locked"):
            cell.cell_type = source.cell_type
            cell.source = source.source
    nb, resources = pp.CheckCellMetadata().preprocess(nb, resources)
    return nb


def save_grades(nb: NotebookNode, notebook: TrustedNotebook, team: str, db_url: str) -> None:
    """nbgrader's SaveAutoGrades on the graded notebook (test outputs written by the grader)."""
    from nbgrader import preprocessors as pp

    resources = {
        "nbgrader": {
            "notebook": notebook.name,
            "assignment": notebook.track,
            "student": team,
            "db_url": db_url,
        }
    }
    pp.SaveAutoGrades().preprocess(nb, resources)
