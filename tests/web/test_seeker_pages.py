"""The seeker tools in the browser and the API (issue 18, item 5): each resume kind uploaded and read, its
bullets coached, matched to a posting and to a lane, the parsed resume carried between pages; hostile
uploads; the rules of writes; nothing of a resume in the logs; the pay and profile pages with their lane
filters."""

from __future__ import annotations

import html
import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from rolemap.models import Posting
from rolemap.store.db import Store
from rolemap.web.security import CSRF_COOKIE
from tests.resume import layouts
from tests.resume.files import zip_bomb_docx
from tests.web.browsing import serving
from tests.web.conftest import T0, make_client

FIXTURES = Path(__file__).parents[1] / "resume" / "fixtures"
SECRET = "Zorblax-7731"  # a word only the uploaded resume holds: it must never reach a log


def csrf(client: TestClient) -> str:
    client.get("/resume")
    return client.cookies[CSRF_COOKIE]


def text_of(page: str) -> str:
    """A page's visible text, one space between words (inline tags leave no space)."""
    inline = re.sub(r"</?(?:strong|em|a|code)\b[^>]*>", "", page)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", inline)))


def upload(client: TestClient, path: str, name: str, data: bytes, **fields: str) -> httpx.Response:
    return client.post(path, data={"csrf_token": csrf(client), **fields}, files={"file": (name, data)})


def carried(page: str) -> str:
    found = re.search(r'name="resume" value="([^"]*)"', page)
    assert found, "the page carries no resume"
    return html.unescape(found.group(1))


def resume_files(tmp_path: Path) -> dict[str, tuple[Path, list[str]]]:
    """Each kind of resume, and role headings its read page must list."""
    return {
        "markdown": (FIXTURES / "alex.md", ["Staff Engineer — Northwind", "Contoso · Backend Engineer"]),
        "json-new": (FIXTURES / "new-keys.json", ["Backend Developer · Globex"]),
        "json-old": (FIXTURES / "old-keys.json", ["Backend Developer · Globex", "Junior Developer · Initech"]),
        "pdf": (layouts.one_column_pdf(tmp_path / "dana.pdf"), ["Senior Backend Engineer · Acme Payments, Berlin"]),
        "pdf-two-columns": (layouts.two_column_pdf(tmp_path / "lee.pdf"), ["Platform Engineer · Globex, Munich"]),
        "docx": (layouts.table_docx(tmp_path / "sam.docx"), ["Senior Software Engineer · Initrode, Lisbon"]),
    }  # fmt: skip


@pytest.mark.parametrize("kind", ["markdown", "json-new", "json-old", "pdf", "pdf-two-columns", "docx"])
def test_each_resume_kind_is_read_and_listed(client, tmp_path, kind):
    path, headings = resume_files(tmp_path)[kind]
    r = upload(client, "/resume", path.name, path.read_bytes())
    assert r.status_code == 200, r.text
    assert r.headers["cache-control"] == "no-store"
    page = text_of(r.text)
    assert f"{path.name}:" in page and "dated)" in page
    for heading in headings:
        assert heading in page
    assert "no dated role found" not in page
    assert json.loads(carried(r.text))["source"] == path.name


def test_the_read_page_lists_dates_bullets_and_skills(client):
    r = upload(client, "/resume", "alex.md", (FIXTURES / "alex.md").read_bytes())
    page = text_of(r.text)
    assert "3 roles (3 dated), 6 bullets, 10.0 years in dated roles" in page
    assert "2019-01 – 2023-12" in page and "2016-01 – 2018-12" in page
    assert "Built Flask services for invoicing on PostgreSQL flask postgresql line 13" in page
    assert "A command-line tool in Rust for tracking job applications" in page  # a project: no role
    assert "python 8.0 listed only (line 34), no bullet shows it" in page
    assert "airflow 5.0 a bullet, line 8" in page


