"""Reading and writing postings and their extraction records. `save_batch` stores a batch in one
transaction; a posting the database refuses is left out and the rest stored (see its docstring)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, case, delete, func, insert, select, update
from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    InterfaceError,
    ProgrammingError,
    SQLAlchemyError,
    StatementError,
)

from rolemap.errors import StoreError
from rolemap.models import Extraction, Posting
from rolemap.store.corrections import with_corrections
from rolemap.store.db import Store
from rolemap.store.roles import ROLE_FIELD, role_labels
from rolemap.store.schema import extractions, posting_labels, posting_skills, postings

EXTRACTOR_VERSION = "2"  # the record of ../shared/spec/extraction.md, version 2
_FOLD = re.compile(r"\W+")


# The facts a source states that tell one opening from another written in the same words: Greenhouse gives
# each office of a job its own post (same content; its own place, pay and terms), and those are two openings.
OPENING_FACTS = ("locations", "salary", "employment_type")


def fingerprint(text: str, facts: dict[str, Any] | None = None) -> str:
    """Content identity across sources: the words of title + text, case and punctuation folded, and the
    facts its source states that set an opening apart (`opening_facts`), when it states any. A posting with
    no such fact keeps the fingerprint of its words alone."""
    words = _FOLD.sub(" ", text.lower()).strip()
    if facts:  # folded words hold no newline, so the two parts cannot run into each other
        stated = json.dumps(facts, sort_keys=True, ensure_ascii=False, default=str)
        words += "\n" + _FOLD.sub(" ", stated.lower()).strip()
    return hashlib.sha1(words.encode()).hexdigest()


def opening_facts(board: str | None, location: str | None, source_fields: Any) -> dict[str, Any] | None:
    """The OPENING_FACTS a job board's posting states (`source_fields["facts_from"]`, sources/facts.py), as
    the store keeps them (the location cut to its column), so that a stored row gives the same fingerprint
    as the posting it was made from; None when it states none, and for a posting of no board's listing: a
    file's or a page's copy of a job writes its place as it likes ("Berlin", "Berlin, Germany", none), and
    copies from several sources are still one posting."""
    origins = source_fields.get("facts_from") if isinstance(source_fields, dict) and board else None
    if not isinstance(origins, dict):
        return None
    facts: dict[str, Any] = {}
    if "locations" in origins:
        place = (location or None) and location[:300]
        facts["locations"] = [
            place,
            *(source_fields.get(k) for k in ("all_locations", "addresses", "office_locations")),
        ]
    for fact in OPENING_FACTS[1:]:
        if fact in origins:
            facts[fact] = source_fields.get(fact)
    return facts or None


def posting_fingerprint(posting: Posting, text: str) -> str:
    """The fingerprint of a posting whose document text is `text`."""
    return fingerprint(text, opening_facts(posting.board, posting.location, posting.source_fields))


@dataclass(frozen=True, slots=True)
class Prepared:
    """A posting ready to store: the record, its extraction and its document text."""

    posting: Posting
    extraction: Extraction
    text: str


@dataclass
class BatchResult:
    stored: int = 0
    updated: int = 0
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (posting id, why the store refused it)

    def add(self, other: BatchResult) -> None:
        self.stored += other.stored
        self.updated += other.updated
        self.duplicates += other.duplicates
        self.failed.extend(other.failed)


# What one posting's values can cause (a NUL byte PostgreSQL refuses, a value of a type no column takes):
# the batch is tried again without that posting. Anything else is the database's own failure.
_ONE_POSTING_DB = (DataError, ProgrammingError, InterfaceError)
_ONE_POSTING_VALUE = (TypeError, ValueError, OverflowError, RecursionError)


def save_batch(store: Store, batch: Sequence[Prepared], now: datetime) -> BatchResult:
    """Store a batch in one transaction. When the database refuses a value of one posting, the batch is
    tried again in halves until that posting stands alone; it is left out and named in `failed`, every
    other posting is stored. When the database itself fails (connection, lock, disk, a race on an id that
    a retry settles), or refuses every posting, it is a StoreError."""
    if not batch:
        return BatchResult()
    result = BatchResult()
    pending = [list(batch)]
    written = 0
    while pending:
        part = pending.pop()
        try:
            with store.engine.begin() as conn:
                result.add(_save(conn, part, now))
            written += len(part)
        except Exception as e:
            if not _one_posting_may_cause(e):
                raise _store_error(store, batch, written, e) from None
            if len(part) > 1:
                middle = len(part) // 2
                pending += [part[middle:], part[:middle]]
            else:
                result.failed.append((part[0].posting.id, _reason(e)))
    if len(batch) > 1 and len(result.failed) == len(batch):
        raise _store_error(store, batch, 0, ValueError(result.failed[0][1]))
    return result


def _one_posting_may_cause(e: Exception) -> bool:
    if isinstance(e, SQLAlchemyError):
        unbound = isinstance(e, StatementError) and not isinstance(e, DBAPIError)  # e.g. JSON it cannot write
        return unbound or isinstance(e, _ONE_POSTING_DB)
    return isinstance(e, _ONE_POSTING_VALUE)


def _reason(e: BaseException) -> str:
    lines = str(getattr(e, "orig", None) or e).splitlines()
    return (lines[0] if lines else type(e).__name__)[:300]


def _store_error(store: Store, batch: Sequence[Prepared], written: int, e: BaseException) -> StoreError:
    kept = f"{written} of its postings were stored first" if written else "nothing of it was written"
    return StoreError(
        f"{store.describe()}: could not store a batch of {len(batch)} postings; {kept} ({_reason(e)})"
    )


def _save(conn: Connection, batch: Sequence[Prepared], now: datetime) -> BatchResult:
    result = BatchResult()
    unique = list({p.posting.id: p for p in batch}.values())  # the last copy of an id in a batch wins
    # an earlier copy is replaced, as it would be had it come in an earlier batch: an update, so the
    # report's stored + updated + duplicates + failed is every posting read
    result.updated += len(batch) - len(unique)
    ids = [p.posting.id for p in unique]
    prints = {p.posting.id: posting_fingerprint(p.posting, p.text) for p in unique}
    existing = set(conn.scalars(select(postings.c.id).where(postings.c.id.in_(ids))))
    owners = dict(
        conn.execute(
            select(postings.c.fingerprint, postings.c.id).where(
                postings.c.fingerprint.in_(set(prints.values())), postings.c.duplicate_of.is_(None)
            )
        ).all()
    )
    new_rows = []
    for p in unique:
        row = _posting_row(p, prints[p.posting.id], now)
        if p.posting.id in existing:
            del row["first_seen"]
            row["closed_at"] = None
            owner = owners.get(row["fingerprint"])
            row["duplicate_of"] = owner if owner and owner != p.posting.id else None
            conn.execute(update(postings).where(postings.c.id == p.posting.id).values(**row))
            result.updated += 1
            continue
        owner = owners.get(row["fingerprint"])
        if owner and owner != p.posting.id:
            row["duplicate_of"] = owner
            result.duplicates += 1
        else:
            owners[row["fingerprint"]] = p.posting.id
            result.stored += 1
        new_rows.append(row)
    if new_rows:
        conn.execute(insert(postings), new_rows)
    _replace_extractions(conn, unique, ids)
    return result


def _posting_row(p: Prepared, print_: str, now: datetime) -> dict[str, Any]:
    post = p.posting
    return {
        "id": post.id, "source": post.source, "board": post.board, "title": post.title[:2000],
        "company": (post.company or None) and post.company[:300], "location": (post.location or None) and post.location[:300],
        "url": post.url, "posted_at": post.posted_at, "description": post.description, "text": p.text,
        "fingerprint": print_, "duplicate_of": None, "source_fields": post.source_fields,
        "first_seen": now, "last_seen": now, "closed_at": None,
    }  # fmt: skip


def _replace_extractions(conn: Connection, batch: Sequence[Prepared], ids: list[str]) -> None:
    """The extraction rows of `batch`, written anew; a user's corrections win over the extractor's values."""
    batch, records = with_corrections(conn, batch)
    for table in (posting_labels, posting_skills, extractions):
        conn.execute(delete(table).where(table.c.posting_id.in_(ids)))
    conn.execute(
        insert(extractions), [_extraction_row(p.extraction, records.get(p.posting.id)) for p in batch]
    )
    skills = [
        {"posting_id": p.posting.id, "skill_id": s.id, "required": s.required, "asked": s.asked}
        for p in batch
        for s in p.extraction.skills
    ]
    if skills:
        conn.execute(insert(posting_skills), skills)
    labels = [
        {"posting_id": p.posting.id, "field": field, "value": value, "rank": rank}
        for p in batch
        for field, values in (
            ("language", p.extraction.languages),
            ("system_type", p.extraction.system_types),
            ("domain", p.extraction.domains),
            ("scope", p.extraction.scope),
            ("family", p.extraction.role_families),
            ("salary_family", p.extraction.salary_families),
            (
                ROLE_FIELD,
                role_labels(
                    ((r.family, r.seniority) for r in p.extraction.roles), p.extraction.role_families
                ),
            ),
            ("country", tuple(loc.country for loc in p.extraction.locations if loc.country)),
            ("city", tuple(f"{loc.city}, {loc.country}"[:100] for loc in p.extraction.locations if loc.city)),
        )
        for rank, value in enumerate(dict.fromkeys(values))
    ]
    if labels:
        conn.execute(insert(posting_labels), labels)


def _extraction_row(e: Extraction, record: dict[str, Any] | None = None) -> dict[str, Any]:
    salary = e.salary or {}
    return {
        "posting_id": e.id, "extractor_version": EXTRACTOR_VERSION, "record": record or e.as_dict(),
        "seniority": e.seniority, "primary_language": e.primary_language, "work_model": e.work_model,
        "employment_type": e.employment_type, "years_min": (e.years_experience or {}).get("min"),
        "salary_min": salary.get("min"), "salary_max": salary.get("max"),
        "salary_currency": salary.get("currency"), "salary_period": salary.get("period"),
        "company": (e.company or None) and e.company[:300], "title": (e.title or None) and e.title[:500],
    }  # fmt: skip


def settle_duplicates(store: Store) -> int:
    """Exact copies after a parallel load, made the same whichever worker stored which copy first: of the
    postings sharing a fingerprint, the smallest id is the one that counts and the others point at it.
    Returns how many postings changed."""
    owners = (
        select(postings.c.fingerprint, func.min(postings.c.id).label("owner"))
        .group_by(postings.c.fingerprint)
        .having(func.count() > 1)
        .subquery()
    )
    settled = case((postings.c.id == owners.c.owner, None), else_=owners.c.owner)
    with store.engine.begin() as conn:
        changed = conn.execute(
            update(postings)
            .where(postings.c.fingerprint == owners.c.fingerprint)
            .where(postings.c.duplicate_of.is_distinct_from(settled))
            .values(duplicate_of=settled)
        ).rowcount
    return int(changed or 0)


def mark_near_duplicates(store: Store, groups: Sequence[Sequence[str]]) -> int:
    """Replace the store's near-duplicate groups: in each (ids, the one that counts first), the others
    point at the first. One transaction. Returns how many postings now point at another."""
    with store.engine.begin() as conn:
        conn.execute(
            update(postings).where(postings.c.near_duplicate_of.is_not(None)).values(near_duplicate_of=None)
        )
        rows = [{"member": member, "owner": ids[0]} for ids in groups for member in ids[1:]]
        if rows:
            conn.execute(
                update(postings)
                .where(postings.c.id == bindparam("member"))
                .values(near_duplicate_of=bindparam("owner"))
                .execution_options(synchronize_session=False),
                rows,
            )
    return len(rows)


def close_missing(store: Store, board: str, seen_ids: set[str], now: datetime) -> int:
    """Postings of a board that its latest complete listing no longer has are marked closed."""
    with store.engine.begin() as conn:
        open_ids = set(
            conn.scalars(
                select(postings.c.id).where(postings.c.board == board, postings.c.closed_at.is_(None))
            )
        )
        gone = sorted(open_ids - seen_ids)
        for start in range(0, len(gone), 500):
            conn.execute(
                update(postings).where(postings.c.id.in_(gone[start : start + 500])).values(closed_at=now)
            )
    return len(gone)


def store_totals(store: Store) -> dict[str, int]:
    """stored, exact copies, unique, near-duplicates, reposts folded, counted (analytics/totals.py)."""
    from rolemap.analytics.totals import read_totals

    with store.read() as conn, conn.begin():  # one snapshot for the counts and the reposts
        return read_totals(conn.connection)


def count_postings(store: Store) -> int:
    with store.read() as conn:
        return int(conn.scalar(select(func.count()).select_from(postings)) or 0)


def list_postings(
    store: Store, limit: int = 20, offset: int = 0, include_closed: bool = True
) -> list[dict[str, Any]]:
    """A page of stored postings, newest first. `include_closed=False` leaves out the closed ones (a board
    dropped them: `closed_at` set by `close_missing`) before the page is cut; closed is not the opposite of
    the freshness rule's "open" (analytics/covers.py), by which a post of last year is not open either."""
    query = (
        select(
            postings.c.id,
            # the record's reading first: a Hacker News post has no title or company field of its own
            func.coalesce(func.nullif(postings.c.title, ""), extractions.c.title).label("title"),
            func.coalesce(extractions.c.company, postings.c.company).label("company"),
            postings.c.posted_at,
            postings.c.source,
            postings.c.closed_at,
            postings.c.duplicate_of,
            postings.c.source_fields,
            extractions.c.seniority,
            extractions.c.primary_language,
            extractions.c.work_model,
        )
        .select_from(postings.outerjoin(extractions, extractions.c.posting_id == postings.c.id))
        .order_by(postings.c.posted_at.desc(), postings.c.id)
        .limit(limit)
        .offset(offset)
    )
    if not include_closed:
        query = query.where(postings.c.closed_at.is_(None))
    with store.read() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]


