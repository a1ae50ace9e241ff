"""The postings of a lane as a list: filtered by the same lane as the market figures (so a list and its
role page always count the same postings), narrowed by full-text search, sorted and cut into pages.
Everything but the search runs on the market frame; sort orders are computed once per frame."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from rolemap.analytics.covers import rows_covers
from rolemap.analytics.frame import MarketFrame
from rolemap.analytics.lane import Lane, select
from rolemap.analytics.pay import PayScale

SORTS = ("newest", "oldest", "title", "company", "salary")
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class ListedPosting:
    id: str
    title: str
    company: str
    location: str
    posted: str
    source: str
    seniority: str
    language: str
    work_model: str
    salary_yearly: float | None  # in the pay scale's currency, the middle of the stated range
    # the frame's freshness rule (analytics/freshness.py), the one meaning of "open" on every page: a board
    # posting until the board drops it, any other for the month it was posted, at the store's newest fetch
    is_open: bool
    snippet: str = ""  # the start of the text, filled in by whoever reads the store
    roles: list[str] = field(default_factory=list)  # a posting with several roles: those in the lane


@dataclass(frozen=True)
class PostingPage:
    lane: str
    query: str
    sort: str
    page: int
    limit: int
    total: int
    items: list[ListedPosting]
    covers: dict[str, Any] = field(default_factory=dict)  # what the whole list rests on (analytics/covers.py)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))

    def as_dict(self) -> dict[str, object]:
        return {**asdict(self), "pages": self.pages}


class Listing:
    """Sort orders and the id → row map of one frame, built on first use and kept with the frame."""

    def __init__(self, frame: MarketFrame, scale: PayScale) -> None:
        self.frame, self.scale = frame, scale
        self._orders: dict[str, np.ndarray] = {}
        self._rows: dict[str, int] | None = None
        self._lock = threading.Lock()

    def rows_of(self, ids: set[str]) -> np.ndarray:
        """A mask of the frame rows whose posting id is in `ids` (ids of duplicates are not rows), every
        role row of each."""
        with self._lock:
            if self._rows is None:
                self._rows = {pid: r for r, pid in reversed(list(enumerate(self.frame.strings("id")))) if pid}
        mask = np.zeros(self.frame.size, bool)
        hits = np.array([self._rows[i] for i in ids if i in self._rows], np.int64)
        mask[hits] = True
        if hits.size and "roles" in self.frame.table.column_names:  # a posting's rows are next to one
            many = self.frame.counts("roles")[hits]  # another, its first row the one mapped
            for offset in range(1, int(many.max())):
                mask[hits[many > offset] + offset] = True
        return mask

    def order(self, sort: str) -> np.ndarray:
        with self._lock:
            if sort not in self._orders:
                self._orders[sort] = self._sorted(sort)
            return self._orders[sort]

    def _sorted(self, sort: str) -> np.ndarray:
        if sort in ("newest", "oldest"):
            days = self.frame.dates("posted")
            number = days.astype("int64")
            key = np.where(np.isnat(days), np.iinfo(np.int64).max, -number if sort == "newest" else number)
            return np.argsort(key, kind="stable")  # undated last; ties in id order, the frame's order
        if sort == "salary":
            yearly = np.nan_to_num(self.scale.yearly, nan=-1.0)
            return np.argsort(-yearly, kind="stable")
        values = [(v or "").casefold() for v in self.frame.strings(sort)]
        return np.array(
            sorted(range(len(values)), key=lambda r: (values[r] == "", values[r])), dtype=np.int64
        )


def skill_terms(query: str) -> tuple[str, tuple[str, ...]]:
    """A search split into its words and the skills it names with symbols that full-text search cannot
    tell apart ("C#", "C++", ".NET", "F#" all index as the bare letters): those are matched on the
    postings' skills instead, so "C#" and "C++" find their own postings."""
    from rolemap.analytics.lane import skill_ids

    words, skills = [], []
    for piece in query.split():
        if not piece.replace("_", "").isalnum() and (found := skill_ids((piece,))[0]) != piece.lower():
            skills.append(found)
        else:
            words.append(piece)
    return " ".join(words), tuple(dict.fromkeys(skills))


def matching_rows(
    listing: Listing, lane: Lane, search_hits: set[str] | None = None, sort: str = "newest",
    skills: tuple[str, ...] = (),
) -> np.ndarray:  # fmt: skip
    """The frame rows of the lane (and of the search, when there is one, and of each skill it names) in
    the sort order, one a posting (its first role in the lane): what a list pages through. Worth keeping
    while the frame lasts: the next page is then a slice of it."""
    mask = select(listing.frame, lane)
    for skill in skills:  # "C++", "C#" name a language as often as a skill: either field's postings
        mask &= select(listing.frame, Lane(skill=(skill,))) | select(listing.frame, Lane(language=(skill,)))
    if search_hits is not None:
        mask &= listing.rows_of(search_hits)
    mask = listing.frame.first_rows(mask)
    order = listing.order(sort)
    return order[mask[order]].astype(np.int32)  # half the memory of int64 while it is kept


def page_of(
    listing: Listing, rows: np.ndarray, lane: Lane, query: str = "", sort: str = "newest",
    page: int = 1, limit: int = 20,
) -> PostingPage:  # fmt: skip
    """One page of `matching_rows`, each row read from the frame, with what the whole list covers."""
    start = (page - 1) * limit
    shown = rows[start : start + limit]
    cells = (
        listing.frame.table.select(_shown(listing.frame)).take(shown).to_pylist()
    )  # the page's rows, read once
    items = [_listed(row, listing.scale.yearly[r]) for row, r in zip(cells, shown.tolist(), strict=True)]
    if any(int(row.get("roles") or 1) > 1 for row in cells):  # show the roles of the lane it hires for
        from dataclasses import replace

        from rolemap.analytics.market import roles_in_lane

        mask = select(listing.frame, lane)
        items = [
            replace(item, roles=roles_in_lane(listing.frame, mask, r))
            for item, r in zip(items, shown.tolist(), strict=True)
        ]
    return PostingPage(
        lane.describe(),
        query,
        sort,
        page,
        limit,
        int(rows.size),
        items,
        rows_covers(listing.frame, rows, (lane.since, lane.until)),
    )


_SHOWN = ["id", "title", "company", "location", "posted", "source", "seniority", "primary_language",
          "work_model", "is_open"]  # fmt: skip


def _shown(frame: MarketFrame) -> list[str]:
    return [*_SHOWN, "roles"] if "roles" in frame.table.column_names else _SHOWN


def _listed(row: dict[str, object], yearly: float) -> ListedPosting:
    def cell(column: str) -> str:
        value = row[column]
        return "" if value is None else str(value)

    return ListedPosting(
        id=cell("id"),
        title=cell("title"),
        company=cell("company"),
        location=cell("location"),
        posted=cell("posted"),
        source=cell("source"),
        seniority=cell("seniority"),
        language=cell("primary_language"),
        work_model=cell("work_model"),
        salary_yearly=None if np.isnan(yearly) else round(float(yearly)),
        is_open=bool(row["is_open"]),
    )