def test_a_resume_without_dated_roles_says_so_plainly(client):
    r = upload(client, "/resume", "jo.md", (FIXTURES / "jo-undated.md").read_bytes())
    assert r.status_code == 200
    assert "Note: no dated role found" in text_of(r.text)


def test_the_coach_page_asks_four_questions_and_rewrites_in_the_bullets_own_words(client):
    cv = b"## Experience\n### Engineer, Acme (2019 - 2021)\n- Built APIs in Python and PostgreSQL\n- Responsible for the billing service\n"
    cv += b"- Implemented authenticated billing APIs in Python, improved query efficiency for a reporting endpoint, and added test coverage for invoice edge cases\n"
    r = upload(client, "/resume/coach", "cv.md", cv)
    assert r.status_code == 200, r.text
    page = text_of(r.text)
    assert "3 bullets · strong 1 · ok 0 · weak 2" in page
    assert (
        "Try: Built [which one: billing, search…] APIs in Python and PostgreSQL by [which decision or "
        "constraint: adding an index, batching writes…], [what changed, with a number: from … to …, by N%]"
    ) in page
    assert "Try: [what you did: built, migrated, cut…] the billing service by" in page
    assert "which service or system “billing APIs” what you did “Implemented”" in page
    assert page.count("Try:") == 2  # a strong bullet gets no rewrite


def test_the_parsed_resume_rides_to_the_next_page_without_a_new_upload(client):
    read = upload(client, "/resume", "alex.md", (FIXTURES / "alex.md").read_bytes())
    record = carried(read.text)
    token = client.cookies[CSRF_COOKIE]
    coached = client.post("/resume/coach", data={"csrf_token": token, "resume": record})
    assert coached.status_code == 200 and "6 bullets · strong 1" in text_of(coached.text)
    tampered = json.loads(record)
    tampered["roles"][0]["start"] = "<script>"
    r = client.post("/resume/coach", data={"csrf_token": token, "resume": json.dumps(tampered)})
    assert r.status_code == 400
    assert "resume: not a resume record from this server (roles.0.start" in text_of(r.text)
    assert "<script>" not in r.text
    r = client.post("/resume/coach", data={"csrf_token": token, "resume": "{not json"})
    assert r.status_code == 400


def test_match_a_posting_from_its_page(client):
    posting = client.get("/postings/known-1")
    assert 'href="/match/known-1"' in posting.text and "Match my resume to this posting" in posting.text
    form = client.get("/match/known-1")
    assert form.status_code == 200 and 'action="/match/known-1"' in form.text
    r = upload(client, "/match/known-1", "alex.md", (FIXTURES / "alex.md").read_bytes())
    assert r.status_code == 200, r.text
    page = text_of(r.text)
    assert "required: 4 of 4 met (1 only listed), 0 partly" in page
    assert "listed python required line 34 listed, no bullet shows it: Languages: Python, Go, Rust" in page
    assert "met postgresql required line 13 Built Flask services for invoicing on PostgreSQL" in page
    assert "met staff required · seniority 10.0 years in the dated roles" in page


def test_match_a_posting_lists_their_stack_apart_on_the_page_and_in_the_api(web_store):
    """ "Our stack is …" names what the company uses: shown as context, in no total, page and JSON alike."""
    from rolemap.pipeline import ingest

    stack = Posting(
        id="stack-1", title="Backend Engineer", source="jsonl", posted_at="2018-04-02",
        description="Our stack is Redis and Terraform.\n\nRequirements: Python and PostgreSQL.",
    )  # fmt: skip
    ingest(web_store, [stack], now=T0)
    with make_client(web_store) as client:
        r = upload(client, "/match/stack-1", "alex.md", (FIXTURES / "alex.md").read_bytes())
        assert r.status_code == 200, r.text
        page = text_of(r.text)
        assert "In their stack, not asked for" in page
        assert "missing terraform nothing in the resume shows it" in page
        assert "; in their stack, not asked for: redis, terraform" in page
        assert "requirement" in page and "2 of 2 required met" in page
        fit = client.post("/api/match/stack-1", json=json.loads(carried(r.text))).json()
    assert [(s["kind"], s["name"]) for s in fit["stack"]] == [("stack", "redis"), ("stack", "terraform")]
    assert fit["required_total"] == 2 and {q["name"] for q in fit["requirements"]} == {"python", "postgresql"}


