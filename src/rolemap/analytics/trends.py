"""The market over time: each value's share of postings per month or quarter inside the lane's window, and
what rose or fell between two periods, tested where a test means something (rolemap.analytics.stats) with
Benjamini-Hochberg q-values. Periods, partial periods and source caveats: rolemap.analytics.periods."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace

import numpy as np

from rolemap.agreement import counted
from rolemap.analytics.frame import MarketFrame, distinct_postings
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
    totals: list[int]  # the lane's postings open in each period (a posting of several roles once)
    series: list[Trend]
    message: str = ""
    partial: list[str] = field(default_factory=list)  # "" or why the period is partial
    caveats: list[str] = field(default_factory=list)  # known source artefacts inside the window
    undated: int = 0  # postings of the lane left out: no date of their own (analytics/periods.py)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def undated_note(frame: MarketFrame, cal: Calendar, mask: np.ndarray) -> tuple[int, list[str]]:
    """The lane's postings without a date of their own, left out of every period, and the caveat that
    says so (none when there are none)."""
    n = frame.postings_in(mask & cal.undated)
    if not n:
        return 0, []
    return n, [
        f"{counted(n, 'posting')} of the lane left out: no date of their own (a file without dates is "
        "dated on the day it was read, which says nothing of when it was posted)"
    ]


def source_note(frame: MarketFrame, before: str, after: str, in_a: np.ndarray, in_b: np.ndarray) -> str:
    """ "2024Q2's postings come from csv, 2018Q1's from hn: …" when the two periods' sources differ ("" when
    they are the same): a difference between them may be the sources' ways of writing, not the market."""
    codes, vocab = frame.codes("source")

    def names(rows: np.ndarray) -> list[str]:
        return sorted({vocab[c] if c >= 0 else "unknown" for c in np.unique(codes[rows]).tolist()})

    a, b = names(in_a), names(in_b)
    if not a or not b or a == b:
        return ""
    return (
        f"{before}'s postings come from {', '.join(a)}, {after}'s from {', '.join(b)}: a change between "
        "them may be a difference of the sources (what they carry, how their postings are written), not "
        "of the market"
    )


def trends(frame: MarketFrame, lane: Lane, every: str = "quarter", top: int = 8) -> Trends:
    """For each dimension, its `top` values (by postings of the lane open in the window): share per period.
    A job counts in each period it was open (rolemap.analytics.periods); a posting of several roles in the
    lane counts once (`frame.distinct_postings`)."""
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
    posting = frame.postings_of_rows()
    totals = distinct_postings(posting[lane_rows[at[inside]]], position[period[inside]], len(names))
    dated = np.zeros(frame.size, bool)
    dated[lane_rows[at[inside]]] = True  # open at least once inside the window
    series = []
    for dimension in DIMENSIONS:
        rows, codes, vocab = _membership(frame, dimension)
        keep = np.flatnonzero(dated[rows])
        at, period = cal.spread(rows[keep])
        inside = position[period] >= 0
        cell = codes[keep[at[inside]]].astype(np.int64) * len(names) + position[period[inside]]
        grid = distinct_postings(posting[rows[keep[at[inside]]]], cell, len(vocab) * len(names))
        grid = grid.reshape(len(vocab), len(names))
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
    left_out, said = undated_note(frame, cal, mask)
    return Trends(
        lane.describe(), every, names, totals.tolist(), series, message, partial, notes + said, left_out
    )


def charted(t: Trends, dimension: str) -> dict[str, list[float | None]]:
    """The shares a chart of `dimension` draws, value by value: a period holding fewer than MIN_PERIOD of
    the lane's postings is a gap in the line, as it is untested in `changes` (a share of one posting is 0% or
    100% and says nothing of the market: a skill's line had jumped to 100% on quarters of one posting); the
    tables still give every period's counts. A value with no share left to draw is left out."""
    drawn = [n >= MIN_PERIOD for n in t.totals]
    lines = {
        s.value: [share if ok else None for share, ok in zip(s.shares, drawn, strict=True)]
        for s in t.series
        if s.dimension == dimension
    }
    return {value: shares for value, shares in lines.items() if any(v is not None for v in shares)}


