"""What every explorer shares: a matplotlib figure as PNG bytes for an ``Image`` widget."""

from __future__ import annotations

import io
from typing import Any


def png(figure: Any) -> bytes:
    """The figure as PNG bytes (kept in the widget state, so saved notebooks keep it)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    return buffer.getvalue()
