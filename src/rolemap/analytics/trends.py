"""The market over time: each value's share of postings per month or quarter inside the lane's window, and
what rose or fell between two periods, tested where a test means something (rolemap.analytics.stats) with
Benjamini-Hochberg q-values. Periods, partial periods and source caveats: rolemap.analytics.periods."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace

import numpy as np

from rolemap.analytics.frame import MarketFrame
from rolemap.analytics.lane import Lane, select
from rolemap.analytics.periods import Calendar, calendar, caveats_between
from rolemap.analytics.stats import (
    MIN_PERIOD,
    benjamini_hochberg,
    compare,
    two_proportion_p,
)
from rolemap.errors import InputError

__all__ = [
    "Change",
    "Changes",
    "Trend",
    "Trends",
    "benjamini_hochberg",
    "changes",
    "trends",
    "two_proportion_p",
]

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
    """Each row's first period open (-1 without a date) and the store's periods' names, oldest first."""
    cal = calendar(frame, every)
    return cal.row_first, cal.names


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
    shares: list[float | None]  # None: the lane has no posting in that period (a gap, not 0%)


@dataclass(frozen=True)
class Trends:
    lane: str
    every: str
    periods: list[str]  # exactly the periods of the store inside the lane's window
    totals: list[int]  # the lane's jobs open in each period
    series: list[Trend]
    message: str = ""
    partial: list[str] = field(default_factory=list)  # "" or why the period is partial
    caveats: list[str] = field(default_factory=list)  # known source artefacts inside the window

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def trends(frame: MarketFrame, lane: Lane, every: str = "quarter", top: int = 8) -> Trends:
    """For each dimension, its `top` values (by jobs of the lane open in the window): share per period. A
    job counts in each period it was open (rolemap.analytics.periods)."""
    cal = calendar(frame, every)
    chosen, partial = cal.window(lane.since, lane.until)
    names = [cal.names[i] for i in chosen]
    # the jobs open in the window; one open in a period the window cuts is open inside the window too
    mask = select(frame, lane)
    position = np.full(len(cal.names), -1, np.int64)  # store period → place in the window
    position[chosen] = np.arange(len(chosen))
    lane_rows = np.flatnonzero(mask)
    at, period = cal.spread(lane_rows)
    inside = position[period] >= 0
    totals = np.bincount(position[period[inside]], minlength=len(names))
    dated = np.zeros(frame.size, bool)
    dated[lane_rows[at[inside]]] = True  # open at least once inside the window
    series = []
    for dimension in DIMENSIONS:
        rows, codes, vocab = _membership(frame, dimension)
        keep = np.flatnonzero(dated[rows])
        at, period = cal.spread(rows[keep])
        inside = position[period] >= 0
        grid = np.zeros((len(vocab), len(names)), np.int64)
        np.add.at(grid, (codes[keep[at[inside]]], position[period[inside]]), 1)
        for code in np.argsort(-grid.sum(axis=1), kind="stable")[:top]:
            if grid[code].sum() == 0:
                continue
            counts = grid[code].tolist()
            shares = [c / t if t else None for c, t in zip(counts, totals.tolist(), strict=True)]
            series.append(Trend(dimension, vocab[code], counts, shares))
    message = ""
    if not cal.names:
        message = f"no posting of this lane ({lane.describe()}) has a posted date: no trend"
    elif not names:
        message = (
            f"the window holds no period of the store (postings from {cal.names[0]} to {cal.names[-1]}): "
            "widen --since/--until"
        )
    elif not int(dated.sum()):
        message = f"no posting of this lane ({lane.describe()}) has a posted date in the window: no trend"
    notes = caveats_between(frame, dated, cal.starts[chosen[0]], cal.starts[chosen[-1]]) if names else []
    return Trends(lane.describe(), every, names, totals.tolist(), series, message, partial, notes)


@dataclass(frozen=True)
class Change:
    dimension: str
    value: str
    before: int
    after: int
    share_before: float
    share_after: float
    p_value: float | None  # None: not tested (too few postings or sightings)
    q_value: float | None
    significant: bool
    small_sample: bool
    test: str = ""  # "z" (two-proportion z-test), "exact" (Fisher's exact test) or "" (not tested)


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
    caveats: list[str] = field(default_factory=list)  # partial periods compared, known source artefacts
    tested: int = 0  # values tested: the q-values' family

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