def get_posting(store: Store, posting_id: str) -> dict[str, Any] | None:
    """One posting with its extraction record (None when it has none), in one query."""
    query = (
        select(postings, extractions.c.record.label("extraction"))
        .select_from(postings.outerjoin(extractions, extractions.c.posting_id == postings.c.id))
        .where(postings.c.id == posting_id)
    )
    with store.read() as conn:
        row = conn.execute(query).first()
    return dict(row._mapping) if row else None


def iter_postings(store: Store, chunk: int = 1000) -> Iterator[dict[str, Any]]:
    """Every posting with its extraction record, in id order, read a chunk at a time."""
    last = ""
    while True:
        with store.read() as conn:
            rows = conn.execute(
                select(postings, extractions.c.record)
                .select_from(postings.outerjoin(extractions, extractions.c.posting_id == postings.c.id))
                .where(postings.c.id > last)
                .order_by(postings.c.id)
                .limit(chunk)
            ).all()
        if not rows:
            return
        for row in rows:
            yield dict(row._mapping)
        last = rows[-1].id


def unique_texts(store: Store) -> list[tuple[str, str, str]]:
    """(id, title, text) of every posting that is not an exact duplicate, the earliest posted first."""
    query = (
        select(postings.c.id, postings.c.title, postings.c.text)
        .where(postings.c.duplicate_of.is_(None))
        .order_by(func.coalesce(postings.c.posted_at, postings.c.first_seen), postings.c.id)
    )
    with store.read() as conn:
        return [(row.id, row.title or "", row.text) for row in conn.execute(query)]


def snippets(store: Store, ids: list[str], chars: int = 240) -> dict[str, str]:
    """The start of each posting's description text (after its title line), for lists of postings."""
    if not ids:
        return {}
    query = select(postings.c.id, postings.c.title, func.substr(postings.c.text, 1, chars + 300)).where(
        postings.c.id.in_(ids)
    )
    with store.read() as conn:
        rows = conn.execute(query).all()
    out = {}
    for posting_id, title, head in rows:
        body = head[len(title or "") + 1 :] if head else ""  # text = title + "\n" + description
        out[posting_id] = " ".join(body.split())[:chars]
    return out
