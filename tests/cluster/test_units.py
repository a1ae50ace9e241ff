"""The work units on their own: records read back whole, exact copies across shards settled."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow.parquet as pq
from sqlalchemy import text

from rolemap.cluster.load import load_shard, load_time
from rolemap.cluster.shards import extract_shard
from rolemap.extract import extract_posting
from rolemap.extract.batch import extract_lines
from rolemap.models import Extraction
from rolemap.sources import read_file
from rolemap.store.db import open_store
from rolemap.store.repository import settle_duplicates
from tests.conftest import SHARED


def test_an_extraction_record_reads_back_to_the_same_record() -> None:
    postings = [p for p in read_file(SHARED / "data/eval_pool/postings.jsonl") if not hasattr(p, "message")]
    assert len(postings) > 200
    for posting in postings:
        record = extract_posting(posting).as_dict()  # type: ignore[arg-type]
        assert Extraction.from_dict(json.loads(json.dumps(record))).as_dict() == record


def test_copies_in_two_shards_count_once_whichever_was_stored_first(tmp_path: Path) -> None:
    body = "We build payment APIs in Go with PostgreSQL and Kafka. Remote, senior."
    (tmp_path / "a.jsonl").write_text(
        json.dumps({"id": "z-copy", "title": "Go engineer", "description": body}) + "\n"
    )
    (tmp_path / "b.jsonl").write_text(
        json.dumps({"id": "a-copy", "title": "Go engineer", "description": body}) + "\n"
    )
    out = tmp_path / "records"
    out.mkdir()
    store = open_store(f"sqlite:///{tmp_path / 's.db'}")
    now = load_time()
    for name in ("a", "b"):  # z-copy is stored first and owns the fingerprint…
        extract_shard(str(tmp_path / f"{name}.jsonl"), str(out))
        load_shard(store.url, str(out / f"{name}.parquet"), now)
    assert settle_duplicates(store) == 2  # …until the copies are settled: the smallest id counts
    with store.engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT id, duplicate_of FROM postings")).all())
    assert rows == {"a-copy": None, "z-copy": "a-copy"}
    assert settle_duplicates(store) == 0
    store.engine.dispose()


def test_a_shards_records_are_the_lines_rolemap_extract_writes(tmp_path: Path) -> None:
    """docs/scale.md's guarantee, for lines that carry the contract's own company and location too: the
    company fills only what the text leaves out, the places are the text's, in both outputs."""
    lines = [
        {"id": "named", "title": "Data Engineer", "company": "Akshaya Inc", "location": "Cupertino, CA",
         "description": "Apple is hiring a data engineer in Cupertino, CA. Spark and Python."},
        {"id": "unnamed", "title": "Sustaining Engineer", "company": "Downing ", "location": "United States",
         "description": "Review orders to meet design standards. Fully remote."},
        {"id": "plain", "title": "Go engineer", "description": "Go and Kafka. Remote."},
    ]  # fmt: skip
    shard = tmp_path / "part.jsonl"
    shard.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = tmp_path / "records"
    out.mkdir()
    extract_shard(str(shard), str(out))
    written = io.StringIO()
    assert extract_lines(io.BytesIO(shard.read_bytes()), written) == 0
    table = pq.read_table(out / "part.parquet").to_pylist()
    assert [row["record"] for row in table] == written.getvalue().splitlines()
    records = {r["id"]: r for r in map(json.loads, written.getvalue().splitlines())}
    assert records["named"]["company"] == "Apple"
    assert records["unnamed"]["company"] == "Downing"
    assert records["unnamed"]["source_facts"] == {"company": "jsonl:company"}
    assert records["unnamed"]["locations"] == []  # remote, no place of work named: not the input's field
    assert records["plain"]["company"] is None
