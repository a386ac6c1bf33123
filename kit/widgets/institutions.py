"""Risk-table explorer: choose an institution, see its risk signals (declaraciones)."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from kit.i18n import messages
from kit.widgets._render import Explorer

RISK_MSG = messages(
    "widgets.risk",
    {
        "institution": ("Institución", "Institution"),
        "title": (
            "{institution}: {n} señal(es) de riesgo",
            "{institution}: {n} risk signal(s)",
        ),
        "none": ("Sin señales en esta institución.", "No signals at this institution."),
        "reminder": (
            "Una señal de riesgo no es una prueba: es una razón para revisar los documentos. "
            "Los datos de muestra son ficticios.",
            "A risk signal is not proof: it is a reason to review the documents. The sample "
            "data are fictitious.",
        ),
    },
)


class InstitutionRiskExplorer(Explorer):
    """A dropdown of institutions and the risk table of the chosen one (an ``HTML`` widget).

    Attributes:
        table: every signal, one row each, with the institution in ``column``.
        dropdown, html: the widgets; ``widget`` is the box Jupyter displays.
    """

    def __init__(self, table: pd.DataFrame, column: str = "institucion") -> None:
        import ipywidgets as w

        self.table, self.column = table, column
        counts = table[column].value_counts()
        options = [(f"{name} ({n})", name) for name, n in counts.items()]
        self.dropdown = w.Dropdown(
            options=options or [("—", None)], description=str(RISK_MSG["institution"])
        )
        self.html = w.HTML()
        self.dropdown.observe(self.update, names="value")
        self.widget = w.VBox([self.dropdown, self.html])
        self.update()

    def rows(self) -> pd.DataFrame:
        """The signals of the chosen institution."""
        chosen = self.table[self.table[self.column] == self.dropdown.value]
        return chosen.drop(columns=[self.column]).reset_index(drop=True)

    def update(self, change: Any = None) -> None:
        """Redraw the table for the chosen institution."""
        rows = self.rows()
        name = html.escape(str(self.dropdown.value))
        title = html.escape(RISK_MSG["title"].format(institution=name, n=len(rows)))
        body = rows.to_html(border=0, index=False) if len(rows) else str(RISK_MSG["none"])
        reminder = html.escape(str(RISK_MSG["reminder"]))
        self.html.value = f"<b>{title}</b>{body}<p><i>{reminder}</i></p>"


def institution_risk_explorer(
    table: pd.DataFrame, column: str = "institucion"
) -> InstitutionRiskExplorer:
    """Choose an institution in a dropdown and see its risk signals as a table.

    Args:
        table: one row per risk signal (e.g. a conflict of interest, a disqualified official
            still in S2), with the institution's name in ``column``.
        column: the column holding the institution.

    Returns:
        An :class:`InstitutionRiskExplorer`, drawn once when built (it runs headless too); it
        displays itself when it is the last line of a cell.
    """
    return InstitutionRiskExplorer(table, column)
