"""The conventions a mentor session keeps (docs/architecture.md, "Mentor sessions").

They are what a mentor relies on in the room and what ``kit slides`` turns into a deck: a
timing plan that adds up, questions and common mistakes as speaker notes, a live explorer,
both languages, and outputs stored clean (no error, no warning) for nbval to reproduce.
"""

from __future__ import annotations

from typing import Any

from nbformat import NotebookNode

from kit.organizer.validate.conventions import check_languages, check_parameters
from kit.organizer.validate.model import Finding
from kit.sessions.catalog import session_metadata

__all__ = ["NOTE_TAGS", "WIDGET_VIEW", "check_session"]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
#: Tags a session's speaker notes must carry at least once each.
NOTE_TAGS = ("questions", "mistakes")


def check_session(nb: NotebookNode, where: str) -> list[Finding]:
    """Every convention a session breaks (an empty list when it keeps them all)."""
    found = _metadata(nb, where) + _slides(nb, where) + _outputs(nb, where)
    found += [_as_session(f) for f in check_parameters(nb, where, ("LANG",))]
    found += [_as_session(f) for f in check_languages(nb, where)]
    return found


def _finding(where: str, message: str, cell: int | None = None) -> Finding:
    return Finding("mentors", where, message, cell)


def _as_session(finding: Finding) -> Finding:
    return _finding(finding.where, finding.message, finding.cell)


def _bilingual(value: Any) -> bool:
    return isinstance(value, dict) and bool(value.get("es")) and bool(value.get("en"))


def _metadata(nb: NotebookNode, where: str) -> list[Finding]:
    meta = session_metadata(nb)
    if not meta:
        return [_finding(where, "falta metadata kit.session / missing kit.session metadata")]
    found = []
    if not _bilingual(meta.get("title")):
        found.append(_finding(where, "kit.session.title necesita 'es' y 'en' / needs es and en"))
    minutes, plan = meta.get("minutes"), meta.get("plan")
    if not isinstance(minutes, int) or minutes <= 0:
        found.append(_finding(where, "kit.session.minutes: un entero > 0 / a positive integer"))
    if not isinstance(plan, list) or not plan:
        return [*found, _finding(where, "kit.session.plan: falta el plan / the plan is missing")]
    for number, part in enumerate(plan, 1):
        if not (isinstance(part, dict) and _bilingual(part.get("part"))):
            found.append(_finding(where, f"plan, parte {number}: 'part' necesita es y en"))
        if not (isinstance(part, dict) and isinstance(part.get("minutes"), int)):
            found.append(_finding(where, f"plan, parte {number}: 'minutes' entero / an integer"))
    total = sum(p.get("minutes", 0) for p in plan if isinstance(p, dict))
    if isinstance(minutes, int) and total != minutes:
        found.append(
            _finding(where, f"el plan suma {total} min, no {minutes} / plan adds up to {total}")
        )
    return found


def _slide_type(cell: NotebookNode) -> str:
    return cell.metadata.get("slideshow", {}).get("slide_type", "-")


def _slides(nb: NotebookNode, where: str) -> list[Finding]:
    found = []
    shown = [c for c in nb.cells if _slide_type(c) not in ("skip", "notes")]
    if not shown or _slide_type(shown[0]) != "slide":
        found.append(
            _finding(where, "la primera celda visible debe ser 'slide' / first shown cell: slide")
        )
    notes = [c for c in nb.cells if _slide_type(c) == "notes"]
    for tag in NOTE_TAGS:
        if not any(tag in c.metadata.get("tags", []) for c in notes):
            found.append(
                _finding(
                    where,
                    f"ninguna celda de notas lleva la etiqueta {tag!r} (preguntas para el grupo,"
                    f" errores comunes) / no notes cell is tagged {tag!r}",
                )
            )
    return found


def _outputs(nb: NotebookNode, where: str) -> list[Finding]:
    found, widgets = [], 0
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue
        if cell.get("execution_count") is None:
            found.append(
                _finding(where, "sin salidas guardadas: kit sessions --run / not executed", index)
            )
        for output in cell.get("outputs", []):
            kind = output.get("output_type")
            if kind == "error":
                error = f"error guardado / stored error: {output.get('ename')}"
                found.append(_finding(where, error, index))
            elif kind == "stream" and output.get("name") == "stderr":
                text = "".join(output.get("text", ""))[:120].strip()
                found.append(_finding(where, f"aviso en stderr / stderr output: {text}", index))
            widgets += WIDGET_VIEW in output.get("data", {})
    if not widgets:
        found.append(
            _finding(where, "ningún explorador ipywidgets en las salidas / no ipywidgets explorer")
        )
    return found
