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
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/api/tracker", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
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
