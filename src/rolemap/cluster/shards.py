"""One shard of postings in, one Parquet file of extraction records out: the unit of work that the local
and the Dask engine both run (the same function on the same bytes), so their outputs are the same bytes.

A shard is a JSON Lines file (gzip allowed) or a Parquet file with the contract's input columns. Its
Parquet output holds, per line, the exact JSON record `rolemap extract` writes for it (`record`), the
posting (for `rolemap ingest`), the record's fields as columns (for queries over the whole dataset) and a
MinHash signature (for near-duplicate grouping). It is written beside its final name and renamed into
place, so a worker killed half-way never leaves half a file.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from rolemap.analytics.near_dups import signatures
from rolemap.errors import InputError
from rolemap.extract.batch import read_line, read_object, record_json, record_of
from rolemap.extract.source_facts import FACTS_FROM, apply_source_facts
from rolemap.models import Extraction, Posting
from rolemap.sources.files import bounded_lines
from rolemap.store.repository import posting_fingerprint
from rolemap.text import document_text

ROWS_A_GROUP = 2_000  # postings a Parquet row group holds: memory stays flat whatever the shard's size
ERRORS_KEPT = 20
_TEXT = pa.string()
SCHEMA = pa.schema(
    [
        ("line", pa.int64()),  # 1-based place in the shard (line of a JSONL file, row of a Parquet file)
        ("id", _TEXT),
        ("error", _TEXT),  # why the line gave no record
        ("record", _TEXT),  # the line `rolemap extract` writes for it, byte for byte
        ("title", _TEXT),
        ("description", _TEXT),
        ("company", _TEXT),
        ("location", _TEXT),
        ("url", _TEXT),
        ("posted_at", _TEXT),
        ("source", _TEXT),
        ("board", _TEXT),
        ("source_fields", _TEXT),  # JSON
        ("text", _TEXT),  # the document text the record's evidence offsets point into
        ("fingerprint", _TEXT),  # exact-copy identity (store.repository.fingerprint)
        ("seniority", _TEXT),
        ("primary_language", _TEXT),
        ("work_model", _TEXT),
        ("employment_type", _TEXT),
        ("years_min", pa.int32()),
        ("salary_min", pa.float64()),
        ("salary_max", pa.float64()),
        ("salary_currency", _TEXT),
        ("salary_period", _TEXT),
        ("languages", pa.list_(_TEXT)),
        ("system_types", pa.list_(_TEXT)),
        ("skills", pa.list_(_TEXT)),
        ("skills_required", pa.list_(pa.bool_())),
        ("minhash", pa.binary()),  # near_dups signature: NUM_PERM little-endian uint32
    ]
)
_SUFFIXES = (".jsonl.gz", ".json.gz", ".jsonl", ".json", ".parquet")


@dataclass
class ShardResult:
    shard: str
    output: str
    postings: int = 0  # lines that gave a record
    failed: int = 0  # lines that gave an error record
    errors: list[str] = field(default_factory=list)


def output_name(shard: Path) -> str:
    name = shard.name
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)] + ".parquet"
    raise InputError(f"{shard}: a shard is .jsonl, .jsonl.gz or .parquet")


def extract_shard(shard: str, out_dir: str) -> ShardResult:
    """Extract every posting of `shard` into `out_dir/<shard name>.parquet`."""
    source = Path(shard)
    target = Path(out_dir) / output_name(source)
    result = ShardResult(str(source), str(target))
    draft = target.with_name(f".{target.name}.{os.getpid()}.draft")
    try:
        with pq.ParquetWriter(draft, SCHEMA, compression="zstd") as writer:
            for chunk in _chunks(_items(source), ROWS_A_GROUP):
                writer.write_table(_table(chunk, result), row_group_size=ROWS_A_GROUP)
        os.replace(draft, target)
    except OSError as e:  # on a worker: a path it cannot see or write (no shared file system?)
        raise InputError(f"{source} → {target}: {e.strerror or e}") from None
    finally:
        draft.unlink(missing_ok=True)
    return result


def _items(shard: Path) -> Iterator[tuple[int, Posting | dict[str, object]]]:
    if shard.name.endswith(".parquet"):
        yield from _parquet_items(shard)
        return
    opener: Any = gzip.open if shard.name.endswith(".gz") else open
    with opener(shard, "rb") as f:
        for number, line in enumerate(bounded_lines(f), 1):
            if line is not None and not line.strip():
                continue
            yield number, read_line(line, f"{shard}:{number}")


def _parquet_items(shard: Path) -> Iterator[tuple[int, Posting | dict[str, object]]]:
    try:
        batches = pq.ParquetFile(shard).iter_batches(batch_size=ROWS_A_GROUP)
        number = 0
        for batch in batches:
            for row in batch.to_pylist():
                number += 1
                yield number, read_object(row, f"{shard}:row {number}")
    except (pa.ArrowException, OSError) as e:
        raise InputError(f"{shard}: not a readable Parquet file ({e})") from None


def _chunks(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _table(chunk: list[tuple[int, Posting | dict[str, object]]], result: ShardResult) -> pa.Table:
    rows = []
    texts = []
    for number, item in chunk:
        if isinstance(item, dict):
            rows.append(_row(number, item))
            _count_error(result, item)
            continue
        text = document_text(item.title, item.description)
        record = with_source_facts(record_of(item, f"{result.shard}:{number}", text), item, text)
        row = _row(number, record, item, text)
        rows.append(row)
        if "error" in record:
            _count_error(result, record)
        else:
            result.postings += 1
            texts.append((len(rows) - 1, text))
    for (place, _), sig in zip(texts, signatures([t for _, t in texts]), strict=True):
        rows[place]["minhash"] = sig.hashvalues.astype("<u4").tobytes()
    return pa.Table.from_pylist(rows, schema=SCHEMA)


def with_source_facts(record: dict[str, Any], posting: Posting, text: str | None = None) -> dict[str, Any]:
    """The record with the facts the posting's source states, as `pipeline.prepare` makes it for ingest
    (a job board's owner is one, even when the answer states no other; a contract line's own company and
    location are facts too), so a dataset's market and the store loaded from it count what `rolemap
    ingest` would; a posting whose source states none keeps the record `rolemap extract` writes."""
    if "error" in record or not (posting.source_fields.get(FACTS_FROM) or posting.board):
        return record
    return apply_source_facts(Extraction.from_dict(record), posting, text).as_dict()


def _count_error(result: ShardResult, record: dict[str, object]) -> None:
    result.failed += 1
    if len(result.errors) < ERRORS_KEPT:
        result.errors.append(str(record["error"]))


def _row(
    number: int, record: dict[str, Any], posting: Posting | None = None, text: str | None = None
) -> dict[str, Any]:
    row: dict[str, Any] = {
        "line": number,
        "id": None if record.get("id") is None else str(record["id"]),
        "error": record.get("error"),
        "record": record_json(record),
    }
    if posting is None or "error" in record:
        return row
    salary = record.get("salary") or {}
    skills = record.get("skills") or []
    row.update(
        title=posting.title, description=posting.description, company=posting.company,
        location=posting.location, url=posting.url, posted_at=posting.posted_at, source=posting.source,
        board=posting.board, source_fields=json.dumps(posting.source_fields, ensure_ascii=False),
        text=text, fingerprint=posting_fingerprint(posting, text or ""),
        seniority=record.get("seniority"), primary_language=record.get("primary_language"),
        work_model=record.get("work_model"), employment_type=record.get("employment_type"),
        years_min=(record.get("years_experience") or {}).get("min"),
        salary_min=salary.get("min"), salary_max=salary.get("max"),
        salary_currency=salary.get("currency"), salary_period=salary.get("period"),
        languages=record.get("languages"), system_types=record.get("system_types"),
        skills=[s["id"] for s in skills], skills_required=[bool(s["required"]) for s in skills],
    )  # fmt: skip
    return row


def list_shards(paths: list[Path]) -> list[Path]:
    """The shard files named, a folder standing for the shards inside it; two shards may not share an
    output name."""
    from rolemap.sources.files import check_readable

    shards: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file() and p.name.endswith(_SUFFIXES))
            if not inside:
                raise InputError(f"{path}: no .jsonl, .jsonl.gz or .parquet shards inside")
            shards.extend(inside)
            continue
        check_readable(path)
        output_name(path)
        shards.append(path)
    seen: dict[str, Path] = {}
    for shard in shards:
        other = seen.setdefault(output_name(shard), shard)
        if other != shard:
            raise InputError(
                f"{shard} and {other}: both would be written to {output_name(shard)}; rename one"
            )
    return shards


def prepare_output(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(f"{out_dir}: exists and is not a folder; -o names the folder of Parquet files")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"{out_dir}: cannot create it ({e.strerror})") from None
