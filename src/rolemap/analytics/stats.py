"""The statistics behind every figure that claims something: intervals for a median and a share, the
tests for a change of share, and the false-discovery correction. Pure functions of counts and values.

- `median_interval`: the distribution-free 95% interval of a median from two order statistics (binomial
  ranks, exact up to 2,000 values, the normal approximation of the ranks beyond). It exists from 6 values.
- `wilson`: the Wilson score interval of a share (keeps inside 0–1 and behaves at 0 and n).
- `compare`: a change of share between two periods. The pooled two-proportion z-test when every expected
  count of the 2×2 table is at least 5 (Cochran's rule), Fisher's exact test otherwise; values seen fewer
  than `MIN_SIGNAL` times in both periods together, and periods of fewer than `MIN_PERIOD` postings, are
  not tested at all, so one posting can never make a change significant.
- `benjamini_hochberg`: q-values over the tests actually made.
"""

from __future__ import annotations

import math

import numpy as np

MIN_PERIOD = 20  # postings a period needs before any of its shares is tested
MIN_SIGNAL = 5  # times a value must be seen in the two periods together to be tested
MIN_EXPECTED = 5  # Cochran: the z-test when every expected count reaches this, Fisher's exact test below
MIN_FOR_HEADLINE = 10  # a median or share on a headline card needs this many figures, else "too few"
_EXACT_RANKS = 2000


def wilson(k: int, n: int, z: float = 1.959964) -> tuple[float, float] | None:
    """The Wilson score interval (95% by default) of the share k/n; None when n = 0."""
    if n <= 0:
        return None
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def median_rank(n: int, confidence: float = 0.95) -> int:
    """The largest j (1-based) with P(Binomial(n, ½) ≤ j − 1) ≤ (1 − confidence) / 2: the median's
    interval is then [x_(j), x_(n−j+1)] of the sorted values, covering at least `confidence`. 0 when no
    such interval exists (n ≤ 5 at 95%)."""
    tail = (1 - confidence) / 2
    if n > _EXACT_RANKS:
        return max(0, math.floor(n / 2 - 1.959964 * math.sqrt(n) / 2))
    total, cumulative, j = 2**n, 0, 0
    for k in range(n + 1):
        cumulative += math.comb(n, k)
        if cumulative / total > tail:
            break
        j = k + 1
    return j


def median_interval(values: np.ndarray, confidence: float = 0.95) -> tuple[float, float] | None:
    """The order-statistic interval of the median of `values` (any order; NaN-free)."""
    j = median_rank(int(values.size), confidence)
    if j < 1:
        return None
    ordered = np.sort(values)
    return float(ordered[j - 1]), float(ordered[values.size - j])


def two_proportion_p(x1: int, n1: int, x2: int, n2: int) -> float:
    """Two-sided p-value of the pooled two-proportion z-test."""
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 1.0
    z = (x1 / n1 - x2 / n2) / se
    return math.erfc(abs(z) / math.sqrt(2))


def fisher_p(x1: int, n1: int, x2: int, n2: int) -> float:
    """Two-sided p-value of Fisher's exact test on [[x1, n1 − x1], [x2, n2 − x2]]."""
    from scipy.stats import fisher_exact  # imported only when a small table needs it

    return float(fisher_exact([[x1, n1 - x1], [x2, n2 - x2]]).pvalue)


def compare(x1: int, n1: int, x2: int, n2: int) -> tuple[float | None, str]:
    """(p-value, test) for a value seen x1 times in n1 postings and x2 times in n2: test "z" or "exact",
    or (None, "") when the counts are too small for any test to mean something."""
    if min(n1, n2) < MIN_PERIOD or x1 + x2 < MIN_SIGNAL:
        return None, ""
    seen, total = x1 + x2, n1 + n2
    expected = (
        seen * n1 / total,
        (total - seen) * n1 / total,
        seen * n2 / total,
        (total - seen) * n2 / total,
    )
    if min(expected) >= MIN_EXPECTED:
        return two_proportion_p(x1, n1, x2, n2), "z"
    return fisher_p(x1, n1, x2, n2), "exact"


def benjamini_hochberg(p_values: list[float]) -> list[float]:
    """q-values: the smallest false-discovery rate at which each test would be called significant."""
    m = len(p_values)
    if not m:
        return []
    order = sorted(range(m), key=lambda i: p_values[i])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p_values[i] * m / rank)
        q[i] = running
    return q
