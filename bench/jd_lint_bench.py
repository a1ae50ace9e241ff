"""`rolemap jd lint` over every posting of the eval pool (290 + 125), in one process: how long, and how
many findings of each rule. Not part of `make test`.

    .venv/bin/python bench/jd_lint_bench.py [SHARED]
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from rolemap.jd.lint import lint_text
from rolemap.text import document_text

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main(shared: Path = SHARED) -> None:
    rows = [
        json.loads(line)
        for name in ("postings.jsonl", "salary_postings.jsonl")
        for line in (shared / "data" / "eval_pool" / name).read_text(encoding="utf-8").splitlines()
    ]
    tally: Counter[str] = Counter()
    start = time.perf_counter()
    for row in rows:
        _, findings = lint_text(document_text(row.get("title") or "", row.get("description") or ""))
        tally.update(f"{f.rule} ({f.severity})" for f in findings)
    seconds = time.perf_counter() - start
    print(f"linted {len(rows)} postings in {seconds:.1f} s ({len(rows) / seconds:,.0f} a second), no crash")
    for rule, n in sorted(tally.items()):
        print(f"  {rule:34} {n:5}")


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:2]))
