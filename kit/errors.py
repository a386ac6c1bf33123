"""One family of errors for the whole kit, so the CLI can turn any of them into a clear message."""

from __future__ import annotations

__all__ = [
    "DataFormatError",
    "KitError",
    "NotebookFormatError",
    "ReleaseError",
    "SourceNotFoundError",
]


class KitError(Exception):
    """Base class of every error the kit raises on purpose.

    Messages say where the problem is (file, cell, task) and what to do next.
    """

    def _render_traceback_(self) -> list[str]:
        """In Jupyter, show the message alone: it already says where and what to do."""
        return [f"{type(self).__name__}: {self}"]


class DataFormatError(KitError, ValueError):
    """A data file is not in the format its loader expects (names the file and the problem)."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class SourceNotFoundError(KitError, FileNotFoundError):
    """A data source (path or bundled sample) does not exist."""


class NotebookFormatError(KitError):
    """A source notebook breaks a kit convention (names the notebook and the cell)."""


class ReleaseError(KitError):
    """Generating participant notebooks from solutions/ failed."""


class SandboxUnavailable(KitError):
    """Grading would run untrusted code without isolation (the message says how to get it)."""


class GradingError(KitError):
    """Grading cannot start: no submissions found, an unknown track, a broken test cell..."""
