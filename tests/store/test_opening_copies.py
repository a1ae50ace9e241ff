"""Exact copies and a board's own facts (probe s36, #1): Greenhouse gives each office of a job its own job post,
the same words with its own place, pay and employment type. Those are two openings, not an exact copy of one;
the same words with the same stated facts still are."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, update

from rolemap.models import Posting
from rolemap.pipeline import ingest
from rolemap.sources import read_file
from rolemap.store.repository import fingerprint, get_posting
from rolemap.store.schema import postings
from tests.conftest import FIXTURES

T0 = datetime(2026, 10, 3, tzinfo=UTC)
TWO_OFFICES = FIXTURES / "boards" / "greenhouse_twinco_two_offices.json"


def _rows(store):
    with store.read() as conn:
        return {r.id: r for r in conn.execute(select(postings)).all()}


def test_one_job_posted_for_two_offices_is_two_openings(store):
    report = ingest(store, read_file(TWO_OFFICES), now=T0)
    assert (report.read, report.stored, report.duplicates) == (2, 2, 0)
    london = get_posting(store, "greenhouse-twinco-502")
    assert london["duplicate_of"] is None
    assert london["extraction"]["salary"]["currency"] == "GBP"
    assert {loc["country"] for loc in london["extraction"]["locations"]} == {"GB"}


def test_the_same_words_and_the_same_stated_facts_are_still_an_exact_copy(store):
    first, _ = list(read_file(TWO_OFFICES))
    twin = replace(first, id="greenhouse-twinco-601", url=first.url.replace("501", "601"))
    report = ingest(store, [first, twin], now=T0)
    assert (report.stored, report.duplicates) == (1, 1)
    assert get_posting(store, twin.id)["duplicate_of"] == first.id


def test_postings_that_state_no_facts_keep_the_fingerprint_of_their_words(store):
    """An HN post, a plain JSON Lines line: the fingerprint every store already holds for them."""
    words = Posting(id="a", title="Backend Engineer", description="Go and Kafka.", source="hn")
    copy = replace(words, id="b")
    report = ingest(store, [words, copy], now=T0)
    assert (report.stored, report.duplicates) == (1, 1)
    assert _rows(store)["a"].fingerprint == fingerprint("Backend Engineer\nGo and Kafka.")


def test_a_board_job_and_the_same_words_with_no_stated_facts_are_two_postings(store):
    """What a posting's source states is part of what it is: a copy that states nothing is not that job."""
    first, _ = list(read_file(TWO_OFFICES))
    bare = Posting(id="x1", title=first.title, description=first.description, source="jsonl")
    report = ingest(store, [first, bare], now=T0)
    assert (report.stored, report.duplicates) == (2, 0)


@pytest.mark.parametrize("backend", ["store", "pg_store"])
def test_migration_0010_fingerprints_stored_board_postings_again_and_keeps_their_copies(request, backend):
    """A store written before 0010 (both offices' posts under one text-only fingerprint, London an exact copy
    of New York) opens with the new fingerprints and its counts unchanged; a later post with New York's
    facts is an exact copy again, not a second count; fetching the board again tells the two offices apart."""
    from alembic import command

    from rolemap.store.db import HEAD_REVISION, _alembic_config, schema_revision

    store = request.getfixturevalue(backend)
    new_york, london = list(read_file(TWO_OFFICES))
    ingest(store, [new_york, london], now=T0)
    config = _alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0009")
        old = fingerprint(_rows(store)[new_york.id].text)
        conn.execute(update(postings).values(fingerprint=old))  # as 0009's code stored them
        conn.execute(update(postings).where(postings.c.id == london.id).values(duplicate_of=new_york.id))
    assert schema_revision(store) == "0009"
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    assert schema_revision(store) == HEAD_REVISION
    rows = _rows(store)
    assert len({rows[new_york.id].fingerprint, rows[london.id].fingerprint, old}) == 3
    assert rows[london.id].duplicate_of == new_york.id  # no count changes on opening the store

    again = replace(new_york, id="greenhouse-twinco-601", url=new_york.url.replace("501", "601"))
    assert ingest(store, [again], now=T0).duplicates == 1

    refetched = ingest(store, [new_york, london], now=T0)
    assert refetched.updated == 2 and _rows(store)[london.id].duplicate_of is None


def test_the_stated_facts_in_a_fingerprint_are_read_as_the_store_keeps_them(store):
    """The migration fingerprints stored rows; ingest fingerprints postings: the same for one posting."""
    new_york, _ = list(read_file(TWO_OFFICES))
    ingest(store, [new_york], now=T0)
    from rolemap.store.repository import opening_facts, posting_fingerprint

    row = _rows(store)[new_york.id]
    fields = row.source_fields if isinstance(row.source_fields, dict) else json.loads(row.source_fields)
    assert row.fingerprint == fingerprint(row.text, opening_facts(row.board, row.location, fields))
    assert row.fingerprint == posting_fingerprint(new_york, row.text)


def test_copies_of_one_job_from_files_that_write_its_place_differently_are_copies(store):
    """Three aggregators' lines of one job, "Berlin", "Berlin, Germany" and no place: one posting (the
    review found the places of any source in the fingerprint: three postings)."""
    one = Posting(
        id="a",
        title="Backend Engineer",
        description="Go and Kafka in our Berlin office.",
        source="jsonl",
        location="Berlin",
        source_fields={"facts_from": {"locations": "jsonl:location"}},
    )
    two = replace(one, id="b", location="Berlin, Germany")
    three = replace(one, id="c", location=None, source_fields={})
    report = ingest(store, [one, two, three], now=T0)
    assert (report.stored, report.duplicates) == (1, 2)
