"""The ingest report adds up: every posting read is stored, updated, a duplicate or failed (session 10: a
Dice CSV with two identical rows and no id column read 658 and accounted for 656)."""

from __future__ import annotations

from datetime import UTC, datetime

from rolemap.models import Posting
from rolemap.pipeline import ingest

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def _posting(posting_id: str, text: str) -> Posting:
    return Posting(id=posting_id, title="Backend Engineer", description=text, source="csv")


def test_a_second_posting_with_an_id_already_in_the_batch_counts_as_an_update(store):
    items = [_posting("a", "Go and Kafka."), _posting("b", "Python."), _posting("a", "Go and Kafka, remote.")]
    report = ingest(store, items, now=T0)
    assert report.read == 3
    assert (report.stored, report.updated, report.duplicates, report.failed) == (2, 1, 0, 0)
    assert report.stored + report.updated + report.duplicates + report.failed == report.read


def test_the_same_posting_in_two_batches_counts_the_same_way(store):
    first = ingest(store, [_posting("a", "Go and Kafka.")], now=T0)
    again = ingest(store, [_posting("a", "Go and Kafka, remote.")], now=T0)
    assert (first.stored, again.updated) == (1, 1)
