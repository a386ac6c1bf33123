"""Metro line explorer (movilidad): victims per million trips at each station of a line.

Choose a line, an hour range and the victims' sex; the explorer links the victims to their
nearest station (as notebook 03 does, :mod:`kit.cdmx.tasks.exposicion`), divides by the station's
Metro trips and draws each station's rate with its exact 95 % interval, next to the line's own
rate. Ridership is published by day, not by hour: a narrower window compares stations over the
same hours (victims in that window per million trips of the whole day), it is not a rate per trip
made in those hours.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pandas as pd

from kit.cdmx.exposure import rate_per_million
from kit.cdmx.tasks.exposicion import DISTANCIA_M, linked_victims, metro_trips
from kit.i18n import messages
from kit.widgets._render import Explorer
from kit.widgets._render import png as _png

__all__ = [
    "ALL_DAY",
    "MetroLineExplorer",
    "line_rate",
    "line_station_rates",
    "metro_line_explorer",
    "metro_lines",
    "victims_in_window",
]

ALL_DAY = (0, 23)
SEXES = ("Mujer", "Hombre", None)

MSG = messages(
    "widgets.movilidad",
    {
        "line": ("Línea", "Line"),
        "hours": ("Horas", "Hours"),
        "sex": ("Víctimas", "Victims"),
        "Mujer": ("mujeres", "women"),
        "Hombre": ("hombres", "men"),
        "all": ("todas", "all"),
        "title": (
            "Línea {line}, {hours}, {sex}: víctimas por millón de viajes",
            "Line {line}, {hours}, {sex}: victims per million trips",
        ),
        "all_day": ("todo el día", "all day"),
        "window": ("de {start}:00 a {end}:59", "from {start}:00 to {end}:59"),
        "xlabel": (
            "Víctimas por millón de viajes (punto) e intervalo de 95 % (línea)",
            "Victims per million trips (dot) and 95% interval (line)",
        ),
        "line_rate": ("tasa de la línea: {rate}", "line's rate: {rate}"),
        "count": ("n = {n}", "n = {n}"),
        "no_data": (
            "Esta línea no tiene estaciones con viajes.",
            "This line has no stations with trips.",
        ),
        "station": ("Estación", "Station"),
        "victims": ("Víctimas", "Victims"),
        "trips": ("Viajes", "Trips"),
        "rate": ("Por millón", "Per million"),
        "interval": ("Intervalo 95 %", "95% interval"),
        "total": ("Toda la línea", "Whole line"),
        "unknown_hour": (
            "{n} víctima(s) de esta selección no tienen una hora confiable y sólo cuentan en "
            "«todo el día».",
            "{n} victim(s) of this selection have no trustworthy hour and only count in 'all day'.",
        ),
        "daily": (
            "La afluencia es diaria: con un horario, se comparan estaciones en las mismas horas "
            "(víctimas en ese horario por millón de viajes del día).",
            "Ridership is daily: with an hour range, stations are compared over the same hours "
            "(victims in those hours per million trips of the day).",
        ),
        "reminder": (
            "Una tasa alta es una señal para mirar con cuidado, no un veredicto sobre un lugar; "
            "los intervalos que se traslapan no permiten distinguir estaciones. Los datos de "
            "muestra son ficticios.",
            "A high rate is a signal to look closer, not a verdict on a place; overlapping "
            "intervals cannot tell stations apart. The sample data are fictitious.",
        ),
    },
)

COLUMNS = ("estacion", "clave_estacion", "victimas", "viajes", "tasa", "ci_low", "ci_high")


def metro_lines(data: Any) -> list[str]:
    """The Metro lines of the stations layer, numbers first in numeric order, then letters."""
    lines = data.estaciones["linea"].dropna().astype(str).unique()
    return sorted(
        lines, key=lambda line: (not line.isdigit(), int(line) if line.isdigit() else 0, line)
    )


def victims_in_window(
    linked: pd.DataFrame, hours: tuple[int, int] = ALL_DAY, sexo: str | None = "Mujer"
) -> pd.DataFrame:
    """The linked victims of one sex (``None``: all) whose hour falls in ``hours`` (inclusive).

    The whole day keeps every victim, unknown hour included; a narrower window keeps only
    victims with a trustworthy hour (``hora`` not missing) inside it.
    """
    keep = pd.Series(True, index=linked.index)
    if sexo is not None:
        keep &= linked["sexo"].eq(sexo).fillna(False).astype(bool)
    start, end = int(hours[0]), int(hours[1])
    if (start, end) != ALL_DAY:
        keep &= linked["hora"].between(start, end).fillna(False).astype(bool)
    return linked.loc[keep]


def line_station_rates(
    data: Any,
    linea: str,
    hours: tuple[int, int] = ALL_DAY,
    sexo: str | None = "Mujer",
    *,
    linked: pd.DataFrame | None = None,
    trips: pd.Series | None = None,
) -> pd.DataFrame:
    """Victims per million trips at each station of ``linea``, in the line's order.

    Args:
        data: what :func:`kit.cdmx.load.load` returns.
        linea: a line of ``data.estaciones`` (``"1"``, ``"A"``...).
        hours: first and last hour (0-23, inclusive).
        sexo: ``"Mujer"``, ``"Hombre"`` or ``None`` (every victim).
        linked, trips: precomputed :func:`~kit.cdmx.tasks.exposicion.linked_victims` (every
            sex) and :func:`~kit.cdmx.tasks.exposicion.metro_trips`, to save time.

    Returns:
        Columns ``estacion``, ``clave_estacion``, ``victimas``, ``viajes`` (all the station's
        Metro trips, every line), ``tasa``, ``ci_low``, ``ci_high``; stations without trips are
        left out (no denominator).
    """
    if linked is None:
        linked = linked_victims(data, DISTANCIA_M, sexo=None)
    if trips is None:
        trips = metro_trips(data)
    layer = data.estaciones
    stations = layer.loc[layer["linea"].astype(str) == str(linea)].sort_values("clave")
    stations = stations.drop_duplicates("clave_estacion")
    keys = stations["clave_estacion"].astype(object)
    found = trips.reindex(keys.to_numpy()).fillna(0)
    keys = keys.loc[found.to_numpy() > 0]
    chosen = victims_in_window(linked, hours, sexo)
    counts = chosen["clave_estacion"].value_counts().reindex(keys.to_numpy(), fill_value=0)
    rates = rate_per_million(counts.astype(int), trips.reindex(keys.to_numpy()).astype(float))
    rates.insert(0, "clave_estacion", keys.to_numpy())
    rates.insert(
        0, "estacion", stations.set_index("clave_estacion").loc[keys, "estacion"].to_numpy()
    )
    return rates.reset_index(drop=True)[list(COLUMNS)]


def line_rate(table: pd.DataFrame) -> pd.Series:
    """The line's rate and interval: all its stations' victims over all their trips."""
    trips = float(table["viajes"].sum())
    total = rate_per_million(int(table["victimas"].sum()), trips if trips > 0 else np.nan)
    return total.iloc[0]


class MetroLineExplorer(Explorer):
    """A line dropdown, an hour range and a sex dropdown; a dot plot and a table, in step.

    Attributes:
        line, hours, sex: the ipywidgets controls (set ``.value`` to change them).
        table: the stations of the current state (see :func:`line_station_rates`).
        image, html: the widgets showing the plot (PNG) and the table.
        widget: the ipywidgets box that Jupyter displays.
    """

    def __init__(
        self,
        data: Any,
        linea: str | None = None,
        hours: tuple[int, int] = ALL_DAY,
        sexo: str | None = "Mujer",
    ) -> None:
        import ipywidgets as w

        self.data = data
        self.linked = linked_victims(data, DISTANCIA_M, sexo=None)
        self.trips = metro_trips(data)
        lines = metro_lines(data)
        self.table = pd.DataFrame(columns=list(COLUMNS))
        self.line = w.Dropdown(options=lines, value=linea or lines[0], description=str(MSG["line"]))
        self.hours = w.IntRangeSlider(
            value=hours, min=0, max=23, step=1, description=str(MSG["hours"])
        )
        self.sex = w.Dropdown(
            options=[(_sex_label(value), value) for value in SEXES],
            value=sexo,
            description=str(MSG["sex"]),
        )
        self.image = w.Image(format="png")
        self.html = w.HTML()
        for control in (self.line, self.hours, self.sex):
            control.observe(self.update, names="value")
        self.widget = w.VBox([w.HBox([self.line, self.hours, self.sex]), self.image, self.html])
        self.update()

    def update(self, change: Any = None) -> None:
        """Recompute for the controls' current values and redraw (called on every change)."""
        hours = tuple(self.hours.value)
        self.table = line_station_rates(
            self.data, self.line.value, hours, self.sex.value, linked=self.linked, trips=self.trips
        )
        title = MSG["title"].format(
            line=self.line.value, hours=_hours_label(hours), sex=_sex_label(self.sex.value)
        )
        self.image.value = _png(_figure(self.table, title))
        unknown = _unknown_hour(self.linked, self.table, hours, self.sex.value)
        self.html.value = _table_html(self.table, hours, unknown)


