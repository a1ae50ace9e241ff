"""Patterns searched only where the fixed words every match holds occur.

A pattern that opens with `\\b` or a lookbehind gives Python's regex engine no first character to look
for: it enters the pattern at every place of the text, a scan of the whole window per pattern even when
the text holds no "At …" or "I'm the founder of …" at all. A pattern that opens with fixed words is
looked for at C speed. So each such pattern carries gates, small patterns that open with fixed words, one
of which matches inside every match of it; where no gate matches in the window, the pattern is not run.
What a search finds is the pattern's own result: the gates only say when there is nothing to find.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

_WHOLE = sys.maxsize
_SPECIAL = frozenset(".^$*+?{}[]\\|()")  # the characters that make a gate more than plain words


class Gated:
    """`pattern`, run on text[pos:endpos] only when one of its `gates` matches there. Every match of
    `pattern` must hold a match of a gate inside the window (what a lookbehind reads before the window does
    not count); each gate opens with a fixed string, which the engine looks for at C speed."""

    __slots__ = ("gates", "pattern", "words")

    def __init__(self, pattern: str, *gates: str) -> None:
        if not gates:
            raise ValueError(f"a gated pattern needs a gate: {pattern!r}")
        self.pattern = re.compile(pattern)
        # a gate of plain words ("Since ", "I work") is looked for with str.find, without the regex machinery
        self.words = tuple(gate for gate in gates if not _SPECIAL.intersection(gate))
        self.gates = tuple(re.compile(gate) for gate in gates if _SPECIAL.intersection(gate))

    def may_match(self, text: str, pos: int = 0, endpos: int = _WHOLE) -> bool:
        """False when no match can stand in text[pos:endpos]."""
        for word in self.words:
            if text.find(word, pos, endpos) != -1:
                return True
        return any(gate.search(text, pos, endpos) is not None for gate in self.gates)

    def search(self, text: str, pos: int = 0, endpos: int = _WHOLE) -> re.Match[str] | None:
        return self.pattern.search(text, pos, endpos) if self.may_match(text, pos, endpos) else None

    def finditer(self, text: str, pos: int = 0, endpos: int = _WHOLE) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text, pos, endpos) if self.may_match(text, pos, endpos) else iter(())
