"""When a posting is open, judged per source, and the months a set of postings covers.

- A **board posting** (Greenhouse, Lever, Ashby: a listing rolemap reads whole again at every fetch) is open
  from its posting date (the first fetch that saw it when the board gives none) until the board drops it:
  `closed_at`, set by the fetch that no longer finds it. Still listed, it is open through its `last_seen`.
- **Any other posting** (a Hacker News comment, a file, a page) is read once and never seen to close: it is
  open for `OPEN_MONTHS` months from the month it was posted, by default 1, the month of its Hacker News
  "Who is hiring?" thread (`ROLEMAP_OPEN_MONTHS` sets another number, e.g. 2 for a thread read late). A
  comment written in the first days of the next month counts in that month.
- **Open now** is judged at the store's reference date: the day of its newest fetch or ingest (the newest
  `last_seen`), not the clock. So the figure says "open at the newest fetch, 2026-12-01", a cached market
  frame stays true until the store changes, and a store of 2013-2018 posts refreshed in 2026 has none open.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np

    from rolemap.analytics.frame import MarketFrame

Window = tuple[dt.date | None, dt.date | None]  # a lane's since and until (exclusive)
OPEN_MONTHS = 1
ENV_MONTHS = "ROLEMAP_OPEN_MONTHS"


def open_months() -> int:
    """Months a posting that is read once stays open: `ROLEMAP_OPEN_MONTHS` when set, else OPEN_MONTHS."""
    raw = os.environ.get(ENV_MONTHS, "").strip()
    if not raw:
        return OPEN_MONTHS
    if not raw.isdigit() or not 1 <= int(raw) <= 120:
        from rolemap.errors import InputError

        raise InputError(f"${ENV_MONTHS}={raw!r}: give a whole number of months from 1 to 120")
    return int(raw)


def day(value: Any) -> dt.date | None:
    """A date from a date, a datetime or an ISO string (SQLite returns text, PostgreSQL datetimes)."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def days(values: Sequence[Any]) -> np.ndarray:
    """A column of dates (date, datetime or ISO text, None) as datetime64[D], NaT for none or a bad one."""
    import numpy as np

    text = np.array(["NaT" if v is None else str(v)[:10] for v in values], "U10")
    try:
        return text.astype("datetime64[D]")
    except ValueError:  # one bad value: parse one by one
        return np.array([day(v) for v in values], "datetime64[D]")


def month_end(start: dt.date, months: int) -> dt.date:
    """The last day of the `months`-th month from `start`'s month (1: the end of start's own month)."""
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1) - dt.timedelta(days=1)


def open_spans(
    board: np.ndarray,
    posted: np.ndarray,
    first_seen: np.ndarray,
    last_seen: np.ndarray,
    closed_at: np.ndarray,
    months: int,
    reference: dt.date,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each posting (`board`: has one; the rest datetime64[D] columns): the first and the last day it
    was open (NaT without any date), and whether it is open at `reference`."""
    import numpy as np

    start = np.where(np.isnat(posted), first_seen, posted)
    read_once = (start.astype("datetime64[M]") + months).astype("datetime64[D]") - 1
    listed = np.where(np.isnat(closed_at), np.where(np.isnat(last_seen), start, last_seen), closed_at)
    end = np.where(board, listed, read_once)
    end = np.where(np.isnat(start), start, np.maximum(start, end))  # never before it opened
    is_open = np.where(board, np.isnat(closed_at), end >= np.datetime64(reference))
    return start, end, is_open


def open_since(reference: dt.date, months: int) -> dt.date:
    """The first posting day of a read-once posting still open at `reference`: the first of the month
    `months - 1` before the reference's month (posted on or after it ⟺ open, by `open_spans`)."""
    index = reference.year * 12 + reference.month - 1 - (months - 1)
    return dt.date(index // 12, index % 12 + 1, 1)


def coverage(frame: MarketFrame, mask: np.ndarray, window: Window = (None, None)) -> dict[str, Any]:
    """What a set of jobs covers: the first and last month open ("2013-08", "2018-04"), how many are open at
    the reference date, and that date. Every page and JSON answer states it. With a lane's `window` (since,
    until: until exclusive) the months are those inside it: a series of reposts open from 2015-12 to 2018-02
    is in a 2016 lane, and the lane covers 2016, not 2015-12 to 2018-02."""
    import numpy as np

    opened = frame.dates("open_from")
    closed = frame.dates("open_until")
    dated = mask & ~np.isnat(opened) & ~np.isnat(closed)
    first, last = (
        window_months(opened[dated].min().item(), closed[dated].max().item(), window)
        if dated.any()
        else (None, None)
    )
    is_open = frame.flags("is_open")
    return {"first": first, "last": last, "open_now": int((mask & is_open).sum()), "as_of": frame.as_of}


def window_months(
    start: dt.date | None, end: dt.date | None, window: Window
) -> tuple[str | None, str | None]:
    """The first and last month ("2016-01") of the days [start, end] a set of jobs was open, cut to a lane's
    window (since, until: until exclusive); over the store's frame and a Parquet dataset alike."""
    since, until = window
    if start is not None and since is not None:
        start = max(start, since)
    if end is not None and until is not None:
        end = min(end, until - dt.timedelta(days=1))
    return (start.strftime("%Y-%m") if start else None, end.strftime("%Y-%m") if end else None)


def coverage_line(covers: dict[str, Any]) -> str:
    """ "postings from 2013-08 to 2018-04", then "; open at the newest fetch (2026-12-01): 12" only when
    some are open (a store of old posts has none, and saying "0 open" of it says nothing)."""
    if not covers:
        return ""  # not computed (a Parquet dataset)
    if not covers.get("first"):
        return "no dated postings"
    first, last = covers["first"], covers["last"]
    line = f"postings from {first} to {last}" if first != last else f"postings of {first}"
    if covers.get("open_now"):
        line += f"; open at the newest fetch ({covers.get('as_of') or 'unknown'}): {covers['open_now']:,}"
    return line
