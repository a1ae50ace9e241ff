"""The market over time: each value's share of postings per month or quarter, and what rose or fell between
two periods, tested for significance (two-proportion z-test, Benjamini-Hochberg false-discovery rate)."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import numpy as np

from rolemap.analytics.frame import MarketFrame
from rolemap.analytics.lane import Lane, select
from rolemap.errors import InputError

DIMENSIONS = (
    "family",
    "language",
    "skill",
    "seniority",
    "system_type",
    "work_model",
    "employment_type",
    "country",
)
MIN_COUNT = 5  # a value seen fewer times in either period is flagged: its test means little


def period_index(frame: MarketFrame, every: str) -> tuple[np.ndarray, list[str]]:
    """Each row's period number (-1 without a date) and the periods' names, oldest first."""
    if every not in ("month", "quarter"):
        raise InputError(f"--every {every!r}: use month or quarter")
    posted = frame.table.column("posted").to_numpy(zero_copy_only=False).astype("datetime64[M]")
    known = ~np.isnat(posted)
    months = np.where(known, posted.astype("int64"), -1)  # months since 1970-01
    step = 3 if every == "quarter" else 1
    buckets = np.where(known, months // step, -1)
    if not known.any():
        return buckets, []
    first, last = int(buckets[known].min()), int(buckets[known].max())
    names = [_name(b, step) for b in range(first, last + 1)]
    return np.where(known, buckets - first, -1), names


def _name(bucket: int, step: int) -> str:
    month = bucket * step
    year, m = 1970 + month // 12, month % 12
    return f"{year}Q{m // 3 + 1}" if step == 3 else f"{year}-{m + 1:02d}"


def _membership(frame: MarketFrame, dimension: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(row, value code, vocabulary) pairs for any dimension, single- or multi-valued."""
    if dimension in frame.pairs:
        p = frame.pairs[dimension]
        return p.row, p.code, p.vocab
    codes, vocab = frame.codes(dimension)
    rows = np.flatnonzero(codes >= 0).astype(np.int32)
    return rows, codes[rows], vocab


@dataclass(frozen=True)
class Trend:
    dimension: str
    value: str
    counts: list[int]
    shares: list[float]


@dataclass(frozen=True)
class Trends:
    lane: str
    every: str
    periods: list[str]
    totals: list[int]
    series: list[Trend]
    message: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def trends(frame: MarketFrame, lane: Lane, every: str = "quarter", top: int = 8) -> Trends:
    """For each dimension, its `top` values (by postings in the lane): share of postings per period."""
    mask = select(frame, lane)
    period, names = period_index(frame, every)
    dated = mask & (period >= 0)
    totals = np.bincount(period[dated], minlength=len(names))
    series = []
    for dimension in DIMENSIONS:
        rows, codes, vocab = _membership(frame, dimension)
        keep = dated[rows]
        grid = np.zeros((len(vocab), len(names)), np.int64)
        np.add.at(grid, (codes[keep], period[rows[keep]]), 1)
        for code in np.argsort(-grid.sum(axis=1), kind="stable")[:top]:
            if grid[code].sum() == 0:
                continue
            counts = grid[code].tolist()
            shares = [c / t if t else 0.0 for c, t in zip(counts, totals.tolist(), strict=True)]
            series.append(Trend(dimension, vocab[code], counts, shares))
    message = (
        "" if int(dated.sum()) else f"no posting of this lane ({lane.describe()}) has a posted date: no trend"
    )
    return Trends(lane.describe(), every, names, totals.tolist(), series, message)


@dataclass(frozen=True)
class Change:
    dimension: str
    value: str
    before: int
    after: int
    share_before: float
    share_after: float
    p_value: float
    q_value: float
    significant: bool
    small_sample: bool


@dataclass(frozen=True)
class Changes:
    lane: str
    before: str
    after: str
    postings_before: int
    postings_after: int
    alpha: float
    changes: list[Change]
    message: str = ""

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def changes(
    frame: MarketFrame,
    lane: Lane,
    before: str,
    after: str | None = None,
    every: str = "quarter",
    alpha: float = 0.05,
) -> Changes:
    """Each value's share in period `before` against period `after` (default: the last period), rising
    and falling ones first by significance; q-values control the false-discovery rate at `alpha`."""
    mask = select(frame, lane)
    period, names = period_index(frame, every)
    if not names:
        raise InputError("no posting has a date: trends need posted dates")
    wanted_after = after or names[-1]
    for label in (before, wanted_after):
        if label not in names:
            raise InputError(
                f"period {label!r} is not in the data ({names[0]} to {names[-1]}, every {every})"
            )
    a, b = names.index(before), names.index(wanted_after)
    in_a, in_b = mask & (period == a), mask & (period == b)
    n_a, n_b = int(in_a.sum()), int(in_b.sum())
    if not n_a or not n_b:
        empty = before if not n_a else wanted_after
        return Changes(
            lane.describe(),
            before,
            wanted_after,
            n_a,
            n_b,
            alpha,
            [],
            f"no postings in {empty} for this lane",
        )
    found: list[tuple[str, str, int, int, float]] = []
    for dimension in DIMENSIONS:
        rows, codes, vocab = _membership(frame, dimension)
        count_a = np.bincount(codes[in_a[rows]], minlength=len(vocab))
        count_b = np.bincount(codes[in_b[rows]], minlength=len(vocab))
        for code in np.flatnonzero(count_a + count_b):
            x, y = int(count_a[code]), int(count_b[code])
            found.append((dimension, vocab[code], x, y, two_proportion_p(x, n_a, y, n_b)))
    q = benjamini_hochberg([f[4] for f in found])
    out = [
        Change(
            d,
            v,
            x,
            y,
            x / n_a,
            y / n_b,
            p,
            qv,
            qv <= alpha,
            min(x, y) < MIN_COUNT and max(x, y) < 2 * MIN_COUNT,
        )
        for (d, v, x, y, p), qv in zip(found, q, strict=True)
    ]
    out.sort(key=lambda c: (not c.significant, c.q_value, -abs(c.share_after - c.share_before)))
    return Changes(lane.describe(), before, wanted_after, n_a, n_b, alpha, out)


def two_proportion_p(x1: int, n1: int, x2: int, n2: int) -> float:
    """Two-sided p-value of the pooled two-proportion z-test."""
    pooled = (x1 + x2) / (n1 + n2)
    se = math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    if se == 0:
        return 1.0
    z = (x1 / n1 - x2 / n2) / se
    return math.erfc(abs(z) / math.sqrt(2))


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
