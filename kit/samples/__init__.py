"""Deterministic generators of the bundled sample data, each with the truth it planted.

Regenerate every bundled sample (and the manifest) with ``python -m kit.samples``, or one of
them with ``python -m kit.samples procurement``.
"""

from __future__ import annotations

__all__ = ["GENERATORS"]

GENERATORS: dict[str, str] = {
    "declarations": "kit.samples.declarations",
    "procurement": "kit.samples.procurement",
    "sanctions": "kit.samples.sanctions",
}
"""Name of each sample -> module with a ``write()`` that writes it into ``kit/data``."""
