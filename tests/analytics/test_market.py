import math
from dataclasses import replace

import numpy as np
import pytest

from rolemap.analytics.lane import Lane, parse_period, select
from rolemap.analytics.market import market, pay_by, profile, tracker
from rolemap.analytics.pay import Rates, parse_rates, pay_scale, pay_stats
from rolemap.analytics.stats import MIN_PERIOD
from rolemap.analytics.trends import benjamini_hochberg, changes, charted, trends, two_proportion_p
from rolemap.errors import DataError, InputError
from tests.analytics.frames import make_frame

RATES = Rates("2024-06-28", "USD", {"USD": 1.0, "EUR": 1.10, "GBP": 1.25})


def usd_year(value, **extra):
    return {
        "salary_min": value,
        "salary_max": value,
        "salary_currency": "USD",
        "salary_period": "year",
        **extra,
    }


def test_pay_is_annualised_and_converted_with_counts():
    frame = make_frame(
        [
            usd_year(100_000),
            {
                "salary_min": 50,
                "salary_max": 50,
                "salary_currency": "USD",
                "salary_period": "hour",
            },  # 104,000
            {
                "salary_min": 8000,
                "salary_max": 8000,
                "salary_currency": "USD",
                "salary_period": "month",
            },  # 96,000
            {
                "salary_min": 80_000,
                "salary_max": 100_000,
                "salary_currency": "EUR",
                "salary_period": "year",
            },  # 99,000
            {
                "salary_min": 3000,
                "salary_max": 3000,
                "salary_currency": "USD",
                "salary_period": "year",
            },  # implausible
            {
                "salary_min": 90_000,
                "salary_max": 90_000,
                "salary_currency": "USD",
                "salary_period": "hour",
            },  # implausible
            {
                "salary_min": 100_000,
                "salary_max": 100_000,
                "salary_currency": "XYZ",
                "salary_period": "year",
            },  # no rate
            {},  # no pay stated
        ]
    )
    scale = pay_scale(frame, "USD", RATES)
    assert scale.yearly[:4].tolist() == pytest.approx([100_000, 104_000, 96_000, 99_000])
    stats = pay_stats(scale, np.ones(frame.size, bool))
    assert (stats.count, stats.stated, stats.annualised, stats.converted, stats.left_out) == (4, 7, 2, 1, 3)
    assert stats.median == pytest.approx(99_500)  # middle of 96k, 99k, 100k, 104k
    assert stats.p25 == pytest.approx(98_250) and stats.p75 == pytest.approx(101_000)
    assert (stats.low, stats.high) == (pytest.approx(96_000), pytest.approx(104_000))
    assert "Too few for a headline median, middle half or range" in stats.note and "3 left out" in stats.note


def test_pay_in_another_currency_and_up_to():
    frame = make_frame(
        [
            usd_year(110_000),
            {"salary_min": None, "salary_max": 125_000, "salary_currency": "USD", "salary_period": "year"},
        ]
    )
    scale = pay_scale(frame, "EUR", RATES)
    assert scale.yearly.tolist() == pytest.approx([100_000, 125_000 / 1.1])


def test_too_few_salaries_for_a_median_is_said():
    stats = pay_stats(pay_scale(make_frame([usd_year(100_000), {}]), "USD", RATES), np.ones(2, bool))
    assert stats.median is None and "too few salaries" in stats.note


def test_unknown_target_currency_is_an_input_error():
    with pytest.raises(InputError, match="no rate"):
        pay_scale(make_frame([{}]), "BTC", RATES)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("{", "not valid JSON"),
        ('{"date": "2024-01-01"}', "expected"),
        ('{"date": "x", "rates": {"EUR": -1}}', "positive"),
        ('{"date": "x", "rates": {"EUR": 1.1}}', "needs a rate for USD"),
    ],
)
def test_bad_rate_tables(raw, message):
    with pytest.raises(DataError, match=message):
        parse_rates(raw, "rates.json")


LANE_ROWS = [
    {
        "seniority": "senior",
        "work_model": "remote",
        "company": "Acme",
        "language": ["go"],
        "skill": ["kubernetes", ("kafka", False)],
        "posted": "2017-02-01",
        **usd_year(150_000),
    },
    {
        "seniority": "senior",
        "work_model": "onsite",
        "company": "Acme",
        "language": ["go", "python"],
        "skill": ["kubernetes"],
        "posted": "2017-05-01",
        **usd_year(130_000),
    },
    {
        "seniority": "junior",
        "work_model": "remote",
        "company": "Beta",
        "language": ["python"],
        "skill": ["django", "kubernetes"],
        "posted": "2018-01-10",
        **usd_year(90_000),
    },
    {
        "seniority": "staff",
        "work_model": "hybrid",
        "company": "Gamma",
        "language": ["go"],
        "skill": [("kafka", False)],
        "posted": "2018-02-01",
        "open": False,
    },
    {"company": "Delta", "language": ["java"], "skill": ["spring"], "posted": "2018-03-01"},
]


