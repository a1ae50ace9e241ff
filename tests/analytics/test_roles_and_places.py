"""A market of roles and places: family lanes, the salary a text ties to one role, countries and cities,
checked against arithmetic on small hand-made frames, then through a real store."""

import json
import subprocess
import sys

import pytest

from rolemap.analytics.lane import Lane, city_parts, select
from rolemap.analytics.market import market, pay_by
from rolemap.cli.options import LANE_FILTERS, lane_of
from rolemap.errors import InputError
from tests.analytics.frames import make_frame

YEAR = {"salary_currency": "USD", "salary_period": "year"}


def frame():
    return make_frame(
        [
            # a backend-only post: its salary is a backend salary
            {"company": "A", "family": ["backend"], "salary_family": ["backend"], "salary_min": 100_000,
             "salary_max": 100_000, "country": ["US"], "city": ["New York, US"], **YEAR},
            # a post hiring a PM and a backend engineer: the PM's pay is not a backend salary
            {"company": "B", "family": ["backend", "non_software"], "salary_family": ["non_software"],
             "salary_min": 60_000, "salary_max": 60_000, "country": ["GB"], "city": ["London, GB"], **YEAR},
            # a post whose salary the text does not tie to one of its roles
            {"company": "C", "family": ["backend", "frontend"], "salary_family": [], "salary_min": 90_000,
             "salary_max": 90_000, "country": ["US"], "city": ["San Francisco, US"], **YEAR},
            {"company": "D", "family": ["frontend"], "salary_family": ["frontend"], "salary_min": 80_000,
             "salary_max": 80_000, "country": ["DE"], "city": ["Berlin, DE"], **YEAR},
            {"company": "E", "family": ["non_software"], "country": ["US"], "city": ["London, US"]},
        ]
    )  # fmt: skip


def test_a_family_lane_holds_the_postings_with_a_role_of_that_family():
    f = frame()
    assert select(f, Lane(family=("backend",))).tolist() == [True, True, True, False, False]
    assert select(f, Lane(family=("frontend", "qa"))).tolist() == [False, False, True, True, False]


def test_a_family_lane_counts_only_the_salaries_tied_to_that_family():
    m = market(frame(), Lane(family=("backend",)))
    assert m.postings == 3 and m.title == "Backend engineer"
    assert m.pay.stated == 1  # the backend salary; not the PM's, not the untied one
    every = market(frame(), Lane())
    assert every.title == "All roles" and every.pay.stated == 4


def test_pay_by_family_counts_each_family_s_salaries_as_its_lane_does():
    f = frame()
    cells = {c.value: c for c in pay_by(f, Lane(), "family", min_cell=1).cells}
    for family in ("backend", "frontend", "non_software"):
        lane = pay_by(f, Lane(family=(family,)), "seniority", min_cell=1)
        assert cells[family].pay.count == lane.overall.count, family  # the untied 90k is no one's
        assert cells[family].roles == market(f, Lane(family=(family,))).postings  # its roles, paid or not
    assert (cells["backend"].roles, cells["backend"].pay.count) == (3, 1)


def test_the_role_mix_is_the_lane_before_its_family_filter():
    m = market(frame(), Lane(family=("backend",), country=("us",)))
    assert m.postings == 2
    assert {s.name: s.count for s in m.families} == {"backend": 2, "frontend": 1, "non_software": 1}


def test_countries_and_cities():
    f = frame()
    assert select(f, Lane(country=("us",))).tolist() == [True, False, True, False, True]
    assert select(f, Lane(country=("United Kingdom",))).tolist() == [False, True, False, False, False]
    assert select(f, Lane(country=("uk",))).tolist() == [False, True, False, False, False]  # an alias
    assert select(f, Lane(city=("london",))).tolist() == [False, True, False, False, True]  # every London
    assert select(f, Lane(city=("london, gb",))).tolist() == [False, True, False, False, False]
    assert select(f, Lane(city=("nyc",))).tolist() == [True, False, False, False, False]  # a metro name
    assert select(f, Lane(city=("bay area",))).tolist() == [False, False, True, False, False]
    with pytest.raises(InputError, match="not a country"):
        select(f, Lane(country=("atlantis",)))
    with pytest.raises(InputError, match="--country 'xx': not a country"):  # two letters, no country
        select(f, Lane(country=("xx",)))
    with pytest.raises(InputError, match="--family"):
        Lane(family=("backendish",))


