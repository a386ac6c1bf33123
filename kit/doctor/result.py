"""What one check of ``kit doctor`` found, and what to run when it failed."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Check"]


@dataclass(frozen=True)
class Check:
    """The outcome of one check, already in the current language.

    ``fix`` is the command (one per line when several) that repairs a failure, ready to paste
    into a terminal; it is ``None`` when the check passed. A ``skipped`` check never fails: it
    does not apply to this run (the organizers' checks without ``--organizer``).
    """

    name: str
    ok: bool
    detail: str
    fix: str | None = None
    skipped: bool = False

    @property
    def failed(self) -> bool:
        return not self.ok and not self.skipped
