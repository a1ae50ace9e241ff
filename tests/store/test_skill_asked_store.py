"""posting_skills.asked (migration 0008): written at ingest, carried into the market frame, counted by the
role page's required share; a store of the schema before reads every skill as asked."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import inspect, select

from rolemap.analytics.frame import load_frame
from rolemap.analytics.lane import Lane
from rolemap.analytics.market import market
from rolemap.models import Posting
from rolemap.pipeline import ingest
from rolemap.store.db import HEAD_REVISION, _alembic_config, schema_revision
from rolemap.store.schema import posting_skills

T0 = datetime(2026, 1, 1, tzinfo=UTC)
JOBS = [
    Posting(
        id="a", title="Backend Engineer", description="Our stack: Redis, AWS.\nRequirements: Kafka, Docker."
    ),
    Posting(id="b", title="Backend Engineer", description="Requirements: Redis and Kafka."),
]


def asked_rows(store) -> dict[tuple[str, str], tuple[bool, bool]]:
    with store.read() as conn:
        rows = conn.execute(select(posting_skills.c.posting_id, posting_skills.c.skill_id,
                                   posting_skills.c.required, posting_skills.c.asked))  # fmt: skip
        return {(p, s): (bool(a), bool(r)) for p, s, r, a in rows}


@pytest.fixture(params=["store", "pg_store"])
def any_store(request):
    return request.getfixturevalue(request.param)


def test_ingest_writes_asked_and_the_frame_counts_it(any_store, tmp_path):
    ingest(any_store, JOBS, now=T0)
    rows = asked_rows(any_store)
    assert rows[("a", "redis")] == (False, True) and rows[("a", "aws")] == (False, True)
    assert rows[("a", "kafka")] == (True, True) and rows[("b", "redis")] == (True, True)
    frame = load_frame(any_store, cache=tmp_path / "cache")
    assert frame.pairs["skill"].asked is not None
    again = load_frame(any_store, cache=tmp_path / "cache")  # from the cache files
    assert again.pairs["skill"].asked.tolist() == frame.pairs["skill"].asked.tolist()
    redis = next(s for s in market(again, Lane()).skills if s.name == "redis")
    assert (redis.count, redis.asked, redis.required) == (2, 1, 1)


def test_migration_0008_down_and_up(store):
    from alembic import command

    ingest(store, JOBS, now=T0)
    config = _alembic_config()
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0007")
    assert "asked" not in {c["name"] for c in inspect(store.engine).get_columns("posting_skills")}
    with store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    assert schema_revision(store) == HEAD_REVISION == "0010"
    assert set(asked_rows(store).values()) <= {(True, True), (True, False)}  # rows of before: asked
