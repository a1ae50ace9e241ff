"""Loading extraction shards (the Parquet that `rolemap extract -o FOLDER/` writes) into the store, one
shard a work unit, in batches of one transaction each.

Idempotent by construction, so a re-run after a crash, or a task that a dead worker's scheduler runs
again, loses and duplicates nothing: a posting is keyed by its id, and a batch either updates the rows
already there or inserts them, whole or not at all. Two workers may race to insert the same id (the same
posting in two shards): the loser's batch fails on the primary key and is tried again, and then updates.
Exact copies with different ids are settled once every shard is in (`settle_duplicates`), because which
copy a racing worker saw first is not known until then.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from rolemap.cluster.shards import SCHEMA
from rolemap.errors import InputError, StoreError
from rolemap.models import Extraction, Posting
from rolemap.pipeline import BATCH_SIZE
from rolemap.store.db import Store, open_store
from rolemap.store.repository import BatchResult, Prepared, save_batch

BATCH_TRIES = 4
_COLUMNS = ["error", "record", "title", "description", "company", "location", "url", "posted_at", "source",
            "board", "source_fields", "text"]  # fmt: skip


@dataclass
class LoadResult:
    shard: str
    stored: int = 0
    updated: int = 0
    duplicates: int = 0
    skipped: int = 0  # lines of the shard that had no record (their error was reported at extraction)


def check_dataset_file(path: Path) -> None:
    """A Parquet file that `rolemap extract` wrote, or a clear error naming it."""
    try:
        names = set(pq.read_schema(path).names)
    except (pa.ArrowException, OSError) as e:
        raise InputError(f"{path}: not a readable Parquet file ({e})") from None
    missing = [c for c in SCHEMA.names if c not in names]
    if missing:
        raise InputError(
            f"{path}: not extraction output (no {missing[0]!r} column); "
            "make it with: rolemap extract SHARDS… -o FOLDER/"
        )


def dataset_files(paths: list[Path]) -> list[Path]:
    """The extraction shards named, a folder standing for its *.parquet files (names starting with "_" or
    "." are the dataset's own side files, e.g. _near_dups.parquet, or drafts)."""
    files: list[Path] = []
    for path in paths:
        inside = sorted(path.glob("*.parquet")) if path.is_dir() else [path]
        inside = [f for f in inside if not f.name.startswith(("_", "."))]
        if not inside:
            raise InputError(f"{path}: no extraction shards (*.parquet) inside")
        files.extend(inside)
    for f in files:
        check_dataset_file(f)
    return files


def load_shard(db_url: str, shard: str, now_iso: str) -> LoadResult:
    """Store every record of one extraction shard (a work unit: runs in any process)."""
    now = datetime.fromisoformat(now_iso)
    result = LoadResult(shard)
    store = open_store(db_url, migrate=False)  # the driver migrated it once before the units started
    try:
        for batch in pq.ParquetFile(shard).iter_batches(batch_size=BATCH_SIZE, columns=_COLUMNS):
            prepared = []
            for row in batch.to_pylist():
                if row["error"] is not None:
                    result.skipped += 1
                    continue
                prepared.append(_prepared(row))
            saved = _save_retrying(store, prepared, now)
            result.stored += saved.stored
            result.updated += saved.updated
            result.duplicates += saved.duplicates
    finally:
        store.engine.dispose()
    return result


def _prepared(row: dict[str, object]) -> Prepared:
    record = json.loads(str(row["record"]))
    posting = Posting(
        id=record["id"], title=str(row["title"] or ""), description=str(row["description"] or ""),
        company=row["company"], location=row["location"], url=row["url"], posted_at=row["posted_at"],  # type: ignore[arg-type]
        source=str(row["source"] or "file"), board=row["board"],  # type: ignore[arg-type]
        source_fields=json.loads(str(row["source_fields"] or "{}")),
    )  # fmt: skip
    return Prepared(posting, Extraction.from_dict(record), str(row["text"]))


def _save_retrying(store: Store, prepared: list[Prepared], now: datetime) -> BatchResult:
    for attempt in range(1, BATCH_TRIES):
        try:
            return save_batch(store, prepared, now)
        except StoreError:  # another worker's batch held the same ids; it has committed by now
            time.sleep(0.05 * attempt)
    return save_batch(store, prepared, now)  # the last try's error is the one reported


def load_time() -> str:
    """One timestamp for every unit of a run (first/last seen), so a re-run changes only that."""
    return datetime.now(UTC).isoformat()
