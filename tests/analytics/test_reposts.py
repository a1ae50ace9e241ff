"""One count per job: a company's reposts of a role fold into one row (pay, shares, trends), and "open" is
judged per source at the store's newest fetch."""

import datetime as dt
import sqlite3

import numpy as np
import pytest

from rolemap.analytics.frame import build_frame
from rolemap.analytics.freshness import coverage_line, days, month_end, open_since, open_spans
from rolemap.analytics.lane import Lane, parse_period
from rolemap.analytics.market import market
from rolemap.analytics.reposts import count_reposts, folded, repost_groups, title_similarity, title_words
from rolemap.analytics.totals import totals_line
from rolemap.analytics.trends import trends
from rolemap.errors import InputError
from rolemap.models import Posting
from rolemap.pipeline import ingest
from rolemap.present.market_view import lane_folded
from rolemap.store.repository import store_totals

BACKEND = frozenset({"backend"})


def groups(rows, months=6):
    """rows: (company, families, level, title, posted)."""
    return repost_groups(*zip(*rows, strict=True), months=months)


def test_title_words_leave_out_level_and_filler():
    assert title_words("Senior Backend Engineers (Go), full time, REMOTE") == {"backend", "engineer", "go"}
    assert title_words("We're hiring!") == frozenset()
    assert title_similarity("Frontend, Backend", "Frontend, Backend, Business Development") == 0.5
    assert title_similarity("Backend Engineer", "Frontend Engineer") == pytest.approx(1 / 3)
    assert title_similarity("", "") == 0.0


def test_monthly_reposts_with_edited_titles_are_one_job():
    rows = [
        ("Acme", BACKEND, "senior", "Senior Backend Engineer", "2017-01-01"),
        ("ACME ", BACKEND, "senior", "Backend Engineer (Go)", "2017-02-01"),
        ("acme", BACKEND, "senior", "Sr. Backend Engineer, Go", "2017-03-01"),
    ]
    assert groups(rows) == [0, 0, 0] and folded(groups(rows)) == 2


def test_a_firm_written_with_and_without_its_article_is_one_company():
    rows = [
        ("The Bivium Group", BACKEND, "senior", "Senior Rails Engineer", "2017-01-01"),
        ("Bivium Group", BACKEND, "senior", "Senior Rails Engineer", "2017-02-01"),
        ("Theano Labs", BACKEND, "senior", "Senior Rails Engineer", "2017-02-01"),  # a word, not the article
    ]
    assert groups(rows) == [0, 0, 2]


def test_another_level_family_or_title_is_another_job():
    rows = [
        ("Acme", BACKEND, "senior", "Backend Engineer", "2017-01-01"),
        ("Acme", BACKEND, "junior", "Backend Engineer", "2017-02-01"),  # another level
        ("Acme", frozenset({"frontend"}), "senior", "Backend Engineer", "2017-02-01"),  # another family
        ("Acme", BACKEND, "senior", "Platform Developer", "2017-02-01"),  # another title
        ("Globex", BACKEND, "senior", "Backend Engineer", "2017-02-01"),  # another company
    ]
    assert groups(rows) == [0, 1, 2, 3, 4]


def test_a_repost_after_the_window_is_a_new_job_and_a_series_chains():
    two_years = [
        ("Acme", BACKEND, None, "Backend Engineer", "2015-01-01"),
        ("Acme", BACKEND, None, "Backend Engineer", "2017-01-01"),
    ]
    assert groups(two_years) == [0, 1]
    # every five months for two years: each repost within six months of the one before
    chain = [
        ("Acme", BACKEND, None, "Backend Engineer", f"{2015 + m // 12}-{m % 12 + 1:02d}-01")
        for m in (0, 5, 10, 15, 20)
    ]
    assert groups(chain) == [0] * 5
    assert groups(chain, months=4) == [0, 1, 2, 3, 4]
    assert groups(chain, months=0) == [0, 1, 2, 3, 4]  # folding off


def test_no_company_no_title_or_no_date_is_never_folded():
    rows = [
        (None, BACKEND, None, "Backend Engineer", "2017-01-01"),
        ("  ", BACKEND, None, "Backend Engineer", "2017-02-01"),
        ("Acme", BACKEND, None, "We're hiring", "2017-01-01"),
        ("Acme", BACKEND, None, "We're hiring", "2017-02-01"),
        ("Acme", BACKEND, None, "Backend Engineer", None),
        ("Acme", BACKEND, None, "Backend Engineer", "not a date"),
    ]
    assert groups(rows) == [0, 1, 2, 3, 4, 5]


def test_the_window_is_configurable_and_checked(monkeypatch):
    rows = [
        ("Acme", BACKEND, None, "Backend Engineer", "2017-01-01"),
        ("Acme", BACKEND, None, "Backend Engineer", "2017-09-01"),
    ]
    assert repost_groups(*zip(*rows, strict=True)) == [0, 1]
    monkeypatch.setenv("ROLEMAP_REPOST_MONTHS", "12")
    assert repost_groups(*zip(*rows, strict=True)) == [0, 0]
    monkeypatch.setenv("ROLEMAP_REPOST_MONTHS", "twelve")
    with pytest.raises(InputError, match="ROLEMAP_REPOST_MONTHS"):
        repost_groups(*zip(*rows, strict=True))