def test_a_city_option_keeps_its_country_with_it():
    """A list option splits on commas, and had made "london, de" London and a city named DE: every London."""
    assert city_parts(("london, de",)) == ("london, de",)
    assert city_parts(("berlin, london, uk", "nyc")) == ("berlin", "london, uk", "nyc")
    f = frame()
    assert select(f, Lane(city=city_parts(("london, de",)))).tolist() == [False] * 5
    assert select(f, Lane(city=city_parts(("london, uk",)))).tolist() == [False, True, False, False, False]
    assert select(f, Lane(city=city_parts(("berlin, london, gb",)))).tolist() == [
        False,
        True,
        False,
        True,
        False,
    ]
    # a US state's code is a region holding the city, though CA is Canada's code too; a state's name likewise
    assert select(f, Lane(city=city_parts(("san francisco, ca",)))).tolist() == [
        False,
        False,
        True,
        False,
        False,
    ]
    assert select(f, Lane(city=city_parts(("new york, new york",)))).tolist() == [
        True,
        False,
        False,
        False,
        False,
    ]
    with pytest.raises(InputError, match="'xx' is no country, nor a region holding 'london'"):
        select(f, Lane(city=city_parts(("london, xx",))))
    given = {**dict.fromkeys(LANE_FILTERS), "open_only": False, "city": ["london, de"]}
    assert lane_of(**given).city == ("london, de",)  # the CLI's lane


def test_pay_by_country_never_mixes_countries():
    p = pay_by(frame(), Lane(), "country", min_cell=1)
    assert {c.value: c.pay.count for c in p.cells} == {"US": 2, "GB": 1, "DE": 1}
    where = market(frame(), Lane())
    assert {s.name: s.count for s in where.pay_countries} == {"US": 2, "GB": 1, "DE": 1}


def test_the_backend_role_page_from_a_real_store(tmp_path):
    postings = tmp_path / "p.jsonl"
    rows = [
        {"id": "1", "title": "Senior Backend Engineer", "description": "Go, PostgreSQL, Kafka. Berlin, Germany. $150k-$170k"},
        {"id": "2", "title": "Product Manager", "description": "Own the roadmap. Berlin, Germany."},
        {"id": "3", "title": "Frontend Engineer", "description": "React and CSS. Remote (US only)."},
        {"id": "4", "title": "Backend Engineer (Python)", "description": "Django APIs. New York, NY."},
    ]  # fmt: skip
    postings.write_text("".join(json.dumps(r) + "\n" for r in rows))
    db = str(tmp_path / "s.db")

    def run(*args):
        done = subprocess.run(
            [sys.executable, "-m", "rolemap", *args, "--db", db], capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("ingest", str(postings))
    page = json.loads(run("market", "--json"))
    assert page["title"] == "Backend engineer" and page["postings"] == 2
    assert {s["name"] for s in page["families"]} == {"backend", "non_software", "frontend"}
    assert {s["name"] for s in page["countries"]} == {"DE", "US"}
    assert json.loads(run("market", "--json", "--family", "all"))["postings"] == 4
    assert json.loads(run("market", "--json", "--family", "all", "--country", "germany"))["postings"] == 2
    assert json.loads(run("market", "--json", "--city", "nyc"))["postings"] == 1
    assert "Backend engineer: 2 open roles, 0 companies hiring" in run("market")
    bad = subprocess.run([sys.executable, "-m", "rolemap", "market", "--family", "'; DROP TABLE x; --", "--db", db],
                         capture_output=True, text=True)  # fmt: skip
    assert bad.returncode != 0 and bad.stderr.startswith("error: --family") and "Traceback" not in bad.stderr
