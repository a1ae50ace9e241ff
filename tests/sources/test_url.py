"""Ingest by URL against hostile servers and addresses (issue 19): IPv6 addresses that wrap private IPv4
ones, malformed redirects, international host names, and a server that sends one byte at a time. Every
server here listens on 127.0.0.1 only; policies make it the one "public" address."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest

from rolemap.errors import FetchError, InputError
from rolemap.sources.url import UrlPolicy, ascii_host, check_url, fetch_public, is_public
from tests.web.conftest import make_client


def _no_connection(request: httpx.Request) -> httpx.Response:
    raise AssertionError(f"a connection was attempted to {request.url}")


NEVER_CONNECT = UrlPolicy(transport=httpx.MockTransport(_no_connection))


# ---- addresses that wrap others --------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "2002:7f00:1::1",  # 6to4 of 127.0.0.1
        "2002:a9fe:a9fe::1",  # 6to4 of 169.254.169.254
        "2002:0a00:0001::1",  # 6to4 of 10.0.0.1
        "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo
        "2001::1",
        "fec0::1",  # site-local
        "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
        "::127.0.0.1",  # IPv4-compatible
        "::ffff:169.254.169.254",
    ],
)
def test_wrapped_private_addresses_are_not_public(address):
    assert not is_public(address)


def test_6to4_of_a_public_address_is_judged_by_it():
    assert is_public("2002:5db8:d822::1")  # 93.184.216.34


@pytest.mark.parametrize("url", ["http://[2002:7f00:1::1]/", "http://[2002:a9fe:a9fe::1]/latest/meta-data/"])
def test_a_6to4_url_is_refused_before_connecting(url):
    with pytest.raises(InputError, match="not a public address"):
        fetch_public(url, NEVER_CONNECT)


# ---- a local server ---------------------------------------------------------------------------------


def _local_policy(**kw) -> UrlPolicy:
    """Names under .test (and their IDNA forms) resolve to 127.0.0.1, the only address allowed here."""
    return UrlPolicy(
        resolve=lambda host, port: ["127.0.0.1"] if host.endswith(".test") else ["10.0.0.1"],
        allowed=lambda a: a == "127.0.0.1",
        **kw,
    )


MALFORMED = ["http:169.254.169.254/", "https:x", "http://xn--/", "http://[::1", "http://a..b/", "ftp://x.test/",
             "javascript:alert(1)", "http://user:pw@x.test/", "http://x.test:99999/", "http://\u2603.test/",
             "http://169.254.169.254/", "//10.0.0.1/", "   "]  # fmt: skip


def _redirecting_server(location: str) -> Iterator[int]:
    """A server on 127.0.0.1 answering every request with a 302 to `location`, byte for byte."""
    head = f"HTTP/1.1 302 Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    yield from _raw_server(head.encode("utf-8"), seconds=0)


@pytest.mark.parametrize("location", MALFORMED)
def test_a_malformed_redirect_is_a_fetch_error_in_one_line(location):
    for port in _redirecting_server(location):
        with pytest.raises(FetchError) as caught:
            fetch_public(f"http://jobs.test:{port}/moved", _local_policy())
    message = caught.value.message
    assert "redirected to" in message and "\n" not in message and len(message) < 400, message


@pytest.mark.parametrize("location", ["http:169.254.169.254/", "https:x", "http://xn--/"])
def test_the_api_answers_a_malformed_redirect_with_502(store, location):
    for port in _redirecting_server(location):
        with make_client(store, url_policy=_local_policy()) as c:
            r = c.post("/api/ingest", json={"url": f"http://jobs.test:{port}/moved"})
    assert r.status_code == 502, r.text
    assert r.json()["code"] == "R200" and "redirected to" in r.json()["error"]


def test_an_international_host_name_is_idna_encoded(httpserver, store):
    page = """<script type="application/ld+json">{"@type": "JobPosting", "identifier": "idn-1",
      "title": "Go Engineer", "description": "Go and Kafka."}</script>"""
    httpserver.expect_request("/job").respond_with_data(page, headers={"content-type": "text/html"})
    seen: list[str] = []

    def resolve(host: str, port: int) -> list[str]:
        seen.append(host)
        return ["127.0.0.1"]

    policy = UrlPolicy(resolve=resolve, allowed=lambda a: a == "127.0.0.1")
    with make_client(store, url_policy=policy) as c:
        r = c.post("/api/ingest", json={"url": f"http://Bücher.test:{httpserver.port}/job"})
    assert r.status_code == 200, r.text
    assert seen == ["xn--bcher-kva.test"]
    assert httpserver.log[0][0].headers["Host"] == f"xn--bcher-kva.test:{httpserver.port}"


def test_host_names():
    assert ascii_host("Bücher.Example") == "xn--bcher-kva.example"
    assert ascii_host("jobs.example.org.") == "jobs.example.org" and ascii_host("::1") == "::1"
    for bad in ["xn--", "a..b", "\u2603.net", "-x.com", "a b.com", "x" * 64 + ".com"]:
        with pytest.raises(ValueError):
            ascii_host(bad)
    with pytest.raises(InputError, match="not a valid host name"):
        check_url("http://xn--/")


# ---- one deadline for the whole fetch ---------------------------------------------------------------


def _raw_server(head: bytes, seconds: float = 12.0) -> Iterator[int]:
    """A server on 127.0.0.1 that answers one request with `head`, then one byte every 0.2 s for `seconds`."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    stopped = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.recv(65536)
            try:
                conn.sendall(head)
                end = time.monotonic() + seconds
                while time.monotonic() < end and not stopped.is_set():
                    conn.sendall(b"x")
                    time.sleep(0.2)
            except OSError:
                pass  # the client gave up: what the test wants

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield port
    finally:
        stopped.set()
        listener.close()
        thread.join(timeout=15)


@pytest.mark.parametrize(
    "head",
    [
        b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n",  # a slow body
        b"HTTP/1.1 200 OK\r\nX-Slow: ",  # slow headers: no response object to check yet
    ],
)
def test_a_server_sending_a_byte_at_a_time_cannot_outlast_the_timeout(head):
    for port in _raw_server(head):
        start = time.monotonic()
        with pytest.raises(FetchError, match=r"timed out after 1\.5 s"):
            fetch_public(f"http://slow.test:{port}/", _local_policy(timeout=1.5))
        elapsed = time.monotonic() - start
        # Each byte comes well within any read timeout: only a deadline for the whole fetch ends it. Before,
        # the fetch lasted as long as the server kept sending (12 s).
        assert elapsed < 6, f"{elapsed:.1f} s"
