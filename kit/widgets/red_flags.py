"""Red-flag explorer (contrataciones): choose an indicator, a buyer and a threshold, and see which
of that buyer's processes the flag raises.

A red flag is a question about a process, so the explorer ends where the work starts: the list
of the chosen buyer's flagged processes (ocid, date, supplier, amount), ready to be opened one
by one. Two indicators have a threshold worth moving in a room: Cardinal's R003 (whole days to
submit bids) and the kit's contract splitting (the legal amount a direct award must stay under).
"""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kit.i18n import messages
from kit.procurement.indicators import contract_splitting, short_submission_period
from kit.procurement.indicators._common import award_rows
from kit.widgets._render import Explorer
from kit.widgets._render import png as _png

__all__ = [
    "COMPETITIVE",
    "INDICATORS",
    "SETTINGS",
    "BuyerFlagsExplorer",
    "Setting",
    "buyer_flags_explorer",
    "buyer_summary",
    "flagged_processes",
]

COMPETITIVE = ("open", "selective")
#: Local calendar of the award dates shown in the table (OCDS dates arrive in UTC).
MEXICO = "America/Mexico_City"
#: Colour-blind-safe colours: the chosen buyer (hatched) and the others.
_CHOSEN, _OTHER = "#d55e00", "#bbbbbb"


@dataclass(frozen=True)
class Setting:
    """The threshold slider of one indicator: range, step and starting value."""

    low: int
    high: int
    step: int
    default: int


#: Indicators the explorer offers, with their slider (R003 in days, splitting in thousand MXN).
SETTINGS: dict[str, Setting] = {
    "R003": Setting(1, 40, 1, 15),
    "MX_SPLITTING": Setting(100, 600, 25, 300),
}
INDICATORS = tuple(SETTINGS)

MSG = messages(
    "widgets.red_flags",
    {
        "indicator": ("Indicador", "Indicator"),
        "buyer": ("Comprador", "Buyer"),
        "R003": ("R003 · periodo corto de ofertas", "R003 · short submission period"),
        "MX_SPLITTING": ("Fraccionamiento de contratos", "Contract splitting"),
        "R003.slider": ("Umbral (días)", "Threshold (days)"),
        "MX_SPLITTING.slider": ("Umbral (miles $)", "Threshold (thousand $)"),
        "R003.rule": (
            "licitaciones e invitaciones con menos de {value} días completos para ofertar",
            "open and selective tenders with fewer than {value} whole days to bid",
        ),
        "MX_SPLITTING.rule": (
            "adjudicaciones directas de menos de ${value:,.0f} al mismo proveedor que juntas lo "
            "rebasan en {days} días",
            "direct awards below ${value:,.0f} to one supplier that together exceed it within "
            "{days} days",
        ),
        "title": (
            "{flagged} de {evaluated} procesos marcados",
            "{flagged} of {evaluated} processes flagged",
        ),
        "xlabel": ("Procesos marcados", "Processes flagged"),
        "chosen": ("comprador elegido", "chosen buyer"),
        "others": ("otros compradores", "other buyers"),
        "none_flagged": (
            "Ningún proceso marcado con este umbral.",
            "No process flagged at this threshold.",
        ),
        "of": ("{flagged} de {evaluated}", "{flagged} of {evaluated}"),
        "table_title": (
            "{buyer}: {flagged} de {evaluated} procesos evaluados marcados",
            "{buyer}: {flagged} of {evaluated} evaluated processes flagged",
        ),
        "nothing_here": (
            "Este comprador no tiene procesos marcados con este umbral.",
            "This buyer has no processes flagged at this threshold.",
        ),
        "more": ("… y {n} más.", "… and {n} more."),
        "ocid": ("ocid", "ocid"),
        "date": ("Fecha de adjudicación", "Award date"),
        "supplier": ("Proveedor", "Supplier"),
        "amount": ("Monto adjudicado ($)", "Amount awarded ($)"),
        "R003.measure": ("Días para ofertar", "Days to bid"),
        "MX_SPLITTING.measure": ("Suma del grupo ($)", "Group total ($)"),
        "next": (
            "Qué mirar después: la convocatoria y el contrato de cada proceso, si el plazo o "
            "el monto tienen una razón legal, y si el patrón se repite.",
            "What to look at next: the call and the contract of each process, whether the "
            "period or the amount has a legal reason, and whether the pattern repeats.",
        ),
        "unknown": (
            "Indicador {code!r} desconocido: usa uno de {known}.",
            "Unknown indicator {code!r}: use one of {known}.",
        ),
        "reminder": (
            "Una bandera roja es una señal de riesgo para revisar, no una prueba. Los datos de "
            "muestra son ficticios.",
            "A red flag is a risk signal to review, not proof. The sample data are fictitious.",
        ),
    },
)

