"""Reposts: a company posting the same role again (next month's Hacker News thread, a board re-listing it)
with its text edited enough that the near-duplicate grouping by text (near_dups.py) misses it. Counted each
time, one company's monthly reposts fill a lane's pay and shares (issue 17: 9 of the 16 salaries of a
"migration" cell were one company's reposts).

Two postings are the same job when they have
- the same company (case and spacing folded); a posting with no company is never folded;
- the same role families (the set of them) and the same level (an unknown level is a level of its own);
- similar titles: the Jaccard similarity of their title words is at least `TITLE_SIMILARITY` (0.5: half of
  the words the two titles hold are in both). Words are case-folded with a plural "s" dropped; level words
  (the level is compared on its own) and the filler of headers and sentences ("we're hiring", "full time",
  "remote") are left out (data/title_words.json). A title with no word left is never folded: nothing shows it
  is the same role;
- no sign of another place: two postings naming countries, none of them shared, are two jobs (a company
  hiring the same role in Berlin and in New York), and so are two posted in the same month naming cities,
  none of them shared (SKF's "Manufacturing Engineer | Ladson, SC" and "… | Dexter, MI", listed the same
  week: 6 of the 8 postings the LinkedIn sample had folded; months apart, another city may be the job moving:
  a Hacker News post of Berkeley, then of Indianapolis); a posting naming none fits any;
- and a posting date at most `REPOST_MONTHS` (6) months after the previous posting of the series.

Series are made in date order: a posting joins the series of the bucket (company, families, level) whose
newest posting is within the window and whose newest title is the most similar to its own (the earliest such
series on a tie); otherwise it starts a series. So a role reposted every month for two years is one series,
and a role posted again after a gap longer than the window is a new job. Plain Python over plain columns, so
the market frame and `rolemap info` (the standard sqlite3 module alone) count the same reposts.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from operator import itemgetter
from typing import TYPE_CHECKING, Any

if (
    TYPE_CHECKING
):  # the frame passes its numpy columns; nothing here imports numpy (`info` reads with sqlite3)
    import numpy as np

REPOST_MONTHS = 6
TITLE_SIMILARITY = 0.5
ENV_MONTHS = "ROLEMAP_REPOST_MONTHS"  # the window, for a store whose source reposts at another rhythm
_WORD = re.compile(r"[\w+#]+(?:['’.-][\w+#]+)*")

# The columns the grouping reads, as the market frame reads them (frame.py), for a reader without the frame.
REPOST_SQL = (
    "SELECT p.id, e.company, COALESCE(e.title, p.title), e.seniority, p.posted_at "
    "FROM postings p JOIN extractions e ON e.posting_id = p.id "
    "WHERE p.duplicate_of IS NULL AND p.near_duplicate_of IS NULL AND e.company IS NOT NULL"
)
LABELS_SQL = (
    "SELECT posting_id, field, value FROM posting_labels WHERE field IN ('family', 'country', 'city')"
)


def company_fold(name: str | None) -> str:
    """A company as the market compares it: spacing and case folded, and an article opening the name
    ("The Bivium Group" and "Bivium Group", as postings write one firm either way)."""
    return _THE.sub("", " ".join((name or "").split())).casefold()


_THE = re.compile(r"^the\s+", re.IGNORECASE)


def repost_months() -> int:
    """The window in months: `ROLEMAP_REPOST_MONTHS` when set (0 turns folding off), else REPOST_MONTHS."""
    raw = os.environ.get(ENV_MONTHS, "").strip()
    if not raw:
        return REPOST_MONTHS
    if not raw.isdigit() or int(raw) > 120:
        from rolemap.errors import InputError

        raise InputError(f"${ENV_MONTHS}={raw!r}: give a whole number of months from 0 to 120")
    return int(raw)


@cache
def _ignored() -> frozenset[str]:
    raw = resources.files("rolemap.analytics").joinpath("data/title_words.json").read_text(encoding="utf-8")
    return frozenset(json.loads(raw)["ignore"])


@cache
def title_words(title: str) -> frozenset[str]:
    """The words that name the role: "Senior Backend Engineers (Go), full time" → {backend, engineer, go}."""
    words = set()
    for word in _WORD.findall(title.casefold()):
        if word in _ignored():
            continue
        if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
            word = word[:-1]
        words.add(word)
    return frozenset(words)


def title_similarity(a: str, b: str) -> float:
    """The Jaccard similarity of two titles' words (0 when either has none)."""
    return _jaccard(title_words(a), title_words(b))


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def _month(posted: Any) -> int | None:
    """Months since year 0 of a date (or an ISO date string); None without one."""
    if isinstance(posted, str):
        try:
            posted = dt.date.fromisoformat(posted[:10])
        except ValueError:
            return None
    if isinstance(posted, dt.date):
        return posted.year * 12 + posted.month - 1
    return None


