"""Near-duplicate grouping: reposts with small edits are one job, other roles of the same employer are
not, and no text breaks it."""

from __future__ import annotations

import json

import pytest

from rolemap.analytics.near_dups import near_groups, similarity
from rolemap.pipeline import ingest
from rolemap.sources import read_file
from rolemap.store.db import open_store
from tests.cli_runner import run

AD = (
    "Acme Payments | Berlin | Onsite | Full-time. We build the ledger that moves money for ten thousand "
    "shops across Europe. We are hiring a Senior Backend Engineer to own our settlement services, written "
    "in Go on PostgreSQL and Kafka, with five years of experience building distributed systems. You will "
    "design the reconciliation pipeline, review code, mentor two engineers and run the on-call rotation. "
    "We offer 80,000 to 95,000 EUR, thirty days of holiday and a learning budget. Apply at acme.example."
)
REPOST = AD.replace("ten thousand", "twelve thousand")  # next month, one figure changed
OTHER_ROLE = AD.replace(
    "a Senior Backend Engineer to own our settlement services, written in Go on PostgreSQL and Kafka",
    "a Product Designer to own our merchant dashboard, drawn in Figma and tested with real shop owners",
).replace("review code, mentor two engineers and run the on-call rotation", "run user interviews weekly")


def test_a_repost_is_grouped_and_another_role_is_not():
    groups = near_groups(["first", "other", "repost"], [AD, OTHER_ROLE, REPOST], threshold=0.8)
    assert [g.ids for g in groups] == [["first", "repost"]]  # the first given counts
    assert groups[0].lowest >= 0.8 > similarity(AD, OTHER_ROLE)


def test_nothing_to_group_and_hostile_texts():
    assert near_groups([], []) == []
    junk = ["", "\x00\xff\ufffd", "<script>alert(1)</script>", "'; DROP TABLE postings; --", "a " * 100_000]
    assert near_groups([str(i) for i in range(len(junk))], junk) == []
    with pytest.raises(ValueError, match="threshold"):
        near_groups(["a"], ["a"], threshold=0)


def test_the_command_shows_the_groups(tmp_path):
    src = tmp_path / "p.jsonl"
    rows = [("a1", AD, "2018-01-01"), ("a2", REPOST, "2018-02-01"), ("b1", OTHER_ROLE, "2018-01-01")]
    src.write_text(
        "".join(
            json.dumps({"id": i, "title": "", "description": d, "posted_at": p}) + "\n" for i, d, p in rows
        )
    )
    db = str(tmp_path / "n.db")
    ingest(open_store(db), read_file(src))
    r = run("near-dups", "--db", db, "--json")
    assert r.returncode == 0, r.stderr
    found = json.loads(r.stdout)
    assert found["postings"] == 3 and found["counted_once"] == 2
    assert [g["ids"] for g in found["groups"]] == [["a1", "a2"]]  # the earliest posted counts
    table = run("near-dups", "--db", db)
    assert "counted once, 2" in " ".join(table.stdout.split())
    bad = run("near-dups", "--db", db, "--threshold", "1.5")
    assert bad.returncode != 0 and "threshold" in bad.stderr