def metro_line_explorer(
    data: Any,
    linea: str | None = None,
    hours: tuple[int, int] = ALL_DAY,
    sexo: str | None = "Mujer",
) -> MetroLineExplorer:
    """Explore victims per million trips station by station along a Metro line.

    Args:
        data: what :func:`kit.cdmx.load.load` returns.
        linea: the initial line (default: the first of the layer).
        hours: initial hour range, inclusive (default the whole day).
        sexo: ``"Mujer"`` (default), ``"Hombre"`` or ``None`` (every victim).

    Returns:
        A :class:`MetroLineExplorer`, drawn once when built (it runs headless too); it displays
        itself when it is the last line of a cell.
    """
    return MetroLineExplorer(data, linea, hours, sexo)


def _sex_label(value: str | None) -> str:
    return str(MSG[value] if value in ("Mujer", "Hombre") else MSG["all"])


def _hours_label(hours: tuple[int, int]) -> str:
    if tuple(hours) == ALL_DAY:
        return str(MSG["all_day"])
    return MSG["window"].format(start=f"{hours[0]:02d}", end=f"{hours[1]:02d}")


def _unknown_hour(
    linked: pd.DataFrame, table: pd.DataFrame, hours: tuple[int, int], sexo: str | None
) -> int:
    """Victims of these stations and sex left out of a narrower window for lack of an hour."""
    if tuple(hours) == ALL_DAY:
        return 0
    chosen = victims_in_window(linked, ALL_DAY, sexo)
    here = chosen["clave_estacion"].isin(set(table["clave_estacion"]))
    return int((here & chosen["hora"].isna()).sum())


