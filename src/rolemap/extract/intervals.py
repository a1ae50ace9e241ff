"""Questions the rules ask about many places of one text, each answered in logarithmic time from an index
built once: whether some interval holds a stretch whole (`Cover`), and where the nearest separator before
or after an offset stands (`Marks`). A rule that asks them once per anchor stays linear in the text,
however many anchors a hostile text packs in; a scan or a search per anchor would make it quadratic.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from functools import cache
from itertools import accumulate

_PROBE = 256  # characters looked at directly before the index is built: most answers are that near


class Cover:
    """Intervals [lo, hi); `covers(start, end)` is whether one of them holds [start, end) whole."""

    def __init__(self, intervals: Iterable[tuple[int, int]]) -> None:
        pairs = sorted(intervals)
        self._los = [lo for lo, _ in pairs]
        self._reach = list(accumulate((hi for _, hi in pairs), max))  # the furthest end so far

    def covers(self, start: int, end: int) -> bool:
        i = bisect_right(self._los, start)
        return i > 0 and self._reach[i - 1] >= end


class Marks:
    """Where any of a few characters (a space, a line break, white space) stands in a text.
    `last_before` and `first_from` look a few hundred characters around the offset first and build the
    index of every such place only when that is not enough, so a normal text never pays for it."""

    def __init__(self, text: str, chars: str) -> None:
        self.text = text
        self._chars = chars
        self._pattern = _any_of(chars)
        self._at: list[int] | None = None

    def last_before(self, offset: int) -> int:
        """The last place before offset, or -1: `text.rfind(char, 0, offset)` for any of the characters."""
        offset = max(0, min(offset, len(self.text)))
        low = max(0, offset - _PROBE)
        if len(self._chars) == 1:
            last = self.text.rfind(self._chars, low, offset)
        else:
            last = max(self.text.rfind(c, low, offset) for c in self._chars)
        if last != -1 or low == 0:
            return last
        at = self._index()
        i = bisect_left(at, offset)
        return at[i - 1] if i else -1

    def first_from(self, offset: int, default: int) -> int:
        """The first place at or after offset, or default: `text.find(char, offset)` for any of them."""
        high = offset + _PROBE
        m = self._pattern.search(self.text, offset, high)
        if m is not None:
            return m.start()
        if high >= len(self.text):
            return default
        at = self._index()
        i = bisect_left(at, offset)
        return at[i] if i < len(at) else default

    def _index(self) -> list[int]:
        if self._at is None:
            self._at = [m.start() for m in self._pattern.finditer(self.text)]
        return self._at


@cache
def _any_of(chars: str) -> re.Pattern[str]:
    return re.compile("[" + re.escape(chars) + "]")


# What the regex class \s matches (str.isspace): the characters that end a run of non-space ones.
WHITE_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