def test_match_a_posting_with_an_undated_resume_judges_skills_only(client):
    r = upload(client, "/match/known-1", "jo.md", (FIXTURES / "jo-undated.md").read_bytes())
    page = text_of(r.text)
    assert "not judged staff" in page and "not judged (no dated role): 8+ years, staff" in page


def test_match_a_missing_posting_is_404_before_the_upload_is_read(client):
    assert client.get("/match/no-such-id").status_code == 404
    r = upload(client, "/match/no-such-id", "alex.md", (FIXTURES / "alex.md").read_bytes())
    assert r.status_code == 404 and "posting 'no-such-id': not in the store" in text_of(r.text)
    odd = client.get("/match/odd/id%20with%20spaces")
    assert odd.status_code == 200 and "Platform Engineer" in odd.text


def test_match_a_lane_ranks_postings_and_says_what_to_learn_next(client):
    r = upload(client, "/match", "alex.md", (FIXTURES / "alex.md").read_bytes(), language="go", top="5")
    assert r.status_code == 200, r.text
    page = text_of(r.text)
    summary = re.search(r"language: go; family: backend: (\d+) postings; the (\d+) that fit best", page)
    assert summary and int(summary[1]) >= 5 and summary[2] == "5"
    assert page.count("Match in detail") == 5
    assert "Learn next" in page and "Skills and languages your resume does not name" in page
    learn = page.split("Learn next")[1]
    assert re.search(r"javascript \d+ \d+%", learn) and " python " not in learn  # the resume names python
    # the lane form keeps its filters for the next run
    assert 'name="language" value="go"' in r.text


def test_a_lane_filter_that_cannot_be_is_a_400(client):
    r = upload(client, "/match", "alex.md", b"## Experience\n", seniority="boss")
    assert r.status_code == 400 and "filters: seniority.0: Input should be" in text_of(r.text)


# ---- hostile uploads -----------------------------------------------------------------------------


def _zip_bomb(tmp_path: Path) -> bytes:
    return zip_bomb_docx(tmp_path / "bomb.docx").read_bytes()


@pytest.mark.parametrize(
    ("name", "make", "status", "message"),
    [
        ("cv.md", lambda tmp: b"", 400, "cv.md: the file is empty"),
        ("cv.md", lambda tmp: b"  \n\t ", 400, "cv.md: the file is empty"),
        ("cv.pdf", lambda tmp: b"\x00\xffjunk" * 5000, 400, "cv.pdf: not a readable PDF"),
        ("cv.docx", _zip_bomb, 400, "cv.docx: the DOCX unpacks to more than 50 MB (a zip bomb?)"),
        ("cv.docx", lambda tmp: b"PK\x03\x04 not really", 400, "cv.docx: not a DOCX file"),
        ("cv.md", lambda tmp: b"\x00\x01\x02binary", 400, "cv.md: binary data, not a text resume"),
        ("cv.txt", lambda tmp: b"Ol\x81\x8d\x8f\x90\x9d", 400, "cv.txt: not UTF-8 text"),  # no encoding reads it
        ("cv.json", lambda tmp: b"[" * 100_000, 400, "cv.json: not a JSON Resume (nested too deeply"),
        ("cv.exe", lambda tmp: b"MZ\x90\x00", 400, "cv.exe: rolemap cannot read a .exe file; send"),
        ("cv.doc", lambda tmp: b"\xd0\xcf\x11\xe0", 400, "cv.doc: rolemap cannot read a .doc file"),  # as the CLI
        ("..", lambda tmp: b"hello", 400, "not a file name"),
        ("cv.md", lambda tmp: b"x" * (11 * 2**20), 413, "cv.md: 11.0 MB is too large for a resume (limit 10 MB)"),
    ],
)  # fmt: skip
def test_hostile_uploads_are_one_line_4xx(client, tmp_path, name, make, status, message):
    data = make(tmp_path)
    for path in ("/resume", "/resume/coach", "/match/known-1", "/match"):
        r = upload(client, path, name, data)
        assert r.status_code == status, (path, r.text[:300])
        error = re.search(r'<p class="error" role="alert">([^<]*)</p>', r.text)
        assert error and message in html.unescape(error[1]) and "\n" not in error[1]
    api = client.post("/api/resume", files={"file": (name, data)})
    assert api.status_code == status and message in api.json()["error"]


