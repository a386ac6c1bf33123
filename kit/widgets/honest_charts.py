"""Charts that tell the truth: the pieces of a "misleads vs honest" figure and an explorer.

The explorer draws one set of values (a count or a rate per category) and lets the mentor do
what misleading charts do: move the y axis baseline up from zero, colour every bar with a
rainbow or a red-green palette, turn the bars into a pie, drop the direct labels; and see the
result as a reader with a colour-vision deficiency sees it (:mod:`kit.plotting_cvd`). Its table
gives the numbers behind the impression: Tufte's lie factor of the bars and the smallest
difference between two colours as that reader sees them.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from kit.i18n import messages
from kit.plotting_cvd import VISIONS, simulate_colors, simulated_png, smallest_difference
from kit.plotting_cvd import vision_label as _vision_label
from kit.widgets._render import Explorer

__all__ = [
    "CHARTS",
    "HATCHES",
    "PALETTES",
    "HonestChartExplorer",
    "honest_chart_explorer",
    "lie_factor",
    "palette",
    "side_by_side",
    "source_note",
    "verdict",
]

#: Palettes a chart can be coloured with: the kit's accessible one first.
PALETTES = ("kit", "one", "rainbow", "red_green")
#: Chart types of the explorer.
CHARTS = ("sorted", "given", "pie")
#: Hatches to pair with colours so slices and bars stay apart without colour.
HATCHES = ("", "///", "...", "xxx", "\\\\\\", "ooo", "---", "+++", "|||", "***")
#: The kit's blue (first colour of seaborn's colour-blind palette).
KIT_BLUE = "#0173b2"

MSG = messages(
    "widgets.honest_charts",
    {
        "misleads": ("✗ ENGAÑA", "✗ MISLEADS"),
        "honest": ("✓ HONESTA", "✓ HONEST"),
        "source": ("Fuente: {source}", "Source: {source}"),
        "kit": ("Paleta del kit (accesible)", "Kit palette (accessible)"),
        "one": ("Un solo color", "One colour"),
        "rainbow": ("Arcoíris", "Rainbow"),
        "red_green": ("Rojo-verde (semáforo)", "Red-green (traffic light)"),
        "sorted": ("Barras ordenadas", "Sorted bars"),
        "given": ("Barras sin ordenar", "Unsorted bars"),
        "pie": ("Pastel", "Pie"),
        "baseline": ("Base del eje y", "Y axis starts at"),
        "chart": ("Gráfica", "Chart"),
        "palette": ("Paleta", "Palette"),
        "vision": ("Visión", "Vision"),
        "labels": ("Etiquetas directas y tramas", "Direct labels and hatches"),
        "truncated": (
            "⚠ el eje y empieza en {baseline:,.0f}, no en 0",
            "⚠ the y axis starts at {baseline:,.0f}, not at 0",
        ),
        "category": ("Categoría", "Category"),
        "value": ("Valor", "Value"),
        "share": ("% del total", "% of total"),
        "drawn": ("Altura dibujada", "Height drawn"),
        "lie": ("Factor de mentira (Tufte)", "Lie factor (Tufte)"),
        "lie_na": (
            "no aplica: un pastel compara ángulos, que se leen mal",
            "not applicable: a pie compares angles, which are read poorly",
        ),
        "difference": (
            "Diferencia mínima entre colores vistos (ΔE)",
            "Smallest difference between colours as seen (ΔE)",
        ),
        "as_seen": ("Vista como: {vision}", "Seen as: {vision}"),
        "note": (
            "Factor de mentira = cuánto exagera la gráfica la diferencia entre la barra más "
            "alta y la más baja (1 = honesta; con el eje en 0 siempre es 1). ΔE por debajo de "
            "10: colores difíciles de distinguir en marcas pequeñas.",
            "Lie factor = how much the chart exaggerates the difference between the tallest "
            "and the shortest bar (1 = honest; with the axis at 0 it is always 1). ΔE under "
            "10: colours hard to tell apart in small marks.",
        ),
        "bad_baseline": (
            "La base del eje ({baseline}) debe ser menor que el valor más pequeño ({smallest}).",
            "The axis baseline ({baseline}) must be below the smallest value ({smallest}).",
        ),
        "unknown_palette": (
            "Paleta desconocida {name!r}; usa una de: {known}.",
            "Unknown palette {name!r}; use one of: {known}.",
        ),
        "not_whole": (
            "⚠ estas cifras no suman un todo: un pastel no tiene sentido",
            "⚠ these figures are not parts of a whole: a pie makes no sense",
        ),
        "no_values": (
            "Se necesitan al menos dos valores positivos para comparar.",
            "At least two positive values are needed to compare.",
        ),
    },
)


def palette(name: str, n: int) -> list[str]:
    """``n`` colours (hex) of palette ``name`` (one of :data:`PALETTES`).

    ``kit`` is seaborn's colour-blind palette (the kit's style); ``one`` repeats the kit's blue
    (colour that encodes nothing, so nothing to decode); ``rainbow`` samples the hue circle
    (matplotlib's ``hsv``); ``red_green`` samples the red-yellow-green traffic light
    (``RdYlGn``), a pair of ends that readers with red-green deficiencies cannot tell apart.
    """
    if name not in PALETTES:
        raise ValueError(MSG["unknown_palette"].format(name=name, known=", ".join(PALETTES)))
    if name == "one":
        return [KIT_BLUE] * n
    if name == "kit":
        import seaborn as sns

        return list(sns.color_palette("colorblind", n).as_hex())
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    if name == "rainbow":
        points = np.linspace(0.0, 1.0, n, endpoint=False)
        return [to_hex(colormaps["hsv"](float(x))) for x in points]
    points = np.linspace(0.0, 1.0, n) if n > 1 else np.array([0.0])
    return [to_hex(colormaps["RdYlGn"](float(x))) for x in points]


def lie_factor(values: Sequence[float] | pd.Series, baseline: float) -> float:
    """Tufte's lie factor of bars drawn from ``baseline`` instead of 0.

    The effect shown, ``(max − min) / (min − baseline)``, divided by the effect in the data,
    ``(max − min) / min``: that is ``min / (min − baseline)``. 1 means honest; 3 means the
    shortest bar looks three times shorter than it is next to the tallest.

    Raises:
        ValueError: fewer than two positive values, or ``baseline`` not below the smallest.
    """
    numbers = np.asarray(pd.Series(values, dtype="float64").dropna())
    if len(numbers) < 2 or numbers.min() <= 0:
        raise ValueError(str(MSG["no_values"]))
    smallest = float(numbers.min())
    if baseline >= smallest:
        raise ValueError(MSG["bad_baseline"].format(baseline=baseline, smallest=smallest))
    return smallest / (smallest - float(baseline))


def verdict(ax: Any, honest: bool) -> None:
    """Write "✓ HONESTA" or "✗ ENGAÑA" above the axes' title (in the notebook's language)."""
    text = MSG["honest" if honest else "misleads"]
    ax.text(
        0.0,
        1.02,
        str(text),
        transform=ax.transAxes,
        fontsize=13,
        fontweight="bold",
        va="bottom",
        ha="left",
        color="black" if honest else "#7f0000",
    )


def side_by_side(figsize: tuple[float, float] = (11, 4.2)) -> tuple[Any, Any, Any]:
    """A figure with two axes: the misleading chart on the left, the honest one on the right.

    Returns ``(figure, misleads_ax, honest_ax)`` with the verdicts written above each axes;
    draw, then title each with ``ax.set_title(text, loc="left", pad=24)`` so the verdict keeps
    its own line.
    """
    import matplotlib.pyplot as plt

    fig, (bad, good) = plt.subplots(1, 2, figsize=figsize, layout="constrained")
    verdict(bad, honest=False)
    verdict(good, honest=True)
    return fig, bad, good


def source_note(figure: Any, source: str) -> None:
    """ "Fuente: …" in small grey letters at the figure's bottom left: every chart says it."""
    figure.text(
        0.01,
        -0.02,
        MSG["source"].format(source=source),
        fontsize=8,
        color="#555555",
        ha="left",
        va="top",
    )


