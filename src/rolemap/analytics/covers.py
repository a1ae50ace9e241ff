"""What a list of postings rests on: the months its postings were open and how many it holds, stated beside
every list (`rolemap list`, `tracker`, `near-dups`, `watch`, the web's /postings and /tracker) as the role
page states it for its figures.

A list's `covers` record: {"from": "2013-08", "to": "2018-04", "postings": n, "open_now": k, "as_of": day}.
"from" and "to" are the first and last month a posting of the list was open, by the frame's freshness rule
(analytics/freshness.py: a board posting until the board drops it, any other for the month it was posted);
"open_now" counts those open at the store's reference date "as_of" (the day of its newest fetch). A list cut
from the market frame reads its spans from the frame (a folded series of reposts spans its months); a list
of saved or compared postings reads each posting's own dates from the store, by the same rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rolemap.agreement import counted
from rolemap.analytics.freshness import Window, coverage, coverage_line, days, open_months, open_spans

if TYPE_CHECKING:
    import numpy as np

    from rolemap.analytics.frame import MarketFrame
    from rolemap.analytics.lane import Lane
    from rolemap.store.db import Store

# The one meaning of "open" (analytics/freshness.py), in the words of docs/market.md ("Freshness"): the
# `--open` filter's help, the web's `open` parameter and its filter form say it alike.
OPEN_MEANING = (
    "open at the store's newest fetch: a board posting until the board drops it, any other (a Hacker News "
    "post, a file) for the month it was posted ($ROLEMAP_OPEN_MONTHS: more months)"
)
# The dates freshness.open_spans reads, as the market frame reads them; `{where}` picks the postings.
_DATES_SQL = "SELECT board, posted_at, first_seen, last_seen, closed_at FROM postings WHERE {where}"
# The reference date of "open now", as the frame takes it: the newest fetch of the postings it counts.
_REFERENCE_SQL = (
    "SELECT max(last_seen) FROM postings WHERE duplicate_of IS NULL AND near_duplicate_of IS NULL"
)
_CHUNK = 500  # ids a query names at once


def lane_covers(frame: MarketFrame, lane: Lane) -> dict[str, Any]:
    """The covers of a lane's postings, as `rolemap list` and `watch` list them."""
    from rolemap.analytics.lane import select

    return mask_covers(frame, select(frame, lane), (lane.since, lane.until))


def mask_covers(frame: MarketFrame, mask: np.ndarray, window: Window = (None, None)) -> dict[str, Any]:
    """The covers of the postings of the frame rows in `mask` (rows are roles: a posting hiring two of the
    lane's roles is one posting of the list): freshness.coverage, the role page's own function, with the
    count; its months inside the lane's `window`."""
    mask = frame.first_rows(mask)
    found = coverage(frame, mask, window)
    return _covers(found["first"], found["last"], int(mask.sum()), found["open_now"], found["as_of"])


def rows_covers(frame: MarketFrame, rows: np.ndarray, window: Window = (None, None)) -> dict[str, Any]:
    """The covers of the frame rows listed in `rows` (row numbers, as a sorted listing holds them)."""
    import numpy as np

    mask = np.zeros(frame.size, bool)
    mask[rows] = True
    return mask_covers(frame, mask, window)


def posting_covers(store: Store, ids: Sequence[str] | None = None) -> dict[str, Any]:
    """The covers of the postings with these ids (the saved ones of the tracker), or, without ids, of every
    posting that is not an exact copy (what `rolemap near-dups` compares); each by its own dates."""
    import datetime as dt

    import numpy as np

    from rolemap.errors import StoreError

    wanted = list(dict.fromkeys(ids)) if ids is not None else None
    try:
        with store.read() as conn:
            rows, reference = _read_dates(conn, wanted)
    except Exception as e:  # the store's driver errors, named for the user
        raise StoreError(f"{store.describe()}: cannot read the postings' dates ({e})") from e
    as_of = days([reference])[0]
    today = as_of.astype(object) if not np.isnat(as_of) else dt.date.today()
    if not rows:
        return _covers(None, None, 0, 0, today.isoformat())
    board, posted, first_seen, last_seen, closed = zip(*rows, strict=True)
    start, end, is_open = open_spans(
        np.array([b is not None for b in board], bool),
        days(posted),
        days(first_seen),
        days(last_seen),
        days(closed),
        open_months(),
        today,
    )
    dated = ~np.isnat(start) & ~np.isnat(end)
    first = str(start[dated].min().astype("datetime64[M]")) if dated.any() else None
    last = str(end[dated].max().astype("datetime64[M]")) if dated.any() else None
    return _covers(first, last, len(rows), int(is_open.sum()), today.isoformat())


def _read_dates(conn: Any, ids: list[str] | None) -> tuple[list[tuple[Any, ...]], Any]:
    """The postings' dates and the store's reference date, in one read."""
    from sqlalchemy import bindparam, text

    if ids is None:
        rows = [tuple(r) for r in conn.execute(text(_DATES_SQL.format(where="duplicate_of IS NULL")))]
    else:
        query = text(_DATES_SQL.format(where="id IN :ids")).bindparams(bindparam("ids", expanding=True))
        rows = [
            tuple(r)
            for start in range(0, len(ids), _CHUNK)
            for r in conn.execute(query, {"ids": ids[start : start + _CHUNK]})
        ]
    return rows, conn.execute(text(_REFERENCE_SQL)).scalar()


def _covers(first: str | None, last: str | None, n: int, open_now: int, as_of: str | None) -> dict[str, Any]:
    return {"from": first, "to": last, "postings": n, "open_now": open_now, "as_of": as_of}


def covers_line(covers: dict[str, Any]) -> str:
    """ "412 postings from 2013-08 to 2018-04" (then "; open at the newest fetch (…): k" when some are):
    the role page's coverage_line, with the list's count."""
    if not covers:
        return ""
    n = covers.get("postings", 0)
    if not n:
        return "no postings"
    line = coverage_line(
        {"first": covers.get("from"), "last": covers.get("to"), "open_now": covers.get("open_now"),
         "as_of": covers.get("as_of")}
    )  # fmt: skip
    if line.startswith("postings "):  # "postings from 2013-08 to 2018-04", "postings of 2017-03"
        return f"{counted(n, 'posting')} {line.removeprefix('postings ')}"
    return f"{counted(n, 'posting')}, none dated"