def test_an_upload_past_the_servers_body_cap_is_413(web_store: Store):
    with make_client(web_store, max_upload_bytes=2**20) as small:
        r = upload(small, "/resume", "cv.md", b"- Built things\n" * 100_000)
        assert r.status_code == 413 and "request body larger than 1 MB" in text_of(r.text)
        r = small.post("/api/resume", files={"file": ("cv.md", b"x" * (2 * 2**20))})
        assert r.status_code == 413 and r.json()["code"] == "R413"


def test_script_tags_in_a_resume_are_escaped_on_every_page(client):
    cv = (
        b"## Experience\n### <script>alert(1)</script> Engineer, Acme (2019 - 2021)\n"
        b"- Built the <script>alert(2)</script> billing API in Python <img src=x onerror=alert(3)>\n"
    )
    for path in ("/resume", "/resume/coach", "/match/known-1", "/match"):
        r = upload(client, path, "<b>cv</b>.md", cv)
        assert r.status_code == 200, r.text
        assert "<script>" not in r.text and "<img" not in r.text and "<b>cv" not in r.text
    read = upload(client, "/resume", "cv.md", cv)
    assert "alert(2)" not in read.text and "billing API in Python" in read.text  # a script is no text
    # markup of no HTML tag is the resume's own text, shown escaped
    read = upload(client, "/resume", "cv.md", b"## Experience\n- Built <acme onerror=alert(5)> in Python\n")
    assert "&lt;acme onerror=alert(5)&gt;" in read.text


# ---- the rules of writes, and privacy --------------------------------------------------------------


def test_a_form_without_its_csrf_token_is_refused_before_the_upload_is_read(client, monkeypatch):
    from rolemap.resume import read

    monkeypatch.setattr(read, "read_resume_bytes", lambda *a, **k: pytest.fail("the upload was read"))
    csrf(client)
    r = client.post("/resume", data={"csrf_token": "wrong"}, files={"file": ("cv.md", b"- Built it\n")})
    assert r.status_code == 403 and "CSRF token is missing or stale" in r.text
    r = client.post(
        "/resume", files={"file": ("cv.md", b"- x\n")}, headers={"origin": "https://evil.example"}
    )
    assert r.status_code == 403 and "another site" in r.text


def test_a_server_with_a_token_reads_resumes_only_for_its_users(web_store: Store):
    with make_client(web_store, token="s3cret") as c:
        page = c.get("/resume")
        assert page.status_code == 200 and "Log in" in page.text and 'type="file"' not in page.text
        r = upload(c, "/resume", "cv.md", b"- Built the billing API\n")
        assert r.status_code == 401
        assert c.post("/api/resume", files={"file": ("cv.md", b"- Built it\n")}).status_code == 401
        ok = c.post(
            "/api/resume",
            files={"file": ("cv.md", b"## Experience\n- Built the billing API in Go\n")},
            headers={"authorization": "Bearer s3cret"},
        )
        assert ok.status_code == 200 and ok.json()["bullets"][0]["skills"] == ["go"]


