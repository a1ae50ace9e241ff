"""A posting's date as sources write it, made the ISO date every period figure reads (analytics/periods.py).

ISO dates and times pass through as written ("2024-04-17", "2026-10-27T09:00:00-04:00"). A Unix time in
seconds or milliseconds (LinkedIn's "1713397508000.0", Ashby's `publishedAt` sent as a number), a year first
with slashes or dots ("2024/02/04"), a day first with dots ("04.02.2024", as European sheets write it), a
month's name ("Feb 4, 2024", "4 February 2024") and a date with slashes ("02/04/2024": month first, as the
US boards rolemap reads write it, unless the first number is past 12) become the ISO date. Anything else
("yesterday", "2024-13-45") is no date: the caller keeps what was written beside the posting.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

_EPOCH = re.compile(r"\d{9,13}(?:\.0+)?")
_LEADING_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?=[T ])")
_YEAR_FIRST = re.compile(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})")
_DAY_FIRST_DOTS = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")
_SLASHES = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_NAMED_MONTH = ("%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y", "%b %d %Y", "%B %d %Y")
_YEARS = range(1990, 2101)  # job boards' dates; a year outside is a broken field


def posted_date(value: str) -> str | None:
    """The ISO form of a posting's date, or None when `value` is no date (see the module docstring)."""
    text = value.strip()
    if not text:
        return None
    if _EPOCH.fullmatch(text):
        seconds = float(text)
        moment = datetime.fromtimestamp(seconds / 1000 if seconds > 1e11 else seconds, UTC)
        return moment.date().isoformat() if moment.year in _YEARS else None
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00") if text.endswith("Z") else text)
    except ValueError:
        return _written_date(text) or _leading_iso_date(text)
    return text if when.year in _YEARS else None


def _leading_iso_date(text: str) -> str | None:
    """ "2024-05-01 10:00:00 UTC", "2024-05-01T10:00:00+00:00[UTC]": an ISO date with a time no parser
    reads after it is still that day."""
    m = _LEADING_ISO.match(text)
    return _iso(int(m[1]), int(m[2]), int(m[3])) if m else None


def _written_date(text: str) -> str | None:
    if m := _YEAR_FIRST.fullmatch(text):
        return _iso(int(m[1]), int(m[2]), int(m[3]))
    if m := _DAY_FIRST_DOTS.fullmatch(text):
        return _iso(int(m[3]), int(m[2]), int(m[1]))
    if m := _SLASHES.fullmatch(text):
        first, second, year = int(m[1]), int(m[2]), int(m[3])
        return _iso(year, second, first) if first > 12 else _iso(year, first, second)
    for form in _NAMED_MONTH:
        try:
            when = datetime.strptime(text.replace(".", ""), form)
        except ValueError:
            continue
        return _iso(when.year, when.month, when.day)
    return None


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat() if year in _YEARS else None
    except ValueError:
        return None
