"""One plotting style for every notebook: readable, accessible, bilingual labels.

The palette is seaborn's colour-blind-safe one; plots should also carry labels or markers so
they read in black and white (projectors, printouts).
"""

from __future__ import annotations

from kit.i18n import Text, get_language

__all__ = ["MARKERS", "label", "use_style"]

#: Markers to pair with colours so series stay distinguishable without colour.
MARKERS = ("o", "s", "^", "D", "v", "P", "X")


def use_style() -> None:
    """Apply the kit's seaborn theme (called by :func:`kit.setup`)."""
    import matplotlib as mpl
    import seaborn as sns

    sns.set_theme(context="notebook", style="whitegrid", palette="colorblind")
    mpl.rcParams.update(
        {
            "figure.figsize": (8, 4.5),
            "figure.dpi": 100,
            "axes.titleweight": "bold",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "savefig.bbox": "tight",
        }
    )


def label(es: str, en: str) -> str:
    """The label in the notebook's language: ``ax.set_xlabel(label("Días", "Days"))``."""
    return Text(es, en).get(get_language())
