"""dataton-kit: notebooks, data and checks for anti-corruption and public-policy datathons.

Participants use the domain packages (``kit.procurement``) and the checks of their notebook;
organizers use the ``kit`` command. Heavy tools (nbgrader, papermill) are imported only by the
organizer commands that need them, so ``import kit`` stays fast in a notebook.
"""

from __future__ import annotations

from typing import Any

from kit.errors import DataFormatError, KitError
from kit.i18n import get_language, set_language

__all__ = ["DataFormatError", "KitError", "__version__", "get_language", "set_language", "setup"]

__version__ = "0.1.0"


def setup(lang: str = "es") -> None:
    """Prepare a notebook: language of messages, plotting style and friendly errors.

    Call it once, right after the ``parameters`` cell: ``kit.setup(lang=LANG)``.
    """
    from kit import notebook

    notebook.setup(lang)


def __getattr__(name: str) -> Any:
    """``kit.db`` (SQL with DuckDB) is imported on first use, so ``import kit`` stays light."""
    if name == "db":
        import importlib

        return importlib.import_module("kit.db")
    raise AttributeError(f"module 'kit' has no attribute {name!r}")
