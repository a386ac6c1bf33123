"""Widgets in a deck: their stored snapshot, never a live control that can do nothing.

A deck has no kernel, so a slider in it would move without redrawing anything. The kit's
explorers store a static ``text/html`` snapshot (plot and table) beside the widget view; this
preprocessor keeps the snapshot and drops the view. A widget without a snapshot becomes one line
saying where to use it live.
"""

from __future__ import annotations

import html

from nbconvert.preprocessors import Preprocessor
from traitlets import Enum

from kit.i18n import messages

__all__ = ["WIDGET_VIEW", "StaticWidgets"]

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"

MSG = messages(
    "slides.widgets",
    {
        "live": (
            "(control interactivo: úsalo en el cuaderno con el kernel en marcha)",
            "(interactive control: use it in the notebook with a running kernel)",
        ),
    },
)


class StaticWidgets(Preprocessor):
    """nbconvert preprocessor: widget views become their snapshot (or a one-line note)."""

    lang = Enum(["es", "en"], default_value="es").tag(config=True)

    def preprocess(self, nb, resources):
        # Without widget views left, the stored widget state would only make the template add a
        # loader script for a widget manager from a CDN.
        nb.metadata.pop("widgets", None)
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, index):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW not in data:
                continue
            del data[WIDGET_VIEW]
            if "text/html" not in data:
                data["text/html"] = f"<p><i>{html.escape(MSG['live'].get(self.lang))}</i></p>"
            data.pop("text/plain", None)
        return cell, resources
