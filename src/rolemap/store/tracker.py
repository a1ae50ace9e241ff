"""The seeker's tracker, one store table for the CLI, the web and the API: saved postings with a status,
notes, the day they applied, the day to follow up and the pay they noted, shown with the guide's five
columns (title, language, level, system type, repeated requirements)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update

from rolemap.errors import InputError, NotFound
from rolemap.models import MAX_PAY
from rolemap.store.db import Store
from rolemap.store.repository import snippets
from rolemap.store.schema import (
    TRACKER_STATUSES,
    extractions,
    posting_labels,
    posting_skills,
    postings,
    tracker,
)

MAX_NOTES_CHARS = 5000
MAX_SALARY_CHARS = 100
# How the listing can be ordered. "date": the day applied, newest first, then postings not applied to yet
# by the day saved; "follow-up": the nearest follow-up first; "salary": highest noted pay first (compared
# in USD when the rate table knows the currency); "status": in the order of the statuses, a pipeline.
SORTS = ("updated", "date", "follow-up", "salary", "status")
# A day the seeker can mean: anything outside is a typo ("0026-12-01", "20261-01-01").
_YEARS = range(1990, 2101)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Pay as people write it: "€70k", "70,000 EUR", "$120k-140k + equity", "GBP 65.000", "€70-80k". The text
# salary reader (extract/salary.py) reads it as it reads a posting's pay; what it does not take (no currency,
# "95.5k"; "GBP 65.000") is read here: the first figure, "k" thousands and "M" millions, a multiplier after
# a range's second figure scaling the first ("70-80k" is 70,000-80,000). The low end of a range counts.
_FIGURE = re.compile(
    r"(?P<n1>\d[\d,.\u00a0 ]*\d|\d)\s*(?P<m1>[kK]|[mM]{1,2}(?![a-z]))?"
    r"(?:\s?(?:-|–|—|~|to)\s?\D{0,4}?(?P<n2>\d[\d,.\u00a0 ]*\d|\d)\s*(?P<m2>[kK]|[mM]{1,2}(?![a-z]))?)?"
)
_MULTIPLIER = {"k": 1e3, "m": 1e6, "mm": 1e6}
_MINUS = re.compile(r"[-\u2212]\s*\d")  # a minus sign before a figure, or a range's dash: see _negative
_EXPONENT = re.compile(r"\d[eE][-+]?\d")  # "1e308": a float's notation, not pay as people write it
_CODE = re.compile(r"\b([A-Z]{3})\b")
_SYMBOLS = (("CA$", "CAD"), ("C$", "CAD"), ("A$", "AUD"), ("US$", "USD"), ("€", "EUR"), ("£", "GBP"),
            ("$", "USD"), ("¥", "JPY"), ("₹", "INR"), ("CHF", "CHF"))  # fmt: skip


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
    applied_on: str = ""  # YYYY-MM-DD, "" when not given
    follow_up_on: str = ""
    salary: str = ""  # the pay as the seeker wrote it
    salary_amount: float | None = None  # its first figure, read from it
    salary_currency: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class TrackerChange:
    """What a write says about an entry. None leaves a field as it is; "" clears a date, the notes or the
    salary. Values are the user's text, checked by `check_change`."""

    status: str | None = None
    notes: str | None = None
    applied_on: str | None = None
    follow_up_on: str | None = None
    salary: str | None = None

    def given(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}


def check_entry(status: str, notes: str) -> None:
    check_change(TrackerChange(status=status, notes=notes))


def check_change(change: TrackerChange) -> dict[str, Any]:
    """The change as column values, or an InputError naming the bad value."""
    values: dict[str, Any] = {}
    if change.status is not None:
        values["status"] = check_status(change.status)
    if change.notes is not None:
        if len(change.notes) > MAX_NOTES_CHARS:
            raise InputError(f"notes: longer than {MAX_NOTES_CHARS:,} characters ({len(change.notes):,})")
        values["notes"] = _plain(change.notes, "notes")
    for name, label in (("applied_on", "applied date"), ("follow_up_on", "follow-up date")):
        text = getattr(change, name)
        if text is not None:
            values[name] = parse_day(text, label)
    if change.salary is not None:
        salary = _plain(change.salary.strip(), "salary")
        if len(salary) > MAX_SALARY_CHARS:
            raise InputError(f"salary: longer than {MAX_SALARY_CHARS} characters ({len(salary):,})")
        amount, currency = read_salary(salary)
        values.update(salary=salary, salary_amount=amount, salary_currency=currency)
    return values


