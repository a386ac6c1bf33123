"""Per-team feedback pages: each task's result, message and hint, and nothing hidden.

nbgrader's own feedback renders the graded notebook, hidden tests included; these pages are built
only from the judge's feedback (which describes the team's answer, never the expected one) and
the grading problems, so they are safe to send. One self-contained HTML file per team.
"""

from __future__ import annotations

import html
from itertools import groupby
from pathlib import Path

from kit.i18n import get_language, messages
from kit.organizer.grade.results import NotebookResult, Report

__all__ = ["write_feedback"]

MSG = messages(
    "feedback",
    {
        "title": ("Retroalimentación de {team}", "Feedback for {team}"),
        "intro": (
            "Resultado de las tareas base calificadas automáticamente. Las tareas abiertas y el "
            "proyecto los evalúa el jurado.",
            "Result of the automatically graded baseline tasks. Open tasks and the project are "
            "judged by the jury.",
        ),
        "track": (
            "Reto {track}: {points} de {total} puntos",
            "Track {track}: {points} of {total} points",
        ),
        "task": ("Tarea", "Task"),
        "result": ("Resultado", "Result"),
        "points": ("Puntos", "Points"),
        "message": ("Mensaje", "Message"),
        "hint": ("Pista", "Hint"),
        "problems": ("Avisos al calificar", "Notes from grading"),
        "correct": ("✅ correcta", "✅ correct"),
        "incorrect": ("❌ todavía no", "❌ not yet"),
        "not_attempted": ("✏️ sin responder", "✏️ not answered"),
        "error": ("⚠️ no se pudo revisar", "⚠️ could not be checked"),
    },
)

_STYLE = """
body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border:1px solid #d0d7de;padding:.4rem .6rem;text-align:left;vertical-align:top}
th{background:#f6f8fa}.correct{background:#dafbe1}.incorrect,.error{background:#ffebe9}
.not_attempted{background:#fff8c5}code{background:#f6f8fa;padding:0 .2rem}
"""


def write_feedback(report: Report, folder: Path) -> list[Path]:
    """``folder/<team>/index.html`` for every team graded; the paths written."""
    written = []
    ordered = sorted(report.results, key=lambda r: (r.team, r.track, r.notebook))
    for team, results in groupby(ordered, key=lambda r: r.team):
        path = folder / team / "index.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_page(team, list(results)), encoding="utf-8")
        written.append(path)
    return written


def _page(team: str, results: list[NotebookResult]) -> str:
    lang = get_language()
    parts = [
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>",
        f"<title>{_e(MSG['title'].format(team=team))}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{_e(MSG['title'].format(team=team))}</h1><p>{_e(MSG['intro'].get())}</p>",
    ]
    for track, in_track in groupby(results, key=lambda r: r.track):
        notebooks = list(in_track)
        got = sum(r.points for r in notebooks)
        total = sum(r.max_points for r in notebooks)
        heading = MSG["track"].format(track=track, points=_n(got), total=_n(total))
        parts.append(f"<h2>{_e(heading)}</h2>")
        for result in notebooks:
            parts.append(_notebook(result))
    parts.append("</body></html>\n")
    return "".join(parts)


def _notebook(result: NotebookResult) -> str:
    heading = f"{result.notebook}.ipynb — {_n(result.points)} / {_n(result.max_points)}"
    rows = [f"<h3>{_e(heading)}</h3>"]
    if result.problems:
        items = "".join(f"<li>{_e(problem)}</li>" for problem in result.problems)
        rows.append(f"<p><strong>{_e(MSG['problems'].get())}</strong></p><ul>{items}</ul>")
    headers = "".join(
        f"<th>{_e(MSG[key].get())}</th>" for key in ("task", "result", "points", "message", "hint")
    )
    rows.append(f"<table><tr>{headers}</tr>")
    for task in result.tasks:
        outcome = (
            task.outcome if task.outcome in ("correct", "incorrect", "not_attempted") else "error"
        )
        rows.append(
            f"<tr class='{outcome}'><td><code>{_e(task.task)}</code></td>"
            f"<td>{_e(MSG[outcome].get())}</td><td>{_n(task.points)} / {_n(task.max_points)}</td>"
            f"<td>{_code(task.message if outcome != 'correct' else '')}</td>"
            f"<td>{_code(task.hint)}</td></tr>"
        )
    rows.append("</table>")
    return "".join(rows)


def _e(text: object) -> str:
    return html.escape(str(text))


def _code(text: str) -> str:
    """Escape, then show `backticks` as code (the checks' messages use them)."""
    pieces = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(pieces))


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
