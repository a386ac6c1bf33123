"""Care-value explorer (cuidados): choose an hourly wage and an alcaldía, see what the unpaid care
of its women and men is worth in a year.

The value is *modelled*, not measured: ENUT gives weekly hours by sex for a macro-region (there
is no alcaldía in the survey), the census gives how many people aged 12 and over live in each
alcaldía, and the region's weighted share of women splits them by sex. So every alcaldía gets
the same hours per person; differences between alcaldías come from their population alone.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd

from kit.care import survey
from kit.care.alcaldias import code_of, name_of
from kit.i18n import messages
from kit.widgets._render import Explorer
from kit.widgets._render import png as _png

__all__ = [
    "REGION",
    "CareValueExplorer",
    "alcaldia_value",
    "care_hours",
    "care_value_by_alcaldia",
    "care_value_explorer",
    "people_12_plus",
]

#: ENUT's macro-region that contains Mexico City (``None`` in the functions: whole country).
REGION = "Mesoamérica Central"
SEXES = ("Mujer", "Hombre")

MSG = messages(
    "widgets.care",
    {
        "wage": ("Salario por hora ($)", "Hourly wage ($)"),
        "alcaldia": ("Alcaldía", "Alcaldía"),
        "title": (
            "{alcaldia}: valor anual del cuidado no pagado a ${wage:,.0f} la hora",
            "{alcaldia}: yearly value of unpaid care at ${wage:,.0f} an hour",
        ),
        "ylabel": ("Millones de pesos al año", "Million pesos a year"),
        "Mujer": ("Mujeres", "Women"),
        "Hombre": ("Hombres", "Men"),
        "sex": ("Sexo", "Sex"),
        "hours": ("Horas a la semana", "Hours a week"),
        "people": ("Personas de 12 años y más", "People aged 12 and over"),
        "value": ("Valor anual (millones de $)", "Yearly value (million $)"),
        "reminder": (
            "Estimación modelada: horas de la ENUT ({region}) por persona × población del censo "
            "de 12 años y más. Todas las alcaldías tienen las mismas horas por persona; la "
            "diferencia viene de la población. El resultado depende del salario que elijas.",
            "Modelled estimate: ENUT hours ({region}) per person × census population aged 12 "
            "and over. Every alcaldía gets the same hours per person; the difference comes from "
            "population. The result depends on the wage you choose.",
        ),
        "national": ("todo el país", "whole country"),
        "no_ages": (
            "La tabla de población no tiene {column!r}: se necesita el ITER del censo 2020 para "
            "contar a las personas de 12 años y más.",
            "The population table has no {column!r}: the 2020 census ITER file is needed to "
            "count people aged 12 and over.",
        ),
    },
)


def care_hours(enut: pd.DataFrame, region: str | None = REGION) -> pd.DataFrame:
    """Weighted weekly care hours by ``sexo`` in ``region`` (``None``: the whole country).

    Returns :func:`kit.care.survey.weighted_mean`'s columns plus ``proporcion``: each sex's
    weighted share of the region's people (the split applied to the census population).
    """
    people = enut if region is None else enut[enut["region"] == region]
    table = survey.weighted_mean(people, "horas_cuidado", by="sexo")
    table["proporcion"] = table["population"] / table["population"].sum()
    return table


def people_12_plus(poblacion: pd.DataFrame) -> pd.Series:
    """People aged 12 and over per alcaldía (ITER): ``poblacion − 0-5 − 6-11``, by ``cve_mun``."""
    for column in ("ninas_ninos_0_5", "ninas_ninos_6_11"):
        if column not in poblacion.columns:
            raise KeyError(MSG["no_ages"].format(column=column))
    table = poblacion.set_index("cve_mun")
    older = table["poblacion"] - table["ninas_ninos_0_5"] - table["ninas_ninos_6_11"]
    return older.astype(float).rename("personas_12_mas")


def care_value_by_alcaldia(
    data: Any, wage_per_hour: float = 50.0, region: str | None = REGION, weeks: float = 52
) -> pd.DataFrame:
    """Yearly value of unpaid care of women and men aged 12+ in each alcaldía.

    Args:
        data: :class:`kit.care.load.CareData` (``enut`` and ``poblacion`` in the ITER layout).
        wage_per_hour: pesos an hour of care is priced at (state which wage and why).
        region: ENUT region whose hours apply (``None``: the whole country).
        weeks: weeks in the year.

    Returns:
        One row per alcaldía and sex: ``cve_mun``, ``municipio``, ``sexo``, ``horas`` (weekly
        hours per person), ``personas``, ``salario_hora``, ``valor_anual`` (pesos a year,
        ``horas × personas × salario_hora × weeks``).
    """
    hours = care_hours(data.enut, region).set_index("sexo")
    older = people_12_plus(data.poblacion)
    rows = []
    for code, people in older.items():
        for sex in SEXES:
            persons = people * float(hours.loc[sex, "proporcion"])
            per_week = float(hours.loc[sex, "estimate"])
            rows.append(
                {
                    "cve_mun": code,
                    "municipio": name_of(code) or code,
                    "sexo": sex,
                    "horas": per_week,
                    "personas": persons,
                    "salario_hora": float(wage_per_hour),
                    "valor_anual": per_week * persons * float(wage_per_hour) * float(weeks),
                }
            )
    return pd.DataFrame(rows)


def alcaldia_value(
    data: Any, alcaldia: str, wage_per_hour: float = 50.0, region: str | None = REGION
) -> pd.DataFrame:
    """The two rows (women, men) of :func:`care_value_by_alcaldia` for one alcaldía.

    ``alcaldia`` is a code (``"09007"``) or a name, with or without accents.
    """
    code = alcaldia if name_of(alcaldia) else code_of(alcaldia)
    table = care_value_by_alcaldia(data, wage_per_hour, region)
    return table[table["cve_mun"] == code].reset_index(drop=True)


class CareValueExplorer(Explorer):
    """A wage slider and an alcaldía dropdown, a bar plot (PNG) and a small table, kept in step.

    Attributes:
        wage, alcaldia: the ipywidgets controls (set ``.value`` to change them).
        table: the rows of the current state (see :func:`alcaldia_value`).
        image, html: the widgets showing the plot and the table; ``widget`` is the box.
    """

    def __init__(
        self, data: Any, wage_per_hour: float = 50.0, alcaldia: str = "09007",
        region: str | None = REGION,
    ) -> None:  # fmt: skip
        import ipywidgets as w

        self.data, self.region = data, region
        self._values = care_value_by_alcaldia(data, 1.0, region)  # value at one peso an hour
        self.table = pd.DataFrame()
        codes = list(self._values["cve_mun"].drop_duplicates())
        options = sorted(((name_of(c) or c, c) for c in codes), key=lambda o: _plain(o[0]))
        start = alcaldia if alcaldia in codes else code_of(alcaldia) or codes[0]
        self.wage = w.IntSlider(
            value=int(wage_per_hour), min=20, max=200, step=5, description=str(MSG["wage"])
        )
        self.alcaldia = w.Dropdown(options=options, value=start, description=str(MSG["alcaldia"]))
        self.image = w.Image(format="png")
        self.html = w.HTML()
        for control in (self.wage, self.alcaldia):
            control.observe(self.update, names="value")
        self.widget = w.VBox([w.HBox([self.wage, self.alcaldia]), self.image, self.html])
        self.update()

    def rows(self) -> pd.DataFrame:
        """Women's and men's rows of the chosen alcaldía at the chosen wage."""
        chosen = self._values[self._values["cve_mun"] == self.alcaldia.value].copy()
        wage = float(self.wage.value)
        chosen["salario_hora"] = wage
        chosen["valor_anual"] = chosen["valor_anual"] * wage
        return chosen.reset_index(drop=True)

    def update(self, change: Any = None) -> None:
        """Recompute for the controls' current values and redraw (called on every change)."""
        self.table = self.rows()
        name = name_of(self.alcaldia.value) or str(self.alcaldia.value)
        self.image.value = _png(_figure(self.table, name, float(self.wage.value)))
        self.html.value = _table_html(self.table, self.region)


