"""Pay premiums controlling for level and place (analytics/premiums.py), and salaries from a board's own
fields told apart from salaries read in the text, on frames whose answers are known by construction."""

import csv
import html
import io
import json

import numpy as np
import pytest
from rich.console import Console

from rolemap.analytics.frame import load_frame
from rolemap.analytics.lane import Lane
from rolemap.analytics.market import pay_by
from rolemap.analytics.pay import Rates, pay_scale, pay_stats
from rolemap.analytics.premiums import EXACT, MIN_CELL, MIN_FIT, MIN_IN_FIT, _fit, premiums
from rolemap.pipeline import ingest
from rolemap.present.market_view import pay_by_csv, pay_by_view
from rolemap.sources import read_file
from tests.analytics.frames import make_frame
from tests.cli_runner import run

RATES = Rates("2024-06-28", "USD", {"USD": 1.0, "EUR": 1.10})
LEVEL = {"junior": 0.7, "mid": 1.0, "senior": 1.35, "staff": 1.7}
COUNTRY = {"US": 1.0, "DE": 0.6}
ON_CALL = 1.15  # the effect the fixtures build in: on-call pays 15% more at the same level and place
# how often each level asks for on-call: the senior levels far more, so the raw on-call cell is senior
ON_CALL_SHARE = {"junior": 0.05, "mid": 0.15, "senior": 0.5, "staff": 0.7}


def posting(pay, level=None, countries=(), scope=(), company="c0", **extra):
    return {
        "seniority": level, "country": list(countries), "scope": list(scope), "company": company,
        "salary_min": pay, "salary_max": pay, "salary_currency": "USD", "salary_period": "year", **extra,
    }  # fmt: skip


