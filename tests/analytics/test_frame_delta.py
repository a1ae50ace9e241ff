"""The market frame brought up to date from the postings a store change touched (analytics/frame_base.py)
is the frame a whole read of the store gives: same rows in the same order, same columns, same pairs, same
totals; and a change that is not a set of postings touched is read whole."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

import rolemap.analytics.frame as frame_module
import rolemap.analytics.frame_build as build_module
from rolemap.analytics.frame import _SOURCES, build_frame, cache_folder, load_frame, read_store_base
from rolemap.analytics.frame_base import Base, read_base, update_base, write_base
from rolemap.analytics.frame_build import frame_and_base, frame_of
from rolemap.models import Posting
from rolemap.pipeline import ingest
from rolemap.store.corrections import clear_corrections, set_correction
from rolemap.store.repository import mark_near_duplicates, settle_duplicates

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
GO = "Go, Kubernetes and PostgreSQL. Onsite in Berlin, Germany."


def posting(pid, title, company, posted, text=GO, board=None, location="Berlin, Germany"):
    header = (
        f"{company} | {title} | Berlin\n{company} is hiring. " if company else ""
    )  # the company as a Hacker News post names it
    return Posting(
        id=pid, title=title, description=header + text, company=company, posted_at=posted, board=board,
        location=location, source="greenhouse" if board else "hn",
    )  # fmt: skip


FIRST = [
    posting("a1", "Senior Backend Engineer", "Acme", "2025-11-03"),
    posting("a2", "Senior Backend Engineer (Go)", "ACME ", "2025-12-01", "Go and Kafka. Onsite in Berlin."),
    posting("a3", "Sr. Backend Engineer, Go", "Acme", "2026-01-05", "Go, Docker. €90,000 - €110,000 a year."),
    posting("b1", "Frontend Developer", "Globex", "2026-01-10", "React, TypeScript. Hybrid, London."),
    posting("b2", "Data Engineer", "Globex", None, "Python, Spark, Airflow. Remote."),
    posting("c1", "Platform Engineer", "Initech", "2026-02-01", "Kubernetes, Terraform.", board="greenhouse:initech"),
    posting("c2", "SRE", "Initech", "2026-02-02", "Go, Prometheus. On-call.", board="greenhouse:initech"),
    posting("d1", "Java Developer", None, "2026-02-03", "Spring Boot services."),
]  # fmt: skip


@pytest.fixture(params=["store", "pg_store"])
def filled(request):
    store = request.getfixturevalue(request.param)
    ingest(store, FIRST[:4], now=T0 - timedelta(hours=1))
    ingest(store, FIRST[4:], now=T0)
    return store


def at(hours):
    return T0 + timedelta(hours=hours)


def insert(store, hours=1):
    """New ids merge in code point order, whatever the database's collation (upper case, accents)."""
    ingest(store, [posting("a0", "Senior Backend Engineer", "Acme", "2026-02-20", "Go and gRPC. Onsite in Berlin, Germany."), posting("e1", "ML Engineer", "Umbrella", "2026-02-21", "PyTorch, Python."), posting("B-2", "Rust Engineer", "Umbrella", "2026-02-22", "Rust."), posting("é-3", "Elixir Developer", "Umbrella", "2026-02-23", "Elixir.")], now=at(hours), close_boards=False)  # fmt: skip


def reingest_changed(store, hours=2):
    changed = posting("b1", "Senior Frontend Developer", "Globex", "2026-01-10", "Vue, JavaScript. Remote.")
    ingest(store, [changed], now=at(hours), close_boards=False)


def exact_copy(store, hours=3):
    ingest(
        store,
        [posting("z9", "Data Engineer", "Globex", None, "Python, Spark, Airflow. Remote.")],
        now=at(hours),
    )


def close(store, hours=4):
    ingest(store, [posting("c1", "Platform Engineer", "Initech", "2026-02-01", "Kubernetes, Terraform.", board="greenhouse:initech")], now=at(hours))  # fmt: skip


def reopen(store, hours=5):
    ingest(store, [FIRST[6]], now=at(hours), close_boards=False)


def correct(store, hours=6):
    set_correction(store, "a2", "seniority", "staff", at(hours))
    set_correction(store, "d1", "skills", ["java", "kotlin"], at(hours))


def clear(store, hours=7):
    clear_corrections(store, "a2", ["seniority"])


def near_dups(store, hours=8):
    mark_near_duplicates(store, [["a1", "a3"]])


def settle(store, hours=9):
    """A copy with a smaller id arrives; settling makes it the one that counts, moving an old row's mark
    without any time stamp."""
    ingest(store, [posting("0copy", "Data Engineer", "Globex", None, "Python, Spark, Airflow. Remote.")], now=at(hours))  # fmt: skip
    settle_duplicates(store)


def same_time_batch(store, hours=0):
    """A later batch of the ingest the base was read in the middle of: the same time stamp, on a posting
    stored before it and on a new one."""
    again = posting("a2", "Senior Backend Engineer (Go)", "Acme", "2025-12-01", "Go, gRPC. Remote.")
    ingest(
        store,
        [again, posting("f1", "Kotlin Developer", None, "2026-02-03", "Kotlin and Spring.")],
        now=at(hours),
    )


CHANGES = [
    insert,
    reingest_changed,
    exact_copy,
    close,
    reopen,
    correct,
    clear,
    near_dups,
    settle,
    same_time_batch,
]


