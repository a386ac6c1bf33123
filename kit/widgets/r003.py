"""R003 explorer: how many competitive processes a minimum submission period flags."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from kit.i18n import messages
from kit.procurement.indicators import short_submission_period
from kit.widgets._render import Explorer
from kit.widgets._render import png as _png

COMPETITIVE = ("open", "selective")
#: Periods beyond these limits are drawn at the edges of the histogram.
LOW_DAYS, HIGH_DAYS = -5, 60

MSG = messages(
    "widgets",
    {
        "threshold": ("Umbral (días)", "Threshold (days)"),
        "methods": ("Métodos", "Methods"),
        "year": ("Año", "Year"),
        "competitive": ("competitivos (open y selective)", "competitive (open and selective)"),
        "all_methods": ("todos los métodos", "every method"),
        "all_years": ("todos los años", "every year"),
        "title": (
            "Días para presentar ofertas (R003): {flagged} de {evaluated} procesos marcados",
            "Days to submit bids (R003): {flagged} of {evaluated} processes flagged",
        ),
        "xlabel": (
            "Días completos del periodo de ofertas ({low} o menos y {high} o más, en los bordes)",
            "Whole days of the submission period ({low} or less and {high} or more at the edges)",
        ),
        "ylabel": ("Procesos", "Processes"),
        "flagged": ("marcados (menos de {days} días)", "flagged (fewer than {days} days)"),
        "not_flagged": ("no marcados", "not flagged"),
        "line": ("umbral: {days} días", "threshold: {days} days"),
        "no_data": (
            "No hay procesos con fechas para esta selección.",
            "No processes with dates for this selection.",
        ),
        "table_title": (
            "Compradores con más procesos marcados",
            "Buyers with the most flagged processes",
        ),
        "buyer": ("Comprador", "Buyer"),
        "evaluated": ("Evaluados", "Evaluated"),
        "flagged_n": ("Marcados", "Flagged"),
        "share": ("% marcados", "% flagged"),
        "reminder": (
            "Una bandera roja es una señal para revisar con más cuidado, no una prueba.",
            "A red flag is a signal to look more carefully, not proof.",
        ),
    },
)

Methods = Sequence[str] | None


def evaluated_periods(
    data: Any, threshold_days: int = 10, methods: Methods = COMPETITIVE, year: int | None = None
) -> pd.DataFrame:
    """R003 rows that could be evaluated, with the buyer and start year of each process.

    Args:
        data: the tables from :func:`kit.procurement.load`.
        threshold_days: flag periods of fewer whole days than this.
        methods: ``procurement_method`` values to evaluate (``None``: every method).
        year: keep processes whose submission period started that year (``None``: all).

    Returns:
        The columns of :func:`~kit.procurement.short_submission_period` plus ``buyer_name`` and
        ``year``, only for evaluated processes.
    """
    flags = short_submission_period(
        data, threshold_days=threshold_days, procurement_methods=methods
    )
    tenders = data.tenders
    flags["buyer_name"] = tenders["buyer_name"].fillna(tenders["buyer_id"]).to_numpy()
    flags["year"] = tenders["tender_start"].dt.year.astype("Int64").to_numpy()
    keep = flags["evaluated"]
    if year is not None:
        keep &= flags["year"].eq(year).fillna(False).astype(bool)
    return flags.loc[keep].reset_index(drop=True)


def flagged_by_buyer(
    data: Any,
    threshold_days: int = 10,
    methods: Methods = COMPETITIVE,
    year: int | None = None,
    top: int = 10,
) -> pd.DataFrame:
    """The ``top`` buyers with the most processes flagged by R003 (short submission period).

    Returns:
        Columns ``buyer_name``, ``evaluated``, ``flagged`` and ``share`` (flagged / evaluated),
        buyers with at least one flagged process, most flagged first (ties: higher share first).
    """
    return buyers_table(evaluated_periods(data, threshold_days, methods, year), top)


def buyers_table(periods: pd.DataFrame, top: int = 10) -> pd.DataFrame:
    """:func:`flagged_by_buyer` from the rows of :func:`evaluated_periods`."""
    table = periods.groupby("buyer_name").agg(evaluated=("flag", "size"), flagged=("flag", "sum"))
    table = table.loc[table["flagged"] > 0].astype(int)
    table["share"] = table["flagged"] / table["evaluated"]
    table = table.sort_values(["flagged", "share"], ascending=False).head(top)
    table.index = table.index.astype(object)
    return table.reset_index()


class ThresholdExplorer(Explorer):
    """Controls (threshold, methods, year), a histogram and a table of buyers, kept in step.

    Attributes:
        threshold, methods, year: the ipywidgets controls (set ``.value`` to change them).
        table: the buyers table of the current state (see :func:`flagged_by_buyer`).
        image, html: the widgets showing the plot (PNG) and the table.
        widget: the ipywidgets box that Jupyter displays.
    """

    def __init__(
        self, data: Any, threshold_days: int = 10, methods: Methods = COMPETITIVE, top: int = 10
    ) -> None:
        import ipywidgets as w

        self.data, self.top = data, top
        self.table = pd.DataFrame()
        wide = {"style": {"description_width": "initial"}}  # labels in full, in both languages
        slider_box = w.Layout(min_width="24em")
        self.threshold = w.IntSlider(
            value=threshold_days,
            min=1,
            max=40,
            description=str(MSG["threshold"]),
            layout=slider_box,
            **wide,
        )
        self.methods = w.Dropdown(
            options=_method_options(data),
            value=_tuple(methods),
            description=str(MSG["methods"]),
            **wide,
        )
        self.year = w.Dropdown(
            options=_year_options(data), value=ALL_YEARS, description=str(MSG["year"]), **wide
        )
        self.image = w.Image(format="png")
        self.html = w.HTML()
        for control in (self.threshold, self.methods, self.year):
            control.observe(self.update, names="value")
        controls = w.HBox([self.threshold, self.methods, self.year])
        self.widget = w.VBox([controls, self.image, self.html])
        self.update()

    def update(self, change: Any = None) -> None:
        """Recompute for the controls' current values and redraw (called on every change)."""
        methods, year = self.methods.value or None, self.year.value or None  # "all" sentinels
        args = (self.data, self.threshold.value, methods, year)
        periods = evaluated_periods(*args)
        self.table = buyers_table(periods, self.top)
        self.image.value = _png(_figure(periods, self.threshold.value))
        self.html.value = _table_html(self.table)


