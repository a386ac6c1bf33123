"""nbgrader's side of grading: the gradebook, restoring cells, and saving the scores.

The source notebooks are registered the way ``nbgrader generate_assignment`` registers them
(``SaveCells`` after the same preprocessors), so the gradebook holds every graded cell with its
hidden tests and points. A submitted notebook then goes through nbgrader's ``ClearOutput``,
``DeduplicateIds`` and ``CheckCellMetadata``; in place of nbgrader's ``OverwriteCells`` and
``OverwriteKernelspec`` it gets :func:`_reset_from_source`, which does their work from the
source notebook held in memory and closes two holes found while attacking them: ``OverwriteCells``
trusts a ``solution`` flag the participant changed (and then fails on its own checksum check),
and its ``add_missing_cells`` fails when two consecutive cells were deleted. Every nbgrader cell
gets the source's metadata back, locked cells their source, and deleted cells are put back in
order. Scores are written by nbgrader's ``SaveAutoGrades``, through one gradebook connection
kept open for the whole run, from outputs the grader wrote itself.
"""

from __future__ import annotations

import ast
import copy
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode

from kit.errors import GradingError
from kit.organizer.layout import KitLayout
from kit.organizer.release import load_config

__all__ = ["Capture", "Sanitized", "TrustedNotebook", "register_track", "sanitize", "save_grades"]


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
    kernelspec: dict
    cells: dict[str, NotebookNode]  # grade_id -> the source cell, hidden tests included
    order: list[str]  # grade ids in notebook order
    captures: dict[str, list[Capture]] = field(default_factory=dict)  # test grade_id -> answers
    points: dict[str, float] = field(default_factory=dict)  # test grade_id -> points

    @property
    def max_points(self) -> float:
        return sum(self.points.values())

    def released(self, grade_id: str) -> str:
        """A cell's source as participants received it (hidden tests removed)."""
        text = self.cells[grade_id].source
        begin, end = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
        while begin in text and end in text:
            head, _, rest = text.partition(begin)
            _, _, tail = rest.partition(end)
            text = head.rstrip("\n") + ("\n" + tail.lstrip("\n") if tail.strip() else "")
        return text


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
    kernelspec = dict(nb.metadata.get("kernelspec", {}))
    notebook = TrustedNotebook(track, path.stem, meta["taskset"], kernelspec, {}, [])
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


@dataclass
class Sanitized:
    """A submitted notebook after sanitising, and what had to be put back."""

    nb: NotebookNode
    missing: list[str]  # grade ids of graded or answer cells the submission lacked
    edited: list[str]  # grade ids of locked cells whose source was changed


def sanitize(nb: NotebookNode, notebook: TrustedNotebook) -> Sanitized:
    """A submitted notebook made safe to grade: outputs cleared, cells restored from the source."""
    from nbgrader import preprocessors as pp

    resources = {"nbgrader": {"notebook": notebook.name, "assignment": notebook.track}}
    for cell in nb.cells:  # a submission may carry anything in metadata
        info = cell.metadata.get("nbgrader")
        if not isinstance(info, dict) or info.get("grade_id") not in notebook.cells:
            cell.metadata.pop("nbgrader", None)
    _unique_cell_ids(nb)
    nb, resources = pp.ClearOutput().preprocess(nb, resources)
    nb, resources = pp.DeduplicateIds().preprocess(nb, resources)
    present = {cell.metadata["nbgrader"].get("grade_id"): cell for cell in nb.cells
               if "nbgrader" in cell.metadata}  # fmt: skip
    missing = [grade_id for grade_id in notebook.order if grade_id not in present]
    _restore_missing_cells(nb, notebook)
    edited = [
        grade_id
        for grade_id, cell in present.items()
        if notebook.cells[grade_id].metadata["nbgrader"].get("locked")
        and cell.source != notebook.released(grade_id)
    ]
    nb.metadata["kernelspec"] = copy.deepcopy(notebook.kernelspec)
    _reset_from_source(nb, notebook)
    nb, resources = pp.CheckCellMetadata().preprocess(nb, resources)
    return Sanitized(nb, missing, edited)


def _reset_from_source(nb: NotebookNode, notebook: TrustedNotebook) -> None:
    """Every nbgrader cell gets the source's metadata; locked ones its type and text too."""
    for cell in nb.cells:
        info = cell.metadata.get("nbgrader", {})
        source = notebook.cells.get(info.get("grade_id"))
        if source is None:
            continue
        cell.metadata["nbgrader"] = copy.deepcopy(source.metadata["nbgrader"])
        if source.metadata["nbgrader"].get("locked"):
            cell.metadata["editable"] = cell.metadata["deletable"] = False
            if cell.cell_type != source.cell_type:
                cell.cell_type = source.cell_type
                cell.pop("attachments", None)
                if source.cell_type == "code":
                    cell.outputs, cell.execution_count = [], None
                else:
                    cell.pop("outputs", None), cell.pop("execution_count", None)
            cell.source = source.source


def _unique_cell_ids(nb: NotebookNode) -> None:
    """Give copied or missing cell ids fresh ones (nbformat 4.5 requires unique ids)."""
    seen: set[str] = set()
    for cell in nb.cells:
        if not isinstance(cell.get("id"), str) or cell["id"] in seen:
            cell["id"] = uuid.uuid4().hex[:8]
        seen.add(cell["id"])


def _restore_missing_cells(nb: NotebookNode, notebook: TrustedNotebook) -> None:
    """Put back deleted graded and answer cells, each before the next source cell present.

    nbgrader's ``add_missing_cells`` restores graded cells only, and fails when the cell before
    a missing one is missing too; this restores every cell of the source, in order.
    """
    for position, grade_id in enumerate(notebook.order):
        ids = [cell.metadata.get("nbgrader", {}).get("grade_id") for cell in nb.cells]
        if grade_id in ids:
            continue
        later = [ids.index(g) for g in notebook.order[position + 1 :] if g in ids]
        index = later[0] if later else len(nb.cells)
        nb.cells.insert(index, copy.deepcopy(notebook.cells[grade_id]))
    _unique_cell_ids(nb)


def save_grades(nb: NotebookNode, notebook: TrustedNotebook, team: str, gradebook: Any) -> None:
    """nbgrader's SaveAutoGrades on the graded notebook (test outputs written by the grader),
    through an open gradebook (nbgrader's own opens a new connection per notebook)."""
    from nbgrader.preprocessors import NbGraderPreprocessor, SaveAutoGrades

    step = SaveAutoGrades()
    step.notebook_id, step.assignment_id, step.student_id = notebook.name, notebook.track, team
    step.gradebook = gradebook
    NbGraderPreprocessor.preprocess(step, nb, {})
