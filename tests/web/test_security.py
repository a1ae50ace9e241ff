"""Safe to expose: headers, sanitised HTML, tokens, CSRF, cross-site writes, body limits, ingest by URL
and by upload, SSRF."""

from __future__ import annotations

import json
import re

import pytest

from rolemap.sources.url import UrlPolicy, fetch_public, is_public
from rolemap.web.security import CSP, CSRF_COOKIE
from tests.web.conftest import make_client

TOKEN = "a-long-test-token-0123456789"
JOBS = "\n".join(
    json.dumps(
        {
            "id": f"up-{i}",
            "title": "Backend Engineer",
            "description": f"Go and Kafka, role {i}. Fully remote.",
        }
    )
    for i in range(3)
).encode()


def form_token(client, path="/ingest"):
    page = client.get(path)
    return re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)


def test_every_response_carries_the_security_headers(client):
    for path in ["/", "/postings", "/api/postings", "/api/nope", "/static/app.css"]:
        r = client.get(path)
        assert r.headers["content-security-policy"] == CSP
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
    assert "script-src" not in CSP and "default-src 'none'" in CSP  # no script runs, from anywhere


def test_posting_html_is_sanitised_and_text_escaped(client):
    page = client.get("/postings/evil-1").text
    assert "<script" not in page.lower() and "onerror" not in page and "javascript:" not in page
    assert "<style>body" not in page
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page  # the title, shown as text
    assert "We need 5+ years of Go" in page
    listing = client.get("/postings", params={"q": "evil"}).text
    assert "<script" not in listing.lower()


def test_writes_are_open_on_loopback_without_a_token(client):
    assert client.put("/api/tracker/known-1", json={"status": "saved"}).status_code == 200


def test_a_cross_site_write_is_refused(client):
    r = client.put(
        "/api/tracker/known-1", json={"status": "saved"}, headers={"Origin": "https://evil.example"}
    )
    assert r.status_code == 403 and "another site" in r.json()["error"]
    same = client.put(
        "/api/tracker/known-1", json={"status": "saved"}, headers={"Origin": "http://testserver"}
    )
    assert same.status_code == 200


def test_with_a_token_writes_need_it_and_reads_stay_open(web_store):
    with make_client(web_store, token=TOKEN) as c:
        assert c.get("/api/postings").status_code == 200
        r = c.put("/api/tracker/known-1", json={"status": "saved"})
        assert r.status_code == 401 and "token" in r.json()["error"]
        wrong = c.put(
            "/api/tracker/known-1", json={"status": "saved"}, headers={"Authorization": "Bearer nope"}
        )
        assert wrong.status_code == 401
        ok = c.put(
            "/api/tracker/known-1", json={"status": "saved"}, headers={"Authorization": f"Bearer {TOKEN}"}
        )
        assert ok.status_code == 200
        assert c.post("/api/ingest", files={"file": ("jobs.jsonl", JOBS)}).status_code == 401
        assert "to save postings" in c.get("/postings/known-1").text


def test_browser_login_then_forms_with_csrf(web_store):
    with make_client(web_store, token=TOKEN) as c:
        csrf = form_token(c, "/login")
        assert c.post("/login", data={"token": "wrong", "csrf_token": csrf}).status_code == 401
        r = c.post("/login", data={"token": TOKEN, "csrf_token": csrf}, follow_redirects=False)
        assert r.status_code == 303 and "rolemap_session" in r.headers["set-cookie"]
        assert TOKEN not in r.headers["set-cookie"]  # the cookie is not the token
        csrf = form_token(c, "/postings/known-1")
        saved = c.post(
            "/tracker/known-1", data={"status": "applied", "csrf_token": csrf}, follow_redirects=False
        )
        assert saved.status_code == 303
        assert c.get("/api/tracker").json()["entries"][0]["status"] == "applied"
        forged = c.post("/tracker/known-1", data={"status": "offer", "csrf_token": "guess"})
        assert forged.status_code == 403 and "CSRF" in forged.text
        assert c.get("/api/tracker").json()["entries"][0]["status"] == "applied"


def test_forms_need_the_csrf_token_even_on_loopback(client):
    assert client.post("/tracker/known-1", data={"status": "saved"}).status_code == 403
    csrf = form_token(client, "/postings/known-1")
    r = client.post("/tracker/known-1", data={"status": "saved", "csrf_token": csrf, "back": "//evil.example/"},
                    follow_redirects=False)  # fmt: skip
    assert r.status_code == 303 and r.headers["location"] == "/tracker"  # never sent to another host
    assert client.cookies.get(CSRF_COOKIE) == csrf


def test_upload_ingests_and_reports_bad_lines(client):
    body = JOBS + b"\n{broken json\n"
    r = client.post("/api/ingest", files={"file": ("jobs.jsonl", body)})
    assert r.status_code == 200, r.text
    result = r.json()
    assert (result["read"], result["stored"], result["failed"]) == (4, 3, 1)
    assert result["errors"][0].startswith("jobs.jsonl:4")  # names the upload, not a temporary file
    assert client.get("/api/postings", params={"q": "role"}).json()["total"] >= 3  # visible at once


