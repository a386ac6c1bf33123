"""Debian's chromium for the browser tests, driven by Playwright (docs/architecture.md).

Never ``playwright install``: its browser download needs a network CI does not have. Without
chromium or playwright the browser tests skip and say why.
"""

from __future__ import annotations

import shutil

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
#: Marks for a browser test module: slow, and skipped (saying how to fix it) without chromium.
BROWSER_MARKS = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None, reason="chromium is not installed (sudo apt install chromium)"
    ),
]


def launch(playwright, **options):
    """Headless chromium with the flags that work in containers and offline."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS, **options)
