"""The JSON API: every endpoint, its filters and its errors."""

from __future__ import annotations

import csv
import io

import pytest

from rolemap.analytics.lane import rolled_up
from rolemap.store.tracker import tracker_entries


def test_postings_list_filters_sorts_and_pages(client):
    everything = client.get("/api/postings").json()
    assert (
        everything["total"] == client.get("/api/market?family=all").json()["postings"]
    )  # the same lane, the same count
    assert len(everything["items"]) == 20 and everything["page"] == 1
    go = client.get("/api/postings", params={"language": "go", "limit": 100}).json()
    assert 0 < go["total"] < everything["total"]
    ids = {p["id"] for p in go["items"]}
    for pid in list(ids)[:5]:
        assert "go" in client.get(f"/api/postings/{pid}").json()["extraction"]["languages"]
    newest = [p["posted"] for p in everything["items"]]
    assert newest == sorted(newest, reverse=True)
    oldest = client.get("/api/postings", params={"sort": "oldest"}).json()["items"]
    assert [p["posted"] for p in oldest] == sorted(p["posted"] for p in oldest)
    paid = client.get("/api/postings", params={"sort": "salary"}).json()["items"]
    yearly = [p["salary_yearly"] for p in paid if p["salary_yearly"] is not None]
    assert yearly and yearly == sorted(yearly, reverse=True)
    second = client.get("/api/postings", params={"page": 2}).json()
    assert not {p["id"] for p in second["items"]} & {p["id"] for p in everything["items"]}
    beyond = client.get("/api/postings", params={"page": 10_000}).json()
    assert beyond["items"] == [] and beyond["total"] == everything["total"]


def test_search_for_skills_written_with_symbols_finds_their_own_postings(client):
    def ids(q: str) -> set[str]:
        page = client.get("/api/postings", params={"q": q, "limit": 100}).json()
        return {p["id"] for p in page["items"]}

    csharp, cpp = ids("C#"), ids("c++")
    assert csharp and cpp and csharp != cpp  # full-text search alone reads both as "c"
    under_csharp = set(rolled_up(("csharp",)))  # ASP.NET MVC postings are C# postings
    for posting_id in list(csharp)[:3]:
        extraction = client.get(f"/api/postings/{posting_id}").json()["extraction"]
        assert {s["id"] for s in extraction["skills"]} & under_csharp or "csharp" in extraction["languages"]
    assert ids("C# senior") <= csharp  # the other words still search the text
    # a language written with symbols finds every posting of that language, as --language does
    as_language = client.get("/api/postings", params={"language": "cpp", "limit": 100}).json()
    assert {p["id"] for p in as_language["items"]} <= cpp and len(cpp) >= as_language["total"] > 0


def test_lane_filters_combine_with_search(client):
    hits = client.get("/api/postings", params={"q": "zanzibarian"}).json()
    assert [p["id"] for p in hits["items"]] == ["known-1"]
    assert client.get("/api/postings", params={"q": "zanzibarian", "seniority": "staff"}).json()["total"] == 1
    assert (
        client.get("/api/postings", params={"q": "zanzibarian", "seniority": "junior"}).json()["total"] == 0
    )
    commas = client.get("/api/postings", params={"language": "go,python"}).json()["total"]
    repeated = client.get("/api/postings", params=[("language", "go"), ("language", "python")]).json()[
        "total"
    ]
    assert commas == repeated > 0


def test_a_posting_with_its_extraction_and_evidence(client):
    p = client.get("/api/postings/known-1").json()
    assert p["title"] == "Staff Backend Engineer" and p["company"] == "Zanzi"
    x = p["extraction"]
    assert x["seniority"] == "staff" and x["years_experience"]["min"] == 8
    for span in x["evidence"]["years_experience"]:
        assert p["text"][span["start"] : span["end"]] == span["text"]
    assert p["tracker"] is None
    odd = client.get("/api/postings/odd/id with spaces")
    assert odd.status_code == 200 and odd.json()["id"] == "odd/id with spaces"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/api/postings/nope", 404),
        ("/api/postings?limit=0", 422),
        ("/api/postings?limit=101", 422),
        ("/api/postings?page=0", 422),
        ("/api/postings?sort=random", 422),
        ("/api/postings?seniority=guru", 422),
        ("/api/postings?since=last+year", 422),
        ("/api/postings?since=2019&until=2018", 400),
        ("/api/postings?since=2018-13", 400),
        ("/api/postings?q=" + "x" * 201, 422),
        ("/api/postings?q=%21%21", 400),
        ("/api/postings?language=" + "x" * 101, 422),
        ("/api/market?top=0", 422),
        ("/api/pay?by=height", 422),
        ("/api/profile?min_share=2", 422),
        ("/api/trends?every=decade", 422),
        ("/api/changes?since=last+year", 422),  # issue 17: no since is the last two complete quarters
        ("/api/changes?since=1999Q1", 400),
        ("/api/nothing-here", 404),
    ],
)
def test_bad_requests_get_a_json_error(client, path, status):
    r = client.get(path)
    assert r.status_code == status, r.text
    if status >= 400:
        body = r.json()
        assert set(body) >= {"error", "code"} and body["error"]
        assert "\n" not in body["error"]


