"""Counts in words agree in number (src/rolemap/agreement.py): 0 and 2 take the plural, 1 the singular."""

import pytest

from rolemap.agreement import agree, counted


@pytest.mark.parametrize(
    ("n", "noun", "plural", "said"),
    [
        (0, "repost", None, "0 reposts"),
        (1, "repost", None, "1 repost"),
        (2, "repost", None, "2 reposts"),
        (1, "exact copy", "exact copies", "1 exact copy"),
        (2, "exact copy", "exact copies", "2 exact copies"),
        (0, "company", "companies", "0 companies"),
        (12_345, "posting", None, "12,345 postings"),
    ],
)
def test_counted(n, noun, plural, said):
    assert counted(n, noun, plural) == said


@pytest.mark.parametrize(("n", "verb"), [(0, "count"), (1, "counts"), (2, "count")])
def test_agree_picks_the_verb_for_its_count(n, verb):
    assert agree(n, "counts", "count") == verb


def _text(renderable) -> str:
    import io

    from rich.console import Console

    console = Console(width=200, file=io.StringIO())
    console.print(renderable)
    return " ".join(console.file.getvalue().split())


@pytest.mark.parametrize(
    ("postings", "extra", "said"),
    [
        (2, 0, "2 postings; 0 are near-duplicates of another (similarity ≥ 0.8): counted once, 2 jobs."),
        (2, 1, "2 postings; 1 is a near-duplicate of another (similarity ≥ 0.8): counted once, 1 job."),
        (3, 2, "3 postings; 2 are near-duplicates of another (similarity ≥ 0.8): counted once, 1 job."),
    ],
)
def test_the_near_duplicates_head_agrees_with_each_count(postings, extra, said):
    from rolemap.present.market_view import near_dups_view

    assert _text(near_dups_view([], {}, postings, extra, 0.8)).startswith(said)


@pytest.mark.parametrize(
    ("total", "said"),
    [(0, "0 of 0 postings shown"), (1, "0 of 1 posting shown"), (2, "0 of 2 postings shown")],
)
def test_the_lane_listing_says_how_many_are_shown_in_number(total, said):
    from rolemap.present.listing_view import lane_listing

    text = _text(lane_listing([], total, 0, 80))
    assert text.startswith(said + ", newest first")
    assert _text(lane_listing([], total, 1, 80)).endswith("newest first, the first one skipped")
    assert _text(lane_listing([], total, 20, 80)).endswith("newest first, the first 20 skipped")