BODY = (
    "{company} | {title} | Berlin\n{company} is hiring a senior backend engineer to build our payment APIs in Go and PostgreSQL. "
    "{extra} You will design services, review code and own the reliability of billing. Salary {pay}."
)
EXTRAS = [
    "We moved offices this spring.",
    "Our team doubled since last year and we ship every day with continuous delivery.",
    "Come meet us at the Berlin meetup; we sponsor conference travel and a learning budget for books.",
]


def _posting(pid, title, company, posted, pay="$150k-$170k", extra="", source="hn", board=None):
    return Posting(
        id=pid,
        title=title,
        description=BODY.format(company=company, title=title, extra=extra, pay=pay),
        company=company,
        posted_at=posted,
        source=source,
        board=board,
    )


def test_a_companys_monthly_reposts_count_once_in_pay_shares_and_trends(store):
    postings = [
        _posting("r1", "Senior Backend Engineer", "Acme", "2017-01-01", "$150k-$170k", EXTRAS[0]),
        _posting("r2", "Senior Backend Engineer (Go)", "Acme", "2017-02-01", "$150k-$170k", EXTRAS[1]),
        _posting("r3", "Sr Backend Engineer, Go", "Acme", "2017-03-01", "$150k-$170k", EXTRAS[2]),
        _posting("o1", "Senior Backend Engineer", "Globex", "2017-02-01", "$100k-$120k"),
        # not folded: the same company and title two years later
        _posting("r4", "Senior Backend Engineer", "Acme", "2019-03-01", "$150k-$170k"),
        # not folded: another level
        _posting("j1", "Junior Backend Engineer", "Acme", "2017-02-01", "$80k-$90k"),
    ]
    now = dt.datetime(2019, 3, 20, tzinfo=dt.UTC)
    report = ingest(store, postings, now=now)
    assert report.stored == 6
    frame = build_frame(store)
    assert frame.size == 4 and frame.totals["reposts"] == 2 and frame.totals["counted"] == 4
    assert store_totals(store) == frame.totals  # `info` and `summary` read the same vocabulary
    ids = frame.strings("id")
    assert "r1" in ids and "r2" not in ids and "r3" not in ids and "r4" in ids
    assert frame.table.column("reposts").to_pylist()[ids.index("r1")] == 2
    m = market(frame, Lane())
    assert m.postings == 4 and m.pay.count == 4  # Acme's 2017 job is one salary, not three
    assert (
        m.reposts_folded == 2
        and lane_folded(m)
        == " (2 reposts folded into them, posted in any month of their series), hiring for 4 roles"
    )
    assert "4 counted (0 near-duplicates and 2 reposts set aside)" in totals_line(m.totals)
    senior = next(s for s in m.levels if s.name == "senior")
    assert senior.count == 3  # r1 (folding r2, r3), o1, r4
    # each job counts in each month it was open: the folded series Jan-Mar, each post in its month
    t = trends(frame, Lane(since=parse_period("2017"), until=parse_period("2017", end=True)), every="quarter")
    assert t.periods == ["2017Q1", "2017Q2", "2017Q3", "2017Q4"] and t.totals == [3, 0, 0, 0]  # once each
    monthly = trends(frame, Lane(until=parse_period("2017-04")), every="month")
    assert monthly.periods == ["2017-01", "2017-02", "2017-03"] and monthly.totals == [1, 3, 1]
    # nothing is open: the newest posting is of 2019-03 and the store was last fetched 2019-03-20...
    assert m.open_positions == 1  # ...except r4, a Hacker News post of that month
    assert m.coverage == {"first": "2017-01", "last": "2019-03", "open_now": 1, "as_of": "2019-03-20"}
    assert (
        coverage_line(m.coverage)
        == "postings from 2017-01 to 2019-03; open at the newest fetch (2019-03-20): 1"
    )
    assert coverage_line({**m.coverage, "open_now": 0}) == "postings from 2017-01 to 2019-03"  # no "0 open"
    assert coverage_line({}) == "" and coverage_line({"first": None}) == "no dated postings"


def test_info_counts_the_reposts_the_frame_folds(store):
    postings = [
        _posting(f"m{i}", "Backend Engineer", "Initech", f"2016-{i:02d}-01", extra=f"Opening {i}.")
        for i in range(1, 6)
    ]
    ingest(store, postings)
    path = store.engine.url.database
    with sqlite3.connect(path) as con:
        assert count_reposts(con) == 4
    assert build_frame(store).totals["reposts"] == 4


