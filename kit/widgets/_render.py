"""What every explorer shares: the plot as PNG bytes, and a static snapshot for readers
without a kernel.

An explorer's live view is an ipywidgets box. Saved notebooks, nbviewer, GitHub and
``kit slides`` decks have no kernel to redraw it, so :class:`Explorer` adds a ``text/html``
snapshot of the current plot and table to the display data, and a short ``text/plain`` line
instead of the widget's repr (which would hold the PNG bytes). Jupyter front ends with the
widget manager prefer the live view.
"""

from __future__ import annotations

import base64
import io
from typing import Any

from kit.i18n import messages

__all__ = ["WIDGET_VIEW", "Explorer", "png"]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

MSG = messages(
    "widgets.render",
    {
        "plain": (
            "Explorador interactivo: ejecuta el cuaderno para moverlo.",
            "Interactive explorer: run the notebook to move it.",
        ),
    },
)


def png(figure: Any) -> bytes:
    """The figure as PNG bytes (kept in the widget state, so saved notebooks keep it)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    return buffer.getvalue()


class Explorer:
    """Base of the kit's explorers: ``widget`` (the live box), ``html`` and optional ``image``
    (the widgets showing the current table and plot)."""

    widget: Any
    html: Any
    image: Any = None

    def snapshot(self) -> str:
        """The current plot and table as plain HTML (what a deck or a static page shows)."""
        parts = []
        if self.image is not None and self.image.value:
            encoded = base64.b64encode(self.image.value).decode("ascii")
            parts.append(f'<img src="data:image/png;base64,{encoded}" style="max-width:100%">')
        parts.append(str(self.html.value))
        return f'<div class="kit-explorer">{"".join(parts)}</div>'

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any]:
        bundle = dict(self.widget._repr_mimebundle_(**kwargs))
        bundle["text/html"] = self.snapshot()
        bundle["text/plain"] = str(MSG["plain"])
        return bundle
