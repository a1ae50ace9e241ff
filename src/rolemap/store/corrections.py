"""A user's own labels in the store: the `corrections` table (one row a posting and field, the value as
JSON), and the overlay that makes every extraction row the store writes carry them.

`with_corrections` runs inside every write of extraction rows (repository.save_batch: ingest, re-ingest,
a cluster load of records extracted again), so a correction is never lost to a new record. Setting or
clearing one rewrites that posting's rows in the same transaction, from the extractor's own record kept in
the stored one (extract/corrections.py). The market frame's change check reads the table's count and
newest time, so every figure follows at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, delete, func, insert, select

from rolemap.errors import InputError, NotFound
from rolemap.extract.corrections import check_field, check_value, label_of, original, overlay
from rolemap.models import Posting
from rolemap.store.db import Store
from rolemap.store.schema import corrections, extractions, postings

if TYPE_CHECKING:
    from rolemap.store.repository import Prepared

_CHUNK = 500


@dataclass(frozen=True)
class Correction:
    posting_id: str
    field: str
    value: Any
    set_at: str  # ISO 8601

    def as_dict(self) -> dict[str, Any]:
        return {
            "posting_id": self.posting_id,
            "field": self.field,
            "value": self.value,
            "set_at": self.set_at,
        }


def with_corrections(
    conn: Connection, batch: Sequence[Prepared]
) -> tuple[list[Prepared], dict[str, dict[str, Any]]]:
    """The batch with each posting's corrections written over its extraction, and the records to store for
    the corrected ones (posting id → record with the user's evidence and the extractor's values)."""
    fixes = _by_posting(conn, [p.posting.id for p in batch])
    if not fixes:
        return list(batch), {}
    out, records = [], {}
    for p in batch:
        mine = fixes.get(p.posting.id)
        if mine is None:
            out.append(p)
            continue
        values = {c.field: c.value for c in mine}
        corrected, record = overlay(p.extraction, values, {c.field: c.set_at for c in mine})
        out.append(replace(p, extraction=corrected))
        records[p.posting.id] = record
    return out, records


def set_correction(store: Store, posting_id: str, field: str, value: Any, now: datetime) -> Correction:
    """Check `value` and keep it as the posting's `field`; its rows are rewritten in the same transaction."""
    return set_corrections(store, posting_id, {field: value}, now)[0]


def set_corrections(store: Store, posting_id: str, values: dict[str, Any], now: datetime) -> list[Correction]:
    """Several fields of one posting at once: all are checked first, then written in one transaction."""
    checked = {check_field(field): check_value(field, value) for field, value in values.items()}
    if not checked:
        raise InputError("label: give at least one field=value")
    with store.engine.begin() as conn:
        record = _record(conn, posting_id)
        at = _after_newest(conn, now)
        conn.execute(
            delete(corrections).where(
                corrections.c.posting_id == posting_id, corrections.c.field.in_(list(checked))
            )
        )
        rows = [{"posting_id": posting_id, "field": f, "value": v, "set_at": at} for f, v in checked.items()]
        conn.execute(insert(corrections), rows)
        _rewrite(conn, posting_id, record)
    return [Correction(posting_id, f, v, at.isoformat()) for f, v in checked.items()]


def clear_corrections(store: Store, posting_id: str, fields: Iterable[str]) -> int:
    """Forget corrections: the extractor's values come back. Returns how many there were."""
    names = [check_field(field) for field in fields]
    with store.engine.begin() as conn:
        record = _record(conn, posting_id)
        gone = conn.execute(
            delete(corrections).where(corrections.c.posting_id == posting_id, corrections.c.field.in_(names))
        ).rowcount
        if gone:
            _rewrite(conn, posting_id, record)
    return int(gone or 0)


