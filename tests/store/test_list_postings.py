"""`list_postings(include_closed=…)`: closed means a board dropped the posting (`closed_at` set by
`close_missing`), and the flag says whether those rows are listed."""

from datetime import UTC, datetime, timedelta

import pytest

from rolemap.pipeline import ingest
from rolemap.store.repository import list_postings
from tests.store.test_store import job

T0 = datetime(2026, 1, 1, tzinfo=UTC)


@pytest.fixture(params=["store", "pg_store"])
def closed_store(request):
    """p2 closed (gone from its board at the second fetch), p1 still on it, p3 from no board."""
    store = request.getfixturevalue(request.param)
    ingest(store, [job(1, "greenhouse:acme"), job(2, "greenhouse:acme"), job(3)], now=T0)
    ingest(store, [job(1, "greenhouse:acme")], now=T0 + timedelta(days=1))
    return store


def test_closed_postings_are_listed_only_when_included(closed_store):
    every = {r["id"]: r["closed_at"] for r in list_postings(closed_store)}
    assert set(every) == {"p1", "p2", "p3"} and every["p2"] is not None  # included by default
    assert {r["id"] for r in list_postings(closed_store, include_closed=True)} == {"p1", "p2", "p3"}
    shown = list_postings(closed_store, include_closed=False)
    assert {r["id"] for r in shown} == {"p1", "p3"} and all(r["closed_at"] is None for r in shown)


def test_leaving_closed_postings_out_happens_before_the_page_is_cut(closed_store):
    # a page of 2 without the closed one still holds 2 postings: the filter is not applied to the page
    assert len(list_postings(closed_store, limit=2, include_closed=False)) == 2
    assert len(list_postings(closed_store, limit=2, offset=2, include_closed=False)) == 0