def _figure(table: pd.DataFrame, title: str) -> Any:
    """Dots with interval lines, the count written beside each, the line's rate dashed."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 0.38 * max(len(table), 4) + 1.4))
    ax = fig.subplots()
    if table.empty:
        ax.text(0.5, 0.5, str(MSG["no_data"]), ha="center", va="center", transform=ax.transAxes)
        ax.set_title(title)
        return fig
    y = np.arange(len(table))[::-1]
    ax.hlines(y, table["ci_low"], table["ci_high"], color="black", linewidth=1.5)
    ax.plot(table["tasa"], y, "o", color="#0072b2", markeredgecolor="black", markersize=7)
    for pos, high, n in zip(y, table["ci_high"], table["victimas"], strict=True):
        ax.annotate(
            MSG["count"].format(n=int(n)), (high, pos), xytext=(4, -3), textcoords="offset points"
        )
    overall = line_rate(table)["tasa"]
    ax.axvline(overall, color="black", linestyle="--", linewidth=1)
    ax.annotate(
        MSG["line_rate"].format(rate=f"{overall:.2f}"),
        (overall, -0.9),
        xytext=(4, 0),
        textcoords="offset points",
        va="center",
        bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.8},
    )
    ax.set_ylim(-1.4, len(table) - 0.4)
    ax.set_yticks(y, table["estacion"])
    ax.set_xlim(left=0, right=float(table["ci_high"].max()) * 1.18 or 1)
    ax.set_title(title)
    ax.set_xlabel(str(MSG["xlabel"]))
    fig.tight_layout()
    return fig


def _table_html(table: pd.DataFrame, hours: tuple[int, int], unknown: int) -> str:
    """The stations and the whole line, with headers in the current language and reminders."""
    total = line_rate(table) if len(table) else None
    view = table.drop(columns=["clave_estacion"])
    if total is not None:
        whole = pd.DataFrame([{"estacion": str(MSG["total"]), **total.to_dict()}])
        view = pd.concat([view, whole], ignore_index=True)
    out = pd.DataFrame(
        {
            str(MSG["station"]): view["estacion"],
            str(MSG["victims"]): view["victimas"].astype(int),
            str(MSG["trips"]): view["viajes"].map(lambda v: f"{v:,.0f}"),
            str(MSG["rate"]): view["tasa"].map(lambda v: f"{v:.2f}"),
            str(MSG["interval"]): [
                f"{low:.2f} – {high:.2f}"
                for low, high in zip(view["ci_low"], view["ci_high"], strict=True)
            ],
        }
    )
    notes = [] if tuple(hours) == ALL_DAY else [str(MSG["daily"])]
    if unknown:
        notes.append(MSG["unknown_hour"].format(n=unknown))
    notes.append(str(MSG["reminder"]))
    paragraphs = "".join(f"<p><i>{html.escape(note)}</i></p>" for note in notes)
    return f"{out.to_html(border=0, index=False)}{paragraphs}"
