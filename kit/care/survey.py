"""Weighted estimates from a survey: means, shares and gaps with standard errors and intervals.

**Why weights.** Each respondent stands for ``factor`` people. Groups sampled more often than
their size (women in some strata, small states) weigh less each; an unweighted mean answers a
question about the sample, not about the population.

**Variance method.** The weighted mean ``ȳ = Σ wᵢyᵢ / Σ wᵢ`` is a ratio estimator. Its variance
is estimated by Taylor linearisation: with ``zᵢ = wᵢ(yᵢ − ȳ) / Σ w``,
``var(ȳ) ≈ n/(n−1) · Σ zᵢ²``. This treats respondents as drawn independently *with
replacement*, with no strata nor clusters: the files read here carry no design variables (ENUT's
UPM and strata are not in the derived table). Clustered designs usually have larger variances,
so these standard errors are a lower bound; with the design variables use a design-based tool.
Intervals are normal: ``ȳ ± z·se``. A gap between two groups adds their variances (independent
samples under the same approximation).
"""

from __future__ import annotations

from collections.abc import Sequence
from statistics import NormalDist

import numpy as np
import pandas as pd

from kit.i18n import messages

__all__ = ["design_effect", "effective_n", "gap", "weighted_mean", "weighted_share"]

MSG = messages(
    "care.survey",
    {
        "groups": (
            "gap compara dos grupos de {by!r}; encontré {found}. Indica cuáles con groups=(a, b).",
            "gap compares two groups of {by!r}; found {found}. Say which with groups=(a, b).",
        ),
        "weights": (
            "los pesos de {weight!r} deben ser números positivos; hay {bad} que no lo son.",
            "the weights in {weight!r} must be positive numbers; {bad} are not.",
        ),
    },
)
_OUT = ("estimate", "se", "ci_low", "ci_high", "n", "population")


def _one(values: np.ndarray, weights: np.ndarray, z: float) -> dict[str, float]:
    n = len(values)
    total = weights.sum()
    mean = float((weights * values).sum() / total)
    scores = weights * (values - mean) / total
    se = float(np.sqrt(n / (n - 1) * (scores**2).sum())) if n > 1 else float("nan")
    return dict(
        estimate=mean,
        se=se,
        ci_low=mean - z * se,
        ci_high=mean + z * se,
        n=n,
        population=float(total),
    )


def _check(frame: pd.DataFrame, weight: str) -> None:
    w = pd.to_numeric(frame[weight], errors="coerce")
    bad = int((w.isna() | (w <= 0)).sum())
    if bad:
        raise ValueError(MSG["weights"].format(weight=weight, bad=bad))


def weighted_mean(
    frame: pd.DataFrame,
    value: str,
    weight: str = "factor",
    by: str | Sequence[str] | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Weighted mean of ``value`` (per group of ``by``) with se and a ``level`` interval.

    Returns a tidy DataFrame: the ``by`` columns, ``estimate``, ``se``, ``ci_low``, ``ci_high``,
    ``n`` (unweighted cases) and ``population`` (sum of weights). Method: module docstring.
    """
    _check(frame, weight)
    z = NormalDist().inv_cdf(0.5 + level / 2)
    keys = [by] if isinstance(by, str) else list(by or [])
    data = frame.dropna(subset=[value])
    if not keys:
        row = _one(_floats(data[value]), _floats(data[weight]), z)
        return pd.DataFrame([row], columns=list(_OUT))
    rows = []
    for key, group in data.groupby(keys, observed=True, sort=True):
        key = key if isinstance(key, tuple) else (key,)
        stats = _one(_floats(group[value]), _floats(group[weight]), z)
        rows.append({**dict(zip(keys, key, strict=True)), **stats})
    return pd.DataFrame(rows, columns=[*keys, *_OUT])


def weighted_share(
    frame: pd.DataFrame,
    condition: str | pd.Series,
    weight: str = "factor",
    by: str | Sequence[str] | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Weighted share of rows meeting ``condition`` (a boolean column name or Series)."""
    flag = frame[condition] if isinstance(condition, str) else condition
    data = frame.assign(_condicion=flag.astype(float))
    return weighted_mean(data, "_condicion", weight=weight, by=by, level=level)


def gap(
    frame: pd.DataFrame,
    value: str,
    by: str = "sexo",
    weight: str = "factor",
    groups: tuple[object, object] | None = None,
    level: float = 0.95,
) -> pd.DataFrame:
    """Difference of weighted means ``groups[0] − groups[1]`` of ``value`` between groups of ``by``.

    Default groups: ``("Mujer", "Hombre")`` when ``by == "sexo"``. Returns one row: ``grupo_a``,
    ``grupo_b``, ``estimate``, ``se`` (sqrt of the sum of the two variances), ``ci_low``,
    ``ci_high``, ``n`` and ``population`` (both groups).
    """
    means = weighted_mean(frame, value, weight=weight, by=by, level=level).set_index(by)
    if groups is None:
        found = list(means.index)
        if by == "sexo" and {"Mujer", "Hombre"} <= set(found):
            groups = ("Mujer", "Hombre")
        elif len(found) == 2:
            groups = (found[0], found[1])
        else:
            raise ValueError(MSG["groups"].format(by=by, found=found))
    a, b = means.loc[groups[0]], means.loc[groups[1]]
    z = NormalDist().inv_cdf(0.5 + level / 2)
    estimate = float(a["estimate"] - b["estimate"])
    se = float(np.hypot(a["se"], b["se"]))
    row = dict(
        grupo_a=groups[0],
        grupo_b=groups[1],
        estimate=estimate,
        se=se,
        ci_low=estimate - z * se,
        ci_high=estimate + z * se,
        n=int(a["n"] + b["n"]),
        population=float(a["population"] + b["population"]),
    )
    return pd.DataFrame([row])


def effective_n(weights: pd.Series | np.ndarray) -> float:
    """Kish's effective sample size ``(Σw)² / Σw²``: how many equal-weight cases it is worth."""
    w = _floats(pd.Series(weights))
    return float(w.sum() ** 2 / (w**2).sum())


def design_effect(weights: pd.Series | np.ndarray) -> float:
    """Kish's design effect of unequal weighting, ``n / effective_n`` (1 = equal weights)."""
    return len(weights) / effective_n(weights)


def _floats(values: pd.Series) -> np.ndarray:
    return pd.to_numeric(values).astype("float64").to_numpy()
