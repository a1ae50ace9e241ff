from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from rolemap.errors import PostingError, StoreError
from rolemap.models import Posting
from rolemap.pipeline import ingest
from rolemap.store.db import HEAD_REVISION, open_store, resolve_url, schema_revision
from rolemap.store.repository import count_postings, get_posting, iter_postings, list_postings
from rolemap.store.schema import postings

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def job(i, board=None, text="We build APIs in Python and PostgreSQL.", title="Backend Engineer"):
    return Posting(
        id=f"p{i}",
        title=title,
        description=f"{text} Role {i}",
        company="Acme",
        board=board,
        source="greenhouse" if board else "jsonl",
    )


@pytest.fixture(params=["store", "pg_store"])
def any_store(request):
    return request.getfixturevalue(request.param)


def test_ingest_stores_postings_and_extractions(any_store):
    report = ingest(any_store, [job(1), job(2)], now=T0)
    assert (report.stored, report.updated, report.failed) == (2, 0, 0)
    row = get_posting(any_store, "p1")
    assert row["extraction"]["languages"] == ["python"]
    assert row["text"].startswith("Backend Engineer\n")


def test_reingest_updates_and_keeps_first_seen(any_store):
    ingest(any_store, [job(1)], now=T0)
    report = ingest(any_store, [job(1, title="Senior Backend Engineer")], now=T0 + timedelta(days=3))
    assert (report.stored, report.updated) == (0, 1)
    row = get_posting(any_store, "p1")
    assert row["first_seen"].replace(tzinfo=UTC) == T0
    assert row["last_seen"].replace(tzinfo=UTC) == T0 + timedelta(days=3)
    assert row["extraction"]["seniority"] == "senior"
    assert count_postings(any_store) == 1


def test_exact_duplicates_across_sources_are_recognised(any_store):
    a = Posting(id="a", title="Go Dev", description="Same words, same job.", source="jsonl")
    b = Posting(id="b", title="go dev", description="Same words -- same job!", source="csv")
    report = ingest(any_store, [a, b], now=T0)
    assert (report.stored, report.duplicates) == (1, 1)
    assert get_posting(any_store, "b")["duplicate_of"] == "a"


def test_postings_gone_from_a_board_are_closed_and_reopen(any_store):
    ingest(any_store, [job(1, "greenhouse:acme"), job(2, "greenhouse:acme"), job(3)], now=T0)
    report = ingest(any_store, [job(1, "greenhouse:acme")], now=T0 + timedelta(days=1))
    assert report.closed == 1
    assert get_posting(any_store, "p2")["closed_at"] is not None
    assert get_posting(any_store, "p3")["closed_at"] is None  # not from that board
    ingest(any_store, [job(1, "greenhouse:acme"), job(2, "greenhouse:acme")], now=T0 + timedelta(days=2))
    assert get_posting(any_store, "p2")["closed_at"] is None


def test_a_failed_job_still_on_its_board_is_not_closed_and_the_rest_of_the_board_is(store):
    """A job the board still lists but that could not be read (one bad field) is not gone from the board:
    it stays as it was, while a job the board dropped is closed. A job that failed before its id could be
    read might be any of them: its board closes nothing. A failure from no board holds no board."""
    ingest(store, [job(n, "greenhouse:acme") for n in (1, 2, 3)], now=T0)
    bad = PostingError("greenhouse:acme job 2", "'absolute_url' must be a URL", "p2", board="greenhouse:acme")
    elsewhere = PostingError("other.csv:4", "not valid CSV")
    report = ingest(store, [job(1, "greenhouse:acme"), bad, elsewhere], now=T0 + timedelta(days=1))
    assert (report.failed, report.closed, report.held_open) == (2, 1, 0)
    assert get_posting(store, "p2")["closed_at"] is None and get_posting(store, "p3")["closed_at"] is not None
    no_id = PostingError("greenhouse:acme job ?", "has no 'id'", board="greenhouse:acme")
    report = ingest(store, [job(2, "greenhouse:acme"), no_id], now=T0 + timedelta(days=2))
    assert (report.closed, report.held_open) == (0, 1) and get_posting(store, "p1")["closed_at"] is None
    assert "none closed on 1 board(s)" in report.summary()


def test_bad_postings_are_reported_and_the_rest_stored(store):
    items = [job(1), PostingError("file.jsonl:2", "not valid JSON"), job(2)]
    errors = []
    report = ingest(store, items, on_error=errors.append)
    assert (report.read, report.stored, report.failed) == (3, 2, 1)
    assert errors == ["file.jsonl:2: not valid JSON"]


