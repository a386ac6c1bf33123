"""Red flags in the JSON shape of Cardinal's ``indicators`` command, plus a table for people.

Cardinal (``open-contracting/cardinal-rs``) prints one JSON object whose keys are *groups*
(``OCID``, ``Buyer``, ``ProcuringEntity``, ``Tenderer``); each maps an identifier to the codes of
the indicators it raised and their values, e.g. ``{"OCID": {"ocds-1": {"R003": 1.0}}}``. Empty
groups are left out and, unless ``--no-meta``, a ``Meta`` key holds the quartiles and fences
used, rounded to 4 decimals. :func:`indicators_json` gives the same object, so tools written for
Cardinal read ours. The Mexican indicators go under a separate ``Extended`` key, only on request.
"""

from __future__ import annotations

import configparser
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import pandas as pd

from kit.errors import DataFormatError, SourceNotFoundError
from kit.i18n import messages
from kit.procurement import indicators as ind
from kit.procurement.indicators.catalog import CARDINAL_CODES

if TYPE_CHECKING:
    from kit.procurement.load import ProcurementData

__all__ = ["GROUPS", "Settings", "flag_table", "indicators_json"]

GROUPS = ("OCID", "Buyer", "ProcuringEntity", "Tenderer")
TABLES = ("tenders", "awards", "suppliers", "contracts", "items", "parties")

Results = dict[str, dict[str, dict[str, float]]]

MSG = messages(
    "indicators",
    {
        "settings.missing": (
            "No existe el archivo de configuración {path}. Crea uno con `ocdscardinal init` o "
            "usa las opciones de la línea de comandos.",
            "The settings file {path} does not exist. Create one with `ocdscardinal init` or "
            "use the command-line options.",
        ),
        "settings.invalid": (
            "no es un archivo de configuración de Cardinal ({error})",
            "is not a Cardinal settings file ({error})",
        ),
    },
)


@dataclass(frozen=True)
class Settings:
    """Which indicators to compute and with which thresholds (Cardinal's settings file, typed).

    ``indicators`` lists the Cardinal codes to run (Cardinal runs those with a section in its
    settings file). ``exclude_procurement_method_details`` is Cardinal's ``[exclusions]``. The
    ``extended`` fields configure the Mexican indicators, which only run when ``extended`` is true.
    """

    indicators: tuple[str, ...] = CARDINAL_CODES
    exclude_procurement_method_details: tuple[str, ...] = ()
    r003_threshold: int = 15
    r003_procurement_methods: tuple[str, ...] = ()
    r003_procurement_method_details: Mapping[str, int] = field(default_factory=dict)
    r018_procurement_methods: tuple[str, ...] = ("open", "selective")
    r048_digits: int = 2
    r048_threshold: int | None = None
    r048_minimum_contracting_processes: int = 20
    meta: bool = True
    extended: bool = False
    currency: str = "MXN"
    direct_share_threshold: float = 0.8
    splitting_threshold: float = 300_000
    splitting_window_days: float = 30
    splitting_min_awards: int = 2
    concentration_threshold: float = 0.25

    @classmethod
    def from_ini(cls, path: str | Path, **overrides: Any) -> Settings:
        """Read a Cardinal settings file (``ocdscardinal init``); ``overrides`` win over it.

        Indicators Cardinal has but the kit cannot compute (they need ``bids``, which Mexican
        publishers do not publish) are ignored.
        """
        parser = configparser.ConfigParser(inline_comment_prefixes=(";", "#"), strict=False)
        parser.optionxform = str  # type: ignore[assignment,method-assign]  # keep the case
        try:
            text = Path(path).read_text(encoding="utf-8")
        except FileNotFoundError as error:
            raise SourceNotFoundError(MSG["settings.missing"].format(path=path)) from error
        except (UnicodeDecodeError, IsADirectoryError) as error:
            raise DataFormatError(path, MSG["settings.invalid"].format(error=error)) from error
        try:
            parser.read_string("[top]\n" + text, str(path))
            values = _ini_values(parser)
        except (configparser.Error, ValueError) as error:
            raise DataFormatError(path, MSG["settings.invalid"].format(error=error)) from error
        return cls(**{**values, **overrides})