ROWS = ["ocid", "buyer_name", "date", "supplier_name", "amount", "measure", "flag"]


def flagged_processes(
    data: Any,
    indicator: str = "R003",
    threshold: float | None = None,
    *,
    methods: Sequence[str] | None = COMPETITIVE,
    window_days: float = 30,
    min_awards: int = 2,
) -> pd.DataFrame:
    """Every process the indicator evaluates, with its buyer, its winner and whether it is flagged.

    Args:
        data: the tables from :func:`kit.procurement.load`.
        indicator: ``"R003"`` (:func:`~kit.procurement.short_submission_period`, ``threshold``
            in whole days) or ``"MX_SPLITTING"`` (:func:`~kit.procurement.contract_splitting`,
            ``threshold`` in thousand MXN). ``None`` takes the indicator's default.
        methods: the methods R003 evaluates (competitive ones; ``None``: all).
        window_days, min_awards: the window and least number of awards of a splitting group.

    Raises:
        ValueError: an indicator other than those of :data:`INDICATORS`.

    Returns:
        One row per evaluated process (R003: tenders with both dates; splitting: direct awards
        in MXN): ``ocid``, ``buyer_name``, ``date`` (first award, UTC), ``supplier_name`` (first
        winner), ``amount`` (awarded MXN), ``measure`` (R003: days to bid; splitting: the
        group's total, missing outside groups) and ``flag``, sorted by buyer and ocid.
    """
    value = _setting(indicator).default if threshold is None else threshold
    if indicator == "R003":
        found = short_submission_period(
            data, threshold_days=int(value), procurement_methods=methods
        )
        found = found.loc[found["evaluated"], ["ocid", "period_days", "flag"]]
        rows = found.rename(columns={"period_days": "measure"})
    else:
        rows = _splitting_rows(data, float(value) * 1000, window_days, min_awards)
    buyers = data.tenders[["ocid", "buyer_name", "buyer_id"]].drop_duplicates("ocid")
    buyers = buyers.assign(buyer_name=buyers["buyer_name"].fillna(buyers["buyer_id"]))
    rows = rows.merge(buyers[["ocid", "buyer_name"]], on="ocid", how="left")
    rows = rows.merge(_winners(data), on="ocid", how="left")
    rows["measure"] = rows["measure"].astype("Float64")
    rows["flag"] = rows["flag"].astype(bool)
    rows = rows.dropna(subset=["buyer_name"])
    return rows[ROWS].sort_values(["buyer_name", "ocid"], ignore_index=True)


def _setting(indicator: str) -> Setting:
    """The slider of ``indicator``; a clear error for an indicator the explorer does not offer."""
    if indicator not in SETTINGS:
        raise ValueError(MSG["unknown"].format(code=indicator, known=", ".join(INDICATORS)))
    return SETTINGS[indicator]


def _splitting_rows(data: Any, amount: float, window_days: float, min_awards: int) -> pd.DataFrame:
    """Direct awards in MXN (the processes splitting looks at), flagged when in a group."""
    awarded = award_rows(data, ["procurement_method"])
    direct = awarded["procurement_method"].eq("direct").fillna(False).astype(bool)
    mxn = awarded["value_currency"].eq("MXN").fillna(False).astype(bool)
    ocids = pd.Series(awarded.loc[direct & mxn, "ocid"].unique(), name="ocid")
    groups = contract_splitting(
        data, threshold_amount=amount, window_days=window_days, min_awards=min_awards
    )
    totals = groups[["ocids", "total_value"]].explode("ocids")
    totals = totals.groupby("ocids")["total_value"].max()
    rows = pd.DataFrame({"ocid": ocids})
    rows["measure"] = rows["ocid"].map(totals)
    rows["flag"] = rows["measure"].notna()
    return rows


def _winners(data: Any) -> pd.DataFrame:
    """Per process: the first award's date, its first supplier, the awarded value in MXN."""
    awards = award_rows(data, []).sort_values(["ocid", "award_id"], kind="stable")
    mxn = awards["value_amount"].where(awards["value_currency"].eq("MXN").fillna(False))
    awards = awards.assign(amount=mxn)
    first = awards.merge(data.suppliers, on=["ocid", "award_id"], how="left")
    per_process = first.groupby("ocid").agg(
        date=("date", "min"), supplier_name=("supplier_name", "first")
    )
    per_process["amount"] = awards.groupby("ocid")["amount"].sum(min_count=1)
    return per_process.reset_index()


