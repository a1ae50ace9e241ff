"""The hiring list ("hiring backend engineers, frontend developers and designers") is looked for only in a
window that can hold one: the count of its nouns never skips a list the pattern finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.extract.role_lines import _HIRING_LIST, _may_list_roles, roles_in_text
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
