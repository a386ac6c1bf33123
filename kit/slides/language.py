"""Keep one language of the kit's bilingual markdown cells, for a deck in that language.

A bilingual cell holds the Spanish text, then the English text inside
``<details lang="en"><summary>English</summary> … </details>`` (docs/architecture.md). A slide
shows one language: Spanish keeps the text outside the block, English keeps the block's content.
A cell without the block is left as it is (a single-language cell reads the same in both decks).
"""

from __future__ import annotations

import re

from nbconvert.preprocessors import Preprocessor
from traitlets import Enum

__all__ = ["KeepLanguage", "keep_language"]

_ENGLISH = re.compile(
    r"<details\s+lang=[\"']en[\"']\s*>\s*(?:<summary>.*?</summary>)?(?P<en>.*?)</details>",
    re.DOTALL | re.IGNORECASE,
)


def keep_language(markdown: str, lang: str) -> str:
    """The ``lang`` part of one bilingual markdown source."""
    if not _ENGLISH.search(markdown):
        return markdown
    if lang == "en":
        return "\n\n".join(m.group("en").strip() for m in _ENGLISH.finditer(markdown))
    return _ENGLISH.sub("", markdown).strip()


class KeepLanguage(Preprocessor):
    """nbconvert preprocessor: every markdown cell keeps only ``lang``."""

    lang = Enum(["es", "en"], default_value="es").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = keep_language(cell.source, self.lang)
        return cell, resources
