"""One vocabulary of totals (stored, unique, counted), the same in `info`, `summary` and the role page."""

import json
import subprocess
import sys

from rolemap.analytics.totals import totals_line, totals_of

BODY = (
    "We are hiring a senior backend engineer to build payment APIs in Go and PostgreSQL for our merchants. "
    "You will design services, review code, mentor engineers and own reliability of the billing platform. "
    "Five years of backend experience. Remote within the US. Salary $150k-$180k."
)


def test_totals_add_up():
    t = totals_of((10, 3, 2), reposts=1)
    assert t == {
        "stored": 10,
        "exact_copies": 3,
        "unique": 7,
        "near_duplicates": 2,
        "reposts": 1,
        "counted": 4,
    }
    assert totals_line(t) == (
        "10 stored, 7 unique (3 exact copies set aside), 4 counted (2 near-duplicates and 1 repost set aside)"
    )
    # a Parquet dataset folds reposts by the same rule (analytics/dataset.py): none folded is said as 0
    assert totals_line(totals_of((10, 3, 2), reposts=0)) == (
        "10 stored, 7 unique (3 exact copies set aside), 5 counted (2 near-duplicates and 0 reposts set aside)"
    )
    assert totals_line({}) == ""


def test_every_count_of_the_totals_line_agrees_in_number():
    """0 and 2 take the plural, 1 the singular, each noun on its own."""
    one = totals_line(totals_of((3, 1, 1), reposts=1))
    assert (
        one
        == "3 stored, 2 unique (1 exact copy set aside), 0 counted (1 near-duplicate and 1 repost set aside)"
    )
    none = totals_line(totals_of((2, 0, 0), reposts=0))
    assert (
        none
        == "2 stored, 2 unique (0 exact copies set aside), 2 counted (0 near-duplicates and 0 reposts set aside)"
    )


def test_info_summary_and_the_role_page_reconcile(tmp_path):
    rows = [
        {"id": "a", "title": "Senior Backend Engineer", "description": BODY},
        {"id": "a-copy", "title": "Senior Backend Engineer", "description": BODY},  # an exact copy
        {"id": "b", "title": "Senior Backend Engineer", "description": BODY + " Apply by March."},  # a repost
        {
            "id": "c",
            "title": "Product Designer",
            "description": "Design our checkout in Figma. Berlin, Germany.",
        },
    ]
    source = tmp_path / "p.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows))
    db = str(tmp_path / "s.db")

    def run(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "rolemap", *args, "--db", db], capture_output=True, text=True, timeout=120
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    run("ingest", str(source))
    run("near-dups", "--apply", "--threshold", "0.5")
    info = json.loads(run("info", "--json"))
    summary = json.loads(run("summary", "--json"))
    page = json.loads(run("market", "--json", "--family", "all"))
    assert (info["postings"], info["unique"], info["counted"]) == (4, 3, 2)
    assert (info["near_duplicates"], info["reposts"]) == (1, 0)
    assert summary["postings"] == info["unique"] and summary["totals"] == page["totals"]
    assert page["totals"]["counted"] == page["postings"] == 2
    assert "4 stored, 3 unique (1 exact copy set aside), 2 counted" in run("market", "--family", "all")