def test_nothing_of_a_resume_reaches_the_log_even_when_its_reader_fails(client, monkeypatch, caplog):
    cv = f"## Experience\n### Engineer, {SECRET} (2019 - 2021)\n- Built the {SECRET} billing API in Go\n".encode()
    with caplog.at_level(logging.DEBUG):
        assert upload(client, "/resume", "cv.md", cv).status_code == 200
        assert upload(client, "/match/known-1", "cv.md", cv).status_code == 200
        from rolemap.resume import read

        def explode(raw: bytes, *args: object, **kwargs: object) -> None:
            raise RuntimeError(f"the reader broke on {raw.decode()}")

        monkeypatch.setattr(read, "read_resume_bytes", explode)
        r = upload(client, "/resume", "cv.md", cv)
    assert r.status_code == 400 and "cv.md: could not be read as a resume (RuntimeError)" in r.text
    assert SECRET not in r.text
    logged = "\n".join(f"{rec.getMessage()} {rec.exc_text or ''}" for rec in caplog.records)
    assert "a resume upload could not be read: RuntimeError" in logged
    assert SECRET not in logged


@pytest.fixture
def logged_server(web_store: Store) -> Iterator[str]:
    """A real uvicorn with its access log on, passed to the root logger (caplog sees it)."""
    with serving(web_store, log_config=None, log_level="debug") as url:
        yield url


def test_the_servers_access_log_holds_no_resume(logged_server, caplog):
    cv = f"## Experience\n### Engineer, {SECRET} (2019 - 2021)\n- Built the {SECRET} billing API in Go\n"
    with caplog.at_level(logging.DEBUG), httpx.Client(base_url=logged_server) as http:
        http.get("/resume")
        token = http.cookies[CSRF_COOKIE]
        read = http.post("/resume", data={"csrf_token": token}, files={"file": (f"{SECRET}.md", cv.encode())})
        assert read.status_code == 200 and SECRET in read.text
        http.post("/match/known-1", data={"csrf_token": token, "resume": carried(read.text)})
        http.post("/api/resume", files={"file": (f"{SECRET}.pdf", b"junk")})
    logged = "\n".join(rec.getMessage() for rec in caplog.records)
    assert "POST /resume HTTP/1.1" in logged and "POST /match/known-1 HTTP/1.1" in logged  # the log is on
    assert SECRET not in logged


# ---- the API -----------------------------------------------------------------------------------


def test_the_api_reads_coaches_and_matches(client):
    read = client.post("/api/resume", files={"file": ("alex.md", (FIXTURES / "alex.md").read_bytes())})
    assert read.status_code == 200 and read.headers["content-type"] == "application/json"
    record = read.json()
    assert [r["start"] for r in record["roles"]] == ["2019-01", "2016-01", "2014-01"]
    coached = client.post("/api/resume/coach", json=record).json()["bullets"]
    assert coached[2]["rewrite"].startswith("Built Flask services for invoicing on PostgreSQL by [")
    fit = client.post("/api/match/known-1", json=record).json()
    assert fit["summary"] == "required: 4 of 4 met (1 only listed), 0 partly; nice-to-have: 0 of 0 met"
    lane = client.post("/api/match?language=go&top=3", json=record).json()
    assert len(lane["ranked"]) == 3 and lane["lane"] == "language: go; family: backend"
    form = client.post("/api/match/known-1?want=remote", data={"resume": json.dumps(record)}).json()
    assert form["requirements"][-1] == {
        "kind": "work_model", "name": "hybrid", "required": False, "status": "missing",
        "evidence": "you want remote", "line": None, "proof": "",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"content": b"{}", "headers": {"content-type": "application/json"}}, "resume: not a resume record"),
        ({"content": b"[1, 2", "headers": {"content-type": "application/json"}}, "resume: not a resume record"),
        ({"content": b"hello", "headers": {"content-type": "text/plain"}}, "not text/plain"),
        ({"data": {"other": "x"}}, "resume: choose a file"),
        ({"content": b"--x\r\nbroken", "headers": {"content-type": "multipart/form-data; boundary=x"}}, "resume:"),
    ],
)  # fmt: skip
def test_the_api_answers_bad_bodies_with_a_json_400(client, kwargs, message):
    r = client.post("/api/resume", **kwargs)
    assert r.status_code == 400 and message in r.json()["error"], r.text


