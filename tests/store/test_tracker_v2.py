"""The tracker of migration 0006: dates and pay, filters and orders, on SQLite and PostgreSQL; a store made
at 0005 keeps its tracked postings when upgraded."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import inspect, select

from rolemap.errors import InputError, NotFound
from rolemap.models import Posting
from rolemap.pipeline import ingest
from rolemap.store.db import HEAD_REVISION, _alembic_config, open_store, schema_revision
from rolemap.store.schema import postings, tracker
from rolemap.store.tracker import (
    MAX_NOTES_CHARS,
    TrackerChange,
    add_entry,
    parse_day,
    read_salary,
    save_entry,
    set_entry,
    tracker_entries,
    tracker_status,
)

T0 = datetime(2026, 11, 1, tzinfo=UTC)
JOBS = [
    Posting(id="a", title="Senior Go Engineer", description="Go, Kafka and PostgreSQL.", company="Stripe",
            source="jsonl"),
    Posting(id="b", title="Backend Engineer", description="Python, Kafka and Django.", company="Acme",
            source="jsonl"),
    Posting(id="c", title="Platform Engineer", description="Go, Kubernetes and Terraform.", company="Beta",
            source="jsonl"),
]  # fmt: skip


@pytest.fixture(params=["store", "pg_store"])
def filled(request):
    store = request.getfixturevalue(request.param)
    ingest(store, JOBS, now=T0)
    return store


def test_add_set_keep_and_clear(filled):
    add_entry(filled, "a", TrackerChange(applied_on="2026-12-01", salary="€70k + equity", notes="ref"), T0)
    entry = tracker_entries(filled)[0]
    assert (entry.status, entry.applied_on, entry.salary) == ("saved", "2026-12-01", "€70k + equity")
    assert (entry.salary_amount, entry.salary_currency) == (70_000.0, "EUR")
    set_entry(
        filled, "a", TrackerChange(status="applied", follow_up_on="2026-12-08"), T0 + timedelta(hours=1)
    )
    entry = tracker_entries(filled)[0]
    assert (entry.status, entry.applied_on, entry.follow_up_on, entry.notes) == (
        "applied", "2026-12-01", "2026-12-08", "ref",
    )  # fmt: skip
    assert entry.saved_at < entry.updated_at
    set_entry(filled, "a", TrackerChange(applied_on="", salary="", notes=""), T0 + timedelta(hours=2))
    entry = tracker_entries(filled)[0]
    assert (entry.applied_on, entry.salary, entry.salary_amount, entry.notes) == ("", "", None, "")
    assert entry.follow_up_on == "2026-12-08" and entry.status == "applied"


def test_add_twice_set_unknown_and_unknown_postings_are_refused(filled):
    add_entry(filled, "a", TrackerChange(), T0)
    with pytest.raises(InputError, match="already on the tracker"):
        add_entry(filled, "a", TrackerChange(status="offer"), T0)
    with pytest.raises(NotFound, match="not on the tracker"):
        set_entry(filled, "b", TrackerChange(status="offer"), T0)
    with pytest.raises(NotFound, match="not in the store"):
        add_entry(filled, "zzz", TrackerChange(), T0)
    with pytest.raises(InputError, match="nothing to change"):
        set_entry(filled, "a", TrackerChange(), T0)
    assert [(e.id, e.status) for e in tracker_entries(filled)] == [("a", "saved")]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (TrackerChange(applied_on="2026-13-01"), "applied date '2026-13-01'"),
        (TrackerChange(applied_on="2026-02-30"), "applied date '2026-02-30'"),
        (TrackerChange(follow_up_on="tomorrow"), "follow-up date 'tomorrow'"),
        (TrackerChange(follow_up_on="01/12/2026"), "follow-up date '01/12/2026'"),
        (TrackerChange(applied_on="0026-12-01"), "applied date '0026-12-01'"),
        (TrackerChange(applied_on="2026-12-01T10:00"), "applied date"),
        (TrackerChange(status="hired"), "status 'hired'"),
        (TrackerChange(status="' OR 1=1 --"), "status"),
        (TrackerChange(notes="x" * (MAX_NOTES_CHARS + 1)), "notes: longer than 5,000"),
        (TrackerChange(notes="a\x00b"), "notes: holds control characters"),
        (TrackerChange(salary="9" * 101), "salary: longer than 100"),
    ],
)
def test_bad_values_are_one_line_errors_and_change_nothing(filled, change, message):
    add_entry(filled, "a", TrackerChange(status="applied", applied_on="2026-12-01", notes="kept"), T0)
    with pytest.raises(InputError, match=message.replace("(", r"\(")) as caught:
        # a good field beside the bad one: the write is all or nothing
        set_entry(filled, "a", TrackerChange(**{"status": "offer", **change.given()}), T0 + timedelta(days=1))
    assert "\n" not in str(caught.value)
    entry = tracker_entries(filled)[0]
    assert (entry.status, entry.applied_on, entry.notes) == ("applied", "2026-12-01", "kept")


def test_sql_looking_text_is_kept_as_written(filled):
    hostile = "'; DROP TABLE tracker; -- <script>alert(1)</script>"
    save_entry(filled, "a", TrackerChange(notes=hostile, salary="1' OR '1'='1"), T0)
    entry = tracker_status(filled, "a")
    assert entry and entry["notes"] == hostile and entry["salary"] == "1' OR '1'='1"
    with pytest.raises(NotFound):
        save_entry(filled, "a' OR '1'='1", TrackerChange(), T0)
    assert len(tracker_entries(filled)) == 1


def test_filters_and_orders(filled):
    add_entry(filled, "a", TrackerChange(status="applied", applied_on="2026-11-20", salary="€90k"), T0)
    add_entry(filled, "b", TrackerChange(status="interviewing", applied_on="2026-11-25", salary="$95,000",
                                         follow_up_on="2026-12-10"), T0 + timedelta(hours=1))  # fmt: skip
    add_entry(filled, "c", TrackerChange(follow_up_on="2026-12-02"), T0 + timedelta(hours=2))

    def ids(**how):
        return [e.id for e in tracker_entries(filled, **how)]

    assert ids() == ["c", "b", "a"]  # most recently changed first
    assert ids(statuses=["applied", "interviewing"]) == ["b", "a"]
    assert ids(statuses=["offer"]) == []
    assert ids(sort="date") == ["b", "a", "c"]  # applied newest first, then the rest
    assert ids(sort="follow-up") == ["c", "b", "a"]
    assert ids(sort="status") == ["c", "a", "b"]  # saved, applied, interviewing
    assert ids(sort="salary") == ["b", "a", "c"]  # 95,000 > 90,000 compared as written
    assert ids(sort="salary", usd_per_unit={"EUR": 1.1, "USD": 1.0}) == ["a", "b", "c"]  # €90k = $99k
    with pytest.raises(InputError, match="status 'hired'"):
        tracker_entries(filled, statuses=["hired"])
    with pytest.raises(InputError, match="sort 'pay'"):
        tracker_entries(filled, sort="pay")
    # repeated requirements are counted over the whole tracker, whatever the filter
    assert "kafka" in tracker_entries(filled, statuses=["applied"])[0].repeated


@pytest.mark.parametrize(
    ("text", "amount", "currency"),
    [
        ("€70k + equity", 70_000.0, "EUR"),
        ("70,000 EUR", 70_000.0, "EUR"),
        ("$120k-140k", 120_000.0, "USD"),
        ("GBP 65.000", 65_000.0, "GBP"),
        ("CA$ 110000", 110_000.0, "CAD"),
        ("95.5k", 95_500.0, None),
        ("ask them", None, None),
        ("", None, None),
    ],
)
def test_read_salary(text, amount, currency):
    assert read_salary(text) == (amount, currency)


def test_parse_day():
    assert parse_day("2026-12-01", "applied date") == date(2026, 12, 1)
    assert parse_day("  ", "applied date") is None
    with pytest.raises(InputError, match="write it as YYYY-MM-DD"):
        parse_day("2026-1-1", "applied date")


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_a_store_made_at_0005_keeps_its_tracker_when_upgraded(request, tmp_path, backend):
    from alembic import command

    url = (
        f"sqlite:///{tmp_path / 'old.db'}" if backend == "sqlite" else request.getfixturevalue("postgres_url")
    )
    old = open_store(url, migrate=False)
    config = _alembic_config()
    with old.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0005")
    assert schema_revision(old) == "0005"
    with old.engine.begin() as conn:  # rows of the 0005 schema, written as that schema had them
        conn.execute(postings.insert().values(id="old-1", source="jsonl", title="Go Engineer", description="",
                                              text="Go Engineer\n", fingerprint="f", source_fields={},
                                              first_seen=T0, last_seen=T0))  # fmt: skip
        conn.exec_driver_sql(
            "INSERT INTO tracker (posting_id, status, notes, saved_at, updated_at) "
            "VALUES ('old-1', 'applied', 'called Ana', '2026-10-01 10:00:00', '2026-10-02 10:00:00')"
        )
    old.engine.dispose()
    store = open_store(url)
    try:
        assert schema_revision(store) == HEAD_REVISION
        columns = {c["name"] for c in inspect(store.engine).get_columns("tracker")}
        assert {"applied_on", "follow_up_on", "salary", "salary_amount", "salary_currency"} <= columns
        [entry] = tracker_entries(store)
        assert (entry.id, entry.status, entry.notes, entry.title) == (
            "old-1",
            "applied",
            "called Ana",
            "Go Engineer",
        )
        assert (entry.applied_on, entry.follow_up_on, entry.salary) == ("", "", "")
        assert entry.saved_at.startswith("2026-10-01")
        set_entry(store, "old-1", TrackerChange(applied_on="2026-10-01", salary="$150k"), T0)
        assert tracker_entries(store)[0].salary_amount == 150_000.0
        if backend == "sqlite":  # and back down: the old columns and rows are still there
            with store.engine.begin() as conn:
                config.attributes["connection"] = conn
                command.downgrade(config, "0005")
            with store.engine.connect() as conn:
                assert conn.execute(select(tracker.c.status)).scalar() == "applied"
    finally:
        if backend == "postgres":  # leave the cluster empty for the next test, whatever the migrations made
            with store.engine.begin() as conn:
                names = conn.exec_driver_sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
                for (name,) in names.all():
                    conn.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}" CASCADE')
        store.engine.dispose()
