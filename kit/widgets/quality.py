"""Data quality at a glance: missing values, distinct values, suspicious placeholders, top values.

The first thing to do with any table, before a single average: what is empty, what is filled
with something that only *looks* like a value ("N/D", "*", a midnight that is a default), how
many different values a column has and which ones dominate. The functions work on any
DataFrame; :class:`QualityExplorer` lets a mentor (or a participant, with their own tables)
choose a table and a column and see all of it at once, with a plot that fits the column: a
histogram for numbers, records per month for dates (a missing month shows as a drop to zero),
bars of the most frequent values for text.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from kit.i18n import messages
from kit.widgets._render import Explorer
from kit.widgets._render import png as _png

__all__ = [
    "PLACEHOLDERS",
    "QualityExplorer",
    "column_kind",
    "column_profile",
    "missing_pattern",
    "missing_table",
    "placeholder_counts",
    "quality_explorer",
    "reading_notes",
    "top_values",
]

#: Texts that usually stand for "no value" in Mexican open data (compared trimmed, upper case):
#: empty, dashes, INEGI's "*" (confidential) and "N/D", "NA", "NaN", "null", "sin dato", a
#: suppressed RFC, and the 00:00 / 12:00 times capture systems put when the time is unknown.
#: Finding one is a question to ask, not proof: 12:00 can be a real time.
PLACEHOLDERS = frozenset(
    {
        "", "*", "-", "--", ".", "?", "N/D", "ND", "N/A", "NA", "NAN", "NULL", "NONE", "S/D",
        "SD", "SIN DATO", "SIN DATOS", "SIN INFORMACION", "SIN INFORMACIÓN", "NO ESPECIFICADO",
        "NO APLICA", "XXXXXXXXXXXX", "XXXXXXXXXXXXX", "00:00", "00:00:00", "12:00", "12:00:00",
    }
)  # fmt: skip
#: Bins of a histogram, at most.
MAX_BINS = 30

MSG = messages(
    "widgets.quality",
    {
        "table": ("Tabla", "Table"),
        "column": ("Columna", "Column"),
        "rows": ("Filas", "Rows"),
        "missing": ("Vacíos", "Missing"),
        "missing_share": ("% vacíos", "% missing"),
        "distinct": ("Valores distintos", "Distinct values"),
        "dtype": ("Tipo (pandas)", "Type (pandas)"),
        "kind": ("Clase", "Kind"),
        "placeholders": ("Parecen relleno", "Look like placeholders"),
        "top_share": ("% del valor más frecuente", "% of the most frequent value"),
        "value": ("Valor", "Value"),
        "count": ("Filas", "Rows"),
        "share": ("%", "%"),
        "empty": ("(vacío)", "(missing)"),
        "none": ("(ninguna)", "(none)"),
        "number": ("número", "number"),
        "date": ("fecha", "date"),
        "text": ("texto", "text"),
        "title": (
            "{column}: {missing:.1%} vacíos · {distinct:,} valores distintos",
            "{column}: {missing:.1%} missing · {distinct:,} distinct values",
        ),
        "per_month": ("Registros por mes", "Records per month"),
        "histogram": ("Filas", "Rows"),
        "no_values": ("La columna no tiene ningún valor.", "The column has no value at all."),
        "reminder": (
            "Un valor vacío o de relleno es una pregunta para quien publica los datos: ¿no "
            "aplica, no se registró, se protege o se perdió? No lo borres ni lo rellenes sin "
            "saberlo.",
            "A missing or placeholder value is a question for the publisher: does it not apply, "
            "was it not recorded, is it protected, or was it lost? Do not drop or fill it "
            "without knowing.",
        ),
        "no_tables": ("No hay tablas que explorar.", "There is no table to explore."),
        "no_column": (
            "La tabla {table!r} no tiene la columna {column!r}.",
            "Table {table!r} has no column {column!r}.",
        ),
        # What the kit's readers record in DataFrame.attrs, for reading_notes().
        "codificacion": ("Codificación leída", "Encoding read"),
        "variante": ("Variante del archivo", "File variant"),
        "formato": ("Formato del archivo", "File layout"),
        "actualizado": ("Actualizado al (preámbulo)", "Updated on (preamble)"),
        "fechas_no_leidas": (
            "Fechas que no se adivinaron (quedan vacías)",
            "Dates not guessed (left empty)",
        ),
        "coordenadas_fuera": (
            "Coordenadas fuera de la ciudad (quedan vacías)",
            "Coordinates outside the city (left empty)",
        ),
        "textos_reparados": ("Textos reparados", "Texts repaired"),
        "filas_otras_actividades": (
            "Filas de otras actividades (omitidas)",
            "Rows of other activities (skipped)",
        ),
        "edad_adultos_mayores": ("Edad de «adultos mayores»", "Age of 'older adults'"),
        "situaciones_no_reconocidas": ("Situaciones no reconocidas", "Situations not recognised"),
        "bloques": ("Bloques leídos", "Blocks read"),
    },
)
#: attrs of the kit's readers shown by :func:`reading_notes`, in this order (the path is left
#: out: it differs from machine to machine and says nothing about the data).
NOTES = (
    "codificacion", "variante", "formato", "actualizado", "fechas_no_leidas",
    "coordenadas_fuera", "textos_reparados", "filas_otras_actividades", "edad_adultos_mayores",
    "situaciones_no_reconocidas",
)  # fmt: skip


def column_kind(values: pd.Series) -> str:
    """``"number"``, ``"date"`` or ``"text"`` (booleans and categories count as text)."""
    if pd.api.types.is_bool_dtype(values):
        return "text"
    if pd.api.types.is_datetime64_any_dtype(values):
        return "date"
    if pd.api.types.is_numeric_dtype(values):
        return "number"
    return "text"


def _hashable(values: pd.Series) -> pd.Series:
    """Values ``value_counts`` can count: lists and dicts (JSON tables) become their text."""
    if values.dtype != object:
        return values
    unhashable = values.map(lambda v: isinstance(v, list | dict | set)).astype(bool)
    return values.where(~unhashable, values.map(repr)) if unhashable.any() else values


def _is_missing(value: Any) -> bool:
    return value is None or (not isinstance(value, list | dict | set) and bool(pd.isna(value)))


def placeholder_counts(values: pd.Series) -> dict[str, int]:
    """How many cells of a text column hold each value of :data:`PLACEHOLDERS`, as written.

    Empty cells read as missing by pandas are not counted here (they are missing already);
    empty texts and blanks are. Numbers and dates have none.
    """
    if column_kind(values) != "text" or pd.api.types.is_bool_dtype(values):
        return {}
    texts = values.dropna()
    texts = texts[texts.map(lambda v: isinstance(v, str))]
    hits = texts[texts.str.strip().str.upper().isin(PLACEHOLDERS)]
    counts = hits.value_counts()
    return {str(k): int(n) for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))}


def column_profile(values: pd.Series) -> dict[str, Any]:
    """One column at a glance.

    Returns:
        ``filas``, ``vacios`` (missing as pandas reads them), ``proporcion_vacios``,
        ``distintos`` (distinct non-missing values), ``tipo`` (the pandas dtype), ``clase``
        (:func:`column_kind`), ``relleno`` (:func:`placeholder_counts`) and
        ``proporcion_mas_frecuente`` (share of the rows holding the most frequent value: a
        spike such as 00:00 shows here).
    """
    values = _hashable(values)
    rows = len(values)
    missing = int(values.isna().sum())
    counts = values.value_counts(dropna=True)
    return {
        "filas": rows,
        "vacios": missing,
        "proporcion_vacios": missing / rows if rows else 0.0,
        "distintos": len(counts),
        "tipo": str(values.dtype),
        "clase": column_kind(values),
        "relleno": placeholder_counts(values),
        "proporcion_mas_frecuente": float(counts.iloc[0]) / rows if len(counts) else 0.0,
    }


def top_values(values: pd.Series, n: int = 10) -> pd.DataFrame:
    """The ``n`` most frequent values with their rows and share, missing values as one row.

    Ties are ordered by the value's text, so the table is the same on every run. The missing
    row (``valor`` is ``None``) is kept whenever there are missing values, even below the top.

    Returns:
        Columns ``valor``, ``filas``, ``proporcion`` (of all rows).
    """
    values = _hashable(values)
    rows = len(values)
    counts = values.value_counts(dropna=True)
    table = pd.DataFrame({"valor": list(counts.index), "filas": counts.to_numpy(dtype="int64")})
    table["_texto"] = table["valor"].map(str)
    table = table.sort_values(["filas", "_texto"], ascending=[False, True], kind="stable")
    table = table.head(n).drop(columns="_texto")
    missing = int(values.isna().sum())
    if missing:
        table = pd.concat(
            [table, pd.DataFrame({"valor": [None], "filas": [missing]})], ignore_index=True
        )
    table["proporcion"] = table["filas"] / rows if rows else 0.0
    return table.reset_index(drop=True)


def missing_table(frame: pd.DataFrame) -> pd.DataFrame:
    """Missing values of every column: most missing first, then most placeholders, then in the
    table's order.

    Returns:
        One row per column (the index): ``vacios``, ``proporcion_vacios``, ``relleno``
        (cells that look like placeholders, see :data:`PLACEHOLDERS`) and ``tipo``.
    """
    rows = len(frame)
    table = pd.DataFrame(
        {
            "vacios": frame.isna().sum().astype("int64"),
            "proporcion_vacios": frame.isna().mean() if rows else 0.0,
            "relleno": [sum(placeholder_counts(frame[c]).values()) for c in frame.columns],
            "tipo": [str(frame[c].dtype) for c in frame.columns],
        },
        index=frame.columns,
    )
    table["_orden"] = np.arange(len(table))
    order = ["vacios", "relleno", "_orden"]
    table = table.sort_values(order, ascending=[False, False, True], kind="stable")
    return table.drop(columns="_orden")


def missing_pattern(frame: pd.DataFrame, top: int = 5) -> pd.DataFrame:
    """Which columns are missing *together*: the most common combinations of empty columns.

    Columns never missing are left out; columns always missing (empty by design, e.g. a column
    the publisher never fills) are named once in the ``columnas_vacias`` of every row.

    Returns:
        Columns ``columnas_vacias`` (names joined by ``" + "``, empty text when none),
        ``filas``, ``proporcion``; the ``top`` most common combinations.
    """
    missing = frame.isna()
    missing = missing.loc[:, missing.any()]
    rows = len(frame)
    if missing.empty:
        names = pd.Series([""] * rows, dtype="string")
    else:
        columns = np.array(missing.columns, dtype=object)
        names = pd.Series(
            [" + ".join(columns[mask]) for mask in missing.to_numpy()], dtype="string"
        )
    counts = names.value_counts()
    table = pd.DataFrame({"columnas_vacias": counts.index, "filas": counts.to_numpy()})
    table = table.sort_values(["filas", "columnas_vacias"], ascending=[False, True])
    table["proporcion"] = table["filas"] / rows if rows else 0.0
    return table.head(top).reset_index(drop=True)


def reading_notes(frame: pd.DataFrame) -> pd.DataFrame:
    """What one of the kit's readers did and recorded (``frame.attrs``), said in words.

    The readers decode the bytes, skip preambles and leave unreadable values empty rather than
    guess; they keep a note of each. Returns one row per note (``nota``, ``valor``), in the
    notebook's language; the file's path is left out.
    """
    rows = []
    for key in NOTES:
        if key not in frame.attrs:
            continue
        value = frame.attrs[key]
        if isinstance(value, dict):
            value = sum(value.values()) if all(isinstance(v, int) for v in value.values()) else ""
        if isinstance(value, pd.Timestamp):
            value = value.date().isoformat()
        rows.append((str(MSG[key]), str(value)))
    return pd.DataFrame(rows, columns=["nota", "valor"])


class QualityExplorer(Explorer):
    """A table dropdown and a column dropdown, a plot (PNG) and the column's profile.

    Attributes:
        table, column: the ipywidgets controls (set ``.value`` to change them).
        profile: :func:`column_profile` of the current column; ``top``: :func:`top_values`.
        image, html: the widgets showing the plot and the tables; ``widget`` is the box.
    """

    def __init__(
        self,
        tables: Mapping[str, pd.DataFrame],
        table: str | None = None,
        column: str | None = None,
        top: int = 10,
    ) -> None:
        import ipywidgets as w

        if not tables:
            raise ValueError(str(MSG["no_tables"]))
        self.tables, self.n = dict(tables), top
        first = table if table in self.tables else next(iter(self.tables))
        columns = list(self.tables[first].columns)
        if column is not None and column not in columns:
            raise KeyError(MSG["no_column"].format(table=first, column=column))
        self.profile: dict[str, Any] = {}
        self.top = pd.DataFrame()
        self.table = w.Dropdown(
            options=list(self.tables), value=first, description=str(MSG["table"])
        )
        self.column = w.Dropdown(
            options=[str(c) for c in columns],
            value=str(column if column is not None else columns[0]),
            description=str(MSG["column"]),
        )
        self.image = w.Image(format="png")
        self.html = w.HTML()
        self._switching = False
        self.table.observe(self._table_changed, names="value")
        self.column.observe(self.update, names="value")
        self.widget = w.VBox([w.HBox([self.table, self.column]), self.image, self.html])
        self.update()

    def values(self) -> pd.Series:
        """The chosen column of the chosen table."""
        frame = self.tables[self.table.value]
        by_text = {str(c): c for c in frame.columns}
        return frame[by_text[self.column.value]]

    def _table_changed(self, change: Any = None) -> None:
        columns = [str(c) for c in self.tables[self.table.value].columns]
        keep = self.column.value if self.column.value in columns else columns[0]
        self._switching = True
        try:
            self.column.options = columns
            self.column.value = keep
        finally:
            self._switching = False
        self.update()

    def update(self, change: Any = None) -> None:
        """Recompute for the controls' current values and redraw (called on every change)."""
        if self._switching:
            return
        values = self.values()
        self.profile = column_profile(values)
        self.top = top_values(values, self.n)
        self.image.value = _png(_figure(values, self.column.value, self.profile, self.top))
        self.html.value = _table_html(self.profile, self.top)


