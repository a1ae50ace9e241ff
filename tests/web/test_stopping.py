"""A long ingest stops when its client goes away and when the server is told to stop (SIGTERM), with
`rolemap serve` for real: before, an upload kept its server busy to the end, through both."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

POSTINGS = 60_000  # about a minute of ingest: far longer than any wait below


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _stored(db: Path) -> int:
    with sqlite3.connect(db, timeout=30) as conn:
        return int(conn.execute("select count(*) from postings").fetchone()[0])


def _wait_for(condition, what: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds:.0f} s for {what}")
        time.sleep(0.1)


def _upload_request(port: int) -> bytes:
    lines = "\n".join(
        json.dumps(
            {"id": f"long-{i}", "title": "Backend Engineer", "description": f"Go and Kafka, team {i}."}
        )
        for i in range(POSTINGS)
    ).encode()
    boundary = "rolemap-test-boundary"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="long.jsonl"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + lines
        + f"\r\n--{boundary}--\r\n".encode()
    )
    head = (
        f"POST /api/ingest HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    return head + body


@pytest.fixture
def server(web_store) -> Iterator[tuple[subprocess.Popen[str], int, Path]]:
    port = _free_port()
    db = Path(web_store.url.removeprefix("sqlite:///"))
    web_store.engine.dispose()
    process = subprocess.Popen(
        [sys.executable, "-m", "rolemap", "serve", "--db", web_store.url, "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env={**os.environ},
    )  # fmt: skip

    def answers() -> bool:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/tracker", timeout=1).read()
            return True
        except (OSError, urllib.error.URLError):
            return False

    try:
        _wait_for(answers, "the server to start")
        yield process, port, db
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=30)


def test_an_ingest_stops_when_its_client_disconnects(server):
    process, port, db = server
    before = _stored(db)
    client = socket.create_connection(("127.0.0.1", port))
    client.sendall(_upload_request(port))
    _wait_for(lambda: _stored(db) > before, "the ingest to store its first batch")
    client.close()
    time.sleep(2.0)  # the server looks every 0.2 s; the batch it is on is finished, then no other
    settled = _stored(db)
    time.sleep(2.0)
    assert _stored(db) == settled < before + POSTINGS
    assert process.poll() is None  # the server itself goes on
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/postings?q=kafka&limit=1", timeout=10) as r:
        assert json.load(r)["total"] > 0  # what was stored stays, and the server answers


def test_sigterm_stops_a_long_ingest(server):
    process, port, db = server
    before = _stored(db)
    answer: dict[str, object] = {}

    def upload() -> None:
        client = socket.create_connection(("127.0.0.1", port))
        client.sendall(_upload_request(port))
        client.settimeout(120)
        try:
            answer["head"] = client.recv(200)
        except OSError as e:
            answer["error"] = e
        client.close()

    thread = threading.Thread(target=upload, daemon=True)
    thread.start()
    _wait_for(lambda: _stored(db) > before, "the ingest to store its first batch")
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)  # before: the server waited for the whole ingest
    except subprocess.TimeoutExpired:
        pytest.fail("the server was still ingesting 30 s after SIGTERM")
    assert _stored(db) < before + POSTINGS
    thread.join(timeout=10)
    head = answer.get("head", b"")
    assert not head or head.startswith(b"HTTP/1.1 503"), head  # told why, if told at all
