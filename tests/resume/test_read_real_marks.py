"""Resumes as people type them (a black-box tester's findings): bullets opened by any mark ("●", "➢", "–",
"o ", "a) "), sub-labels inside a Skills section ("Languages", then "Python, Go"), a skill alone on its
line whose name is also a word ("Go", "Rust", "Puppet"), and the many ways a role's dates are written."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.resume.dates import DATE_RANGE
from rolemap.resume.read import Resume, from_text

TODAY = dt.date(2026, 11, 23)


def read(text: str) -> Resume:
    return from_text(text, "cv.md", TODAY)


def listed(r: Resume) -> list[str]:
    return [s for line in r.listed for s in line.skills]


@pytest.mark.parametrize("mark", ["●", "■", "–", "—", "➢", "►", "✓", "✔", "→", "❖", "◆", "»", "\uf0b7"])
def test_a_typed_mark_opens_a_bullet(mark):
    r = read(
        "# Sam Lee\n## Experience\n### Backend Engineer, Acme | Jan 2019 – Present\n"
        f"{mark} Built Kafka Consumers in Go\n{mark} Responsible for billing APIs in Python\n"
        f"{mark} Migrated Jenkins CI to GitHub Actions\n## Skills\nPython\n"
    )
    [role] = r.roles
    assert role.heading == "Backend Engineer, Acme"  # the short first bullet is no part of the heading
    assert [b.text for b in role.bullets] == [
        "Built Kafka Consumers in Go",
        "Responsible for billing APIs in Python",
        "Migrated Jenkins CI to GitHub Actions",  # the short one before the next section is kept
    ]


@pytest.mark.parametrize("mark", ["o", "+", "a)"])
def test_a_letter_or_sign_is_a_mark_in_a_run_of_lines(mark):
    marks = ["a)", "b)", "c)"] if mark == "a)" else [mark] * 3
    r = read(
        "Experience\nBackend Engineer, Acme | Jan 2019 – Present\n"
        f"{marks[0]} Built Kafka Consumers in Go\n{marks[1]} Responsible for billing APIs in Python\n"
        f"{marks[2]} Migrated Jenkins CI to GitHub Actions\n"
    )
    [role] = r.roles
    assert role.heading == "Backend Engineer, Acme"
    assert [b.text.split()[0] for b in role.bullets] == ["Built", "Responsible", "Migrated"]
    # one such line alone is text: a summary line, not a bullet to coach
    alone = read(f"Summary\n{marks[0]} 10% faster builds every year since we started measuring\n")
    assert alone.bullets == []


SUBLABELS = """Maria Schmidt

EXPERIENCE
Senior Backend Engineer | Zalando | Jan 2019 – Present
- Built the order-routing service in Go on Kubernetes

SKILLS
Languages
Python, Go, Java
Databases
PostgreSQL, Redis
Tools
Docker, Terraform, GCP
"""


def test_a_languages_sub_label_inside_skills_keeps_the_skills():
    r = read(SUBLABELS)
    assert r.sections == ["experience", "skills"]
    assert {"python", "java", "postgresql", "redis", "docker", "terraform", "gcp"} <= set(listed(r))


def test_a_sidebar_with_one_skill_a_line_under_a_languages_label():
    r = read("## SKILLS\nLanguages\nPython\nGo\nJava\nDatastores\nPostgreSQL\nRedis\n## EXPERIENCE\n")
    assert r.sections == ["skills", "experience"]
    assert listed(r) == ["python", "go", "java", "postgresql", "redis"]


def test_a_languages_heading_of_spoken_languages_is_still_its_own_section():
    r = read("SKILLS\nLanguages\nPython, Go\nLanguages\nEnglish (native)\nGerman (C1)\n")
    assert r.sections == ["skills", "other"]
    assert [line.text for line in r.listed] == ["Languages", "Python, Go"]


@pytest.mark.parametrize(
    "name, skill",
    [("Go", "go"), ("Rust", "rust"), ("C", "c"), ("R", "r"), ("Swift", "swift"), ("Dart", "dart"),
     ("Puppet", "puppet"), ("Chef", "chef"), ("Express", "express")],
)  # fmt: skip
def test_a_skill_alone_on_its_line_in_skills_is_found(name, skill):
    r = read(
        f"# Sam Lee\n## Summary\n- {name} getters welcome, says my old lead\n## Skills\nPython\n{name}\n"
    )
    assert listed(r) == ["python", skill]
    assert r.bullets[0].skills == []  # outside Skills the word is still a word


@pytest.mark.parametrize(
    "dates, start, end",
    [
        ("2019-01-15 – 2021-03-31", "2019-01", "2021-03"),
        ("15/01/2019 – 31/03/2021", "2019-01", "2021-03"),
        ("Since 2021", "2021-01", None),
        ("2015–19", "2015-01", "2019-12"),
        ("Jan2019-Dec2020", "2019-01", "2020-12"),
        ("Jan 2019 - Present · 5 yrs 11 mos", "2019-01", None),
        ("Oct 2015 – Feb 2017 (1 yr 5 mos)", "2015-10", "2017-02"),
    ],
)
def test_a_role_dated_as_resumes_write_it(dates, start, end):
    r = read(f"## Experience\n### Backend Engineer, Acme | {dates}\n- Built billing APIs in Python\n")
    assert [(x.heading, x.start, x.end) for x in r.roles] == [("Backend Engineer, Acme", start, end)]


def test_linkedin_lengths_of_a_role_stay_out_of_its_heading():
    r = read(
        "Experience\nAcme\n5 yrs 11 mos\nSenior Engineer\nJan 2019 - Present · 3 yrs\n"
        "- Built billing APIs in Python\n"
    )
    [role] = r.roles
    assert "yrs" not in role.heading and "mos" not in role.heading
    assert [b.text for b in role.bullets] == ["Built billing APIs in Python"]


@pytest.mark.parametrize(
    "line",
    [
        "Phone: +49 30 2015-19 44",
        "Tel. 0171 2015–19",
        "Python 3.10 – 3.12",
        "Released 2019-12",
        "+49 151 2019 2020",
    ],
)
def test_phone_and_version_numbers_are_no_dates(line):
    assert DATE_RANGE.search(line) is None
    assert DATE_RANGE.search(f"{line} | 2015–19") is not None  # the new form beside them is read


def test_a_range_that_runs_backwards_says_so():
    r = read("## Experience\n### Backend Engineer, Acme | 2021 – 2019\n- Built billing APIs in Python\n")
    assert r.total_years == 0
    assert any("run backwards" in note and "2021-01 to 2019-12" in note for note in r.notes)
