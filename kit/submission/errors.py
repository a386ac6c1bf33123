"""The two ways a submission goes wrong: a team's pack breaks the rules, or a zip is unsafe."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kit.errors import KitError
from kit.i18n import messages

__all__ = ["BrokenRule", "SubmissionError", "SubmissionRefused"]

MSG = messages(
    "submission_errors",
    {
        "refused": (
            "No se escribió el zip: {n} regla(s) de las bases sin cumplir.",
            "No zip was written: {n} rule(s) of the participation bases broken.",
        ),
    },
)


class SubmissionError(KitError):
    """A submission zip that cannot be trusted or read (names the zip and the problem)."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True)
class BrokenRule:
    """One rule of the participation bases that a pack breaks, with how to fix it.

    ``rule`` is a stable key (``team``, ``members``, ``track``, ``licence``, ``notebooks``,
    ``run``, ``size``) for programs; ``message`` is for people, in the current language.
    """

    rule: str
    message: str

    def __str__(self) -> str:
        return self.message


class SubmissionRefused(KitError):
    """``kit submit`` wrote nothing because rules are broken; ``broken`` lists all of them."""

    def __init__(self, broken: Sequence[BrokenRule]) -> None:
        self.broken = list(broken)
        lines = [MSG["refused"].format(n=len(self.broken))]
        lines += [f"  ✗ {rule}" for rule in self.broken]
        super().__init__("\n".join(lines))