def _ini_values(parser: configparser.ConfigParser) -> dict[str, Any]:
    """The :class:`Settings` fields that a Cardinal settings file sets."""
    values: dict[str, Any] = {"indicators": tuple(c for c in CARDINAL_CODES if c in parser)}
    pipes = {
        ("exclusions", "procurement_method_details"): "exclude_procurement_method_details",
        ("R003", "procurement_methods"): "r003_procurement_methods",
        ("R018", "procurement_methods"): "r018_procurement_methods",
    }
    for (section, key), name in pipes.items():
        if parser.has_option(section, key):
            values[name] = tuple(v for v in parser.get(section, key).split("|") if v)
    numbers = {
        ("R003", "threshold"): "r003_threshold",
        ("R048", "digits"): "r048_digits",
        ("R048", "threshold"): "r048_threshold",
        ("R048", "minimum_contracting_processes"): "r048_minimum_contracting_processes",
    }
    for (section, key), name in numbers.items():
        if parser.has_option(section, key):
            values[name] = parser.getint(section, key)
    if parser.has_option("top", "currency"):
        values["currency"] = parser.get("top", "currency")
    if "R003.procurement_method_details" in parser:
        details = parser["R003.procurement_method_details"]
        values["r003_procurement_method_details"] = {k: int(v) for k, v in details.items()}
    return values


