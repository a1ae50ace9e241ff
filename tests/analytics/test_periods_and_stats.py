"""Issue 17: windows, gaps, partial periods, small-sample statistics and intervals, against hand-computed
values on frames small enough to count by eye."""

import math

import numpy as np
import pytest

from rolemap.analytics.lane import Lane, parse_period
from rolemap.analytics.market import market
from rolemap.analytics.pay import Rates, pay_scale, pay_stats
from rolemap.analytics.periods import calendar
from rolemap.analytics.stats import compare, median_interval, median_rank, wilson
from rolemap.analytics.trends import changes, trends
from rolemap.present.charts import lines
from rolemap.present.market_view import changes_view, median_card, share_card, trends_view
from tests.analytics.frames import make_frame

RATES = Rates("2024-06-28", "USD", {"USD": 1.0})


def monthly(first: str, months: int, per_month: int, **extra) -> list[dict]:
    """`per_month` postings on the 1st of each of `months` months from `first` (YYYY-MM)."""
    year, month = int(first[:4]), int(first[5:7]) - 1
    rows = []
    for k in range(months):
        y, m = divmod(month + k, 12)
        rows += [{"posted": f"{year + y}-{m + 1:02d}-01", **extra}] * per_month
    return rows


# ---- windows, gaps, partial periods ------------------------------------------------------------------


def test_trends_show_exactly_the_periods_inside_the_window():
    frame = make_frame(monthly("2013-01", 72, 2, language=["go"]))  # 2013-01 … 2018-12
    lane = Lane(since=parse_period("2014"), until=parse_period("2015", end=True))
    t = trends(frame, lane)
    assert t.periods == [f"{y}Q{q}" for y in (2014, 2015) for q in (1, 2, 3, 4)]
    assert t.totals == [6] * 8 and not any(t.partial)
    months = trends(
        frame, Lane(since=parse_period("2016-11"), until=parse_period("2017-02", end=True)), "month"
    )
    assert months.periods == ["2016-11", "2016-12", "2017-01", "2017-02"]


def test_a_window_cutting_a_quarter_marks_it_partial():
    frame = make_frame(monthly("2017-01", 6, 2))
    t = trends(frame, Lane(since=parse_period("2017-02")))
    assert t.periods == ["2017Q1", "2017Q2"] and t.totals == [4, 6]
    assert t.partial == ["the window covers only part of it", ""]


def test_an_empty_period_is_a_gap_with_its_n_never_zero_percent():
    rows = monthly("2017-01", 3, 2, language=["python"]) + monthly("2017-04", 3, 2, language=["java"])
    rows += monthly("2017-07", 3, 2, language=["python"])
    t = trends(make_frame(rows), Lane(language=("python",)))
    assert t.periods == ["2017Q1", "2017Q2", "2017Q3"] and t.totals == [6, 0, 6]
    python = next(s for s in t.series if s.dimension == "language" and s.value == "python")
    assert python.counts == [6, 0, 6] and python.shares == [1.0, None, 1.0]
    shown = trends_view(t).renderables[0].plain
    assert "2017Q2: 0" in shown and "a gap, not 0%" in shown


def test_partial_periods_by_missing_months_and_by_thin_counts():
    # 2017Q1–Q2: 10 a month; 2017Q3: July only (10); 2017Q4: 10 a month, but December has 2.
    rows = monthly("2017-01", 7, 10) + monthly("2017-10", 2, 10) + monthly("2017-12", 1, 2)
    cal = calendar(make_frame(rows), "quarter")
    assert cal.names == ["2017Q1", "2017Q2", "2017Q3", "2017Q4"] and cal.totals == [30, 30, 10, 22]
    # median of the non-empty quarters: (22 + 30) / 2 = 26; half of it is 13, so 10 is thin too, but the
    # missing months are said first
    assert cal.partial == ["", "", "no posting in 2017-08, 2017-09", ""]
    months = calendar(make_frame(rows), "month")
    # months: nine of 10 and one of 2; the median is 10, and 2 < 5
    assert months.partial[-1] == "2 postings, under half the median period (10)"
    assert not any(months.partial[:-1])


