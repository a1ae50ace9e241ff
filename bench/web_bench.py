"""The web app under load: `rolemap serve` on loopback over a 100,000-posting store, driven by 50
concurrent keep-alive clients for 30 s per page kind (postings list, posting page, market page), each
client walking a mix of URLs. Prints requests per second and p50 / p95 / p99 latency per kind, and the
first (uncached) time of each market lane. Not part of `make test`.

    .venv/bin/python bench/web_bench.py [--postings 100000] [--clients 50] [--seconds 30] [--db PATH]

The store is the real Hacker News postings (../shared/data), repeated with new ids, dates shifted and a
marker line so copies are not duplicates, ingested through the normal pipeline (a few minutes, once; pass
--db to keep it). The load generator is a small asyncio HTTP/1.1 client in this process, on the other core.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from rolemap.models import Posting
from rolemap.pipeline import ingest
from rolemap.sources import read_file
from rolemap.store.db import open_store
from rolemap.store.repository import count_postings

DUMP = (
    Path(__file__).resolve().parents[2]
    / "shared/data/hn_whoishiring_2013_2018/hn_whoishiring_2013-08_2018-04.jsonl.gz"
)
LANGUAGES = ["go", "python", "java", "ruby", "javascript", "scala", "rust", "php", "csharp", "elixir"]
LEVELS = ["", "senior", "junior", "staff"]
WORDS = ["kafka", "postgresql", "payments", "kubernetes", "remote", "machine learning", "graphql", "rails"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--db", type=Path, default=None, help="keep the store here (reused when it exists)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "web.db"
        store = open_store(str(path))
        if count_postings(store) < args.postings:
            _fill(store, args.postings - count_postings(store))
        ids = _some_ids(store)
        print(
            f"store: {path.name}, {count_postings(store):,} postings, {path.stat().st_size / 2**20:,.0f} MB"
        )
        with _server(path) as base:
            _warm(base)
            _first_market_hits(base)
            kinds = {
                "postings list (/postings?…)": _list_urls(),
                "posting page (/postings/ID)": [f"/postings/{i}" for i in ids],
                "market page (/?…)": _market_urls(),
                "API list (/api/postings?…)": ["/api" + u for u in _list_urls()],
            }
            print(f"\n{args.clients} concurrent clients, {args.seconds:.0f} s each, keep-alive")
            print(f"{'kind':34} {'requests/s':>10} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
            for name, urls in kinds.items():
                latencies, errors, elapsed = asyncio.run(_load(base, urls, args.clients, args.seconds))
                q = statistics.quantiles(latencies, n=100)
                print(
                    f"{name:34} {len(latencies) / elapsed:10,.0f} {q[49] * 1000:8.1f} {q[94] * 1000:8.1f} "
                    f"{q[98] * 1000:8.1f} {errors:7}"
                )


def _fill(store, wanted: int) -> None:
    start = time.perf_counter()
    originals = [p for p in read_file(DUMP) if isinstance(p, Posting)]

    def copies() -> Iterator[Posting]:
        made = 0
        for n in itertools.count():
            for p in originals:
                if made >= wanted:
                    return
                posted = (
                    dt.date.fromisoformat(p.posted_at) + dt.timedelta(days=n % 28) if p.posted_at else None
                )
                yield replace(p, id=f"{p.id}-c{n}", posted_at=posted.isoformat() if posted else None,
                              description=p.description + f"\n(copy {n})")  # fmt: skip
                made += 1

    report = ingest(store, copies())
    print(f"ingested {report.stored:,} postings in {time.perf_counter() - start:.0f} s ({report.summary()})")


def _some_ids(store) -> list[str]:
    with store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id FROM postings WHERE duplicate_of IS NULL ORDER BY random() LIMIT 2000"
        )
        return [r[0] for r in rows]


def _list_urls() -> list[str]:
    rng = random.Random(1)
    urls = []
    for _ in range(300):
        params = [f"page={rng.randint(1, 20)}"]
        if rng.random() < 0.5:
            params.append(f"language={rng.choice(LANGUAGES)}")
        if rng.random() < 0.3:
            params.append("work_model=remote")
        if rng.random() < 0.25:
            params.append("q=" + rng.choice(WORDS).replace(" ", "+"))
        if rng.random() < 0.2:
            params.append("sort=" + rng.choice(["salary", "title", "oldest"]))
        urls.append("/postings?" + "&".join(params))
    return urls


def _market_urls() -> list[str]:
    urls = ["/"]
    for language, level in itertools.product(LANGUAGES, LEVELS):
        urls.append(f"/?language={language}" + (f"&seniority={level}" if level else ""))
    return urls


class _server:
    def __init__(self, db: Path) -> None:
        self.db = db

    def __enter__(self) -> str:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        rolemap = Path(sys.executable).with_name("rolemap")
        self.process = subprocess.Popen(
            [str(rolemap), "serve", "--db", str(self.db), "--port", str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "ROLEMAP_TOKEN": ""},
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/api/tracker", timeout=1).read()
                return base
            except OSError:
                time.sleep(0.1)
        raise SystemExit("the server did not start")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _warm(base: str) -> None:
    start = time.perf_counter()
    urllib.request.urlopen(base + "/api/postings?limit=1", timeout=600).read()
    print(f"first request (the market frame built and sort orders made): {time.perf_counter() - start:.1f} s")
    for sort in ("newest", "title", "salary", "oldest"):
        urllib.request.urlopen(f"{base}/api/postings?sort={sort}", timeout=60).read()


def _first_market_hits(base: str) -> None:
    times = []
    for url in _market_urls():
        start = time.perf_counter()
        urllib.request.urlopen(base + url, timeout=60).read()
        times.append(time.perf_counter() - start)
    print(
        f"market page, first hit of each of {len(times)} lanes (computed, not cached): "
        f"median {statistics.median(times) * 1000:.0f} ms, slowest {max(times) * 1000:.0f} ms"
    )


async def _load(base: str, urls: list[str], clients: int, seconds: float) -> tuple[list[float], int, float]:
    host, port = base.removeprefix("http://").split(":")
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds

    async def client(n: int) -> None:
        nonlocal errors
        reader, writer = await asyncio.open_connection(host, int(port))
        walk = itertools.cycle(urls[n % len(urls) :] + urls[: n % len(urls)])
        while time.perf_counter() < deadline:
            url = next(walk)
            start = time.perf_counter()
            writer.write(f"GET {url} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
            status, length = await _response_head(reader)
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - start)
            errors += status >= 400
        writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(client(n) for n in range(clients)))
    return latencies, errors, time.perf_counter() - start


async def _response_head(reader: asyncio.StreamReader) -> tuple[int, int]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    length = next(
        int(v) for k, _, v in (line.partition(":") for line in lines[1:]) if k.lower() == "content-length"
    )
    return status, length


if __name__ == "__main__":
    main()