@pytest.mark.parametrize(("field", "value"), [("line", True), ("line", "3"), ("skills", "python")])
def test_a_resume_record_sent_back_is_read_strictly(client, field, value):
    read = client.post("/api/resume", files={"file": ("alex.md", (FIXTURES / "alex.md").read_bytes())})
    record = read.json()
    record["bullets"][0][field] = value  # JSON's true is no line number, nor "3" one
    r = client.post("/api/resume/coach", json=record)
    assert r.status_code in (400, 422) and "error" in r.json() and field in r.json()["error"], r.text


# ---- pay and profile -----------------------------------------------------------------------------

LEVEL_PAY = {"Junior": 70_000, "Mid-level": 100_000, "Senior": 140_000}


def pay_postings() -> list[Posting]:
    """36 backend postings with a stated salary: 12 a level, every other one with on-call duty, one in
    four in Go (the rest Python)."""
    postings = []
    for i in range(36):
        level = list(LEVEL_PAY)[i % 3]
        pay = LEVEL_PAY[level] + (i // 3) * 2_000
        duty = " You will join the on-call rotation." if i % 2 else ""
        text = f"We build payment APIs in {'Go' if i % 4 == 0 else 'Python'} and PostgreSQL.{duty} Salary: ${pay:,} - ${pay + 20_000:,} per year."
        postings.append(Posting(id=f"pay-{i}", title=f"{level} Backend Engineer", description=text,
                                company=f"Co{i % 7}", posted_at="2018-03-01", source="jsonl"))  # fmt: skip
    return postings


@pytest.fixture(scope="module")
def pay_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    from rolemap.pipeline import ingest
    from rolemap.store.db import open_store

    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('pay') / 'pay.db'}")
    ingest(store, pay_postings(), now=T0)
    with make_client(store) as c:
        yield c


