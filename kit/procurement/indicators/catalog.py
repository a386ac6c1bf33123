"""Names and one-line explanations of every indicator, in Spanish and English, from one source.

The ``kit flags`` command, its table view and ``docs/indicators.md`` all describe the indicators
with these texts, so a participant reads the same words everywhere.
"""

from __future__ import annotations

from kit.i18n import Text, messages

__all__ = ["CARDINAL_CODES", "EXTENDED_CODES", "TEXT", "describe"]

#: Codes of the indicators computed exactly as the Open Contracting Partnership's Cardinal does.
CARDINAL_CODES = ("R003", "R018", "R048")

#: Codes of the Mexican indicators, emitted only with ``--extended``.
EXTENDED_CODES = ("MX_DIRECT_SHARE", "MX_SPLITTING", "MX_CONCENTRATION")

TEXT: dict[str, Text] = messages(
    "indicators",
    {
        "R003.title": ("Periodo corto para presentar ofertas", "Short submission period"),
        "R003.line": (
            "el periodo de ofertas (tenderPeriod) dura menos de {days} días completos",
            "the submission period (tenderPeriod) lasts fewer than {days} whole days",
        ),
        "R018.title": ("Una sola oferta recibida", "Single bid received"),
        "R018.line": (
            "procedimiento competitivo (open|selective) con un solo licitante",
            "competitive procedure (open|selective) with a single tenderer",
        ),
        "R048.title": ("Proveedor heterogéneo", "Heterogeneous supplier"),
        "R048.line": (
            "un proveedor vende en demasiadas categorías de artículos (valor atípico alto)",
            "a supplier sells in too many item categories (a high outlier)",
        ),
        "MX_DIRECT_SHARE.title": ("Proporción de adjudicaciones directas", "Direct award share"),
        "MX_DIRECT_SHARE.line": (
            "más del {share:.0%} de los procesos de un comprador son adjudicaciones directas",
            "more than {share:.0%} of a buyer's processes are direct awards",
        ),
        "MX_SPLITTING.title": ("Fraccionamiento de contratos", "Contract splitting"),
        "MX_SPLITTING.line": (
            "adjudicaciones directas del mismo comprador al mismo proveedor, cada una bajo "
            "{amount:,.0f} MXN, que juntas lo rebasan en {days} días",
            "direct awards by one buyer to one supplier, each below {amount:,.0f} MXN, "
            "that together exceed it within {days} days",
        ),
        "MX_CONCENTRATION.title": ("Concentración de proveedores", "Supplier concentration"),
        "MX_CONCENTRATION.line": (
            "el índice Herfindahl-Hirschman del valor adjudicado por un comprador pasa de {hhi}",
            "the Herfindahl-Hirschman index of a buyer's awarded value exceeds {hhi}",
        ),
        "group.OCID": ("Proceso", "Process"),
        "group.Buyer": ("Comprador", "Buyer"),
        "group.ProcuringEntity": ("Unidad compradora", "Procuring entity"),
        "group.Tenderer": ("Proveedor", "Supplier"),
        "error.by": (
            "by={by!r}: usa 'buyer' o una columna de la tabla tenders ({columns})",
            "by={by!r}: use 'buyer' or a column of the tenders table ({columns})",
        ),
        "error.digits": (
            "digits debe ser un entero positivo, no {digits!r}",
            "digits must be a positive integer, not {digits!r}",
        ),
    },
)

_DEFAULTS = {
    "R003": {"days": 15},
    "MX_DIRECT_SHARE": {"share": 0.8},
    "MX_SPLITTING": {"amount": 300_000, "days": 30},
    "MX_CONCENTRATION": {"hhi": 0.25},
}


def describe(code: str, lang: str | None = None, /, **values: object) -> str:
    """One line about indicator ``code``: its title and what raises it, with thresholds filled in.

    Values not given fall back to the indicator's defaults, so help texts can show them.
    """
    filled = {**_DEFAULTS.get(code, {}), **values}
    title = TEXT[f"{code}.title"].get(lang)
    return f"{title}: {TEXT[f'{code}.line'].format(lang, **filled)}"
