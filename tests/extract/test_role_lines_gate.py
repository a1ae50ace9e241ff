"""The role lines' fast paths: the hiring list ("hiring backend engineers, frontend developers and
designers") is looked for only in a window that can hold one, and a role line's noun only where its first
letter stands; neither skips what the patterns find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.extract.role_lines import (
    _HIRING_LIST,
    _LINE_NOUN_FIRST,
    _ROLE_LINE,
    _may_list_roles,
    roles_in_text,
)
from rolemap.models import Span

_PIECES = ["hiring", "Hiring for", "looking for", "open roles", "positions:", "a", "several", "backend", "iOS",
           "Engineers", "engineer", "DEVELOPERS", "designer", "data scientists", "manager", "engİneer", "and",
           ",", "&", "/", " ", "\n", "x"]  # fmt: skip


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=2), max_size=14).map(" ".join), st.integers(0, 6))
def test_no_window_holding_a_hiring_list_is_skipped(text, start):
    end = max(start, len(text) - start)
    if _HIRING_LIST.search(text, start, end):
        assert _may_list_roles(text, start, end)


def test_a_window_of_one_noun_holds_no_list():
    assert not _may_list_roles("We're hiring a backend engineer.", 0, 40)
    assert _may_list_roles("We're hiring backend engineers and frontend developers.", 0, 60)
    assert _may_list_roles("We're hiring an engİneer.", 0, 40)  # not ASCII: the pattern decides


def test_a_hiring_list_in_the_text_is_read():
    text = "Acme\nWe are hiring backend engineers and frontend developers to build our platform."
    nouns = [Span(text.index("engineers"), text.index("engineers") + 9, "engineers")]
    assert [title for title, _ in roles_in_text(text, 5, nouns)] == [
        "backend engineers",
        "frontend developers",
    ]


_LINE_PIECES = ["Senior", "Backend", "Engineer", "ENGINEERS", "developer", "Lead", "LEAD", "DATA", "Intern", "SRE",
                "Director", "Writer", "(Berlin)", "-", "*", "==", "1.", "__", "we", "are", "hiring", ":", "|", "\t"]  # fmt: skip


@settings(max_examples=400)
@given(st.lists(st.sampled_from(_LINE_PIECES) | st.text(max_size=2), max_size=10).map(" ".join))
def test_the_role_line_lookahead_only_passes_over_what_no_noun_opens(line):
    without = re.compile(_ROLE_LINE.pattern.replace(f"(?=[{_LINE_NOUN_FIRST}])", "", 1))
    assert without.pattern != _ROLE_LINE.pattern
    found, expected = _ROLE_LINE.match(line), without.match(line)
    assert (found and found.span(1)) == (expected and expected.span(1))