def test_sql_and_script_looking_filters_are_just_values(client):
    before = client.get("/api/postings").json()["total"]
    for value in ["'; DROP TABLE postings; --", "<script>alert(1)</script>", "%00", "go\x00"]:
        r = client.get("/api/postings", params={"company": value, "q": "engineer"})
        assert r.status_code in (200, 400), r.text
    assert client.get("/api/postings").json()["total"] == before


def test_market_pay_profile_trends_changes(client):
    m = client.get("/api/market", params={"language": "go"}).json()
    assert m["lane"] == "language: go; family: backend" and m["postings"] > 0  # the backend role page
    assert m["title"] == "Backend engineer" and any(f["name"] == "backend" for f in m["families"])
    everything = client.get("/api/market", params={"language": "go", "family": "all"}).json()
    assert everything["title"] == "All roles" and everything["postings"] >= m["postings"]
    assert {"open_positions", "pay", "levels", "senior_share", "skills", "top_companies"} <= set(m)
    pay = client.get("/api/pay", params={"by": "work_model"}).json()
    assert pay["by"] == "work_model" and pay["cells"]
    assert pay["premiums"]["controls"] == ["level", "country"] and "left_out" in pay["premiums"]
    assert all(
        {"from_board", "from_text"} <= set(c["pay"]) and "status" in c["premium"] for c in pay["cells"]
    )
    profile = client.get("/api/profile", params={"min_share": 0.1}).json()
    assert profile["must_have"] or profile["nice_to_have"]
    # pay and the profile hold the role page's lane (backend unless `family` says), as the pages do
    assert pay["lane"] == "family: backend" and profile["lane"] == "family: backend"
    assert client.get("/api/pay", params={"family": "all"}).json()["lane"] == "all postings"
    by_family = client.get("/api/pay", params={"by": "family"}).json()  # every family unless named
    assert len({c["value"] for c in by_family["cells"]}) > 1
    trends = client.get("/api/trends", params={"every": "quarter"}).json()
    assert len(trends["periods"]) == len(trends["totals"]) > 1
    changes = client.get("/api/changes", params={"since": trends["periods"][0]}).json()
    assert changes["before"] == trends["periods"][0]
    latest = client.get("/api/changes").json()  # the last two complete quarters
    assert latest["before"] in trends["periods"] and latest["after"] in trends["periods"]
    assert {"caveats", "tested"} <= set(latest) and all("test" in c for c in latest["changes"])
    window = client.get("/api/trends", params={"since": trends["periods"][-1]}).json()
    assert window["periods"] == trends["periods"][-1:] and "partial" in window
    page = client.get("/trends", params={"since": trends["periods"][-2]})
    assert page.status_code == 200 and trends["periods"][0] not in page.text.split("What changed")[0]


def test_tracker_api_round_trip_and_csv(client, web_store):
    r = client.put("/api/tracker/known-1", json={"status": "applied", "notes": '=HYPERLINK("http://x")'})
    assert r.status_code == 200 and r.json()["status"] == "applied"
    assert client.put("/api/tracker/evil-1", json={"status": "saved"}).status_code == 200
    listed = client.get("/api/tracker").json()
    assert [e["id"] for e in listed["entries"]] == ["evil-1", "known-1"]
    assert "interviewing" in listed["statuses"]
    sheet = client.get("/api/tracker.csv")
    assert sheet.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(sheet.text)))
    assert list(rows[0])[:5] == ["title", "language", "level", "system_type", "repeated"]
    assert rows[1]["notes"].startswith("'=")  # a spreadsheet will not run it
    assert client.get("/api/postings/known-1").json()["tracker"]["status"] == "applied"
    assert client.put("/api/tracker/known-1", json={"status": "hired"}).status_code == 400
    assert client.put("/api/tracker/nope", json={"status": "saved"}).status_code == 404
    kept = client.put("/api/tracker/known-1", json={"notes": "x"})  # a field not given stays as it is
    assert kept.status_code == 200 and kept.json()["status"] == "applied" and kept.json()["notes"] == "x"
    assert client.put("/api/tracker/known-1", json={"status": ["applied"]}).status_code == 422
    assert (
        client.put(
            "/api/tracker/known-1", content=b"{not json", headers={"content-type": "application/json"}
        ).status_code
        == 422
    )
    assert client.delete("/api/tracker/known-1").status_code == 204
    assert client.delete("/api/tracker/known-1").status_code == 404
    assert [e.id for e in tracker_entries(web_store)] == ["evil-1"]


