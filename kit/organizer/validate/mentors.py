"""Check 7: mentor sessions reproduce their stored outputs, with nbval."""

from __future__ import annotations

import subprocess
import sys
import time

from kit.organizer.layout import KitLayout
from kit.organizer.validate.model import Finding, NotebookRun

__all__ = ["check_mentor_sessions"]

SANITIZE = "sanitize.cfg"


def check_mentor_sessions(layout: KitLayout, workers: int) -> list[NotebookRun]:
    """One nbval run over mentorship_sessions/ (pytest-xdist when there are several)."""
    notebooks = layout.mentor_notebooks()
    if not notebooks:
        return []
    command = [
        sys.executable,
        "-m",
        "pytest",
        "--nbval",
        "-q",
        "-p",
        "no:cacheprovider",
        "--rootdir",
        str(layout.mentorship),
        "-o",
        "addopts=",
    ]
    sanitize = layout.mentorship / SANITIZE
    if sanitize.exists():
        command += ["--nbval-sanitize-with", str(sanitize)]
    if workers > 1 and len(notebooks) > 1:
        command += ["-n", str(min(workers, len(notebooks))), "--dist", "loadscope"]
    start = time.perf_counter()
    result = subprocess.run(
        [*command, *map(str, notebooks)], capture_output=True, text=True, cwd=layout.root
    )
    seconds = (time.perf_counter() - start) / len(notebooks)
    runs = []
    for path in notebooks:
        label = path.relative_to(layout.root).as_posix()
        run = NotebookRun(label, "mentor", seconds)
        failed = [
            line
            for line in result.stdout.splitlines()
            if line.startswith("FAILED") and path.name in line
        ]
        if failed or (result.returncode not in (0, 5) and not _any_failed(result.stdout)):
            detail = failed[0] if failed else result.stdout[-400:]
            run.findings.append(Finding("mentors", label, f"nbval: {detail}"))
        runs.append(run)
    return runs


def _any_failed(stdout: str) -> bool:
    return any(line.startswith("FAILED") for line in stdout.splitlines())
