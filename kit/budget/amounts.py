"""Amounts in pesos as Hacienda writes them, to floats, or an error that names the row.

Amounts are pesos with a decimal point (``21141.00``). Exports passed through a spreadsheet add
thousands commas (``1,234,567.89``) and write an empty amount as ``-``; the open-data files leave
many cells empty (a key with a modified amount but nothing approved has an empty
``MONTO_APROBADO``). Empty cells and ``-`` are read as 0 pesos. A decimal comma
(``1234,56``) is ambiguous with a thousands comma, so it is refused rather than guessed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["BLANK", "first_bad", "parse"]

#: Cells that mean "no amount": read as 0 pesos.
BLANK = frozenset({"", "-"})
_THOUSANDS = r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?"


def parse(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The amounts of a column of text, and a mask of the cells that are not amounts.

    Returns ``(values, bad)``: float pesos (0 for empty cells and ``-``; NaN where ``bad``).
    """
    stripped = text.astype("string").str.strip().fillna("")
    blank = stripped.isin(BLANK)
    grouped = stripped.str.fullmatch(_THOUSANDS).fillna(False).astype(bool)
    cleaned = stripped.where(~grouped, stripped.str.replace(",", "", regex=False))
    values = pd.to_numeric(cleaned.where(~blank), errors="coerce").astype("float64")
    bad = ~blank & ~np.isfinite(values.to_numpy())
    values = values.where(~blank, 0.0)
    return values, pd.Series(bad, index=text.index)


def first_bad(bad: pd.Series) -> int | None:
    """Position (0-based) of the first cell that is not an amount, or None."""
    positions = np.flatnonzero(bad.to_numpy())
    return int(positions[0]) if len(positions) else None
