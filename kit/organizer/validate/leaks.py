"""Check 4: nothing of the answers reaches challenges/ (solution code, hidden tests, values)."""

from __future__ import annotations

import math
import numbers
import re

from nbformat import NotebookNode

from kit.organizer.validate.model import Finding
from kit.organizer.validate.notebooks import (
    BEGIN_HIDDEN,
    BEGIN_SOLUTION,
    END_HIDDEN,
    END_SOLUTION,
    hidden_tests,
    placeholder_names,
    region_lines,
)

__all__ = ["find_leaks", "secret_lines", "value_forms"]

MIN_LINE = 12  # shorter lines ("df.head()") are too common to be evidence of a leak
#: A chained call without arguments on a line of its own (".drop_duplicates()", ".reset_index()")
#: says nothing of the answer and is everywhere: not evidence of a leak either.
BARE_CALL = re.compile(r"^\.\w+\(\)[)\]]*$")


def find_leaks(
    source: NotebookNode, release: NotebookNode, where: str, expected: dict | None = None
) -> list[Finding]:
    """Solution lines, hidden-test lines or expected values of ``source`` found in ``release``."""
    text = "\n".join(cell.source for cell in release.cells)
    code_lines = {
        line.strip()
        for cell in release.cells
        if cell.cell_type == "code"
        for line in cell.source.splitlines()
    }
    found = [
        Finding("leaks", where, f"marcador {marker!r} en el reto / marker in the release")
        for marker in (BEGIN_SOLUTION, BEGIN_HIDDEN, END_HIDDEN)
        if marker in text
    ]
    for index, line in secret_lines(source):
        if line in code_lines:
            found.append(
                Finding(
                    "leaks",
                    where,
                    f"línea de solución o prueba oculta en el reto /"
                    f" solution or hidden-test line leaked: {line[:60]!r}",
                    index,
                )
            )
    for task_id, value in (expected or {}).items():
        for form in value_forms(value):
            if form in text:
                found.append(
                    Finding(
                        "leaks",
                        where,
                        f"la respuesta de {task_id} aparece en el "
                        f"reto / the answer of {task_id} appears: {form!r}",
                    )
                )
                break
    return found


def secret_lines(source: NotebookNode) -> list[tuple[int, str]]:
    """(cell index, line) of every solution-region and hidden-test line worth looking for."""
    secrets = []
    for index, cell in enumerate(source.cells):
        if cell.cell_type != "code":
            continue
        allowed = {f"{name} = ..." for name in placeholder_names(cell.source)}
        lines = region_lines(cell.source, BEGIN_SOLUTION, END_SOLUTION)
        lines += hidden_tests(cell.source).splitlines()
        for line in lines:
            line = line.strip()
            if (
                len(line) >= MIN_LINE
                and not line.startswith("#")
                and line not in allowed
                and not BARE_CALL.match(line)
            ):
                secrets.append((index, line))
    return secrets


def value_forms(value: object) -> list[str]:
    """How a numeric answer could be written in a notebook (only for distinctive numbers)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return []
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        return []
    if number.is_integer():
        whole = int(number)
        return [str(whole), f"{whole:,}"] if abs(whole) >= 1000 else []
    forms = {f"{number:.{digits}f}" for digits in (3, 4)}
    if 0 < abs(number) < 1:
        forms |= {f"{number * 100:.1f} %", f"{number * 100:.1f}%", f"{number * 100:.2f}"}
    return sorted(form for form in forms if len(form.strip("0.-% ")) >= 2)