def test_changes_default_to_the_last_two_complete_quarters():
    rows = [*monthly("2017-01", 12, 10, language=["go"]), {"posted": "2018-01-05", "language": ["go"]}]
    c = changes(make_frame(rows), Lane())
    assert (c.before, c.after) == ("2017Q3", "2017Q4")  # 2018Q1 holds one posting in January: partial
    assert (c.postings_before, c.postings_after) == (30, 30) and not c.caveats
    forced = changes(make_frame(rows), Lane(), "2017Q4", "2018Q1")
    assert forced.caveats == ["2018Q1 is partial: no posting in 2018-02, 2018-03"]


def test_one_new_posting_is_never_significant():
    """The issue's case: one 2026 posting marked infrastructure-as-code 0% → 100%, q = 1e-32."""
    rows = [{"posted": "2018-01-01", "skill": ["python"]}] * 150
    rows += [{"posted": "2026-10-01", "skill": ["infrastructure-as-code"]}]
    c = changes(make_frame(rows), Lane(), "2018Q1", "2026Q4")
    iac = next(x for x in c.changes if x.value == "infrastructure-as-code")
    assert (iac.before, iac.after, iac.share_after) == (0, 1, 1.0)
    assert iac.p_value is None and iac.q_value is None and not iac.significant and iac.test == ""
    assert c.tested == 0 and "too few postings to test" in c.message
    assert any("2026Q4 is partial" in note for note in c.caveats)
    shown = changes_view(c)
    text = " ".join(getattr(r, "plain", "") for r in shown.renderables)
    assert "2026Q4 (1)" in text and "too few postings to test" in text


# ---- the tests themselves --------------------------------------------------------------------------


def test_the_exact_test_on_small_counts():
    # 0 of 40 against 6 of 40: expected counts 3 < 5, so Fisher's exact test. Hypergeometric (80 postings,
    # 6 with the value, 40 drawn): P(0) = C(40,6)/C(80,6) = P(6); two-sided p = 2 × P(0) = 0.02555.
    p, test = compare(0, 40, 6, 40)
    assert test == "exact" and p == pytest.approx(2 * math.comb(40, 6) / math.comb(80, 6)) == pytest.approx(
        0.025546, rel=1e-4
    )
    # 30 of 100 against 50 of 100: every expected count is at least 5, the z-test (z = 2.88675)
    p, test = compare(30, 100, 50, 100)
    assert test == "z" and p == pytest.approx(math.erfc(2.88675 / math.sqrt(2)), rel=1e-4)
    assert compare(0, 40, 4, 40) == (None, "")  # seen 4 times in all: not tested
    assert compare(0, 150, 1, 1) == (None, "")  # a period of one posting: not tested


def test_changes_use_the_exact_test_and_q_values_over_the_tested_only():
    rows = [{"posted": "2017-01-01", "skill": ["sql"]}] * 40 + [
        {"posted": "2017-04-01", "skill": ["sql"]}
    ] * 34
    rows += [{"posted": "2017-04-01", "skill": ["sql", "rust"]}] * 6 + [
        {"posted": "2017-04-01", "skill": ["go"]}
    ]
    c = changes(make_frame(rows), Lane(), "2017Q1", "2017Q2")
    rust = next(x for x in c.changes if x.value == "rust")
    go = next(x for x in c.changes if x.value == "go")
    assert rust.test == "exact" and (rust.before, rust.after) == (0, 6)
    assert go.test == "" and go.q_value is None  # seen once
    assert c.tested == 2  # rust and sql; go was not tested and does not enlarge the family
    sql = next(x for x in c.changes if x.value == "sql")
    assert sql.test == "exact"  # 40 of 40 against 40 of 41: the "without" column expects 0.5
    # q-values: Benjamini-Hochberg over the two p-values, m = 2
    small, large = sorted([rust.p_value, sql.p_value])
    q_small, q_large = min(small * 2, large), large
    assert sorted([rust.q_value, sql.q_value]) == pytest.approx([q_small, q_large])


