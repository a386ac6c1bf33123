"""Interactive explorers for notebooks and mentor sessions (ipywidgets).

    from kit.widgets import match_threshold_explorer, threshold_explorer
    threshold_explorer(datos)                       # R003, short submission periods
    match_threshold_explorer(pairs, truth)          # record linkage: precision and recall

Moving a control recomputes the indicator and redraws a plot and a small table. The computation
lives in plain functions (:func:`evaluated_periods`, :func:`flagged_by_buyer`) that tests and
notebooks can call without widgets. Explorers also run headless (papermill, nbconvert): building
and displaying one never needs a browser, and the initial state is drawn once when it is built.
The plot is an ``Image`` widget (PNG) and the table an ``HTML`` widget rather than an ``Output``
widget that captures displays: the values live in the widget state, so they are kept in saved
notebooks, and headless runners never have to mimic a front end's output capture.
"""

from __future__ import annotations

import html
import io
import textwrap
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from kit.i18n import messages
from kit.procurement.indicators import short_submission_period

__all__ = [
    "InstitutionRiskExplorer",
    "MatchThresholdExplorer",
    "ThresholdExplorer",
    "accepted_pairs",
    "buyers_table",
    "evaluated_periods",
    "flagged_by_buyer",
    "institution_risk_explorer",
    "match_errors",
    "match_threshold_explorer",
    "precision_recall",
    "precision_recall_curve",
    "threshold_explorer",
]

#: Competitive methods: *licitación pública* (open), *invitación a cuando menos tres* (selective).
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


class ThresholdExplorer:
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
        self.threshold = w.IntSlider(
            value=threshold_days, min=1, max=40, description=str(MSG["threshold"])
        )
        self.methods = w.Dropdown(
            options=_method_options(data), value=_tuple(methods), description=str(MSG["methods"])
        )
        self.year = w.Dropdown(options=_year_options(data), description=str(MSG["year"]))
        self.image = w.Image(format="png")
        self.html = w.HTML()
        for control in (self.threshold, self.methods, self.year):
            control.observe(self.update, names="value")
        controls = w.HBox([self.threshold, self.methods, self.year])
        self.widget = w.VBox([controls, self.image, self.html])
        self.update()

    def update(self, change: Any = None) -> None:
        """Recompute for the controls' current values and redraw (called on every change)."""
        args = (self.data, self.threshold.value, self.methods.value, self.year.value)
        periods = evaluated_periods(*args)
        self.table = buyers_table(periods, self.top)
        self.image.value = _png(_figure(periods, self.threshold.value))
        self.html.value = _table_html(self.table)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


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


def _tuple(methods: Methods | str) -> tuple[str, ...] | None:
    """Methods as a dropdown value; Cardinal's ``"open|selective"`` spelling is accepted."""
    if isinstance(methods, str):
        methods = methods.split("|")
    return None if methods is None else tuple(methods)


def _method_options(data: Any) -> list[tuple[str, tuple[str, ...] | None]]:
    present = sorted(data.tenders["procurement_method"].dropna().unique())
    return [
        (str(MSG["competitive"]), COMPETITIVE),
        *((str(method), (str(method),)) for method in present),
        (str(MSG["all_methods"]), None),
    ]


def _year_options(data: Any) -> list[tuple[str, int | None]]:
    years = sorted(data.tenders["tender_start"].dt.year.dropna().astype(int).unique())
    return [(str(MSG["all_years"]), None), *((str(year), int(year)) for year in years)]


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


def _png(figure: Any) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    return buffer.getvalue()


def _table_html(table: pd.DataFrame) -> str:
    """The buyers table with headers in the current language, a title and a reminder."""
    view = table.assign(share=(table["share"] * 100).round(1))
    names = {"buyer_name": "buyer", "evaluated": "evaluated", "flagged": "flagged_n"}
    view = view.rename(columns={k: str(MSG[v]) for k, v in {**names, "share": "share"}.items()})
    view.index = range(1, len(view) + 1)
    title = html.escape(str(MSG["table_title"]))
    reminder = html.escape(str(MSG["reminder"]))
    return f"<b>{title}</b>{view.to_html(border=0)}<p><i>{reminder}</i></p>"


