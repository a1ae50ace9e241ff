"""The red-team findings against the web app, one test each (issue 19): DNS rebinding, sessions, error
answers without the hardening, oversized chunked bodies, upload names, script links, CSV rows split on CR,
and uploads that decompress to far more than they weigh."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zlib

import pytest

from rolemap.errors import InputError
from rolemap.models import Posting
from rolemap.pipeline import ingest
from rolemap.web.pages import web_link
from rolemap.web.security import CSP, LoginLimiter, TooManyAttempts, allowed_hosts, host_name
from rolemap.web.uploads import check_upload, upload_name
from tests.web.conftest import make_client

TOKEN = "a-long-test-token-0123456789"


def form_token(client, path="/login"):
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).text).group(1)


def assert_hardened(response):
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-content-type-options"] == "nosniff"


# ---- DNS rebinding: the Host header ---------------------------------------------------------------


def test_a_rebound_name_can_neither_read_nor_write(client):
    """A page at attacker.test whose name now points at 127.0.0.1: its requests carry its own Host."""
    evil = {"Host": "attacker.test:8000", "Origin": "http://attacker.test:8000"}
    put = client.put("/api/tracker/known-1", json={"status": "saved", "notes": "pwned"}, headers=evil)
    assert put.status_code == 421 and put.json()["code"] == "R421" and "attacker.test" in put.json()["error"]
    assert_hardened(put)
    assert client.get("/api/tracker", headers=evil).status_code == 421
    assert client.delete("/api/tracker/known-1", headers=evil).status_code == 421
    ingest_ = client.post("/api/ingest", files={"file": ("x.jsonl", b"{}")}, headers=evil)
    assert ingest_.status_code == 421
    page = client.get("/tracker", headers=evil)
    assert page.status_code == 421 and "text/html" in page.headers["content-type"]
    assert_hardened(page)
    assert client.get("/api/tracker").json()["entries"] == []  # nothing was written


@pytest.mark.parametrize("host", ["localhost:8000", "127.0.0.1", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"])
def test_the_loopback_names_are_answered(client, host):
    assert client.get("/api/tracker", headers={"Host": host}).status_code == 200


def test_allowed_hosts_and_the_listen_address(web_store):
    with make_client(web_store, listen="192.0.2.10", allowed_hosts=("Jobs.Example.org",)) as c:
        for host in ["192.0.2.10:8000", "jobs.example.org", "jobs.example.org.:443", "localhost"]:
            assert c.get("/api/tracker", headers={"Host": host}).status_code == 200, host
        for host in ["example.org", "jobs.example.org.evil.test", "192.0.2.11", ""]:
            assert c.get("/api/tracker", headers={"Host": host}).status_code == 421, host


def test_host_names():
    assert host_name("[::1]:8000") == "[::1]" and host_name("::1") == "[::1]"
    assert host_name("Example.COM.:80") == "example.com" and host_name("127.0.0.1") == "127.0.0.1"
    hosts = allowed_hosts("0.0.0.0", ["jobs.example.org:8443"])
    assert hosts == {"localhost", "127.0.0.1", "[::1]", "jobs.example.org"}  # a wildcard is no name
    assert "[::1]" in allowed_hosts("::1")


# ---- sessions: fresh per login, logout, failed logins limited -------------------------------------


def _login(c, token=TOKEN):
    return c.post("/login", data={"token": token, "csrf_token": form_token(c)}, follow_redirects=False)


def test_each_login_gets_a_fresh_session_and_logout_ends_it(web_store):
    with make_client(web_store, token=TOKEN) as c:
        first = _login(c).cookies["rolemap_session"]
        second = _login(c).cookies["rolemap_session"]
        assert first != second and TOKEN not in first + second
        assert c.put("/api/tracker/known-1", json={"status": "saved"}).status_code == 200
        assert "Log out" in c.get("/").text
        out = c.post("/logout", data={"csrf_token": form_token(c, "/")}, follow_redirects=False)
        assert out.status_code == 303 and 'rolemap_session=""' in out.headers["set-cookie"]
        assert c.put("/api/tracker/known-1", json={"status": "applied"}).status_code == 401
        for old in (first, second):  # a copied cookie is dead too
            c.cookies.clear()
            c.cookies.set("rolemap_session", old)
            assert c.put("/api/tracker/known-1", json={"status": "applied"}).status_code == 401


def test_logout_needs_the_csrf_token(web_store):
    with make_client(web_store, token=TOKEN) as c:
        _login(c)
        assert c.post("/logout", data={"csrf_token": "guess"}).status_code == 403
        assert c.put("/api/tracker/known-1", json={"status": "saved"}).status_code == 200


def test_a_forged_or_expired_session_is_refused(web_store):
    with make_client(web_store, token=TOKEN) as c:
        value = _login(c).cookies["rolemap_session"]
        session_id, expires, mac = value.split(".")
        for forged in [
            f"{session_id}.{int(expires) + 10**6}.{mac}",
            f"x{session_id}.{expires}.{mac}",
            "",
            "a.b.c",
        ]:
            c.cookies.clear()
            c.cookies.set("rolemap_session", forged)
            assert c.put("/api/tracker/known-1", json={"status": "saved"}).status_code == 401, forged


def test_failed_logins_are_rate_limited(web_store):
    with make_client(web_store, token=TOKEN) as c:
        for _ in range(5):
            assert _login(c, "wrong-token").status_code == 401
        limited = _login(c)  # even the right token, for the rest of the window
        assert limited.status_code == 429 and "too many failed logins" in limited.text
        assert_hardened(limited)
        bearer = {"Authorization": "Bearer wrong"}
        assert c.put("/api/tracker/known-1", json={"status": "saved"}, headers=bearer).status_code == 429


def test_wrong_bearer_tokens_count_as_failed_logins(web_store):
    with make_client(web_store, token=TOKEN) as c:

        def put(token):
            headers = {"Authorization": f"Bearer {token}"}
            return c.put("/api/tracker/known-1", json={"status": "saved"}, headers=headers).status_code

        assert [put("wrong") for _ in range(7)] == [401] * 5 + [429] * 2
        assert put(TOKEN) == 429  # a right guess from a limited address is not even looked at


def test_the_limit_ends_with_its_window():
    now = [0.0]
    limiter = LoginLimiter(max_failures=2, window=60, clock=lambda: now[0])
    limiter.failed("a")
    limiter.failed("a")
    with pytest.raises(TooManyAttempts, match="try again in 60 s"):
        limiter.check("a")
    limiter.check("b")  # another address is not affected
    now[0] = 61
    limiter.check("a")


# ---- every error answer hardened, 500 included -----------------------------------------------------


@pytest.fixture
def failing(web_store, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("rolemap.web.api.tracker_entries", broken)
    monkeypatch.setattr("rolemap.web.pages.tracker_entries", broken)
    with make_client(web_store) as c:
        yield c


def test_a_500_is_json_under_api_with_the_headers(failing):
    r = failing.get("/api/tracker")
    assert r.status_code == 500
    assert r.json() == {"error": "the server failed on this request; the error is in its log", "code": "R500"}
    assert_hardened(r)


def test_a_500_is_the_error_page_elsewhere(failing):
    r = failing.get("/tracker")
    assert r.status_code == 500 and "text/html" in r.headers["content-type"]
    assert "Something went wrong" in r.text and "a bug" not in r.text
    assert_hardened(r)


def test_every_error_status_keeps_the_headers(client):
    answers = [
        client.get("/api/postings/no-such-id"),
        client.get("/no-such-page"),
        client.get("/api/postings", params={"limit": "x"}),
        client.post("/api/ingest", content=b"x", headers={"content-type": "text/plain"}),
        client.put("/api/tracker/known-1", json={"status": "saved"}, headers={"Origin": "https://evil.test"}),
    ]
    for r in answers:
        assert r.status_code >= 400
        assert_hardened(r)


# ---- 413 for any oversized body, chunked too -------------------------------------------------------


def test_a_chunked_body_too_large_is_413_not_400(web_store):
    with make_client(web_store, max_upload_bytes=1024) as c:
        chunks = iter([b'{"status": "saved", "notes": "', b"x" * 2000, b'"}'])
        r = c.put("/api/tracker/known-1", content=chunks, headers={"content-type": "application/json"})
        assert r.status_code == 413 and r.json()["code"] == "R413"
        assert_hardened(r)
        form = c.post("/tracker/known-1", content=iter([b"status=saved&notes=", b"y" * 2000]),
                      headers={"content-type": "application/x-www-form-urlencoded"})  # fmt: skip
        assert form.status_code == 413 and "Too large" in form.text
        sized = c.put(
            "/api/tracker/known-1", content=b"z" * 2000, headers={"content-type": "application/json"}
        )
        assert sized.status_code == 413


# ---- upload names ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["..", ".", "../..", "/", "a/..", "...", " ", "..\\.."])
def test_an_upload_named_dot_dot_is_a_clean_4xx(client, name):
    r = client.post("/api/ingest", files={"file": (name, b'{"id": "n1", "title": "t", "description": "d"}')})
    assert r.status_code == 400, r.text
    assert "not a file name" in r.json()["error"]


def test_upload_names():
    assert upload_name("../../etc/passwd.jsonl") == "passwd.jsonl"
    assert upload_name("C:\\Users\\me\\jobs.csv") == "jobs.csv"
    assert upload_name("jobs\r\n.jsonl") == "jobs.jsonl"
    for unusable in ("..", "", None, "a/.", "\x00"):
        with pytest.raises(InputError, match="not a file name"):
            upload_name(unusable)
    assert len(upload_name("a" * 500 + ".jsonl")) == 100 and upload_name("a" * 500 + ".jsonl").endswith(
        ".jsonl"
    )


def test_a_folder_in_the_upload_name_still_ingests(client):
    body = b'{"id": "n2", "title": "Go Engineer", "description": "Go."}'
    r = client.post("/api/ingest", files={"file": ("../../jobs.jsonl", body)})
    assert r.status_code == 200 and r.json()["source"] == "jobs.jsonl"


# ---- links only for http(s) -----------------------------------------------------------------------

SCRIPT_URLS = [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.test/x", "http:evil", "",
]  # fmt: skip


@pytest.mark.parametrize("url", SCRIPT_URLS)
def test_a_script_url_is_never_a_link(web_store, url):
    ingest(web_store, [Posting(id="link-1", title="Go Engineer", description="Go.", url=url, source="jsonl")])
    with make_client(web_store) as c:
        page = c.get("/postings/link-1").text
    assert "original posting" not in page
    assert "javascript:" not in page.lower() and "vbscript:" not in page and "data:text" not in page


def test_a_web_url_is_a_link(web_store):
    url = "https://jobs.example.org/42?ref=a&b=c"
    ingest(web_store, [Posting(id="link-2", title="Go Engineer", description="Go.", url=url, source="jsonl")])
    with make_client(web_store) as c:
        page = c.get("/postings/link-2").text
    assert 'href="https://jobs.example.org/42?ref=a&amp;b=c"' in page and "original posting" in page
    assert web_link("http://x.test/") == "http://x.test/" and web_link(None) is None


# ---- the tracker CSV: cells with CR or LF ----------------------------------------------------------


def test_a_lone_cr_cannot_start_a_row_with_a_formula(client, web_store):
    ingest(web_store, [Posting(id="cr-1", title="Engineer\r=1+1", description="Go.", source="jsonl")])
    notes = 'call back\r=HYPERLINK("http://evil.test")\n+2\r\n@SUM(A1)'
    assert client.put("/api/tracker/cr-1", json={"status": "saved", "notes": notes}).status_code == 200
    sheet = client.get("/api/tracker.csv").content.decode()
    assert sheet.split(",", 1)[0] == "title" and sheet.endswith("\r\n") and ",notes" in sheet.split("\r\n")[0]
    rows = list(csv.reader(io.StringIO(sheet, newline="")))
    assert len(rows) == 2
    for piece in re.split(r"[\r\n]+", sheet):  # a reader that splits rows on CR or LF alone
        assert not piece.startswith(("=", "+", "-", "@")), piece
    assert any("'=1+1" in cell for cell in rows[1])


# ---- uploads that decompress to far more than they weigh -------------------------------------------


def _gzip_of(line: bytes, copies: int) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    block = line * 10_000
    out = [packer.compress(block) for _ in range(copies // 10_000)]
    return b"".join([*out, packer.compress(line * (copies % 10_000)), packer.flush()])


def test_a_gzip_of_many_identical_lines_is_refused_before_any_is_read(web_store):
    line = b'{"id": "bomb", "title": "Go Engineer", "description": "Go and Kafka."}\n'
    bomb = _gzip_of(line, 50_000)  # 3.6 MB of lines in about 10 KB
    with make_client(web_store, max_upload_lines=10_000) as c:
        before = c.get("/api/postings").json()["total"]
        r = c.post("/api/ingest", files={"file": ("jobs.jsonl.gz", bomb)})
        assert r.status_code == 413 and "more than 10,000 lines" in r.json()["error"], r.text
        assert c.get("/api/postings").json()["total"] == before


def test_a_gzip_past_the_decompressed_cap_is_refused(web_store):
    bomb = _gzip_of(b"x" * 1000, 3_000)  # 3 MB without a newline
    with make_client(web_store, max_upload_bytes=2**20) as c:
        r = c.post("/api/ingest", files={"file": ("page.html.gz", bomb)})
        assert r.status_code == 413 and "once decompressed" in r.json()["error"]


def test_a_corrupt_gzip_upload_is_a_400(client):
    good = gzip.compress(b'{"id": "g", "title": "t", "description": "d"}\n' * 100)
    for broken in (good[:-20], good[:10] + b"\x00" * 50 + good[60:]):
        r = client.post("/api/ingest", files={"file": ("jobs.jsonl.gz", broken)})
        assert r.status_code == 400 and "gzip" in r.json()["error"], r.text


def test_more_postings_than_the_cap_in_one_line_of_json(web_store):
    many = json.dumps(
        [{"id": f"j{i}", "title": "Go Engineer", "description": f"Go, team {i}."} for i in range(30)]
    )
    with make_client(web_store, max_upload_lines=20) as c:
        r = c.post("/api/ingest", files={"file": ("jobs.json", many.encode())})
        assert r.status_code == 200, r.text
        result = r.json()
        assert result["stored"] == 20 and "more than 20 postings" in result["errors"][-1]


def test_check_upload_counts_every_gzip_member():
    two = gzip.compress(b"a\n" * 600) + gzip.compress(b"b\n" * 600)
    check_upload("two.gz", two, 10_000, 1200)
    with pytest.raises(Exception, match="more than 1,100 lines"):
        check_upload("two.gz", two, 10_000, 1100)