def lane_span(t: Trends) -> Trends:
    """The trends cut to the lane's own periods, from its first period with a posting to its last: a lane
    of 2014-2018 postings in a store that runs to 2026 ends in 2018, not in eight quarters of gaps (the
    report's table shows the last eight of these)."""
    held = [i for i, n in enumerate(t.totals) if n]
    if not held:
        return t
    cut = slice(held[0], held[-1] + 1)
    series = [replace(s, counts=s.counts[cut], shares=s.shares[cut]) for s in t.series]
    return replace(
        t,
        periods=t.periods[cut],
        totals=t.totals[cut],
        series=series,
        partial=t.partial[cut] if t.partial else [],
    )


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
    undated: int = 0  # postings of the lane left out: no date of their own (analytics/periods.py)
    shared_source: bool = True  # a source has postings in both periods; else nothing is tested

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
            left_out = int(cal.undated.sum())
            undated = f"; {left_out:,} roles without a date of their own left out" if left_out else ""
            raise InputError(
                f"period {label!r} is not in the data ({cal.names[0]} to {cal.names[-1]}, every {cal.every}"
                f"{undated})"
            )
    after_given = after is not None
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
        if not after_given:
            raise InputError(f"{before} is the store's newest period: nothing after it to compare with")
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
    n_a, n_b = frame.postings_in(in_a), frame.postings_in(in_b)
    posting = frame.postings_of_rows()
    notes = [f"{cal.names[i]} is partial: {cal.partial[i]}" for i in (a, b) if cal.partial[i]]
    notes += caveats_between(
        frame, in_a | in_b, min(cal.starts[a], cal.starts[b]), max(cal.starts[a], cal.starts[b])
    )
    sources = source_note(frame, before, after, in_a, in_b)
    notes += [sources] if sources else []
    left_out, said = undated_note(frame, cal, mask)
    notes += said
    if not n_a or not n_b:
        empty = before if not n_a else after
        message = (
            f"no postings in {empty} for this lane"
            if cal.totals[cal.names.index(empty)]
            else f"no posting of the store is dated in {empty}: a gap in the data, not in the market"
        )
        return Changes(lane.describe(), before, after, n_a, n_b, alpha, [], message, notes, 0, left_out)
    shared = _shared_source(frame, in_a, in_b)
    found: list[tuple[str, str, int, int, float | None, str]] = []
    for dimension in DIMENSIONS:
        rows, codes, vocab = _membership(frame, dimension)
        count_a = distinct_postings(posting[rows[in_a[rows]]], codes[in_a[rows]], len(vocab))
        count_b = distinct_postings(posting[rows[in_b[rows]]], codes[in_b[rows]], len(vocab))
        for code in np.flatnonzero(count_a + count_b):
            x, y = int(count_a[code]), int(count_b[code])
            verdict = compare(x, n_a, y, n_b) if shared else (None, "")
            found.append((dimension, vocab[code], x, y, *verdict))
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
    if not shared:
        message = (
            f"{before} and {after} share no source: every difference between them may be the sources', "
            "so nothing is tested: counts only"
        )
    elif min(n_a, n_b) < MIN_PERIOD:
        message = (
            f"too few postings to test ({before}: {n_a:,}, {after}: {n_b:,}; at least {MIN_PERIOD} a period): "
            "counts only"
        )
    return Changes(
        lane.describe(), before, after, n_a, n_b, alpha, out, message, notes, len(tested), left_out, shared
    )


def _shared_source(frame: MarketFrame, in_a: np.ndarray, in_b: np.ndarray) -> bool:
    """Whether a source has postings in both periods: without one, a test compares sources, not times."""
    codes, _ = frame.codes("source")
    return bool(np.intersect1d(codes[in_a], codes[in_b]).size)