def test_openapi_document_lists_every_endpoint(client):
    doc = client.get("/openapi.json").json()
    paths = set(doc["paths"])
    for path in ["/api/postings", "/api/postings/{posting_id}", "/api/market", "/api/pay", "/api/profile",
                 "/api/trends", "/api/changes", "/api/tracker", "/api/tracker.csv", "/api/tracker/{posting_id}",
                 "/api/ingest"]:  # fmt: skip
        assert path in paths
    assert "/" not in paths and "/postings" not in paths  # pages are not API
    assert client.get("/docs").status_code == 404  # the interactive docs would load a CDN script


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--host", "0.0.0.0"], "needs a token"),
        (["--host", "192.168.1.5", "--token", "short"], "at least 16"),
        (["--port", "70000"], "65535"),
    ],
)
def test_serve_refuses_unsafe_or_bad_settings(tmp_path, monkeypatch, args, fragment):
    from tests.cli_runner import run

    monkeypatch.delenv("ROLEMAP_TOKEN", raising=False)
    result = run("serve", "--db", tmp_path / "s.db", *args)
    assert result.returncode != 0 and fragment in result.stderr


def test_query_choices_are_the_librarys_own():
    """The query models spell out choices as Literals (for the OpenAPI document); they must stay the
    library's tuples."""
    from typing import get_args

    from rolemap.analytics.lane import EMPLOYMENT_TYPES, LEVELS, SYSTEM_TYPES, WORK_MODELS
    from rolemap.analytics.listing import SORTS
    from rolemap.analytics.market import PAY_ALIASES, PAY_DIMENSIONS
    from rolemap.web import queries

    pairs = [(queries.Level, LEVELS), (queries.WorkModel, WORK_MODELS), (queries.Employment, EMPLOYMENT_TYPES),
             (queries.SystemType, SYSTEM_TYPES), (queries.Sort, SORTS), (queries.PayDimension, (*PAY_ALIASES, *PAY_DIMENSIONS))]  # fmt: skip
    for literal, values in pairs:
        assert get_args(literal) == values


def test_every_market_answer_states_its_months_and_the_reposts_folded(client):
    """Issue 17: the months the figures cover, and the reposts folded, in the JSON and on the page."""
    m = client.get("/api/market", params={"family": "all"}).json()
    # the undated posting counts from the day it was read (2026-11-01, the store's newest fetch): the one open
    assert m["coverage"] == {"first": "2013-08", "last": "2026-11", "open_now": 1, "as_of": "2026-11-01"}
    assert m["open_positions"] == 1  # the posts of 2013-2018 are not open in 2026
    assert "reposts" in m["totals"] and m["totals"]["counted"] == (
        m["totals"]["unique"] - m["totals"]["near_duplicates"] - m["totals"]["reposts"]
    )
    pay = client.get("/api/pay", params={"by": "seniority", "family": "all"}).json()
    assert pay["coverage"]["first"] == "2013-08"
    page = client.get("/", params={"family": "all"}).text
    assert "postings from 2013-08 to 2026-11; open at the newest fetch (2026-11-01): 1" in page
    assert "reposts set aside" in page


def test_a_link_to_a_posting_holds_its_id_as_one_path_segment(client):
    """Jinja's urlencode keeps "/": an id "../etc/passwd" had made the link "/postings/../etc/passwd", which
    a browser resolves to /etc/passwd. Every link writes the id's slash as %2F, and the route reads it whole."""
    page = client.get("/postings", params={"q": "Terraform", "family": "all"}).text
    assert 'href="/postings/odd%2Fid%20with%20spaces"' in page and 'href="/postings/odd/id' not in page
    detail = client.get("/postings/odd%2Fid%20with%20spaces")
    assert detail.status_code == 200 and "Platform Engineer" in detail.text
    assert '/match/odd%2Fid%20with%20spaces"' in detail.text  # the posting page's own links too
