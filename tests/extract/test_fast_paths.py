"""The extractor's fast paths answer exactly as the plain code they stand in for: each is checked against
that plain code (kept here as the reference) on generated text and on the word lists' own phrases."""

from __future__ import annotations

import re
from collections import defaultdict

import ahocorasick
from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.extract.intervals import Marks
from rolemap.extract.phrases import MAX_HITS, PhraseBook, _scan_capped, phrase_book, search_copy
from rolemap.extract.role_lines import _FIELD_LINE, field_lines
from rolemap.extract.salary import (
    _CODES,
    _FIRST_CHARACTERS,
    _MONEY,
    _MULT,
    _NUM,
    _PERIOD_WORDS,
    _SYMBOLS,
)
from rolemap.extract.sections import HEADING_KINDS, _heading_lines, sentence_bounds
from rolemap.extract.skills import _DEGREE_WORD, _FIELD_OF_STUDY, _STUDY_REACH
from rolemap.extract.years import _OPENING, _YEARS


def _text_of(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces) | st.text(max_size=3), max_size=25).map("".join)


# sentence_bounds before its patterns opened with a character set (and a full stop glued to a number ends one)
_OLD_END = re.compile(
    r"[.!?;](?=\s|[A-Z])|(?<=[a-z])\.(?=\d)|\n|(?<=[a-z])(?=[A-Z][a-z])"
    r"|(?<=[a-z)])(?=\d{1,2}\+?(?:\s?(?:-|–|to)\s?\d{1,2}\+?)?\s?(?:years?|yrs)\b)"
)
# in prose a dot between capitals is a name's ("ASP.NET"), not a seam ("experience.The")
_OLD_END_IN_PROSE = re.compile(r"[.!?](?=\s)|(?<=[a-z])[.!?](?=[A-Z][a-z])|\n")


def _old_sentence_bounds(text: str, start: int, end: int, glued: bool, reach: int) -> tuple[int, int]:
    pattern = _OLD_END if glued else _OLD_END_IN_PROSE
    left = max(0, start - reach)
    for m in pattern.finditer(text, left, start):
        left = m.end()
    right_limit = min(len(text), end + reach)
    stop = pattern.search(text, end, right_limit)
    return left, stop.start() if stop else right_limit


_PROSE = [
    "a",
    "Z",
    "Ab",
    "cD",
    ".",
    "!",
    "?",
    ";",
    "\n",
    " ",
    "\t",
    "é",
    "Node.js",
    "3.5",
    "requiredBroad",
    "preferred.3",
    "ASP.NET",
    "done.The",
]


@settings(max_examples=500)
@given(_text_of(_PROSE), st.integers(0, 60), st.integers(0, 10), st.integers(0, 30), st.booleans())
def test_sentence_bounds_as_before(text, start, width, reach, glued):
    start = min(start, len(text))
    end = min(start + width, len(text))
    assert sentence_bounds(text, start, end, glued, reach) == _old_sentence_bounds(
        text, start, end, glued, reach
    )


_FIELDS = [
    "\n",
    "Title",
    "Positions",
    "job ",
    "hiring",
    "We're hiring for",
    " ",
    "\t",
    ":",
    "- ",
    "Engineer",
    "x",
]


@settings(max_examples=500)
@given(_text_of(_FIELDS), st.integers(0, 80), st.integers(0, 80))
def test_field_lines_are_the_field_line_pattern_s(text, start, end):
    start, end = sorted((min(start, len(text)), min(end, len(text))))
    expected = [m.span(1) for m in _FIELD_LINE.finditer(text, start, end)]
    assert list(field_lines(text, start, end)) == expected


_DEGREES = [
    "Bachelor's",
    "master",
    "MASTERS",
    "degree",
    "diploma",
    "B.S.",
    "BSc",
    "MS",
    "M.Sc",
    "BA",
    "Ph.D.",
]
_STUDY = [*_DEGREES, " in ", " of ", "(", ")", "computer science", ", ", "\n", "ph.degree", "ſ", "İ", "x"]


@settings(max_examples=500)
@given(_text_of(_STUDY))
def test_a_field_of_study_opens_at_a_degree_word(text):
    # a field of study is read only where a _DEGREE_WORD stands in reach: the pattern never matches without one
    for start in range(len(text) + 1):
        low = max(0, start - _STUDY_REACH)
        if _FIELD_OF_STUDY.search(text, low, start):
            assert _DEGREE_WORD.search(text, low, start)


def _capped(book: PhraseBook, text: str) -> tuple[dict[str, list], list]:
    found: dict[str, list] = defaultdict(list)
    extra: list = []
    _scan_capped(text, book._automaton.iter(search_copy(text)), found, extra)
    return dict(found), extra


@settings(max_examples=200)
@given(_text_of(["Remote", " remote", "remotely", "hybrid", "on-site", "5 years", "Java", "\n", " ", "-"]))
def test_a_scan_of_few_hits_keeps_what_the_counted_scan_keeps(text):
    hits = phrase_book().find(text)
    found, extra = _capped(phrase_book(), text)
    assert dict(hits._found) == found
    assert hits.extra == extra


