"""Participant checks: friendly bilingual feedback and hints, never the plain answer.

Track modules declare :class:`Task` objects in a :class:`TaskSet`; notebooks bind them to their
data (``check = tasks.bind(datos)``) and call ``check.<task>(answer)``.
"""

from kit.check.compare import Comparator, Frame, Number, Series, Values
from kit.check.outcome import MIME_TYPE, Feedback, Incorrect, NotAttempted, Outcome, TaskFailed
from kit.check.task import BoundTask, Checks, Task, TaskSet

__all__ = [
    "MIME_TYPE",
    "BoundTask",
    "Checks",
    "Comparator",
    "Feedback",
    "Frame",
    "Incorrect",
    "NotAttempted",
    "Number",
    "Outcome",
    "Series",
    "Task",
    "TaskFailed",
    "TaskSet",
    "Values",
]