def test_kept_pages_follow_the_store(client):
    """Lists and searches are kept per store version: an ingest must show in them at once."""
    new = b'{"id": "q1", "title": "Quokka Platform Engineer", "description": "Go and Kafka at Quokka."}\n'
    for _ in range(2):  # the second time from what the server kept
        assert client.get("/api/postings", params={"q": "quokka"}).json()["total"] == 0
        assert "No posting matches" in client.get("/postings", params={"q": "quokka"}).text
    assert client.post("/api/ingest", files={"file": ("new.jsonl", new)}).status_code == 200
    assert [p["id"] for p in client.get("/api/postings", params={"q": "quokka"}).json()["items"]] == ["q1"]
    assert "Quokka Platform Engineer" in client.get("/postings", params={"q": "quokka"}).text


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("empty.jsonl", b"", "empty"),
        ("junk.bin", b"\x00\xff\x10" * 100, "format"),
        ("bad.json", b"{not json", "not valid JSON"),
        ("page.html", b"<html><body>no postings</body></html>", "JSON-LD"),
        ("latin.csv", "id,title,description\n1,Café,Déjà vu".encode("latin-1"), "not utf-8"),
        ("../../etc/passwd.jsonl", b"{broken", "passwd.jsonl"),
    ],
)
def test_bad_uploads_get_a_clear_4xx(client, name, data, fragment):
    r = client.post("/api/ingest", files={"file": (name, data)})
    assert 400 <= r.status_code < 500, r.text
    assert fragment in r.json()["error"]
    assert "/tmp" not in r.json()["error"]


def test_oversized_bodies_are_refused_before_reading(web_store):
    with make_client(web_store, max_upload_bytes=1024) as c:
        r = c.post("/api/ingest", files={"file": ("big.jsonl", b"x" * 5000)})
        assert r.status_code == 413 and "larger than" in r.json()["error"]
        streamed = c.post("/api/ingest", content=iter([b"x" * 800, b"y" * 800]),
                          headers={"content-type": "application/json"})  # fmt: skip
        assert streamed.status_code == 413


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{}", "application/json"),
        (b'{"url": 5}', "application/json"),
        (b"not json", "application/json"),
        (b"url=http://x", "application/x-www-form-urlencoded"),
        (b"--x\r\nbroken", "multipart/form-data; boundary=x"),
        (b"", "text/plain"),
    ],
)
def test_malformed_ingest_requests(client, body, content_type):
    r = client.post("/api/ingest", content=body, headers={"content-type": content_type})
    assert 400 <= r.status_code < 500 and r.json()["error"]


@pytest.mark.parametrize(
    ("url", "fragment"),
    [
        ("file:///etc/passwd", "only http"),
        ("gopher://x", "only http"),
        ("http://127.0.0.1:8000/api/tracker", "not a public address"),
        ("http://[::1]/", "not a public address"),
        ("http://169.254.169.254/latest/meta-data/", "not a public address"),
        ("http://10.0.0.5/", "not a public address"),
        ("http://192.168.1.1/", "not a public address"),
        ("http://user:pw@example.com/", "user name"),
        ("http:///nohost", "no host"),
        ("http://example.com:99999/", "not a URL"),
    ],
)
def test_ingest_by_url_refuses_unsafe_addresses(client, url, fragment):
    r = client.post("/api/ingest", json={"url": url})
    assert r.status_code == 400, r.text
    assert fragment in r.json()["error"]


def test_public_address_rules():
    assert is_public("93.184.216.34") and is_public("2606:4700::1111")
    for address in ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.0.1", "169.254.169.254", "100.64.0.1",
                    "0.0.0.0", "::1", "fe80::1", "fd00::1", "::ffff:127.0.0.1", "224.0.0.1", "203.0.113.7"]:  # fmt: skip
        assert not is_public(address), address


def _local_policy(httpserver, **kw):
    """Names under .test resolve to the test server; only 127.0.0.1 counts as public here."""
    return UrlPolicy(resolve=lambda host, port: ["127.0.0.1"] if host.endswith(".test") else ["10.0.0.1"],
                     allowed=lambda a: a == "127.0.0.1", **kw)  # fmt: skip


def test_fetch_follows_redirects_but_checks_every_hop(httpserver):
    port = httpserver.port
    httpserver.expect_request("/job").respond_with_data(
        "<script type='application/ld+json'>{}</script>", headers={"content-type": "text/html"}
    )
    httpserver.expect_request("/moved").respond_with_data(
        "", status=302, headers={"Location": f"http://jobs.test:{port}/job"}
    )
    httpserver.expect_request("/evil").respond_with_data(
        "", status=302, headers={"Location": "http://internal.corp/admin"}
    )
    policy = _local_policy(httpserver)
    fetched = fetch_public(f"http://jobs.test:{port}/moved", policy)
    assert fetched.url.endswith("/job") and fetched.content_type == "text/html"
    assert httpserver.log[0][0].headers["Host"] == f"jobs.test:{port}"  # pinned address, original host
    with pytest.raises(Exception, match="not a public address"):
        fetch_public(f"http://jobs.test:{port}/evil", policy)


def test_fetch_caps_size_and_time(httpserver):
    port = httpserver.port
    httpserver.expect_request("/big").respond_with_data("x" * 5000)
    with pytest.raises(Exception, match="larger than"):
        fetch_public(f"http://jobs.test:{port}/big", _local_policy(httpserver, max_bytes=1000))


def test_ingest_a_job_page_by_url(httpserver, web_store):
    page = """<html><script type="application/ld+json">{"@context": "https://schema.org", "@type": "JobPosting",
      "identifier": "job-77", "title": "Senior Rust Engineer", "description": "Rust and Tokio. Remote.",
      "hiringOrganization": {"name": "Ferris"}, "datePosted": "2018-04-20"}</script></html>"""
    httpserver.expect_request("/jobs/77").respond_with_data(page, headers={"content-type": "text/html"})
    with make_client(web_store, url_policy=_local_policy(httpserver)) as c:
        r = c.post("/api/ingest", json={"url": f"http://jobs.test:{httpserver.port}/jobs/77"})
        assert r.status_code == 200, r.text
        assert r.json()["stored"] == 1
        hits = c.get("/api/postings", params={"q": "ferris"}).json()["items"]
        assert [h["title"] for h in hits] == ["Senior Rust Engineer"]
