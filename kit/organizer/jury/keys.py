"""One way to compare names typed by people: headers, criteria, jurors and teams.

Jury sheets are filled in by hand, so "Jurado", " jurado" and "JURADO" name the same column,
and "Equipo Ámbar" and "equipo ambar" the same team.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold"]

_SEPARATORS = re.compile(r"[\s_\-]+")


def fold(text: object) -> str:
    """``text`` without accents, case or repeated spaces (``_`` and ``-`` count as spaces)."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SEPARATORS.sub(" ", bare.casefold()).strip()
