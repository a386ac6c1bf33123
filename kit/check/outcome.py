"""What a check says to a participant: correct, incorrect or not attempted.

Comparators raise :class:`Incorrect`; tasks raise :class:`NotAttempted`; only
:class:`Feedback` turns them into something shown, so the wording lives in one place.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from enum import StrEnum

from kit.i18n import Text, get_language, messages

__all__ = ["MIME_TYPE", "Feedback", "Incorrect", "NotAttempted", "Outcome", "TaskFailed"]

#: Outputs of checks carry this JSON mime type so `kit validate` can read outcomes.
MIME_TYPE = "application/vnd.dataton-kit.check+json"

MSG = messages(
    "check",
    {
        "correct": ("¡Correcto!", "Correct!"),
        "incorrect": ("Todavía no", "Not yet"),
        "not_attempted": ("Sin responder", "Not answered yet"),
        "error": ("No pude revisar tu respuesta", "I could not check your answer"),
        "hint_label": ("Pista {n} de {total}", "Hint {n} of {total}"),
        "more_hints": (
            "¿Atorado? Pide otra pista con `{call}`.",
            "Stuck? Ask for another hint with `{call}`.",
        ),
        "task_failed": (
            "La tarea {task!r} no pasa la revisión: {reason}",
            "Task {task!r} does not pass the check: {reason}",
        ),
    },
)


class Outcome(StrEnum):
    CORRECT = "correct"
    INCORRECT = "incorrect"
    NOT_ATTEMPTED = "not_attempted"
    ERROR = "error"


class Incorrect(Exception):
    """The answer is wrong; ``message`` says how, without giving the expected value away."""

    def __init__(self, message: Text | str, **values: object) -> None:
        self.message = message
        self.values = values
        super().__init__(self.render("en"))

    def render(self, lang: str | None = None) -> str:
        if isinstance(self.message, Text):
            return self.message.format(lang or get_language(), **self.values)
        return str(self.message)


class NotAttempted(Incorrect):
    """The placeholder (``...``) is still there: nobody should hear "incorrect" yet."""


class TaskFailed(AssertionError):
    """Raised by hidden tests; shows a short message instead of a traceback in Jupyter."""

    def _render_traceback_(self) -> list[str]:
        return [f"❌ {self}"]


@dataclass
class Feedback:
    """The result of one check, displayed as HTML in Jupyter and as text elsewhere."""

    task: str
    outcome: Outcome
    message: str = ""
    hint: str = ""
    hint_label: str = ""
    footer: str = ""
    lang: str = field(default_factory=get_language)

    @property
    def passed(self) -> bool:
        return self.outcome is Outcome.CORRECT

    def _label(self) -> str:
        icon = {"correct": "✅", "incorrect": "❌", "not_attempted": "✏️", "error": "⚠️"}
        return f"{icon[self.outcome.value]} {MSG[self.outcome.value].get(self.lang)}"

    def __str__(self) -> str:
        lines = [f"{self._label()} [{self.task}]"]
        if self.message:
            lines.append(self.message)
        if self.hint:
            lines.append(f"💡 {self.hint_label}: {self.hint}")
        if self.footer:
            lines.append(self.footer)
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = {"correct": "#1a7f37", "incorrect": "#cf222e", "not_attempted": "#9a6700"}
        border = colour.get(self.outcome.value, "#6e7781")
        parts = [
            f"<strong>{html.escape(self._label())}</strong> <code>{html.escape(self.task)}</code>"
        ]
        if self.message:
            parts.append(f"<div>{_inline_code(self.message)}</div>")
        if self.hint:
            label = html.escape(self.hint_label)
            parts.append(f"<div>💡 <em>{label}:</em> {_inline_code(self.hint)}</div>")
        if self.footer:
            parts.append(f"<div style='opacity:.8'>{_inline_code(self.footer)}</div>")
        style = f"border-left:6px solid {border};padding:.4em .8em;margin:.3em 0"
        return f"<div class='kit-check' lang='{self.lang}' style='{style}'>{''.join(parts)}</div>"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        return {
            "text/plain": str(self),
            "text/html": self._repr_html_(),
            MIME_TYPE: {"task": self.task, "outcome": self.outcome.value, "lang": self.lang},
        }


def _inline_code(text: str) -> str:
    """Escape text for HTML and turn `backticks` into <code>."""
    pieces = html.escape(text).split("`")
    return "".join(f"<code>{p}</code>" if i % 2 else p for i, p in enumerate(pieces))
