"""One notebook per language, from one bilingual source.

The kit's notebooks carry Spanish text with an English ``<details lang="en">`` block in each
markdown cell. Most are released that way (one file, both languages). A source whose metadata
names a file per language (``kit.languages: {"es": "00_bienvenida.ipynb", "en":
"00_welcome.ipynb"}``) is released as one notebook per language: the other language's text is
dropped and the ``LANG`` parameter set, so a newcomer reads one language only. Nothing is
written twice by hand.
"""

from __future__ import annotations

import copy
import re

from nbformat import NotebookNode

from kit.i18n import LANGUAGES, keep_language

__all__ = ["language_files", "set_parameter", "single_language"]


def language_files(nb: NotebookNode) -> dict[str, str]:
    """``{language: file name}`` when the notebook is released per language, else ``{}``."""
    files = nb.metadata.get("kit", {}).get("languages") or {}
    if not isinstance(files, dict) or sorted(files) != sorted(LANGUAGES):
        return {}
    return {lang: str(files[lang]) for lang in LANGUAGES}


def single_language(nb: NotebookNode, lang: str) -> NotebookNode:
    """A copy of ``nb`` with only ``lang``'s text and ``LANG = "<lang>"`` (the source is kept)."""
    if lang not in LANGUAGES:
        raise ValueError(f"language {lang!r}: expected one of {LANGUAGES}")
    out = copy.deepcopy(nb)
    for cell in out.cells:
        if cell.cell_type == "markdown":
            cell.source = keep_language(cell.source, lang).strip()
    out.metadata.get("kit", {}).pop("languages", None)
    out.metadata.setdefault("kit", {})["language"] = lang
    return set_parameter(out, "LANG", lang)


def set_parameter(nb: NotebookNode, name: str, value: str) -> NotebookNode:
    """Set a string parameter of the ``parameters`` cell in place (kept comment and all)."""
    pattern = re.compile(rf'^({re.escape(name)}\s*=\s*)(["\']).*?\2', re.M)
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.metadata.get("tags", []):
            cell.source = pattern.sub(lambda m: f'{m.group(1)}"{value}"', cell.source, count=1)
            break
    return nb
