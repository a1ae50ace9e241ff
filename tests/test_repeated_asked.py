"""Repeated requirements count asked skills only (issue 16 follow-up): a skill a posting only says the
company uses ("Our stack is Redis") is not a requirement, in the saved tracker (store/tracker.py) nor in
the lane listing (`rolemap list`, analytics/market.tracker)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from rolemap.analytics.lane import Lane
from rolemap.analytics.market import tracker
from rolemap.models import Posting
from rolemap.pipeline import ingest
from rolemap.store.db import open_store
from rolemap.store.tracker import track, tracker_entries
from tests.analytics.frames import make_frame
from tests.cli_runner import ok

T0 = datetime(2026, 11, 1, tzinfo=UTC)
# Redis is every posting's stack and no posting's requirement; Kafka is asked by all three
STACKED = [
    Posting(id=f"s{i}", title=f"Backend Engineer {i}", source="jsonl", posted_at=f"2026-10-0{i}",
            description="Our stack is Redis and Terraform.\n\nRequirements: Go and Kafka.")
    for i in range(1, 4)
]  # fmt: skip


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "r.db"
    store = open_store(str(path))
    ingest(store, STACKED, now=T0)
    for p in STACKED:
        track(store, p.id, "saved", None, T0)
    store.engine.dispose()
    return str(path)


def test_the_saved_tracker_repeats_asked_skills_only(db):
    entries = tracker_entries(open_store(db))
    assert [e.repeated for e in entries] == [["kafka"]] * 3


def test_the_lane_listing_repeats_asked_skills_only(db):
    data = json.loads(ok("list", "--db", db, "--json"))
    assert [r["repeated"] for r in data["rows"]] == [["kafka"]] * 3
    assert "redis" not in ok("list", "--db", db, "--csv")


def test_the_lane_listing_counts_a_posting_only_where_it_asks():
    frame = make_frame(
        [
            {"id": "a", "skill": [("kafka", True, True), ("redis", True, False)]},
            {"id": "b", "skill": [("kafka", False, True), ("redis", True, True)]},
            {"id": "c", "skill": [("redis", True, False), "go"]},
            {"id": "d", "skill": ["go"]},
        ]
    )

    def repeated(share: float = 0.3, lane: Lane | None = None) -> dict[str, list[str]]:
        return {r.id: r.repeated for r in tracker(frame, lane or Lane(), repeated_share=share)[0]}

    # kafka 2 of 4 asked, go 2 of 4, redis asked by 1 of 4 (25% < 30%) though named by 3
    assert repeated() == {"a": ["kafka"], "b": ["kafka"], "c": ["go"], "d": ["go"]}
    assert repeated(0.2)["b"] == ["kafka", "redis"]
    assert repeated(0.6)["a"] == []
    assert repeated(lane=Lane(company=["nobody"])) == {}