def assert_same_frame(got, want):
    differ = [c for c in want.table.column_names if not got.table.column(c).equals(want.table.column(c))]
    assert got.table.equals(want.table) and got.as_of == want.as_of, differ
    assert got.table.column_names == want.table.column_names
    assert got.totals == want.totals
    assert got.pairs.keys() == want.pairs.keys()
    for name, p in want.pairs.items():
        q = got.pairs[name]
        assert q.vocab == p.vocab, name
        assert _pair_rows(q) == _pair_rows(p), name


def _pair_rows(p):
    flags = [a for a in (p.required, p.asked) if a is not None]
    return sorted(zip(p.row.tolist(), p.code.tolist(), *(a.tolist() for a in flags), strict=True))


def updated(store, base):
    with store.read() as conn, conn.begin():
        return update_base(conn, base, _SOURCES)


def through_disk(base, tmp_path):
    folder = tmp_path / f"base-{len(list(tmp_path.iterdir()))}"
    write_base(folder, base)
    again = read_base(folder)
    assert again is not None
    return again


@pytest.mark.parametrize("change", CHANGES, ids=lambda c: c.__name__)
def test_each_change_read_as_a_delta_gives_the_whole_read_frame(filled, change, tmp_path):
    base = read_store_base(filled)
    assert frame_of(base).size > 0
    change(filled)
    new = updated(filled, through_disk(base, tmp_path))
    assert new is not None, "read whole instead"
    assert_same_frame(frame_of(new), build_frame(filled))
    assert new.size == read_store_base(filled).size


def test_a_sequence_of_changes_each_read_as_a_delta(filled, tmp_path):
    """As load_frame does it: each frame's base, with the repost series it was folded by, cached; the next
    change read against it; only the companies a change touched grouped anew."""
    _, base = frame_and_base(read_store_base(filled))
    for change in CHANGES[:-1]:  # same_time_batch needs a base read at T0
        change(filled)
        base = updated(filled, through_disk(base, tmp_path))
        assert base is not None and base.dirty is not None, change.__name__
        want = build_frame(filled)
        got, base = frame_and_base(base)
        assert_same_frame(got, want)
    assert want.totals["exact_copies"] == 2 and want.totals["near_duplicates"] == 1
    assert want.totals["reposts"] >= 1  # Acme's backend role, folded: the sequence exercises the folding


def test_what_is_not_a_set_of_postings_touched_is_read_whole(filled):
    base = read_store_base(filled)
    with filled.engine.begin() as conn:  # a posting removed behind the store's back
        conn.execute(text("DELETE FROM posting_skills WHERE posting_id = 'd1'"))
        conn.execute(text("DELETE FROM posting_labels WHERE posting_id = 'd1'"))
        conn.execute(text("DELETE FROM extractions WHERE posting_id = 'd1'"))
        conn.execute(text("DELETE FROM postings WHERE id = 'd1'"))
    assert updated(filled, base) is None
    base = read_store_base(filled)
    ingest(filled, [FIRST[4]], now=T0 - timedelta(days=1))  # a clock set back: a newest posting moved back
    assert updated(filled, base) is None
    assert updated(filled, Base(base.table, base.pairs, {**base.marks, "format": "0"})) is None


def test_load_frame_updates_the_cached_base_without_a_whole_read(filled, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    load_frame(filled)
    folder = cache_folder(filled)
    insert(filled)
    correct(filled)

    def no_whole_read(*args):
        raise AssertionError("the store was read whole")

    with monkeypatch.context() as m:
        m.setattr(frame_module, "fetch_base", no_whole_read)
        got = load_frame(filled)
    assert_same_frame(got, build_frame(filled))
    states = [p for p in folder.iterdir()]
    assert len(states) == 1 and (states[0] / "base" / "marks.json").exists()
    assert_same_frame(load_frame(filled), got)  # now from the cache


def test_a_damaged_base_is_read_whole(filled, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    load_frame(filled)
    (state,) = cache_folder(filled).iterdir()
    (state / "base" / "rows.arrow").write_bytes(b"\x00garbage")
    insert(filled)
    assert_same_frame(load_frame(filled), build_frame(filled))


def test_pairs_carry_every_flag_of_a_skill(filled):
    frame = build_frame(filled)
    skills = frame.pairs["skill"]
    assert skills.required is not None and skills.asked is not None
    assert len(skills.required) == len(skills.asked) == len(skills.row)
    assert skills.vocab == sorted(skills.vocab)
    assert not skills.asked.all() or skills.required.any()


def test_no_change_and_a_store_without_companies(store):
    """The bench's store names no company: nothing can fold, and the grouping reads no row."""
    ingest(
        store,
        [
            posting(f"n{i}", "Backend Engineer", None, f"2026-0{i % 3 + 1}-01", f"Go, team {i}.")
            for i in range(6)
        ],
        now=T0,
    )
    base = read_store_base(store)
    same = updated(store, base)
    assert same is not None and same.table.equals(base.table)
    frame = frame_of(same)
    assert frame.size == 6 and frame.totals["reposts"] == 0
    assert_same_frame(frame, build_frame(store))


def test_only_the_companies_a_change_touched_are_grouped_anew(filled, monkeypatch):
    _, base = frame_and_base(read_store_base(filled))
    grouped = []
    real = build_module.repost_groups

    def counting(companies, *args, **kwargs):
        grouped.append(sorted(set(companies)))
        return real(companies, *args, **kwargs)

    monkeypatch.setattr(build_module, "repost_groups", counting)
    reingest_changed(filled)  # a Globex posting
    got, _ = frame_and_base(updated(filled, base))
    assert grouped == [["Globex"]]
    assert_same_frame(got, build_frame(filled))
    assert grouped[-1] != ["Globex"]  # the whole read grouped every company
