"""Near-duplicate grouping (analytics/near_dups.py) measured on the real Hacker News postings: precision
and recall on pairs judged by reading (bench/data/near_dup_labels.jsonl), at several thresholds, and the
time to group the whole dump. Not part of `make test`.

    .venv/bin/python bench/near_dup_bench.py

The labelled pairs: 42 pairs of postings from the 2013–2018 "Who is hiring" threads, drawn at random from
the pairs LSH proposed at similarity ≥ 0.3, six from each band of 0.1 between 0.3 and 1.0, then judged:
the same job when the same employer offers the same role(s), wording edits allowed; not the same when a
role was added, dropped or replaced. Pairs below 0.3 were not sampled, so recall is measured on pairs that
look alike at least that much.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from rolemap.analytics.near_dups import DEFAULT_THRESHOLD, groups_of, signatures
from rolemap.models import Posting
from rolemap.sources import read_file
from rolemap.text.clean import document_text

HERE = Path(__file__).resolve().parent
DUMP = HERE.parents[1] / "shared/data/hn_whoishiring_2013_2018/hn_whoishiring_2013-08_2018-04.jsonl.gz"
LABELS = HERE / "data/near_dup_labels.jsonl"


def main() -> None:
    postings = [p for p in read_file(DUMP) if isinstance(p, Posting)]
    postings.sort(key=lambda p: (p.posted_at or "", p.id))
    ids = [p.id for p in postings]
    start = time.perf_counter()
    sigs = signatures([document_text(p.title, p.description) for p in postings])
    made = time.perf_counter() - start
    print(f"{len(ids):,} postings: signatures in {made:.1f} s ({len(ids) / made:,.0f} a second, one core)")
    labels = [json.loads(line) for line in LABELS.read_text().splitlines() if line.strip()]
    same = sum(label["same_job"] for label in labels)
    print(f"{len(labels)} labelled pairs, {same} the same job\n")
    print(f"{'threshold':>9} {'precision':>9} {'recall':>7} {'groups':>7} {'dropped':>8} {'seconds':>8}")
    for threshold in (0.5, 0.6, 0.7, 0.8, 0.9):
        start = time.perf_counter()
        groups = groups_of(ids, sigs, threshold)
        took = time.perf_counter() - start
        group_of = {pid: n for n, g in enumerate(groups) for pid in g.ids}
        found = [group_of.get(x["a"], -1) == group_of.get(x["b"], -2) for x in labels]
        hits = sum(f and x["same_job"] for f, x in zip(found, labels, strict=True))
        precision = hits / max(1, sum(found))
        mark = "  ← default" if threshold == DEFAULT_THRESHOLD else ""
        print(
            f"{threshold:9.1f} {precision:9.2f} {hits / same:7.2f} {len(groups):7,} "
            f"{sum(len(g.ids) - 1 for g in groups):8,} {took:8.1f}{mark}"
        )


if __name__ == "__main__":
    main()