def buyer_summary(rows: pd.DataFrame) -> pd.DataFrame:
    """Per buyer: ``evaluated`` and ``flagged`` processes and their ``share``, most flagged first
    (ties: higher share, then name)."""
    table = rows.groupby("buyer_name").agg(evaluated=("flag", "size"), flagged=("flag", "sum"))
    table = table.astype(int)
    table["share"] = table["flagged"] / table["evaluated"]
    table = table.reset_index()
    order = ["flagged", "share", "buyer_name"]
    return table.sort_values(order, ascending=[False, False, True], ignore_index=True)


class BuyerFlagsExplorer(Explorer):
    """An indicator, a buyer and a threshold; a bar plot of flagged processes by buyer and the
    table of the chosen buyer's flagged processes.

    Attributes:
        indicator, buyer, threshold: the ipywidgets controls (set ``.value`` to change them;
            choosing another indicator moves the slider to that indicator's range and default).
        rows: :func:`flagged_processes` of the current state; ``summary`` its
            :func:`buyer_summary`; ``table`` the chosen buyer's flagged processes.
        image, html: the widgets showing the plot (PNG) and the table; ``widget`` is the box.
    """

    def __init__(
        self,
        data: Any,
        indicator: str = "R003",
        buyer: str | None = None,
        threshold: int | None = None,
        top: int = 8,
        bars: int = 10,
        min_awards: int = 2,
    ) -> None:
        import ipywidgets as w

        self.data, self.top, self.bars, self.min_awards = data, top, bars, min_awards
        setting = _setting(indicator)
        start = setting.default if threshold is None else threshold
        self.indicator = w.Dropdown(
            options=[(str(MSG[code]), code) for code in INDICATORS],
            value=indicator,
            description=str(MSG["indicator"]),
        )
        self.threshold = w.IntSlider(
            value=start, min=setting.low, max=setting.high, step=setting.step,
            description=str(MSG[f"{indicator}.slider"]),
        )  # fmt: skip
        self.rows = flagged_processes(
            data, indicator, start, min_awards=min_awards
        )  # the first buyer shown is the most flagged one
        names = sorted(data.tenders["buyer_name"].dropna().unique())
        first = buyer if buyer in names else buyer_summary(self.rows)["buyer_name"].iloc[0]
        self.buyer = w.Dropdown(options=names, value=first, description=str(MSG["buyer"]))
        self.image, self.html = w.Image(format="png"), w.HTML()
        self.summary = self.table = pd.DataFrame()
        self._switching = False
        self.indicator.observe(self._new_indicator, names="value")
        for control in (self.buyer, self.threshold):
            control.observe(self.update, names="value")
        controls = w.HBox([self.indicator, self.threshold, self.buyer])
        self.widget = w.VBox([controls, self.image, self.html])
        self.update()

    def _new_indicator(self, change: Any = None) -> None:
        """Give the slider the new indicator's range and default, then redraw once."""
        setting = SETTINGS[self.indicator.value]
        self._switching = True
        try:
            slider = self.threshold
            slider.min, slider.max = min(slider.min, setting.low), max(slider.max, setting.high)
            slider.value, slider.step = setting.default, setting.step
            slider.min, slider.max = setting.low, setting.high
            slider.description = str(MSG[f"{self.indicator.value}.slider"])
        finally:
            self._switching = False
        self.update()

    def update(self, change: Any = None) -> None:
        """Recompute for the controls' current values and redraw (called on every change)."""
        if self._switching:
            return
        code, value = self.indicator.value, self.threshold.value
        self.rows = flagged_processes(self.data, code, value, min_awards=self.min_awards)
        self.summary = buyer_summary(self.rows)
        chosen = self.rows[self.rows["buyer_name"].eq(self.buyer.value)]
        self.table = chosen[chosen["flag"]].sort_values(["date", "ocid"], ignore_index=True)
        self.image.value = _png(_figure(self.summary, self.buyer.value, code, value, self.bars))
        self.html.value = _table_html(self.table, chosen, self.buyer.value, code, self.top)


