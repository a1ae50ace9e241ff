"""The seeker API's limits (defect report on the web resume API): an upload fitted to the record's limits
when it is read, or refused with the limit named, never a 500; nothing of a resume logged when the server
fails; answers holding a resume never cached; a record's numbers and months checked; a posting's title."""

from __future__ import annotations

import json
import logging

import pytest

from rolemap.errors import InputError
from rolemap.resume.read import Bullet, Resume, Role
from rolemap.web.security import TooLarge
from rolemap.web.seeker_api import MAX_CARRIED, MAX_ROLE_BULLETS, MAX_TEXT, fit_record
from tests.web.test_seeker_pages import SECRET, carried, csrf, upload

ROLE = "## Experience\n### Backend Engineer, Acme | Jan 2019 – Present\n"
LONG = f"- Built the billing API in Go {'and tuned it ' * 600}\n"  # over MAX_TEXT characters


def test_an_over_long_bullet_is_cut_with_a_note_and_its_record_is_taken_back(client):
    r = client.post("/api/resume", files={"file": ("cv.md", (ROLE + LONG + "- Cut p95 by 40%\n").encode())})
    assert r.status_code == 200, r.text
    record = r.json()
    assert max(len(b["text"]) for b in record["bullets"]) == MAX_TEXT
    assert any(f"longer than {MAX_TEXT:,} characters were cut" in n for n in record["notes"])
    assert client.post("/api/resume/coach", json=record).status_code == 200
    page = upload(client, "/resume", "cv.md", (ROLE + LONG).encode())  # the page's hidden record too
    assert page.status_code == 200
    coach = client.post("/resume/coach", data={"csrf_token": csrf(client), "resume": carried(page.text)})
    assert coach.status_code == 200, coach.text[:300]


def test_a_role_with_more_bullets_than_a_record_holds_is_a_400_naming_the_limit(client):
    cv = ROLE + "".join(f"- Built service {i} of the billing API\n" for i in range(MAX_ROLE_BULLETS + 1))
    r = client.post("/api/resume", files={"file": ("cv.md", cv.encode())})
    assert r.status_code == 400, r.text
    assert (
        r.json()["error"]
        == f"cv.md: {MAX_ROLE_BULLETS + 1} bullets in one role; a resume read here holds at most {MAX_ROLE_BULLETS}"
    )


def test_a_text_larger_than_a_record_carries_is_refused_before_it_is_read(client, monkeypatch):
    from rolemap.resume import read

    monkeypatch.setattr(read, "read_resume_bytes", lambda *a, **k: pytest.fail("the upload was read"))
    big = (ROLE + "- Built the billing API in Go\n" * (MAX_CARRIED // 30 + 1)).encode()
    r = client.post("/api/resume", files={"file": ("cv.md", big)})
    assert r.status_code == 413 and "more than a resume record carries" in r.json()["error"]


def test_a_resume_read_into_a_record_over_max_carried_is_refused():
    bullets = [Bullet(f"Built the billing API {i} " + "x" * 4000, [], i) for i in range(300)]
    resume = Resume("cv.pdf", ["experience"], [Role("Engineer", None, None, bullets)], bullets)
    with pytest.raises(TooLarge, match="a resume record carries at most 1024 KB"):
        fit_record(resume, "cv.pdf")
    with pytest.raises(InputError, match="bullets in one role"):
        fit_record(Resume("cv.pdf", [], [Role("E", None, None, bullets * 2)], []), "cv.pdf")


def test_a_server_failure_logs_the_errors_kind_never_the_resume(client, monkeypatch, caplog):
    from rolemap.resume import coach

    def explode(resume: Resume) -> None:
        raise RuntimeError(f"the coach broke on {resume.bullets[0].text}")

    monkeypatch.setattr(coach, "coach", explode)
    cv = f"{ROLE}- Built the {SECRET} billing API in Go\n".encode()
    with caplog.at_level(logging.DEBUG):
        r = client.post("/api/resume/coach", files={"file": ("cv.md", cv)})
    assert r.status_code == 500 and r.json()["code"] == "R500" and SECRET not in r.text
    logged = "\n".join(f"{rec.getMessage()} {rec.exc_text or ''}" for rec in caplog.records)
    assert "POST /api/resume/coach failed: RuntimeError" in logged
    assert SECRET not in logged


def test_answers_holding_a_resume_are_never_cached(client):
    cv = f"{ROLE}- Built the billing API in Go\n".encode()
    read = client.post("/api/resume", files={"file": ("cv.md", cv)})
    assert read.headers["cache-control"] == "no-store"
    for path in ("/api/resume", "/api/resume/coach", "/api/match/known-1", "/api/match?top=2"):
        r = client.post(path, json=read.json())
        assert r.status_code == 200 and r.headers["cache-control"] == "no-store", path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda body: body.replace('"go":0.0', '"go":NaN'), "skills.go: Input should be a finite number"),
        (lambda body: body.replace('"go":0.0', '"go":Infinity'), "skills.go: Input should be a finite number"),
        (lambda body: body.replace('"go":0.0', '"go":-3'), "skills.go: Input should be greater than or equal to 0"),
        (lambda body: body.replace('"start":"2019-01"', '"start":"2019-99"'), "roles.0.start: not a month"),
    ],
)  # fmt: skip
def test_a_record_with_impossible_years_or_months_is_refused(client, change, message):
    cv = b"## Experience\n- Built the billing API in Go\n### Engineer, Acme | Jan 2019 - Mar 2020\n- Ran it\n"
    record = client.post("/api/resume", files={"file": ("cv.md", cv)}).json()
    record["skills"] = {"go": 0.0}
    body = change(json.dumps(record, separators=(",", ":")))
    for path in ("/api/resume", "/api/resume/coach", "/api/match/known-1"):
        r = client.post(path, content=body, headers={"content-type": "application/json"})
        assert r.status_code == 400 and message in r.json()["error"], (path, r.text)


def test_a_match_names_the_postings_title_as_its_extraction_reads_it(client):
    posting = client.get("/api/postings/hn-6139946").json()
    assert posting["title"] == "" and posting["extraction"]["title"]
    record = client.post(
        "/api/resume", files={"file": ("cv.md", f"{ROLE}- Built it in Go\n".encode())}
    ).json()
    fit = client.post("/api/match/hn-6139946", json=record).json()
    assert fit["title"] == posting["extraction"]["title"]


def test_a_form_that_cannot_be_read_says_which_rule_it_breaks(client):
    two = [("file", ("a.md", b"- Built it\n")), ("file", ("b.md", b"- Built it\n"))]
    r = client.post("/api/resume", files=two)
    assert r.status_code == 400 and "Too many files" in r.json()["error"]
    fields = {f"f{n}": "x" for n in range(100)}
    r = client.post("/api/resume", data=fields, files={"file": ("a.md", b"- Built it\n")})
    assert r.status_code == 400 and "Too many fields" in r.json()["error"]
