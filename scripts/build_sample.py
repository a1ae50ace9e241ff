"""Rebuild the bundled sample from ../shared/data/hn_whoishiring_2013_2018 (run by hand, not at install).

Keeps top-level HN "Who is hiring?" posts that are about backend work (they say backend / back-end /
server-side / API and name a backend language), at most PER_MONTH a month so every month of 2013-08 to
2018-04 is represented, in the dump's own row format.

    python scripts/build_sample.py [DUMP] [OUT]
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

DUMP = (
    Path(__file__).resolve().parents[2]
    / "shared/data/hn_whoishiring_2013_2018/hn_whoishiring_2013-08_2018-04.jsonl.gz"
)
OUT = Path(__file__).resolve().parents[1] / "src/rolemap/data/sample/hn_backend_2013_2018.jsonl.gz"
PER_MONTH = 60
BACKEND = re.compile(r"back[- ]?end|server[- ]side|\bapis?\b|microservices?|distributed systems", re.I)
LANGUAGE = re.compile(
    r"\b(?:python|java|golang|go|ruby|php|node\.?js|scala|elixir|c#|\.net|kotlin|rust|clojure|erlang)\b", re.I
)
KEEP = ("month", "hn_item_id", "url", "user", "text_html", "derived_remote")


def main(dump: Path = DUMP, out: Path = OUT) -> None:
    by_month: dict[str, list[dict[str, object]]] = defaultdict(list)
    with gzip.open(dump, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            text = row.get("text_html") or ""
            if BACKEND.search(text) and LANGUAGE.search(text) and len(text) < 20_000:
                by_month[row["month"]].append({k: row[k] for k in KEEP if k in row})
    rows = [
        r
        for month in sorted(by_month)
        for r in sorted(by_month[month], key=lambda r: r["hn_item_id"])[:PER_MONTH]
    ]
    out.parent.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(out, "wb", mtime=0) as f:
        for row in rows:
            f.write((json.dumps(row, ensure_ascii=False) + "\n").encode())
    print(f"{len(rows)} postings from {len(by_month)} months -> {out} ({out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:3]))
