"""The validation report as files: JSON for machines, Markdown for people."""

from __future__ import annotations

import json
from pathlib import Path

from kit.i18n import get_language
from kit.organizer.validate.model import CHECKS, Report

__all__ = ["to_markdown", "write_report"]


def write_report(report: Report, folder: Path) -> tuple[Path, Path]:
    """Write ``validation.json`` and ``validation.md`` into ``folder``; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    json_path, md_path = folder / "validation.json", folder / "validation.md"
    json_path.write_text(json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n")
    md_path.write_text(to_markdown(report), encoding="utf-8")
    return json_path, md_path


def to_markdown(report: Report) -> str:
    lang = get_language()
    verdict = "✅ OK" if report.ok else "❌ FALLA / FAIL"
    lines = [f"# kit validate — {verdict}", "", f"{report.seconds:.1f} s · `{report.root}`", ""]
    lines += [
        "| # | Revisión / check | Examinados / examined | Problemas / problems |",
        "|---|---|---|---|",
    ]
    for number, (name, found) in enumerate(report.by_check().items(), start=1):
        mark = "✅" if not found else "❌"
        title = CHECKS[name].get(lang)
        lines.append(
            f"| {number} | {mark} {title} | {report.checked.get(name, 0)} | {len(found)} |"
        )
    lines += [
        "",
        "| Cuaderno / notebook | Tipo / kind | s | Tareas / tasks | Resultado / result |",
        "|---|---|---|---|---|",
    ]
    for run in report.runs:
        tasks = _task_summary(run.tasks, run.kind)
        result = "✅" if run.ok else "❌ " + "; ".join(f.message for f in run.findings)[:200]
        lines.append(f"| `{run.path}` | {run.kind} | {run.seconds:.1f} | {tasks} | {result} |")
    problems = report.all_findings()
    if problems:
        lines += ["", "## Problemas / problems", ""]
        lines += [f"- {finding}" for finding in problems]
    return "\n".join(lines) + "\n"


def _task_summary(tasks: dict[str, str], kind: str) -> str:
    if not tasks:
        return "—"
    if kind == "solution":
        good = sum(outcome == "correct" for outcome in tasks.values())
    else:
        good = sum(outcome in ("not_attempted", "incorrect") for outcome in tasks.values())
    return f"{good}/{len(tasks)}"
