"""Weights explorer (cuidados, ENUT): the same mean with and without the expansion factor.

Choose what to group the persons by (sex, region, children, partner, schooling, paid domestic
work), whether to split each group into women and men, and switch the weights on or off. The
plot shows the chosen mean with its 95 % interval and the other one as a hollow diamond beside
it; the table shows why they differ: the share of *rows* a group has in the sample against the
share of *people* it stands for, and its effective n.

Unweighted means answer a question about the sample; weighted means (Σwy/Σw, each row counting
for ``factor`` people) about the population. Both intervals come from
:func:`kit.care.survey.weighted_mean` (with a weight of 1 for every row the unweighted interval
is the textbook ``s/√n`` one). No strata nor clusters: the intervals are a lower bound.
"""

from __future__ import annotations

import html
from typing import Any

import numpy as np
import pandas as pd

from kit.care import survey
from kit.i18n import messages
from kit.widgets._render import Explorer
from kit.widgets._render import png as _png

__all__ = ["GROUPS", "WeightsExplorer", "group_label", "weights_explorer", "weights_table"]

#: Columns of the ENUT table the explorer can group by, in the dropdown's order.
GROUPS = ("sexo", "region", "tiene_hijos", "pareja", "escolaridad", "trabajo_domestico_pagado")
HOURS = "horas_cuidado"
TOTAL = "__total__"
_ONE = "_peso_uno"
_WOMEN, _MEN = "#de8f05", "#0173b2"

MSG = messages(
    "widgets.weights",
    {
        "sexo": ("Sexo", "Sex"),
        "region": ("Región", "Region"),
        "tiene_hijos": ("Hijas o hijos", "Children"),
        "pareja": ("Pareja", "Partner"),
        "escolaridad": ("Escolaridad", "Schooling"),
        "trabajo_domestico_pagado": ("Trabajo doméstico pagado", "Paid domestic work"),
        "group_by": ("Agrupar por", "Group by"),
        "split": ("Separar mujeres y hombres", "Split women and men"),
        "weights": ("Pesos", "Weights"),
        "weighted": ("con pesos", "weighted"),
        "unweighted": ("sin pesos", "unweighted"),
        "Mujer": ("Mujeres", "Women"),
        "Hombre": ("Hombres", "Men"),
        "tiene_hijos.True": ("Con hijas o hijos", "With children"),
        "tiene_hijos.False": ("Sin hijas o hijos", "Without children"),
        "pareja.True": ("Con pareja", "With a partner"),
        "pareja.False": ("Sin pareja", "Without a partner"),
        "trabajo_domestico_pagado.True": ("Paga trabajo doméstico", "Pays for domestic work"),
        "trabajo_domestico_pagado.False": ("No lo paga", "Does not pay for it"),
        "escolaridad.Primaria o menos": ("Primaria o menos", "Primary or less"),
        "escolaridad.Secundaria": ("Secundaria", "Lower secondary"),
        "escolaridad.Preparatoria": ("Preparatoria", "Upper secondary"),
        "escolaridad.Licenciatura o más": ("Licenciatura o más", "Bachelor's or more"),
        "total": ("Todas las personas", "Everyone"),
        "title": (
            "Horas de cuidado a la semana, {mode} (intervalo de 95 %)",
            "Weekly care hours, {mode} (95% interval)",
        ),
        "subtitle": (
            "Todas las personas: {chosen:.1f} h {mode}; {other:.1f} h {other_mode}",
            "Everyone: {chosen:.1f} h {mode}; {other:.1f} h {other_mode}",
        ),
        "xlabel": ("Horas a la semana", "Hours a week"),
        "group": ("Grupo", "Group"),
        "rows": ("Filas", "Rows"),
        "pct_rows": ("% de filas", "% of rows"),
        "pct_people": ("% de personas", "% of people"),
        "n_eff": ("n efectivo", "Effective n"),
        "mean": ("Horas {mode}", "Hours {mode}"),
        "mean_ci": ("Horas {mode} (IC 95 %)", "Hours {mode} (95% CI)"),
        "reminder": (
            "Cada fila de la ENUT representa a «factor» personas. Sin pesos, el promedio describe "
            "a la muestra; con pesos, a la población. Compara «% de filas» con «% de personas»: "
            "un grupo con más filas que personas está sobre-muestreado. Intervalos sin estratos "
            "ni conglomerados (son una cota inferior). Los datos de muestra son ficticios.",
            "Each ENUT row stands for 'factor' people. Unweighted, the mean describes the "
            "sample; weighted, the population. Compare '% of rows' with '% of people': a group "
            "with more rows than people is over-sampled. Intervals without strata or clusters "
            "(a lower bound). The sample data are fictitious.",
        ),
        "narrow": (
            "Sin pesos el intervalo puede verse más estrecho, pero está centrado en la muestra: "
            "es preciso alrededor de la respuesta equivocada.",
            "Unweighted, the interval may look narrower, but it is centred on the sample: precise "
            "around the wrong answer.",
        ),
    },
)


