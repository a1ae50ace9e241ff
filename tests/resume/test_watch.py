"""`watch` (issue 17): the two quarters compared and their n, alerts and near-misses with their figures,
--since/--to, and a store with no recent period, on a frame counted by hand."""

import datetime as dt

from rolemap.analytics.lane import Lane
from rolemap.resume.read import Resume
from rolemap.resume.watch import watch
from tests.analytics.frames import make_frame

RESUME = Resume("cv.md", [], [], [], skills={"python": 3.0})  # no dated role: junior, next level mid


def quarter(first_month: str, rows: list[dict]) -> list[dict]:
    """The rows spread over the three months of a quarter, so the quarter is complete."""
    year, month = int(first_month[:4]), int(first_month[5:7])
    return [{**r, "posted": f"{year}-{month + i % 3:02d}-01"} for i, r in enumerate(rows)]


def store() -> list[dict]:
    rows = quarter("2017-07", [{"skill": ["python"]}] * 60)
    # 2017Q4: kafka 0 → 30 of 60 (a significant rise); rust 0 → 3 (too few to test); remote 10 → 14 of 60
    later = [{"skill": ["python", "kafka"]}] * 30 + [{"skill": ["python", "rust"]}] * 3
    later += [{"skill": ["python"]}] * 27
    rows = [dict(r, work_model="remote") if i < 10 else r for i, r in enumerate(rows)]
    later = [dict(r, work_model="remote") if i < 14 else r for i, r in enumerate(later)]
    return rows + quarter("2017-10", later) + [{"posted": "2018-01-01", "skill": ["go"]}]


def test_watch_states_its_periods_alerts_and_near_misses():
    w = watch(RESUME, make_frame(store()), Lane(), today=dt.date(2018, 3, 1))
    assert (w.before, w.after, w.postings_before, w.postings_after) == ("2017Q3", "2017Q4", 60, 60)
    assert w.alerts == [
        "kafka is named more and is not on your resume: 0% (0/60) → 50% (30/60) of postings, 2017Q3 → 2017Q4"
    ]
    assert (
        "rust is named more and is not on your resume: 0% (0/60) → 5% (3/60) of postings, 2017Q3 → 2017Q4, too few to test"
        in w.near_misses
    )
    remote = next(m for m in w.near_misses if m.startswith("more remote roles"))
    assert "17% (10/60) → 23% (14/60)" in remote and "not significant" in remote
    assert not w.notes and not w.message


def test_watch_takes_since_and_to_and_says_when_nothing_is_recent():
    w = watch(RESUME, make_frame(store()), Lane(), "2017Q3", "2018Q1", today=dt.date(2026, 12, 1))
    assert (w.before, w.after, w.postings_after) == ("2017Q3", "2018Q1", 1)
    assert w.notes[0].startswith(
        "no recent period: the store's newest compared quarter, 2018Q1, ended 2018-03-31, 3,167 days before 2026-12-01"
    )
    assert any("2018Q1 is partial" in n for n in w.notes) and any(
        "too few postings to test" in n for n in w.notes
    )
    assert not w.alerts


def test_watch_with_one_quarter_says_so():
    w = watch(RESUME, make_frame([{"posted": "2018-01-01"}]), Lane())
    assert (
        w.message
        == "the store has fewer than two quarters of dated postings (2018Q1 only): nothing to compare yet"
    )
