"""The store's calendar: its months or quarters, how many dated postings each holds, which periods are
partial, the window `--since/--until` cuts out of them, and the known artefacts of a source over time.

A period's **coverage comes from the postings dated in it, per source**: a source covers a month when one
of its postings is dated in it (its posting date, or the first or last posting of a folded series), and a
board covers each month it lists a posting (it is read whole at every fetch). A job counts in **each period
it was open** (the frame's `open_from` to `open_until`, analytics/freshness.py) *that its source covers*: a
Hacker News post in the month of its thread, a board posting from its posting date until the board dropped
it, a company's folded reposts from the first to the last month they were posted, in the months their source
posted in. So a month a source skipped (the bundled HN sample has no thread of 2016-07) is a gap for it, not a
month filled by the series open across it. Limit: the frame keeps a series' first and last posting, not the
ones between, so a month only those name is not covered.

A posting **without a date of its own** (a file whose rows carry none is dated on the day it was read) is
left out of every period, and counted (`Calendar.undated`): its day of ingestion says nothing of when it was
posted, and placing it there would make a change of the market out of a change of what was read.

A period is **partial** (marked, and left out of default comparisons) when
- (quarters) one of its months holds no dated posting of the store: the store starts or ends inside it (the
  newest quarter of a store fetched mid-quarter is partial this way), or
- a source that posted before and after one of its months skipped that month ("no hn posting in 2016-07"),
- it holds fewer than `PARTIAL_SHARE` (half) of the median postings of the store's non-empty periods:
  "far fewer than its neighbours", months with few posts among them, or
- the window of `--since/--until` covers only part of it.
These rules read the whole store, not the lane: a lane's own thin periods are its trend, not a gap in the
data. A period inside the window with no posting of the lane is a gap (n = 0): never a share of 0%.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from rolemap.analytics.frame import MarketFrame
from rolemap.analytics.freshness import open_months
from rolemap.errors import InputError

PARTIAL_SHARE = 0.5
# The boards rolemap reads whole at every fetch (sources/boards.py): a posting they list is seen open at each
# fetch until they drop it, so each month of its listing is covered by the source, not only its first.
LISTED_SOURCES = frozenset({"greenhouse", "lever", "ashby"})


@dataclass(frozen=True)
class Calendar:
    every: str
    names: list[str]  # every period from the store's first dated posting to its last, oldest first
    starts: list[dt.date]  # each period's first day
    ends: list[dt.date]  # the day after each period
    totals: list[int]  # the store's jobs counted in each period
    partial: list[str]  # "" or why the period is partial
    row_first: np.ndarray  # each row's first and last period counted (-1: none, no date of its own)
    row_last: np.ndarray
    # the (row, period) pairs a job counts in, by row: row r's periods are
    # pair_period[pair_start[r]:pair_start[r + 1]]
    pair_start: np.ndarray
    pair_period: np.ndarray
    undated: np.ndarray  # the rows left out: open at some time, but with no date of their own

    def complete(self, index: int) -> bool:
        return not self.partial[index] and self.totals[index] > 0

    def open_in(self, index: int) -> np.ndarray:
        """The rows counted in period `index`."""
        rows = np.repeat(np.arange(self.row_first.size), np.diff(self.pair_start))
        mask = np.zeros(self.row_first.size, bool)
        mask[rows[self.pair_period == index]] = True
        return mask

    def spread(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each (row, period) a row counts in: positions into `rows` and the period indexes."""
        start = self.pair_start[rows]
        lengths = self.pair_start[rows + 1] - start
        position = np.repeat(np.arange(len(rows)), lengths)
        offset = np.arange(len(position)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        return position, self.pair_period[start[position] + offset]

    def window(self, since: dt.date | None, until: dt.date | None) -> tuple[list[int], list[str]]:
        """The indexes of the periods that overlap [since, until) and why each is partial, the window's
        own cut included."""
        chosen, why = [], []
        for i, (start, end) in enumerate(zip(self.starts, self.ends, strict=True)):
            if (since and end <= since) or (until and start >= until):
                continue
            cut = (since and start < since) or (until and end > until)
            chosen.append(i)
            why.append(self.partial[i] or ("the window covers only part of it" if cut else ""))
        return chosen, why


def _month_index(day: np.ndarray) -> np.ndarray:
    return day.astype("datetime64[M]").astype("int64")  # months since 1970-01


def _date(month: int) -> dt.date:
    return dt.date(1970 + month // 12, month % 12 + 1, 1)


def period_name(bucket: int, step: int) -> str:
    month = bucket * step
    year, m = 1970 + month // 12, month % 12
    return f"{year}Q{m // 3 + 1}" if step == 3 else f"{year}-{m + 1:02d}"


def spread(first: np.ndarray, last: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For spans [first, last] (first -1: none), each (span, step) pair: the span's position, the step."""
    lengths = np.where(first >= 0, last - first + 1, 0).astype(np.int64)
    position = np.repeat(np.arange(len(first)), lengths)
    offset = np.arange(len(position)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    return position, first[position] + offset


def calendar(frame: MarketFrame, every: str) -> Calendar:
    if every not in ("month", "quarter"):
        raise InputError(f"--every {every!r}: use month or quarter")
    step = 3 if every == "quarter" else 1
    posted, opened, closed = (frame.dates(c) for c in ("posted", "open_from", "open_until"))
    spanned = ~np.isnat(opened) & ~np.isnat(closed)
    dated = spanned & ~np.isnat(posted)
    undated = spanned & ~dated
    none = np.full(frame.size, -1, np.int64)
    if not dated.any():
        return Calendar(
            every, [], [], [], [], [], none, none, np.zeros(frame.size + 1, np.int64), none[:0], undated
        )
    rows = np.flatnonzero(dated)
    from_month, to_month = _month_index(opened[rows]), _month_index(closed[rows])
    first, last = int(from_month.min()) // step, int(to_month.max()) // step
    count = last - first + 1
    # which source covers which month: a posting of it is dated there (its own date, or its series' first)
    source_codes, sources = frame.codes("source")
    source = np.where(source_codes[rows] >= 0, source_codes[rows], len(sources))
    covered = np.zeros((len(sources) + 1, count * step), bool)
    covered[source, _month_index(posted[rows]) - first * step] = True
    covered[source, from_month - first * step] = True
    listed = np.isin(source, [i for i, name in enumerate(sources) if name in LISTED_SOURCES])
    # a read-once series' last posting: its span ends `open_months` after that posting's month
    last_posted = to_month[~listed] - (open_months() - 1)
    covered[source[~listed], np.maximum(last_posted, from_month[~listed]) - first * step] = True
    np.isin(source, [i for i, name in enumerate(sources) if name in LISTED_SOURCES])
    listed_at, listed_month = spread(from_month[listed] - first * step, to_month[listed] - first * step)
    covered[source[listed][listed_at], listed_month] = True
    # each row in each month it was open that its source covers, then once a period
    position, month = spread(from_month - first * step, to_month - first * step)
    keep = covered[source[position], month]
    position, period = position[keep], month[keep] // step
    once = np.ones(position.size, bool)
    once[1:] = (position[1:] != position[:-1]) | (period[1:] != period[:-1])
    pair_row, pair_period = rows[position[once]], period[once]
    pair_start = np.searchsorted(pair_row, np.arange(frame.size + 1))
    row_first, row_last = none.copy(), none.copy()
    has = np.diff(pair_start) > 0
    row_first[has] = pair_period[pair_start[:-1][has]]
    row_last[has] = pair_period[pair_start[1:][has] - 1]
    totals = np.bincount(pair_period, minlength=count)
    names = ["unknown" if k == len(sources) else sources[k] for k in range(len(sources) + 1)]
    partial = _partial_periods(totals, covered, names, first, step)
    return Calendar(
        every,
        [period_name(b, step) for b in range(first, last + 1)],
        [_date(b * step) for b in range(first, last + 1)],
        [_date((b + 1) * step) for b in range(first, last + 1)],
        totals.tolist(),
        partial,
        row_first,
        row_last,
        pair_start,
        pair_period,
        undated,
    )


def _partial_periods(
    totals: np.ndarray, covered: np.ndarray, sources: list[str], first: int, step: int
) -> list[str]:
    """Why each period is partial ("" when it is not): months without a dated posting of the store,
    months a source skipped between its first and last, or far fewer postings than the median period."""
    nonempty = totals[totals > 0]
    median = float(np.median(nonempty))
    months = np.arange(covered.shape[1])
    active = [  # each source's months from its first dated posting to its last
        (months >= np.flatnonzero(c)[0]) & (months <= np.flatnonzero(c)[-1]) if c.any() else c
        for c in covered
    ]
    partial = []
    for i, n in enumerate(totals.tolist()):
        inside = range(i * step, (i + 1) * step)
        empty = [m for m in inside if not covered[:, m].any()]
        skipped = [
            f"no {name} posting in {_date(first * step + m):%Y-%m}"
            for m in inside
            if covered[:, m].any()
            for name, c, a in zip(sources, covered, active, strict=True)
            if a[m] and not c[m]
        ]
        why = []
        if n and step > 1 and empty:
            why.append("no posting in " + ", ".join(f"{_date(first * step + m):%Y-%m}" for m in empty))
        if n and skipped:
            why.append("; ".join(skipped))
        if n and not why and n < PARTIAL_SHARE * median:
            why.append(f"{n:,} postings, under half the median period ({median:,.0f})")
        partial.append("; ".join(why))
    return partial


# ---- known artefacts of a source -------------------------------------------------------------------


@dataclass(frozen=True)
class Caveat:
    id: str
    source: str
    dimension: str
    values: tuple[str, ...]
    change: dt.date  # the artefact starts here: comparisons across this date are affected
    note: str


@cache
def known_caveats() -> tuple[Caveat, ...]:
    raw = resources.files("rolemap.analytics").joinpath("data/caveats.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    return tuple(
        Caveat(
            c["id"],
            c["source"],
            c["dimension"],
            tuple(c["values"]),
            dt.date.fromisoformat(c["change"] + "-01"),
            c["note"],
        )
        for c in data["caveats"]
    )


def caveats_between(frame: MarketFrame, mask: np.ndarray, start: dt.date, end: dt.date) -> list[str]:
    """The known artefacts whose change date falls in (start, end] for a source among the lane's postings."""
    codes, vocab = frame.codes("source")
    sources = {vocab[c] for c in np.unique(codes[mask & (codes >= 0)]).tolist()}
    return [
        f"{c.dimension} {'/'.join(c.values)}: {c.note}"
        for c in known_caveats()
        if c.source in sources and start < c.change <= end
    ]
