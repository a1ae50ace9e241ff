"""Scale: extraction of 1,000,000 postings to Parquet on a local Dask cluster of 1 and then 2 worker
processes (postings a second, and the scaling ratio), then the figures over the whole output: near-duplicate
grouping and the market page by DuckDB. Not part of `make test`.

    .venv/bin/python bench/scale_bench.py [--postings 1000000] [--shards 40] [--work /tmp/rolemap-scale]

The input is the Hacker News dump (28k real postings) repeated with new ids until it holds --postings
lines, in --shards JSONL files. Repeats are exact copies, so extraction does the full work on each line
while the deduplicated market counts the 28k distinct postings: the figure for the 1M rows is the time to
read them, not the grouping of 1M distinct texts. Both runs' Parquet files are checked to be the same bytes.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import time
from pathlib import Path

from rolemap.analytics.dataset import dataset_market
from rolemap.analytics.lane import Lane
from rolemap.cluster.dedup import dataset_near_groups, write_near_dups
from rolemap.cluster.engine import run_units
from rolemap.cluster.shards import extract_shard

DUMP = (
    Path(__file__).resolve().parents[2]
    / "shared/data/hn_whoishiring_2013_2018/hn_whoishiring_2013-08_2018-04.jsonl.gz"
)


def make_input(folder: Path, postings: int, shards: int) -> list[Path]:
    paths = [folder / f"shard-{i:03d}.jsonl" for i in range(shards)]
    stamp = folder / f".made-{postings}-{shards}"
    if stamp.exists():
        return paths
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    with gzip.open(DUMP, "rt", encoding="utf-8") as f:
        rows = [json.loads(line) for line in f]
    per_shard = -(-postings // shards)
    written = 0
    for path in paths:
        with path.open("w", encoding="utf-8") as out:
            for _ in range(min(per_shard, postings - written)):
                row = dict(rows[written % len(rows)])
                row["hn_item_id"] = f"{row['hn_item_id']}-r{written // len(rows)}"
                out.write(json.dumps(row) + "\n")
                written += 1
    stamp.touch()
    return paths


def extract_with(workers: int, shards: list[Path], out: Path) -> float:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    started = time.perf_counter()
    results = run_units(extract_shard, [(str(s), str(out)) for s in shards], engine="dask", workers=workers)
    seconds = time.perf_counter() - started
    assert len(results) == len(shards), "a shard failed"
    return seconds


def digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.glob("*.parquet")):
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postings", type=int, default=1_000_000)
    parser.add_argument("--shards", type=int, default=40)
    parser.add_argument("--work", type=Path, default=Path("/tmp/rolemap-scale"))
    args = parser.parse_args()
    started = time.perf_counter()
    shards = make_input(args.work / "input", args.postings, args.shards)
    size = sum(p.stat().st_size for p in shards) / 2**30
    print(
        f"input: {args.postings:,} postings in {len(shards)} JSONL shards, {size:.1f} GiB "
        f"(made or reused in {time.perf_counter() - started:.0f} s); {os.cpu_count()} cores"
    )
    seconds = {}
    for workers in (1, 2):
        out = args.work / f"records-{workers}"
        seconds[workers] = extract_with(workers, shards, out)
        print(
            f"extract, {workers} worker(s): {seconds[workers]:,.0f} s = "
            f"{args.postings / seconds[workers]:,.0f} postings/s",
            flush=True,
        )
    same = digest(args.work / "records-1") == digest(args.work / "records-2")
    print(f"scaling 1 → 2 workers: {seconds[1] / seconds[2]:.2f}x (ideal 2.00); outputs identical: {same}")
    records = args.work / "records-2"
    out_size = sum(p.stat().st_size for p in records.glob("*.parquet")) / 2**30
    print(f"output: {out_size:.1f} GiB of Parquet")
    started = time.perf_counter()
    groups, counted = dataset_near_groups(records, 0.8)
    write_near_dups(records, groups)
    print(
        f"near-duplicates over {args.postings:,} rows ({counted:,} distinct postings): "
        f"{len(groups):,} groups in {time.perf_counter() - started:.1f} s"
    )
    for lane in (Lane(), Lane(language=("python",), seniority=("senior",))):
        started = time.perf_counter()
        m = dataset_market(records, lane)
        print(
            f"market --dataset ({lane.describe()}): {m.postings:,} postings counted, "
            f"median pay {m.pay.median}, in {time.perf_counter() - started:.1f} s"
        )


if __name__ == "__main__":
    main()
