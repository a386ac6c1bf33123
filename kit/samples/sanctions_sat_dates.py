"""The SAT's global *oficios* of the 69-B list and the dates they were published.

The SAT announces presumed, disproved, definitive and favourable-ruling taxpayers in batches: one
global *oficio* (``500-05-2017-16004 de fecha 24 de abril de 2017``) lists many taxpayers, is
published on the SAT's page and, days or weeks later, in the DOF. Every row of a batch repeats
the oficio's text and dates, quirks included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kit.samples._rng import Draw

__all__ = ["EXCEL_EPOCH", "MONTHS", "Oficio", "Stage", "cell", "odd_cell"]

MONTHS = (
    *("enero", "febrero", "marzo", "abril", "mayo", "junio"),
    *("julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"),
)
EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True)
class Oficio:
    """One global oficio: its text as the list writes it, and its two publication dates."""

    text: str
    sat: date
    dof: date


class Stage:
    """The oficios of one stage (presunción, desvirtuados, definitivos, sentencia favorable)."""

    def __init__(self, draw: Draw, first: date, last: date, gap: tuple[int, int]) -> None:
        self.oficios: list[Oficio] = []
        day, number = first, draw.integer(1000, 4000)
        while True:
            day += timedelta(days=draw.integer(*gap))
            if day.year != (self.oficios[-1].sat.year if self.oficios else day.year):
                number = draw.integer(1000, 4000)
            number += draw.integer(40, 900)
            sat = day + timedelta(days=draw.integer(0, 3))
            dof = sat + timedelta(days=draw.integer(5, 35))
            if dof > last:
                return
            self.oficios.append(Oficio(_text(draw, day, number), sat, dof))

    def at_or_after(self, day: date) -> Oficio | None:
        """The first oficio signed on or after ``day`` (None when there is none yet)."""
        return next((o for o in self.oficios if o.sat >= day), None)

    def between(self, draw: Draw, first: date, last: date) -> Oficio:
        """A random oficio published between two dates."""
        return draw.choice([o for o in self.oficios if first <= o.sat and o.dof <= last])


def _text(draw: Draw, day: date, number: int) -> str:
    """``500-05-2017-16004 de fecha 24 de abril de 2017``, now and then with stray spaces."""
    shown = f"{day.day:02d}" if draw.chance(0.7) else str(day.day)
    text = f"500-05-{day.year}-{number} de fecha {shown} de {MONTHS[day.month - 1]} de {day.year}"
    quirk = draw.uniform()
    if quirk < 0.04:
        return text + " "
    if quirk < 0.06:
        return text.replace(" de fecha", "  de fecha")
    if quirk < 0.07:
        return text.replace("de fecha", "de  fecha")
    return text


def cell(day: date) -> str:
    """A publication date as the list writes it: ``24/04/2017``."""
    return f"{day:%d/%m/%Y}"


def odd_cell(draw: Draw, day: date, last: date) -> tuple[str, str]:
    """A publication cell holding two dates (a later publication first), and its format name."""
    later = day + timedelta(days=draw.integer(200, 900))
    later = later if later < last else day + (last - day) / 2
    shape = draw.integer(0, 3)
    if shape == 0:
        return f"{cell(later)} - {cell(day)}", "two_dates"
    if shape == 1:
        return f"{later:%d-%m-%y} // {cell(day)}", "two_dates_two_digit_year"
    if shape == 2:
        return f"{later:%d/%m/%y} - {cell(day)}", "two_dates_two_digit_year"
    return f"{cell(later)} // {cell(day)}", "two_dates"
