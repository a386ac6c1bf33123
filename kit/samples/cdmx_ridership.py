"""Daily ridership of the sample's five systems, 2023-2024, in the layouts datos.cdmx.gob.mx uses.

Metro by station and payment type; Metrobús by line (broken down by payment and simple);
Trolebús and Cablebús by line and payment; Tren Ligero by payment only (one line, no ``linea``
column). Each day's count is the station's or line's usual weekday figure times the calendar's
:func:`~kit.samples.cdmx_calendar.day_factor`, a small growth in 2024 and a few percent of noise.
The published quirks come in moderation: lower-case line labels in the 2023 rows of the Metrobús
simple file and in May 2024 of the Trolebús file (``linea_ 1``), a few literal ``NaN``, and
station names double-encoded (``Ã¡`` for ``á``) in July 2024 of the Metro file.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any

from kit.samples._rng import Draw
from kit.samples.cdmx_calendar import MONTHS, day_factor, days
from kit.samples.cdmx_network import Station

__all__ = ["FILE_NAMES", "LINE_RIDERS", "ridership_files"]

START, END = date(2023, 1, 1), date(2024, 12, 31)
FILE_NAMES = {
    "Metro": "afluenciastc_desglosado_12_2024.csv",
    "Metrobús": "afluenciamb_desglosado_12_2024.csv",
    "Metrobús simple": "afluenciamb_simple_12_2024.csv",
    "Trolebús": "afluencia_desglosada_trolebus_12_2024.csv",
    "Cablebús": "afluencia_desglosada_cb_12_2024.csv",
    "Tren Ligero": "afluencia_desglosada_tl_12_2024.csv",
}
LINE_RIDERS = {
    "Metrobús": {"1": 405_000, "2": 212_000, "3": 168_000},
    "Trolebús": {"1": 56_000, "2": 31_000},
    "Cablebús": {"1": 54_000, "2": 63_000},
    "Tren Ligero": {"TL": 81_000},
}
"""Usual weekday trips of each line outside the Metro."""
_FREE_SHARE = {"Metro": 0.17, "Metrobús": 0.10, "Trolebús": 0.32, "Cablebús": 0.08}
_FREE_SHARE["Tren Ligero"] = 0.11
_MOJIBAKE_MONTH = (2024, 7)
_TROLEBUS_ODD_MONTH = (2024, 5)


def _total(draw: Draw, usual: float, day: date) -> float:
    growth = 1.03 if day.year == 2024 else 1.0
    return usual * day_factor(day) * growth * (1 + 0.04 * max(-2.5, min(2.5, draw.normal())))


def _ticket_share(day: date) -> float:
    """Paper tickets give way to the card: 30 % of paid trips early in 2023, 10 % by 2025."""
    return 0.30 - 0.20 * (day - START).days / (END - START).days


def _split(draw: Draw, system: str, total: float, day: date, ticket: bool) -> list[int]:
    free = total * _FREE_SHARE[system] * (1 + 0.05 * draw.normal())
    paid = total - free
    if not ticket:
        return [round(paid), round(free)]
    boleto = paid * _ticket_share(day)
    return [round(boleto), round(paid - boleto), round(free)]


def _date_cells(day: date, simple: bool = False) -> str:
    month = MONTHS[day.month - 1]
    return f"{day},{day.year},{month}" if simple else f"{day},{month},{day.year}"


def _mojibake(name: str) -> str:
    """UTF-8 read as Latin-1, when Latin-1 and Windows-1252 agree (a repairable mix-up)."""
    broken = name.encode("utf-8").decode("latin-1")
    return broken if broken == name.encode("utf-8").decode("cp1252", "replace") else name


def metro(draw: Draw, stations: list[Station]) -> tuple[bytes, dict[str, Any]]:
    """``afluenciastc_desglosado``: one row per day, station and payment type."""
    lines = ["fecha,mes,anio,linea,estacion,tipo_pago,afluencia"]
    nan_at = {(date(2023, 8, d), "STC0106") for d in (14, 15, 16)}
    broken = 0
    for day in days(START, END):
        cells = _date_cells(day)
        odd = (day.year, day.month) == _MOJIBAKE_MONTH
        for s in stations:
            name = _mojibake(s.name) if odd else s.name
            broken += 3 * (name != s.name)
            counts = _split(draw, "Metro", _total(draw, s.riders, day), day, ticket=True)
            values = ["NaN"] * 3 if (day, s.clave) in nan_at else counts
            for kind, value in zip(("Boleto", "Prepago", "Gratuidad"), values, strict=True):
                lines.append(f"{cells},Linea {s.line},{name},{kind},{value}")
    facts = {
        "rows": len(lines) - 1,
        "nan_rows": 3 * len(nan_at),
        "double_encoded_rows": broken,
        "double_encoded_month": "2024-07",
        "line_label": "Linea 1 (no accent)",
    }
    return ("\n".join(lines) + "\n").encode("utf-8"), facts


def by_line(draw: Draw, system: str) -> tuple[dict[str, bytes], dict[str, Any]]:
    """Metrobús (two files), Trolebús, Cablebús and Tren Ligero, by line and payment type."""
    ticket = system == "Trolebús"
    kinds = ("Boleto", "Prepago", "Gratuidad") if ticket else ("Prepago", "Gratuidad")
    with_line = system != "Tren Ligero"
    head = "fecha,mes,anio,linea,tipo_pago,afluencia" if with_line else "fecha,mes,anio,tipo_pago,"
    rows, simple, odd = [head if with_line else head + "afluencia"], [], Counter()
    for day in days(START, END):
        for line, usual in LINE_RIDERS[system].items():
            counts = _split(draw, system, _total(draw, usual, day), day, ticket)
            label = f"Línea {line}"
            if system == "Trolebús" and (day.year, day.month) == _TROLEBUS_ODD_MONTH:
                label = f"linea_ {line}"
                odd[label] += len(kinds)
            prefix = f"{_date_cells(day)},{label}," if with_line else f"{_date_cells(day)},"
            rows += [f"{prefix}{k},{v}" for k, v in zip(kinds, counts, strict=True)]
            simple.append((day, line, sum(counts)))
    files = {FILE_NAMES[system]: ("\n".join(rows) + "\n").encode("utf-8")}
    facts: dict[str, Any] = {"rows": len(rows) - 1, "odd_line_labels": dict(odd)}
    if system == "Metrobús":
        files[FILE_NAMES["Metrobús simple"]], facts["simple"] = _metrobus_simple(simple)
    return files, facts


def _metrobus_simple(totals: list[tuple[date, str, int]]) -> tuple[bytes, dict[str, Any]]:
    """``afluenciamb_simple``: the day's total by line; 2023 written ``linea 1``; a few NaN."""
    nan_at = {(date(2024, 2, 12), "3"), (date(2024, 2, 13), "3"), (date(2024, 9, 2), "2")}
    rows = ["fecha,anio,mes,linea,afluencia"]
    for day, line, total in totals:
        label = f"linea {line}" if day.year == 2023 else f"Línea {line}"
        value = "NaN" if (day, line) in nan_at else total
        rows.append(f"{_date_cells(day, simple=True)},{label},{value}")
    facts = {
        "rows": len(rows) - 1,
        "nan_rows": len(nan_at),
        "lower_case_label_rows": sum(day.year == 2023 for day, _, _ in totals),
        "note": "equals the sum of the desglosado file's payment types, except the NaN rows",
    }
    return ("\n".join(rows) + "\n").encode("utf-8"), facts


def ridership_files(draw: Draw, stations: list[Station]) -> tuple[dict[str, bytes], dict]:
    """Every ridership file (by name) and the facts about each."""
    content, facts = metro(draw, stations)
    files, all_facts = {FILE_NAMES["Metro"]: content}, {"Metro": facts}
    for system in LINE_RIDERS:
        found, facts = by_line(draw, system)
        files.update(found)
        all_facts[system] = facts
    return files, all_facts
