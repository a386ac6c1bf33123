"""Record-linkage explorer: precision and recall of a name-score threshold."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from kit.i18n import messages
from kit.widgets._render import Explorer
from kit.widgets._render import png as _png

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


class MatchThresholdExplorer(Explorer):
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