def test_caps_hold_past_many_hits():
    # one literal, whole and open for the same tag: each hit adds two spans, so a tag reaches MAX_HITS spans
    # with half as many raw hits; and a text past MAX_HITS raw hits is counted hit by hit
    book = PhraseBook({"t": ["remote", "remote*"]})
    for repeats in (MAX_HITS // 2 + 10, MAX_HITS + 10):
        text = "remote " * repeats
        hits = book.find(text)
        found, _ = _capped(book, text)
        assert dict(hits._found) == found
        assert len(hits.spans("t")) == MAX_HITS


def _old_heading_lines(text: str, after: int) -> list[int]:
    hits = phrase_book().find(text)
    newlines = Marks(text, "\n")
    return sorted(
        {
            newlines.last_before(s.start) + 1
            for k in HEADING_KINDS
            for s in hits.spans(f"section_headings/{k}")
            if s.start > after
        }
    )


_HEADINGS = ["About us", "Requirements:", "Nice to have", "Benefits", "How to apply", "\n", " ", "x", "\n\n"]


@settings(max_examples=300)
@given(_text_of(_HEADINGS), st.integers(-1, 40))
def test_heading_lines_as_before(text, after):
    assert _heading_lines(text, phrase_book().find(text), after) == _old_heading_lines(text, after)


_KEYS = ["a", "ab", "abc", "bc", "b", "c", "ca", "bca", "cab", " a", "a "]


@settings(max_examples=300)
@given(st.permutations(_KEYS), st.text(alphabet="abc ", max_size=40))
def test_a_scan_does_not_depend_on_the_order_keys_were_added(keys, text):
    # PhraseBook adds its keys most common letters first: the hits and their order must not change
    def automaton(order):
        a = ahocorasick.Automaton()
        for key in order:
            a.add_word(key, key)
        a.make_automaton()
        return list(a.iter(text))

    assert automaton(keys) == automaton(_KEYS)


_OLD_CURRENCY = "|".join([*(re.escape(s) for s in _SYMBOLS), *(rf"\b{c}\b" for c in _CODES)])
_OLD_MONEY = re.compile(
    rf"(?P<cur1>{_OLD_CURRENCY})?\s?(?P<n1>{_NUM})\s?(?P<m1>{_MULT})?\s?(?P<code1>{_OLD_CURRENCY})?"
    rf"\s?(?P<p1>{_PERIOD_WORDS})?"
    rf"(?:\s?(?:-|–|—|~|to|and)\s?(?P<cur2>{_OLD_CURRENCY})?\s?(?P<n2>{_NUM})\s?(?P<m2>{_MULT})?"
    rf"\s?(?P<code2>{_OLD_CURRENCY})?)?",
    re.I,
)
_PAY = ["$", "US$", "€", "£", "USD", "usd", "EUROS", "CAD$", "120", "80,000", "1.5", "k", "K", " ", "\n", "-", " to ",
        "/hr", " per year", "x", "a", "(", "ſ", "K"]  # fmt: skip


@settings(max_examples=500)
@given(_text_of(_PAY), st.integers(0, 10), st.integers(0, 60))
def test_money_pattern_as_before(text, start, end):
    def found(pattern):
        return [(m.span(), m.groupdict()) for m in pattern.finditer(text, start, end)]

    assert found(_MONEY) == found(_OLD_MONEY)


def test_the_currency_guard_lets_every_case_of_a_first_character_through():
    # the guard is a character class matched case-insensitively, as the currencies after it are
    guard = re.compile(rf"[{_FIRST_CHARACTERS}]", re.I)
    cased = [chr(i) for i in range(0x3000) if chr(i).lower() != chr(i).upper()] + ["\u212a"]
    for first in {c[0] for c in [*_SYMBOLS, *_CODES]}:
        literal = re.compile(re.escape(first), re.I)
        assert all(guard.match(ch) for ch in [first, *cased] if literal.match(ch))


_OLD_YEARS = re.compile(_YEARS.source.replace(f"(?=[{_OPENING}\\d])", "", 1), re.I)
_YEAR_WORDS = ["5", "10+", " years", " yrs", "at least ", "minimum of ", "over ", "three", "Twelve", "-", " to ",
               " of experience", "ſix", "x", "\n", "(", ")", "."]  # fmt: skip


@settings(max_examples=500)
@given(_text_of(_YEAR_WORDS), st.integers(0, 10), st.integers(0, 80))
def test_years_pattern_as_before(text, start, end):
    def found(pattern):
        return [(m.span(), [m.span(g) for g in m.groupdict()]) for m in pattern.finditer(text, start, end)]

    assert not _OLD_YEARS.pattern.startswith("(?=")  # the reference has no guard
    assert found(_YEARS) == found(_OLD_YEARS)


def test_the_years_guard_lets_every_case_of_an_opening_letter_through():
    guard = re.compile(rf"[{_OPENING}]", re.I)
    cased = [chr(i) for i in range(0x3000) if chr(i).lower() != chr(i).upper()] + ["\u212a"]
    for first in _OPENING:
        literal = re.compile(re.escape(first), re.I)
        assert all(guard.match(ch) for ch in [first, *cased] if literal.match(ch))
