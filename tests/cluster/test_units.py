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
from rolemap.pipeline import ingest
from rolemap.sources import read_file
from rolemap.store.db import open_store
from rolemap.store.repository import get_posting, settle_duplicates
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


def test_a_shards_records_are_what_ingest_stores(tmp_path: Path) -> None:
    """docs/scale.md: a line that states no fact has the JSON Lines record; a contract line's own company
    and location are facts, written over the text's as `rolemap ingest` writes them, so the store loaded
    from the shards and the store ingested from the file agree. `rolemap extract`'s JSON Lines take only
    a company the text leaves out."""
    lines = [
        {"id": "named", "title": "Data Engineer", "company": "Akshaya Inc", "location": "Cupertino, CA",
         "description": "Apple is hiring a data engineer. Spark and Python."},
        {"id": "unnamed", "title": "Sustaining Engineer", "company": "Downing ", "location": "Austin, TX",
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
    plain = {r["id"]: r for r in map(json.loads, written.getvalue().splitlines())}
    assert (plain["named"]["company"], plain["unnamed"]["company"]) == ("Apple", "Downing")
    assert plain["unnamed"]["source_facts"] == {"company": "jsonl:company"}
    assert plain["unnamed"]["locations"] == []  # the text names no place of work
    table = {row["id"]: row["record"] for row in pq.read_table(out / "part.parquet").to_pylist()}
    assert table["plain"] == json.dumps(plain["plain"], ensure_ascii=False)
    loaded = open_store(f"sqlite:///{tmp_path / 'loaded.db'}")
    load_shard(loaded.url, str(out / "part.parquet"), load_time())
    ingested = open_store(f"sqlite:///{tmp_path / 'ingested.db'}")
    ingest(ingested, read_file(shard))

    def stored(store: object, posting_id: str) -> tuple[object, object]:
        row = get_posting(store, posting_id)  # type: ignore[arg-type]
        assert row is not None
        record = row["extraction"] if isinstance(row["extraction"], dict) else json.loads(row["extraction"])
        return record["company"], record["locations"]

    for posting_id in ("named", "unnamed", "plain"):
        assert stored(loaded, posting_id) == stored(ingested, posting_id), posting_id
    assert stored(loaded, "named")[0] == "Akshaya Inc"
    assert stored(loaded, "unnamed")[1] == [{"city": "Austin", "country": "US"}]
    loaded.engine.dispose()
    ingested.engine.dispose()
