"""The statistics review of session 36: a lane's window counts a job only in the months its source covers,
as trends do; the reposts folded into a lane's jobs are said to be of any month of their series; postings
naming different cities are different openings; `watch` says "named", the count trends test; the level
shares are named by the levels they add up; `summary`'s pay says what it counts."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.analytics.lane import Lane, parse_window, select
from rolemap.analytics.market import market, profile
from rolemap.analytics.reposts import repost_groups
from rolemap.analytics.trends import trends
from rolemap.present.market_view import (
    JUNIOR_OR_INTERN,
    SENIOR_OR_ABOVE,
    lane_folded,
    market_view,
    profile_view,
)
from rolemap.resume.read import Resume
from rolemap.resume.watch import watch
from tests.analytics.frames import make_frame
from tests.cli_runner import ok
from tests.conftest import store_file


@pytest.fixture(autouse=True)
def _default_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ROLEMAP_OPEN_MONTHS", raising=False)
    monkeypatch.delenv("ROLEMAP_REPOST_MONTHS", raising=False)


def month(label: str) -> Lane:
    since, until = parse_window(label, label)
    return Lane(since=since, until=until)


# ---- 3: a window counts a job in the months its source covers --------------------------------------


def skipped_month() -> list[dict]:
    """HN posts of 2016-06 and 2016-08, none of 2016-07 (the sample lacks that thread), and one company's
    series of reposts posted in 2016-06 and 2016-08, so open from June to August."""
    rows = [{"posted": "2016-06-01", "source": "hn", "company": f"June{i}"} for i in range(3)]
    rows += [{"posted": "2016-08-01", "source": "hn", "company": f"August{i}"} for i in range(2)]
    series = {"posted": "2016-06-01", "open_until": "2016-08-31", "reposts": 1, "source": "hn"}
    return [*rows, {**series, "company": "Acme", "id": "series"}]


def test_a_series_open_across_a_month_its_source_skipped_is_not_in_that_months_lane():
    frame = make_frame(skipped_month())
    assert not select(frame, month("2016-07")).any()  # HEAD: the series was a job of 2016-07
    assert market(frame, month("2016-07")).postings == 0
    assert trends(frame, Lane(), every="month").totals == [4, 0, 3]  # the lane agrees with trends
    for label, n in (("2016-06", 4), ("2016-08", 3)):
        assert market(frame, month(label)).postings == n
    # a window over the three months holds the series once, and says the months it covers
    whole = market(frame, Lane(since=dt.date(2016, 6, 1), until=dt.date(2016, 9, 1)))
    assert whole.postings == 6 and (whole.coverage["first"], whole.coverage["last"]) == ("2016-06", "2016-08")


def test_a_series_open_across_a_month_its_source_covered_is_in_that_months_lane():
    rows = [*skipped_month(), {"posted": "2016-07-01", "source": "hn", "company": "July"}]
    frame = make_frame(rows)
    lane = month("2016-07")
    assert [frame.strings("id")[i] for i in select(frame, lane).nonzero()[0]] == ["series", "p6"]
    assert trends(frame, Lane(), every="month").totals == [4, 2, 3]


def test_a_month_of_another_source_does_not_cover_a_series_of_hn():
    rows = [*skipped_month(), {"posted": "2016-07-01", "source": "csv", "company": "Elsewhere"}]
    frame = make_frame(rows)
    ids = [frame.strings("id")[i] for i in select(frame, month("2016-07")).nonzero()[0]]
    assert ids == ["p6"]  # the csv posting of July, not the HN series open across it


def test_a_posting_without_a_date_of_its_own_is_kept_by_its_open_span():
    # a file without dates is dated on the day it was read; trends leave it out and say so, the lane
    # window keeps it by its span, as before
    frame = make_frame([*skipped_month(), {"open_from": "2016-07-10", "open_until": "2016-07-31"}])
    assert [frame.strings("id")[i] for i in select(frame, month("2016-07")).nonzero()[0]] == ["p6"]


# ---- 4: the reposts folded into a lane's jobs are of any month of their series ----------------------


def test_the_reposts_folded_into_a_windows_jobs_are_said_to_be_from_any_month():
    rows = [{"posted": "2016-03-01", "company": "Acme", "reposts": 5, "open_until": "2016-09-30"}]
    rows += [{"posted": "2016-03-01", "company": f"Co{i}"} for i in range(2)]
    m = market(make_frame(rows), month("2016-03"))
    assert m.reposts_folded == 5  # the frame keeps the series' first and last posting, not each repost's date
    assert (
        lane_folded(m)
        == " (5 reposts folded into them, posted in any month of their series), hiring for 3 roles"
    )


# ---- 6: postings naming different cities are different openings -----------------------------------


def fold(cities: list[frozenset[str]], countries: list[frozenset[str]] | None = None) -> list[int]:
    n = len(cities)
    return repost_groups(
        ["SKF"] * n,
        [frozenset({"other_software"})] * n,
        [None] * n,
        ["Manufacturing Engineer"] * n,
        [dt.date(2024, 4, 10 + i) for i in range(n)],
        countries=countries or [frozenset({"US"})] * n,
        cities=cities,
    )


def test_the_same_title_in_two_cities_of_one_country_is_two_openings():
    ladson, dexter = frozenset({"Ladson, US"}), frozenset({"Dexter, US"})
    assert fold([ladson, dexter]) == [0, 1]  # HEAD: [0, 0], one job
    assert fold([ladson, ladson]) == [0, 0]  # the same city: a repost
    assert fold([ladson, frozenset()]) == [0, 0]  # one names no city: nothing shows another place
    assert fold([ladson, dexter, ladson | dexter]) == [0, 1, 0]  # a third naming both joins the earliest
    # cities matter only within a country's rule: another country is another job whatever the cities say
    assert fold([frozenset(), frozenset()], [frozenset({"US"}), frozenset({"DE"})]) == [0, 1]
    # months apart, another city may be the job moving (a Hacker News post of Berkeley, then Indianapolis)
    later = repost_groups(
        ["Shirts.io"] * 2, [frozenset({"backend"})] * 2, [None] * 2, ["Backend Developer"] * 2,
        [dt.date(2014, 1, 2), dt.date(2014, 3, 3)], countries=[frozenset({"US"})] * 2, cities=[ladson, dexter],
    )  # fmt: skip
    assert later == [0, 0]


def test_without_cities_the_fold_is_as_before():
    n = 2
    groups = repost_groups(
        ["SKF"] * n, [frozenset({"other_software"})] * n, [None] * n, ["Manufacturing Engineer"] * n,
        [dt.date(2024, 4, 10), dt.date(2024, 4, 11)], countries=[frozenset({"US"})] * n,
    )  # fmt: skip
    assert groups == [0, 0]


# ---- 7: watch counts postings naming a skill, and says so ------------------------------------------


def test_watch_says_named_more_of_a_skill_postings_only_name():
    def quarter(first: int, rows: list[dict]) -> list[dict]:
        return [{**r, "posted": f"2017-{first + i % 3:02d}-01"} for i, r in enumerate(rows)]

    stack_only = ("kafka", False, False)  # "our stack is … Kafka": named, not asked
    rows = quarter(7, [{"skill": ["python"]}] * 60)
    rows += quarter(10, [{"skill": ["python", stack_only]}] * 30 + [{"skill": ["python"]}] * 30)
    rows.append({"posted": "2018-01-01"})
    w = watch(Resume("cv.md", [], [], [], skills={"python": 3.0}), make_frame(rows), Lane())
    assert w.alerts and w.alerts[0].startswith("kafka is named more and is not on your resume")
    assert not any("asked" in a for a in w.alerts + w.near_misses)


# ---- 8: the level shares say which levels they add up ----------------------------------------------


def levelled() -> list[dict]:
    levels = ["senior"] * 6 + ["staff"] * 2 + ["manager"] * 1 + ["mid"] * 2 + ["junior", "intern"]
    return [{"posted": "2018-03-01", "company": f"Co{i}", "seniority": s} for i, s in enumerate(levels)]


def test_the_cli_role_page_names_the_levels_each_share_adds_up():
    from rich.console import Console

    m = market(make_frame(levelled()), Lane())
    console = Console(width=200, record=True)
    console.print(market_view(m))
    text = console.export_text()
    assert f"Of roles with a level: {SENIOR_OR_ABOVE} 69% (n = 13" in text
    assert f"; {JUNIOR_OR_INTERN} 15% (n = 13" in text
    assert "senior share" not in text and "junior share" not in text
    assert (
        SENIOR_OR_ABOVE == "senior or above (senior, staff, manager)"
        and JUNIOR_OR_INTERN == "junior or intern"
    )


def test_the_report_names_the_levels_each_share_adds_up():
    from rolemap.analytics.pay import pay_scale
    from rolemap.present.report import gather, render_html, render_markdown

    frame = make_frame(levelled())
    data = gather(frame, Lane(), pay_scale(frame))
    page, markdown = render_html(data), render_markdown(data)
    assert f"</b>{SENIOR_OR_ABOVE} <span" in page and f"; {JUNIOR_OR_INTERN} 15%" in page
    assert (
        f"| {SENIOR_OR_ABOVE}, of roles with a level | {JUNIOR_OR_INTERN}, of roles with a level |"
        in markdown
    )
    assert "senior share" not in page + markdown


# ---- 11 (CLI side): an empty must-have list gives its true reason -----------------------------------


def test_the_cli_profile_says_why_no_skill_is_a_must_have():
    from rich.console import Console

    def shown(min_share: float) -> str:
        console = Console(width=200, record=True)
        console.print(profile_view(profile(frame, Lane(), min_share)))
        return console.export_text()

    # kafka asked by every role, required by none: asked widely enough, but no must-have
    frame = make_frame([{"posted": "2018-03-01", "skill": [("kafka", False, True)]} for _ in range(4)])
    assert "Must-have: none of the skills asked by at least 50% of the lane is required by most" in shown(0.5)
    assert "no skill is asked by" not in shown(0.5)


# ---- 10: summary's pay says what it counts ---------------------------------------------------------


def test_summarys_pay_line_says_it_counts_unique_postings_not_the_markets_jobs(tmp_path):
    from tests.analytics.test_reposts import EXTRAS, _posting

    postings = [
        _posting(f"s{i}", "Senior Backend Engineer", f"Company{i}", "2018-03-01", f"${100 + i}k-${120 + i}k")
        for i in range(10)
    ]
    # Acme's job posted three months running: three unique postings, one job the market counts once
    postings += [
        _posting(f"a{m}", "Senior Backend Engineer", "Acme", f"2018-0{m}-01", "$150k-$170k", EXTRAS[m - 1])
        for m in (1, 2, 3)
    ]
    db = store_file(tmp_path / "s.db", postings, dt.datetime(2018, 6, 1, tzinfo=dt.UTC))
    text = " ".join(ok("summary", "--db", db, columns=200).split())
    assert "13 unique" in text and "11 counted (0 near-duplicates and 2 reposts set aside)" in text
    assert (
        "pay (USD per year: 13 of the 13 unique postings state it; the market commands count 11, each job once)"
        in text
    )