def spans(rows, months=1, reference=dt.date(2017, 1, 20)):
    """rows: (board, posted, first_seen, last_seen, closed_at) → [(first day, last day, open)]."""
    board, *dates = zip(*rows, strict=True)
    start, end, now = open_spans(np.array(board, bool), *(days(d) for d in dates), months, reference)
    return [
        (None if np.isnat(a) else a.astype(object), None if np.isnat(b) else b.astype(object), bool(o))
        for a, b, o in zip(start, end, now, strict=True)
    ]


def test_open_is_judged_per_source():
    jan, seen, gone = dt.date(2017, 1, 1), dt.date(2017, 3, 5), dt.date(2017, 4, 2)
    # a Hacker News post: the month of its thread (or the months configured)
    assert spans([(False, "2017-01-01", "2026-12-01 10:00:00", "2026-12-01 10:00:00", None)]) == [
        (jan, dt.date(2017, 1, 31), True)
    ]
    assert spans([(False, jan, None, None, None)], months=2) == [(jan, dt.date(2017, 2, 28), True)]
    assert spans([(False, jan, None, None, None)], reference=dt.date(2017, 2, 1)) == [
        (jan, dt.date(2017, 1, 31), False)
    ]
    # a board posting: until the board drops it; still listed, through its last fetch, whatever the date
    board = [(True, jan, jan, seen, None), (True, jan, jan, seen, gone), (True, None, seen, seen, None)]
    assert spans(board, reference=dt.date(2030, 1, 1)) == [
        (jan, seen, True),
        (jan, gone, False),
        (seen, seen, True),
    ]
    assert spans([(False, None, None, None, None), (False, "not a date", None, None, None)]) == [
        (None, None, False),
        (None, None, False),
    ]
    assert month_end(dt.date(2016, 12, 15), 3) == dt.date(2017, 2, 28)
    assert open_since(dt.date(2017, 3, 20), 2) == dt.date(2017, 2, 1)


def test_open_now_at_the_store_or_an_injected_date(store, monkeypatch):
    postings = [
        _posting("h1", "Backend Engineer", "Acme", "2018-04-01"),
        _posting("h2", "Data Engineer", "Globex", "2018-03-01"),
        _posting(
            "g1", "Platform Engineer", "Hooli", "2018-01-10", source="greenhouse", board="greenhouse:hooli"
        ),
    ]
    ingest(store, postings, now=dt.datetime(2018, 4, 15, tzinfo=dt.UTC))
    by_id = lambda f: dict(zip(f.strings("id"), f.table.column("is_open").to_pylist(), strict=True))  # noqa: E731
    assert by_id(build_frame(store)) == {"g1": True, "h1": True, "h2": False}
    assert by_id(build_frame(store, today=dt.date(2026, 12, 1))) == {"g1": True, "h1": False, "h2": False}
    monkeypatch.setenv("ROLEMAP_OPEN_MONTHS", "2")
    assert by_id(build_frame(store)) == {"g1": True, "h1": True, "h2": True}
    spans = build_frame(store).table.select(["open_from", "open_until"]).to_pylist()
    assert spans[0] == {
        "open_from": dt.date(2018, 1, 10),
        "open_until": dt.date(2018, 4, 15),
    }  # g1, still listed
    monkeypatch.setenv("ROLEMAP_OPEN_MONTHS", "0")
    with pytest.raises(InputError, match="ROLEMAP_OPEN_MONTHS"):
        build_frame(store)


def test_another_country_is_another_job():
    rows = [("Acme", BACKEND, None, "Backend Engineer", f"2017-0{m}-01") for m in (1, 2, 3)]
    countries = [frozenset({"DE"}), frozenset({"US"}), frozenset()]
    assert repost_groups(*zip(*rows, strict=True), countries=countries) == [0, 1, 0]  # none named fits any


def test_trends_and_changes_count_a_job_in_each_period_it_was_open():
    from rolemap.analytics.trends import changes
    from tests.analytics.frames import make_frame

    rows = [
        # a board posting listed from January to the middle of March: open in three months
        {"posted": "2017-01-10", "open_until": "2017-03-05", "skill": ["go"], "source": "greenhouse"},
        # Hacker News posts: each in the month of its thread
        *({"posted": f"2017-0{m}-01", "skill": ["python"], "source": "hn"} for m in (1, 2, 3)),
    ]
    frame = make_frame(rows)
    t = trends(frame, Lane(), every="month")
    assert t.periods == ["2017-01", "2017-02", "2017-03"] and t.totals == [2, 2, 2]
    go = next(s for s in t.series if s.value == "go")
    assert go.counts == [1, 1, 1] and go.shares == [0.5, 0.5, 0.5]
    # a window cutting the board posting's months keeps it where it was open inside the window
    cut = trends(frame, Lane(since=parse_period("2017-02")), every="month")
    assert cut.periods == ["2017-02", "2017-03"] and cut.totals == [2, 2]
    c = changes(frame, Lane(), "2017-01", "2017-03", every="month")
    assert (c.postings_before, c.postings_after) == (2, 2)  # the board posting counts in both
