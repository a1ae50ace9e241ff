"""A day, a month and a year written with slashes (defect report: "05/06/2019" read day first): the month
first, as rolemap's sources read a posting's date (sources/dates.py), unless the first number is past 12;
a resume whose own dates put the day first ("25/06/2019") has its other such dates read day first."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.resume.dates import days_first
from rolemap.resume.read import from_text
from rolemap.sources.dates import posted_date

TODAY = dt.date(2026, 11, 23)


def roles(dates: str, more: str = "") -> list[tuple[str | None, str | None]]:
    text = f"Experience\nBackend Engineer, Acme\n{dates}\n- Built the billing API in Go\n{more}"
    return [(r.start, r.end) for r in from_text(text, "cv.md", TODAY).roles]


@pytest.mark.parametrize(
    ("dates", "months"),
    [
        ("05/06/2019 – 03/02/2021", ("2019-05", "2021-03")),
        ("01/15/2019 – 03/20/2021", ("2019-01", "2021-03")),  # a US date with its day past 12
        ("5/6/2019 – Present", ("2019-05", None)),
    ],
)
def test_slash_dates_put_the_month_first_as_the_sources_do(dates, months):
    assert roles(dates) == [months]
    start = dates.split(" – ")[0]
    assert posted_date(start)[:7] == months[0]  # the sources' reading of the same date


def test_a_resume_that_writes_days_first_has_its_ambiguous_dates_read_day_first():
    other = "Developer, Beta\n03/04/2017 – 25/05/2019\n- Built the search API in Go\n"
    assert roles("05/06/2019 – 03/02/2021", other) == [("2019-06", "2021-02"), ("2017-04", "2019-05")]
    assert days_first("25/06/2019") and not days_first("05/06/2019 06/25/2019 25/06/2019")


def test_dotted_dates_put_the_day_first():
    assert roles("05.06.2019 – 03.02.2021") == [("2019-06", "2021-02")]