def test_caveats_for_the_hn_onsite_header():
    rows = [{"posted": "2015-04-01", "source": "hn", "work_model": "remote"}] * 30
    rows += [{"posted": "2015-10-01", "source": "hn", "work_model": "onsite"}] * 30
    c = changes(make_frame(rows), Lane(), "2015Q2", "2015Q4")
    assert any("ONSITE" in note for note in c.caveats)
    other = [dict(r, source="greenhouse") for r in rows]
    assert not any("ONSITE" in n for n in changes(make_frame(other), Lane(), "2015Q2", "2015Q4").caveats)
    assert any("ONSITE" in n for n in trends(make_frame(rows), Lane()).caveats)


# ---- intervals ----------------------------------------------------------------------------------


def test_median_interval_by_order_statistics():
    # n = 10: P(X ≤ 1) = 11/1024 = 0.0107 ≤ 0.025 < P(X ≤ 2) = 56/1024, so [x(2), x(9)], coverage 97.9%
    assert median_rank(10) == 2 and median_interval(np.arange(1.0, 11.0)) == (2.0, 9.0)
    # n = 6: P(X ≤ 0) = 1/64 = 0.0156: [x(1), x(6)]; n = 5: 1/32 > 0.025, no interval
    assert median_rank(6) == 1 and median_interval(np.array([6.0, 1, 5, 2, 4, 3])) == (1.0, 6.0)
    assert median_rank(5) == 0 and median_interval(np.arange(5.0)) is None
    # past the exact range, the normal approximation of the ranks: n/2 − 1.96·√n/2
    assert median_rank(10_000) == math.floor(5000 - 1.959964 * 50)


def test_wilson_interval_against_a_hand_computation():
    # 5 of 10: centre 0.5, half-width 1.96·√(0.025 + 0.0096)/1.3842 = 0.2634
    low, high = wilson(5, 10)
    assert low == pytest.approx(0.2366, abs=1e-4) and high == pytest.approx(0.7634, abs=1e-4)
    assert wilson(0, 10)[0] == 0.0 and wilson(0, 0) is None


def usd(value: float) -> dict:
    return {"salary_min": value, "salary_max": value, "salary_currency": "USD", "salary_period": "year"}


def test_pay_medians_carry_n_and_an_interval_and_say_too_few():
    frame = make_frame([usd(100_000 + 10_000 * k) for k in range(10)])  # 100k … 190k
    stats = pay_stats(pay_scale(frame, "USD", RATES), np.ones(10, bool))
    assert stats.median == 145_000 and (stats.median_low, stats.median_high) == (110_000, 180_000)
    assert not stats.too_few and median_card(stats) == ("145k USD", "n = 10, 95% interval 110k–180k")
    few = pay_stats(pay_scale(frame, "USD", RATES), np.arange(10) < 5)
    assert few.median == 120_000 and few.too_few and few.median_low is None
    assert median_card(few)[0] == "too few" and "5 usable salaries" in median_card(few)[1]


def test_market_shares_carry_n_and_a_wilson_interval():
    rows = [{"seniority": "senior"}] * 5 + [{"seniority": "mid"}] * 5 + [{}]
    m = market(make_frame(rows), Lane(), scale=None)
    assert m.with_level == 10 and m.senior_share == 0.5
    assert m.senior_interval == pytest.approx((0.2366, 0.7634), abs=1e-4)
    assert share_card(m.senior_share, m.with_level, m.senior_interval) == (
        "50%",
        "n = 10, 95% interval 24%–76%",
    )
    assert share_card(0.5, 4, wilson(2, 4))[0] == "too few"


def test_a_gap_breaks_the_line_instead_of_falling_to_zero():
    svg = lines(["a", "b", "c", "d"], {"go": [0.5, None, 0.5, 0.6]}, "t", [False, False, False, True])
    assert svg.count("<polyline") == 1 and svg.count("<circle") == 1 and "partial period" in svg
