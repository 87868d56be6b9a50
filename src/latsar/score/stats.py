"""Classical test theory on a 0/1 score matrix, vectorised with numpy.

`x` is participants × items (1 = correct); `shown` says which items each participant was given
(all of them except in parallel forms, where each version has its own items). Item indices are
computed over the participants shown the item. Variances are population variances (divide by
N), the form of the Indonesian KR-20 worked examples; with it KR-20 equals coefficient alpha.
Undefined values (no variance, too few items) are NaN, never an exception.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

OMIT = -1  # in a choices matrix: no answer
UNKNOWN = -2  # in a choices matrix: the input had only right/wrong, not the option


@dataclass(frozen=True)
class Reliability:
    kr20: float
    sem: float  # standard error of measurement, raw-score points: S_t × √(1 − r)
    mean: float
    sd: float  # population standard deviation of the total score
    n: int
    k: int


def _quiet(function):
    """Run numpy with 0/0 and x/0 giving NaN/inf silently: both mean "undefined" here."""
    @functools.wraps(function)
    def wrapped(*args, **kwargs):
        with np.errstate(divide="ignore", invalid="ignore"):
            return function(*args, **kwargs)
    return wrapped


@_quiet
def difficulty(x: np.ndarray, shown: np.ndarray) -> np.ndarray:
    """P = B / N per item: the proportion correct among those shown the item."""
    return (x * shown).sum(axis=0) / shown.sum(axis=0)


@_quiet
def point_biserial(x: np.ndarray, shown: np.ndarray, corrected: bool = True) -> np.ndarray:
    """Pearson correlation of each item with the total; `corrected` leaves the item itself out
    of the total (the rest score), so an item is not correlated with itself."""
    shown = shown.astype(float)
    total = (x * shown).sum(axis=1, keepdims=True)
    other = total - x if corrected else np.broadcast_to(total, x.shape)
    n = shown.sum(axis=0)
    mean_x = (x * shown).sum(axis=0) / n
    mean_o = (other * shown).sum(axis=0) / n
    dx, do = (x - mean_x) * shown, (other - mean_o) * shown
    covariance = (dx * do).sum(axis=0)
    r = covariance / np.sqrt((dx * dx).sum(axis=0) * (do * do).sum(axis=0))
    return np.where(np.isfinite(r), r, np.nan)


def group_weights(total: np.ndarray, fraction: float) -> tuple[np.ndarray, np.ndarray]:
    """Membership weights of the upper and lower groups, each of round(fraction × N) people.

    Participants tied at a group's boundary score share its remaining places equally, so the
    groups never depend on the order of rows in the input file.
    """
    n = len(total)
    size = max(1, min(n, math.floor(fraction * n + 0.5)))
    return _top(total, size), _top(-total, size)


def _top(score: np.ndarray, size: int) -> np.ndarray:
    if len(score) == 0:
        return np.zeros(0)
    boundary = np.sort(score)[::-1][size - 1]
    above = score > boundary
    at = score == boundary
    return above + at * ((size - above.sum()) / at.sum())


@_quiet
def upper_lower(x: np.ndarray, shown: np.ndarray, fraction: float) -> tuple[np.ndarray, np.ndarray]:
    """Proportion correct in the upper and in the lower group (Kelley), per item; D = PA − PB.

    Groups are formed on the total score; in parallel forms all versions have the same length,
    so totals are comparable, and each item counts only the group members shown it.
    """
    upper, lower = group_weights((x * shown).sum(axis=1), fraction)
    pa = (upper[:, None] * x * shown).sum(axis=0) / (upper[:, None] * shown).sum(axis=0)
    pb = (lower[:, None] * x * shown).sum(axis=0) / (lower[:, None] * shown).sum(axis=0)
    return pa, pb


@_quiet
def reliability(x: np.ndarray) -> Reliability:
    """KR-20 = k/(k−1) × (1 − Σpq / S_t²) on a complete matrix (every item shown to everyone)."""
    n, k = x.shape
    total = x.sum(axis=1)
    variance = float(total.var()) if n else math.nan
    p = x.mean(axis=0) if n else np.full(k, np.nan)
    r = k / (k - 1) * (1 - float((p * (1 - p)).sum()) / variance) if k > 1 and variance > 0 else math.nan
    sd = math.sqrt(variance) if n else math.nan
    sem = sd * math.sqrt(1 - r) if not math.isnan(r) and r <= 1 else math.nan
    return Reliability(r, sem, float(total.mean()) if n else math.nan, sd, n, k)


@_quiet
def alpha_if_deleted(x: np.ndarray) -> np.ndarray:
    """KR-20 of the other k − 1 items, for each item (complete matrix)."""
    n, k = x.shape
    if k < 3 or n == 0:
        return np.full(k, np.nan)
    total = x.sum(axis=1)
    p = x.mean(axis=0)
    pq = p * (1 - p)
    covariance = ((x - p) * (total - total.mean())[:, None]).mean(axis=0)
    rest_variance = total.var() + pq - 2 * covariance
    alpha = (k - 1) / (k - 2) * (1 - (pq.sum() - pq) / rest_variance)
    return np.where(rest_variance > 0, alpha, np.nan)


@_quiet
def option_shares(choices: np.ndarray, shown: np.ndarray, options: int,
                  weights: np.ndarray | None = None) -> np.ndarray:
    """items × (options + 1): share of (weighted) participants shown the item who chose each
    authored option; the last column is the share who gave no answer."""
    w = np.ones(len(choices)) if weights is None else weights
    base = (w[:, None] * shown).sum(axis=0)
    columns = [(w[:, None] * shown * (choices == o)).sum(axis=0) for o in range(options)]
    columns.append((w[:, None] * shown * (choices == OMIT)).sum(axis=0))
    return np.stack(columns, axis=1) / base[:, None]


def defined_mean(values) -> float:
    """The mean of the values that are defined (not NaN); NaN when none is."""
    found = [v for v in values if not math.isnan(v)]
    return sum(found) / len(found) if found else math.nan