# --- Record linkage: precision and recall of a name threshold ---------------------------------

#: What identifies a candidate pair: the list, the supplier and the list's record.
MATCH_KEYS = ("lista", "left_id", "right_id")
#: Colour-blind-safe colours (seaborn's "colorblind" palette) of the two curves.
_PRECISION_STYLE = {"color": "#0173b2", "marker": "o", "linestyle": "-"}
_RECALL_STYLE = {"color": "#de8f05", "marker": "s", "linestyle": "--"}

MATCH_MSG = messages(
    "widgets.match",
    {
        "threshold": ("Umbral", "Threshold"),
        "evidence": ("Evidencia", "Evidence"),
        "title": (
            "Precisión y exhaustividad según el umbral ({option})",
            "Precision and recall by threshold ({option})",
        ),
        "title_one": (
            "Precisión y exhaustividad según el umbral",
            "Precision and recall by threshold",
        ),
        "xlabel": (
            "Umbral: puntaje mínimo de similitud de nombres (0-100)",
            "Threshold: least name similarity score (0-100)",
        ),
        "ylabel": ("Proporción", "Share"),
        "precision": ("precisión", "precision"),
        "recall": ("exhaustividad", "recall"),
        "now": (
            "umbral {threshold}: precisión {precision}, exhaustividad {recall}",
            "threshold {threshold}: precision {precision}, recall {recall}",
        ),
        "no_truth": (
            "Sin verdad conocida no se pueden medir precisión ni exhaustividad (solo la muestra "
            "la tiene): revisa las parejas una por una.",
            "Without a known truth, precision and recall cannot be measured (only the sample "
            "has one): review the pairs one by one.",
        ),
        "summary_title": ("Con umbral {threshold}", "At threshold {threshold}"),
        "accepted": ("parejas aceptadas", "accepted pairs"),
        "correct": ("enlaces verdaderos aceptados", "true links accepted"),
        "wrong": ("parejas falsas aceptadas", "false pairs accepted"),
        "missed": ("enlaces verdaderos sin encontrar", "true links not found"),
        "errors_title": ("Errores con este umbral", "Errors at this threshold"),
        "no_errors": ("Ningún error con este umbral.", "No errors at this threshold."),
        "kind": ("Error", "Error"),
        "false_pair": ("pareja falsa", "false pair"),
        "missed_link": ("no encontrado", "not found"),
        "list": ("Lista", "List"),
        "supplier": ("Proveedor", "Supplier"),
        "record": ("Registro de la lista", "List record"),
        "score": ("Puntaje", "Score"),
        "reminder": (
            "Una coincidencia con una lista es una señal para revisar, no una prueba: los "
            "homónimos existen.",
            "A match with a list is a signal to review, not proof: homonyms exist.",
        ),
    },
)

Pairs = pd.DataFrame | dict[str, pd.DataFrame]


def accepted_pairs(pairs: pd.DataFrame, threshold: float) -> pd.DataFrame:
    """The pairs kept at ``threshold``: linked by RFC (``method == "rfc"``) or by a name score
    of at least ``threshold``."""
    by_rfc = pairs["method"].eq("rfc") if "method" in pairs else False
    return pairs[by_rfc | pairs["name_score"].ge(threshold)]


