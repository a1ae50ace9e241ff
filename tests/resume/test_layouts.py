"""Real layouts read right (issue 18): each fixture in a common template, with the roles, dates and bullets
a reader would list, and the sections after the roles kept out of them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rolemap.resume.pdf import unspaced
from rolemap.resume.read import Resume, from_text, read_resume
from tests.resume import layouts

HERE = Path(__file__).parent / "fixtures"
TODAY = dt.date(2026, 11, 23)


def roles(r: Resume) -> list[tuple[str, str | None, str | None, int]]:
    return [(x.heading, x.start, x.end, len(x.bullets)) for x in r.roles]


def loose(r: Resume) -> list[str]:
    in_roles = {id(b) for x in r.roles for b in x.bullets}
    return [b.text for b in r.bullets if id(b) not in in_roles]


def test_one_column_pdf(tmp_path):
    r = read_resume(layouts.one_column_pdf(tmp_path / "dana.pdf"), TODAY)
    assert roles(r) == [
        ("Senior Backend Engineer · Acme Payments, Berlin", "2020-03", None, 2),
        ("Backend Developer · Shoply, Hamburg", "2017-01", "2020-02", 2),
    ]
    first = r.roles[0].bullets[0].text  # two lines on the page, one bullet
    assert first.startswith("Implemented") and first.endswith("coverage for invoice edge cases")
    assert r.roles[1].bullets[0].text.endswith("to PostgreSQL without downtime")
    assert r.sections == ["experience", "projects", "other", "skills"]  # OPEN SOURCE rejoined
    assert loose(r) == ["Maintainer of a small Redis client library for asyncio"]
    assert not any("PyCon" in b.text for b in r.bullets)  # Publications is not the last role's
    assert {"redis", "linux", "rest"} <= {s for line in r.listed for s in line.skills}
    assert r.notes == []


def test_two_column_pdf_reads_each_column_in_order(tmp_path):
    r = read_resume(layouts.two_column_pdf(tmp_path / "lee.pdf"), TODAY)
    assert roles(r) == [
        ("Platform Engineer · Globex, Munich", "2019-01", None, 2),
        ("Backend Developer · Initech, Munich", "2016-07", "2018-12", 1),
    ]
    assert r.roles[0].bullets[0].text.endswith("to the billing cluster")
    assert r.sections == ["skills", "education", "experience", "projects"]
    assert r.listed[0].skills == ["go", "python"]
    assert loose(r) == ["A Kubernetes operator for nightly database backups"]  # a project, not a role


def test_table_based_word_resume(tmp_path):
    r = read_resume(layouts.table_docx(tmp_path / "sam.docx"), TODAY)
    assert roles(r) == [
        ("Senior Software Engineer · Initrode, Lisbon", "2021-04", None, 2),
        ("Software Engineer · Vandelay Industries, Porto", "2018-09", "2021-03", 1),
        ("Junior Developer · Hooli, Porto", "2016-01", "2018-12", 1),  # employer line is no bullet
    ]
    assert r.sections == ["experience", "education", "skills", "other"]
    assert all("University" not in x.heading for x in r.roles)  # education is no role
    assert not any("Streaming joins" in b.text for b in r.bullets)
    assert r.total_years > 10 and r.notes == []


def test_markdown_role_headings_in_their_common_shapes():
    r = read_resume(HERE / "alex.md", TODAY)
    assert roles(r) == [
        ("Staff Engineer — Northwind", "2019-01", "2023-12", 2),  # ### Title — Company (2019–2023)
        ("Contoso · Backend Engineer", "2016-01", "2018-12", 2),  # ### Company + *Title, dates*
        ("Senior Developer at Fabrikam · Remote", "2014-01", "2015-12", 1),
    ]
    assert r.roles[0].bullets[1].text.endswith("and cut their runtime from 6 hours to 40 minutes")
    assert loose(r) == ["A command-line tool in Rust for tracking job applications"]
    assert not any("Thesis" in b.text or "Idempotent webhooks" in b.text for b in r.bullets)


@pytest.mark.parametrize(
    ("name", "heading"),
    [("old-keys.json", "Backend Developer · Globex"), ("new-keys.json", "Backend Developer · Globex")],
)
def test_json_resume_old_and_new_keys(name, heading):
    r = read_resume(HERE / name, TODAY)
    assert r.roles[0].heading == heading and r.roles[0].start == "2019-04" and r.roles[0].end is None
    assert r.skills["go"] == pytest.approx(7.7, abs=0.1) and r.listed


def test_old_json_resume_keeps_every_role_and_its_listed_skills():
    r = read_resume(HERE / "old-keys.json", TODAY)
    assert [x.heading for x in r.roles] == ["Backend Developer · Globex", "Junior Developer · Initech"]
    assert r.skills["redis"] == 0.0 and "unit-testing" in r.skills  # listed; "Added test coverage"


def test_no_dated_role_is_said_plainly(tmp_path):
    r = read_resume(HERE / "jo-undated.md", TODAY)
    assert [x.heading for x in r.roles] == ["Backend Engineer, Tailspin Toys", "Contractor"]
    assert not r.dated and r.total_years == 0 and "no dated role found" in r.notes[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("O P E N  S O U R C E", "OPEN SOURCE"),
        ("E X P E R I E N C E", "EXPERIENCE"),
        ("Built APIs in Go", "Built APIs in Go"),
        ("A B", "A B"),
    ],
)
def test_letter_spaced_text_is_rejoined(text, expected):
    assert unspaced(text) == expected


def test_letter_spaced_heading_without_word_breaks_is_still_a_section():
    r = from_text("O P E N S O U R C E\n- A Redis client library for asyncio", "x.txt", TODAY)
    assert r.sections == ["projects"]


def test_a_wrapped_text_bullet_is_one_bullet():
    text = "Experience\nEngineer, Acme | 2019 - 2021\n- Added test coverage for the invoice\n  service and its edge cases\n"
    r = from_text(text, "x.txt", TODAY)
    assert [b.text for b in r.bullets] == ["Added test coverage for the invoice service and its edge cases"]


def test_a_whole_page_table_and_a_big_table_are_read_in_linear_time(tmp_path):
    """Some templates put the whole page in a two-cell table (sidebar | main); a hostile one has a table of
    thousands of rows, which python-docx's cell API would walk quadratically."""
    import time

    import docx

    d = docx.Document()
    side, main = d.add_table(rows=1, cols=2).rows[0].cells
    side.paragraphs[0].add_run("Skills")
    side.add_paragraph("Python, Redis")
    side.add_paragraph("Linux")
    side.add_paragraph("Go")
    main.paragraphs[0].text = "Experience"
    main.paragraphs[0].style = d.styles["Heading 1"]
    main.add_paragraph("Backend Engineer, Acme | 2019 – 2022")
    main.add_paragraph("Built billing APIs in Python on PostgreSQL", style="List Bullet")
    big = d.add_table(rows=3000, cols=4)
    for row in big.rows[:3]:
        row.cells[0].text = "x"
    d.save(str(tmp_path / "page.docx"))
    started = time.perf_counter()
    r = read_resume(tmp_path / "page.docx", TODAY)
    assert time.perf_counter() - started < 10
    assert [(x.heading, x.start) for x in r.roles] == [("Backend Engineer, Acme", "2019-01")]
    assert {"python", "redis", "linux"} <= {s for line in r.listed for s in line.skills}


@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "## Experience",
                    "## Skills",
                    "### Acme",
                    "*Engineer, 2019 – 2021*",
                    "## Awards",
                    "Python, Redis",
                ]
            ),
            st.text(alphabet=st.sampled_from("ab A#-*•| 2019–to\n"), max_size=40),
        ),
        max_size=30,
    )
)
def test_any_lines_make_a_resume_whose_bullets_point_at_their_lines(lines):
    text = "\n".join(lines)
    r = from_text(text, "x.md", TODAY)
    count = len(text.splitlines())
    assert all(1 <= b.line <= count for b in [*r.bullets, *r.listed])
    assert all(b in r.bullets for x in r.roles for b in x.bullets)
