"""The six levels, from the title first and from the years asked when the title says nothing
(../shared/eval/LABELING.md: 0–1 junior, 2–4 mid, 5–7 senior, 8+ senior or staff)."""

from __future__ import annotations

import re
from functools import cache

from rolemap.extract.patterns import phrase_regex
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span

_STAFF_SCOPE = re.compile(
    r"\b(?:architect\w*|lead(?:ing)? (?:a |the )?(?:team|engineers)|technical leadership|"
    r"mentor\w* (?:senior|other) engineers)\b",
    re.I,
)


@cache
def _title_rules() -> list[tuple[str, re.Pattern[str]]]:
    words = load_wordlist("seniority_title")
    return [(level, phrase_regex(words[level])) for level in words["order"]]


def detect_seniority(
    text: str, title_end: int, years: dict[str, int | None] | None, years_spans: tuple[Span, ...]
) -> tuple[str | None, tuple[Span, ...]]:
    title = text[:title_end]
    for level, pattern in _title_rules():
        m = pattern.search(title)
        if m:
            return level, (Span(m.start(), m.end(), m.group(0)),)
    if years and years.get("min") is not None:
        return _level_from_years(int(years["min"] or 0), text), years_spans
    return None, ()


def _level_from_years(lo: int, text: str) -> str:
    if lo <= 1:
        return "junior"
    if lo <= 4:
        return "mid"
    if lo <= 7:
        return "senior"
    return "staff" if _STAFF_SCOPE.search(text) else "senior"