def precision_recall(
    pairs: pd.DataFrame, truth: pd.DataFrame, threshold: float, keys: Sequence[str] = MATCH_KEYS
) -> pd.Series:
    """How good the pairs accepted at ``threshold`` are, against a known truth.

    Args:
        pairs: candidate pairs with ``name_score`` (and ``method``), like the output of
            :func:`kit.sanctions.match.link` (with a ``lista`` column for several lists).
        truth: the known pairs, with the ``keys`` columns and ``true_link`` (False for traps
            such as homonyms; without the column every row is a true link). Any accepted pair
            missing from it counts as false.
        threshold: least name score of a name match.
        keys: the columns that identify a pair.

    Returns:
        ``accepted``, ``correct``, ``wrong``, ``missed`` (counts of distinct pairs),
        ``precision`` (correct / accepted) and ``recall`` (correct / true links). Without any
        true link in ``truth`` nothing but ``accepted`` can be known: the rest is NaN.
    """
    true = _true_keys(truth, keys)
    accepted = set(_keys_of(accepted_pairs(pairs, threshold), keys))
    if not true:  # nothing known: nothing can be measured
        nan = float("nan")
        return pd.Series(
            {"accepted": len(accepted), "correct": nan, "wrong": nan, "missed": nan,
             "precision": nan, "recall": nan},
        )  # fmt: skip
    correct = len(accepted & true)
    return pd.Series(
        {
            "accepted": len(accepted),
            "correct": correct,
            "wrong": len(accepted) - correct,
            "missed": len(true) - correct,
            "precision": correct / len(accepted) if accepted else float("nan"),
            "recall": correct / len(true),
        },
        dtype=float,
    )


def precision_recall_curve(
    pairs: pd.DataFrame,
    truth: pd.DataFrame,
    thresholds: Sequence[float] = range(70, 101),
    keys: Sequence[str] = MATCH_KEYS,
) -> pd.DataFrame:
    """:func:`precision_recall` for each threshold: one row per threshold (the index)."""
    rows = {t: precision_recall(pairs, truth, t, keys) for t in thresholds}
    return pd.DataFrame(rows).T.rename_axis("threshold")


def match_errors(
    pairs: pd.DataFrame,
    truth: pd.DataFrame,
    threshold: float,
    keys: Sequence[str] = MATCH_KEYS,
) -> pd.DataFrame:
    """The mistakes at ``threshold``: false pairs accepted, then true links not accepted.

    Returns:
        The ``keys`` columns, ``error`` (``"false_pair"`` or ``"missed_link"``), ``left_name``,
        ``right_name`` and ``name_score`` (missing for a true link no candidate pair holds).
    """
    keys = list(keys)
    columns = [*keys, "error", "left_name", "right_name", "name_score"]
    true = _true_keys(truth, keys)
    if not true:  # without a truth there are no known mistakes
        return pd.DataFrame(columns=columns)
    best = pairs.sort_values("name_score", ascending=False).drop_duplicates(keys)
    accepted = accepted_pairs(best, threshold)
    is_true = pd.Series([k in true for k in _keys_of(accepted, keys)], dtype=bool)
    wrong = accepted[~is_true.to_numpy()].assign(error="false_pair")
    found = set(_keys_of(accepted, keys))
    missing = pd.DataFrame(sorted(true - found, key=str), columns=keys)
    missed = missing.merge(best, on=keys, how="left").assign(error="missed_link")
    both = [frame.reindex(columns=columns) for frame in (wrong, missed) if len(frame)]
    if not both:
        return pd.DataFrame(columns=columns)
    return pd.concat(both, ignore_index=True)


def _keys_of(frame: pd.DataFrame, keys: Sequence[str]) -> list[tuple]:
    """The pairs of ``frame`` as tuples of plain values (so 7 and numpy's 7 are one key)."""
    columns = [frame[k].astype(object).to_numpy() for k in keys]
    return [tuple(_plain(v) for v in row) for row in zip(*columns, strict=True)]


def _plain(value: Any) -> Any:
    return value.item() if isinstance(value, np.generic) else value


def _true_keys(truth: pd.DataFrame, keys: Sequence[str]) -> set[tuple]:
    if "true_link" in truth:
        truth = truth[truth["true_link"].fillna(False).astype(bool)]
    return set(_keys_of(truth, keys))


