"""Extraction speed: the full record (every field, evidence included) for each posting of the Hacker News
dump (28k postings), on one process, with resident memory sampled along the way. Not part of `make test`.

    .venv/bin/python bench/extract_bench.py [DUMP] [--limit N]

Reading and decompressing the dump is timed apart from extraction, so the figure is the extractor's.
"""

from __future__ import annotations

import argparse
import gc
import resource
import time
from pathlib import Path

from rolemap.extract import extract_posting
from rolemap.models import Posting
from rolemap.sources import read_file

DUMP = (
    Path(__file__).resolve().parents[2]
    / "shared/data/hn_whoishiring_2013_2018/hn_whoishiring_2013-08_2018-04.jsonl.gz"
)


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize() / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump", nargs="?", type=Path, default=DUMP)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()

    start = time.perf_counter()
    postings = [p for p in read_file(args.dump) if isinstance(p, Posting)][: args.limit]
    read_seconds = time.perf_counter() - start
    chars = sum(len(p.description) for p in postings)

    extract_posting(postings[0])  # build the automata once, outside the timing
    # The postings are held in memory only so reading is timed apart; in `rolemap ingest` they stream.
    # Freezing them keeps the garbage collector from walking 28k held objects, as it never has to there.
    gc.freeze()
    samples = [(0, rss_mb())]
    step = max(1, len(postings) // 5)
    start = time.perf_counter()
    for n, posting in enumerate(postings, 1):
        extract_posting(posting)
        if n % step == 0:
            samples.append((n, rss_mb()))
    seconds = time.perf_counter() - start

    print(
        f"input: {args.dump.name}: {len(postings):,} postings, {chars / len(postings):,.0f} characters each on average"
    )
    print(f"read + parse JSON: {read_seconds:.1f} s")
    print(
        f"extract (HTML to text + every field + evidence): {seconds:.1f} s = "
        f"{len(postings) / seconds:,.0f} postings/s on one process"
    )
    print("resident memory (MB) after n postings: " + ", ".join(f"{n:,}: {mb:.0f}" for n, mb in samples))


if __name__ == "__main__":
    main()
