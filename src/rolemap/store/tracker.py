"""The seeker's tracker: saved postings with a status and notes, shown with the guide's five columns
(title, language, level, system type, repeated requirements)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from rolemap.errors import InputError, NotFound
from rolemap.store.db import Store
from rolemap.store.schema import (
    TRACKER_STATUSES,
    extractions,
    posting_labels,
    posting_skills,
    postings,
    tracker,
)

MAX_NOTES_CHARS = 5000


@dataclass(frozen=True)
class TrackerEntry:
    id: str
    title: str
    company: str
    language: str
    level: str
    system_type: str
    repeated: list[str]  # skills this posting shares with other tracked postings
    status: str
    notes: str
    saved_at: str
    updated_at: str
    url: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def check_entry(status: str, notes: str) -> None:
    if status not in TRACKER_STATUSES:
        raise InputError(f"status {status!r}: use one of {', '.join(TRACKER_STATUSES)}")
    if len(notes) > MAX_NOTES_CHARS:
        raise InputError(f"notes: longer than {MAX_NOTES_CHARS:,} characters")


def track(store: Store, posting_id: str, status: str, notes: str | None, now: datetime) -> None:
    """Save a posting to the tracker, or change its status (and notes, when given)."""
    check_entry(status, notes or "")
    with store.engine.begin() as conn:
        if conn.scalar(select(postings.c.id).where(postings.c.id == posting_id)) is None:
            raise NotFound(f"posting {posting_id!r}: not in the store")
        values: dict[str, Any] = {"status": status, "updated_at": now}
        if notes is not None:
            values["notes"] = notes
        changed = conn.execute(update(tracker).where(tracker.c.posting_id == posting_id).values(**values))
        if not changed.rowcount:
            conn.execute(
                insert(tracker).values(posting_id=posting_id, saved_at=now, **{"notes": "", **values})
            )


def untrack(store: Store, posting_id: str) -> bool:
    with store.engine.begin() as conn:
        return bool(conn.execute(delete(tracker).where(tracker.c.posting_id == posting_id)).rowcount)


def tracker_status(store: Store, posting_id: str) -> dict[str, Any] | None:
    with store.read() as conn:
        row = conn.execute(select(tracker).where(tracker.c.posting_id == posting_id)).first()
    return dict(row._mapping) if row else None


def tracker_entries(store: Store) -> list[TrackerEntry]:
    """Every tracked posting, most recently changed first. A requirement is repeated when at least two
    tracked postings (and at least 30% of them) ask for it: the guide's signal of what the lane wants."""
    with store.read() as conn:
        rows = conn.execute(
            select(
                tracker, postings.c.title, postings.c.company, postings.c.url,
                extractions.c.primary_language, extractions.c.seniority,
            )
            .select_from(
                tracker.join(postings, postings.c.id == tracker.c.posting_id).outerjoin(
                    extractions, extractions.c.posting_id == tracker.c.posting_id
                )
            )
            .order_by(tracker.c.updated_at.desc(), tracker.c.posting_id)
        ).all()  # fmt: skip
        ids = [r.posting_id for r in rows]
        skills = _by_posting(conn, select(posting_skills.c.posting_id, posting_skills.c.skill_id), ids)
        systems = _by_posting(
            conn,
            select(posting_labels.c.posting_id, posting_labels.c.value)
            .where(posting_labels.c.field == "system_type")
            .order_by(posting_labels.c.rank),
            ids,
        )
    counts: dict[str, int] = {}
    for values in skills.values():
        for skill in values:
            counts[skill] = counts.get(skill, 0) + 1
    least = max(2, -(-len(ids) * 3 // 10))
    return [
        TrackerEntry(
            id=r.posting_id, title=r.title, company=r.company or "", language=r.primary_language or "",
            level=r.seniority or "", system_type=", ".join(systems.get(r.posting_id, [])),
            repeated=[s for s in skills.get(r.posting_id, []) if counts[s] >= least],
            status=r.status, notes=r.notes, saved_at=_iso(r.saved_at), updated_at=_iso(r.updated_at),
            url=r.url or "",
        )
        for r in rows
    ]  # fmt: skip


def tracker_size(store: Store) -> int:
    with store.read() as conn:
        return int(conn.scalar(select(func.count()).select_from(tracker)) or 0)


def _by_posting(conn: Any, query: Any, ids: list[str]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    column = query.selected_columns[0]
    for start in range(0, len(ids), 500):
        for posting_id, value in conn.execute(query.where(column.in_(ids[start : start + 500]))):
            out.setdefault(posting_id, []).append(value)
    return out


def _iso(value: datetime) -> str:
    return value.isoformat(timespec="seconds") if value else ""