class MatchThresholdExplorer:
    """A threshold slider (and a choice of evidence), a precision/recall plot and the errors.

    Attributes:
        threshold: the slider (set ``.value`` to move it).
        evidence: the dropdown of candidate tables (hidden when there is only one).
        scores: :func:`precision_recall` of the current state.
        curve: :func:`precision_recall_curve` of the current candidate table.
        errors: :func:`match_errors` of the current state.
        image, html: the widgets showing the plot (PNG) and the numbers with the errors.
        widget: the ipywidgets box that Jupyter displays.
    """

    def __init__(
        self,
        pairs: Pairs,
        truth: pd.DataFrame,
        threshold: int = 90,
        keys: Sequence[str] = MATCH_KEYS,
        low: int = 70,
        top: int = 12,
    ) -> None:
        import ipywidgets as w

        self.options = dict(pairs) if isinstance(pairs, dict) else {"": pairs}
        self.truth, self.keys, self.top = truth, tuple(keys), top
        self.thresholds = range(low, 101)
        self.threshold = w.IntSlider(
            value=threshold, min=low, max=100, description=str(MATCH_MSG["threshold"])
        )
        self.evidence = w.Dropdown(
            options=list(self.options), description=str(MATCH_MSG["evidence"])
        )
        if len(self.options) == 1:
            self.evidence.layout.display = "none"
        self.image, self.html = w.Image(format="png"), w.HTML()
        self.curve = pd.DataFrame()
        self.evidence.observe(self._new_evidence, names="value")
        self.threshold.observe(self.update, names="value")
        self.widget = w.VBox([w.HBox([self.threshold, self.evidence]), self.image, self.html])
        self._new_evidence()

    @property
    def pairs(self) -> pd.DataFrame:
        """The candidate table of the chosen evidence."""
        return self.options[self.evidence.value]

    def _new_evidence(self, change: Any = None) -> None:
        self.curve = precision_recall_curve(self.pairs, self.truth, self.thresholds, self.keys)
        self.update()

    def update(self, change: Any = None) -> None:
        """Recompute for the current threshold and evidence, and redraw."""
        value = self.threshold.value
        self.scores = precision_recall(self.pairs, self.truth, value, self.keys)
        self.errors = match_errors(self.pairs, self.truth, value, self.keys)
        self.image.value = _png(_match_figure(self.curve, self.scores, value, self.evidence.value))
        self.html.value = _match_html(self.scores, self.errors.head(self.top), value)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


def match_threshold_explorer(
    pairs: Pairs,
    truth: pd.DataFrame,
    threshold: int = 90,
    keys: Sequence[str] = MATCH_KEYS,
    low: int = 70,
    top: int = 12,
) -> MatchThresholdExplorer:
    """Explore the name threshold of record linkage: move it and watch precision and recall.

    A pair is accepted when its RFCs are equal (``method == "rfc"``) or its ``name_score`` is at
    least the threshold. The plot shows precision (accepted pairs that are true links) and
    recall (true links accepted) for every threshold from ``low`` to 100, with the current one
    marked; below it, the counts and the mistakes (false pairs, true links not found). Labels
    follow the notebook's language (``kit.setup(lang=...)``).

    Args:
        pairs: candidate pairs, found with a threshold of ``low`` or less so the lower part of
            the plot means something (for example ``link(..., threshold=70)`` per list, with a
            ``lista`` column); or a dict ``{label: pairs}`` to compare kinds of evidence (such
            as names alone and names with RFC) in a dropdown.
        truth: the known pairs (``keys`` columns and ``true_link``), such as the sample's
            planted links. Without one (an empty table) the explorer says it cannot measure.
        threshold: initial threshold (``low`` to 100).
        keys: the columns that identify a pair.
        low: the lowest threshold of the slider and the plot.
        top: how many mistakes the table lists.

    Returns:
        A :class:`MatchThresholdExplorer`; it displays itself when it is the last line of a cell.
    """
    return MatchThresholdExplorer(pairs, truth, threshold, keys, low, top)