def test_market_counts_shares_and_pay():
    m = market(make_frame(LANE_ROWS), Lane(), scale=pay_scale(make_frame(LANE_ROWS), "USD", RATES))
    assert (m.postings, m.open_positions, m.companies) == (5, 4, 4)
    levels = {s.name: (s.count, s.share) for s in m.levels}
    assert levels["senior"] == (2, 0.4) and levels["unknown"] == (1, 0.2)
    assert m.senior_share == pytest.approx(3 / 4) and m.junior_share == pytest.approx(1 / 4)
    assert {s.name: s.count for s in m.work_models} == {"remote": 2, "hybrid": 1, "onsite": 1, "unknown": 1}
    skills = {s.name: (s.count, s.required) for s in m.skills}
    assert skills["kubernetes"] == (3, 3) and skills["kafka"] == (2, 0)
    # three salaries: too few for the headline, which withholds the median and every figure on that n
    assert m.pay.median is None and m.pay.p25 is None and m.pay.low is None and m.pay.count == 3
    assert {(frozenset((a, b)), n) for a, b, n in m.together} >= {(frozenset(("kafka", "kubernetes")), 1)}


def test_filters_combine_and_match_any_of_several_values():
    frame = make_frame(LANE_ROWS)
    assert select(frame, Lane(language=("go",))).tolist() == [True, True, False, True, False]
    assert select(frame, Lane(language=("go",), work_model=("remote",))).tolist() == [
        True,
        False,
        False,
        False,
        False,
    ]
    assert select(frame, Lane(seniority=("senior", "staff"))).sum() == 3
    assert select(frame, Lane(company=("ACME",))).sum() == 2  # any case
    assert select(frame, Lane(since=parse_period("2018"), open_only=True)).tolist() == [
        False,
        False,
        True,
        False,
        True,
    ]
    assert select(frame, Lane(until=parse_period("2017Q1", end=True))).tolist() == [
        True,
        False,
        False,
        False,
        False,
    ]


def test_empty_lane_says_so():
    m = market(make_frame(LANE_ROWS), Lane(language=("cobol",)))
    assert m.postings == 0 and "no postings match" in m.message and m.pay.median is None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2017", "2017-01-01", "2018-01-01"),
        ("2017Q2", "2017-04-01", "2017-07-01"),
        ("2017-12", "2017-12-01", "2018-01-01"),
    ],
)
def test_periods(text, start, end):
    assert str(parse_period(text)) == start and str(parse_period(text, end=True)) == end


@pytest.mark.parametrize(
    "bad", ["17Q1", "2017Q5", "2017-13", "0000", "9999-12", "soon", "'; DROP TABLE postings; --"]
)
def test_bad_periods(bad):
    with pytest.raises(InputError):
        parse_period(bad)


def test_bad_filter_values_are_named():
    with pytest.raises(InputError, match="--seniority 'wizard'"):
        Lane(seniority=("wizard",))


def test_pay_by_marks_small_cells():
    frame = make_frame(LANE_ROWS)
    result = pay_by(frame, Lane(), "seniority", pay_scale(frame, "USD", RATES), min_cell=1)
    cells = {c.value: c for c in result.cells}
    # two salaries are no median, whatever --min-cell says: marked too few, as a blank cell must be
    assert cells["senior"].pay.count == 2 and cells["senior"].too_few and cells["senior"].pay.median is None
    assert cells["junior"].too_few and cells["staff"].too_few  # shown, marked


def test_a_cell_with_too_few_salaries_shows_its_n_and_no_median():
    """Four salaries are no pay to print: the cell says how many, and its median, quartiles and range are
    withheld as a headline's are, from the least n the table asks (`--min-cell`)."""
    rows = [
        {
            "seniority": "senior",
            "salary_min": pay,
            "salary_max": pay,
            "salary_currency": "USD",
            "salary_period": "year",
        }
        for pay in (90_000, 100_000, 110_000, 150_000)
    ]
    frame = make_frame(rows)
    scale = pay_scale(frame, "USD", RATES)
    (few,) = pay_by(frame, Lane(), "seniority", scale, min_cell=5).cells
    assert few.too_few and few.pay.count == 4
    assert (few.pay.median, few.pay.p25, few.pay.p75, few.pay.low, few.pay.high) == (None,) * 5
    (enough,) = pay_by(frame, Lane(), "seniority", scale, min_cell=4).cells
    assert not enough.too_few and enough.pay.median == 105_000
    # four figures are a median but no middle half or range (those would be the figures themselves), and
    # the note says so instead of "too few for a median" beside one
    assert (enough.pay.p25, enough.pay.p75, enough.pay.low, enough.pay.high) == (None,) * 4
    assert enough.pay.note.endswith("Too few for a middle half or range (at least 5 needed).")


