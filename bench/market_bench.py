"""Market analytics at scale: a SQLite store of 1,000,000 postings (the 28k real Hacker News postings
repeated with new ids and dates shifted by days), then the time of `market`, `pay`, `profile` and `trends`
on it; then a store change: 10,000 new postings ingested, and the time of the next `market` (the frame brought
up to date from the postings the change touched, analytics/frame_base.py) against a whole rebuild. The new
postings are removed again at the end, so the store keeps its size from run to run. Not part of `make test`.

    .venv/bin/python bench/market_bench.py [--postings 1000000] [--db PATH]

Building the store takes a few minutes (extraction once, then bulk inserts); pass --db to keep it and
reuse it on the next run. Copies carry their extraction but no description text, to keep the file small.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rolemap.analytics.frame import build_frame, cache_folder, load_frame
from rolemap.analytics.lane import Lane
from rolemap.analytics.market import market, pay_by, profile
from rolemap.analytics.pay import pay_scale
from rolemap.analytics.trends import trends
from rolemap.extract import extract_posting
from rolemap.models import Posting
from rolemap.sources import read_file
from rolemap.store.db import Store, open_store
from rolemap.store.roles import role_labels
from rolemap.store.schema import extractions, posting_labels, posting_skills, postings

DUMP = (
    Path(__file__).resolve().parents[2]
    / "shared/data/hn_whoishiring_2013_2018/hn_whoishiring_2013-08_2018-04.jsonl.gz"
)
CHUNK = 20_000
CHANGE = 10_000  # postings of the store change
NEW = "-new"  # their id suffix, to remove them again


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=None, help="keep the store here (reused when it exists)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "market.db"
        store = open_store(str(path))
        have = _count(store)
        if have < args.postings:
            _fill(store, args.postings - have, have)
        print(f"store: {path.name}, {_count(store):,} postings, {path.stat().st_size / 2**30:.1f} GiB")
        _time_commands(store)
        _time_store_change(store)


def _count(store: Store) -> int:
    from sqlalchemy import func, select

    with store.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(postings)) or 0


def _fill(store: Store, wanted: int, offset: int) -> None:
    start = time.perf_counter()
    originals = [p for p in read_file(DUMP) if isinstance(p, Posting)]
    records = [(p, extract_posting(p).as_dict()) for p in originals]
    print(f"extracted {len(records):,} real postings in {time.perf_counter() - start:.0f} s")
    start = time.perf_counter()
    now = dt.datetime.now(dt.UTC)
    made = 0
    copy = offset // len(records)
    while made < wanted:
        batch: dict[str, list[dict[str, Any]]] = {"p": [], "e": [], "s": [], "l": []}
        for posting, record in records:
            if made >= wanted:
                break
            _rows(batch, posting, record, copy, now)
            made += 1
            if len(batch["p"]) >= CHUNK:
                _insert(store, batch)
                batch = {"p": [], "e": [], "s": [], "l": []}
        _insert(store, batch)
        copy += 1
    print(f"inserted {made:,} postings in {time.perf_counter() - start:.0f} s")


def _rows(
    batch: dict[str, list[dict[str, Any]]],
    p: Posting,
    r: dict[str, Any],
    copy: int,
    now: dt.datetime,
    suffix: str = "",
    shift: int | None = None,
) -> None:
    pid = f"{p.id}-c{copy}{suffix}"
    days = copy % 28 if shift is None else shift
    posted = dt.date.fromisoformat(p.posted_at) + dt.timedelta(days=days) if p.posted_at else None
    batch["p"].append(
        {
            "id": pid, "source": p.source, "board": None, "title": p.title, "company": p.company,
            "location": p.location, "url": None, "posted_at": posted.isoformat() if posted else None,
            "description": "", "text": "", "fingerprint": pid[-40:], "duplicate_of": None,
            "source_fields": {}, "first_seen": now, "last_seen": now, "closed_at": None,
        }
    )  # fmt: skip
    salary = r["salary"] or {}
    batch["e"].append(
        {
            "posting_id": pid, "extractor_version": "bench", "record": {},
            "seniority": r["seniority"], "primary_language": r["primary_language"], "work_model": r["work_model"],
            "employment_type": r["employment_type"], "years_min": (r["years_experience"] or {}).get("min"),
            "salary_min": salary.get("min"), "salary_max": salary.get("max"),
            "salary_currency": salary.get("currency"), "salary_period": salary.get("period"),
        }
    )  # fmt: skip
    batch["s"].extend(
        {"posting_id": pid, "skill_id": s["id"], "required": s["required"]} for s in r["skills"]
    )
    roles = role_labels([(x["family"], x["seniority"]) for x in r["roles"]], r["role_families"])
    for field, values in (("language", r["languages"]), ("system_type", r["system_types"]),
                          ("domain", r["domains"]), ("scope", r["scope"]), ("family", r["role_families"]),
                          ("salary_family", r["salary_families"]), ("role", roles)):  # fmt: skip
        batch["l"].extend(
            {"posting_id": pid, "field": field, "value": v, "rank": i} for i, v in enumerate(values)
        )


def _insert(store: Store, batch: dict[str, list[dict[str, Any]]]) -> None:
    if not batch["p"]:
        return
    with store.engine.begin() as conn:
        for table, key in ((postings, "p"), (extractions, "e"), (posting_skills, "s"), (posting_labels, "l")):
            if batch[key]:
                conn.execute(table.insert(), batch[key])


def _timed(name: str, work: Callable[[], object], runs: int = 3) -> None:
    best = min(_once(work) for _ in range(runs))
    print(f"{name:44} {best:6.2f} s (best of {runs})")


def _once(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _time_commands(store: Store) -> None:
    folder = cache_folder(store)
    start = time.perf_counter()
    frame = build_frame(store)
    print(f"{'build the market frame from SQLite (once a change)':44} {time.perf_counter() - start:6.2f} s")
    load_frame(store)  # writes the cache
    size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
    print(f"frame cache, with its base: {size / 2**20:,.0f} MB in {folder.name}")
    lane = Lane(language=("go",), seniority=("senior", "staff"))
    _timed("open the frame (cache check + memory map)", lambda: load_frame(store))
    _timed("market (all postings)", lambda: market(load_frame(store), Lane()))
    _timed("market --language go --seniority senior,staff", lambda: market(load_frame(store), lane))
    _timed("pay --by seniority", lambda: pay_by(load_frame(store), Lane(), "seniority"))
    _timed("pay --by scope", lambda: pay_by(load_frame(store), Lane(), "scope"))
    _timed("profile --language python", lambda: profile(load_frame(store), Lane(language=("python",))))
    _timed("trends --every quarter", lambda: trends(load_frame(store), Lane(), "quarter"))
    _timed(
        "trends --every month --skill kubernetes",
        lambda: trends(load_frame(store), Lane(skill=("kubernetes",)), "month"),
    )
    m = market(frame, Lane(), scale=pay_scale(frame))
    print(json.dumps({"postings": m.postings, "median_pay": m.pay.median, "top_skill": m.skills[0].name}))


def _time_store_change(store: Store) -> None:
    """10,000 new postings (new ids, posting days a year after their originals, extraction rows, skills and
    labels, through `_fill`'s inserts), then the next `market` as a new process meets it: `load_frame` (the
    cache read, brought up to date, written) and `market`; then a whole rebuild of the same store."""
    load_frame(store)  # the cache of the store before the change
    _remove_new(store)  # an earlier run's, left by an interrupted run
    load_frame(store)
    start = time.perf_counter()
    originals = [p for p in read_file(DUMP) if isinstance(p, Posting)][:CHANGE]
    records = [(p, extract_posting(p).as_dict()) for p in originals]
    batch: dict[str, list[dict[str, Any]]] = {"p": [], "e": [], "s": [], "l": []}
    now = dt.datetime.now(dt.UTC)
    for posting, record in records:
        _rows(batch, posting, record, 0, now, suffix=NEW, shift=365)
    _insert(store, batch)
    ingested = time.perf_counter() - start
    start = time.perf_counter()
    frame = load_frame(store)
    market(frame, Lane())
    incremental = time.perf_counter() - start
    start = time.perf_counter()
    whole = build_frame(store)
    rebuild = time.perf_counter() - start
    same = whole.table.equals(frame.table) and whole.totals == frame.totals
    assert same, "the frame brought up to date differs from a whole rebuild"
    print(
        f"store change: {len(records):,} new postings ingested in {ingested:.1f} s; next market (incremental "
        f"frame) {incremental:.2f} s (target ≤ 5 s); full rebuild {rebuild:.1f} s"
    )
    _remove_new(store)


def _remove_new(store: Store) -> None:
    """The store change's postings, removed: the store keeps its size from run to run."""
    from sqlalchemy import delete

    with store.engine.begin() as conn:
        for table in (posting_labels, posting_skills, extractions):
            conn.execute(delete(table).where(table.c.posting_id.like(f"%{NEW}")))
        conn.execute(delete(postings).where(postings.c.id.like(f"%{NEW}")))


if __name__ == "__main__":
    main()