def check_status(status: str) -> str:
    if status not in TRACKER_STATUSES:
        raise InputError(f"status {status[:40]!r}: use one of {', '.join(TRACKER_STATUSES)}")
    return status


def parse_day(text: str, label: str) -> date | None:
    """A YYYY-MM-DD day, None for "" (cleared)."""
    text = text.strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        day = None
    if day is None or day.year not in _YEARS:
        raise InputError(f"{label} {text[:40]!r}: not a day; write it as YYYY-MM-DD, e.g. 2026-12-01")
    return day


def read_salary(text: str) -> tuple[float | None, str | None]:
    """The amount the pay the seeker wrote sorts by, the low end of a range, and its currency: "€70k +
    equity" → (70000.0, "EUR"), "€70-80k" → (70000.0, "EUR"), "1.5M JPY" → (1500000.0, "JPY"); (None,
    None) for text with no figure ("ask them"). An amount no pay can be (below zero, zero, "1e308", above
    `MAX_PAY`) is an InputError naming --salary."""
    if _EXPONENT.search(text):
        raise InputError(f"--salary {text[:40]!r}: write the amount in figures, e.g. '€70k' or '120,000 USD'")
    if _negative(text):
        raise InputError(
            f"--salary {text[:40]!r}: a negative amount; write the pay, e.g. '€70k' or '120,000 USD'"
        )
    amount, currency = _read_as_posting_pay(text)
    if amount is None:
        amount = _first_figure(text)
    if currency is None:
        currency = next((code for symbol, code in _SYMBOLS if symbol in text), None)
    if currency is None and (code := _CODE.search(text)):
        currency = code.group(1)
    if amount is not None and not 0 < amount < MAX_PAY:
        raise InputError(
            f"--salary {text[:40]!r}: {amount:,.0f} is not an amount of pay; give one above 0 and below "
            f"{MAX_PAY:,.0f}"
        )
    return amount, currency


def no_amount_read(change: TrackerChange) -> str | None:
    """What to tell the seeker when the pay they noted holds no amount: it is kept as a note, and sorts last
    by salary. None when there is an amount, or no pay was given."""
    text = (change.salary or "").strip()
    if not text or read_salary(text)[0] is not None:
        return None
    return f"--salary {text[:40]!r}: no amount read; kept as a note, and last when sorted by salary"


def _negative(text: str) -> bool:
    """A minus sign before a figure ("-5 USD", "$-100", "USD -5") that is not a range's dash ("70-80k",
    "€70k - €80k"): a dash after a figure, or after a figure's k, joins two amounts."""
    for sign in _MINUS.finditer(text):
        before = text[: sign.start()].rstrip()
        before = before[:-1] if before[-1:] in "kKmM" else before
        before = before.rstrip("$€£¥₹ ")
        if not before[-1:].isdigit():
            return True
    return False


def _read_as_posting_pay(text: str) -> tuple[float | None, str | None]:
    """The amount and currency the text salary reader finds, as it reads a posting's (the plausibility of
    a posting's pay left to the bounds of `read_salary`: the seeker wrote this pay themselves)."""
    from rolemap.extract.document import Document  # the extractor's phrases: loaded when pay is written
    from rolemap.extract.salary import choose, salary_candidates

    doc = Document.read("\n" + text)
    best = choose(salary_candidates(doc, check_plausible=False), doc.text)
    if best is None:
        return None, None
    return (best.min if best.min is not None else best.max), best.currency


def _first_figure(text: str) -> float | None:
    found = _FIGURE.search(text)
    if not found:
        return None
    low, high = _number(found["n1"]), _number(found["n2"]) if found["n2"] else None
    if low is None:
        return None
    scale = _MULTIPLIER.get((found["m1"] or "").lower(), 1.0)
    if not found["m1"] and found["m2"] and high is not None and low < high:  # "70-80k": 70,000
        scale = _MULTIPLIER[found["m2"].lower()]
    return low * scale


