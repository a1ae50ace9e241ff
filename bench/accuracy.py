"""Extraction accuracy on every labelled set we have. Not part of `make test`.

    .venv/bin/python bench/accuracy.py [SHARED]      # SHARED defaults to ../shared beside the repo

1. The hand labels (../shared/eval/dev_labels.jsonl) and the salary labels (salary_labels.jsonl), scored
   by the project's own ../shared/eval/score.py on `rolemap extract` output.
2. LinkedIn 2024 sample (1,000 postings, the board's structured fields as truth): employment type against
   `formatted_work_type`; remote precision and recall against `remote_allowed`.
3. Dice 2017 sample (658 postings): years of experience against the employer-entered `experience_range`.

The structured fields are what employers ticked, not what the text says, so they disagree with a careful
reader now and then: these figures are a floor, the hand labels are the measure.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from rolemap.extract import extract_record

SHARED = Path(__file__).resolve().parents[2] / "shared"
WORK_TYPES = {
    "Full-time": "full_time",
    "Part-time": "part_time",
    "Contract": "contract",
    "Internship": "internship",
    "Temporary": "temporary",
}


def main(shared: Path = SHARED) -> None:
    for labels, pool in (
        ("dev_labels.jsonl", "postings.jsonl"),
        ("salary_labels.jsonl", "salary_postings.jsonl"),
    ):
        print(f"== {labels} (score.py)")
        print(score(shared / "eval" / labels, shared / "data" / "eval_pool" / pool, shared), end="")
    linkedin(shared / "data" / "linkedin_2024_sample" / "postings_sample_1000.csv")
    dice(shared / "data" / "dice_tech_sample" / "dice_postings_with_skills.csv")


def score(labels: Path, pool: Path, shared: Path) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        with pool.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
            for line in src:
                dst.write(json.dumps(extract_record(json.loads(line))) + "\n")
        run = [sys.executable, str(shared / "eval" / "score.py"), str(labels), str(out)]
        return subprocess.run(run, capture_output=True, text=True, check=True).stdout


def rows(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 24)
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def linkedin(path: Path) -> None:
    print(f"== {path.parent.name}: employment type and remote against the board's fields")
    confusion: Counter[tuple[str, str | None]] = Counter()
    tp = fp = fn = 0
    data = rows(path)
    for row in data:
        record = extract_record(
            {"id": row["job_id"], "title": row["title"], "description": row["description"]}
        )
        truth = WORK_TYPES.get(row["formatted_work_type"])
        if truth:
            confusion[(truth, record["employment_type"])] += 1
        remote_truth = row["remote_allowed"] == "1.0"
        remote_said = record["work_model"] == "remote"
        tp += remote_truth and remote_said
        fp += remote_said and not remote_truth
        fn += remote_truth and not remote_said
    judged = sum(confusion.values())
    right = sum(n for (t, g), n in confusion.items() if t == g)
    said = sum(n for (_, g), n in confusion.items() if g is not None)
    right_when_said = sum(n for (t, g), n in confusion.items() if g is not None and t == g)
    print(
        f"employment_type    n={judged}  accuracy={right / judged:.3f}  "
        f"precision={right_when_said / said:.3f} (when the text names one: {said})"
    )
    print(
        f"remote             n={len(data)}  precision={tp / max(tp + fp, 1):.3f}  recall={tp / max(tp + fn, 1):.3f}  "
        f"(board says remote: {tp + fn})"
    )
    misses = Counter({k: v for k, v in confusion.items() if k[0] != k[1]}).most_common(4)
    print("   most common misses (board, extracted): " + ", ".join(f"{k}: {v}" for k, v in misses))


def dice(path: Path) -> None:
    print(f"== {path.parent.name}: years of experience against experience_range")
    exact = near = inside = said = judged = 0
    for row in rows(path):
        low, _, high = row["experience_range"].removesuffix("yrs").partition("-")
        low, high = low.strip(), high.strip()
        if not (low.isdigit() and high.isdigit()) or high == "0":
            continue  # no range given ("0 - 0" is Dice's blank)
        judged += 1
        years = extract_record(
            {"id": row["job_id"], "title": row["title"], "description": row["description"]}
        )["years_experience"]
        if years is None:
            continue
        said += 1
        exact += years["min"] == int(low)
        near += abs(years["min"] - int(low)) <= 1
        inside += int(low) <= years["min"] <= int(high)
    print(
        f"years_experience   n={judged}  stated in text and read: {said}  "
        f"exact={exact / max(said, 1):.3f}  within 1 year={near / max(said, 1):.3f}  "
        f"inside the range={inside / max(said, 1):.3f}"
    )


if __name__ == "__main__":
    main(*(Path(a) for a in sys.argv[1:2]))
