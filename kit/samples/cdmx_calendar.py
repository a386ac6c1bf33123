"""Which days people travel less: weekends, Mexico's official holidays, Holy Week and the year end.

One factor per day, shared by the ridership files and by the crimes that happen on transport, so
both dip on the same days (the exposure notebook divides one by the other).
"""

from __future__ import annotations

from datetime import date, timedelta

__all__ = ["HOLIDAYS", "MONTHS", "day_factor", "days", "is_holiday"]

MONTHS = (
    "Enero",
    "Febrero",
    "Marzo",
    "Abril",
    "Mayo",
    "Junio",
    "Julio",
    "Agosto",
    "Septiembre",
    "Octubre",
    "Noviembre",
    "Diciembre",
)
"""Month names as datos.cdmx.gob.mx writes them."""

_FIXED = ((1, 1), (5, 1), (9, 16), (11, 2), (12, 12), (12, 25))
_MOVABLE = {  # Constitution, Juárez, Revolution Mondays; Holy Thursday and Friday; others
    2021: ("2021-02-01", "2021-03-15", "2021-04-01", "2021-04-02", "2021-11-15"),
    2022: ("2022-02-07", "2022-03-21", "2022-04-14", "2022-04-15", "2022-11-21"),
    2023: ("2023-02-06", "2023-03-20", "2023-04-06", "2023-04-07", "2023-11-20"),
    2024: ("2024-02-05", "2024-03-18", "2024-03-28", "2024-03-29", "2024-11-18", "2024-10-01"),
}
HOLIDAYS = frozenset(
    {date(y, m, d) for y in _MOVABLE for m, d in _FIXED}
    | {date.fromisoformat(d) for found in _MOVABLE.values() for d in found}
)
"""Days of rest of 2021-2024 (federal holidays, Holy Thursday and Friday, 2 Nov, 12 Dec)."""
_HOLY_THURSDAY = {y: date.fromisoformat(found[2]) for y, found in _MOVABLE.items()}


def is_holiday(day: date) -> bool:
    """True on a day of rest of :data:`HOLIDAYS`."""
    return day in HOLIDAYS


def day_factor(day: date) -> float:
    """How many people travel on ``day`` compared with an ordinary weekday (1.0)."""
    factor = (1.0, 1.0, 1.0, 1.0, 1.0, 0.72, 0.5)[day.weekday()]
    if day in HOLIDAYS:
        factor = min(factor, 0.55)
    elif _slow_season(day):
        factor *= 0.8
    return factor


def _slow_season(day: date) -> bool:
    """The start of Holy Week, and 20 December to 6 January."""
    holy_week = 0 <= (_HOLY_THURSDAY[day.year] - day).days <= 3
    return holy_week or (day.month, day.day) >= (12, 20) or (day.month, day.day) <= (1, 6)


def days(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end``, both included."""
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]