def quality_explorer(
    tables: pd.DataFrame | Mapping[str, pd.DataFrame],
    table: str | None = None,
    column: str | None = None,
    top: int = 10,
) -> QualityExplorer:
    """Explore the quality of any table, column by column.

    Args:
        tables: one DataFrame, or several by name (``{"víctimas": v, "69-B": sat}``).
        table, column: what to show first (the first table and its first column by default).
        top: how many of the most frequent values the table and the bars show.

    Returns:
        A :class:`QualityExplorer`, drawn once when built (it runs headless too); it displays
        itself when it is the last line of a cell.
    """
    if isinstance(tables, pd.DataFrame):
        tables = {"tabla": tables}
    return QualityExplorer(tables, table, column, top)


def _shown(value: Any) -> str:
    if _is_missing(value):
        return str(MSG["empty"])
    if isinstance(value, pd.Timestamp):
        return value.isoformat(sep=" ").removesuffix(" 00:00:00")
    text = str(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _figure(values: pd.Series, name: str, profile: dict[str, Any], top: pd.DataFrame) -> Any:
    """Histogram, records per month, or bars of the top values (missing hatched, counts written)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 4))
    ax = fig.subplots()
    present = values.dropna()
    kind = profile["clase"]
    if present.empty:
        ax.text(0.5, 0.5, str(MSG["no_values"]), ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
    elif kind == "number":
        numbers = present.to_numpy(dtype="float64")
        edges = np.histogram_bin_edges(numbers, bins="auto")
        bins = edges if len(edges) - 1 <= MAX_BINS else MAX_BINS
        ax.hist(numbers, bins=bins, color="#0173b2", edgecolor="black")
        ax.set_ylabel(str(MSG["histogram"]))
        ax.set_xlabel(name)
    elif kind == "date":
        months = present.dt.to_period("M")
        counts = months.value_counts().sort_index()
        every = pd.period_range(counts.index.min(), counts.index.max(), freq="M")
        counts = counts.reindex(every, fill_value=0)  # a month without records shows as 0
        ax.plot(counts.index.to_timestamp(), counts.to_numpy(), marker="o", color="black")
        ax.set_ylim(bottom=0)
        ax.set_ylabel(str(MSG["per_month"]))
    else:
        labels = [_shown(v) for v in top["valor"]][::-1]
        bars = ax.barh(labels, top["filas"].to_numpy()[::-1], color="#0173b2", edgecolor="black")
        for bar, value in zip(bars, top["valor"][::-1], strict=True):
            if _is_missing(value):
                bar.set_facecolor("#bbbbbb")
                bar.set_hatch("///")
        ax.bar_label(bars, labels=[f"{n:,}" for n in top["filas"][::-1]], padding=3, fontsize=8)
        ax.margins(x=0.15)
        ax.set_xlabel(str(MSG["count"]))
        ax.tick_params(axis="y", labelsize=8)
    title = MSG["title"].format(
        column=name, missing=profile["proporcion_vacios"], distinct=profile["distintos"]
    )
    ax.set_title(title, loc="left")
    fig.tight_layout()
    return fig


def _table_html(profile: dict[str, Any], top: pd.DataFrame) -> str:
    placeholders = ", ".join(f"{k!r} × {n:,}" for k, n in profile["relleno"].items())
    summary = pd.DataFrame(
        [
            (str(MSG["rows"]), f"{profile['filas']:,}"),
            (str(MSG["missing"]), f"{profile['vacios']:,} ({profile['proporcion_vacios']:.1%})"),
            (str(MSG["distinct"]), f"{profile['distintos']:,}"),
            (str(MSG["top_share"]), f"{profile['proporcion_mas_frecuente']:.1%}"),
            (str(MSG["placeholders"]), placeholders or str(MSG["none"])),
            (str(MSG["dtype"]), f"{profile['tipo']} ({MSG[profile['clase']]})"),
        ]
    )
    view = pd.DataFrame(
        {
            str(MSG["value"]): [_shown(v) for v in top["valor"]],
            str(MSG["count"]): top["filas"].map("{:,}".format),
            str(MSG["share"]): (100 * top["proporcion"]).map("{:.1f}".format),
        }
    )
    reminder = html.escape(str(MSG["reminder"]))
    return (
        f"{summary.to_html(border=0, index=False, header=False, escape=True)}"
        f"{view.to_html(border=0, index=False, escape=True)}<p><i>{reminder}</i></p>"
    )
