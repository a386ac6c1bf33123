"""Which open licence a project's LICENSE file holds, from its text (recorded as an SPDX id).

Recognised: MIT, Apache-2.0, BSD-2-Clause, BSD-3-Clause, GPL-2.0, GPL-3.0, LGPL-2.1, LGPL-3.0,
AGPL-3.0, MPL-2.0, Unlicense, CC0-1.0 and CC-BY-4.0 (for text and data). The GNU ids are the
licence texts' ids: a text alone does not say "only" or "or later". A line
``SPDX-License-Identifier: <id>`` naming one of these is accepted too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kit.i18n import messages
from kit.submission.errors import SubmissionError

__all__ = ["ADDABLE", "LICENCES", "LicenceFile", "add_licence", "detect", "find_licence"]

LICENCES = (
    "MIT", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "GPL-2.0", "GPL-3.0", "LGPL-2.1",
    "LGPL-3.0", "AGPL-3.0", "MPL-2.0", "Unlicense", "CC0-1.0", "CC-BY-4.0",
)  # fmt: skip
NAMES = {"license", "licence", "copying", "unlicense"}
SUFFIXES = {"", ".md", ".txt", ".rst"}
GNU_TITLES = {
    "gnu affero general public license": "AGPL",
    "gnu lesser general public license": "LGPL",
    "gnu general public license": "GPL",
}
GNU_VERSIONS = (("version 3", "3.0"), ("version 2.1", "2.1"), ("version 2", "2.0"))
SPDX_LINE = re.compile(r"SPDX-License-Identifier:\s*([A-Za-z0-9.+-]+)")

MIT_TEXT = """\
MIT License

Copyright (c) {year} {holder}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.
"""
#: Licences ``kit submit --add-license`` can write.
ADDABLE = {"MIT": MIT_TEXT}

MSG = messages(
    "submission_licence",
    {
        "exists": (
            "{path} ya existe; no lo sobrescribo. Bórralo o edítalo tú si quieres otra licencia.",
            "{path} already exists; not overwriting it. Delete or edit it for another licence.",
        ),
        "unknown": (
            "--add-license {spdx}: solo se puede escribir {choices}",
            "--add-license {spdx}: only {choices} can be written",
        ),
    },
)


@dataclass(frozen=True)
class LicenceFile:
    """A licence file found for a work folder; ``spdx`` is None when the text is not known."""

    path: Path
    spdx: str | None


def is_licence_name(name: str) -> bool:
    """LICENSE, LICENCE, COPYING or UNLICENSE, any case, bare or .md/.txt/.rst."""
    path = Path(name)
    return path.stem.lower() in NAMES and path.suffix.lower() in SUFFIXES


def find_licence(folder: Path) -> LicenceFile | None:
    """The licence of the work folder, else of its parent; a recognised file wins over others."""
    for place in (folder, folder.parent):
        candidates = sorted(p for p in place.iterdir() if is_licence_name(p.name) and p.is_file())
        found = [LicenceFile(p, detect(p.read_text("utf-8", errors="replace"))) for p in candidates]
        if found:
            return next((item for item in found if item.spdx), found[0])
    return None


def detect(text: str) -> str | None:
    """The SPDX id of the open licence in ``text``, or None."""
    tag = SPDX_LINE.search(text)
    if tag:
        spdx = re.sub(r"-(only|or-later)$|\+$", "", tag.group(1))
        if spdx in LICENCES:
            return spdx
    words = re.sub(r"[^a-z0-9.]+", " ", text.lower())
    return _by_title(words[:400]) or _by_body(words)


def _by_title(head: str) -> str | None:
    """Licences named in their title; of the GNU ones, the first named (they cite each other)."""
    gnu = [(head.find(title), family) for title, family in GNU_TITLES.items() if title in head]
    if gnu:
        start, family = min(gnu)
        after = head[start : start + 120]
        version = next((v for phrase, v in GNU_VERSIONS if phrase in after), None)
        spdx = f"{family}-{version}"
        return spdx if spdx in LICENCES else None
    if "apache license" in head and "version 2.0" in head:
        return "Apache-2.0"
    if "mozilla public license" in head and "2.0" in head:
        return "MPL-2.0"
    return None


def _by_body(words: str) -> str | None:
    if "this is free and unencumbered software released into the public domain" in words:
        return "Unlicense"
    if "cc0 1.0 universal" in words:
        return "CC0-1.0"
    if "creative commons" in words and "attribution 4.0 international" in words:
        return "CC-BY-4.0"
    mit = (
        "permission is hereby granted free of charge to any person obtaining a copy",
        "the above copyright notice and this permission notice shall be included",
    )
    if all(phrase in words for phrase in mit):
        return "MIT"
    bsd = "redistribution and use in source and binary forms with or without modification"
    if bsd in words and "advertising materials" not in words:
        return "BSD-3-Clause" if "endorse or promote products" in words else "BSD-2-Clause"
    return None


def add_licence(folder: Path, spdx: str, holder: str, year: int | None = None) -> Path:
    """Write ``folder/LICENSE`` with the standard text of ``spdx`` (never over an existing one)."""
    if spdx not in ADDABLE:
        raise SubmissionError(folder, MSG["unknown"].format(spdx=spdx, choices=", ".join(ADDABLE)))
    target = folder / "LICENSE"
    existing = [p for p in folder.iterdir() if is_licence_name(p.name)]
    if existing:
        raise SubmissionError(folder, MSG["exists"].format(path=existing[0]))
    year = year or datetime.now(UTC).year
    target.write_text(ADDABLE[spdx].format(year=year, holder=holder), encoding="utf-8")
    return target
