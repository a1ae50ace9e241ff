"""What a new user's walk through the web app found (session 10): hostile query strings get a 4xx that
says what is wrong in words, never a 500 and never a regular expression."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/api/market", "/api/trends", "/api/postings"])
@pytest.mark.parametrize("since", ["x", "2099-13-01", "<script>"])
def test_a_bad_period_is_a_422_that_names_it_in_words(client, path, since):
    r = client.get(path, params={"since": since})
    assert r.status_code == 422
    error = r.json()["error"]
    assert error == f"since {since!r}: not a period; use 2017, 2017Q1 or 2017-03", error


def test_the_html_page_of_a_bad_period_reads_the_same(client):
    r = client.get("/", params={"since": "x"})
    assert r.status_code == 422 and "text/html" in r.headers["content-type"]
    assert "not a period; use 2017, 2017Q1 or 2017-03" in r.text and "\\d{4}" not in r.text


@pytest.mark.parametrize("path", ["/api/market", "/api/postings", "/api/profile"])
def test_an_unknown_skill_is_a_400_naming_it(client, path):
    r = client.get(path, params={"skill": "'; DROP TABLE postings;--"})
    assert r.status_code == 400, r.text
    assert "not a skill the taxonomy knows" in r.json()["error"]
    assert client.get("/api/postings").json()["total"] > 0  # the table is still there


def test_an_error_names_the_query_parameter_not_the_command_line_option(client):
    r = client.get("/api/market", params={"skill": "zzz"})
    assert r.status_code == 400 and r.json()["error"].startswith(
        "skill='zzz': not a skill the taxonomy knows"
    )
    r = client.get("/api/market", params={"since": "2018", "until": "2014"})
    # the values as given, not the days they became (2018-01-01, 2015-01-01)
    assert r.status_code == 400 and r.json()["error"].startswith(
        "since '2018' begins after until '2014' ends"
    )


def test_a_value_outside_a_listed_pattern_names_the_choices_not_the_pattern(client):
    r = client.get("/api/tracker.csv", params={"sort": "nope"})
    assert r.status_code == 422
    assert r.json()["error"] == "sort 'nope': use one of updated, date, follow-up, salary, status"


def test_a_period_past_the_pattern_names_its_parameter(client):
    r = client.get("/api/market", params={"since": "2017-13"})
    assert r.status_code == 400 and r.json()["error"] == "since '2017-13': month 13 does not exist"


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        (
            "jobs.csv",
            "id,title,description\n1,Développeur,Café\n".encode("latin-1"),
            "save it as UTF-8 and upload it again",
        ),
        (
            "jobs.bin",
            b"\x00\x01junk",
            "give the file the suffix of its format: .jsonl, .csv, .json, .html or .txt",
        ),
    ],
)
def test_an_upload_is_told_what_it_can_do_not_the_terminal_options(client, name, data, says):
    """Uploads were told "pass --encoding latin-1" and "pass --format", options the web has not got."""
    r = client.post("/api/ingest", files={"file": (name, data)})
    assert r.status_code == 400
    error = r.json()["error"]
    assert says in error and "pass --" not in error, error


def test_a_bad_line_of_an_upload_gets_the_upload_advice_too(client):
    data = b'{"id": "u1", "title": "Go engineer", "description": "Go."}\n{"id": "u2", "title": "caf\xe9"}\n'
    r = client.post("/api/ingest", files={"file": ("jobs.jsonl", data)})
    assert r.status_code == 200, r.text
    assert r.json()["failed"] == 1 and "pass --" not in r.json()["errors"][0], r.json()


def test_a_command_or_a_list_of_options_in_a_message_is_left_as_written():
    from rolemap.web.app import as_the_web_names_it

    for message in (
        "read it with `rolemap ingest --encoding latin-1`",
        "give --status, --note or --follow-up or --salary",
    ):
        assert as_the_web_names_it(message) == message
    assert as_the_web_names_it("--currency XYZ: no rate") == "currency=XYZ: no rate"
