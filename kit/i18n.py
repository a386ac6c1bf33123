"""Spanish and English text from one source.

Every message the kit shows lives once, as a :class:`Text` holding both languages. Modules
declare their messages next to the code that uses them with :func:`messages`; the catalog
(:data:`CATALOG`) is what tests walk to prove both languages exist with the same placeholders.
Spanish is the default; ``KIT_LANG=en`` or :func:`set_language` switches.
"""

from __future__ import annotations

import os
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = [
    "BILINGUAL_BLOCK",
    "CATALOG",
    "LANGUAGES",
    "Text",
    "get_language",
    "keep_language",
    "messages",
    "set_language",
    "t",
]

LANGUAGES = ("es", "en")
_current = os.environ.get("KIT_LANG", "es") if os.environ.get("KIT_LANG") in LANGUAGES else "es"


@dataclass(frozen=True)
class Text:
    """One piece of text in both languages; ``str()`` gives the current language."""

    es: str
    en: str

    def get(self, lang: str | None = None) -> str:
        return getattr(self, _checked(lang or _current))

    def format(self, lang: str | None = None, /, **values: object) -> str:
        return self.get(lang).format(**values)

    def __str__(self) -> str:
        return self.get()


CATALOG: dict[str, Text] = {}


def messages(prefix: str, entries: Mapping[str, Text | tuple[str, str]]) -> dict[str, Text]:
    """Register a module's messages under ``prefix`` and return them as a dict of Text.

    Entries may be ``Text`` or ``(es, en)`` tuples. Registering the same key twice with different
    text is a programming error.
    """
    out: dict[str, Text] = {}
    for key, value in entries.items():
        text = value if isinstance(value, Text) else Text(*value)
        full = f"{prefix}.{key}"
        if full in CATALOG and CATALOG[full] != text:
            raise ValueError(f"message {full!r} registered twice with different text")
        CATALOG[full] = text
        out[key] = text
    return out


def t(key: str, lang: str | None = None, /, **values: object) -> str:
    """The catalog message ``key`` in ``lang`` (default: current), formatted with ``values``."""
    return CATALOG[key].format(lang, **values)


def set_language(lang: str) -> None:
    """Choose the language of every kit message for this process (``"es"`` or ``"en"``)."""
    global _current
    _current = _checked(lang)


def get_language() -> str:
    return _current


def placeholders(text: str) -> set[str]:
    """Names of the ``{placeholders}`` in a format string (used by tests of the catalog)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _checked(lang: str) -> str:
    lang = str(lang).lower()[:2]
    if lang not in LANGUAGES:
        raise ValueError(f"LANG must be one of {LANGUAGES}, not {lang!r}")
    return lang


#: The English block of a bilingual markdown cell (docs/architecture.md): Spanish text first,
#: then ``<details lang="en"><summary>English</summary> … </details>``.
BILINGUAL_BLOCK = re.compile(
    r"<details\s+lang=[\"']en[\"']\s*>\s*(?:<summary>.*?</summary>)?(?P<en>.*?)</details>",
    re.DOTALL | re.IGNORECASE,
)


def keep_language(markdown: str, lang: str) -> str:
    """The ``lang`` part of one bilingual markdown source (a one-language cell is kept as is)."""
    if not BILINGUAL_BLOCK.search(markdown):
        return markdown
    if lang == "en":
        return "\n\n".join(m.group("en").strip() for m in BILINGUAL_BLOCK.finditer(markdown))
    return BILINGUAL_BLOCK.sub("", markdown).strip()