def threshold_explorer(
    data: Any, threshold_days: int = 10, methods: Methods = COMPETITIVE, top: int = 10
) -> ThresholdExplorer:
    """Explore R003 (short submission period): move the threshold, choose methods and a year.

    Shows the distribution of submission days with the threshold line, and the buyers with the
    most flagged processes. Labels follow the notebook's language (``kit.setup(lang=...)``).

    Args:
        data: the tables from :func:`kit.procurement.load`.
        threshold_days: initial threshold, in whole days (1 to 40).
        methods: initial methods: ``("open", "selective")``, one method, or ``None`` for all.
        top: how many buyers the table lists.

    Returns:
        A :class:`ThresholdExplorer`; it displays itself when it is the last line of a cell.
    """
    return ThresholdExplorer(data, threshold_days, methods, top)


def _tuple(methods: Methods | str) -> tuple[str, ...]:
    """Methods as a dropdown value (``()``: all); Cardinal's ``"open|selective"`` is accepted."""
    if isinstance(methods, str):
        methods = methods.split("|")
    return ALL_METHODS if methods is None else tuple(methods)


#: Dropdown values meaning "all": never ``None``, which a dropdown shows as no selection.
ALL_METHODS: tuple[str, ...] = ()
ALL_YEARS = 0


def _method_options(data: Any) -> list[tuple[str, tuple[str, ...]]]:
    present = sorted(data.tenders["procurement_method"].dropna().unique())
    return [
        (str(MSG["competitive"]), COMPETITIVE),
        *((str(method), (str(method),)) for method in present),
        (str(MSG["all_methods"]), ALL_METHODS),
    ]


def _year_options(data: Any) -> list[tuple[str, int]]:
    years = sorted(data.tenders["tender_start"].dt.year.dropna().astype(int).unique())
    return [(str(MSG["all_years"]), ALL_YEARS), *((str(year), int(year)) for year in years)]


def _figure(periods: pd.DataFrame, threshold: int) -> Any:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 4))
    ax = fig.subplots()
    if len(periods):
        _histogram(ax, periods, threshold)
    else:
        ax.text(0.5, 0.5, str(MSG["no_data"]), ha="center", va="center", transform=ax.transAxes)
    _threshold_line(ax, threshold)
    n_flagged = int(periods["flag"].sum())
    ax.set_title(MSG["title"].format(flagged=f"{n_flagged:,}", evaluated=f"{len(periods):,}"))
    ax.set_xlabel(MSG["xlabel"].format(low=LOW_DAYS, high=HIGH_DAYS))
    ax.set_ylabel(str(MSG["ylabel"]))
    fig.tight_layout()
    return fig


def _histogram(ax: Any, periods: pd.DataFrame, threshold: int) -> None:
    """Flagged periods hatched, the others plain: readable without colour."""
    days = periods["period_days"].astype(float).clip(LOW_DAYS, HIGH_DAYS)
    flagged = periods["flag"].to_numpy(dtype=bool)
    style = {"bins": np.arange(LOW_DAYS, HIGH_DAYS + 2), "edgecolor": "black"}
    flagged_label = MSG["flagged"].format(days=threshold)
    ax.hist(days[flagged], hatch="///", color="#d55e00", label=flagged_label, **style)
    ax.hist(days[~flagged], color="#bbbbbb", label=str(MSG["not_flagged"]), **style)
    ax.legend(loc="upper right")


def _threshold_line(ax: Any, threshold: int) -> None:
    ax.axvline(threshold, color="black", linestyle="--")
    ax.annotate(
        MSG["line"].format(days=threshold),
        (threshold, 1),
        xycoords=("data", "axes fraction"),
        xytext=(-4, -14),
        textcoords="offset points",
        ha="right",
        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8},
    )


def _table_html(table: pd.DataFrame) -> str:
    """The buyers table with headers in the current language, a title and a reminder."""
    view = table.assign(share=(table["share"] * 100).round(1))
    names = {"buyer_name": "buyer", "evaluated": "evaluated", "flagged": "flagged_n"}
    view = view.rename(columns={k: str(MSG[v]) for k, v in {**names, "share": "share"}.items()})
    view.index = range(1, len(view) + 1)
    title = html.escape(str(MSG["table_title"]))
    reminder = html.escape(str(MSG["reminder"]))
    return f"<b>{title}</b>{view.to_html(border=0)}<p><i>{reminder}</i></p>"
