"""Reading the kit's notebook conventions out of a notebook: cells, markers, tasks."""

from __future__ import annotations

import ast
import importlib
import re
from dataclasses import dataclass
from typing import Any

from nbformat import NotebookNode

__all__ = [
    "BEGIN_HIDDEN",
    "BEGIN_SOLUTION",
    "END_HIDDEN",
    "END_SOLUTION",
    "GradedCell",
    "graded_cells",
    "hidden_tests",
    "load_taskset",
    "nbgrader_meta",
    "placeholder_names",
    "region_lines",
    "solution_regions",
]

BEGIN_SOLUTION, END_SOLUTION = "### BEGIN SOLUTION", "### END SOLUTION"
BEGIN_HIDDEN, END_HIDDEN = "### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"
CHECK_CALL = re.compile(r"\bcheck\.(\w+)\s*\(")
CHECK_ASSERT = re.compile(r"\bcheck\.(\w+)\.assert_correct\s*\(")


def nbgrader_meta(cell: NotebookNode) -> dict[str, Any]:
    return cell.get("metadata", {}).get("nbgrader", {})


@dataclass(frozen=True)
class GradedCell:
    """An autograder-tests cell: its position, grade id, points and the tasks it checks."""

    index: int
    grade_id: str
    points: float
    visible_tasks: tuple[str, ...]
    hidden_tasks: tuple[str, ...]
    hidden_source: str


def graded_cells(nb: NotebookNode) -> list[GradedCell]:
    found = []
    for index, cell in enumerate(nb.cells):
        meta = nbgrader_meta(cell)
        if cell.cell_type != "code" or not meta.get("grade") or meta.get("solution"):
            continue
        hidden = hidden_tests(cell.source)
        visible = _without_region(cell.source, BEGIN_HIDDEN, END_HIDDEN)
        found.append(
            GradedCell(
                index=index,
                grade_id=meta.get("grade_id", ""),
                points=float(meta.get("points", 0)),
                visible_tasks=tuple(CHECK_CALL.findall(visible)),
                hidden_tasks=tuple(CHECK_ASSERT.findall(hidden)),
                hidden_source=hidden,
            )
        )
    return found


def region_lines(source: str, begin: str, end: str) -> list[str]:
    """The lines between ``begin`` and ``end`` markers (exclusive), all regions of a cell."""
    lines, inside = [], False
    for line in source.splitlines():
        if line.strip().startswith(begin):
            inside = True
        elif line.strip().startswith(end):
            inside = False
        elif inside:
            lines.append(line)
    return lines


def hidden_tests(source: str) -> str:
    return "\n".join(region_lines(source, BEGIN_HIDDEN, END_HIDDEN))


def solution_regions(nb: NotebookNode) -> list[tuple[int, list[str]]]:
    return [
        (index, region_lines(cell.source, BEGIN_SOLUTION, END_SOLUTION))
        for index, cell in enumerate(nb.cells)
        if BEGIN_SOLUTION in cell.source
    ]


def _without_region(source: str, begin: str, end: str) -> str:
    inside_lines = set(region_lines(source, begin, end))
    return "\n".join(
        line
        for line in source.splitlines()
        if line not in inside_lines and not line.strip().startswith((begin, end))
    )


def placeholder_names(source: str) -> set[str]:
    """Names assigned ``...`` before the solution region (``answer = ...``)."""
    before = source.split(BEGIN_SOLUTION, 1)[0]
    try:
        tree = ast.parse(before)
    except SyntaxError:
        return set()
    return {
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and node.value.value is Ellipsis
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def load_taskset(spec: str):
    """The TaskSet named ``module:attribute`` in a notebook's ``kit.taskset`` metadata."""
    module, _, attribute = spec.partition(":")
    return getattr(importlib.import_module(module), attribute)
