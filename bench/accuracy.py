"""Extraction accuracy on every labelled set we have. Not part of `make test`.

    .venv/bin/python bench/accuracy.py [SHARED] [--part PART ...]   # SHARED: ../shared beside the repo

PART is any of labels, heldout, boards, hn, taxonomy (all by default): `--part hn` prints the Hacker News
proxies without scoring a held-out set, which keeps an untouched set untouched.

1. The hand labels (../shared/eval/dev_labels.jsonl) and the salary labels (salary_labels.jsonl), scored
   by the project's own ../shared/eval/score.py on `rolemap extract` output; then the held-out labels
   (bench/heldout/labels.jsonl and labels_b.jsonl to labels_k.jsonl: 60 postings each of the
   same sources outside the eval pool, labelled by reading without the tool's output), the check that a rule
   tuned on the dev labels holds elsewhere; sets B, C, D, F, H and J are only ever scored, A, E, G and I were read
   (bench/heldout/README.md).
2. LinkedIn 2024 sample (1,000 postings, the board's structured fields as truth): employment type against
   `formatted_work_type`; remote precision and recall against `remote_allowed`.
3. Dice 2017 sample (658 postings): years of experience against the employer-entered `experience_range`.
4. LinkedIn sample read as `rolemap ingest --map …` reads it: how often the record's employment type,
   remote flag and salary equal the CSV's own columns where a column is set (the board's facts first:
   target 100%).
5. The whole HN dump (28k postings, no labels): how many records name a company that is a place, a job
   title, a URL or a stack of technologies (target 0), and a random 300 written to
   bench/out/identity_sample.tsv to check by reading.

The structured fields are what employers ticked, not what the text says, so they disagree with a careful
reader now and then: these figures are a floor, the hand labels are the measure.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from rolemap.extract import extract_record
from rolemap.extract.scoring import company_key

SHARED = Path(__file__).resolve().parents[2] / "shared"
WORK_TYPES = {
    "Full-time": "full_time",
    "Part-time": "part_time",
    "Contract": "contract",
    "Internship": "internship",
    "Temporary": "temporary",
}


PARTS = ("labels", "heldout", "boards", "hn", "taxonomy")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shared", nargs="?", type=Path, default=SHARED, help="the shared folder (data, eval)")
    parser.add_argument("--part", choices=PARTS, action="append", help="run only these parts (repeatable)")
    args = parser.parse_args()
    run_parts(args.shared, frozenset(args.part or PARTS))


def run_parts(shared: Path, parts: frozenset[str]) -> None:
    if "labels" in parts:
        for labels, pool in (
            ("dev_labels.jsonl", "postings.jsonl"),
            ("salary_labels.jsonl", "salary_postings.jsonl"),
        ):
            print(f"== {labels} (score.py)")
            print(score(shared / "eval" / labels, shared / "data" / "eval_pool" / pool, shared), end="")
    if "heldout" in parts:
        heldout_sets(shared)
    if "boards" in parts:
        linkedin(shared / "data" / "linkedin_2024_sample" / "postings_sample_1000.csv")
        dice(shared / "data" / "dice_tech_sample" / "dice_postings_with_skills.csv")
        source_fields_agreement(shared / "data" / "linkedin_2024_sample" / "postings_sample_1000.csv")
    if "hn" in parts:
        identity_on_hn(
            shared / "data" / "hn_whoishiring_2013_2018" / "hn_whoishiring_2013-08_2018-04.jsonl.gz"
        )
    if "taxonomy" in parts:
        taxonomy_size()


def heldout_sets(shared: Path) -> None:
    for name, note in (
        ("labels.jsonl", "set A: read to find rules"),
        ("labels_b.jsonl", "set B: scored only, never read"),
        ("labels_c.jsonl", "set C: drawn 2026-12-02, scored only, never read"),
        (
            "labels_d.jsonl",
            "set D: drawn 2026-12-02 in session 13, scored untouched until session 30, then read",
        ),
        ("labels_e.jsonl", "set E: drawn 2026-12-02 in session 14, scored once untouched, then read"),
        ("labels_f.jsonl", "set F: drawn 2026-12-02 in session 15, scored only, never read"),
        ("labels_g.jsonl", "set G: drawn 2026-12-03 in session 26, scored once untouched, then read"),
        ("labels_h.jsonl", "set H: drawn 2026-12-03 in session 26, scored only, never read"),
        ("labels_i.jsonl", "set I: drawn 2026-12-03 at session 26's end, scored once untouched, then read"),
        ("labels_j.jsonl", "set J: drawn 2026-12-03 in session 27, scored only, never read"),
        ("labels_k.jsonl", "set K: drawn 2026-12-03 in session 28, scored once untouched, then read"),
    ):
        heldout = Path(__file__).parent / "heldout" / name
        with tempfile.TemporaryDirectory() as tmp:
            pool = heldout_pool(heldout, shared, Path(tmp) / "postings.jsonl")
            print(f"== bench/heldout/{name} (score.py; 60 postings outside the eval pool, {note})")
            print(score(heldout, pool, shared), end="")


def taxonomy_size() -> None:
    """The taxonomy the skills figures rest on: its size by source and by category, and its load time."""
    import time

    from rolemap.extract.taxonomy import load_taxonomy, taxonomy_sizes

    load_taxonomy.cache_clear()  # timed as a fresh process loads it, not as the readers above left it
    start = time.perf_counter()
    entries = load_taxonomy()
    seconds = time.perf_counter() - start
    sizes = taxonomy_sizes(entries)
    print("== the skills taxonomy (extract/data/skills.tsv.gz)")
    print("totals             " + ", ".join(f"{k} {v:,}" for k, v in sizes["totals"].items()))
    for part in ("by source", "by category"):
        counts = sorted(sizes[part].items(), key=lambda kv: -kv[1])
        print(f"{part:18} " + ", ".join(f"{k} {v:,}" for k, v in counts))
    print(
        f"loads in           {seconds:.2f} s (parsed, aliases indexed; the automaton is built on first use)"
    )


def score(labels: Path, pool: Path, shared: Path) -> str:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        with pool.open(encoding="utf-8") as src, out.open("w", encoding="utf-8") as dst:
            for line in src:
                dst.write(json.dumps(extract_record(json.loads(line))) + "\n")
        run = [sys.executable, str(shared / "eval" / "score.py"), str(labels), str(out)]
        return subprocess.run(run, capture_output=True, text=True, check=True).stdout


def heldout_pool(labels: Path, shared: Path, out: Path) -> Path:
    """The held-out postings as the contract's input, read from ../shared/data by id ("hn-…" from the HN
    dump, "dice-…" and "li-…" by the CSVs' job_id), in the labels' order, in the eval pool's shape: a
    Hacker News line carries its url and date, a LinkedIn line the board's company and location columns
    (../shared/data/eval_pool/postings.jsonl does both; the labels are read from the text alone)."""
    from rolemap.models import Posting
    from rolemap.sources import read_file

    wanted = [json.loads(line)["id"] for line in labels.open(encoding="utf-8")]
    found: dict[str, dict[str, str]] = {}
    data = shared / "data"
    for posting in read_file(data / "hn_whoishiring_2013_2018" / "hn_whoishiring_2013-08_2018-04.jsonl.gz"):
        if isinstance(posting, Posting) and posting.id in wanted:
            found[posting.id] = {
                "id": posting.id, "title": posting.title, "description": posting.description,
                "posted_at": posting.posted_at, "url": posting.url,
            }  # fmt: skip
    for prefix, path, columns in (
        ("dice-", data / "dice_tech_sample" / "dice_postings_with_skills.csv", {}),
        (
            "li-",
            data / "linkedin_2024_sample" / "postings_sample_1000.csv",
            {"company": "company_name", "location": "location"},
        ),
    ):
        for row in rows(path):
            found[prefix + row["job_id"]] = {
                "id": prefix + row["job_id"], "title": row["title"], "description": row["description"],
                **{key: row[column] for key, column in columns.items()},
            }  # fmt: skip
    missing = [i for i in wanted if i not in found]
    if missing:
        raise SystemExit(f"{labels}: {len(missing)} postings not found in {data}: {', '.join(missing[:5])}")
    with out.open("w", encoding="utf-8") as f:
        for i in wanted:
            f.write(json.dumps(found[i]) + "\n")
    return out


def rows(path: Path) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 24)
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def linkedin(path: Path) -> None:
    print(f"== {path.parent.name}: employment type and remote against the board's fields")
    confusion: Counter[tuple[str, str | None]] = Counter()
    tp = fp = fn = 0
    companies: Counter[str] = Counter()
    data = rows(path)
    for row in data:
        record = extract_record(
            {"id": row["job_id"], "title": row["title"], "description": row["description"]}
        )
        if row["company_name"].strip():  # the board's own company column against the text's reading
            read = record.get("company")
            companies[
                "none"
                if not read
                else "agree"
                if company_key(read) == company_key(row["company_name"])
                else "differ"
            ] += 1
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
    named = companies["agree"] + companies["differ"]
    print(
        f"company (text)     n={sum(companies.values())}  named={named}  "
        f"agree with the board's column={companies['agree'] / max(named, 1):.3f} ({companies['agree']}), "
        f"differ {companies['differ']} (a staffing firm, a parent or a subsidiary, or misread), none {companies['none']}"
    )


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


LINKEDIN_MAP = (
    "id=job_id,salary_min=min_salary,salary_max=max_salary,salary_period=pay_period,salary_currency=currency,"
    "remote=remote_allowed,employment_type=formatted_work_type"
)
PAY_PERIODS = {"YEARLY": "year", "HOURLY": "hour", "MONTHLY": "month", "WEEKLY": "week", "DAILY": "day"}


def source_fields_agreement(path: Path) -> None:
    """The record against the CSV columns it was given with --map: agreement where the column is set."""
    from rolemap.models import Posting
    from rolemap.pipeline import prepare
    from rolemap.sources import read_file

    print(f"== {path.parent.name}: source fields agreement (rolemap ingest --map {LINKEDIN_MAP})")
    column_map = dict(pair.split("=", 1) for pair in LINKEDIN_MAP.split(","))
    records = {
        p.id: prepare(p).extraction for p in read_file(path, column_map=column_map) if isinstance(p, Posting)
    }
    kinds = remote = pay = 0
    kinds_right = remote_right = pay_right = 0
    unmapped: Counter[str] = Counter()
    for row in rows(path):
        record = records.get(row["job_id"])
        if record is None:
            continue
        if row["formatted_work_type"]:
            truth = WORK_TYPES.get(row["formatted_work_type"])
            if truth is None:
                unmapped[row["formatted_work_type"]] += 1
            else:
                kinds += 1
                kinds_right += record.employment_type == truth
        if row["remote_allowed"]:
            remote += 1
            remote_right += record.work_model == ("remote" if float(row["remote_allowed"]) else None)
        if row["min_salary"] or row["max_salary"]:
            pay += 1
            low, high = (
                float(row["min_salary"] or row["max_salary"]),
                float(row["max_salary"] or row["min_salary"]),
            )
            got = record.salary or {}
            pay_right += (
                got.get("currency") == row["currency"]
                and got.get("period") == PAY_PERIODS.get(row["pay_period"])
                and _within(got.get("min"), low)
                and _within(got.get("max"), high)
            )
    for name, right, n in (
        ("employment_type", kinds_right, kinds),
        ("remote", remote_right, remote),
        ("salary", pay_right, pay),
    ):
        print(f"{name:<18} column set: {n:>4}  agree: {right:>4}  = {right / max(n, 1):.1%}")
    if unmapped:
        print(
            "   not in the contract's value set (no fact, the text decides): "
            + ", ".join(f"{k}: {v}" for k, v in unmapped.most_common())
        )


def identity_on_hn(dump: Path, sample: int = 300) -> None:
    """Companies that are not companies, counted by the readers' own tests over the whole dump, and a
    sample to read: the automatic count cannot see a wrong name that looks like a name."""
    import gzip
    import random
    import re

    from rolemap.extract.company_names import a_stack
    from rolemap.extract.places import confident_place
    from rolemap.extract.roles import is_role_title
    from rolemap.text import document_text

    print(f"== {dump.parent.name}: identity over every posting (no labels)")
    with gzip.open(dump, "rt", encoding="utf-8") as f:
        items = [json.loads(line) for line in f]
    bad: Counter[str] = Counter()
    named = 0
    families: Counter[str] = Counter()
    with_skills = used_only = entries = 0
    records = []
    for item in items:
        html = item.get("text_html") or ""
        text = document_text("", html)
        record = extract_record({"id": str(item["hn_item_id"]), "title": "", "description": html})
        records.append((item["hn_item_id"], text.strip().split("\n", 1)[0][:150], record))
        families.update(record["role_families"])
        with_skills += bool(record["skills"])
        entries += len(record["skills"])
        used_only += sum(1 for s in record["skills"] if not s.get("asked", True))
        company = record["company"]
        if not company:
            continue
        named += 1
        if confident_place(company):  # a town's name alone is often a company's too ("Nava", "Spring")
            bad["a place"] += 1
        elif is_role_title(company) and re.search(r"(?i)\b(?:engineer|developer|manager)s?\b", company):
            bad["a job title"] += 1
        elif re.search(r"(?i)https?:|www\.|\.(?:com|io|co)\b/", company):
            bad["a URL"] += 1
        elif a_stack(company):  # "Python/Django", "Full Stack PHP": what a role is built with
            bad["a stack"] += 1
    n = len(items)
    print(
        f"company named      {named:,} of {n:,} ({named / n:.1%}); a place: {bad['a place']}, "
        f"a job title: {bad['a job title']}, a URL: {bad['a URL']}, a stack of technologies: {bad['a stack']}"
    )
    with_place = sum(1 for _, _, r in records if r["locations"])
    print(f"locations named    {with_place:,} of {n:,} ({with_place / n:.1%})")
    print("role families      " + ", ".join(f"{k} {v / n:.0%}" for k, v in families.most_common()))
    print(
        f"skills             at least one in {with_skills:,} of {n:,} ({with_skills / n:.1%}); "
        f"{entries:,} skill entries, {used_only:,} ({used_only / max(entries, 1):.1%}) only used, not asked"
    )
    out = Path(__file__).resolve().parent / "out" / "identity_sample.tsv"
    out.parent.mkdir(exist_ok=True)
    rng = random.Random(300)
    with out.open("w", encoding="utf-8") as f:
        f.write("id\tfirst line\tcompany\tlocations\troles\n")
        for pid, first, r in rng.sample(records, min(sample, len(records))):
            places = "; ".join(f"{p['city'] or ''},{p['country'] or ''}" for p in r["locations"])
            roles = "; ".join(f"{x['title']}={x['family']}" for x in r["roles"])
            f.write(f"{pid}\t{first}\t{r['company'] or ''}\t{places}\t{roles}\n")
    print(f"   {min(sample, n)} records to read: {out}")


def _within(value: object, truth: float) -> bool:
    return isinstance(value, (int, float)) and abs(value - truth) <= 0.01 * truth


if __name__ == "__main__":
    main()
