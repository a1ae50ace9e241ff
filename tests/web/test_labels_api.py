"""Your own labels on the web: the API's writes and reads, the posting page's forms (CSRF, token, "set by
you"), figures that follow at once, and 4xx JSON for every bad request."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from tests.web.conftest import make_client

TOKEN = "a-long-test-token-0123456789"


def level_count(client, level):
    return client.get("/api/market", params={"seniority": level}).json()["postings"]


def test_set_shows_in_the_record_and_the_figures_then_clear(client):
    before = client.get("/api/postings/known-1").json()["extraction"]
    assert before["seniority"] == "staff"
    managers = level_count(client, "manager")
    r = client.put("/api/postings/known-1/labels/seniority", json={"value": "manager"})
    assert r.status_code == 200, r.text
    assert r.json()["field"] == "seniority" and r.json()["value"] == "manager"
    record = client.get("/api/postings/known-1").json()["extraction"]
    assert record["seniority"] == "manager"
    assert record["evidence"]["seniority"][0] == {
        "source": "user", "text": "set by you", "set_at": r.json()["set_at"], "was": "staff",
    }  # fmt: skip
    assert level_count(client, "manager") == managers + 1  # the frame saw the change at once
    listed = client.get("/api/labels").json()
    assert [(c["posting_id"], c["field"]) for c in listed["corrections"]] == [("known-1", "seniority")]
    assert "skills" in listed["fields"]
    export = client.get("/api/labels/export")
    assert export.headers["content-type"].startswith("application/x-ndjson")
    assert [json.loads(line) for line in export.text.splitlines()] == [
        {"id": "known-1", "seniority": "manager"}
    ]

    assert client.delete("/api/postings/known-1/labels/seniority").status_code == 204
    assert client.get("/api/postings/known-1").json()["extraction"] == before
    assert level_count(client, "manager") == managers
    gone = client.delete("/api/postings/known-1/labels/seniority")
    assert gone.status_code == 404 and gone.json()["code"] == "R102"


def test_structured_values_and_an_id_with_a_slash(client):
    odd = quote("odd/id with spaces", safe="")
    salary = {"min": 90000, "max": 120000, "currency": "EUR", "period": "year"}
    assert client.put(f"/api/postings/{odd}/labels/salary", json={"value": salary}).status_code == 200
    skills = [{"id": "terraform", "required": True}, "Kubernetes"]  # a display name is folded to its id
    r = client.put(f"/api/postings/{odd}/labels/skills", json={"value": skills})
    assert r.status_code == 200 and r.json()["value"][1] == {"id": "kubernetes", "required": True}
    r = client.put(
        f"/api/postings/{odd}/labels/locations", json={"value": [{"city": "Berlin", "country": "de"}]}
    )
    assert r.json()["value"] == [{"city": "Berlin", "country": "DE"}]
    record = client.get(f"/api/postings/{odd}").json()["extraction"]
    assert record["salary"] == salary and [s["id"] for s in record["skills"]] == ["terraform", "kubernetes"]
    assert client.put(f"/api/postings/{odd}/labels/salary", json={"value": None}).status_code == 200
    for field in ("languages", "system_types", "role_families", "skills", "locations"):
        r = client.put(f"/api/postings/{odd}/labels/{field}", json={"value": None})
        assert r.status_code == 200 and r.json()["value"] == []
    assert client.get(f"/api/postings/{odd}").json()["extraction"]["skills"] == []
    assert client.get(f"/api/postings/{odd}").json()["extraction"]["salary"] is None


@pytest.mark.parametrize(
    ("path", "body", "status", "says"),
    [
        ("/api/postings/known-1/labels/level", {"value": "senior"}, 400, "use one of seniority, work_model"),
        ("/api/postings/known-1/labels/seniority", {"value": "wizard"}, 400, "use one of intern, junior"),
        ("/api/postings/known-1/labels/seniority", {"value": ["senior"]}, 400, "is not allowed"),
        (
            "/api/postings/known-1/labels/years_min",
            {"value": "'; DROP TABLE postings; --"},
            400,
            "whole number",
        ),
        ("/api/postings/known-1/labels/skills", {"value": ["python"] * 5000}, 400, "at most 200"),
        ("/api/postings/known-1/labels/title", {"value": "x" * 100_000}, 400, "at most 500"),
        ("/api/postings/known-1/labels/salary", {"value": {"min": -5}}, 400, "salary:"),
        ("/api/postings/nope/labels/seniority", {"value": "mid"}, 404, "not in the store"),
        ("/api/postings/known-1/labels/seniority", {}, 422, "value: Field required"),
        ("/api/postings/known-1/labels/seniority", [1, 2], 422, "valid dictionary"),
        ("/api/postings/known-1/labels/seniority", "senior", 422, "valid dictionary"),
    ],
)
def test_bad_requests_are_4xx_json_and_change_nothing(client, path, body, status, says):
    r = client.put(path, json=body)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/json")
    error = r.json()["error"]
    assert says in error and "\n" not in error
    assert client.get("/api/labels").json()["corrections"] == []


def test_malformed_and_oversized_bodies(web_store):
    with make_client(web_store, max_upload_bytes=10_000) as c:
        path = "/api/postings/known-1/labels/company"
        for raw in [b"{not json", b"\xff\xfe\x00", b'{"value": ' + b"[" * 5000 + b"]" * 5000 + b"}"]:
            r = c.put(path, content=raw, headers={"content-type": "application/json"})
            assert 400 <= r.status_code < 500 and "error" in r.json()
        huge = c.put(path, json={"value": "x" * 20_000})
        assert huge.status_code == 413 and huge.json()["code"] == "R413"
        assert c.delete("/api/postings/known-1/labels/level").status_code == 400
        assert c.get("/api/labels").json()["corrections"] == []


def test_writes_need_the_token_and_this_site(web_store):
    with make_client(web_store, token=TOKEN) as c:
        path = "/api/postings/known-1/labels/seniority"
        assert c.put(path, json={"value": "mid"}).status_code == 401
        assert c.delete(path).status_code == 401
        auth = {"Authorization": f"Bearer {TOKEN}"}
        cross = c.put(path, json={"value": "mid"}, headers={**auth, "Origin": "https://evil.example"})
        assert cross.status_code == 403
        assert c.put(path, json={"value": "mid"}, headers=auth).status_code == 200
        assert c.get("/api/labels").json()["corrections"][0]["value"] == "mid"  # reads need no token


def form_token(client, path):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text).group(1)


def test_the_posting_page_form_sets_and_clears_with_csrf(client):
    page = client.get("/postings/known-1").text
    assert 'id="labels"' in page and 'action="/labels/known-1"' in page and "set by you" not in page
    csrf = form_token(client, "/postings/known-1")
    form = {"field": "work_model", "value": "onsite", "csrf_token": csrf}
    r = client.post("/labels/known-1", data=form, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/postings/known-1#label-work_model"
    page = client.get("/postings/known-1").text
    row = page[page.index('id="label-work_model"') :][:1500]
    assert "set by you" in row and "the extractor read hybrid" in row and "Clear" in row
    assert client.get("/api/postings/known-1").json()["extraction"]["work_model"] == "onsite"
    form = {"field": "skills", "value": "python,docker?", "csrf_token": csrf}
    assert client.post("/labels/known-1", data=form, follow_redirects=False).status_code == 303
    skills = client.get("/api/postings/known-1").json()["extraction"]["skills"]
    assert skills == [
        {"id": "python", "required": True, "asked": True},
        {"id": "docker", "required": False, "asked": True},
    ]
    clear = {"field": "work_model", "action": "clear", "csrf_token": csrf}
    assert client.post("/labels/known-1", data=clear, follow_redirects=False).status_code == 303
    assert client.get("/api/postings/known-1").json()["extraction"]["work_model"] == "hybrid"


def test_forms_refuse_a_missing_csrf_token_and_bad_values_with_a_page(client):
    r = client.post("/labels/known-1", data={"field": "work_model", "value": "onsite"})
    assert r.status_code == 403 and "CSRF" in r.text
    csrf = form_token(client, "/postings/known-1")
    r = client.post("/labels/known-1", data={"field": "work_model", "value": "moon", "csrf_token": csrf})
    assert r.status_code == 400 and "use one of remote, hybrid, onsite" in r.text
    assert r.headers["content-type"].startswith("text/html")
    r = client.post("/labels/nope", data={"field": "work_model", "value": "remote", "csrf_token": csrf})
    assert r.status_code == 404
    assert client.get("/api/labels").json()["corrections"] == []


def test_script_in_a_label_is_shown_as_text(client):
    sneaky = "<script>window.__pwned = 9</script> Evil"
    assert client.put("/api/postings/known-1/labels/company", json={"value": sneaky}).status_code == 200
    page = client.get("/postings/known-1").text
    assert "<script>window.__pwned" not in page
    assert "&lt;script&gt;window.__pwned = 9&lt;/script&gt; Evil" in page


def test_a_posting_page_without_write_access_offers_login(web_store):
    with make_client(web_store, token=TOKEN) as c:
        page = c.get("/postings/known-1").text
        assert 'id="labels"' in page and 'action="/labels/' not in page and "to correct fields" in page
