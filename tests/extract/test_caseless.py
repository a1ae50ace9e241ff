"""Caseless patterns find what their (?i) pattern finds, at the same offsets, on any text."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.extract.caseless import FOLDS_TO_ASCII, Caseless, first_found, reads_the_same_lowercased
from rolemap.extract.roles import role_book


def test_the_characters_folding_to_ascii_are_all_known():
    any_ascii = re.compile(r"(?i)[\x00-\x7f]")
    folding = {chr(i) for i in range(128, sys.maxunicode + 1) if any_ascii.match(chr(i))}
    assert folding == FOLDS_TO_ASCII


@pytest.mark.parametrize(
    ("source", "same"),
    [
        (r"(?<![\w-])(?:engineers?|devs?\b)(?![\w-])", True),
        (r"[a-z0-9.+#]+\s(?:or|and)", True),
        ("[^x]", True),
        ("aB", False),  # a capital letter matches only itself without (?i)
        ("[A-Z]x", False),
        ("[^A]", False),
        ("\u017f", False),  # "ſ" matches "s" with (?i)
        ("[\u0100-\u0200]", False),  # a range holding "İ", "ı" and "ſ"
        ("(?x)a b", False),
        ("a(?-i:b)", False),
        (r"(a)\1", False),
        ("(", False),
    ],
)
def test_which_patterns_read_the_same_lowercased(source, same):
    assert reads_the_same_lowercased(source) is same


_SOURCES = [
    r"(?<![\w-])(?:engineers?|developers?|devs?\b|head of \w+)(?![\w-])",
    r"(?<![\w.])(?:sr\.|sr|senior)(?![\w])",
    r"\b(?:ms|bs)\b[^\n]{0,5}",
    "[^k]s",
    "aB",  # the (?i) pattern on any text
    "\u212a|\u017f",  # the Kelvin sign and the long s: "k" and "s" with (?i)
    *(source for _, c in role_book().families for source in [c.source]),
    role_book().hiring_cue.source,
    role_book().role_noun.source,
]
_PIECES = ["Engineers", "ENGİNEER", "dev", "Devs", "sr.", "SR", "Senior", "K", "\u212a", "ſ", "s", "Head of QA",
           "looking for", "Hiring", "backend", " ", "-", "\n", "ms", "BS", "x", "Ab"]  # fmt: skip


def _spans(matches):
    return [(m.span(), [m.span(g) for g in range(1, (m.re.groups or 0) + 1)]) for m in matches]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=2), max_size=10).map("".join), st.integers(0, 4))
def test_caseless_finds_what_its_case_insensitive_pattern_finds(text, pos):
    for source in _SOURCES:
        caseless, reference = Caseless(source), re.compile(f"(?i){source}")
        assert _spans(caseless.finditer(text)) == _spans(reference.finditer(text))
        assert _spans(caseless.finditer(text, pos, len(text) - pos)) == _spans(
            reference.finditer(text, pos, len(text) - pos)
        )
        found, expected = caseless.search(text, pos), reference.search(text, pos)
        assert (found and found.span()) == (expected and expected.span())
        assert bool(caseless.fullmatch(text)) == bool(reference.fullmatch(text))


class _CountingText(str):
    lowered = 0

    def lower(self) -> str:
        type(self).lowered += 1
        return super().lower()


def test_a_long_text_is_lowercased_once_however_many_windows_it_is_searched_in():
    # the years and hiring-cue readers search a posting once per anchor: lowercasing it each time would
    # make a text of many anchors quadratic
    text = _CountingText("We have developers. " * 5000)
    hiring = role_book().hiring_cue
    for start in range(0, len(text), 1000):
        list(hiring.finditer(text, start, start + 300))
        hiring.search(text, start, start + 300)
    assert _CountingText.lowered == 1


@settings(max_examples=300)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=2), max_size=10).map("".join))
def test_first_found_names_the_first_pattern_that_finds_a_match(text):
    named = [(n, Caseless(source)) for n, source in enumerate(_SOURCES)]
    expected = next((n for n, c in named if re.compile(f"(?i){c.source}").search(text)), None)
    assert first_found(named, text) == expected


def test_a_title_is_lowercased_once_for_all_the_families():
    _CountingText.lowered = 0
    assert first_found(role_book().families, _CountingText("Senior Embedded Firmware Engineer")) == "embedded"
    assert _CountingText.lowered == 1
