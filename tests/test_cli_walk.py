"""Hostile arguments a new user's walk tried (session 10): each is one line of error naming the argument and
what is wrong, with a non-zero exit, and the store is untouched."""

from __future__ import annotations

import json

import pytest

from tests.test_cli import run


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("walk") / "walk.db"
    src = path.with_name("p.jsonl")
    src.write_text(
        json.dumps(
            {
                "id": "j1",
                "title": "Senior Go Engineer",
                "description": "Remote. Go, Kafka.",
                "posted_at": "2018-01-01",
            }
        )
        + "\n"
    )
    assert run("ingest", src, "--db", path).returncode == 0
    return str(path)


@pytest.mark.parametrize("command", ["market", "list", "pay", "profile", "trends"])
@pytest.mark.parametrize(
    ("option", "value"),
    [("--skill", "'; DROP TABLE postings;--"), ("--skill", "kubernetess"), ("--language", "klingon")],
)
def test_a_word_the_taxonomy_does_not_know_is_one_line_of_error(db, command, option, value):
    r = run(command, option, value, "--db", db)
    assert r.returncode == 1
    assert r.stderr.strip().lower().splitlines() == [  # the options fold case before the lane reads them
        f"error: {option} {value.lower()!r}: not a skill the taxonomy knows; `rolemap taxonomy search word` finds one"
    ]
    assert "j1" in run("list", "--db", db).stdout  # the table is still there


def test_an_alias_still_reads_as_its_skill(db):
    r = run("list", "--language", "golang", "--db", db, "--json")
    assert r.returncode == 0 and [row["id"] for row in json.loads(r.stdout)["rows"]] == ["j1"]
