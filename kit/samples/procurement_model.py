"""The plan of the procurement sample: processes as plain objects before they become OCDS JSON.

The generator first decides *what happens* (who buys what from whom, when, how, for how much),
then plants the red flags by editing that plan, and only at the end writes releases. Keeping the
plan separate from the JSON is what lets the planted truth be exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from kit.samples._rng import Draw
from kit.samples.cucop import FAMILIES, Item
from kit.samples.procurement_parties import Party, Roster

__all__ = ["COMPETITIVE", "Params", "Process", "World", "by_amount", "random_start", "set_amount"]

COMPETITIVE = ("open", "selective")


@dataclass(frozen=True)
class Params:
    """Every knob of the generator (the defaults live in :mod:`kit.samples.procurement`)."""

    n_processes: int
    n_suppliers: int
    ocid_prefix: str
    first_day: datetime
    last_day: datetime
    threshold: float
    split_band: float
    split_window_days: int
    split_cases: tuple[tuple[str, int], ...]
    tender_days: dict[str, tuple[int, int]]
    short_days: tuple[int, int]
    short_share: float
    short_focus_share: float
    short_buyers: tuple[str, ...]
    single_bid_share: float
    single_bid_focus_rate: float
    single_bid_buyers: tuple[str, ...]
    direct_share: tuple[float, float]
    high_direct_share: tuple[float, float]
    high_direct_buyers: tuple[str, ...]
    concentrated_buyers: tuple[str, ...]
    dominant_share: float
    typical_hhi_cap: float
    heterogeneous_families: int
    two_release_share: float
    missing_tenderers_share: float
    missing_currency_share: float
    end_before_start: int
    generic_awards: int


@dataclass
class Process:
    """One contracting process as planned: one buyer, one winner, items of one CUCOP family."""

    buyer: int
    method: str  # open, selective or direct
    family: str
    start: datetime
    supplier: int = -1
    bidders: int = 1
    period_days: int | None = None
    rationale: str | None = None
    ratio: float = 1.0  # awarded value / estimated tender value
    items: list[tuple[Item, int, float]] = field(default_factory=list)  # item, quantity, price
    releases: int = 1
    flags: set[str] = field(default_factory=set)
    tenderers: list[int] = field(default_factory=list)
    dates: dict[str, datetime] = field(default_factory=dict)  # award, signed, published, ...
    ocid: str = ""
    tender_id: str = ""

    @property
    def amount(self) -> float:
        """The awarded value in MXN (sum of quantity times unit price)."""
        return round(sum(quantity * price for _, quantity, price in self.items), 2)

    @property
    def competitive(self) -> bool:
        """Open or selective: suppliers compete."""
        return self.method in COMPETITIVE

    @property
    def tender_end(self) -> datetime:
        """Deadline for tenders (for direct awards, the same day)."""
        return self.start + timedelta(days=self.period_days or 0, hours=5)


@dataclass
class World:
    """Everything one run of the generator works on."""

    params: Params
    draw: Draw
    buyers: list[Party]
    roster: Roster
    processes: list[Process] = field(default_factory=list)
    _pools: dict[str, list[int]] = field(default_factory=dict)

    def buyer(self, code: str) -> int:
        """Index of the buyer with this short code."""
        return next(i for i, b in enumerate(self.buyers) if b.code == code)

    def pool(self, family: str) -> list[int]:
        """Suppliers that sell ``family`` in open competition (generic-RFC people excluded)."""
        if family not in self._pools:
            generic = set(self.roster.generic)
            self._pools[family] = [
                i
                for i, s in enumerate(self.roster.suppliers)
                if family in s.families and i not in generic
            ]
        return self._pools[family]

    def of_buyer(self, code: str) -> list[Process]:
        """Processes of the buyer with this short code."""
        index = self.buyer(code)
        return [p for p in self.processes if p.buyer == index]


def set_amount(process: Process, target: float, draw: Draw) -> None:
    """Split ``target`` MXN into 1-3 catalogue items of the process's family."""
    items = FAMILIES[process.family].items
    count = 1 if target < 60_000 else draw.integer(1, min(3, len(items)))
    chosen = draw.sample(items, count)
    weights = [draw.uniform(0.3, 1.0) for _ in chosen]
    lines = []
    for item, weight in zip(chosen, weights, strict=True):
        subtotal = target * weight / sum(weights)
        quantity = 1
        if item.unit not in ("Obra", "Servicio"):
            quantity = max(1, round(subtotal / (item.price * draw.uniform(0.8, 1.25))))
        lines.append((item, quantity, round(subtotal / quantity, 2)))
    process.items = lines


def by_amount(works: bool) -> str:
    """The legal ground of a direct award below the threshold."""
    law = "Artículo 43 de la LOPSRM" if works else "Artículo 42 de la LAASSP"
    return f"{law}: monto inferior al máximo de adjudicación directa"


def random_start(
    world: World, earliest: datetime | None = None, days: int | None = None
) -> datetime:
    """A working-day hour between ``earliest`` (default: the first day) and ``days`` later."""
    draw, params = world.draw, world.params
    first = earliest or params.first_day
    span = days if days is not None else (params.last_day - first).days
    day = first.replace(hour=9, minute=0) + timedelta(days=draw.integer(0, span))
    if day.weekday() >= 5:
        day += timedelta(days=7 - day.weekday())
    return day.replace(hour=draw.integer(9, 17), minute=draw.choice((0, 15, 30, 45)))