def buyer_flags_explorer(
    data: Any,
    indicator: str = "R003",
    buyer: str | None = None,
    threshold: int | None = None,
    top: int = 8,
    bars: int = 10,
    min_awards: int = 2,
) -> BuyerFlagsExplorer:
    """Explore a red flag by buyer: choose the indicator and the buyer, move the threshold.

    The plot ranks the buyers with the most flagged processes (the chosen one hatched, always
    shown) with "flagged of evaluated" on each bar; the table lists the chosen buyer's flagged
    processes, the ones to open next. Labels follow the notebook's language.

    Args:
        data: the tables from :func:`kit.procurement.load`.
        indicator: ``"R003"`` (threshold in whole days, 1 to 40) or ``"MX_SPLITTING"``
            (threshold in thousand MXN, 100 to 600; window of 30 days).
        buyer: the buyer's name; ``None`` starts with the most flagged one.
        threshold: starting threshold; ``None`` takes the indicator's default (15 days, 300).
        top: how many processes the table lists; bars: how many buyers the plot ranks.
        min_awards: least number of awards of a splitting group (the kit's default, 2).

    Returns:
        A :class:`BuyerFlagsExplorer`, drawn once when built (it runs headless too); it displays
        itself when it is the last line of a cell.
    """
    return BuyerFlagsExplorer(data, indicator, buyer, threshold, top, bars, min_awards)


def _rule(code: str, value: int) -> str:
    if code == "R003":
        return MSG["R003.rule"].format(value=value)
    return MSG["MX_SPLITTING.rule"].format(value=value * 1000, days=30)


def _figure(summary: pd.DataFrame, buyer: str, code: str, value: int, bars: int) -> Any:
    """Horizontal bars of flagged processes, the chosen buyer hatched and labelled."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    shown = summary[summary["flagged"] > 0].head(bars)
    if buyer not in set(shown["buyer_name"]):
        shown = pd.concat([shown, summary[summary["buyer_name"].eq(buyer)]])
    shown = shown.iloc[::-1]  # the most flagged on top
    fig = Figure(figsize=(8.5, 4.6))
    ax = fig.subplots()
    chosen = shown["buyer_name"].eq(buyer).to_numpy()
    names = [textwrap.shorten(name, 46, placeholder="…") for name in shown["buyer_name"]]
    drawn = ax.barh(
        names, shown["flagged"], color=[_CHOSEN if c else _OTHER for c in chosen],
        edgecolor="black",
    )  # fmt: skip
    for bar, is_chosen in zip(drawn, chosen, strict=True):
        bar.set_hatch("///" if is_chosen else "")
    labels = [
        MSG["of"].format(flagged=f, evaluated=e)
        for f, e in zip(shown["flagged"], shown["evaluated"], strict=True)
    ]
    ax.bar_label(drawn, labels=labels, padding=3, fontsize=8)
    for tick, is_chosen in zip(ax.get_yticklabels(), chosen, strict=True):
        tick.set_fontweight("bold" if is_chosen else "normal")
    ax.tick_params(axis="y", labelsize=8)
    ax.margins(x=0.18)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # processes are whole
    flagged, evaluated = int(summary["flagged"].sum()), int(summary["evaluated"].sum())
    title = f"{MSG[code]}: {MSG['title'].format(flagged=flagged, evaluated=evaluated)}"
    ax.set_title(f"{title}\n{_rule(code, value)}", fontsize=10)
    ax.set_xlabel(str(MSG["xlabel"]))
    if not flagged:
        ax.text(0.5, 0.5, str(MSG["none_flagged"]), ha="center", transform=ax.transAxes)
    fig.tight_layout()
    return fig


def _table_html(table: pd.DataFrame, chosen: pd.DataFrame, buyer: str, code: str, top: int) -> str:
    """The chosen buyer's flagged processes (the first ``top``), what to do next, a reminder."""
    title = MSG["table_title"].format(
        buyer=buyer, flagged=int(chosen["flag"].sum()), evaluated=len(chosen)
    )
    parts = [f"<b>{html.escape(title)}</b>"]
    if table.empty:
        parts.append(f"<p>{html.escape(str(MSG['nothing_here']))}</p>")
    else:
        view = pd.DataFrame(
            {
                str(MSG["ocid"]): table["ocid"],
                str(MSG["date"]): table["date"].dt.tz_convert(MEXICO).dt.strftime("%Y-%m-%d"),
                str(MSG["supplier"]): table["supplier_name"],
                str(MSG["amount"]): table["amount"].map(_number),
                str(MSG[f"{code}.measure"]): table["measure"].map(_number),
            }
        ).head(top)
        view.index = range(1, len(view) + 1)
        parts.append(view.to_html(border=0, na_rep="—"))
        if len(table) > top:
            parts.append(f"<p>{html.escape(MSG['more'].format(n=len(table) - top))}</p>")
    parts.append(f"<p>{html.escape(str(MSG['next']))}</p>")
    parts.append(f"<p><i>{html.escape(str(MSG['reminder']))}</i></p>")
    return "".join(parts)


def _number(value: Any) -> str:
    """A whole number with thousands separators; a dash when it is missing."""
    return "—" if pd.isna(value) else f"{float(value):,.0f}"