def test_which_salaries_are_plausible_does_not_hang_on_the_currency_shown():
    """The band was judged in the shown currency: in yen every salary was "implausible", in kronor every one
    above a million of them, so n and the median moved with --currency."""
    rows = [usd_year(pay) for pay in (40_000, 90_000, 120_000, 200_000, 400_000)]
    rows.append(usd_year(3_000))  # implausible in any currency: a monthly figure or a misreading
    frame = make_frame(rows)
    every = np.ones(frame.size, bool)
    rates = Rates("2024-06-28", "USD", {"USD": 1.0, "JPY": 0.0064, "SEK": 0.094})
    counts = {c: pay_stats(pay_scale(frame, c, rates), every).count for c in ("USD", "JPY", "SEK")}
    assert counts == {"USD": 5, "JPY": 5, "SEK": 5}
    yen = pay_stats(pay_scale(frame, "JPY", rates), every)
    assert yen.median == pytest.approx(120_000 / 0.0064) and yen.left_out == 1
    # a table of another base says the same: it is the rates between currencies that count
    in_yen = Rates("2024-06-28", "JPY", {c: v / 0.0064 for c, v in rates.usd_per_unit.items()})
    assert pay_stats(pay_scale(frame, "USD", in_yen), every).count == 5


def test_pay_by_a_multi_valued_dimension():
    frame = make_frame(LANE_ROWS)
    result = pay_by(frame, Lane(), "language", pay_scale(frame, "USD", RATES), min_cell=1)
    assert {c.value: c.pay.count for c in result.cells} == {"go": 2, "python": 2}  # java: no salary, no cell


def test_profile_splits_must_and_nice():
    p = profile(make_frame(LANE_ROWS), Lane(), min_share=0.4)
    assert [s.name for s in p.must_have] == ["kubernetes"] and [s.name for s in p.nice_to_have] == ["kafka"]
    assert p.three_repeated == ["kubernetes"]
    assert "lower --min-share" in profile(make_frame(LANE_ROWS), Lane(), min_share=0.9).message


def test_tracker_rows_newest_first_with_repeated_requirements():
    rows, total = tracker(make_frame(LANE_ROWS), Lane(language=("go",)), limit=2)
    assert total == 3 and [r.posted for r in rows] == ["2018-02-01", "2017-05-01"]
    assert rows[1].repeated == ["kubernetes"] and rows[0].repeated == ["kafka"]


def test_trends_shares_per_quarter():
    t = trends(make_frame(LANE_ROWS), Lane(), "quarter")
    assert t.periods == ["2017Q1", "2017Q2", "2017Q3", "2017Q4", "2018Q1"] and t.totals == [1, 1, 0, 0, 3]
    go = next(s for s in t.series if s.dimension == "language" and s.value == "go")
    assert go.counts == [1, 1, 0, 0, 1] and go.shares[-1] == pytest.approx(1 / 3)


def test_two_proportion_test_against_a_hand_computation():
    # 30/100 vs 50/100: pooled p = 0.4, se = sqrt(0.4*0.6*0.02) = 0.069282, z = 2.88675
    assert two_proportion_p(30, 100, 50, 100) == pytest.approx(math.erfc(2.88675 / math.sqrt(2)), rel=1e-4)
    assert two_proportion_p(0, 10, 0, 10) == 1.0


def test_benjamini_hochberg_against_a_hand_computation():
    assert benjamini_hochberg([0.01, 0.04, 0.03, 0.20]) == pytest.approx([0.04, 0.0533333, 0.0533333, 0.20])


