"""Check 5: the notebook conventions of docs/architecture.md, on solution sources."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from nbformat import NotebookNode

from kit.organizer.validate.model import Finding
from kit.organizer.validate.notebooks import (
    BEGIN_SOLUTION,
    graded_cells,
    load_taskset,
    nbgrader_meta,
    placeholder_names,
)

__all__ = [
    "REQUIRED_METADATA",
    "check_conventions",
    "check_languages",
    "check_no_outputs",
    "check_parameters",
]

REQUIRED_METADATA = ("track", "order", "title", "minutes", "level", "datasets")
PARAMETERS = ("DATA_SOURCE", "LANG")
ENGLISH_BLOCK = re.compile(r'<details lang="en">\s*<summary>.*?</summary>(.*?)</details>', re.S)


def check_conventions(nb: NotebookNode, where: str, track: str) -> list[Finding]:
    """Every convention a solution notebook must follow (empty list when all hold)."""
    found = [*_metadata(nb, where, track), *check_parameters(nb, where)]
    found += check_languages(nb, where)
    found += check_no_outputs(nb, where)
    found += _graded(nb, where)
    return found


def _finding(where: str, message: str, cell: int | None = None) -> Finding:
    return Finding("conventions", where, message, cell)


def _metadata(nb: NotebookNode, where: str, track: str) -> list[Finding]:
    meta = nb.metadata.get("kit")
    if not isinstance(meta, dict):
        return [_finding(where, "falta metadata 'kit' / missing 'kit' notebook metadata")]
    found = [
        _finding(where, f"metadata kit.{key} falta / is missing")
        for key in REQUIRED_METADATA
        if key not in meta
    ]
    if meta.get("track") not in (None, track):
        found.append(_finding(where, f"kit.track={meta['track']!r} pero la carpeta es {track!r}"))
    title = meta.get("title", {})
    if not (isinstance(title, dict) and title.get("es") and title.get("en")):
        found.append(_finding(where, "kit.title necesita 'es' y 'en' / needs 'es' and 'en'"))
    return found


def check_parameters(
    nb: NotebookNode, where: str, names: tuple[str, ...] = PARAMETERS
) -> list[Finding]:
    """The first code cell is tagged ``parameters`` (papermill) and sets ``names``."""
    code = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    if not code or "parameters" not in code[0][1].metadata.get("tags", []):
        return [
            _finding(
                where,
                "la primera celda de código debe tener la etiqueta 'parameters'"
                " / the first code cell must be tagged 'parameters'",
            )
        ]
    index, cell = code[0]
    try:
        assigned = {
            t.id
            for n in ast.parse(cell.source).body
            if isinstance(n, ast.Assign)
            for t in n.targets
            if isinstance(t, ast.Name)
        }
    except SyntaxError as error:
        return [_finding(where, f"celda parameters no es Python válido: {error}", index)]
    return [
        _finding(where, f"la celda parameters no define {name} / does not set {name}", index)
        for name in names
        if name not in assigned
    ]


def check_languages(nb: NotebookNode, where: str) -> list[Finding]:
    """Markdown cells carry Spanish first and an English <details lang="en"> block."""
    found = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "markdown" or not cell.source.strip():
            continue
        english = ENGLISH_BLOCK.search(cell.source)
        spanish = ENGLISH_BLOCK.sub("", cell.source).strip()
        if not english or not english.group(1).strip():
            found.append(
                _finding(
                    where,
                    'falta el bloque <details lang="en"> con el inglés'
                    ' / missing the English <details lang="en"> block',
                    index,
                )
            )
        elif not spanish:
            found.append(_finding(where, "falta el texto en español / Spanish text missing", index))
    return found


def check_no_outputs(nb: NotebookNode, where: str) -> list[Finding]:
    return [
        _finding(where, "tiene salidas guardadas; guarda sin salidas / stored outputs", index)
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count"))
    ]


def _graded(nb: NotebookNode, where: str) -> list[Finding]:
    found = []
    for index, cell in enumerate(nb.cells):
        meta = nbgrader_meta(cell)
        answer = meta.get("solution") and cell.cell_type == "code"
        if answer and BEGIN_SOLUTION in cell.source and not placeholder_names(cell.source):
            found.append(
                _finding(
                    where,
                    "la celda de respuesta debe empezar con "
                    "`respuesta = ...` antes de ### BEGIN SOLUTION / answer "
                    "cells start with `answer = ...`",
                    index,
                )
            )
    cells = graded_cells(nb)
    spec = nb.metadata.get("kit", {}).get("taskset")
    if cells and not spec:
        return [
            *found,
            _finding(
                where, "hay pruebas pero falta kit.taskset / tests without kit.taskset metadata"
            ),
        ]
    if not spec:
        return found
    return found + _tasks_match(cells, spec, where)


def _tasks_match(cells: list, spec: str, where: str) -> list[Finding]:
    try:
        taskset = load_taskset(spec)
    except (ImportError, AttributeError) as error:
        return [_finding(where, f"kit.taskset {spec!r} no se puede importar: {error}")]
    tasks = {task.id: task for task in taskset.tasks}
    found, seen = [], set()
    for cell in cells:
        if not cell.visible_tasks:
            found.append(
                _finding(
                    where,
                    f"{cell.grade_id}: la parte visible no llama a "
                    "check.<tarea>(...) / visible part calls no check",
                    cell.index,
                )
            )
        if not cell.hidden_tasks:
            found.append(
                _finding(
                    where,
                    f"{cell.grade_id}: sin ### BEGIN HIDDEN TESTS con "
                    "check.<tarea>.assert_correct / no hidden tests",
                    cell.index,
                )
            )
        for task_id in {*cell.visible_tasks, *cell.hidden_tasks}:
            if task_id not in tasks:
                found.append(_finding(where, f"check.{task_id}: no existe en {spec}", cell.index))
            elif tasks[task_id].points != cell.points:
                found.append(
                    _finding(
                        where,
                        f"{cell.grade_id}: {cell.points:g} puntos, pero la "
                        f"tarea {task_id} vale {tasks[task_id].points}",
                        cell.index,
                    )
                )
            seen.add(task_id)
    found += [
        _finding(where, f"la tarea {t} de {spec} no tiene celda de prueba / has no test cell")
        for t in tasks
        if t not in seen
    ]
    return found


def notebook_label(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()
