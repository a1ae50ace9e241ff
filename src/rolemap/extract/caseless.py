"""Case-insensitive patterns that run fast on ASCII text.

Python's regex engine runs a case-insensitive pattern by entering each alternative at each place and
lowering every character it compares; a case-sensitive one skips an alternative whose first letter differs
at C speed. On ASCII text the two agree: matching a pattern case-insensitively is matching the lowercased
text with the pattern as written, when the pattern names no capital letter, no character that folds to an
ASCII letter ("ſ", "K" the Kelvin sign, "İ", "ı"), no back-reference and no flag of its own. Every character
test then reads the same, and lowercasing ASCII text keeps every offset. Other text, and any other pattern,
take the compiled (?i) pattern itself.

A match found on ASCII text is a match of the lowercased text: its offsets are the text's, its groups'
strings are lowercase. Read a group's own text by slicing the text with the match's offsets.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Sequence
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any, TypeVar

# The non-ASCII characters that a case-insensitive pattern matches with an ASCII letter (and so the ASCII
# letters i, k and s match them): checked over every code point by a test.
FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")
_WHOLE = sys.maxsize
T = TypeVar("T")
_SHORT = 200  # characters: a title or a line is lowercased at each search, a longer text once


class Caseless:
    """`re.compile("(?i)" + source)`, searched through the lowercased text when the text is ASCII."""

    __slots__ = ("_lower", "pattern", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self.pattern = re.compile(f"(?i){source}")
        self._lower = re.compile(source) if reads_the_same_lowercased(source) else None

    def _subject(self, text: str) -> tuple[re.Pattern[str], str]:
        if self._lower is None or not text.isascii():  # isascii() reads a flag of the string: O(1)
            return self.pattern, text
        return self._lower, _lowered(text)

    def search(self, text: str, pos: int = 0, endpos: int = _WHOLE) -> re.Match[str] | None:
        # _subject written out: the role readers search titles this way some 20 times a posting
        lower = self._lower
        if lower is None or not text.isascii():
            return self.pattern.search(text, pos, endpos)
        return lower.search(text.lower() if len(text) <= _SHORT else _lowered(text), pos, endpos)

    def fullmatch(self, text: str, pos: int = 0, endpos: int = _WHOLE) -> re.Match[str] | None:
        pattern, subject = self._subject(text)
        return pattern.fullmatch(subject, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = _WHOLE) -> Iterator[re.Match[str]]:
        pattern, subject = self._subject(text)
        return pattern.finditer(subject, pos, endpos)


# The last long ASCII text searched and its lowercase form, swapped as one pair.
_last: tuple[str, str] = ("", "")


def _lowered(text: str) -> str:
    if len(text) <= _SHORT:
        return text.lower()
    # A posting is searched window by window, as many times as it has anchors: lowercased once.
    global _last
    last = _last  # read once: another thread may swap it
    if last[0] is not text:
        last = _last = (text, text.lower())
    return last[1]


def first_found(named: Sequence[tuple[T, Caseless]], text: str) -> T | None:
    """The name of the first pattern that finds a match in `text`, in their order: `pattern.search(text)`
    for each, with a title lowercased once for all of them rather than once a pattern."""
    if not text.isascii():
        return next((name for name, caseless in named if caseless.pattern.search(text)), None)
    lowered = text.lower()
    for name, caseless in named:
        lower = caseless._lower
        if lower.search(lowered) if lower is not None else caseless.pattern.search(text):
            return name
    return None


def reads_the_same_lowercased(source: str) -> bool:
    """Whether `source` matched case-sensitively against lowercased ASCII text finds what "(?i)" + source
    finds in the text: no capital letter or character folding to an ASCII letter in a literal or a set, no
    back-reference, no flag set inside the pattern. Anything the check does not know is a no."""
    try:
        parsed = _parser.parse(source)
    except re.error:
        return False
    return parsed.state.flags & ~sre.SRE_FLAG_UNICODE == 0 and _items_read_the_same(parsed)


# The parser's items are (opcode, argument) pairs whose argument's shape depends on the opcode.
def _items_read_the_same(items: Any) -> bool:
    return all(_item_reads_the_same(op, av) for op, av in items)


def _item_reads_the_same(op: Any, av: Any) -> bool:
    if op in (sre.LITERAL, sre.NOT_LITERAL):
        return _lowercase(av)
    if op is sre.IN:
        return all(_set_item_reads_the_same(o, a) for o, a in av)
    if op in (sre.ANY, sre.AT, sre.CATEGORY):
        return True
    if op is sre.BRANCH:
        return all(_items_read_the_same(branch) for branch in av[1])
    if op is sre.SUBPATTERN:  # (group, flags added, flags removed, items)
        return av[1] == 0 and av[2] == 0 and _items_read_the_same(av[3])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):  # (min, max, items)
        return _items_read_the_same(av[2])
    if op in (sre.ASSERT, sre.ASSERT_NOT):  # (direction, items)
        return _items_read_the_same(av[1])
    if op is sre.ATOMIC_GROUP:
        return _items_read_the_same(av)
    return False  # back-references, conditionals and whatever else: the (?i) pattern


def _set_item_reads_the_same(op: Any, av: Any) -> bool:
    if op is sre.LITERAL:
        return _lowercase(av)
    if op is sre.RANGE:
        low, high = av
        return (high < ord("A") or low > ord("Z")) and not any(low <= ord(c) <= high for c in FOLDS_TO_ASCII)
    return op in (sre.NEGATE, sre.CATEGORY)


def _lowercase(code: int) -> bool:
    """A character that matches the same ASCII characters with and without (?i), once they are lowercased:
    not a capital, and not one that folds to an ASCII letter."""
    char = chr(code)
    return not ("A" <= char <= "Z") and char not in FOLDS_TO_ASCII