def group_label(column: str, value: object) -> str:
    """How a group's value reads in the current language (``True`` of ``pareja``: "Con pareja")."""
    if value == TOTAL:
        return str(MSG["total"])
    if column == "sexo" and value in ("Mujer", "Hombre"):
        return str(MSG[str(value)])
    key = f"{column}.{value}"
    return str(MSG[key]) if key in MSG else str(value)


def _means(frame: pd.DataFrame, keys: list[str], value: str, weight: str) -> pd.DataFrame:
    if not keys:
        return survey.weighted_mean(frame, value, weight=weight)
    return survey.weighted_mean(frame, value, weight=weight, by=keys)


def _keys(by: str, split_by_sex: bool) -> list[str]:
    return [by, "sexo"] if split_by_sex and by != "sexo" else [by]


def weights_table(
    enut: pd.DataFrame,
    by: str = "sexo",
    split_by_sex: bool = False,
    value: str = HOURS,
    weight: str = "factor",
    total: bool = True,
) -> pd.DataFrame:
    """Unweighted and weighted mean of ``value`` per group, and how the sample's rows compare.

    Args:
        enut: the ENUT table (:func:`kit.care.enut.read_enut`) or any frame with ``weight``.
        by: the column to group by (see :data:`GROUPS`).
        split_by_sex: also split each group into ``Mujer`` and ``Hombre``.
        value: the column to average (weekly care hours by default).
        weight: the expansion factor.
        total: add a last row for everyone (``by`` is ``"__total__"``, see :func:`group_label`).

    Returns:
        One row per group: the key columns, ``filas`` (rows), ``pct_filas`` (% of the rows),
        ``personas`` (Σ weights), ``pct_personas`` (% of the people represented),
        ``n_efectivo`` (Kish), ``sin_pesos`` and ``con_pesos`` (means) with their 95 %
        intervals ``sin_pesos_ci_low``, ``sin_pesos_ci_high``, ``con_pesos_ci_low``,
        ``con_pesos_ci_high``. Groups in the column's order (categories as declared).
    """
    keys = _keys(by, split_by_sex)
    data = enut.dropna(subset=[value]).assign(**{_ONE: 1.0})
    if "sexo" in keys:  # women first, as every plot of the kit shows them
        data["sexo"] = pd.Categorical(data["sexo"], categories=["Mujer", "Hombre"])
    plain = _means(data, keys, value, _ONE)
    weighted = _means(data, keys, value, weight)
    if total:
        plain = pd.concat([plain, _means(data, [], value, _ONE)], ignore_index=True)
        weighted = pd.concat([weighted, _means(data, [], value, weight)], ignore_index=True)
        for key in keys:
            plain[key] = plain[key].astype(object).where(plain[key].notna(), TOTAL)
    effective = [
        survey.effective_n(group[weight])
        for _, group in data.groupby(keys, observed=True, sort=True)
    ]
    if total:
        effective.append(survey.effective_n(data[weight]))
    out = plain[keys].copy()
    rows, people = plain["n"].astype(int), weighted["population"].astype(float)
    whole = 2 if total else 1  # the total row adds everyone a second time
    out["filas"] = rows
    out["pct_filas"] = 100 * rows / (rows.sum() / whole)
    out["personas"] = people
    out["pct_personas"] = 100 * people / (people.sum() / whole)
    out["n_efectivo"] = effective
    for name, table in (("sin_pesos", plain), ("con_pesos", weighted)):
        out[name] = table["estimate"].to_numpy()
        out[f"{name}_ci_low"] = table["ci_low"].to_numpy()
        out[f"{name}_ci_high"] = table["ci_high"].to_numpy()
    return out.reset_index(drop=True)