def on_call_postings(n=600, noise=0.1, seed=7, on_call_share=ON_CALL_SHARE):
    """Postings of four levels in two countries; on-call more often senior; pay = 100k × level × country ×
    1.15 if on-call × log-normal noise."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(n):
        level = list(LEVEL)[i % 4]
        country = "DE" if i % 3 == 0 else "US"
        on_call = rng.random() < on_call_share.get(level, 0)
        pay = 100_000 * LEVEL[level] * COUNTRY[country] * (ON_CALL if on_call else 1.0)
        pay *= float(np.exp(rng.normal(0, noise))) if noise else 1.0
        scope = ["on-call"] if on_call else []
        rows.append(posting(round(pay, 6), level, [country], scope, company=f"c{i % 40}"))
    return rows


def fit(rows, by):
    frame = make_frame(rows)
    return premiums(frame, np.ones(frame.size, bool), by, pay_scale(frame, "USD", RATES))


def by_value(found):
    return {p.value: p for p in found}


def test_the_premium_recovers_the_built_in_effect_where_the_raw_cell_misleads():
    rows = on_call_postings()
    model, found = fit(rows, "scope")
    on_call = by_value(found)["on-call"]
    assert on_call.status == "estimated" and on_call.postings >= MIN_CELL
    assert on_call.low < ON_CALL - 1 < on_call.high and on_call.high - on_call.low < 0.1
    # the raw cells: on-call postings are mostly senior and staff, so their median is far above 15% more
    pay = np.array([r["salary_min"] for r in rows])
    with_it = np.array([bool(r["scope"]) for r in rows])
    raw = np.median(pay[with_it]) / np.median(pay[~with_it]) - 1
    assert raw > on_call.high and raw > 0.5
    assert model.controls == ["level", "country"] and model.fitted == model.salaried == 600
    assert model.baseline == "postings with no scope value" and model.left_out == {} and not model.message


def test_exact_pay_gives_the_hand_computed_premiums():
    # no noise: log pay is exactly additive, so OLS returns the built-in ratios and a zero-width interval
    _, found = fit(on_call_postings(noise=0), "scope")
    on_call = by_value(found)["on-call"]
    assert on_call.premium == pytest.approx(0.15, abs=1e-9)
    assert on_call.low == pytest.approx(0.15, abs=1e-6) and on_call.high == pytest.approx(0.15, abs=1e-6)


def test_the_fit_is_statsmodels_own_ols_with_hc3():
    # premiums._fit hands statsmodels the normal equations' solution instead of an SVD of the design: the
    # coefficients and the HC3 t intervals must be what OLS(...).fit(cov_type="HC3") gives
    from statsmodels.regression.linear_model import OLS

    rng = np.random.default_rng(3)
    design = np.column_stack([np.ones(300), rng.random(300) < 0.3, rng.random(300) < 0.5, rng.random(300)])
    log_pay = design @ [11.5, 0.14, -0.2, 0.3] + rng.normal(0, 0.2 + 0.3 * design[:, 1], 300)
    reference = OLS(log_pay, design).fit(cov_type="HC3", use_t=True)
    ours = _fit(log_pay, design)
    assert ours[:, 0] == pytest.approx(reference.params, rel=1e-9)
    assert ours[:, 1:] == pytest.approx(reference.conf_int(0.05), rel=1e-9)


def test_by_level_the_baseline_is_the_most_common_level_and_place_is_controlled():
    rows = [posting(100_000 * LEVEL[lv] * COUNTRY[c], lv, [c]) for lv, k in (("junior", 30), ("mid", 60),
            ("senior", 40), ("staff", 25)) for i in range(k) for c in (("US", "DE")[i % 2],)]  # fmt: skip
    model, found = fit(rows, "seniority")
    cells = by_value(found)
    assert model.baseline == "mid" and model.controls == ["country"] and cells["mid"].status == "baseline"
    # 1.35 / 1.0, 0.7 / 1.0 and 1.7 / 1.0 of the mid level's pay, whatever the country mix of each level
    assert cells["senior"].premium == pytest.approx(0.35, abs=1e-9)
    assert cells["junior"].premium == pytest.approx(-0.30, abs=1e-9)
    assert cells["staff"].premium == pytest.approx(0.70, abs=1e-9)


def test_two_scope_signals_on_one_posting_each_get_their_own_premium():
    rows = []
    for i in range(240):  # on-call +15%, migration −10%; a quarter of the postings have both
        scope = [s for s, on in (("on-call", i % 2 == 0), ("migration", i % 4 in (0, 1))) if on]
        factor = (1.15 if "on-call" in scope else 1.0) * (0.9 if "migration" in scope else 1.0)
        level = ("mid", "senior")[i % 3 == 0]
        rows.append(posting(100_000 * LEVEL[level] * factor, level, ["US"], scope))
    _, found = fit(rows, "scope")
    cells = by_value(found)
    assert cells["on-call"].premium == pytest.approx(0.15, abs=1e-9) and cells["on-call"].postings == 120
    assert cells["migration"].premium == pytest.approx(-0.10, abs=1e-9) and cells["migration"].postings == 120
    # the raw cells overlap: 60 postings are in both
    p = pay_by(make_frame(rows), Lane(), "scope", pay_scale(make_frame(rows), "USD", RATES))
    assert {c.value: c.pay.count for c in p.cells} == {"migration": 120, "on-call": 120}
    assert {c.value: c.premium.premium for c in p.cells} == pytest.approx(
        {"on-call": 0.15, "migration": -0.10}
    )


def test_a_posting_naming_two_countries_is_half_of_each():
    # pay in a two-country posting is the geometric middle: exactly what half-and-half shares predict
    rows = on_call_postings(noise=0)
    rows += [
        posting(100_000 * (COUNTRY["US"] * COUNTRY["DE"]) ** 0.5, "mid", ["US", "DE"]) for _ in range(10)
    ]
    model, found = fit(rows, "scope")
    assert model.fitted == 610 and by_value(found)["on-call"].premium == pytest.approx(0.15, abs=1e-9)
    flat = on_call_postings(noise=0, on_call_share={})  # by country, on-call is not held equal: none here
    flat += [
        posting(100_000 * (COUNTRY["US"] * COUNTRY["DE"]) ** 0.5, "mid", ["US", "DE"]) for _ in range(10)
    ]
    model, found = fit(flat, "country")
    cells = by_value(found)
    assert model.controls == ["level"] and cells["US"].status == "baseline" and cells["DE"].postings == 210
    assert cells["DE"].premium == pytest.approx(-0.40, abs=1e-9)


def test_cells_below_the_minimum_say_too_few_with_their_n():
    rows = on_call_postings(noise=0)
    rows += [posting(100_000, "mid", ["US"], ["migration"]) for _ in range(MIN_CELL - 8)]
    rows += [posting(100_000, "mid", ["US"], ["mentoring"]) for _ in range(MIN_IN_FIT - 2)]
    _, found = fit(rows, "scope")
    cells = by_value(found)
    assert cells["migration"].status == "too few" and cells["migration"].postings == 12
    assert cells["migration"].premium is None and cells["mentoring"].status == "too few"
    assert cells["on-call"].status == "estimated"  # a value too rare for an indicator leaves others be


def test_a_fit_below_the_minimum_says_too_few_and_claims_nothing():
    model, found = fit(on_call_postings(n=MIN_FIT - 1), "scope")
    assert model.fitted == MIN_FIT - 1 and f"at least {MIN_FIT}" in model.message
    assert all(p.status == "too few" and p.premium is None for p in found)


def test_postings_without_level_or_country_are_counted_as_left_out():
    rows = on_call_postings(noise=0)
    rows += [posting(90_000, None, ["US"], ["on-call"]) for _ in range(7)]
    rows += [posting(90_000, "mid", [], ["on-call"]) for _ in range(4)]
    rows += [posting(90_000, None, [], []) for _ in range(2)]  # counted once, by its first missing field
    rows += [posting(90_000, "mid", ["NZ"], []) for _ in range(MIN_IN_FIT - 1)]  # a place too rare
    rows += [{"seniority": "mid", "country": ["US"]} for _ in range(5)]  # no salary: not in the fit at all
    model, found = fit(rows, "scope")
    assert model.salaried == 600 + 7 + 4 + 2 + 4 and model.fitted == 600
    assert model.left_out == {
        "no level": 9,
        "no country": 4,
        f"a level, country or value with fewer than {MIN_IN_FIT} salaries": 4,
    }
    assert by_value(found)["on-call"].premium == pytest.approx(0.15, abs=1e-9)  # the rest unchanged


def test_a_value_the_controls_explain_is_not_separable():
    # every staff posting, and only they, manage people: the data cannot tell the two apart
    rows = on_call_postings(noise=0)
    rows = [
        {**r, "scope": [*r["scope"], "people-management"]} if r["seniority"] == "staff" else r for r in rows
    ]
    _, found = fit(rows, "scope")
    cells = by_value(found)
    assert cells["people-management"].status == "not separable" and cells["people-management"].premium is None
    assert cells["on-call"].premium == pytest.approx(0.15, abs=1e-9)


def test_a_salary_the_model_fits_exactly_is_left_out_not_every_interval():
    # mentoring = migration + one posting: that posting has leverage 1 and residual 0, and HC3 divides one by
    # the other (0/0, or rounding noise over rounding noise); it is left out and said, and the two values,
    # now the same postings, cannot be told apart
    rows = on_call_postings()
    rows += [posting(100_000, "mid", ["US"], ["migration", "mentoring"]) for _ in range(MIN_CELL)]
    rows.append(posting(120_000, "mid", ["US"], ["mentoring"]))
    model, found = fit(rows, "scope")
    cells = by_value(found)
    assert model.left_out == {EXACT: 1} and model.fitted == 600 + MIN_CELL
    assert cells["on-call"].status == "estimated" and cells["on-call"].low < 0.15 < cells["on-call"].high
    assert sorted(cells[v].status for v in ("migration", "mentoring")) == ["estimated", "not separable"]


def test_single_valued_dimensions_need_their_value_known():
    rows = []
    for i, r in enumerate(on_call_postings(noise=0, on_call_share={})):
        model = ("remote", "onsite", "onsite", None, "onsite")[i % 5]  # remote pays 10% more
        rows.append(
            {**r, "work_model": model, "salary_min": r["salary_min"] * (1.1 if model == "remote" else 1)}
        )
    rows = [{**r, "salary_max": r["salary_min"]} for r in rows]
    model, found = fit(rows, "work_model")
    assert model.left_out == {"no work model": 120} and model.fitted == 480 and model.baseline == "onsite"
    cells = by_value(found)
    assert cells["onsite"].status == "baseline" and cells["remote"].premium == pytest.approx(0.10, abs=1e-9)


@pytest.mark.parametrize("by", ["city", "family"])
def test_dimensions_without_premiums_say_why(by):
    model, found = fit(on_call_postings(n=120), by)
    assert found == [] and model.message.startswith(f"no premiums by {by}: ")


def test_the_pay_table_shows_premiums_beside_the_raw_cells():
    rows = on_call_postings()
    frame = make_frame(rows)
    p = pay_by(frame, Lane(), "scope", pay_scale(frame, "USD", RATES))
    console = Console(width=400, record=True)
    console.print(pay_by_view(p))
    text = console.export_text()
    assert "premium" in text and "95% interval" in text and "at the same level and country" in text
    on_call = p.cells[0].premium
    assert f"{on_call.premium:+.0%}" in text and "left out: none" in text
    header, first = pay_by_csv(p).splitlines()[:2]
    assert "premium_low" in header and "from_board" in header and first.startswith("on-call,")
    as_json = json.loads(json.dumps(p.as_dict(), default=str))
    assert as_json["premiums"]["controls"] == ["level", "country"]
    assert as_json["cells"][0]["premium"]["status"] == "estimated"


# --- salaries from a board's own fields and from the text -------------------------------------------------


def test_board_and_text_salaries_are_counted_apart_in_each_cell():
    rows = [
        posting(100_000, "senior", salary_from_source=True),
        posting(110_000, "senior", salary_from_source=True),
        posting(120_000, "senior"),
        posting(80_000, "junior"),
        posting(3_000, "junior", salary_from_source=True),  # implausible: left out, in neither count
        {"seniority": "junior"},
    ]
    frame = make_frame(rows)
    scale = pay_scale(frame, "USD", RATES)
    overall = pay_stats(scale, np.ones(frame.size, bool))
    assert (overall.count, overall.from_board, overall.from_text) == (4, 2, 2)
    cells = {c.value: c.pay for c in pay_by(frame, Lane(), "seniority", scale).cells}
    assert (cells["senior"].from_board, cells["senior"].from_text) == (2, 1)
    assert (cells["junior"].from_board, cells["junior"].from_text) == (0, 1)


BOARD_JOBS = [
    {"id": "b1", "title": "Senior Go Engineer", "description": "Go. Remote (US).", "min": 150000, "max": 170000,
     "cur": "USD", "per": "year"},
    {"id": "b2", "title": "Senior Python Engineer", "description": "Python. Salary $120k-$140k."},
    {"id": "b3", "title": "Junior Python Engineer", "description": "Python, Django.", "min": 70000,
     "max": 80000, "cur": "USD", "per": "year"},
    {"id": "b4", "title": "Junior Java Engineer", "description": "Java. No salary stated."},
]  # fmt: skip
BOARD_MAP = "salary_min=min,salary_max=max,salary_currency=cur,salary_period=per"


@pytest.fixture
def board_jobs(tmp_path):
    src = tmp_path / "jobs.jsonl"
    src.write_text("".join(json.dumps(line) + "\n" for line in BOARD_JOBS))
    return src


@pytest.fixture(params=["store", "pg_store"])
def any_store(request):
    return request.getfixturevalue(request.param)


def test_the_frame_knows_which_salaries_a_board_stated(any_store, board_jobs, tmp_path, monkeypatch):
    # the record's source_facts.salary, read from its JSON by SQLite's json_extract and PostgreSQL's jsonb
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ingest(any_store, read_file(board_jobs, column_map=dict(p.split("=") for p in BOARD_MAP.split(","))))
    frame = load_frame(any_store)
    column = frame.table.column("salary_from_source").to_pylist()
    assert dict(zip(frame.strings("id"), column, strict=True)) == {
        "b1": True,
        "b2": False,
        "b3": True,
        "b4": False,
    }


def test_pay_tables_count_board_and_text_salaries(board_jobs, tmp_path):
    db = str(tmp_path / "b.db")
    r = run("ingest", "--db", db, "--map", BOARD_MAP, str(board_jobs))
    assert r.returncode == 0, r.stderr
    pay = json.loads(run("pay", "--db", db, "--json").stdout)
    assert [(c["value"], c["pay"]["from_board"], c["pay"]["from_text"]) for c in pay["cells"]] == [
        ("junior", 1, 0),
        ("senior", 1, 1),
    ]
    assert (pay["overall"]["from_board"], pay["overall"]["from_text"]) == (2, 1)
    table = " ".join(run("pay", "--db", db).stdout.split())  # the terminal's width wraps lines anywhere
    assert (
        "board / text" in table
        and "Of them, 2 from boards' own salary fields and 1 read in the text" in table
    )
    rows = list(csv.DictReader(io.StringIO(run("pay", "--db", db, "--csv").stdout)))
    assert [(r["seniority"], r["from_board"], r["from_text"]) for r in rows] == [
        ("junior", "1", "0"),
        ("senior", "1", "1"),
    ]


def test_the_report_shows_premiums_and_board_text_counts():
    from rolemap.present.report import gather, render_html, render_markdown

    rows = on_call_postings()
    rows[0] = {**rows[0], "salary_from_source": True}
    frame = make_frame(rows)
    data = gather(frame, Lane(), pay_scale(frame, "USD", RATES))
    on_call = next(c.premium for c in data.pay_scope.cells if c.value == "on-call")
    for page in (html.unescape(render_html(data)), render_markdown(data)):
        assert "Pay by level" in page and "Pay by scope" in page and "board / text" in page
        assert f"{on_call.premium:+.0%}" in page and f"{on_call.low:+.0%} to {on_call.high:+.0%}" in page
        assert "at the same level and country" in page and "at the same country" in page  # scope; level
        assert "Of them, 1 from boards' own salary fields and 599 read in the text." in page
