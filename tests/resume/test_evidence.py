"""Evidence from the whole resume (issue 18): the Skills section, the taxonomy's parents and siblings,
practice phrases; a resume without dated roles matched on its skills; `match` at 80 columns."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from rolemap.resume.match import match_record
from rolemap.resume.read import from_text, read_resume
from tests.cli_runner import run
from tests.resume import layouts
from tests.resume.test_layouts import HERE, TODAY


@pytest.fixture
def dana(tmp_path):
    return read_resume(layouts.one_column_pdf(tmp_path / "dana.pdf"), TODAY)


def status(fit):
    return {r.name: r.status for r in fit.requirements}


def test_skills_section_counts_as_weaker_evidence(dana):
    record = {"skills": [{"id": s, "required": True} for s in ("linux", "rest", "redis", "kubernetes")]}
    fit = match_record(dana, "p", "t", record)
    by_name = {r.name: r for r in fit.requirements}
    # Docker, listed, partly meets Kubernetes (containers: resume/data/related.json)
    assert status(fit) == {"linux": "met", "rest": "met", "redis": "met", "kubernetes": "partly"}
    assert by_name["linux"].proof == "listed" and by_name["linux"].evidence.startswith(
        "listed, no bullet shows it"
    )
    assert by_name["redis"].proof == "bullet" and "Redis client library" in by_name["redis"].evidence
    assert fit.summary.startswith("required: 3 of 4 met (2 only listed), 1 partly")


def test_flask_years_are_python_years(dana):
    # Python is named in the 2020– role's bullet, Flask in the 2017–2020 role's: both count for Python
    assert dana.skills["flask"] == pytest.approx(3.2, abs=0.1)
    assert dana.skills["python"] == pytest.approx(6.8 + 3.2, abs=0.1)


def test_siblings_parents_and_children_are_partly_met(tmp_path):
    lee = read_resume(layouts.two_column_pdf(tmp_path / "lee.pdf"), TODAY)  # Django and Python
    flask = match_record(lee, "p", "t", {"skills": [{"id": "flask", "required": True}]}).requirements[0]
    assert flask.status == "partly" and flask.evidence.startswith("python (parent)")  # parent before sibling
    only_django = from_text("Experience\nEngineer | 2019 - 2021\n- Built Django APIs\n", "x", TODAY)
    sibling = match_record(
        only_django, "p", "t", {"skills": [{"id": "flask", "required": True}]}
    ).requirements[0]
    assert sibling.status == "partly" and sibling.evidence.startswith(
        "django (same family): Built Django APIs"
    )
    only_python = from_text("Experience\nEngineer | 2019 - 2021\n- Wrote Python batch jobs\n", "x", TODAY)
    wanted = {"skills": [{"id": "fastapi", "required": True}]}
    parent = match_record(only_python, "p", "t", wanted).requirements[0]
    assert parent.status == "partly" and parent.evidence.startswith("python (parent)")
    only_flask = from_text("Experience\nEngineer | 2019 - 2021\n- Built Flask services\n", "x", TODAY)
    child = match_record(only_flask, "p", "t", {"languages": ["python"]}).requirements[0]
    assert child.status == "partly" and child.evidence.startswith("flask (a python framework)")
    assert "python" not in only_flask.skills  # a parent never named gets no years of its own


def test_practice_phrases_meet_practice_skills(tmp_path):
    sam = read_resume(layouts.table_docx(tmp_path / "sam.docx"), TODAY)
    fit = match_record(sam, "p", "t", {"skills": [{"id": "unit-testing", "required": True}]})
    r = fit.requirements[0]
    assert r.status == "met" and r.proof == "bullet" and "Added test coverage" in r.evidence


def test_without_a_dated_role_level_is_not_judged_and_skills_still_count():
    jo = read_resume(HERE / "jo-undated.md", TODAY)
    record = {
        "languages": ["python"],
        "skills": [{"id": "redis", "required": True}],
        "seniority": "senior",
        "years_experience": {"min": 5, "max": None},
    }
    fit = match_record(jo, "p", "t", record)
    assert status(fit) == {"python": "met", "redis": "met", "5+ years": "unknown", "senior": "unknown"}
    assert fit.required_total == 2 and fit.required_met == 2
    assert "not judged (no dated role): 5+ years, senior" in fit.summary and "missing" not in fit.summary


LONG_ID = "greenhouse-averylongboardnamethatgoeson-4012345678"


def test_match_output_fits_80_columns_and_never_cuts_an_id(tmp_path):
    db = str(tmp_path / "m.db")
    src = tmp_path / "p.jsonl"
    description = (
        "Requirements: 5+ years of backend work. Python, Django, Kafka, Redis, Linux and Kubernetes. "
        "Unit testing and REST APIs."
    )
    title = "Senior Backend Engineer, Payments Platform and Developer Experience (Remote, Europe)"
    src.write_text(json.dumps({"id": LONG_ID, "title": title, "description": description}) + "\n")
    assert run("ingest", src, "--db", db).returncode == 0
    env = {**os.environ, "COLUMNS": "80"}

    def cli(*args):
        r = subprocess.run(
            [sys.executable, "-m", "rolemap", *map(str, args)], capture_output=True, text=True, env=env
        )
        assert r.returncode == 0, r.stderr
        return r.stdout

    cv = HERE / "alex.md"
    for output in (cli("match", cv, LONG_ID, "--db", db), cli("match", cv, "--family", "all", "--db", db)):
        lines = output.splitlines()
        assert lines and max(len(line) for line in lines) <= 80
    posting = cli("match", cv, LONG_ID, "--db", db)
    assert "met      redis (required)" in posting and "listed, no bullet shows it" in posting
    lane = cli("match", cv, "--family", "all", "--db", db)
    assert LONG_ID in lane.splitlines() and "required met" in lane
