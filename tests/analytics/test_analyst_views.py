"""The analyst views say nothing their data cannot carry: a figure on too small an n, a month no posting is
dated in, a posting dated by the day it was read, a language read as some other skill, a window echoed as
the days it became rather than the periods given."""

from __future__ import annotations

import pytest

from rolemap.analytics.lane import Lane, parse_window, select
from rolemap.analytics.market import market, pay_by
from rolemap.analytics.pay import pay_scale
from rolemap.analytics.periods import calendar
from rolemap.analytics.trends import changes, trends
from rolemap.errors import InputError
from rolemap.present.market_view import middle_half_card, pay_line, range_card
from rolemap.present.report import gather, render_html, render_markdown
from tests.analytics.frames import make_frame


def _salaried(n: int, **extra) -> list[dict]:
    """`n` postings of 2017-0X stating 100k, 110k, … a year."""
    return [
        {
            "posted": f"2017-0{1 + i % 6}-01",
            "salary_min": 100_000 + 10_000 * i,
            "salary_currency": "USD",
            "salary_period": "year",
            **extra,
        }
        for i in range(n)
    ]


# ---- 1. a median withheld for small n withholds every figure on that n ---------------------------


def test_a_headline_too_few_for_a_median_shows_no_quartiles_range_or_middle_half():
    frame = make_frame(_salaried(5))
    m = market(frame, Lane())
    assert m.pay.count == 5 and m.pay.too_few
    assert (m.pay.median, m.pay.p25, m.pay.p75, m.pay.low, m.pay.high) == (None,) * 5
    shown = pay_line(m.pay).plain
    assert "too few" in shown and "p25" not in shown and "range" not in shown.split("\n")[0]
    assert "half the salaries are between" not in m.pay.note
    assert range_card(m.pay)[0] == "too few" and middle_half_card(m.pay)[0] == "too few"
    p = pay_by(frame, Lane(), "seniority")
    assert p.overall.p25 is None and p.overall.low is None  # the /pay page's overall card
    data = gather(frame, Lane(), pay_scale(frame))
    for page in (render_markdown(data), render_html(data)):
        assert "100k–140k" not in page and "120k–130k" not in page  # neither range nor middle half


def test_a_headline_from_ten_salaries_shows_them_all():
    m = market(make_frame(_salaried(10)), Lane())
    assert not m.pay.too_few and m.pay.p25 is not None and m.pay.low == 100_000 and m.pay.high == 190_000
    assert range_card(m.pay)[0] == "100k–190k" and "half the salaries are between" in m.pay.note


# ---- 2. a month no posting is dated in ------------------------------------------------------------


def _skipped_july() -> list[dict]:
    """Posts in June, August and September 2016, none in July; a series of reposts June to August."""
    rows = [{"posted": f"2016-{m:02d}-01", "source": "hn"} for m in (6, 8, 9) for _ in range(10)]
    series = {"posted": "2016-06-01", "open_until": "2016-08-31", "source": "hn", "reposts": 2}
    return [*rows, *[series] * 5]


def test_a_month_no_posting_is_dated_in_is_a_gap_and_its_quarter_partial():
    frame = make_frame(_skipped_july())
    months = trends(frame, Lane(), every="month")
    assert months.periods == ["2016-06", "2016-07", "2016-08", "2016-09"]
    assert months.totals == [15, 0, 15, 10]  # the series open across July is not counted in it
    quarters = calendar(frame, "quarter")
    assert quarters.partial[quarters.names.index("2016Q3")] == "no posting in 2016-07"
    c = changes(frame, Lane(), "2016Q2", "2016Q3")
    assert "2016Q3 is partial: no posting in 2016-07" in c.caveats


def test_a_month_one_source_skipped_is_partial_when_another_posted():
    rows = [{"posted": f"2016-{m:02d}-01", "source": "hn"} for m in (6, 7, 8) for _ in range(10)]
    rows += [{"posted": f"2016-{m:02d}-01", "source": "csv"} for m in (6, 8) for _ in range(10)]
    cal = calendar(make_frame(rows), "month")
    assert cal.partial == ["", "no csv posting in 2016-07", ""]


# ---- 3. postings without a date of their own ------------------------------------------------------


