"""`rolemap label` and `rolemap accuracy` end to end: the installed command, a small store, labels set,
listed, exported and scored (figures computed by hand below), and hostile arguments as one-line errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from tests.conftest import SHARED

ROLEMAP = [sys.executable, "-m", "rolemap"]
POSTINGS = [
    {
        "id": "a",
        "title": "Senior Backend Engineer",
        "description": "We build payment APIs in Python with Django and PostgreSQL. Remote. "
        "$120,000 - $150,000 per year.",
    },
    {"id": "b", "title": "Data Engineer", "description": "Spark and Scala pipelines. Hybrid in Berlin."},
    {"id": "c", "title": "Platform Engineer", "description": "Terraform and AWS. Onsite in Austin, TX."},
]


def run(*args):
    return subprocess.run([*ROLEMAP, *map(str, args)], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    path = tmp_path_factory.mktemp("label") / "postings.jsonl"
    path.write_text("".join(json.dumps(p) + "\n" for p in POSTINGS))
    return path


@pytest.fixture(scope="module")
def ingested(tmp_path_factory, source):
    path = tmp_path_factory.mktemp("ingested") / "label.db"
    assert run("ingest", source, "--db", path).returncode == 0
    return path


@pytest.fixture
def db(tmp_path, ingested):
    """A store of its own for each test (labels write to it), copied from one ingest: an ingest costs
    seconds, a copy nothing."""
    path = tmp_path / "label.db"
    shutil.copyfile(ingested, path)
    return path


def test_label_export_accuracy_round_trip(db, tmp_path, source):
    shown = json.loads(run("show", "a", "--db", db, "--json").stdout)["extraction"]
    # what today's extractor reads, which the figures below rest on
    assert (shown["seniority"], shown["work_model"]) == ("senior", "remote")
    assert {s["id"] for s in shown["skills"]} == {"django", "postgresql"}
    r = run("label", "a", "seniority=staff", "work_model=remote", "skills=python,django,docker?", "--db", db)
    assert r.returncode == 0, r.stderr
    assert "a: seniority = staff (set by you)" in r.stdout
    assert run("label", "b", "seniority=none", "--db", db).returncode == 0
    r = run("label", "c", "company=Initech, Inc.", "--db", db)  # the text names no company
    assert r.returncode == 0, r.stderr

    listed = json.loads(run("label", "list", "--db", db, "--json").stdout)
    assert {(c["posting_id"], c["field"]) for c in listed} == {
        ("a", "seniority"), ("a", "work_model"), ("a", "skills"), ("b", "seniority"), ("c", "company"),
    }  # fmt: skip
    out = tmp_path / "labels.jsonl"
    r = run("label", "export", "--out", out, "--db", db)
    assert r.returncode == 0 and "exported 3 labelled postings" in r.stderr
    labels = {line["id"]: line for line in map(json.loads, out.read_text().splitlines())}
    assert labels["a"] == {
        "id": "a", "seniority": "staff", "work_model": "remote",
        "skills": [{"id": "python", "required": True}, {"id": "django", "required": True},
                   {"id": "docker", "required": False}],
    }  # fmt: skip
    assert labels["b"] == {"id": "b", "seniority": None} and labels["c"] == {
        "id": "c",
        "company": "Initech, Inc.",
    }

    # By hand: level: a senior≠staff, b none=none → 1/2; work model 1/1; company: none vs "initech" → 0/1;
    # skills (python is a language, not scored as a skill): {django, docker} vs {django, postgresql}
    # → tp 1, fp 1, fn 1: precision = recall = F1 = 0.5.
    expected = {
        "seniority": {"n": 2, "accuracy": 0.5},
        "work_model": {"n": 1, "accuracy": 1.0},
        "company": {"n": 1, "accuracy": 0.0},
        "skills": {"n": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5},
    }
    mine = json.loads(run("accuracy", "--db", db, "--json").stdout)
    assert mine == {"labels": 3, "source": "your corrections", "missing": 0, "fields": expected}
    from_file = json.loads(run("accuracy", "--labels", out, "--db", db, "--json").stdout)
    assert from_file["fields"] == expected

    text = run("accuracy", "--db", db).stdout
    assert "3 labelled postings scored" in text and "level" in text and "50%" in text

    if (SHARED / "eval" / "score.py").exists():  # the exported labels are score.py's format
        extracted = tmp_path / "extracted.jsonl"
        assert run("extract", source, "-o", extracted).returncode == 0
        ran = run_score(out, extracted)
        assert ran["fields"] == expected


def run_score(labels, output):
    ran = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(labels), str(output), "--json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(ran.stdout)


def test_show_and_clear(db):
    assert run("label", "a", "seniority=junior", "years_min=7", "--db", db).returncode == 0
    shown = run("show", "a", "--db", db).stdout
    assert 'seniority: "junior"  (set by you; the extractor read "senior")' in shown
    table = run("label", "a", "--db", db).stdout
    assert "junior" in table and "set by you" in table
    r = run("label", "a", "--clear", "seniority", "--clear", "years_min", "--db", db)
    assert r.returncode == 0 and "2 of seniority, years_min given back to the extractor" in r.stdout
    assert json.loads(run("label", "list", "--db", db, "--json").stdout) == []
    assert "No corrections yet" in run("label", "list", "--db", db).stdout
    assert "No labels to score" in run("accuracy", "--db", db).stdout


def test_a_labels_file_with_postings_not_in_the_store(db, tmp_path):
    labels = tmp_path / "l.jsonl"
    labels.write_text('{"id": "a", "work_model": "remote"}\n{"id": "zzz", "work_model": "onsite"}\n')
    result = json.loads(run("accuracy", "--labels", labels, "--db", db, "--json").stdout)
    assert result["missing"] == 1 and result["fields"]["work_model"] == {"n": 2, "accuracy": 0.5}
    assert "1 labelled posting is not in the store" in run("accuracy", "--labels", labels, "--db", db).stdout


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["a", "level=senior"], "field 'level': not a field you can correct; use one of seniority"),
        (["a", "seniority"], "'seniority': write FIELD=VALUE"),
        (["a", "seniority=wizard"], "seniority: 'wizard' is not allowed; use one of intern, junior"),
        (["a", "seniority=mid", "seniority=senior"], "seniority: given twice"),
        (["a", "work_model='; DROP TABLE postings; --"], "work_model:"),
        (["a", "skills=python,not-a-skill-zz"], "skills: 'not-a-skill-zz' is not in the skills taxonomy"),
        (["a", "salary=lots"], "salary: 'lots': write MIN-MAX,CURRENCY,PERIOD"),
        (["a", "salary=100-50,USD,year"], "salary: the min 100 is more than the max 50"),
        (["a", "years_min=1e400"], "years_min:"),
        (["a", "locations=Berlin:Germany"], "locations: country 'Germany' is not a two-letter ISO code"),
        (["a", "salary={not json"], "salary: the value is not valid JSON"),
        (["a", "title=" + "x" * 100_000], "title: 100,000 characters; at most 500"),
        (["no-such-posting", "seniority=mid"], "posting 'no-such-posting': not in the store"),
        (["no-such-posting"], "posting 'no-such-posting': not in the store"),
        # bytes that are not UTF-8 (0xff) are refused before any command runs, as bad usage (exit 2)
        (["\udcffid", "seniority=mid"], "argument '\ufffdid' is not UTF-8 text"),
        (["a", "company=\udcfe junk"], "argument 'company=\ufffd junk' is not UTF-8 text"),
        (["a", "company=a\x1bb"], "company: control characters"),
        (["a", "--out", "x.jsonl"], "--out goes with `rolemap label export`"),
    ],
)
def test_hostile_arguments_are_one_line_errors(db, args, says):
    r = run("label", *args, "--db", db)
    assert r.returncode == (2 if "not UTF-8 text" in says else 1), r.stdout
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and says in lines[0], r.stderr
    assert json.loads(run("label", "list", "--db", db, "--json").stdout) == []  # nothing written


def test_script_tags_are_kept_as_text(db):
    r = run("label", "a", "company=<script>alert(1)</script> [bold]x[/]", "--db", db)
    assert r.returncode == 0, r.stderr
    assert "<script>alert(1)</script> [bold]x[/]" in run("show", "a", "--db", db).stdout
    assert "[bold]x[/]" in run("label", "list", "--db", db).stdout  # no console markup read from it


def test_a_bad_labels_file(db, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"id": "a"}\n\x00\xff junk\n')
    r = run("accuracy", "--labels", bad, "--db", db)
    assert r.returncode == 1 and r.stderr.count("\n") == 1 and "bad.jsonl" in r.stderr
    r = run("accuracy", "--labels", tmp_path / "missing.jsonl", "--db", db)
    assert r.returncode == 1 and "cannot be read" in r.stderr