def _draw_bars(
    ax: Any, values: pd.Series, colors: list[str], baseline: float, labels: bool, unit: str
) -> None:
    names = [str(name) for name in values.index]
    bars = ax.bar(
        names,
        values.to_numpy(dtype=float) - baseline,
        bottom=baseline,
        color=colors,
        edgecolor="black",
        linewidth=0.6,
    )
    if labels:
        for bar, hatch in zip(bars, HATCHES * (len(bars) // len(HATCHES) + 1), strict=False):
            bar.set_hatch(hatch if len(set(colors)) > 1 else "")
        digits = 0 if float(values.abs().max()) >= 100 else 1
        ax.bar_label(bars, labels=[f"{v:,.{digits}f}" for v in values], padding=2, fontsize=8)
    top = float(values.max())
    ax.set_ylim(baseline, top + (top - baseline) * 0.12)
    ax.set_ylabel(unit)
    ax.tick_params(axis="x", labelrotation=45)
    for tick in ax.get_xticklabels():
        tick.set_horizontalalignment("right")


def _draw_pie(ax: Any, values: pd.Series, colors: list[str], labels: bool) -> None:
    names = [str(name) for name in values.index]
    shares = values / values.sum()
    wedges, _ = ax.pie(
        values.to_numpy(dtype=float),
        colors=colors,
        startangle=90,
        counterclock=False,
        wedgeprops={"edgecolor": "white", "linewidth": 0.8},
    )
    if labels:
        for wedge, hatch, name, share in zip(
            wedges, HATCHES * (len(wedges) // len(HATCHES) + 1), names, shares, strict=False
        ):
            wedge.set_hatch(hatch)
            angle = np.deg2rad((wedge.theta1 + wedge.theta2) / 2)
            ax.annotate(
                f"{name} {share:.0%}",
                (0.8 * np.cos(angle), 0.8 * np.sin(angle)),
                xytext=(1.25 * np.cos(angle), 1.2 * np.sin(angle)),
                fontsize=7,
                ha="left" if np.cos(angle) >= 0 else "right",
                va="center",
                arrowprops={"arrowstyle": "-", "color": "#555555", "lw": 0.5},
            )
    else:
        ax.legend(
            wedges, names, fontsize=7, loc="center left", bbox_to_anchor=(1.0, 0.5), frameon=False
        )
    ax.set_aspect("equal")


class HonestChartExplorer(Explorer):
    """A baseline slider, chart / palette / vision dropdowns and a labels switch.

    Attributes:
        baseline, chart, palette, vision, labels: the controls (set ``.value`` to change them).
        lie: the lie factor of the current chart (``nan`` for a pie).
        colors: the colours drawn, as the chosen vision sees them (hex, in drawing order).
        difference: the smallest ΔE between those colours as seen (``inf`` for one colour; 0
            when the palette repeats a colour for two categories).
        table: the values as drawn (``categoria``, ``valor``, ``proporcion`` when the values are
            parts of a whole, ``altura_dibujada``).
        image, html: the widgets showing the chart and the table; ``widget`` is the box.
    """

    def __init__(
        self,
        values: pd.Series,
        title: str = "",
        source: str = "",
        unit: str = "",
        *,
        whole: bool = True,
        baseline: float = 0.0,
        chart: str = "sorted",
        palette_name: str = "one",
        vision: str = "normal",
        labels: bool = True,
    ) -> None:
        import ipywidgets as w

        clean = pd.Series(values, dtype="float64").dropna()
        lie_factor(clean, 0.0)  # refuses fewer than two positive values, clearly
        self.values, self.title, self.source, self.unit = clean, title, source, unit
        self.whole = whole
        highest = float(clean.min()) * 0.95
        self.baseline = w.FloatSlider(
            value=min(float(baseline), highest),
            min=0.0,
            max=highest,
            step=_step(highest),
            description=str(MSG["baseline"]),
            readout_format=",.0f",
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.chart = _dropdown(w, CHARTS, chart, "chart", lambda c: str(MSG[c]))
        self.palette = _dropdown(w, PALETTES, palette_name, "palette", lambda p: str(MSG[p]))
        self.vision = _dropdown(w, VISIONS, vision, "vision", _vision_label)
        self.labels = w.Checkbox(value=labels, description=str(MSG["labels"]), indent=False)
        self.image = w.Image(format="png")
        self.html = w.HTML()
        self.lie, self.colors, self.difference = 1.0, [], float("inf")
        self.table = pd.DataFrame()
        for control in (self.baseline, self.chart, self.palette, self.vision, self.labels):
            control.observe(self.update, names="value")
        rows = [[self.baseline, self.chart], [self.palette, self.vision, self.labels]]
        self.widget = w.VBox([*(w.HBox(row) for row in rows), self.image, self.html])
        self.update()

    def ordered(self) -> pd.Series:
        """The values in drawing order: largest first when sorted, as given otherwise."""
        if self.chart.value == "given":
            return self.values
        return self.values.sort_values(ascending=False, kind="stable")

    def update(self, change: Any = None) -> None:
        """Recompute for the controls' current values and redraw (called on every change)."""
        pie = self.chart.value == "pie"
        self.baseline.disabled = pie
        values = self.ordered()
        baseline = 0.0 if pie else float(self.baseline.value)
        drawn = palette(self.palette.value, len(values))
        self.lie = float("nan") if pie else lie_factor(values, baseline)
        self.colors = simulate_colors(drawn, self.vision.value)
        # One colour encodes nothing (no difference to see); a palette shorter than the
        # categories repeats colours, and two categories sharing one is a difference of 0.
        one = len(set(drawn)) == 1
        self.difference = float("inf") if one else smallest_difference(drawn, self.vision.value)
        table = {"categoria": [str(name) for name in values.index], "valor": values.to_numpy()}
        if self.whole:
            table["proporcion"] = (values / values.sum()).to_numpy()
        table["altura_dibujada"] = (values - baseline).to_numpy()
        self.table = pd.DataFrame(table)
        figure = self._figure(values, drawn, baseline, pie)
        self.image.value = simulated_png(figure, self.vision.value)
        self.html.value = self._table_html()

    def _figure(self, values: pd.Series, colors: list[str], baseline: float, pie: bool) -> Any:
        from matplotlib.figure import Figure

        fig = Figure(figsize=(9, 4.6))
        ax = fig.subplots()
        warning = None
        if pie:
            _draw_pie(ax, values, colors, self.labels.value)
            warning = None if self.whole else str(MSG["not_whole"])
        else:
            _draw_bars(ax, values, colors, baseline, self.labels.value, self.unit)
            warning = MSG["truncated"].format(baseline=baseline) if baseline > 0 else None
        if warning:
            box = {"facecolor": "white", "edgecolor": "black"}
            ax.text(0.99, 0.98, warning, transform=ax.transAxes, ha="right", va="top", bbox=box)
        ax.set_title(self.title, loc="left")
        if self.source:
            source_note(fig, self.source)
        fig.tight_layout()
        return fig

    def _table_html(self) -> str:
        lie = str(MSG["lie_na"]) if np.isnan(self.lie) else f"{self.lie:,.1f}"
        difference = "—" if np.isinf(self.difference) else f"{self.difference:,.1f}"
        summary = pd.DataFrame(
            [
                (str(MSG["lie"]), lie),
                (str(MSG["difference"]), difference),
                (str(MSG["vision"]), _vision_label(self.vision.value)),
            ]
        )
        names = {
            "categoria": str(MSG["category"]),
            "valor": str(MSG["value"]),
            "proporcion": str(MSG["share"]),
            "altura_dibujada": str(MSG["drawn"]),
        }
        view = self.table.head(8).copy()
        if "proporcion" in view:
            view["proporcion"] = (100 * view["proporcion"]).map("{:.1f}".format)
        for column in ("valor", "altura_dibujada"):
            view[column] = view[column].map("{:,.1f}".format)
        view = view.rename(columns=names)
        note = html.escape(str(MSG["note"]))
        return (
            f"{summary.to_html(border=0, index=False, header=False)}"
            f"{view.to_html(border=0, index=False)}<p><i>{note}</i></p>"
        )


def honest_chart_explorer(
    values: pd.Series,
    title: str = "",
    source: str = "",
    unit: str = "",
    *,
    whole: bool = True,
    baseline: float = 0.0,
    chart: str = "sorted",
    palette_name: str = "one",
    vision: str = "normal",
    labels: bool = True,
) -> HonestChartExplorer:
    """Explore how one chart can mislead or tell the truth.

    Args:
        values: one number per category (the index names the categories), all positive.
        title: the chart's title (say the finding); source: the data's source, written below.
        unit: the y axis label.
        whole: the values are parts of one whole (counts): shares and a pie make sense. Rates
            are not (``whole=False``): the table shows no share and the pie says it is nonsense.
        baseline: where the y axis starts (0 is honest for bars); chart: one of :data:`CHARTS`;
        palette_name: one of :data:`PALETTES`; vision: one of :data:`kit.plotting_cvd.VISIONS`;
        labels: write values on the bars (names and shares on the slices) and add hatches.

    Returns:
        A :class:`HonestChartExplorer`, drawn once when built (it runs headless too); it
        displays itself when it is the last line of a cell.
    """
    return HonestChartExplorer(
        values,
        title,
        source,
        unit,
        whole=whole,
        baseline=baseline,
        chart=chart,
        palette_name=palette_name,
        vision=vision,
        labels=labels,
    )


def _dropdown(w: Any, keys: Sequence[str], value: str, name: str, show: Any) -> Any:
    return w.Dropdown(
        options=[(show(key), key) for key in keys], value=value, description=str(MSG[name])
    )


def _step(smallest: float) -> float:
    """A slider step of about a hundredth of the smallest value, rounded to 1, 2 or 5 × 10^k."""
    raw = max(smallest / 100, 1e-9)
    power = 10 ** np.floor(np.log10(raw))
    return float(min((m * power for m in (1, 2, 5, 10) if m * power >= raw), default=power))
