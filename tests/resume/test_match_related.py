"""What partly meets a requirement (defect report on match): the taxonomy's hierarchy and the judged
relations of resume/data/related.json, never a shared category alone; the closest skill as evidence."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from rolemap.extract.taxonomy import load_taxonomy
from rolemap.resume.match import match_record, posting_title
from rolemap.resume.read import from_text
from tests.resume.test_layouts import TODAY


def one(resume_text: str, wanted: str) -> tuple[str, str]:
    resume = from_text(f"Experience\nEngineer | 2019 - 2021\n{resume_text}", "cv.md", TODAY)
    r = match_record(resume, "p", "t", {"skills": [{"id": wanted, "required": True}]}).requirements[0]
    return r.status, r.evidence


def test_postgresql_work_partly_meets_sql():
    status, evidence = one("- Tuned PostgreSQL queries for the billing service\n", "sql")
    assert status == "partly" and evidence.startswith("postgresql (a relational database): Tuned PostgreSQL")


@pytest.mark.parametrize(
    ("bullet", "wanted", "relation"),
    [
        ("- Built the orders service in Kotlin\n", "java", "kotlin (another JVM language)"),
        ("- Built the orders service in Scala\n", "java", "scala (another JVM language)"),
        ("- Wrote the firmware of the reader in C\n", "cpp", "c (C and C++)"),
        ("- Deployed 30 services with Docker\n", "kubernetes", "docker (containers)"),
        ("- Ran the MySQL cluster of the ledger\n", "postgresql", "mysql (another relational database)"),
    ],
)
def test_judged_peers_are_partly_met(bullet, wanted, relation):
    status, evidence = one(bullet, wanted)
    assert status == "partly" and evidence.startswith(relation)


@pytest.mark.parametrize(
    ("bullet", "wanted"),
    [
        ("- Tuned PostgreSQL queries for the billing service\n", "redis"),
        ("- Tuned PostgreSQL queries for the billing service\n", "mongodb"),
        ("- Tuned PostgreSQL queries for the billing service\n", "elasticsearch"),
        ("- Ran the Oracle database of the ledger\n", "firebase"),
    ],
)
def test_a_shared_category_alone_is_no_relation(bullet, wanted):
    assert one(bullet, wanted) == ("missing", "")


def test_the_closest_skill_is_the_evidence_not_the_first_by_name():
    cv = (
        "Experience\nEngineer | 2015 - 2021\n- Ran the PostgreSQL cluster of the ledger\n"
        "Engineer | 2021 - 2022\n- Added a MySQL read replica\n"
    )
    resume = from_text(cv, "cv.md", TODAY)
    assert resume.skills["postgresql"] > resume.skills["mysql"]
    fit = match_record(resume, "p", "t", {"skills": [{"id": "oracle", "required": True}]})
    assert fit.requirements[0].evidence.startswith("postgresql (another relational database)")  # more years
    both = from_text("Experience\nEngineer | 2019 - 2021\n- Built Django APIs in Python\n", "cv.md", TODAY)
    flask = match_record(both, "p", "t", {"skills": [{"id": "flask", "required": True}]}).requirements[0]
    assert flask.evidence.startswith("python (parent)")  # a parent before a sibling (django)


def test_every_skill_of_the_judged_relations_is_in_the_taxonomy():
    taxonomy = load_taxonomy()
    data = json.loads(resources.files("rolemap.resume").joinpath("data/related.json").read_text("utf-8"))
    named = [i["skill"] for i in data["implies"]] + [s for i in data["implies"] for s in i["by"]]
    named += [s for group in data["peers"] for s in group["skills"]]
    assert [s for s in named if s not in taxonomy] == []
    assert all(i["because"] for i in [*data["implies"], *data["peers"]])


def test_a_postings_title_is_its_extractions():
    row = {"title": "", "extraction": {"title": "Mid. or Sr. Backend Engineer"}}
    assert posting_title(row) == "Mid. or Sr. Backend Engineer"
    assert posting_title({"title": "Backend Engineer", "extraction": {}}) == "Backend Engineer"
    assert posting_title({"title": None, "extraction": None}) == ""
