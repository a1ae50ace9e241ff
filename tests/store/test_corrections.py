"""A user's own labels in the store: kept across re-ingest and re-extraction, written into every extraction
row, seen by the market frame, undone exactly, and refused whole when any value is bad. SQLite and
PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from rolemap.analytics.frame import cached_sqlite_frame, load_frame, store_key
from rolemap.analytics.lane import Lane
from rolemap.analytics.lane import select as lane_rows
from rolemap.analytics.market import market
from rolemap.analytics.pay import pay_scale, pay_stats
from rolemap.errors import InputError, NotFound
from rolemap.models import Posting, Skill
from rolemap.pipeline import ingest, prepare
from rolemap.store.corrections import (
    clear_corrections,
    corrected_labels,
    count_corrections,
    list_corrections,
    set_correction,
    set_corrections,
)
from rolemap.store.repository import get_posting, save_batch
from rolemap.store.schema import corrections, extractions, posting_labels, posting_skills, postings

T0 = datetime(2026, 1, 1, tzinfo=UTC)
JOBS = [
    Posting(
        id="a",
        title="Senior Backend Engineer",
        description="We build payment APIs in Python with Django and PostgreSQL. Remote. "
        "$120,000 - $150,000 per year. 5+ years of experience.",
        company="Acme",
        posted_at="2026-01-01",
        source="jsonl",
    ),
    Posting(
        id="b",
        title="Backend Engineer",
        description="Go services on Kafka. Hybrid in Berlin. €70,000 - €80,000 a year.",
        company="Beta",
        posted_at="2026-01-02",
        source="jsonl",
    ),
    Posting(
        id="c",
        title="Data Engineer",
        description="Spark and Scala pipelines, Airflow. $140,000 - $160,000 per year.",
        company="Gamma",
        posted_at="2026-01-03",
        source="jsonl",
    ),
]


@pytest.fixture(params=["store", "pg_store"])
def filled(request):
    store = request.getfixturevalue(request.param)
    ingest(store, JOBS, now=T0)
    return store


def rows_of(store, posting_id):
    with store.read() as conn:
        columns = conn.execute(select(extractions).where(extractions.c.posting_id == posting_id)).one()
        skills = dict(
            conn.execute(
                select(posting_skills.c.skill_id, posting_skills.c.required).where(
                    posting_skills.c.posting_id == posting_id
                )
            ).all()
        )
        labels = set(
            conn.execute(
                select(posting_labels.c.field, posting_labels.c.value).where(
                    posting_labels.c.posting_id == posting_id
                )
            ).all()
        )
    return columns, skills, labels


FIXES = {
    "seniority": "staff",
    "work_model": "onsite",
    "employment_type": "contract",
    "years_min": 8,
    "skills": [{"id": "python", "required": True}, {"id": "docker", "required": False}],
    "system_types": ["platform"],
    "role_families": ["infra"],
    "company": "Acme Labs",
    "salary": {"min": 100000, "max": 110000, "currency": "USD", "period": "year"},
    "locations": [{"city": "Berlin", "country": "DE"}],
    "languages": ["python", "go"],
}


def assert_corrected(store, posting_id="a"):
    columns, skills, labels = rows_of(store, posting_id)
    assert (columns.seniority, columns.work_model, columns.employment_type, columns.years_min) == (
        "staff", "onsite", "contract", 8,
    )  # fmt: skip
    assert (columns.salary_min, columns.salary_max, columns.company) == (100000, 110000, "Acme Labs")
    assert skills == {"python": True, "docker": False}
    assert {
        ("system_type", "platform"),
        ("family", "infra"),
        ("country", "DE"),
        ("city", "Berlin, DE"),
    } <= labels
    assert ("family", "backend") not in labels and ("language", "go") in labels
    assert ("salary_family", "infra") in labels  # the salary counts for the corrected family
    record = columns.record
    assert record["evidence"]["seniority"][0]["source"] == "user"
    assert record["evidence"]["seniority"][0]["text"] == "set by you"
    assert record["roles"][0]["seniority"] == "staff"  # one role: its level follows


def test_a_correction_rewrites_every_extraction_row_at_once(filled):
    before = get_posting(filled, "a")["extraction"]
    assert before["seniority"] == "senior" and before["work_model"] == "remote"
    done = set_corrections(filled, "a", FIXES, T0)
    assert {c.field for c in done} == set(FIXES)
    assert_corrected(filled)
    assert get_posting(filled, "a")["extraction"]["evidence"]["seniority"][0]["was"] == "senior"
    assert count_corrections(filled) == len(FIXES)
    assert {c.field for c in list_corrections(filled, "a")} == set(FIXES)
    assert list_corrections(filled, "b") == []


def test_a_correction_survives_reingest_and_reextraction(filled):
    set_corrections(filled, "a", FIXES, T0)
    report = ingest(filled, JOBS[:1], now=T0 + timedelta(days=1))  # the same posting again
    assert report.updated == 1
    assert_corrected(filled)
    # extracted again by another extractor (a cluster load of new records goes through save_batch too)
    fresh = prepare(JOBS[0])
    other = replace(
        fresh.extraction, seniority="junior", skills=(Skill("cobol", True),), role_families=("qa",)
    )
    save_batch(filled, [replace(fresh, extraction=other)], T0 + timedelta(days=2))
    assert_corrected(filled)
    record = get_posting(filled, "a")["extraction"]
    assert record["extracted"]["seniority"] == "junior"  # what this extractor read is kept for clearing
    assert record["domains"] == list(other.domains)  # fields not corrected are the new extractor's


def test_clearing_gives_back_the_extractors_record_exactly(filled):
    before = get_posting(filled, "a")["extraction"]
    set_corrections(filled, "a", FIXES, T0)
    set_correction(filled, "a", "seniority", "mid", T0 + timedelta(seconds=1))  # changed again
    assert clear_corrections(filled, "a", ["seniority"]) == 1
    after = get_posting(filled, "a")["extraction"]
    assert after["seniority"] == "senior" and after["work_model"] == "onsite"
    assert clear_corrections(filled, "a", list(FIXES)) == len(FIXES) - 1
    assert get_posting(filled, "a")["extraction"] == before
    columns, skills, _ = rows_of(filled, "a")
    assert columns.seniority == "senior" and set(skills) == {s["id"] for s in before["skills"]}
    assert clear_corrections(filled, "a", ["seniority"]) == 0


def test_a_correction_changes_the_market_figures(filled):
    frame = load_frame(filled)
    assert market(frame, Lane(seniority=("staff",))).postings == 0
    assert market(frame, Lane(family=("data",))).postings == 1
    set_correction(filled, "a", "seniority", "staff", T0)
    set_correction(filled, "c", "role_families", ["backend"], T0)
    set_correction(
        filled, "b", "salary", {"min": 300000, "max": 300000, "currency": "USD", "period": "year"}, T0
    )
    frame = load_frame(filled)
    assert market(frame, Lane(seniority=("staff",))).postings == 1
    assert market(frame, Lane(family=("data",))).postings == 0
    assert market(frame, Lane(family=("backend",))).postings == 3
    pay = market(frame, Lane(family=("backend",))).pay
    assert pay.count == 3
    # the headline withholds figures resting on 3 salaries; the salaries themselves carry the correction
    all_backend = lane_rows(frame, Lane(family=("backend",)))
    assert pay_stats(pay_scale(frame), all_backend).high == 300000


def test_the_frame_key_moves_with_every_set_and_clear(store, tmp_path):
    ingest(store, JOBS, now=T0)
    keys = [store_key(store)]
    set_correction(store, "a", "seniority", "staff", T0)
    keys.append(store_key(store))
    set_correction(store, "a", "seniority", "mid", T0)  # the same clock reading: still a later time
    keys.append(store_key(store))
    set_correction(store, "b", "work_model", "remote", T0 - timedelta(days=9))  # a clock gone back
    keys.append(store_key(store))
    clear_corrections(store, "b", ["work_model"])
    keys.append(store_key(store))
    assert all(a != b for i, a in enumerate(keys[:4]) for b in keys[i + 1 : 4])
    assert keys[4] == keys[2]  # b cleared: the very corrections of two steps before, so the same frame
    load_frame(store)
    cached = cached_sqlite_frame(store.engine.url.database)  # the sqlite3-only check agrees
    assert cached is not None
    codes, vocab = cached.codes("seniority")
    assert vocab[codes[cached.strings("id").index("a")]] == "mid"
    set_correction(store, "a", "seniority", "junior", T0)
    assert cached_sqlite_frame(store.engine.url.database) is None  # stale: rebuilt on next load


def test_labels_hold_only_the_corrected_fields(filled):
    set_corrections(filled, "a", {"seniority": "staff", "years_min": 3, "salary": None}, T0)
    set_correction(filled, "c", "company", "Gamma Inc.", T0)
    labels = {label["id"]: label for label in corrected_labels(filled)}
    assert labels["a"] == {
        "id": "a", "seniority": "staff", "years_experience": {"min": 3, "max": None}, "salary": None,
    }  # fmt: skip
    assert labels["c"] == {"id": "c", "company": "Gamma Inc."}


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("level", "senior", "use one of seniority, work_model"),
        ("evidence", {}, "not a field you can correct"),
        ("'; DROP TABLE postings; --", "x", "not a field you can correct"),
        ("seniority", "wizard", "use one of intern, junior, mid, senior, staff, manager or none"),
        ("seniority", ["senior"], "is not allowed"),
        ("work_model", "<script>alert(1)</script>", "use one of remote, hybrid, onsite"),
        ("employment_type", 7, "use one of full_time"),
        ("primary_language", "english", "use one of python"),
        ("languages", "python", "give a list"),
        ("languages", ["python", "klingon"], "'klingon' is not allowed"),
        ("system_types", ["web"], "use one of product, data, distributed, platform, security"),
        ("role_families", ["astronaut"], "use one of backend"),
        ("years_min", -1, "whole number of years 0–60"),
        ("years_min", 2.5, "whole number of years"),
        ("years_min", True, "whole number of years"),
        ("years_min", float("inf"), "whole number of years"),
        ("years_min", "5", "whole number of years"),
        ("skills", ["not-a-skill-xyz"], "not in the skills taxonomy"),
        ("skills", [{"id": "python", "required": "yes"}], "must be true or false"),
        ("skills", ["python"] * 201, "at most 200"),
        ("company", "x" * 301, "at most 300"),
        ("company", "a\x00b", "control characters"),
        ("title", 5, "give a text"),
        ("salary", {"min": 10, "max": 5, "currency": "USD", "period": "year"}, "more than the max"),
        ("salary", {"min": 10, "currency": "dollars", "period": "year"}, "three-letter ISO code"),
        ("salary", {"min": 10, "currency": "USD", "period": "fortnight"}, "use one of hour, day"),
        ("salary", {"currency": "USD", "period": "year"}, "give a min, a max or both"),
        ("salary", {"min": float("nan"), "currency": "USD", "period": "year"}, "is not an amount"),
        ("salary", {"min": 1e12, "currency": "USD", "period": "year"}, "between 0 and 10,000,000,000"),
        ("salary", {"min": 1, "currency": "USD", "period": "year", "bonus": 5}, "give {'min'"),
        ("salary", "lots", "give {'min'"),
        ("locations", [{"city": None, "country": None}], "needs a city, a country or both"),
        ("locations", [{"city": "Berlin", "country": "Germany"}], "two-letter ISO code"),
        ("locations", [{"city": "x" * 500, "country": "DE"}], "at most 90 characters"),
        ("locations", ["Berlin"], "each place is"),
    ],
)
def test_bad_fields_and_values_are_one_line_errors_and_write_nothing(filled, field, value, says):
    before = get_posting(filled, "a")["extraction"]
    with pytest.raises(InputError) as e:  # one good value with the bad one: neither is kept
        set_corrections(filled, "a", {"work_model": "hybrid", field: value}, T0)
    assert says in e.value.message and "\n" not in e.value.message and len(e.value.message) < 400
    assert count_corrections(filled) == 0
    assert get_posting(filled, "a")["extraction"] == before


def test_a_yearly_pay_in_rupiah_is_a_salary_a_user_can_label(filled):
    """IDR 1.2 billion a year is about USD 75k: the bound on pay (models.MAX_PAY) is the one a board's
    own salary field is held to, not a billion, which refused it."""
    rupiah = {"min": 1_200_000_000, "max": 1_500_000_000, "currency": "IDR", "period": "year"}
    set_corrections(filled, "a", {"salary": rupiah}, T0)
    assert get_posting(filled, "a")["extraction"]["salary"] == rupiah


def test_unknown_posting_and_sql_looking_text(filled):
    with pytest.raises(NotFound, match="not in the store"):
        set_correction(filled, "no-such-id", "seniority", "mid", T0)
    with pytest.raises(NotFound):
        set_correction(filled, "a' OR '1'='1", "seniority", "mid", T0)
    with pytest.raises(NotFound):
        clear_corrections(filled, "nope", ["seniority"])
    sneaky = "Robert'); DROP TABLE postings; -- <script>alert(1)</script>"
    set_correction(filled, "a", "company", sneaky, T0)
    set_correction(filled, "a", "title", "x" * 500, T0)  # the longest title the column takes
    assert rows_of(filled, "a")[0].company == sneaky
    with filled.read() as conn:
        assert len(conn.execute(select(postings.c.id)).all()) == 3
        assert len(conn.execute(select(corrections)).all()) == 2


def test_a_correction_of_the_same_field_replaces_the_last(filled):
    set_correction(filled, "a", "seniority", "mid", T0)
    set_correction(filled, "a", "seniority", "junior", T0)
    assert [(c.field, c.value) for c in list_corrections(filled)] == [("seniority", "junior")]
    assert rows_of(filled, "a")[0].seniority == "junior"
    assert get_posting(filled, "a")["extraction"]["evidence"]["seniority"][0]["was"] == "senior"


def test_a_corrected_source_fact_is_yours(store):
    stated = {"min": 100000, "max": 120000, "currency": "USD", "period": "year"}
    board = Posting(
        id="s", title="Backend Engineer", description="Go and Kafka.", source="lever",
        source_fields={"facts_from": {"salary": "lever:salaryRange"}, "salary": stated},
    )  # fmt: skip
    ingest(store, [board], now=T0)
    assert get_posting(store, "s")["extraction"]["source_facts"] == {"salary": "lever:salaryRange"}
    mine = {"min": 130000, "max": 140000, "currency": "USD", "period": "year"}
    set_correction(store, "s", "salary", mine, T0)
    record = get_posting(store, "s")["extraction"]
    assert record["salary"] == mine and record["source_facts"] == {}  # no longer the board's figure
    assert record["extracted"]["source_facts"] == {"salary": "lever:salaryRange"}
    ingest(store, [board], now=T0 + timedelta(days=1))  # the board says its figure again: yours stays
    assert get_posting(store, "s")["extraction"]["salary"] == mine
    clear_corrections(store, "s", ["salary"])
    record = get_posting(store, "s")["extraction"]
    assert record["salary"] == stated and record["source_facts"] == {"salary": "lever:salaryRange"}


@pytest.mark.parametrize("backend", ["store", "pg_store"])
def test_migration_0007_down_and_up(request, backend):
    from alembic import command
    from sqlalchemy import inspect

    from rolemap.store.db import HEAD_REVISION, _alembic_config, schema_revision

    store = request.getfixturevalue(backend)
    ingest(store, JOBS, now=T0)
    set_correction(store, "a", "seniority", "staff", T0)
    config = _alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")
    assert schema_revision(store) == "0006" and not inspect(store.engine).has_table("corrections")
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    assert schema_revision(store) == HEAD_REVISION and count_corrections(store) == 0
    assert "ix_corrections_set_at" in {ix["name"] for ix in inspect(store.engine).get_indexes("corrections")}


@pytest.mark.parametrize(
    ("field", "typed", "value"),
    [
        ("seniority", "Senior", "senior"),
        ("employment_type", "full-time", "full_time"),
        ("primary_language", "objective-c", "objective-c"),
        ("languages", "python, Go ,go", ["python", "go"]),
        ("languages", "none", []),
        ("years_min", "5", 5),
        ("years_min", "", None),
        (
            "skills",
            "Python,postgres,docker?",
            [
                {"id": "python", "required": True},
                {"id": "postgresql", "required": True},
                {"id": "docker", "required": False},
            ],
        ),
        ("salary", "120k-150k,usd,Year", {"min": 120000, "max": 150000, "currency": "USD", "period": "year"}),
        ("salary", "-200000,EUR,year", {"min": None, "max": 200000, "currency": "EUR", "period": "year"}),
        ("salary", "60,USD,hour", {"min": 60, "max": 60, "currency": "USD", "period": "hour"}),
        ("salary", "none", None),
        (
            "locations",
            "Berlin:de,US,Springfield:",
            [
                {"city": "Berlin", "country": "DE"},
                {"city": None, "country": "US"},
                {"city": "Springfield", "country": None},
            ],
        ),
        ("company", "  Acme   Labs, Inc. ", "Acme Labs, Inc."),
        ("role_families", '["data", "ml"]', ["data", "ml"]),
    ],
)
def test_typed_values_and_back(field, typed, value):
    from rolemap.extract.corrections import parse_text, value_text

    assert parse_text(field, typed) == value
    assert parse_text(field, value_text(field, value)) == value  # what a page's form shows reads back
