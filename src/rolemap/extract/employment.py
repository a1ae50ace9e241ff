"""full_time / part_time / contract / internship / temporary from the words a posting uses."""

from __future__ import annotations

from rolemap.extract.patterns import wordlist_regex
from rolemap.models import Span

_KINDS = ("internship", "contract", "part_time", "temporary", "full_time")


def detect_employment_type(text: str, title_end: int) -> tuple[str | None, tuple[Span, ...]]:
    """A word in the title decides first; otherwise the earliest mention in the text."""
    found: list[tuple[bool, int, str, Span]] = []
    for kind in _KINDS:
        m = wordlist_regex("employment_type", kind).search(text)
        if m:
            found.append((m.start() >= title_end, m.start(), kind, Span(m.start(), m.end(), m.group(0))))
    if not found:
        return None, ()
    _, _, kind, span = min(found, key=lambda f: (f[0], f[1]))
    return kind, (span,)
