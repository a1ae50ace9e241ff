"""Draw a held-out set: 60 posting ids outside the eval pool and the sets already labelled, in the mix the
earlier sets have (25 Hacker News, 15 Dice, 20 LinkedIn: 12 with a software word in the title, 8 without).
Not part of `make test`.

    .venv/bin/python bench/heldout/draw.py SEED [SHARED] > ids.txt

Set C is `draw.py 20261203` with labels.jsonl and labels_b.jsonl already in this folder (set B was drawn
the same way with 20261202 before set C existed); set D is `draw.py 20261204` with sets A, B and C here,
set E `draw.py 20261205` with sets A to D here, set F `draw.py 20261206` with sets A to E here, set G
`draw.py 20261207` with sets A to F here, and set H `draw.py 20261208` with sets A to G here (only 3 LinkedIn
software titles were left, so it holds 24 Dice postings), set I `draw.py 20261209` with sets A to H here, set
J `draw.py 20261210` with sets A to I here, and set K `draw.py 20261211` with sets A to J here.
The postings to label: `accuracy.heldout_pool`.
"""

from __future__ import annotations

import csv
import json
import random
import re
import sys
from pathlib import Path

from rolemap.models import Posting
from rolemap.sources import read_file

HERE = Path(__file__).resolve().parent
SOFTWARE_TITLE = re.compile(
    r"(?i)\b(software|developer|engineer|programmer|devops|data|it\b|web|cloud|security|sre|qa|test)"
)


def main(seed: int, shared: Path) -> None:
    taken = {
        json.loads(line)["id"] for line in (shared / "data/eval_pool/postings.jsonl").open(encoding="utf-8")
    }
    for labels in [shared / "eval/dev_labels.jsonl", *sorted(HERE.glob("labels*.jsonl"))]:
        taken |= {json.loads(line)["id"] for line in labels.open(encoding="utf-8")}
    data = shared / "data"
    hn = sorted(
        p.id
        for p in read_file(data / "hn_whoishiring_2013_2018/hn_whoishiring_2013-08_2018-04.jsonl.gz")
        if isinstance(p, Posting) and p.id not in taken
    )
    dice = sorted(
        f"dice-{r['job_id']}" for r in _rows(data / "dice_tech_sample/dice_postings_with_skills.csv")
    )
    linkedin = [
        (f"li-{r['job_id']}", r["title"])
        for r in _rows(data / "linkedin_2024_sample/postings_sample_1000.csv")
    ]
    software = sorted(i for i, title in linkedin if i not in taken and SOFTWARE_TITLE.search(title))
    other = sorted(i for i, title in linkedin if i not in taken and not SOFTWARE_TITLE.search(title))
    rng = random.Random(seed)
    # the LinkedIn sample has few software titles: once sets A-G took them, Dice's tech postings stand in
    n_software = min(12, len(software))
    ids = (
        rng.sample(hn, 25)
        + rng.sample([i for i in dice if i not in taken], 15 + 12 - n_software)
        + rng.sample(software, n_software)
        + rng.sample(other, 8)
    )
    print("\n".join(ids))


def _rows(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 24)
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


if __name__ == "__main__":
    main(int(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else HERE.parents[2] / "shared")
