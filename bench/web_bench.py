"""The web app under load: `rolemap serve --workers N` on loopback over a 100,000-posting store, driven
by 50 concurrent keep-alive clients for 30 s per page kind (postings list, posting page, market page, API
list), the clients walking a mix of URLs. Prints requests per second and p50 / p95 / p99 latency per
kind, and the first (uncached) time of each market lane and each list page. Not part of `make test`.

    .venv/bin/python bench/web_bench.py [--postings 100000] [--clients 50] [--seconds 30] [--workers N] [--db PATH]

The store is the real Hacker News postings (../shared/data), repeated with new ids, dates shifted and a
marker line so copies are not duplicates, ingested through the normal pipeline (a few minutes, once; pass
--db to keep it). The load comes from wrk (Debian's package; `make bench` installs it), a C program that
takes little of the CPU the server needs (bench/wrk_urls.lua walks the URLs and reports percentiles).
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import os
import random
import shutil
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
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="server processes")
    parser.add_argument("--db", type=Path, default=None, help="keep the store here (reused when it exists)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("web_bench needs wrk: apt-get install wrk (make bench does)")
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or Path(tmp) / "web.db"
        store = open_store(str(path))
        if count_postings(store) < args.postings:
            _fill(store, args.postings - count_postings(store))
        ids = _some_ids(store)
        print(
            f"store: {path.name}, {count_postings(store):,} postings, {path.stat().st_size / 2**20:,.0f} MB"
        )
        with _server(path, args.workers) as base:
            _warm(base)
            _first_hits(base, "market page", _market_urls())
            _first_hits(base, "postings list", _list_urls())
            kinds = {
                "postings list (/postings?…)": _list_urls(),
                "posting page (/postings/ID)": [f"/postings/{i}" for i in ids],
                "market page (/?…)": _market_urls(),
                "API list (/api/postings?…)": ["/api" + u for u in _list_urls()],
            }
            print(
                f"\n{args.clients} concurrent clients, {args.seconds:.0f} s each, keep-alive, "
                f"{args.workers} server process{'es' if args.workers > 1 else ''}"
            )
            print(f"{'kind':34} {'requests/s':>10} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>7}")
            for name, urls in kinds.items():
                n, seconds, p50, p95, p99, errors = _wrk(base, urls, args.clients, args.seconds, Path(tmp))
                print(f"{name:34} {n / seconds:10,.0f} {p50:8.1f} {p95:8.1f} {p99:8.1f} {errors:7}")


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
    def __init__(self, db: Path, workers: int) -> None:
        self.db, self.workers = db, workers

    def __enter__(self) -> str:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        rolemap = Path(sys.executable).with_name("rolemap")
        self.process = subprocess.Popen(
            [str(rolemap), "serve", "--db", str(self.db), "--port", str(port), "--workers", str(self.workers)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, "ROLEMAP_TOKEN": ""},
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        start = time.perf_counter()
        for _ in range(6000):
            try:
                urllib.request.urlopen(base + "/api/tracker", timeout=1).read()
                print(
                    f"server up (market frame built or read from its cache): {time.perf_counter() - start:.1f} s"
                )
                return base
            except OSError:
                time.sleep(0.1)
        raise SystemExit("the server did not start")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _warm(base: str) -> None:
    for sort in ("newest", "title", "salary", "oldest"):  # the sort orders, made once per frame
        urllib.request.urlopen(f"{base}/api/postings?sort={sort}", timeout=60).read()


def _first_hits(base: str, kind: str, urls: list[str]) -> None:
    times = []
    for url in urls:
        start = time.perf_counter()
        urllib.request.urlopen(base + url, timeout=60).read()
        times.append(time.perf_counter() - start)
    q = statistics.quantiles(times, n=20)
    print(
        f"{kind}, first hit of each of {len(times)} URLs (computed, not cached): "
        f"median {statistics.median(times) * 1000:.0f} ms, p95 {q[18] * 1000:.0f} ms, "
        f"slowest {max(times) * 1000:.0f} ms"
    )


def _wrk(
    base: str, urls: list[str], clients: int, seconds: float, tmp: Path
) -> tuple[int, float, float, float, float, int]:
    """Requests, seconds, p50 / p95 / p99 ms and errors (HTTP >= 400, socket errors and timeouts)."""
    listing = tmp / "urls.txt"
    listing.write_text("\n".join(urls) + "\n")
    script = Path(__file__).with_name("wrk_urls.lua")
    out = subprocess.run(
        ["wrk", "-t1", f"-c{clients}", f"-d{seconds:.0f}s", "--timeout", "10s", "-s", str(script), base],
        env={**os.environ, "URLS": str(listing)}, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    fields = next(line for line in out.splitlines() if line.startswith("RESULT")).split()[1:]
    n, elapsed, p50, p95, p99, http_errors, socket_errors = fields
    return int(n), float(elapsed), float(p50), float(p95), float(p99), int(http_errors) + int(socket_errors)


if __name__ == "__main__":
    main()
