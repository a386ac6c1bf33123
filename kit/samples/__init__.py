"""Deterministic generators of the bundled sample data, each with the truth it planted.

Regenerate every bundled sample (and the manifest) with ``python -m kit.samples``, or one of
them with ``python -m kit.samples procurement``.
"""

from __future__ import annotations

__all__ = ["GENERATORS"]

GENERATORS: dict[str, str] = {
    "procurement": "kit.samples.procurement",
    "sanctions": "kit.samples.sanctions",
    "declarations": "kit.samples.declarations",
    "cdmx": "kit.samples.cdmx",
    "care": "kit.samples.care",
    "budget": "kit.samples.budget",
}
"""Name of each sample -> module with a ``write()`` that writes it into ``kit/data``.

In dependency order: the sanctions and declarations samples are built on the procurement
sample's suppliers and buyers, so procurement is written first. The Mexico City samples (cdmx,
care) and the federal budget sample (budget) stand alone."""
