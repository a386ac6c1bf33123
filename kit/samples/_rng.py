"""One seeded stream of random choices that gives the same bytes on every Python and platform.

Only :meth:`random.Random.random` is guaranteed by Python to repeat across versions, so every
draw here is built from it (``choice``, ``sample`` and ``gauss`` may change between releases).
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import TypeVar

__all__ = ["Draw"]

T = TypeVar("T")


class Draw:
    """The random choices of one generator run, from one seed."""

    def __init__(self, seed: int) -> None:
        self._random = random.Random(seed).random

    def uniform(self, low: float = 0.0, high: float = 1.0) -> float:
        """A float in ``[low, high)``."""
        return low + (high - low) * self._random()

    def integer(self, low: int, high: int) -> int:
        """An integer between ``low`` and ``high``, both included."""
        return low + int(self._random() * (high - low + 1))

    def chance(self, probability: float) -> bool:
        """True with the given probability."""
        return self._random() < probability

    def choice(self, items: Sequence[T]) -> T:
        """One of ``items``, all equally likely."""
        return items[int(self._random() * len(items))]

    def weighted(self, items: Sequence[T], weights: Sequence[float]) -> T:
        """One of ``items``, each as likely as its weight."""
        point = self._random() * sum(weights)
        for item, weight in zip(items, weights, strict=True):
            point -= weight
            if point < 0:
                return item
        return items[-1]

    def shuffled(self, items: Sequence[T]) -> list[T]:
        """A shuffled copy (Fisher-Yates)."""
        out = list(items)
        for i in range(len(out) - 1, 0, -1):
            j = int(self._random() * (i + 1))
            out[i], out[j] = out[j], out[i]
        return out

    def sample(self, items: Sequence[T], k: int) -> list[T]:
        """``k`` distinct items in random order (all of them when there are fewer)."""
        return self.shuffled(items)[:k]

    def normal(self, mean: float = 0.0, sd: float = 1.0) -> float:
        """A normal draw by Box-Muller."""
        radius = math.sqrt(-2.0 * math.log(1.0 - self._random()))
        return mean + sd * radius * math.cos(2.0 * math.pi * self._random())

    def lognormal(self, median: float, sigma: float, limit: float | None = None) -> float:
        """A heavy-tailed positive amount around ``median``, within ``limit`` sigmas if given."""
        z = self.normal()
        if limit is not None:
            z = max(-limit, min(limit, z))
        return median * math.exp(sigma * z)