def list_corrections(store: Store, posting_id: str | None = None) -> list[Correction]:
    """Every correction (or one posting's), by posting then field."""
    query = select(corrections).order_by(corrections.c.posting_id, corrections.c.field)
    if posting_id is not None:
        query = query.where(corrections.c.posting_id == check_posting_id(posting_id))
    with store.read() as conn:
        return [_correction(row) for row in conn.execute(query)]


def count_corrections(store: Store) -> int:
    with store.read() as conn:
        return int(conn.scalar(select(func.count()).select_from(corrections)) or 0)


def corrected_labels(store: Store) -> list[dict[str, Any]]:
    """One label line a corrected posting, in the format of ../shared/eval/score.py: its corrected fields
    as its stored record now holds them."""
    fields: dict[str, list[str]] = {}
    for c in list_corrections(store):
        fields.setdefault(c.posting_id, []).append(c.field)
    out = []
    with store.read() as conn:
        for start in range(0, len(fields), _CHUNK):
            ids = list(fields)[start : start + _CHUNK]
            query = select(extractions.c.posting_id, extractions.c.record).where(
                extractions.c.posting_id.in_(ids)
            )
            records = dict(conn.execute(query).all())
            out += [label_of(records[i], fields[i]) for i in ids if i in records]
    return out


def check_posting_id(posting_id: str) -> str:
    """An id that may be in the store: the database is never asked about one it cannot hold."""
    try:
        posting_id.encode("utf-8")
    except UnicodeEncodeError:
        raise NotFound(f"posting {posting_id[:200]!r}: not in the store (the id is not UTF-8)") from None
    if len(posting_id) > 200 or not posting_id:
        raise NotFound(f"posting {posting_id[:200]!r}: not in the store; `rolemap list` shows the ids")
    return posting_id


def _record(conn: Connection, posting_id: str) -> dict[str, Any]:
    check_posting_id(posting_id)
    found = conn.execute(
        select(postings.c.id, extractions.c.record)
        .select_from(postings.outerjoin(extractions, extractions.c.posting_id == postings.c.id))
        .where(postings.c.id == posting_id)
    ).first()
    if found is None:
        raise NotFound(f"posting {posting_id[:200]!r}: not in the store; `rolemap list` shows the ids")
    if not found.record:
        raise InputError(
            f"posting {posting_id[:200]!r}: has no extraction record to correct; ingest it again"
        )
    return dict(found.record)


def _rewrite(conn: Connection, posting_id: str, record: dict[str, Any]) -> None:
    """The posting's extraction rows again, from the extractor's own record and the corrections now set."""
    from rolemap.store.repository import Prepared, _replace_extractions  # it imports this module

    _replace_extractions(conn, [Prepared(Posting(id=posting_id), original(record), "")], [posting_id])


def _after_newest(conn: Connection, now: datetime) -> datetime:
    """`now`, or just after the newest time set so far: each change gets a later time than any before it,
    which is what lets the market frame's change check see every change (analytics/frame.py)."""
    newest = conn.scalar(select(func.max(corrections.c.set_at)))
    if newest is not None:
        if newest.tzinfo is None and now.tzinfo is not None:  # SQLite gives back naive times
            newest = newest.replace(tzinfo=now.tzinfo)
        if newest >= now:
            return newest + timedelta(microseconds=1)
    return now


def _by_posting(conn: Connection, ids: list[str]) -> dict[str, list[Correction]]:
    out: dict[str, list[Correction]] = {}
    for start in range(0, len(ids), _CHUNK):
        query = select(corrections).where(corrections.c.posting_id.in_(ids[start : start + _CHUNK]))
        for row in conn.execute(query):
            out.setdefault(row.posting_id, []).append(_correction(row))
    return out


def _correction(row: Any) -> Correction:
    at = row.set_at
    if at is not None and at.tzinfo is None:  # SQLite keeps no zone: the times written are UTC
        at = at.replace(tzinfo=UTC)
    return Correction(row.posting_id, row.field, row.value, at.isoformat() if at else "")
