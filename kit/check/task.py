"""Declarative tasks and the check objects a notebook calls.

A track module lists its tasks once (what variable, how to compute the expected answer from
the notebook's data, how to compare, which hints). A notebook binds them to its data::

    check = tasks.bind(datos)
    check.oferta_unica(tasa_oferta_unica)        # visible feedback, never raises
    check.oferta_unica.hint()                    # the next hint
    check.oferta_unica.assert_correct(tasa_oferta_unica)   # hidden tests: raises if wrong

The expected answer is computed from the data when first needed (so notebooks work with any
source of the right format) and never shown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from kit.check.compare import Comparator
from kit.check.outcome import MSG, Feedback, Incorrect, NotAttempted, Outcome, TaskFailed
from kit.i18n import Text, messages

__all__ = ["BoundTask", "Checks", "Task", "TaskSet"]

TASK_MSG = messages(
    "task",
    {
        "placeholder": (
            "Aún no hay respuesta: reemplaza `...` en `{var}` con tu código y vuelve a ejecutar.",
            "No answer yet: replace `...` in `{var}` with your code and run it again.",
        ),
        "internal": (
            "Algo falló al revisar `{var}` ({error}). Revisa que sea del tipo pedido; si el "
            "problema sigue, avisa a tu mentor.",
            "Something failed while checking `{var}` ({error}). Make sure it is of the requested "
            "type; if it persists, tell your mentor.",
        ),
        "no_more_hints": (
            "Ya viste todas las pistas. Relee el enunciado o pregunta a tu mentor.",
            "You have seen every hint. Reread the task or ask your mentor.",
        ),
        "unknown_task": (
            "No existe la tarea {name!r}. Tareas de este cuaderno: {known}.",
            "There is no task {name!r}. Tasks of this notebook: {known}.",
        ),
    },
)


@dataclass(frozen=True)
class Task:
    """One graded task.

    Args:
        id: short identifier, also the attribute name on the bound checks (``check.<id>``).
        variable: the name the participant assigns their answer to (named in messages).
        expected: computes the right answer from the notebook's data.
        compare: how to compare (see :mod:`kit.check.compare`).
        hints: progressively stronger hints; never the full solution.
        title: one line saying what is asked.
        points: points in the gradebook.
    """

    id: str
    variable: str
    expected: Callable[[Any], Any]
    compare: Comparator
    hints: Sequence[Text]
    title: Text
    points: int = 1


@dataclass(frozen=True)
class TaskSet:
    """The tasks of one notebook (or track), bound to data with :meth:`bind`."""

    name: str
    tasks: Sequence[Task]
    load: Callable[[str], Any] | None = None  # DATA_SOURCE -> the data the notebook loads

    def __post_init__(self) -> None:
        ids = [task.id for task in self.tasks]
        if len(ids) != len(set(ids)):
            raise ValueError(f"{self.name}: duplicate task ids in {ids}")

    def bind(self, data: Any) -> Checks:
        """Checks for these tasks against ``data`` (what the notebook loaded)."""
        return Checks(self, data)

    def expected_values(self, data: Any) -> dict[str, Any]:
        """Every task's expected answer (for organizer tools that look for leaks)."""
        return {task.id: task.expected(data) for task in self.tasks}


class Checks:
    """The check objects of a notebook: one :class:`BoundTask` attribute per task."""

    def __init__(self, taskset: TaskSet, data: Any) -> None:
        self._taskset = taskset
        self._bound = {task.id: BoundTask(taskset.name, task, data) for task in taskset.tasks}
        for task_id, bound in self._bound.items():
            setattr(self, task_id, bound)

    def __getitem__(self, task_id: str) -> BoundTask:
        try:
            return self._bound[task_id]
        except KeyError:
            known = ", ".join(self._bound)
            raise KeyError(TASK_MSG["unknown_task"].format(name=task_id, known=known)) from None

    def __iter__(self):
        return iter(self._bound.values())

    def __repr__(self) -> str:
        return f"Checks({self._taskset.name}: {', '.join(self._bound)})"


@dataclass
class BoundTask:
    """A task bound to the notebook's data: call it to check an answer."""

    track: str
    task: Task
    data: Any = field(repr=False)
    hints_shown: int = 0

    @cached_property
    def _expected(self) -> Any:
        return self.task.expected(self.data)

    def evaluate(self, answer: Any) -> Feedback:
        """The feedback for ``answer``, without showing it."""
        name = f"{self.track}/{self.task.id}"
        try:
            if answer is ... or answer is None:
                raise NotAttempted(TASK_MSG["placeholder"], var=self.task.variable)
            self.task.compare.compare(answer, self._expected, self.task.variable)
        except NotAttempted as problem:
            return Feedback(name, Outcome.NOT_ATTEMPTED, problem.render(), footer=self._more())
        except Incorrect as problem:
            return self._with_next_hint(Feedback(name, Outcome.INCORRECT, problem.render()))
        except Exception as error:  # a check must never throw a traceback at a participant
            text = TASK_MSG["internal"].format(var=self.task.variable, error=type(error).__name__)
            return Feedback(name, Outcome.ERROR, text)
        return Feedback(name, Outcome.CORRECT, str(self.task.title))

    def __call__(self, answer: Any) -> None:
        """Check ``answer`` and show the feedback (and the next hint when it is wrong)."""
        _show(self.evaluate(answer))

    check = __call__

    def hint(self, n: int | None = None) -> None:
        """Show hint ``n`` (1, 2, ...) or, by default, the next one."""
        _show(self._hint_text(n))

    def assert_correct(self, answer: Any) -> None:
        """Raise :class:`TaskFailed` unless ``answer`` is right (used by hidden tests)."""
        feedback = self.evaluate(answer)
        if not feedback.passed:
            reason = feedback.message or MSG[feedback.outcome.value].get()
            raise TaskFailed(MSG["task_failed"].format(task=feedback.task, reason=reason))

    def _with_next_hint(self, feedback: Feedback) -> Feedback:
        hints = self.task.hints
        if self.hints_shown < len(hints):
            self.hints_shown += 1
            feedback.hint = str(hints[self.hints_shown - 1])
            feedback.hint_label = MSG["hint_label"].format(n=self.hints_shown, total=len(hints))
        feedback.footer = self._more()
        return feedback

    def _more(self) -> str:
        if self.hints_shown >= len(self.task.hints):
            return ""
        return MSG["more_hints"].format(call=f"check.{self.task.id}.hint()")

    def _hint_text(self, n: int | None) -> str:
        hints = self.task.hints
        number = n if n is not None else self.hints_shown + 1
        if not hints or not 1 <= number <= len(hints):
            return TASK_MSG["no_more_hints"].get()
        self.hints_shown = max(self.hints_shown, number)
        label = MSG["hint_label"].format(n=number, total=len(hints))
        return f"💡 {label}: {hints[number - 1]}"


def _show(value: Any) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython is a dependency, but stay safe
        print(value)  # noqa: T201
        return
    if get_ipython() is None:
        print(value)  # noqa: T201
    elif isinstance(value, str):
        display({"text/markdown": value, "text/plain": value}, raw=True)
    else:
        display(value)