def indicators_json(
    data: ProcurementData | Any, settings: Settings | Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The red flags of ``data`` as Cardinal's ``indicators`` command prints them.

    R003 and R018 put ``1.0`` under ``OCID``; R048 puts the supplier's variety under
    ``Tenderer`` and its fence under ``Meta``. As in Cardinal, cancelled processes and those whose
    ``procurementMethodDetails`` is excluded are left out of every indicator. With
    ``settings.extended``, an ``Extended`` key adds the Mexican indicators (see
    :func:`extended_json`); without it, the object is exactly Cardinal's.
    """
    settings = settings if isinstance(settings, Settings) else Settings(**(settings or {}))
    data = _without_details(data, settings.exclude_procurement_method_details)
    results: Results = {}
    meta: dict[str, dict[str, float | None]] = {}
    if "R003" in settings.indicators:
        frame = ind.short_submission_period(
            data,
            threshold_days=settings.r003_threshold,
            procurement_methods=settings.r003_procurement_methods,
            procurement_method_details=settings.r003_procurement_method_details,
        )
        _put(results, "OCID", "R003", frame.loc[frame["flag"], "ocid"], 1.0)
    if "R018" in settings.indicators:
        frame = ind.single_bid(data, procurement_methods=settings.r018_procurement_methods)
        _put(results, "OCID", "R018", frame.loc[frame["flag"], "ocid"], 1.0)
    if "R048" in settings.indicators:
        frame = ind.heterogeneous_supplier(
            data,
            digits=settings.r048_digits,
            threshold=settings.r048_threshold,
            minimum_contracting_processes=settings.r048_minimum_contracting_processes,
        )
        flagged = frame.loc[frame["flag"]]
        _put(results, "Tenderer", "R048", flagged["supplier_id"], flagged["variety"])
        meta["R048"] = {key: _round(value) for key, value in frame.attrs["meta"].items()}
    out: dict[str, Any] = _ordered(results)
    if settings.meta:
        out["Meta"] = meta
    if settings.extended:
        out["Extended"] = extended_json(data, settings)
    return out


def extended_json(data: ProcurementData | Any, settings: Settings) -> dict[str, Any]:
    """The Mexican indicators in Cardinal's shape, for the ``Extended`` key.

    ``MX_DIRECT_SHARE`` (Buyer): share of direct processes. ``MX_SPLITTING``: ``1.0`` per
    process (OCID) in a split group, and the number of groups per buyer (Buyer).
    ``MX_CONCENTRATION`` (Buyer): the Herfindahl-Hirschman index of its awarded value.
    """
    results: Results = {}
    share = ind.direct_award_share(
        data, threshold=settings.direct_share_threshold, currency=settings.currency
    ).loc[lambda frame: frame["flag"]]
    _put(results, "Buyer", "MX_DIRECT_SHARE", share["buyer_id"], share["direct_share"])
    groups = ind.contract_splitting(
        data,
        threshold_amount=settings.splitting_threshold,
        window_days=settings.splitting_window_days,
        min_awards=settings.splitting_min_awards,
        currency=settings.currency,
    )
    _put(results, "OCID", "MX_SPLITTING", groups["ocids"].explode().dropna(), 1.0)
    per_buyer = groups.groupby("buyer_id").size()
    _put(results, "Buyer", "MX_SPLITTING", per_buyer.index, per_buyer.to_numpy())
    hhi = ind.supplier_concentration(
        data, threshold=settings.concentration_threshold, currency=settings.currency
    ).loc[lambda frame: frame["flag"]]
    _put(results, "Buyer", "MX_CONCENTRATION", hhi["buyer_id"], hhi["hhi"])
    out: dict[str, Any] = _ordered(results)
    if settings.meta:
        out["Meta"] = _extended_meta(settings)
    return out


def _extended_meta(settings: Settings) -> dict[str, dict[str, float | str]]:
    """The thresholds the Mexican indicators used (they have no computed fences)."""
    return {
        "MX_DIRECT_SHARE": {"threshold": settings.direct_share_threshold},
        "MX_SPLITTING": {
            "threshold": float(settings.splitting_threshold),
            "window_days": float(settings.splitting_window_days),
            "currency": settings.currency,
        },
        "MX_CONCENTRATION": {"threshold": settings.concentration_threshold},
    }


def flag_table(result: Mapping[str, Any], data: ProcurementData | Any) -> pd.DataFrame:
    """One row per flagged process, buyer or supplier of an :func:`indicators_json` result.

    Columns: ``group`` (Cardinal's group name), ``id``, ``name`` (title of the process, name of
    the buyer or supplier, when the tables have it) and ``indicators`` (``{code: value}``).
    Extended results are merged into the same rows.
    """
    names = _names(data)
    merged: dict[tuple[str, str], dict[str, float]] = {}
    for section in (result, result.get("Extended", {})):
        for group in GROUPS:
            for key, codes in section.get(group, {}).items():
                merged.setdefault((group, key), {}).update(codes)
    rows = [
        {"group": group, "id": key, "name": names.get(group, {}).get(key), "indicators": codes}
        for (group, key), codes in merged.items()
    ]
    order = {group: rank for rank, group in enumerate(GROUPS)}
    rows.sort(key=lambda row: (order[row["group"]], row["id"]))
    return pd.DataFrame(rows, columns=["group", "id", "name", "indicators"])


def _names(data: Any) -> dict[str, dict[str, str]]:
    """Human names per group: process titles, buyer names, supplier names."""

    def lookup(frame: pd.DataFrame, key: str, name: str) -> dict[str, str]:
        pairs = frame[[key, name]].dropna().drop_duplicates(key)
        return dict(zip(pairs[key].astype(str), pairs[name].astype(str), strict=True))

    return {
        "OCID": lookup(data.tenders, "ocid", "title"),
        "Buyer": lookup(data.tenders, "buyer_id", "buyer_name"),
        "Tenderer": lookup(data.suppliers, "supplier_id", "supplier_name"),
    }


def _put(results: Results, group: str, code: str, keys: Any, values: Any) -> None:
    """Record ``code`` = value for each key of ``group`` (values: one number or one per key)."""
    keys = list(keys)
    values = [values] * len(keys) if isinstance(values, int | float) else list(values)
    for key, value in zip(keys, values, strict=True):
        results.setdefault(group, {}).setdefault(str(key), {})[code] = float(value)


def _ordered(results: Results) -> dict[str, Any]:
    """Non-empty groups in Cardinal's order, identifiers sorted so that output is reproducible."""
    return {
        group: {key: results[group][key] for key in sorted(results[group])}
        for group in GROUPS
        if results.get(group)
    }


def _round(value: float) -> float | None:
    """Cardinal's rounding of ``Meta`` values: 4 decimals, halves away from zero, NaN as null."""
    if value is None or math.isnan(value):
        return None
    return math.copysign(math.floor(abs(value) * 10_000 + 0.5), value) / 10_000


def _without_details(data: Any, excluded: tuple[str, ...]) -> Any:
    """``data`` without the processes whose ``procurement_method_details`` is excluded."""
    if not excluded:
        return data
    details = data.tenders["procurement_method_details"]
    dropped = set(data.tenders.loc[details.isin(excluded).fillna(False).astype(bool), "ocid"])
    tables = {name: getattr(data, name) for name in TABLES}
    kept = {name: frame.loc[~frame["ocid"].isin(dropped)] for name, frame in tables.items()}
    return SimpleNamespace(**kept)
