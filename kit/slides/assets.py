"""reveal.js for decks that must open without the network.

Participants' machines at a datathon often have no reliable connection, and a projector laptop
may have none at all; so ``kit slides --offline`` copies reveal.js next to the deck and points the
deck at the copies. The files are vendored in ``kit/slides/assets/`` (about 390 KB, each
project's MIT licence kept beside it) rather than taken from a PyPI package: a Python dependency
for a few static files adds an install step and a version to track, while reveal.js's own npm
tarball is the upstream source. From npm: reveal.js 4.6.0 (``dist/reveal.js``,
``dist/reveal.css``, ``dist/theme/white.css`` without its web-font ``@import``, so the text falls
back to Helvetica/sans-serif, and ``plugin/notes/notes.js``, whose speaker view is inlined);
requirejs 2.3.8 and jQuery 3.7.1, because nbconvert's reveal template loads reveal.js through
require.js and uses jQuery. Update: ``npm pack`` the three packages and copy the same files.
"""

from __future__ import annotations

import shutil
from pathlib import Path

__all__ = ["ASSETS", "CDN_REVEAL", "REVEAL_VERSION", "copy_assets", "offline_urls"]

ASSETS = Path(__file__).with_name("assets")
REVEAL_VERSION = "4.6.0"
CDN_REVEAL = f"https://unpkg.com/reveal.js@{REVEAL_VERSION}"

# exporter trait -> path relative to the deck (and to ASSETS)
_URLS = {
    "reveal_url_prefix": "reveal.js",
    "require_js_url": "requirejs/require.js",
    "jquery_url": "jquery/jquery.min.js",
}


def offline_urls() -> dict[str, str]:
    """SlidesExporter traits pointing at the copies next to the deck (relative URLs)."""
    return dict(_URLS)


def copy_assets(folder: Path) -> list[Path]:
    """Copy the vendored files into ``folder`` (beside the deck); returns the files written."""
    written = []
    for source in sorted(p for p in ASSETS.rglob("*") if p.is_file()):
        target = folder / source.relative_to(ASSETS)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    return written