class WeightsExplorer(Explorer):
    """A grouping dropdown, a women/men split and a weights toggle; bars and a table, in step.

    Attributes:
        by, split, weighted: the ipywidgets controls (set ``.value`` to change them).
        table: the rows of the current state (see :func:`weights_table`).
        image, html: the widgets showing the plot (PNG) and the table; ``widget`` is the box.
    """

    def __init__(
        self, data: Any, by: str = "sexo", weighted: bool = True, split_by_sex: bool = False
    ) -> None:
        import ipywidgets as w

        self.enut = getattr(data, "enut", data)
        self.table = pd.DataFrame()
        self.by = w.Dropdown(
            options=[(str(MSG[name]), name) for name in GROUPS],
            value=by,
            description=str(MSG["group_by"]),
        )
        self.split = w.Checkbox(value=split_by_sex, description=str(MSG["split"]), indent=False)
        self.weighted = w.ToggleButtons(
            options=[(str(MSG["weighted"]), True), (str(MSG["unweighted"]), False)],
            value=weighted,
            description=str(MSG["weights"]),
        )
        self.image = w.Image(format="png")
        self.html = w.HTML()
        for control in (self.by, self.split, self.weighted):
            control.observe(self.update, names="value")
        controls = w.HBox([self.by, self.split, self.weighted])
        self.widget = w.VBox([controls, self.image, self.html])
        self.update()

    def update(self, change: Any = None) -> None:
        """Recompute for the controls' current values and redraw (called on every change)."""
        by, split = self.by.value, bool(self.split.value)
        self.split.disabled = by == "sexo"
        self.table = weights_table(self.enut, by, split)
        self.image.value = _png(_figure(self.table, by, split, bool(self.weighted.value)))
        self.html.value = _table_html(self.table, by, split, bool(self.weighted.value))


def weights_explorer(
    data: Any, by: str = "sexo", weighted: bool = True, split_by_sex: bool = False
) -> WeightsExplorer:
    """Explore weekly care hours by group, with and without the ENUT expansion factor.

    Args:
        data: :class:`kit.care.load.CareData` (its ``enut`` is used) or the ENUT table.
        by: initial grouping column (one of :data:`GROUPS`).
        weighted: start with the weights on.
        split_by_sex: start with each group split into women and men.

    Returns:
        A :class:`WeightsExplorer`, drawn once when built (it runs headless too); it displays
        itself when it is the last line of a cell.
    """
    return WeightsExplorer(data, by, weighted, split_by_sex)


def _mode(weighted: bool) -> str:
    return str(MSG["weighted" if weighted else "unweighted"])


def _row_label(row: pd.Series, by: str, split: bool) -> str:
    label = group_label(by, row[by])
    if split and by != "sexo" and row[by] != TOTAL:
        label = f"{label} · {group_label('sexo', row['sexo'])}"
    return label


