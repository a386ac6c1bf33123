"""Budget explorer (presupuesto): one programme's approved, modified and spent pesos by year.

The mentor chooses a ramo and one of its programmes (a programme is ramo + programa: ``E010``
of ramo 11 is not ``E010`` of ramo 12), nominal or constant pesos (INEGI's INPC, pesos of the
latest year) and which measures to draw, as lines or bars. The table gives the same figures and
the spent/approved ratio. A gap between approved and spent is a question to ask (modifying the
budget is legal and common), never proof of wrongdoing.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pandas as pd

from kit.budget.inpc import deflate
from kit.budget.programs import by_program
from kit.i18n import messages
from kit.widgets._render import Explorer
from kit.widgets._render import png as _png

__all__ = [
    "CHARTS",
    "MEASURES",
    "BudgetExplorer",
    "budget_explorer",
    "program_years",
    "programs_of",
]

#: The three measures of the Cuenta Pública the explorer draws, in budget order.
MEASURES = ("aprobado", "modificado", "ejercido")
#: How the years are drawn.
CHARTS = ("line", "bar")
_STYLE = {
    "aprobado": {"color": "#0173b2", "marker": "o", "hatch": "", "linestyle": "-"},
    "modificado": {"color": "#de8f05", "marker": "s", "hatch": "///", "linestyle": "--"},
    "ejercido": {"color": "#029e73", "marker": "^", "hatch": "...", "linestyle": ":"},
}

MSG = messages(
    "widgets.budget",
    {
        "ramo": ("Ramo", "Ramo"),
        "programa": ("Programa", "Programme"),
        "pesos": ("Pesos", "Pesos"),
        "nominal": ("Nominales", "Nominal"),
        "real": ("Reales", "Real"),
        "measure": ("Medida", "Measure"),
        "all": ("Las tres", "All three"),
        "chart": ("Gráfica", "Chart"),
        "line": ("Líneas", "Lines"),
        "bar": ("Barras", "Bars"),
        "aprobado": ("Aprobado", "Approved"),
        "modificado": ("Modificado", "Modified"),
        "ejercido": ("Ejercido", "Spent"),
        "year": ("Año", "Year"),
        "ratio": ("Ejercido / aprobado", "Spent / approved"),
        "ylabel_nominal": ("Millones de pesos corrientes", "Million current pesos"),
        "ylabel_real": ("Millones de pesos de {base}", "Million {base} pesos"),
        "absent": ("no existe", "absent"),
        "title": ("Programa {ramo}-{programa}: {desc}", "Programme {ramo}-{programa}: {desc}"),
        "reminder": (
            "Cifras de la Cuenta Pública por año ({pesos}). Una diferencia entre aprobado y "
            "ejercido es una pregunta (¿por qué?, ¿quién lo decidió?, ¿se informó?), no prueba "
            "de irregularidad: modificar el presupuesto es legal y frecuente.",
            "Cuenta Pública figures by year ({pesos}). A gap between approved and spent is a "
            "question (why? who decided? was it reported?), not proof of wrongdoing: modifying "
            "the budget is legal and common.",
        ),
        "pesos_nominal": ("pesos corrientes de cada año", "current pesos of each year"),
        "pesos_real": (
            "pesos de {base}, deflactados con el INPC de INEGI",
            "{base} pesos, deflated with INEGI's INPC",
        ),
        "unknown": (
            "el programa {ramo}-{programa} no está en la tabla.",
            "programme {ramo}-{programa} is not in the table.",
        ),
    },
)


def programs_of(table: pd.DataFrame, ramo: str) -> list[tuple[str, str]]:
    """``(label, programa)`` options of one ramo, sorted by key (``("K011 · …", "K011")``)."""
    rows = table[table["ramo"] == ramo].sort_values("ciclo")
    names = rows.groupby("programa")["desc_pp"].last()
    return [(f"{key} · {_short(str(name))}", str(key)) for key, name in names.sort_index().items()]


def program_years(
    table: pd.DataFrame,
    ramo: str,
    programa: str,
    *,
    real: bool = False,
    base_year: int | None = None,
) -> pd.DataFrame:
    """One row per year of the table: approved, modified and spent pesos of ``ramo``-``programa``.

    Args:
        table: the tidy table of :func:`kit.budget.load` (``.presupuesto``).
        ramo, programa: the programme's key (``"12"``, ``"K011"``): both are needed.
        real: constant pesos of ``base_year`` (INPC annual average) instead of current pesos.
        base_year: the year whose pesos to use; by default the table's latest.

    Returns:
        Index ``ciclo`` (every year of the table: a year without the programme holds NaN, not 0),
        columns ``aprobado``, ``modificado``, ``ejercido`` and ``ejercido_aprobado``.
        ``attrs["pesos_de"]`` is the base year when ``real``.
    """
    mask = (table["ramo"] == ramo) & (table["programa"] == programa)
    if not mask.any():
        raise KeyError(MSG["unknown"].format(ramo=ramo, programa=programa))
    years = sorted(int(y) for y in table["ciclo"].unique())
    summary = by_program(table[mask])
    if real:
        base = max(years) if base_year is None else int(base_year)
        summary = deflate(summary, base, list(MEASURES))
        for measure in MEASURES:
            summary[measure] = summary[f"{measure}_real"]
    out = summary.set_index("ciclo")[[*MEASURES, "ejercido_aprobado"]].reindex(years)
    out.index.name = "ciclo"
    out.attrs = {"pesos_de": max(years) if base_year is None else int(base_year)} if real else {}
    return out


class BudgetExplorer(Explorer):
    """Ramo and programme dropdowns, nominal/real toggle, measure and chart choice: a plot by year
    and a table, kept in step.

    Attributes:
        ramo, programa, pesos, measure, chart: the ipywidgets controls (set ``.value``).
        table: the rows of the current state (see :func:`program_years`).
        image, html: the widgets showing the plot and the table; ``widget`` is the box.
    """

    def __init__(
        self, table: pd.DataFrame, ramo: str = "12", programa: str = "K011", *,
        real: bool = False, measure: str = "all", chart: str = "line",
    ) -> None:  # fmt: skip
        import ipywidgets as w

        self.data = table
        ramos = table[["ramo", "desc_ramo"]].dropna().sort_values("ramo")
        names = ramos.groupby("ramo")["desc_ramo"].last()
        ramo_options = [
            (f"{key} · {_short(str(name), 30)}", str(key)) for key, name in names.items()
        ]
        start = ramo if ramo in names.index else str(names.index[0])
        self.table = pd.DataFrame()
        self.ramo = w.Dropdown(options=ramo_options, value=start, description=str(MSG["ramo"]))
        options = programs_of(table, start)
        keys = [key for _, key in options]
        self.programa = w.Dropdown(
            options=options,
            value=programa if programa in keys else keys[0],
            description=str(MSG["programa"]),
        )
        self.pesos = w.ToggleButtons(
            options=[(str(MSG["nominal"]), False), (str(MSG["real"]), True)],
            value=bool(real),
            description=str(MSG["pesos"]),
        )
        self.measure = w.Dropdown(
            options=[(str(MSG["all"]), "all")] + [(str(MSG[m]), m) for m in MEASURES],
            value=measure,
            description=str(MSG["measure"]),
        )
        self.chart = w.ToggleButtons(
            options=[(str(MSG[c]), c) for c in CHARTS], value=chart, description=str(MSG["chart"])
        )
        self.image = w.Image(format="png")
        self.html = w.HTML()
        self.ramo.observe(self._new_ramo, names="value")
        for control in (self.programa, self.pesos, self.measure, self.chart):
            control.observe(self.update, names="value")
        self.widget = w.VBox(
            [
                w.HBox([self.ramo, self.programa]),
                w.HBox([self.pesos, self.measure]),
                self.chart,
                self.image,
                self.html,
            ]
        )
        self.update()

    def measures(self) -> list[str]:
        """The measures drawn: the chosen one, or all three."""
        return list(MEASURES) if self.measure.value == "all" else [self.measure.value]

    def _new_ramo(self, change: Any = None) -> None:
        """A new ramo brings its own programmes; keep the programme key when the ramo has it."""
        options = programs_of(self.data, self.ramo.value)
        keys = [key for _, key in options]
        keep = self.programa.value if self.programa.value in keys else keys[0]
        self.programa.unobserve(self.update, names="value")
        self.programa.options = options
        self.programa.value = keep
        self.programa.observe(self.update, names="value")
        self.update()

    def update(self, change: Any = None) -> None:
        """Recompute for the controls' current values and redraw (called on every change)."""
        real = bool(self.pesos.value)
        self.table = program_years(self.data, self.ramo.value, self.programa.value, real=real)
        rows = self.data[
            (self.data["ramo"] == self.ramo.value) & (self.data["programa"] == self.programa.value)
        ]
        desc = _short(str(rows.sort_values("ciclo")["desc_pp"].iloc[-1]), 45)
        title = MSG["title"].format(ramo=self.ramo.value, programa=self.programa.value, desc=desc)
        base = self.table.attrs.get("pesos_de")
        self.image.value = _png(_figure(self.table, self.measures(), self.chart.value, title, base))
        self.html.value = _table_html(self.table, self.measures(), base)


