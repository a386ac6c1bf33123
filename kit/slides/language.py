"""Keep one language of the kit's bilingual markdown cells, for a deck in that language.

A bilingual cell holds the Spanish text, then the English text inside
``<details lang="en"><summary>English</summary> … </details>`` (docs/architecture.md). A slide
shows one language: Spanish keeps the text outside the block, English keeps the block's content.
A cell without the block is left as it is (a single-language cell reads the same in both decks).
"""

from __future__ import annotations

from nbconvert.preprocessors import Preprocessor
from traitlets import Enum

from kit.i18n import keep_language

__all__ = ["KeepLanguage", "keep_language"]


class KeepLanguage(Preprocessor):
    """nbconvert preprocessor: every markdown cell keeps only ``lang``."""

    lang = Enum(["es", "en"], default_value="es").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = keep_language(cell.source, self.lang)
        return cell, resources
