"""`rolemap market --skills-level`, `rolemap report --skills-level`, the role page's `skills_level` query
parameter and `rolemap profile`'s stack list, on a small store."""

from __future__ import annotations

import json

import pytest

from rolemap.pipeline import ingest
from rolemap.sources import read_file
from rolemap.store.db import open_store
from tests.cli_runner import run

POSTINGS = [
    ("l1", "Linux Engineer", "Requirements: RHEL and CentOS administration."),
    ("l2", "Linux Engineer", "Requirements: Ubuntu servers. Our stack: Redis."),
    ("l3", "Backend Engineer", "Requirements: Linux, Kafka. We use Redis."),
]


@pytest.fixture
def db(tmp_path):
    src = tmp_path / "postings.jsonl"
    src.write_text(
        "".join(json.dumps({"id": i, "title": t, "description": d}) + "\n" for i, t, d in POSTINGS)
    )
    path = tmp_path / "m.db"
    ingest(open_store(str(path)), read_file(src))
    return str(path)


def skills(db: str, *extra: str) -> dict[str, dict]:
    r = run("market", "--db", db, "--family", "all", "--json", *extra)
    assert r.returncode == 0, r.stderr
    return {s["name"]: s for s in json.loads(r.stdout)["skills"]}


def test_market_skills_named_or_rolled_up(db):
    named = skills(db)
    assert {"rhel", "centos", "ubuntu", "linux"} <= set(named)
    parent = skills(db, "--skills-level", "parent")
    assert parent["linux"]["count"] == 3 and not {"rhel", "centos", "ubuntu"} & set(parent)
    assert parent["redis"] == {"name": "redis", "count": 2, "share": 2 / 3, "required": 0, "asked": 0}


def test_a_wrong_level_is_one_line(db):
    r = run("market", "--db", db, "--skills-level", "grandparent")
    assert (
        r.returncode == 1
        and r.stderr.strip() == "error: skills level 'grandparent': use one of named, parent"
    )


def test_the_table_and_the_report_say_the_level(db, tmp_path):
    r = run("market", "--db", db, "--family", "all", "--skills-level", "parent")
    assert r.returncode == 0 and "rolled up to their parent" in r.stdout
    out = tmp_path / "r.md"
    assert (
        run("report", "--db", db, "--family", "all", "--skills-level", "parent", "-o", str(out)).returncode
        == 0
    )
    assert "Rolled up to their parent" in out.read_text()


def test_profile_lists_the_stack_apart(db):
    r = run("profile", "--db", db, "--family", "all", "--min-share", "0.6", "--json")
    assert r.returncode == 0, r.stderr
    p = json.loads(r.stdout)
    assert [s["name"] for s in p["in_stack"]] == ["redis"]
    assert "redis" not in {s["name"] for s in p["must_have"] + p["nice_to_have"]}


def test_the_role_page_takes_the_level(db):
    from tests.web.conftest import make_client

    with make_client(open_store(db)) as client:
        page = client.get("/", params={"family": "all", "skills_level": "parent"})
        assert page.status_code == 200 and "Rolled up to their parent: a posting naming rhel" in page.text
        api = client.get("/api/market", params={"family": "all", "skills_level": "parent"}).json()
        assert {s["name"]: s["count"] for s in api["skills"]}["linux"] == 3
        assert client.get("/api/market", params={"skills_level": "grandparent"}).status_code == 422
        profile_page = client.get("/profile", params={"family": "all", "min_share": "0.6"}).text
        assert "In the stack" in profile_page and "redis" in profile_page.split('id="stack"')[1]
