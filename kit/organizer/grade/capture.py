"""Inside the participant's kernel during grading: record each graded answer for the judge.

The grader replaces every test cell with ``_kit_capture.save("<task>", lambda: <answer>)``. The
answer is written as JSON (:mod:`kit.organizer.grade.answers`) to the folder named by
``KIT_GRADE_ANSWERS``; the judge, outside the sandbox, decides whether it is right. Nothing here
decides a grade, so nothing the participant's code does to this module can earn a point: at most
it can spoil its own answers.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kit.organizer.grade import answers

__all__ = ["save"]

_SAFE = re.compile(r"^[A-Za-z0-9_.-]{1,100}$")


def save(key: str, compute: Callable[[], Any]) -> None:
    """Record ``compute()`` as the answer ``key`` (or the error it raised)."""
    if not _SAFE.match(key):
        raise ValueError(f"bad answer key {key!r}")
    folder = Path(os.environ.get("KIT_GRADE_ANSWERS", "answers"))
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{key}.json"
    try:
        value = compute()
    except Exception as error:
        answers.write_error(target, error)
        return
    answers.write(target, value)
