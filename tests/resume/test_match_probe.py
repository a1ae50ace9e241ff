"""Matching as the black-box probe found it wrong: a practice requirement ("relational databases",
"NoSQL") never met by the concrete database; a language the posting only names as nice to have counted as
required; Spring met through Java rather than the resume's Spring Boot; Oracle missing beside "Oracle
PL/SQL"."""

from __future__ import annotations

import datetime as dt

import pytest

from rolemap.extract.engine import extract_text
from rolemap.resume.match import match_record
from rolemap.resume.read import from_text

TODAY = dt.date(2026, 11, 23)


def resume(*bullets: str):
    lines = "".join(f"- {b}\n" for b in bullets)
    return from_text(f"Experience\nEngineer | 2019 - 2021\n{lines}", "cv.md", TODAY)


def requirement(cv, record):
    return {r.name: r for r in match_record(cv, "p", "t", record).requirements}


@pytest.mark.parametrize(
    ("bullet", "wanted", "had"),
    [
        (
            "Cut Postgres query time for the seller dashboard from 4 s to 300 ms",
            "relational-databases",
            "postgresql",
        ),
        ("Ran the Oracle and SQL Server databases of the ledger", "relational-databases", "oracle"),
        ("Operated a 30-node Cassandra cluster for the events store", "nosql", "cassandra"),
        ("Built the session cache on Redis", "nosql", "redis"),
        ("Moved the catalogue to MongoDB", "nosql", "mongodb"),
        ("Developed batch jobs in Java and Oracle PL/SQL for a banking client", "oracle", "pl-sql"),
    ],
)
def test_a_practice_or_product_is_partly_met_by_what_shows_it(bullet, wanted, had):
    r = requirement(resume(bullet), {"skills": [{"id": wanted, "required": True}]})[wanted]
    assert r.status == "partly" and r.evidence.startswith(f"{had} ("), r.evidence


def test_a_database_of_the_other_kind_meets_neither():
    cv = resume("Operated a 30-node Cassandra cluster for the events store")
    r = requirement(cv, {"skills": [{"id": "relational-databases", "required": True}]})
    assert r["relational-databases"].status == "missing"


def test_spring_is_shown_by_the_spring_boot_bullet_before_the_language():
    cv = resume("Designed the Java 17 / Spring Boot checkout service, replacing a PHP monolith")
    r = requirement(cv, {"skills": [{"id": "spring", "required": True}]})["spring"]
    assert r.status == "partly" and r.evidence.startswith("spring-boot (a spring framework)"), r.evidence


def test_a_language_the_record_marks_nice_to_have_is_nice_to_have():
    record = {
        "languages": ["python", "rust"],
        "skills": [{"id": "rust", "required": False, "asked": True}, {"id": "airflow", "required": False}],
    }
    reqs = requirement(resume("Built the billing API in Python"), record)
    assert reqs["python"].required and not reqs["rust"].required and not reqs["airflow"].required
    fit = match_record(resume("Built the billing API in Python"), "p", "t", record)
    assert (fit.required_total, fit.nice_total) == (1, 2) and "rust" not in fit.summary.split("missing")[-1]


def test_a_posting_asking_for_a_language_only_as_nice_to_have_is_matched_so():
    """ "Nice to have: Airflow, Rust, TypeScript." had Rust and TypeScript among the required: the record's
    languages carry no flag, and the extractor now names the softened ones (`languages_nice`)."""
    text = (
        "Senior Backend Engineer\nRequirements:\n- 5+ years with Python and PostgreSQL\n"
        "Nice to have: Airflow, Rust, TypeScript."
    )
    record = extract_text("p", text).as_dict()
    assert record["languages_nice"] == ["rust", "typescript"]
    reqs = requirement(resume("Built the billing API in Python on PostgreSQL"), record)
    assert reqs["python"].required and not reqs["rust"].required and not reqs["typescript"].required
