"""Date forms the black-box probe found unread (each role then counted no time, and the years came out too
low with no word said): arrows, "~", "through", open ends ("Till Date", "to date", "Ongoing"), "2015-16",
seasons, and German and French range words; and the note naming the roles whose dates were not read."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.resume.dates import DATE_RANGE
from rolemap.resume.read import from_text

TODAY = dt.date(2026, 11, 23)


def roles(dates: str) -> list[tuple[str, str | None, str | None]]:
    text = f"Experience\nBackend Engineer, Acme\n{dates}\n- Built the billing API in Go\n"
    return [(r.heading, r.start, r.end) for r in from_text(text, "cv.md", TODAY).roles]


@pytest.mark.parametrize(
    ("dates", "start", "end"),
    [
        ("2019-01 → now", "2019-01", None),
        ("2017-06 → 2019-03", "2017-06", "2019-03"),
        ("Jan 2019 -> Mar 2020", "2019-01", "2020-03"),
        ("Jun 2018 – Till Date", "2018-06", None),
        ("Jan 2019 to date", "2019-01", None),
        ("Jan 2019 - Ongoing", "2019-01", None),
        ("Jun 2018 – Date", "2018-06", None),
        ("January 2019 through June 2021", "2019-01", "2021-06"),
        ("Jan 2019 thru Jun 2021", "2019-01", "2021-06"),
        ("Jan 2019 ~ Mar 2020", "2019-01", "2020-03"),
        ("2015-16", "2015-01", "2016-12"),
        ("2015–16", "2015-01", "2016-12"),
        ("Summer 2017", "2017-06", "2017-08"),  # a season: its months in the northern calendar
        ("Fall 2018 – Spring 2020", "2018-09", "2020-05"),
        ("seit 04/2019", "2019-04", None),
        ("01.2019 – heute", "2019-01", None),
        ("2019 bis 2021", "2019-01", "2021-12"),
        ("depuis 2020", "2020-01", None),
        ("09/2016 – aujourd'hui", "2016-09", None),
    ],
)
def test_a_range_as_resumes_write_it_dates_the_role(dates, start, end):
    assert roles(dates) == [("Backend Engineer, Acme", start, end)]


@pytest.mark.parametrize("month", ["2019-12", "2011-12", "2010-09"])
def test_a_year_and_a_month_is_no_range(month):
    assert DATE_RANGE.search(month) is None


@pytest.mark.parametrize(
    "prose",
    [
        "Kept the runbooks up to date through 2021 audits and rotations.",  # the review: a role from today to 2021
        "Current through 2019 on every release",
        "Reviewed the date to 2020 migration plan",
    ],
)
def test_an_open_end_word_starts_no_range(prose):
    assert DATE_RANGE.search(prose) is None


def test_roles_whose_dates_were_not_read_are_named_in_a_note():
    text = (
        "Experience\nPlatform Engineer, Otto\nJan 2020 – Present\n- Built the billing API in Go\n"
        "Backend Engineer, Zalando\nsometime in 2015\n- Built the search API in Java\n"
    )
    r = from_text(text, "cv.md", TODAY)
    assert [x.start for x in r.roles] == ["2020-01", None]
    [note] = r.notes
    assert note.startswith("no dates read for 1 role ('Backend Engineer, Zalando")
    assert "their time is not in the years" in note


def test_a_long_hostile_line_of_date_words_reads_in_linear_work():
    """Each new alternative is a fixed word; a run of them, of spaces or of arrows is scanned once. Work is
    counted as the regex engine's steps by proxy: the time of the larger run may be at most 2.5 times the
    smaller's, plus 0.1 s (never a wall-clock limit of its own)."""
    import time

    units = ["Summer ", "2019 → ", "till ", "2015-", " " * 7 + "~", "seit ", "to date "]

    def seconds(n: int) -> float:
        text = "".join(units) * n
        start = time.perf_counter()
        list(DATE_RANGE.finditer(text))
        from_text(f"Experience\nEngineer, Acme\n{text}\n- Built the billing API\n", "cv.md", TODAY)
        return time.perf_counter() - start

    seconds(10)
    for _ in range(2):
        small, large = seconds(2_000), seconds(4_000)
        if large <= 2.5 * small + 0.1:
            break
    assert large <= 2.5 * small + 0.1, f"{small:.3f} s, then {large:.3f} s"