def budget_explorer(
    table: pd.DataFrame, ramo: str = "12", programa: str = "K011", *,
    real: bool = False, measure: str = "all", chart: str = "line",
) -> BudgetExplorer:  # fmt: skip
    """Explore one programme's budget by year: ramo, programme, nominal or real pesos, measure.

    Args:
        table: ``kit.budget.load(...).presupuesto``.
        ramo, programa: the programme shown first (``"12"``, ``"K011"``).
        real: start in constant pesos of the latest year.
        measure: ``"all"``, ``"aprobado"``, ``"modificado"`` or ``"ejercido"``.
        chart: ``"line"`` or ``"bar"``.

    Returns:
        A :class:`BudgetExplorer`, drawn once when built (it runs headless too); it displays
        itself when it is the last line of a cell.
    """
    return BudgetExplorer(table, ramo, programa, real=real, measure=measure, chart=chart)


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _ylabel(base: int | None) -> str:
    return str(MSG["ylabel_nominal"]) if base is None else MSG["ylabel_real"].format(base=base)


def _figure(
    table: pd.DataFrame, measures: list[str], chart: str, title: str, base: int | None
) -> Any:
    """Lines with a marker and a line style per measure, or bars with a hatch per measure, so
    it reads without colour; a year without the programme says so."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7.5, 3.8))
    ax = fig.subplots()
    years = [int(y) for y in table.index]
    positions = np.arange(len(years), dtype=float)
    width = 0.8 / len(measures)
    for i, measure in enumerate(measures):
        values = table[measure] / 1e6
        style = _STYLE[measure]
        name = str(MSG[measure])
        if chart == "bar":
            shift = positions - 0.4 + width * (i + 0.5)
            ax.bar(
                shift, values.fillna(0), width, label=name, color=style["color"],
                hatch=style["hatch"], edgecolor="black",
            )  # fmt: skip
        else:
            ax.plot(
                positions, values, label=name, color=style["color"], marker=style["marker"],
                linestyle=style["linestyle"], linewidth=2,
            )  # fmt: skip
    for position, year in zip(positions, years, strict=True):
        if table.loc[year, measures].isna().all():
            ax.text(position, 0, str(MSG["absent"]), ha="center", va="bottom", fontsize=9)
    ax.set_xticks(positions, [str(y) for y in years])
    ax.set_xlim(-0.6, len(years) - 0.4)
    ax.set_xlabel(str(MSG["year"]))
    ax.set_ylabel(_ylabel(base))
    ax.set_ylim(bottom=0)
    ax.margins(y=0.12)
    ax.set_title(title, fontsize=10)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, fontsize=8, frameon=False)
    fig.tight_layout()
    return fig


def _table_html(table: pd.DataFrame, measures: list[str], base: int | None) -> str:
    def millions(value: float) -> str:
        return "–" if pd.isna(value) else f"{value / 1e6:,.0f}"

    view = pd.DataFrame({str(MSG["year"]): [int(y) for y in table.index]})
    for measure in measures:
        view[str(MSG[measure])] = [millions(v) for v in table[measure]]
    view[str(MSG["ratio"])] = [
        "–" if pd.isna(v) else f"{v:.0%}" for v in table["ejercido_aprobado"]
    ]
    pesos = MSG["pesos_nominal"].get() if base is None else MSG["pesos_real"].format(base=base)
    reminder = html.escape(MSG["reminder"].format(pesos=pesos))
    unit = html.escape(_ylabel(base))
    return f"<p><b>{unit}</b></p>{view.to_html(border=0, index=False)}<p><i>{reminder}</i></p>"