def _match_figure(curve: pd.DataFrame, scores: pd.Series, threshold: int, option: str) -> Any:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 4))
    ax = fig.subplots()
    if curve[["precision", "recall"]].notna().any().any():
        _curves(ax, curve, scores, threshold)
    else:
        text = textwrap.fill(str(MATCH_MSG["no_truth"]), 60)
        ax.text(0.5, 0.5, text, ha="center", va="center", transform=ax.transAxes)
    ax.axvline(threshold, color="black", linestyle=":")
    ax.set_ylim(-0.02, 1.12)
    if len(curve):
        ax.set_xlim(curve.index.min() - 0.5, 100.5)
    ax.set_title(MATCH_MSG["title"].format(option=option) if option else MATCH_MSG["title_one"])
    ax.set_xlabel(str(MATCH_MSG["xlabel"]))
    ax.set_ylabel(str(MATCH_MSG["ylabel"]))
    fig.tight_layout()
    return fig


def _curves(ax: Any, curve: pd.DataFrame, scores: pd.Series, threshold: int) -> None:
    """Precision and recall lines (colour, marker and line style differ) and today's values."""
    ax.plot(curve.index, curve["precision"], label=str(MATCH_MSG["precision"]), **_PRECISION_STYLE)
    ax.plot(curve.index, curve["recall"], label=str(MATCH_MSG["recall"]), **_RECALL_STYLE)
    ax.legend(loc="lower left")
    now = MATCH_MSG["now"].format(
        threshold=threshold,
        precision=_share(scores["precision"]),
        recall=_share(scores["recall"]),
    )
    left = threshold < (curve.index.min() + 100) / 2  # write on the side with room
    ax.annotate(
        now,
        (threshold, 1.02),
        xytext=(4 if left else -4, 0),
        textcoords="offset points",
        ha="left" if left else "right",
        va="bottom",
    )


def _share(value: float) -> str:
    return "—" if pd.isna(value) else f"{value:.0%}"


def _match_html(scores: pd.Series, errors: pd.DataFrame, threshold: int) -> str:
    """The counts, precision and recall, the mistakes, and a reminder."""
    title = html.escape(MATCH_MSG["summary_title"].format(threshold=threshold))
    reminder = f"<p><i>{html.escape(str(MATCH_MSG['reminder']))}</i></p>"
    if pd.isna(scores["correct"]):
        unknown = html.escape(str(MATCH_MSG["no_truth"]))
        accepted = _row("accepted", f"{scores['accepted']:.0f}")
        return f"<b>{title}</b><table>{accepted}</table><p>{unknown}</p>{reminder}"
    counts = "".join(
        _row(name, f"{scores[name]:.0f}") for name in ("accepted", "correct", "wrong", "missed")
    )
    shares = "".join(_row(name, _share(scores[name])) for name in ("precision", "recall"))
    errors_title = html.escape(str(MATCH_MSG["errors_title"]))
    return (
        f"<b>{title}</b><table>{counts}{shares}</table>"
        f"<b>{errors_title}</b>{_errors_html(errors)}{reminder}"
    )


def _row(name: str, value: str) -> str:
    return f"<tr><td>{html.escape(str(MATCH_MSG[name]))}</td><td>{value}</td></tr>"


def _errors_html(errors: pd.DataFrame) -> str:
    if errors.empty:
        return f"<p>{html.escape(str(MATCH_MSG['no_errors']))}</p>"
    view = pd.DataFrame(
        {
            str(MATCH_MSG["kind"]): [str(MATCH_MSG[e]) for e in errors["error"]],
            str(MATCH_MSG["list"]): errors.get("lista", pd.Series("", index=errors.index)),
            str(MATCH_MSG["supplier"]): errors["left_name"].fillna(errors["left_id"].astype(str)),
            str(MATCH_MSG["record"]): errors["right_name"].fillna(errors["right_id"].astype(str)),
            str(MATCH_MSG["score"]): errors["name_score"].round(1),
        }
    )
    view.index = range(1, len(view) + 1)
    return view.to_html(border=0, na_rep="—")


# --- Risk table of one institution (declaraciones) ---------------------------------------------

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


class InstitutionRiskExplorer:
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

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget._repr_mimebundle_(**kwargs)


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