def test_postings_dated_by_the_day_they_were_read_are_left_out_and_counted():
    dated = [{"posted": f"2024-0{m}-10", "source": "csv", "language": ["java"]} for m in (4, 5, 6)] * 10
    # read on 2026-12-04, no date of their own: open that month by the day of ingestion
    undated = [{"open_from": "2026-12-04", "open_until": "2026-12-31", "source": "csv"}] * 7
    frame = make_frame(dated + undated)
    t = trends(frame, Lane())
    assert t.periods == ["2024Q2"] and t.totals == [30] and t.undated == 7
    assert any("7 postings of the lane left out: no date of their own" in c for c in t.caveats)
    with pytest.raises(InputError, match="7 roles without a date of their own left out"):
        changes(frame, Lane(), "2024Q2", "2026Q4")


def test_periods_of_different_sources_are_said_and_not_tested_without_a_shared_one():
    old = [{"posted": f"2018-0{m}-01", "source": "hn", "language": ["go"]} for m in (1, 2, 3)] * 20
    new = [{"posted": f"2024-0{m}-01", "source": "csv", "language": ["java"]} for m in (1, 2, 3)] * 20
    c = changes(make_frame(old + new), Lane(), "2018Q1", "2024Q1")
    assert not c.shared_source and c.tested == 0 and not any(ch.significant for ch in c.changes)
    assert "share no source" in c.message
    assert any("2018Q1's postings come from hn, 2024Q1's from csv" in note for note in c.caveats)
    both = old + new + [{"posted": "2024-01-01", "source": "hn", "language": ["go"]}] * 30
    mixed = changes(make_frame(both), Lane(), "2018Q1", "2024Q1")
    assert mixed.shared_source and mixed.tested > 0  # a shared source: tested, and the mix said
    assert any("2024Q1's from csv, hn" in note for note in mixed.caveats)


# ---- 4. the report's trend table is the lane's ----------------------------------------------------


def test_the_report_trend_table_ends_at_the_lanes_last_period_not_the_stores():
    lane_rows = [{"posted": f"{y}-0{m}-01", "country": ["CH"]} for y in (2016, 2017) for m in (1, 4, 7)]
    later = [{"posted": f"{y}-0{m}-01", "country": ["US"]} for y in range(2018, 2021) for m in (1, 4, 7)]
    frame = make_frame((lane_rows + later) * 3)
    data = gather(frame, Lane(country=("ch",)), pay_scale(frame))
    assert data.trends.periods[0] == "2016Q1" and data.trends.periods[-1] == "2017Q3"
    assert all(data.trends.totals[i] for i in (0, -1))
    assert "2020Q3" not in render_markdown(data)


# ---- 5. a language given as a skill ---------------------------------------------------------------


def test_a_language_given_as_a_skill_is_read_as_the_language_and_says_so():
    frame = make_frame(
        [
            {"language": ["go"], "skill": ["kubernetes"]},
            {"language": ["go"]},
            {"language": ["cpp"]},
            {"skill": ["kubernetes"]},
            {"skill": ["csharp"]},  # the skill pairs' own sense (.NET), not the language
            {"language": ["csharp"]},
        ]
    )
    golang = Lane(skill=("golang",))
    assert select(frame, golang).tolist() == [True, True, False, False, False, False]
    assert golang.describe() == "skill golang read as language go"
    assert select(frame, Lane(skill=("C++",))).tolist() == [False, False, True, False, False, False]
    assert select(frame, Lane(skill=("C#",))).tolist() == [False] * 5 + [True]
    either = Lane(skill=("golang", "k8s"))  # any of the skill filter's values
    assert select(frame, either).tolist() == [True, True, False, True, False, False]
    assert either.describe() == "skill: kubernetes; skill golang read as language go"


# ---- 8. the window echoed as given ----------------------------------------------------------------


def test_an_empty_window_echoes_the_periods_given():
    with pytest.raises(InputError) as caught:
        parse_window("2018", "2016")
    assert caught.value.message.startswith("--since '2018' begins after --until '2016' ends")
    with pytest.raises(InputError, match="since '2017Q1' begins after until '2016Q4' ends"):
        parse_window("2017Q1", "2016Q4", ("since", "until"))
    assert parse_window("2016", "2016") == (parse_window("2016", None)[0], parse_window(None, "2016")[1])