def test_changes_between_two_quarters():
    rows = [{"language": ["go"], "posted": "2014-01-01"}] * 5 + [
        {"language": ["java"], "posted": "2014-01-01"}
    ] * 45
    rows += [{"language": ["go"], "posted": "2018-01-01"}] * 30 + [
        {"language": ["java"], "posted": "2018-01-01"}
    ] * 20
    c = changes(make_frame(rows), Lane(), "2014Q1", "2018Q1")
    go = next(x for x in c.changes if x.value == "go")
    assert (go.before, go.after, go.share_before, go.share_after) == (5, 30, 0.1, 0.6)
    assert go.significant and not go.small_sample and c.changes[0].significant
    with pytest.raises(InputError, match="not in the data"):
        changes(make_frame(rows), Lane(), "2010Q1")
    # read backwards, a comparison would say go fell: refused, not answered
    with pytest.raises(InputError, match="the earlier period 2018Q1 is not before the later one 2014Q1"):
        changes(make_frame(rows), Lane(), "2018Q1", "2014Q1")
    with pytest.raises(InputError, match="2018Q1 is the store's newest period: nothing after it"):
        changes(make_frame(rows), Lane(), "2018Q1")


def test_trends_and_changes_count_postings_not_each_of_their_roles():
    """A post hiring three roles is one posting: its roles share its words, so PHP named by all three is
    one posting asking for it. Counted by role, 3 posts of 5 roles each (15 rows) beside 45 posts of one had
    made 30 observations of 60 where there are 3 of 48, and the test too sure."""
    before = [{"language": ["php"], "posted": "2014-01-01", "posting": p} for p in range(3) for _ in range(5)]
    before += [{"language": ["java"], "posted": "2014-01-01", "posting": 3 + p} for p in range(45)]
    after = [{"language": ["php"], "posted": "2018-01-01", "posting": 48 + p} for p in range(3)]
    after += [{"language": ["java"], "posted": "2018-01-01", "posting": 51 + p} for p in range(45)]
    frame = make_frame(before + after)
    c = changes(frame, Lane(), "2014Q1", "2018Q1")
    php = next(x for x in c.changes if x.value == "php")
    assert (c.postings_before, c.postings_after) == (48, 48)
    assert (php.before, php.after, php.share_before) == (3, 3, 3 / 48) and not php.significant
    t = trends(frame, Lane(), "quarter")
    assert (t.totals[0], t.totals[-1]) == (48, 48)
    assert next(s for s in t.series if s.value == "php").counts[0] == 3


def test_a_chart_draws_no_share_of_a_period_with_too_few_postings():
    """A share of one posting is 0% or 100%: a trend line had jumped to 100% on quarters of one posting.
    Periods under MIN_PERIOD postings are gaps in the chart; the table keeps their counts."""
    rows = [{"language": ["go"], "posted": "2017-01-01"}]
    rows += [{"language": ["go" if i % 2 else "java"], "posted": "2017-04-01"} for i in range(MIN_PERIOD)]
    t = trends(make_frame(rows), Lane(), "quarter")
    assert t.totals == [1, MIN_PERIOD]
    go = next(s for s in t.series if s.value == "go")
    assert go.shares == [1.0, 0.5] and charted(t, "language")["go"] == [None, 0.5]


def test_trends_without_dates_say_so():
    t = trends(make_frame([{"language": ["go"]}]), Lane())
    assert t.periods == [] and "has a posted date: no trend" in t.message


def test_location_matches_whole_words():
    frame = make_frame(
        [{"location": "Austin, TX"}, {"location": "Remote (US)"}, {"location": "San Francisco, CA, US"}]
    )
    assert select(frame, Lane(location=("us",))).tolist() == [False, True, True]
    assert select(frame, Lane(location=("san francisco", "austin"))).tolist() == [True, False, True]


def test_the_report_escapes_what_postings_say():
    from rolemap.present.report import gather, render_html, render_markdown

    rows = [
        {
            "company": "<script>alert(1)</script>",
            "seniority": "senior",
            "skill": ["kafka"],
            "posted": "2018-01-01",
            **usd_year(100_000),
        }
    ] * 4
    frame = make_frame(rows)
    data = gather(frame, Lane(), pay_scale(frame, "USD", RATES))
    page = render_html(data)
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page
    assert "<svg" in page and "Pay by level" in page
    assert render_markdown(data).startswith("# All roles: ")


def test_a_skill_lane_reads_aliases_and_rolls_up_the_products_under_it():
    frame = make_frame(
        [
            {"skill": ["rhel"], "language": ["go"]},
            {"skill": ["postgresql"]},
            {"skill": ["linux"]},
            {"skill": ["python"], "language": ["python"]},
        ]
    )
    lane = Lane(skill=("Linux",))
    assert lane.skill == ("linux",)
    assert select(frame, lane).tolist() == [True, False, True, False]  # RHEL postings are Linux postings
    assert select(frame, Lane(skill=("postgres",))).tolist() == [False, True, False, False]
    assert select(frame, Lane(skill=("rhel",))).tolist() == [True, False, False, False]  # not the other way
    golang = Lane(language=("golang",))
    assert golang.describe() == "language: go" and select(frame, golang).tolist() == [
        True,
        False,
        False,
        False,
    ]
    # languages given as skills are read as the languages they are (the skill pairs hold other senses)
    read = Lane(skill=("C#", "c++"))
    assert read.skill == () and read.skill_language == ("csharp", "cpp")


