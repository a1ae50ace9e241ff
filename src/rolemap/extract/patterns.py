"""Compile word-list phrases into regexes once; every rule module builds on these two helpers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span


def phrase_regex(phrases: Iterable[str]) -> re.Pattern[str]:
    """One alternation of regex fragments, on word boundaries, case-insensitive."""
    body = "|".join(f"(?:{p})" for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{body})(?![\w])", re.I)


@cache
def wordlist_regex(list_name: str, key: str) -> re.Pattern[str]:
    return phrase_regex(load_wordlist(list_name)[key])


def spans_of(pattern: re.Pattern[str], text: str, limit: int = 5) -> list[Span]:
    out: list[Span] = []
    for m in pattern.finditer(text):
        out.append(Span(m.start(), m.end(), m.group(0)))
        if len(out) >= limit:
            break
    return out
