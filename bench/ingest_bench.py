"""Ingest the whole Hacker News dump (28k postings) into a fresh SQLite store, with extraction, and print
postings per second. Not part of `make test`.

    .venv/bin/python bench/ingest_bench.py [DUMP]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from rolemap.pipeline import ingest
from rolemap.sources import read_file
from rolemap.store.db import open_store

DUMP = (
    Path(__file__).resolve().parents[2]
    / "shared/data/hn_whoishiring_2013_2018/hn_whoishiring_2013-08_2018-04.jsonl.gz"
)


def main(dump: Path = DUMP) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(f"sqlite:///{tmp}/bench.db")
        start = time.perf_counter()
        report = ingest(store, read_file(dump))
        seconds = time.perf_counter() - start
        size = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 2**20
    print(f"input: {dump.name}")
    print(report.summary())
    print(
        f"{report.read:,} postings in {seconds:.1f} s: {report.read / seconds:,.0f} postings/s "
        f"(SQLite, extraction included, one process); store {size:.0f} MB"
    )


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:2]))