def test_frame_columns_read_from_their_buffers_equal_pyarrows_own_conversion():
    frame = make_frame(
        [
            {"posted": "2018-03-01", "salary_min": 100.0, "seniority": "senior", "reposts": 2, "open": True},
            {"posted": None, "salary_min": None, "seniority": None, "open": False},
            {"posted": "2016-01-31", "salary_min": 5.5, "seniority": "junior", "reposts": 1, "open": True},
        ]
        * 5
    )
    for sliced in (frame, replace(frame, table=frame.table.slice(1, 9))):  # an offset into the buffers
        table = sliced.table
        assert np.array_equal(
            sliced.numbers("salary_min"), table.column("salary_min").to_numpy(), equal_nan=True
        )
        assert sliced.flags("is_open").tolist() == table.column("is_open").to_pylist()
        assert sliced.counts("reposts").tolist() == [v or 0 for v in table.column("reposts").to_pylist()]
        expected = [
            np.datetime64(d) if d else np.datetime64("NaT") for d in table.column("posted").to_pylist()
        ]
        assert np.array_equal(sliced.dates("posted"), np.array(expected, "datetime64[D]"), equal_nan=True)
        codes, vocab = sliced.codes("seniority")
        assert [vocab[c] if c >= 0 else None for c in codes] == table.column("seniority").to_pylist()


def test_a_lane_window_covers_its_own_months_not_its_jobs_whole_spans():
    """A series of reposts open from 2015-12 to 2018-02 is in a 2016 lane; the lane covers 2016 (the
    page had said "postings from 2015-07 to 2018-02" of a window of 2016)."""
    from rolemap.analytics.covers import lane_covers
    from rolemap.analytics.lane import parse_window

    rows = [
        {"language": ["go"], "posted": "2015-12-01", "open_from": "2015-12-01", "open_until": "2018-02-28"},
        {"language": ["go"], "posted": "2016-05-01"},
        {"language": ["go"], "posted": "2014-03-01"},  # outside the window
    ]
    since, until = parse_window("2016-01", "2016-12")
    frame = make_frame(rows)
    covers = lane_covers(frame, Lane(since=since, until=until))
    assert (covers["from"], covers["to"], covers["postings"]) == ("2016-01", "2016-12", 2)
    page = market(frame, Lane(since=since, until=until))
    assert (page.coverage["first"], page.coverage["last"]) == ("2016-01", "2016-12")
    assert lane_covers(frame, Lane())["from"] == "2014-03"  # no window: the jobs' own months


def test_a_posting_s_salary_is_one_figure_however_many_of_its_roles_it_counts_for():
    """A post hiring junior and senior backend engineers for one range had its salary counted twice in the
    backend lane: n said 63 salaries of 53 stated, and the median and its interval rested on the copies."""
    one_range = {"posting": 0, "family": ["backend"], "country": ["NO"], **usd_year(100_000)}
    rows = [
        {**one_range, "seniority": "junior"},
        {**one_range, "seniority": "staff"},
        {"posting": 1, "family": ["backend"], "seniority": "senior", **usd_year(150_000)},
    ]
    frame = make_frame(rows)
    scale = pay_scale(frame, "USD", RATES)
    assert pay_stats(scale, np.ones(3, bool)).count == 2
    by_level = pay_by(frame, Lane(), "seniority", scale, min_cell=1)
    assert by_level.overall.count == 2 and by_level.overall.stated == 2
    cells = {c.value: (c.roles, c.pay.count) for c in by_level.cells}
    assert cells == {"junior": (1, 1), "senior": (1, 1), "staff": (1, 1)}  # each level's own, once
    assert [(s.name, s.count) for s in market(frame, Lane(), scale=scale).pay_countries] == [("NO", 1)]


def test_pay_by_a_many_valued_dimension_lists_the_values_salaries_hold():
    """A language, city or scope no salary holds is no pay cell (the review: 213 of 234 cities had 0)."""
    frame = make_frame([{"language": ["go"], **usd_year(100_000)}, {"language": ["go", "rust"]}])
    cells = pay_by(frame, Lane(), "language", pay_scale(frame, "USD", RATES), min_cell=1).cells
    assert [(c.value, c.roles, c.pay.count) for c in cells] == [("go", 2, 1)]
