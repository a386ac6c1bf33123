"""Check 7: mentor sessions keep their conventions and reproduce their stored outputs (nbval).

One ``pytest --nbval`` run covers every session; its JUnit report gives each session's failures
and seconds. ``kit validate`` starts it together with the track notebooks, on one worker (the
notebooks already keep every core busy) and with forked kernels
(:mod:`kit.organizer.nbval_kernels`). The seconds are reported, not judged: a budget
(15 s) measured on a busy machine would fail at random, so ``kit sessions --run`` is where a
mentor sees it.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from pathlib import Path

from kit.organizer.layout import KitLayout
from kit.organizer.validate.model import Finding, NotebookRun

__all__ = ["SANITIZE", "MentorSessionsRun", "check_mentor_sessions", "nbval_command"]

SANITIZE = "sanitize.cfg"
#: Colour codes in nbval's messages (raw, or as JUnit's XML escapes them).
ANSI = re.compile(r"(?:\x1b|#x1B)\[[0-9;]*m")


def nbval_command(
    layout: KitLayout, workers: int, junit: Path, *, forked: bool = True
) -> list[str]:
    """The pytest command line that checks every session with nbval and its sanitizers
    (``workers`` > 1: pytest-xdist, a session per worker; ``forked``: kernels from the zygote)."""
    notebooks = layout.mentor_notebooks()
    command = [sys.executable, "-m", "pytest", "--nbval", "-q", "-p", "no:cacheprovider"]
    if forked:
        command += ["-p", "kit.organizer.nbval_kernels"]
    command += ["--rootdir", str(layout.mentorship), "-o", "addopts=", "--junitxml", str(junit)]
    sanitize = layout.mentorship / SANITIZE
    if sanitize.exists():
        command += ["--nbval-sanitize-with", str(sanitize)]
    if workers > 1 and len(notebooks) > 1:
        command += ["-n", str(min(workers, len(notebooks))), "--dist", "loadscope"]
    return [*command, *map(str, notebooks)]


class MentorSessionsRun:
    """The nbval run of every session, started at once so it overlaps the notebook runs;
    :meth:`results` waits for it and gives one run per session."""

    def __init__(self, layout: KitLayout, workers: int = 1, *, forked: bool = True) -> None:
        self.layout = layout
        self.notebooks = layout.mentor_notebooks()
        self._folder = tempfile.TemporaryDirectory()
        self.junit = Path(self._folder.name) / "nbval.xml"
        self._output = open(Path(self._folder.name) / "output.txt", "w+", encoding="utf-8")  # noqa: SIM115
        self.process = (
            subprocess.Popen(
                nbval_command(layout, workers, self.junit, forked=forked),
                stdout=self._output,  # a file: a pipe nobody reads until the end could fill up
                stderr=subprocess.STDOUT,
                cwd=layout.root,
            )
            if self.notebooks
            else None
        )

    def __enter__(self) -> MentorSessionsRun:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Stop the run if it is still going (validation ended early) and remove its files."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._output.close()
        self._folder.cleanup()

    def results(self) -> list[NotebookRun]:
        """One run per session: its conventions, then nbval's verdict and time for it."""
        # kit.sessions builds on this package's notebook checks: imported here, not at the top.
        from kit.sessions.catalog import read_notebook
        from kit.sessions.conventions import check_session

        if self.process is None:
            return []
        self.process.wait()
        self._output.seek(0)
        output = self._output.read()
        cases = _cases(self.junit) if self.junit.exists() else {}
        runs = []
        for path in self.notebooks:
            label = path.relative_to(self.layout.root).as_posix()
            seconds, failures = cases.get(path.name, (0.0, []))
            run = NotebookRun(label, "mentor", seconds)
            run.findings += check_session(read_notebook(path), label)
            run.findings += [Finding("mentors", label, f"nbval: {text}") for text in failures]
            if path.name not in cases and self.process.returncode != 0:
                tail = output.strip()[-400:]
                message = f"nbval no corrió / did not run: {tail}"
                run.findings.append(Finding("mentors", label, message))
            runs.append(run)
        return runs


def check_mentor_sessions(layout: KitLayout, workers: int) -> list[NotebookRun]:
    """One run per session: its conventions, then nbval's verdict and time for it."""
    with MentorSessionsRun(layout, workers) as sessions:
        return sessions.results()


def _cases(junit: Path) -> dict[str, tuple[float, list[str]]]:
    """Notebook file name -> (seconds of its cells, one line per failed or erroring cell)."""
    seconds: dict[str, float] = defaultdict(float)
    failures: dict[str, list[str]] = defaultdict(list)
    for case in ElementTree.parse(junit).iter("testcase"):
        name = _notebook_name(case.get("classname", ""))
        seconds[name] += float(case.get("time") or 0)
        for problem in (*case.iter("failure"), *case.iter("error")):
            failures[name].append(_summary(problem.text or problem.get("message") or problem.tag))
    return {name: (seconds[name], failures[name]) for name in seconds}


def _summary(text: str) -> str:
    """nbval's failure text in one line: which cell, and what differs or what was raised."""
    lines = [line.strip() for line in ANSI.sub("", text).splitlines() if line.strip()]
    kept = [line for line in lines if line.startswith(("Cell ", "mismatch", "Error", "Exception"))]
    return "; ".join(kept[:3] or lines[:1])


def _notebook_name(classname: str) -> str:
    """``mentorship_sessions.01_x.ipynb`` (JUnit's dotted class name) -> ``01_x.ipynb``."""
    stem = classname.removesuffix(".ipynb")
    return f"{stem.rsplit('.', 1)[-1]}.ipynb"