# The labels a calendar names its periods by (periods.py): a label of another shape is no period of it.
PERIOD_LABEL = {"quarter": re.compile(r"^\d{4}Q[1-4]$"), "month": re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")}
PERIOD_HINT = {"quarter": "write a quarter as 2017Q1", "month": "write a month as 2017-03"}


def default_periods(cal: Calendar, before: str | None, after: str | None) -> tuple[str, str]:
    """`after` defaults to the newest complete period (the newest at all when none is complete), `before`
    to the complete period before `after` (the period before it when none is)."""
    if not cal.names:
        raise InputError("no posting has a date: trends need posted dates")
    for label in (before, after):
        if label is not None and not PERIOD_LABEL[cal.every].match(label):  # 2014Q5, or 2014-01 by quarters
            raise InputError(f"period {label!r} is not a {cal.every}: {PERIOD_HINT[cal.every]}")
        if label is not None and label not in cal.names:
            raise InputError(
                f"period {label!r} is not in the data ({cal.names[0]} to {cal.names[-1]}, every {cal.every})"
            )
    if after is None:
        complete = [i for i in range(len(cal.names)) if cal.complete(i)]
        candidates = [i for i in complete if before is None or i > cal.names.index(before)]
        after = cal.names[candidates[-1] if candidates else -1]
    if before is None:
        b = cal.names.index(after)
        earlier = [i for i in range(b) if cal.complete(i)]
        if not earlier and b == 0:
            raise InputError(f"{after} is the store's first period: nothing before it to compare with")
        before = cal.names[earlier[-1] if earlier else b - 1]
    if cal.names.index(before) >= cal.names.index(after):  # a comparison read backwards says the opposite
        raise InputError(f"the earlier period {before} is not before the later one {after}")
    return before, after


def changes(
    frame: MarketFrame,
    lane: Lane,
    before: str | None = None,
    after: str | None = None,
    every: str = "quarter",
    alpha: float = 0.05,
) -> Changes:
    """Each value's share in period `before` against period `after` (default: the last two complete
    periods), significant ones first; q-values control the false-discovery rate at `alpha` over the values
    tested. The lane's own --since/--until do not apply: the two periods are the window."""
    lane = replace(lane, since=None, until=None)
    mask = select(frame, lane)
    cal = calendar(frame, every)
    before, after = default_periods(cal, before, after)
    a, b = cal.names.index(before), cal.names.index(after)
    in_a, in_b = mask & cal.open_in(a), mask & cal.open_in(b)  # a job open in both counts in both
    n_a, n_b = int(in_a.sum()), int(in_b.sum())
    notes = [f"{cal.names[i]} is partial: {cal.partial[i]}" for i in (a, b) if cal.partial[i]]
    notes += caveats_between(
        frame, in_a | in_b, min(cal.starts[a], cal.starts[b]), max(cal.starts[a], cal.starts[b])
    )
    if not n_a or not n_b:
        empty = before if not n_a else after
        message = f"no postings in {empty} for this lane"
        return Changes(lane.describe(), before, after, n_a, n_b, alpha, [], message, notes)
    found: list[tuple[str, str, int, int, float | None, str]] = []
    for dimension in DIMENSIONS:
        rows, codes, vocab = _membership(frame, dimension)
        count_a = np.bincount(codes[in_a[rows]], minlength=len(vocab))
        count_b = np.bincount(codes[in_b[rows]], minlength=len(vocab))
        for code in np.flatnonzero(count_a + count_b):
            x, y = int(count_a[code]), int(count_b[code])
            found.append((dimension, vocab[code], x, y, *compare(x, n_a, y, n_b)))
    tested = [i for i, f in enumerate(found) if f[4] is not None]
    q_of = dict(zip(tested, benjamini_hochberg([found[i][4] or 0.0 for i in tested]), strict=True))
    out = []
    for i, (d, v, x, y, p, test) in enumerate(found):
        q = q_of.get(i)
        small = min(x, y) < MIN_COUNT and max(x, y) < 2 * MIN_COUNT
        out.append(Change(d, v, x, y, x / n_a, y / n_b, p, q, q is not None and q <= alpha, small, test))
    out.sort(
        key=lambda c: (
            not c.significant,
            c.q_value is None,
            c.q_value or 1.0,
            -abs(c.share_after - c.share_before),
        )
    )
    message = ""
    if min(n_a, n_b) < MIN_PERIOD:
        message = (
            f"too few postings to test ({before}: {n_a:,}, {after}: {n_b:,}; at least {MIN_PERIOD} a period): "
            "counts only"
        )
    return Changes(lane.describe(), before, after, n_a, n_b, alpha, out, message, notes, len(tested))
