"""`rolemap serve --workers 2` for real: two processes on one port, each building its app from what the
command handed down (the store and the token)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

TOKEN = "a-long-test-token-0123456789"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _request(url: str, method: str = "GET", body: bytes | None = None, token: str | None = None) -> int:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, body, headers, method=method), timeout=10
        ) as r:
            return int(r.status)
    except urllib.error.HTTPError as e:
        return e.code


def test_several_worker_processes_serve_one_store(web_store):
    port = _free_port()
    env = {**os.environ, "ROLEMAP_TOKEN": TOKEN}
    server = subprocess.Popen(
        [sys.executable, "-m", "rolemap", "serve", "--db", web_store.url, "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(base)
        with urllib.request.urlopen(base + "/api/postings?q=zanzibarian", timeout=10) as r:
            assert [p["id"] for p in json.load(r)["items"]] == ["known-1"]
        change = json.dumps({"status": "applied"}).encode()
        assert _request(base + "/api/tracker/known-1", "PUT", change) == 401  # the token reached the workers
        assert _request(base + "/api/tracker/known-1", "PUT", change, token=TOKEN) == 200
        statuses = set()
        for _ in range(10):  # new connections land on either process: both see the write
            with urllib.request.urlopen(base + "/api/postings/known-1", timeout=10) as r:
                statuses.add(json.load(r)["tracker"]["status"])
        assert statuses == {"applied"}
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=20)
    assert "with 2 processes" in stderr


def test_allowed_hosts_and_sessions_reach_every_worker(web_store):
    """`--allowed-host` and the session key go down to the worker processes: a Host the server was not
    given is a 421 on each, a named one is answered, and a session made by one process holds on the other."""
    port = _free_port()
    env = {**os.environ, "ROLEMAP_TOKEN": TOKEN}
    server = subprocess.Popen(
        [sys.executable, "-m", "rolemap", "serve", "--db", web_store.url, "--port", str(port), "--workers", "2",
         "--allowed-host", "Jobs.Example.org:8443"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"

    def status(host: str, cookie: str | None = None) -> int:
        headers = {"Host": host, **({"Cookie": cookie} if cookie else {})}
        change = json.dumps({"status": "saved"}).encode()
        request = urllib.request.Request(
            base + "/api/tracker/known-1",
            change,
            {**headers, "Content-Type": "application/json"},
            method="PUT",
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as r:
                return int(r.status)
        except urllib.error.HTTPError as e:
            return e.code

    try:
        _wait_until_up(base)
        for _ in range(6):  # new connections land on either process
            assert status("attacker.test") == 421
            assert status("jobs.example.org") == 401  # answered: it needs the token
        page = urllib.request.urlopen(base + "/login", timeout=10)
        csrf = page.headers["set-cookie"].split("rolemap_csrf=")[1].split(";")[0]
        form = f"token={TOKEN}&csrf_token={csrf}".encode()
        login = urllib.request.Request(
            base + "/login",
            form,
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"rolemap_csrf={csrf}"},
        )

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        try:
            urllib.request.build_opener(NoRedirect).open(login, timeout=10)
        except urllib.error.HTTPError as e:
            assert e.code == 303
            session = e.headers["set-cookie"].split("rolemap_session=")[1].split(";")[0]
        assert {status(f"127.0.0.1:{port}", f"rolemap_session={session}") for _ in range(6)} == {200}
    finally:
        server.terminate()
        server.communicate(timeout=20)


def _wait_until_up(base: str) -> None:
    """Until the server answers (its workers start in a few seconds; at most 30)."""
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/api/tracker", timeout=1).read()
            return
        except OSError:
            time.sleep(0.1)