def repost_groups(
    companies: Sequence[str | None],
    families: Sequence[frozenset[str]],
    levels: Sequence[str | None],
    titles: Sequence[str | None],
    posted: Sequence[Any],
    months: int | None = None,
    threshold: float = TITLE_SIMILARITY,
    countries: Sequence[frozenset[str]] | None = None,
    cities: Sequence[frozenset[str]] | None = None,
) -> list[int]:
    """Each row's series: the row number of the series' earliest posting (its own number when it starts one
    or is never folded). `posted` holds dates or ISO strings; rows are otherwise in any order. `countries`
    and `cities` (the frame's "Ladson, US"), when given, part postings that name places none of which the
    series has named."""
    places = countries if countries is not None else [frozenset()] * len(companies)
    towns = cities if cities is not None else [frozenset()] * len(companies)
    window = repost_months() if months is None else months
    group = list(range(len(companies)))
    if window <= 0:
        return group
    spelled: dict[str | None, str] = {}  # names and dates repeat: each is read once
    names = [spelled.get(c) or spelled.setdefault(c, company_fold(c)) for c in companies]
    postings_of = Counter(names)
    month_of: dict[Any, int | None] = {}
    keyed = []
    for i, name in enumerate(names):
        if not name or postings_of[name] < 2:  # a company seen once has nothing to fold
            continue
        day = posted[i]
        month = month_of[day] if day in month_of else month_of.setdefault(day, _month(day))
        words = title_words(titles[i] or "")
        if month is not None and words:
            keyed.append((month, i, (name, families[i], levels[i] or ""), words, places[i], towns[i]))
    keyed.sort(key=itemgetter(0, 1))
    # each open series: [newest month, newest title's words, first row, countries and cities named so far]
    open_series: dict[tuple[str, frozenset[str], str], list[list[Any]]] = {}
    for month, i, key, words, where, town in keyed:
        series = open_series.setdefault(key, [])
        series[:] = [s for s in series if month - s[0] <= window]
        best, best_score = None, threshold
        for s in series:
            if (where and s[3] and where.isdisjoint(s[3])) or (
                town and s[4] and month == s[0] and town.isdisjoint(s[4])
            ):
                # another country, or another city the same month: another job (two listings open at once
                # are no repost of each other; a later one naming another city may be the job moving)
                continue
            score = 1.0 if s[1] == words else _jaccard(s[1], words)
            if score >= best_score and (best is None or score > best_score):
                best, best_score = s, score
        if best is None:
            series.append([month, words, i, where, town])
        else:
            best[0], best[1], best[3], best[4] = month, words, best[3] | where, best[4] | town
            group[i] = best[2]
    return group


def folded(groups: Sequence[int]) -> int:
    """How many rows are reposts folded into an earlier posting of their series."""
    return sum(1 for i, g in enumerate(groups) if g != i)


def count_reposts(dbapi_connection: Any, months: int | None = None) -> int:
    """The reposts the market frame folds, read with any DB-API connection (sqlite3 alone for `info`)."""
    rows = _fetch(dbapi_connection, REPOST_SQL)
    if not rows:
        return 0
    labels: dict[tuple[str, str], set[str]] = {}
    for posting_id, field, value in _fetch(dbapi_connection, LABELS_SQL):
        labels.setdefault((field, posting_id), set()).add(value)
    ids, companies, titles, levels, posted = zip(*rows, strict=True)
    fams = [frozenset(labels.get(("family", i), ())) for i in ids]
    places = [frozenset(labels.get(("country", i), ())) for i in ids]
    cities = [frozenset(labels.get(("city", i), ())) for i in ids]
    return folded(
        repost_groups(companies, fams, levels, titles, posted, months, countries=places, cities=cities)
    )


def _fetch(dbapi_connection: Any, sql: str) -> list[tuple[Any, ...]]:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(sql)
        return [tuple(r) for r in cursor.fetchall()]
    finally:
        cursor.close()


def series_rows(
    groups: Sequence[int] | np.ndarray,
    day: Sequence[Any] | np.ndarray,
    salaried: Sequence[bool] | np.ndarray,
    folded: Iterable[int] | None = None,
) -> dict[int, list[int]]:
    """Each series of several postings as (the row kept for the job → every row of the series). The row kept
    is the series' earliest posting that states a salary, else its earliest (a job keeps its pay when any
    of its postings gave it); ties in row order. `day` holds each row's sort key for its posting day
    (undated last); `folded`, when known, the rows whose group is another row (the rest stand alone), so a
    store of a million rows is not walked in Python. Rows not in the answer stand alone."""
    series: dict[int, list[int]] = {}
    for i in range(len(groups)) if folded is None else folded:
        g = int(groups[i])
        if g != i:
            series.setdefault(g, [g]).append(i)
    kept: dict[int, list[int]] = {}
    for first, rows in series.items():
        rows.sort(key=lambda r: (day[r], r))
        with_pay = [r for r in rows if salaried[r]]
        kept[with_pay[0] if with_pay else first] = rows
    return kept