def pay_rows(page: str) -> list[list[str]]:
    body = page.split('<table class="pay">')[1].split("<tbody>")[1].split("</tbody>")[0]
    return [
        [text_of(cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in body.split("</tr>")[:-1]
    ]


def test_the_pay_page_by_level_shows_each_figure_with_its_n_and_a_chart(pay_client):
    r = pay_client.get("/pay")
    assert r.status_code == 200
    page = text_of(r.text)
    assert "Pay by level" in page and "family: backend" in page
    assert "121k USD median yearly salary n = 36, 95% interval" in page
    rows = pay_rows(r.text)
    assert [row[:6] for row in rows] == [
        ["junior", "12", "12", "86k", "91k", "96k"],
        ["mid", "12", "12", "116k", "121k", "126k"],
        ["senior", "12", "12", "156k", "161k", "166k"],
    ]
    chart = r.text.split("<svg")[1].split("</svg>")[0]
    assert "junior (n=12)" in chart and "senior (n=12)" in chart
    assert 'href="/api/pay?family=backend&amp;by=seniority&amp;min_cell=5"' in r.text
    api = pay_client.get("/api/pay?family=backend&by=seniority").json()
    assert [c["pay"]["median"] for c in api["cells"]] == [91_000, 121_000, 161_000]  # the page's numbers
    from rolemap.analytics.market import PayBy

    if "premiums" in PayBy.__dataclass_fields__:  # the regression premiums (analytics/premiums.py)
        assert 'id="premium-note"' in r.text and "0 of 36 salaries in the fit" in page
        assert len(rows[0]) == 6  # nothing fitted (no country known): no premium column, the note says why


def test_a_premium_cell_shows_its_estimate_interval_and_n():
    from types import SimpleNamespace

    from rolemap.web.seeker import premium_cell

    def premium(status: str, value: float | None = None) -> object:
        return SimpleNamespace(postings=40, premium=value, low=0.03, high=0.21, status=status)

    assert premium_cell(premium("estimated", 0.12)) == "+12% (n = 40, 95% +3% to +21%)"
    assert premium_cell(premium("too few")) == "too few (n = 40)"
    assert premium_cell(premium("baseline")) == "baseline (n = 40)"
    assert premium_cell(None) == "–"


def test_the_pay_page_by_scope_and_its_lane_filters(pay_client):
    r = pay_client.get("/pay?by=scope")
    assert r.status_code == 200 and "Pay by scope" in text_of(r.text)
    assert [row[:3] for row in pay_rows(r.text)] == [["on-call", "18", "18"]]
    go = pay_client.get("/pay?by=level&language=go")
    assert "language: go" in text_of(go.text)
    rows = [[row[0].split()[0], *row[1:3]] for row in pay_rows(go.text)]
    assert rows == [["junior", "3", "3"], ["mid", "3", "3"], ["senior", "3", "3"]]
    assert all("too few to compare" in row[0] for row in pay_rows(go.text))  # 3 < the least 5
    assert 'name="by" value="level"' in go.text  # the filter form keeps the dimension
    few = pay_client.get("/pay?min_cell=13")
    assert all("too few to compare" in row[0] for row in pay_rows(few.text))
    assert pay_client.get("/pay?by=salary").status_code == 422
    assert pay_client.get("/pay?min_cell=0").status_code == 422
    empty = pay_client.get("/pay?company=no-such-company")
    assert "No usable salary in this lane" in text_of(empty.text)


def test_the_profile_page_and_its_lane_filters(pay_client, client):
    r = pay_client.get("/profile")
    page = text_of(r.text)
    assert r.status_code == 200 and "Target profile" in page and "family: backend: 36 roles" in page
    must = page.split("Roles asking for each (n), and the share that require it")[1].split("Nice-to-have")[0]
    assert "postgresql 36 100% 100%" in must and "python" not in must
    assert "python 27 75%" in page.split("Roles naming each language (n)")[1]
    assert "postgresql (n=36)" in r.text.split("<svg")[1]
    assert 'href="/match?family=backend"' in r.text
    go = text_of(pay_client.get("/profile?language=go").text)
    assert "language: go; family: backend: 9 roles" in go
    assert "Only 9 roles: too few for a profile to say much" in go
    high = text_of(client.get("/profile?min_share=0.99").text)
    assert "no skill is asked by 99% of these" in high
    none = text_of(client.get("/profile?company=no-such-company").text)
    assert "no postings match" in none
    assert client.get("/profile?min_share=2").status_code == 422


def test_the_navigation_links_every_seeker_page(client):
    page = client.get("/").text
    for href in ('href="/pay"', 'href="/profile"', 'href="/resume"'):
        assert href in page


def test_an_empty_must_have_list_gives_its_true_reason(client):
    """Session 36: the page said "No skill is required by most of the roles that name it" when no skill was
    asked by the least share at all (the CLI's reason)."""
    page = text_of(client.get("/profile?min_share=0.3").text)
    must = page.split("Must-have")[1].split("Nice-to-have")[0]
    assert "No skill is asked by at least 30% of these 230 roles." in must
    assert "required by most of the roles that name it" not in page


def test_the_role_page_names_the_levels_its_shares_add_up(client):
    """Session 36: "82% senior roles" was senior, staff and manager; "junior" took interns in."""
    from rolemap.present.market_view import JUNIOR_OR_INTERN, SENIOR_OR_ABOVE

    page = text_of(client.get("/").text)
    assert f"% {SENIOR_OR_ABOVE} n = " in page and f"; {JUNIOR_OR_INTERN} " in page
    assert "senior roles" not in page and "of roles with a level" in page