def care_value_explorer(
    data: Any, wage_per_hour: float = 50.0, alcaldia: str = "09007", region: str | None = REGION
) -> CareValueExplorer:
    """Explore the yearly value of unpaid care: move the hourly wage, choose an alcaldía.

    Args:
        data: :class:`kit.care.load.CareData` from :func:`kit.care.load.load`.
        wage_per_hour: initial wage in pesos an hour (20 to 200).
        alcaldia: initial alcaldía, code or name.
        region: ENUT region whose hours apply (``None``: the whole country).

    Returns:
        A :class:`CareValueExplorer`, drawn once when built (it runs headless too); it displays
        itself when it is the last line of a cell.
    """
    return CareValueExplorer(data, wage_per_hour, alcaldia, region)


def _plain(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _figure(rows: pd.DataFrame, name: str, wage: float) -> Any:
    """Two bars, women hatched, the value written on each: readable without colour."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(7, 4))
    ax = fig.subplots()
    labels = [str(MSG[sex]) for sex in rows["sexo"]]
    millions = rows["valor_anual"] / 1e6
    bars = ax.bar(labels, millions, color=["#de8f05", "#0173b2"][: len(rows)], edgecolor="black")
    for bar, sex in zip(bars, rows["sexo"], strict=True):
        bar.set_hatch("///" if sex == "Mujer" else "")
    ax.bar_label(bars, labels=[f"{v:,.0f}" for v in millions], padding=3)
    ax.set_ylabel(str(MSG["ylabel"]))
    ax.set_title(MSG["title"].format(alcaldia=name, wage=wage))
    ax.margins(y=0.15)
    fig.tight_layout()
    return fig


def _table_html(rows: pd.DataFrame, region: str | None) -> str:
    view = pd.DataFrame(
        {
            str(MSG["sex"]): [str(MSG[sex]) for sex in rows["sexo"]],
            str(MSG["hours"]): rows["horas"].round(1),
            str(MSG["people"]): rows["personas"].round(0).map("{:,.0f}".format),
            str(MSG["value"]): (rows["valor_anual"] / 1e6).map("{:,.0f}".format),
        }
    )
    where = region if region is not None else str(MSG["national"])
    reminder = html.escape(MSG["reminder"].format(region=where))
    return f"{view.to_html(border=0, index=False)}<p><i>{reminder}</i></p>"
