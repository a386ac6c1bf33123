"""The notebook that runs in the sandbox: the participant's cells, test cells turned into records.

A test cell's hidden tests would run beside participant code, where anything can be redefined
(``check``, ``AssertionError``, the printing of results). So the sandboxed notebook gets, in place
of each test cell, one line per answer it checks: ``_kit_capture.save(key, lambda: (<answer>))``.
The answer is evaluated at the same point of the notebook as the test would have been, and the
judge compares it outside. A first cell imports the recorder.
"""

from __future__ import annotations

import copy
import json

from nbformat import NotebookNode
from nbformat.v4 import new_code_cell

from kit.organizer.grade.gradebook import TrustedNotebook

__all__ = ["SETUP_SOURCE", "sandbox_notebook", "test_cell_ids"]

SETUP_SOURCE = "import kit.organizer.grade.capture as _kit_capture"


def test_cell_ids(nb: NotebookNode, notebook: TrustedNotebook) -> list[str | None]:
    """For each cell, the grade id of the test cell it is, or None."""
    ids: list[str | None] = []
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        ids.append(grade_id if grade_id in notebook.captures else None)
    return ids


def sandbox_notebook(sanitized: NotebookNode, notebook: TrustedNotebook) -> NotebookNode:
    """``sanitized`` with a setup cell first and every test cell replaced by answer records."""
    nb = copy.deepcopy(sanitized)
    for cell, grade_id in zip(nb.cells, test_cell_ids(nb, notebook), strict=True):
        if grade_id is not None:
            cell.source = "\n".join(
                f"_kit_capture.save({json.dumps(c.key)}, lambda: ({c.expression}))"
                for c in notebook.captures[grade_id]
            )
    nb.cells.insert(0, new_code_cell(SETUP_SOURCE))
    for cell in nb.cells:  # a participant's "skip-execution" tag must not skip the recorder
        cell.metadata.pop("tags", None)
    return nb