def _number(figure: str) -> float | None:
    digits = re.sub(r"[\s\u00a0,]", "", figure)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", digits):  # "65.000": a thousands dot
        digits = digits.replace(".", "")
    try:
        return float(digits)
    except ValueError:
        return None


def _plain(text: str, name: str) -> str:
    if _CONTROL.search(text):
        raise InputError(f"{name}: holds control characters (a NUL byte or similar); write plain text")
    return _utf8(text, name)


def _utf8(text: str, name: str) -> str:
    """Bytes that were not UTF-8 (a terminal's argv decoded with surrogate escapes) cannot be stored."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{name}: not valid UTF-8 text") from None
    return text


def add_entry(store: Store, posting_id: str, change: TrackerChange, now: datetime) -> None:
    """Put a posting on the tracker (status "saved" unless given); refused when it is there already."""
    values = check_change(change)
    _utf8(posting_id, "posting id")
    with store.engine.begin() as conn:
        _check_posting(conn, posting_id)
        found = conn.scalar(select(tracker.c.status).where(tracker.c.posting_id == posting_id))
        if found is not None:
            raise InputError(
                f"posting {posting_id[:200]!r} is already on the tracker ({found}): change it with "
                "`rolemap tracker set`"
            )
        conn.execute(
            insert(tracker).values(
                posting_id=posting_id,
                saved_at=now,
                updated_at=now,
                **{"status": "saved", "notes": "", **values},
            )
        )


def set_entry(store: Store, posting_id: str, change: TrackerChange, now: datetime) -> None:
    """Change a tracked posting's fields; NotFound when it is not on the tracker."""
    values = check_change(change)
    if not values:
        raise InputError("nothing to change: give --status, --note, --applied, --follow-up or --salary")
    _utf8(posting_id, "posting id")
    with store.engine.begin() as conn:
        changed = conn.execute(
            update(tracker).where(tracker.c.posting_id == posting_id).values(updated_at=now, **values)
        )
        if not changed.rowcount:
            raise NotFound(
                f"posting {posting_id[:200]!r}: not on the tracker; add it with `rolemap tracker add`"
            )


def save_entry(store: Store, posting_id: str, change: TrackerChange, now: datetime) -> None:
    """Add or change, whichever applies: the web's and the API's write."""
    values = check_change(change)
    _utf8(posting_id, "posting id")
    with store.engine.begin() as conn:
        _check_posting(conn, posting_id)
        changed = conn.execute(
            update(tracker).where(tracker.c.posting_id == posting_id).values(updated_at=now, **values)
        )
        if not changed.rowcount:
            conn.execute(
                insert(tracker).values(
                    posting_id=posting_id, saved_at=now, updated_at=now,
                    **{"status": "saved", "notes": "", **values},
                )
            )  # fmt: skip


def track(store: Store, posting_id: str, status: str, notes: str | None, now: datetime) -> None:
    """Save a posting to the tracker, or change its status (and notes, when given)."""
    save_entry(store, posting_id, TrackerChange(status=status, notes=notes), now)


def _check_posting(conn: Any, posting_id: str) -> None:
    if conn.scalar(select(postings.c.id).where(postings.c.id == posting_id)) is None:
        raise NotFound(f"posting {posting_id[:200]!r}: not in the store")


def untrack(store: Store, posting_id: str) -> bool:
    _utf8(posting_id, "posting id")
    with store.engine.begin() as conn:
        return bool(conn.execute(delete(tracker).where(tracker.c.posting_id == posting_id)).rowcount)


def tracker_status(store: Store, posting_id: str) -> dict[str, Any] | None:
    with store.read() as conn:
        row = conn.execute(select(tracker).where(tracker.c.posting_id == posting_id)).first()
    return dict(row._mapping) if row else None


