"""Which mentor sessions exist and what each says of itself (``metadata.kit.session``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

from kit.errors import KitError
from kit.i18n import get_language, messages

__all__ = [
    "Session",
    "find_session",
    "read_notebook",
    "read_session",
    "session_metadata",
    "sessions",
]

MSG = messages(
    "sessions.catalog",
    {
        "unknown": (
            "No existe la sesión {name}. Sesiones en {folder}: {known}.",
            "No session {name}. Sessions in {folder}: {known}.",
        ),
        "none": ("(ninguna)", "(none)"),
        "unreadable": (
            "{path}: no es un cuaderno legible ({problem}).",
            "{path}: not a readable notebook ({problem}).",
        ),
    },
)


def session_metadata(nb: Any) -> dict:
    """``metadata.kit.session`` of a notebook (empty when absent)."""
    return dict(nb.metadata.get("kit", {}).get("session", {}) or {})


@dataclass(frozen=True)
class Session:
    """One session notebook and its ``kit.session`` metadata (title, minutes, timing plan)."""

    path: Path
    metadata: dict

    @property
    def name(self) -> str:
        return self.path.stem

    def title(self, lang: str | None = None) -> str:
        title = self.metadata.get("title")
        if isinstance(title, dict):
            return str(title.get(lang or get_language()) or title.get("es") or self.name)
        return str(title or self.name)

    @property
    def minutes(self) -> int:
        return int(self.metadata.get("minutes") or 0)

    @property
    def plan(self) -> list[dict]:
        return list(self.metadata.get("plan") or [])


def read_notebook(path: Path) -> nbformat.NotebookNode:
    """The notebook at ``path``; a clear :class:`KitError` when it is not a readable notebook."""
    try:
        return nbformat.read(path, as_version=4)
    except Exception as problem:  # nbformat raises several unrelated types
        raise KitError(MSG["unreadable"].format(path=path, problem=problem)) from problem


def read_session(path: Path) -> Session:
    """The session at ``path`` with its ``kit.session`` metadata."""
    return Session(Path(path), session_metadata(read_notebook(path)))


def sessions(folder: Path) -> list[Session]:
    """Every session of ``folder``, in file-name order (the names start with their number)."""
    return [read_session(p) for p in sorted(Path(folder).glob("*.ipynb"))]


def find_session(session: str, folder: Path) -> Path:
    """``session`` as a notebook path, else as a name (with or without .ipynb) in ``folder``."""
    path = Path(session)
    if path.suffix == ".ipynb" and path.is_file():
        return path
    candidate = folder / (path.name if path.suffix == ".ipynb" else f"{path.name}.ipynb")
    if candidate.is_file():
        return candidate
    known = sorted(p.stem for p in folder.glob("*.ipynb")) if folder.is_dir() else []
    raise KitError(
        MSG["unknown"].format(
            name=session, folder=folder, known=", ".join(known) or MSG["none"].get()
        )
    )
