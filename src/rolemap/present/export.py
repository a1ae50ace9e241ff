"""Export the store as JSON Lines, CSV or Parquet: one row a posting, with its extraction record."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from rolemap.errors import InputError

EXPORT_FORMATS = ("jsonl", "csv", "parquet")
_POSTING_COLUMNS = ("id", "source", "board", "title", "company", "location", "url", "posted_at", "first_seen",
                    "last_seen", "closed_at", "duplicate_of")  # fmt: skip
_RECORD_COLUMNS = ("seniority", "primary_language", "languages", "system_types", "work_model", "employment_type",
                   "years_min", "salary_min", "salary_max", "salary_currency", "salary_period", "skills")  # fmt: skip
COLUMNS = (*_POSTING_COLUMNS, *_RECORD_COLUMNS, "description")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def flatten(row: dict[str, Any]) -> dict[str, Any]:
    record = row.get("record") or {}
    salary = record.get("salary") or {}
    out = {k: plain(row.get(k)) for k in (*_POSTING_COLUMNS, "description")}
    out.update({
        "seniority": record.get("seniority"), "primary_language": record.get("primary_language"),
        "languages": ";".join(record.get("languages") or []),
        "system_types": ";".join(record.get("system_types") or []),
        "work_model": record.get("work_model"), "employment_type": record.get("employment_type"),
        "years_min": (record.get("years_experience") or {}).get("min"),
        "salary_min": salary.get("min"), "salary_max": salary.get("max"),
        "salary_currency": salary.get("currency"), "salary_period": salary.get("period"),
        "skills": ";".join(s["id"] + ("" if s["required"] else "?") for s in record.get("skills") or []),
    })  # fmt: skip
    return out


def plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def export_format(fmt: str) -> str:
    """--format, checked before anything is read."""
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"--format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
    return fmt


def export(rows: Iterable[dict[str, Any]], fmt: str, out: Path | IO[str]) -> int:
    export_format(fmt)
    flat = (flatten(r) for r in rows)
    if fmt == "parquet":
        if not isinstance(out, Path):
            raise InputError("--format parquet writes a file; give it with -o FILE.parquet")
        return _parquet(flat, out)
    if isinstance(out, Path):
        with out.open("w", encoding="utf-8", newline="") as f:
            return _write_text(flat, fmt, f)
    return _write_text(flat, fmt, out)


def _write_text(rows: Iterator[dict[str, Any]], fmt: str, f: IO[str]) -> int:
    n = 0
    if fmt == "jsonl":
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
        return n
    writer = csv.DictWriter(f, fieldnames=COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({k: csv_safe(v) for k, v in row.items()})
        n += 1
    return n


def csv_safe(value: Any) -> Any:
    """Cells that a spreadsheet would run as a formula get a leading quote (OWASP ASVS 1.2.10). A cell
    holding a line break is dangerous as well: a reader that splits rows on CR or LF alone would start a
    row inside it, so every line of it that starts like a formula gets the quote too (the writers also
    end rows in CRLF and quote such cells)."""
    if not isinstance(value, str):
        return value
    if "\r" in value or "\n" in value:
        value = _FORMULA_AFTER_BREAK.sub(r"\1'", value)
    return "'" + value if value.startswith(_FORMULA_START) else value


_FORMULA_AFTER_BREAK = re.compile(r"([\r\n])(?=[=+\-@\t])")


def _parquet(rows: Iterator[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    n = 0
    batch: list[dict[str, Any]] = []
    try:
        for row in rows:
            batch.append(row)
            if len(batch) >= 5000:
                writer = _write_parquet_batch(pa, pq, writer, batch, path)
                n += len(batch)
                batch = []
        if batch or writer is None:
            writer = _write_parquet_batch(pa, pq, writer, batch, path)
            n += len(batch)
    finally:
        if writer is not None:
            writer.close()
    return n


_PARQUET_SCHEMA_TYPES = {"years_min": "int64", "salary_min": "float64", "salary_max": "float64"}


def _write_parquet_batch(pa: Any, pq: Any, writer: Any, batch: list[dict[str, Any]], path: Path) -> Any:
    schema = pa.schema([(c, getattr(pa, _PARQUET_SCHEMA_TYPES.get(c, "string"))()) for c in COLUMNS])
    table = pa.Table.from_pylist([{c: r.get(c) for c in COLUMNS} for r in batch], schema=schema)
    if writer is None:
        writer = pq.ParquetWriter(str(path), schema)
    writer.write_table(table)
    return writer