def tracker_entries(
    store: Store,
    statuses: Iterable[str] = (),
    sort: str = "updated",
    usd_per_unit: Mapping[str, float] | None = None,
) -> list[TrackerEntry]:
    """The tracked postings with a status among `statuses` (all when empty), in the `sort` order (SORTS).
    A requirement is repeated when at least two tracked postings (and at least 30% of them) ask for it
    (`asked`: naming it as the company's stack is not asking): the guide's signal of what the lane wants;
    it is counted over the whole tracker, whatever the filter."""
    wanted = {check_status(s) for s in statuses}
    if sort not in SORTS:
        raise InputError(f"sort {sort[:40]!r}: use one of {', '.join(SORTS)}")
    with store.read() as conn:
        rows = conn.execute(
            select(
                tracker, postings.c.title, postings.c.company, postings.c.url,
                extractions.c.primary_language, extractions.c.seniority,
                extractions.c.title.label("record_title"), extractions.c.company.label("record_company"),
            )
            .select_from(
                tracker.join(postings, postings.c.id == tracker.c.posting_id).outerjoin(
                    extractions, extractions.c.posting_id == tracker.c.posting_id
                )
            )
            .order_by(tracker.c.updated_at.desc(), tracker.c.posting_id)
        ).all()  # fmt: skip
        ids = [r.posting_id for r in rows]
        # asked skills only: a skill a posting only names as the company's stack is no requirement
        asked = select(posting_skills.c.posting_id, posting_skills.c.skill_id).where(posting_skills.c.asked)
        skills = _by_posting(conn, asked, ids)
        systems = _by_posting(
            conn,
            select(posting_labels.c.posting_id, posting_labels.c.value)
            .where(posting_labels.c.field == "system_type")
            .order_by(posting_labels.c.rank),
            ids,
        )
    # a posting without a title (an HN comment) is named by the words it opens with: what a reader would
    # call its title ("Lyft | San Francisco | ONSITE")
    heads = snippets(store, [r.posting_id for r in rows if not (r.title or r.record_title)], chars=160)
    counts: dict[str, int] = {}
    for values in skills.values():
        for skill in values:
            counts[skill] = counts.get(skill, 0) + 1
    least = max(2, -(-len(ids) * 3 // 10))
    entries = [
        TrackerEntry(
            id=r.posting_id, title=r.title or r.record_title or _shorten(heads.get(r.posting_id, "")), company=r.company or r.record_company or "",
            language=r.primary_language or "", level=r.seniority or "",
            system_type=", ".join(systems.get(r.posting_id, [])),
            repeated=sorted(s for s in skills.get(r.posting_id, []) if counts[s] >= least),
            status=r.status, notes=r.notes, saved_at=_iso(r.saved_at), updated_at=_iso(r.updated_at),
            url=r.url or "", applied_on=_day(r.applied_on), follow_up_on=_day(r.follow_up_on),
            salary=r.salary or "", salary_amount=r.salary_amount, salary_currency=r.salary_currency or "",
        )
        for r in rows
        if not wanted or r.status in wanted
    ]  # fmt: skip
    return sort_entries(entries, sort, usd_per_unit or {})


def sort_entries(
    entries: list[TrackerEntry], sort: str, usd_per_unit: Mapping[str, float]
) -> list[TrackerEntry]:
    """Entries come most recently changed first; every order keeps that as its tie-break (stable sorts)."""
    if sort == "date":
        # applied ones first, newest first; then the rest by the day saved, newest first
        return sorted(entries, key=lambda e: (not e.applied_on, _neg_day(e.applied_on or e.saved_at[:10])))
    if sort == "follow-up":
        return sorted(entries, key=lambda e: (not e.follow_up_on, e.follow_up_on))
    if sort == "salary":

        def pay(e: TrackerEntry) -> tuple[bool, float]:
            if e.salary_amount is None:
                return True, 0.0
            return False, -e.salary_amount * usd_per_unit.get(e.salary_currency, 1.0)

        return sorted(entries, key=pay)
    if sort == "status":
        return sorted(
            entries, key=lambda e: TRACKER_STATUSES.index(e.status) if e.status in TRACKER_STATUSES else 99
        )
    return entries


def _neg_day(text: str) -> int:
    try:
        return -date.fromisoformat(text[:10]).toordinal()
    except ValueError:
        return 0


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


def _shorten(text: str) -> str:
    return textwrap.shorten(text, 70, placeholder=" …") if text else ""


def _day(value: date | str | None) -> str:
    return value.isoformat() if isinstance(value, date) else (value or "")
