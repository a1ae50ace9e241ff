"""Full-text search (FTS5 / PostgreSQL) and the tracker table, on both back ends."""

import importlib.util
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rolemap.errors import InputError, NotFound
from rolemap.models import Posting
from rolemap.pipeline import ingest
from rolemap.store import search
from rolemap.store.tracker import track, tracker_entries, tracker_status, untrack

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def posting(pid, title, text, company="Acme"):
    return Posting(id=pid, title=title, description=text, company=company, source="jsonl")


JOBS = [
    posting("a", "Backend Engineer", "Go services on Kafka and PostgreSQL. Scaling payments.", "Stripe"),
    posting("b", "Data Engineer", "Python, Spark and Kafka pipelines.", "Acme"),
    posting("c", "Frontend Engineer", "React and TypeScript; some Node.", "Beta"),
]


@pytest.fixture(params=["store", "pg_store"])
def filled(request):
    store = request.getfixturevalue(request.param)
    ingest(store, JOBS, now=T0)
    return store


def test_search_needs_every_word_and_stems(filled):
    assert search.search_ids(filled, "kafka") == {"a", "b"}
    assert search.search_ids(filled, "kafka python") == {"b"}
    assert search.search_ids(filled, "scale") == {"a"}  # "Scaling": English stemming on both back ends
    assert search.search_ids(filled, "stripe") == {"a"}  # the company is searched too
    assert search.search_ids(filled, "cobol") == set()


@pytest.mark.parametrize(
    "query",
    [
        'kafka" OR "1',
        "kafka AND NOT",
        "title:kafka",
        "NEAR(kafka go)",
        "kafka*",
        "'; DROP TABLE postings; --",
    ],
)
def test_search_operators_and_sql_are_plain_words(filled, query):
    hits = search.search_ids(filled, query)  # no syntax error, no injection
    assert isinstance(hits, set)
    assert search.search_ids(filled, "kafka") == {"a", "b"}


@pytest.mark.parametrize("query", ["", "   ", '""', "!!!", "x" * 201, " ".join(["w"] * 13)])
def test_unusable_searches_are_clear_errors(store, query):
    with pytest.raises(InputError):
        search.search_ids(store, query)


def test_search_follows_updates_and_deletes(store):
    ingest(store, JOBS, now=T0)
    ingest(store, [posting("c", "Frontend Engineer", "Elm only now.", "Beta")], now=T0 + timedelta(days=1))
    assert search.search_ids(store, "react") == set()
    assert search.search_ids(store, "elm") == {"c"}
    with store.engine.begin() as conn:
        conn.exec_driver_sql("DELETE FROM postings WHERE id = 'a'")
    assert search.search_ids(store, "kafka") == {"b"}


def test_the_postgres_search_expression_is_the_indexed_one():
    path = Path(search.__file__).parent / "migrations" / "versions" / "0003_tracker_and_search.py"
    spec = importlib.util.spec_from_file_location("m0003", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.POSTGRES_DOCUMENT == search.POSTGRES_DOCUMENT


def test_tracker_save_update_list_remove(filled):
    track(filled, "a", "saved", None, T0)
    track(filled, "b", "applied", "phone screen Friday", T0 + timedelta(hours=1))
    track(filled, "a", "interviewing", None, T0 + timedelta(hours=2))
    entries = tracker_entries(filled)
    assert [e.id for e in entries] == ["a", "b"]  # most recently changed first
    first = entries[0]
    assert (first.status, first.title, first.company, first.language) == (
        "interviewing",
        "Backend Engineer",
        "Stripe",
        "go",
    )
    assert tracker_status(filled, "b")["notes"] == "phone screen Friday"
    assert "kafka" in first.repeated and "kafka" in entries[1].repeated  # asked by both tracked postings
    assert "postgresql" not in first.repeated
    assert untrack(filled, "a") and not untrack(filled, "a")
    assert [e.id for e in tracker_entries(filled)] == ["b"]


def test_tracker_refuses_unknown_postings_and_statuses(filled):
    with pytest.raises(NotFound):
        track(filled, "nope", "saved", None, T0)
    with pytest.raises(InputError, match="status 'hired'"):
        track(filled, "a", "hired", None, T0)
    with pytest.raises(InputError, match="notes"):
        track(filled, "a", "saved", "x" * 5001, T0)
    assert tracker_entries(filled) == []
