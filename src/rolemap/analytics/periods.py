"""The store's calendar: its months or quarters, how many dated postings each holds, which periods are
partial, the window `--since/--until` cuts out of them, and the known artefacts of a source over time.

A period is **partial** (marked, and left out of default comparisons) when
- (quarters) one of its months holds no posting of the store: the store starts or ends inside it, or the
  source skipped a month (the newest quarter of a store fetched mid-quarter is partial this way), or
- it holds fewer than `PARTIAL_SHARE` (half) of the median postings of the store's non-empty periods:
  "far fewer than its neighbours", months with few posts among them, or
- the window of `--since/--until` covers only part of it.
Both rules read the whole store, not the lane: a lane's own thin periods are its trend, not a gap in the data.
A period inside the window with no posting of the lane is a gap (n = 0): never a share of 0%.

A job counts in **each period it was open** (the frame's `open_from` to `open_until`, analytics/freshness.py):
a Hacker News post in the month of its thread, a company's folded reposts from the first to the last month
they were posted, a board posting from its posting date until the board dropped it.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

from rolemap.analytics.frame import MarketFrame
from rolemap.errors import InputError

PARTIAL_SHARE = 0.5


@dataclass(frozen=True)
class Calendar:
    every: str
    names: list[str]  # every period from the store's first dated posting to its last, oldest first
    starts: list[dt.date]  # each period's first day
    ends: list[dt.date]  # the day after each period
    totals: list[int]  # the store's jobs open in each period
    partial: list[str]  # "" or why the period is partial
    row_first: np.ndarray  # each row's first and last period open (-1: no date)
    row_last: np.ndarray

    def complete(self, index: int) -> bool:
        return not self.partial[index] and self.totals[index] > 0

    def open_in(self, index: int) -> np.ndarray:
        """The rows open in period `index`."""
        return (self.row_first >= 0) & (self.row_first <= index) & (self.row_last >= index)

    def spread(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Each (row, period) a row was open: positions into `rows` and the period indexes."""
        return spread(self.row_first[rows], self.row_last[rows])

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
    opened = frame.dates("open_from")
    closed = frame.dates("open_until")
    known = ~np.isnat(opened) & ~np.isnat(closed)
    if not known.any():
        none = np.full(frame.size, -1, np.int64)
        return Calendar(every, [], [], [], [], [], none, none)
    from_month, to_month = _month_index(opened[known]), _month_index(closed[known])
    first, last = int(from_month.min()) // step, int(to_month.max()) // step
    row_first, row_last = np.full(frame.size, -1, np.int64), np.full(frame.size, -1, np.int64)
    row_first[known], row_last[known] = from_month // step - first, to_month // step - first
    count = len(range(first, last + 1))
    totals = np.bincount(spread(row_first[known], row_last[known])[1], minlength=count)
    month_spans = spread(from_month - first * step, to_month - first * step)[1]
    per_month = np.bincount(month_spans, minlength=count * step)
    nonempty = totals[totals > 0]
    median = float(np.median(nonempty))
    partial = []
    for i, n in enumerate(totals.tolist()):
        empty_months = [_date((first + i) * step + k) for k in range(step) if per_month[i * step + k] == 0]
        if n and step > 1 and empty_months:
            partial.append("no posting in " + ", ".join(d.strftime("%Y-%m") for d in empty_months))
        elif n and n < PARTIAL_SHARE * median:
            partial.append(f"{n:,} postings, under half the median period ({median:,.0f})")
        else:
            partial.append("")
    return Calendar(
        every,
        [period_name(b, step) for b in range(first, last + 1)],
        [_date(b * step) for b in range(first, last + 1)],
        [_date((b + 1) * step) for b in range(first, last + 1)],
        totals.tolist(),
        partial,
        row_first,
        row_last,
    )


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