def test_a_failing_batch_leaves_nothing_half_written(store, monkeypatch):
    import rolemap.store.repository as repo

    real = repo._replace_extractions

    def explode(*args):
        real(*args)
        raise repo.SQLAlchemyError("disk full")

    monkeypatch.setattr(repo, "_replace_extractions", explode)
    with pytest.raises(StoreError, match="nothing of it was written"):
        ingest(store, [job(1), job(2)])
    monkeypatch.undo()
    with store.engine.connect() as conn:
        assert conn.execute(select(postings.c.id)).all() == []


def test_same_id_twice_in_one_batch(store):
    report = ingest(store, [job(1), job(1, title="Staff Engineer")])
    assert count_postings(store) == 1 and report.stored == 1
    assert get_posting(store, "p1")["title"] == "Staff Engineer"


def test_sql_looking_text_is_just_text(store):
    evil = Posting(
        id="x'); DROP TABLE postings;--",
        title="Robert'); DROP TABLE postings;--",
        description="1 OR 1=1; <script>alert(1)</script>",
        source="jsonl",
    )
    ingest(store, [evil])
    assert get_posting(store, evil.id)["title"] == evil.title


def test_listing_and_iteration(store):
    ingest(store, [job(i) for i in range(5)])
    assert len(list_postings(store, limit=3)) == 3
    assert [r["id"] for r in iter_postings(store, chunk=2)] == [f"p{i}" for i in range(5)]


def test_schema_is_migrated_once_and_reopening_is_a_no_op(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    first = open_store(url)
    assert schema_revision(first) == HEAD_REVISION
    with first.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert schema_revision(open_store(url)) == HEAD_REVISION


def test_url_resolution(monkeypatch, tmp_path):
    monkeypatch.delenv("ROLEMAP_DB", raising=False)
    assert resolve_url("my.db").startswith("sqlite:///") and resolve_url("my.db").endswith("my.db")
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    monkeypatch.setenv("ROLEMAP_DB", str(tmp_path / "env.db"))
    assert resolve_url(None).endswith("env.db")


def test_the_sqlite_file_of_a_url():
    """The file a SQLite URL names, as SQLAlchemy reads it, or None (then only SQLAlchemy opens it)."""
    from rolemap.store.url import sqlite_file

    assert sqlite_file(resolve_url("my.db")) == "my.db" and sqlite_file("sqlite:////a/b.db") == "/a/b.db"
    for url in ("postgresql+psycopg://u@h/db", "sqlite://", "sqlite:///:memory:", "sqlite:///x.db?mode=ro"):
        assert sqlite_file(url) is None, url
    assert sqlite_file("sqlite:///x%20y.db") is None  # SQLAlchemy opens "x y.db"


@pytest.mark.parametrize("url", ["mysql://u@h/db", "notadb://x", "sqlite:////proc/no/such/dir/x.db"])
def test_bad_database_urls(url):
    with pytest.raises(StoreError):
        open_store(url)


def test_a_store_of_the_first_schema_is_upgraded_on_open(tmp_path):
    from alembic import command
    from sqlalchemy import inspect

    from rolemap.store.db import _alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = open_store(url, migrate=False)
    config = _alembic_config()
    with old.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    assert schema_revision(old) == "0001"
    store = open_store(url)
    assert schema_revision(store) == HEAD_REVISION == "0010"
    names = {ix["name"] for ix in inspect(store.engine).get_indexes("postings")}
    assert {"ix_postings_last_seen", "ix_postings_closed_at", "ix_postings_near_duplicate_of"} <= names


def test_the_head_revision_constant_matches_the_migrations():
    from alembic.script import ScriptDirectory

    from rolemap.store.db import HEAD_REVISION, _alembic_config

    assert ScriptDirectory.from_config(_alembic_config()).get_current_head() == HEAD_REVISION


def test_reads_never_wait_for_a_writer(store):
    """SQLite: a read begins deferred (a snapshot), so an open write transaction, which holds the write
    lock until it commits, neither blocks it nor hides what was committed before."""
    import time

    ingest(store, [job(1)], now=T0)
    with store.engine.begin() as writer:  # BEGIN IMMEDIATE: the write lock is held from here
        writer.execute(postings.update().where(postings.c.id == "p1").values(title="Renamed"))
        start = time.perf_counter()
        seen = get_posting(store, "p1")
        waited = time.perf_counter() - start
    assert seen is not None and seen["title"] == "Backend Engineer"  # the committed state
    assert waited < 2.0  # a reader taking the lock would wait the 5 s busy timeout, then fail
    assert get_posting(store, "p1")["title"] == "Renamed"
