"""The judge: answers recorded in the sandbox, checked in the grader's own process.

Hidden tests are never run where participant code runs. The grader loads each track's data once,
binds the notebook's task set to it (so expected answers are computed once, by trusted code), and
checks the recorded answers with the same comparators participants see, turning each into a
:class:`~kit.check.outcome.Feedback` with the message and first hint. A missing, oversized or
malformed answer file is a failed task with a reason, never an exception.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from kit.check.outcome import Feedback, Outcome
from kit.check.task import Checks, TaskSet
from kit.errors import GradingError
from kit.i18n import messages
from kit.organizer.grade import answers
from kit.organizer.grade.execute import Run
from kit.organizer.grade.gradebook import Capture

__all__ = ["Judge", "Verdict"]

MSG = messages(
    "judge",
    {
        "no_answer": (
            "No se registró respuesta: el cuaderno se detuvo antes de esta celda "
            "(tiempo agotado, kernel caído o la celda no existe).",
            "No answer was recorded: the notebook stopped before this cell "
            "(timeout, dead kernel, or the cell is gone).",
        ),
        "raised": (
            "Calcular `{var}` produjo un error: {detail}",
            "Computing `{var}` raised an error: {detail}",
        ),
        "unsupported": (
            "`{var}` es de un tipo que no se puede calificar ({detail}).",
            "`{var}` is of a type that can't be graded ({detail}).",
        ),
        "unreadable": (
            "La respuesta registrada no se pudo leer ({detail}).",
            "The recorded answer could not be read ({detail}).",
        ),
    },
)


@dataclass
class Verdict:
    """The judgement of one answer of one test cell."""

    key: str
    task: str
    feedback: Feedback

    @property
    def passed(self) -> bool:
        return self.feedback.passed


class Judge:
    """One task set bound once to the grading data; judges any number of submissions."""

    def __init__(self, taskset: str, data: Any) -> None:
        self.taskset = _import(taskset)
        self.checks: Checks = self.taskset.bind(data)
        for bound in self.checks:  # compute every expected answer now, once, in trusted code
            _ = bound._expected

    @staticmethod
    def load_data(specs: list[str], data_source: str) -> dict[str, Any]:
        """Each task set's data; task sets with the same loader share one load."""
        loaded: dict[Any, Any] = {}
        data = {}
        for spec in specs:
            load = _import(spec).load
            if load is None:
                raise GradingError(f"{spec}: the task set has no loader, so nothing to judge with")
            if load not in loaded:
                loaded[load] = load(data_source)
            data[spec] = loaded[load]
        return data

    def judge(self, capture: Capture, run: Run) -> Verdict:
        """The verdict on the answer ``run`` recorded for ``capture``."""
        bound = self.checks[capture.task]
        bound.hints_shown = 0  # each submission starts with the first hint
        name = f"{self.taskset.name}/{capture.task}"
        var = bound.task.variable
        data = run.read(f"out/answers/{capture.key}.json", answers.MAX_ANSWER_BYTES)
        if data is None:
            return Verdict(capture.key, capture.task, _failed(name, MSG["no_answer"].get()))
        try:
            value = answers.parse(data)
        except answers.AnswerError as error:
            text = MSG["unreadable"].format(detail=str(error)[:200])
            return Verdict(capture.key, capture.task, _failed(name, text))
        if isinstance(value, answers.Unreadable):
            text = MSG[value.kind].format(var=var, detail=value.detail)
            return Verdict(capture.key, capture.task, _failed(name, text))
        feedback = bound.evaluate(value)
        feedback.footer = ""  # "ask for another hint" means nothing after the event
        return Verdict(capture.key, capture.task, feedback)

    def failed(self, capture: Capture, message: str) -> Verdict:
        """A verdict of failure decided by the grader (e.g. the test cell was deleted)."""
        name = f"{self.taskset.name}/{capture.task}"
        return Verdict(capture.key, capture.task, _failed(name, message))


def _failed(name: str, message: str) -> Feedback:
    return Feedback(name, Outcome.INCORRECT, message)


def _import(spec: str) -> TaskSet:
    module, _, attribute = spec.partition(":")
    try:
        value: Any = getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError) as error:
        raise GradingError(f"{spec}: cannot import the task set ({error})") from error
    if not isinstance(value, TaskSet):
        raise GradingError(f"{spec}: is not a TaskSet")
    return value
