"""Victims relative to how many people travel, with the uncertainty said out loud.

- :func:`rate_per_million`: victims per million trips with an exact Poisson confidence interval
  (Garwood 1936: the chi-square / gamma quantiles, no normal approximation, right for small
  counts, 0 victims included);
- :func:`rank_with_uncertainty`: a ranking that says which places cannot be told apart (their
  intervals overlap the leader's or their neighbour's) instead of pretending rank 3 beats rank 4;
- :func:`nearest_station`: the closest station to each point (haversine, vectorised with numpy).

Reported crime is not incidence: a rate here is reported victims per trip, a signal to look
closer at a line or station, never proof that it is more dangerous.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

from kit.i18n import messages

__all__ = [
    "EARTH_RADIUS_M",
    "nearest_station",
    "poisson_interval",
    "rank_with_uncertainty",
    "rate_per_million",
]

EARTH_RADIUS_M = 6_371_008.8

MSG = messages(
    "cdmx.exposure",
    {
        "level": (
            "level debe estar entre 0 y 1 (por ejemplo 0.95), no {level!r}.",
            "level must be between 0 and 1 (for example 0.95), not {level!r}.",
        ),
        "negative": (
            "los conteos y los viajes no pueden ser negativos ni faltar.",
            "counts and trips cannot be negative or missing.",
        ),
        "columns": (
            "faltan las columnas {missing} en la tabla de estaciones (se esperan {expected}).",
            "the stations table lacks the columns {missing} (expected {expected}).",
        ),
    },
)


def _lower_gamma_regularized(a: float, x: float) -> float:
    """P(a, x), the regularised lower incomplete gamma (series or continued fraction)."""
    if x <= 0:
        return 0.0
    log_front = a * math.log(x) - x - math.lgamma(a)
    if x < a + 1:
        term = total = 1.0 / a
        n = a
        for _ in range(10_000):
            n += 1
            term *= x / n
            total += term
            if abs(term) < abs(total) * 1e-15:
                break
        return min(1.0, total * math.exp(log_front))
    tiny = 1e-300
    b, c, d = x + 1 - a, 1 / tiny, 1 / (x + 1 - a)
    h = d
    for i in range(1, 10_000):
        an = -i * (i - a)
        b += 2
        d = an * d + b
        d = tiny if abs(d) < tiny else d
        c = b + an / c
        c = tiny if abs(c) < tiny else c
        d = 1 / d
        step = d * c
        h *= step
        if abs(step - 1) < 1e-15:
            break
    return max(0.0, 1.0 - math.exp(log_front) * h)


def _gamma_quantile(p: float, shape: float) -> float:
    """The ``p`` quantile of Gamma(shape, 1), by bisection on the regularised gamma."""
    low, high = 0.0, max(1.0, shape)
    while _lower_gamma_regularized(shape, high) < p:
        high *= 2
    for _ in range(200):
        mid = (low + high) / 2
        if _lower_gamma_regularized(shape, mid) < p:
            low = mid
        else:
            high = mid
        if high - low <= 1e-12 * max(1.0, high):
            break
    return (low + high) / 2


def poisson_interval(count: int, level: float = 0.95) -> tuple[float, float]:
    """Exact (Garwood) interval for a Poisson mean after observing ``count`` events.

    ``low = chi2(alpha/2, 2k) / 2`` and ``high = chi2(1 - alpha/2, 2k + 2) / 2``, i.e. gamma
    quantiles; ``low = 0`` when ``count == 0``.
    """
    if not 0 < level < 1:
        raise ValueError(MSG["level"].format(level=level))
    if count < 0:
        raise ValueError(MSG["negative"].get())
    alpha = 1 - level
    low = 0.0 if count == 0 else _gamma_quantile(alpha / 2, count)
    return low, _gamma_quantile(1 - alpha / 2, count + 1)


def rate_per_million(
    count: int | Sequence[int] | pd.Series,
    trips: float | Sequence[float] | pd.Series,
    level: float = 0.95,
) -> pd.DataFrame:
    """Victims per million trips, with an exact Poisson interval, one row per pair.

    Args:
        count: victims (reported) in each place or period.
        trips: trips (ridership) in the same place and period.
        level: confidence level of the interval.

    Returns:
        Columns ``victimas``, ``viajes``, ``tasa`` (victims per million trips), ``ci_low``,
        ``ci_high`` (same unit), keeping the index of ``count`` when it is a Series.
    """
    index = count.index if isinstance(count, pd.Series) else None
    counts = np.atleast_1d(np.asarray(count, dtype=float))
    exposure = np.atleast_1d(np.asarray(trips, dtype=float))
    counts, exposure = np.broadcast_arrays(counts, exposure)
    if np.isnan(counts).any() or (counts < 0).any() or np.isnan(exposure).any():
        raise ValueError(MSG["negative"].get())
    if (exposure < 0).any():
        raise ValueError(MSG["negative"].get())
    bounds = [poisson_interval(int(k), level) for k in counts]
    per_million = np.where(exposure > 0, 1e6 / np.where(exposure > 0, exposure, 1), np.nan)
    frame = pd.DataFrame(
        {
            "victimas": counts.astype("int64"),
            "viajes": exposure,
            "tasa": counts * per_million,
            "ci_low": np.array([low for low, _ in bounds]) * per_million,
            "ci_high": np.array([high for _, high in bounds]) * per_million,
        },
        index=index,
    )
    return frame


def rank_with_uncertainty(rates: pd.DataFrame, by: str = "tasa") -> pd.DataFrame:
    """Rank places by rate, saying which differences the data cannot support.

    Args:
        rates: a table from :func:`rate_per_million` (index = the places).
        by: the column to rank on.

    Returns:
        ``rates`` sorted from the highest rate, plus ``rango`` (1 = highest), ``rango_min`` and
        ``rango_max`` (the best and worst rank compatible with the intervals: a place can be no
        better than one plus the places whose lower bound is above its upper bound, and so on),
        ``empata_con_anterior`` (its interval overlaps the previous place's) and
        ``distinguible_del_primero`` (its interval does not overlap the first place's).
    """
    ranked = rates.sort_values(by, ascending=False, kind="stable").copy()
    low = ranked["ci_low"].to_numpy()
    high = ranked["ci_high"].to_numpy()
    surely_above = (low[None, :] > high[:, None]).sum(axis=1)
    surely_below = (high[None, :] < low[:, None]).sum(axis=1)
    ranked["rango"] = np.arange(1, len(ranked) + 1)
    ranked["rango_min"] = surely_above + 1
    ranked["rango_max"] = len(ranked) - surely_below
    previous_low = np.concatenate([[np.inf], low[:-1]])
    ranked["empata_con_anterior"] = high >= previous_low
    ranked.iloc[0, ranked.columns.get_loc("empata_con_anterior")] = False
    ranked["distinguible_del_primero"] = high < low[0] if len(ranked) else []
    return ranked


def nearest_station(
    lat: float | Sequence[float] | pd.Series,
    lon: float | Sequence[float] | pd.Series,
    stations: pd.DataFrame,
    max_m: float | None = 500.0,
) -> pd.DataFrame:
    """The closest station to each point, and how far it is (great-circle distance in metres).

    Args:
        lat, lon: the points (e.g. the ``latitud``/``longitud`` of victims), NaN allowed.
        stations: a table with ``lat``, ``lon`` and ``estacion`` (``linea`` and ``clave_estacion``
            are carried when present), e.g. :func:`kit.cdmx.stations.read_stations`.
        max_m: farther than this the point has no station (missing); None: always the closest.

    Returns:
        One row per point (index of ``lat`` when it is a Series): ``estacion``, ``linea``,
        ``clave_estacion`` and ``distancia_m``; missing where the point has no coordinates or
        no station within ``max_m``.
    """
    missing = [name for name in ("lat", "lon", "estacion") if name not in stations]
    if missing:
        raise ValueError(
            MSG["columns"].format(missing=", ".join(missing), expected="lat, lon, estacion")
        )
    index = lat.index if isinstance(lat, pd.Series) else None
    y = np.radians(np.atleast_1d(np.asarray(lat, dtype=float)))[:, None]
    x = np.radians(np.atleast_1d(np.asarray(lon, dtype=float)))[:, None]
    sy = np.radians(stations["lat"].to_numpy(dtype=float))[None, :]
    sx = np.radians(stations["lon"].to_numpy(dtype=float))[None, :]
    out = pd.DataFrame(index=index if index is not None else range(y.shape[0]))
    carried = [name for name in ("estacion", "linea", "clave_estacion") if name in stations]
    if len(stations) == 0:
        for name in carried:
            out[name] = pd.Series([None] * len(out), index=out.index, dtype="str")
        out["distancia_m"] = np.nan
        return out
    best = np.zeros(y.shape[0], dtype=int)
    distance = np.full(y.shape[0], np.nan)
    for start in range(0, y.shape[0], 4096):
        part = slice(start, start + 4096)
        a = (
            np.sin((sy - y[part]) / 2) ** 2
            + np.cos(y[part]) * np.cos(sy) * np.sin((sx - x[part]) / 2) ** 2
        )
        meters = 2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0, 1)))
        valid = ~np.isnan(meters).all(axis=1)
        best[part] = np.where(valid, np.nanargmin(np.where(np.isnan(meters), np.inf, meters), 1), 0)
        distance[part] = np.where(
            valid, np.nanmin(np.where(np.isnan(meters), np.inf, meters), 1), np.nan
        )
    found = ~np.isnan(distance)
    if max_m is not None:
        found &= distance <= max_m
    for name in carried:
        values = stations[name].to_numpy(dtype=object)[best]
        out[name] = pd.Series(np.where(found, values, None), index=out.index, dtype="str")
    out["distancia_m"] = np.where(found, distance, np.nan)
    return out