def _figure(table: pd.DataFrame, by: str, split: bool, weighted: bool) -> Any:
    """Horizontal bars (women hatched), interval lines, the other mean as a hollow diamond."""
    from matplotlib.figure import Figure

    chosen, other = ("con_pesos", "sin_pesos") if weighted else ("sin_pesos", "con_pesos")
    groups = table[table[by] != TOTAL].reset_index(drop=True)
    fig = Figure(figsize=(8, 0.42 * max(len(groups), 3) + 1.6))
    ax = fig.subplots()
    y = np.arange(len(groups))[::-1].astype(float)
    sexes = groups["sexo"] if "sexo" in groups else pd.Series([None] * len(groups))
    colours = [_WOMEN if s == "Mujer" else _MEN if s == "Hombre" else "#999999" for s in sexes]
    hatches = ["///" if s == "Mujer" else "" for s in sexes]
    bars = ax.barh(y, groups[chosen], height=0.62, color=colours, edgecolor="black")
    for bar, hatch in zip(bars, hatches, strict=True):
        bar.set_hatch(hatch)
    ax.hlines(y, groups[f"{chosen}_ci_low"], groups[f"{chosen}_ci_high"], color="black", lw=1.6)
    (diamonds,) = ax.plot(groups[other], y, "D", mfc="white", mec="black", ms=7)
    box = {"facecolor": "white", "edgecolor": "none", "pad": 1.5}
    for pos, mean in zip(y, groups[chosen], strict=True):  # the bar's value, inside its base
        ax.annotate(
            f"{mean:.1f} h",
            (0, pos),
            xytext=(5, 0),
            textcoords="offset points",
            va="center",
            bbox=box,
        )
    ax.set_yticks(y, [_row_label(row, by, split) for _, row in groups.iterrows()])
    top = float(np.nanmax(groups[[f"{chosen}_ci_high", other]].to_numpy()))
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel(str(MSG["xlabel"]))
    everyone = table[table[by] == TOTAL].iloc[0]
    ax.set_title(
        MSG["title"].format(mode=_mode(weighted))
        + "\n"
        + MSG["subtitle"].format(
            chosen=everyone[chosen],
            mode=_mode(weighted),
            other=everyone[other],
            other_mode=_mode(not weighted),
        ),
        fontsize=11,
    )
    ax.legend([diamonds], [_mode(not weighted)], loc="upper right", bbox_to_anchor=(1, -0.08),
              frameon=False)  # fmt: skip
    fig.tight_layout()
    return fig


def _means_column(table: pd.DataFrame, name: str, chosen: bool) -> list[str]:
    """The mean of each group, with its interval when it is the chosen one."""
    if not chosen:
        return [f"{mean:.1f}" for mean in table[name]]
    columns = (table[name], table[f"{name}_ci_low"], table[f"{name}_ci_high"])
    return [f"{mean:.1f} ({low:.1f}–{high:.1f})" for mean, low, high in zip(*columns, strict=True)]


def _table_html(table: pd.DataFrame, by: str, split: bool, weighted: bool) -> str:
    """The groups and everyone, headers in the current language, the chosen mean's interval."""
    means = {}
    for name, is_weighted in (("sin_pesos", False), ("con_pesos", True)):
        header = MSG["mean_ci" if is_weighted == weighted else "mean"]
        means[header.format(mode=_mode(is_weighted))] = _means_column(
            table, name, is_weighted == weighted
        )
    view = pd.DataFrame(
        {
            str(MSG["group"]): [_row_label(row, by, split) for _, row in table.iterrows()],
            str(MSG["rows"]): table["filas"].map("{:,}".format),
            str(MSG["pct_rows"]): table["pct_filas"].map("{:.1f}".format),
            str(MSG["pct_people"]): table["pct_personas"].map("{:.1f}".format),
            str(MSG["n_eff"]): table["n_efectivo"].map("{:,.0f}".format),
            **means,
        }
    )
    notes = [str(MSG["reminder"])] + ([] if weighted else [str(MSG["narrow"])])
    paragraphs = "".join(f"<p><i>{html.escape(note)}</i></p>" for note in notes)
    return f"{view.to_html(border=0, index=False)}{paragraphs}"
