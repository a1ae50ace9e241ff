"""Near-duplicates and market figures over a Parquet dataset: the same answers as the store gives for
the same postings, and real reposts found by reading grouped at scale."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from rolemap.analytics.near_dups import DEFAULT_THRESHOLD, near_groups, similarity
from rolemap.cli import app
from tests.cluster.conftest import HN_DUMP, Cluster, write_shards
from tests.cluster.test_cluster import cli, runner


def json_of(*args: str) -> object:
    """The JSON a command prints on stdout (its notes go to stderr)."""
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


LABELS = Path(__file__).resolve().parents[2] / "bench/data/near_dup_labels.jsonl"


def labelled_pairs() -> list[dict[str, object]]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]


def test_known_duplicate_pairs_are_grouped_on_the_cluster(tmp_path: Path, dask_cluster: Cluster) -> None:
    pairs = labelled_pairs()
    wanted = {p["a"] for p in pairs} | {p["b"] for p in pairs}
    found: dict[str, str] = {}
    with gzip.open(HN_DUMP, "rt", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if f"hn-{row['hn_item_id']}" in wanted:
                found[f"hn-{row['hn_item_id']}"] = line
    assert len(found) == len(wanted)
    shards = tmp_path / "shards"
    write_shards(shards, 2, 200, skip=20_000)  # other postings around them
    (shards / "first.jsonl").write_text("".join(found[str(p["a"])] for p in pairs), encoding="utf-8")
    (shards / "second.jsonl").write_text(
        "".join(dict.fromkeys(found[str(p["b"])] for p in pairs)), encoding="utf-8"
    )
    records = tmp_path / "records"
    assert (
        cli(
            "extract",
            "--engine",
            "dask",
            "--scheduler",
            dask_cluster.address,
            str(shards),
            "-o",
            f"{records}/",
        )[0]
        == 0
    )
    report = json_of("near-dups", "--dataset", str(records), "--json")
    grouped = pq.read_table(records / "_near_dups.parquet").to_pylist()
    group_of = {r["id"]: r["counted_as"] for r in grouped} | {
        r["counted_as"]: r["counted_as"] for r in grouped
    }
    rows = pq.read_table(records, columns=["id", "text", "fingerprint"]).to_pylist()
    copy_of: dict[str, str] = {}  # exact copies (one fingerprint) count as their smallest id
    for r in sorted(rows, key=lambda r: r["id"]):
        copy_of.setdefault(r["fingerprint"], r["id"])
    counted_as = {r["id"]: copy_of[r["fingerprint"]] for r in rows}

    def together(a: str, b: str) -> bool:
        a, b = counted_as[a], counted_as[b]
        return a == b or (a in group_of and group_of.get(a) == group_of.get(b))

    texts = {r["id"]: r["text"] for r in rows}
    for p in pairs:  # every labelled pair whose own similarity reaches the threshold is grouped
        if similarity(texts[str(p["a"])], texts[str(p["b"])]) >= DEFAULT_THRESHOLD:
            assert together(str(p["a"]), str(p["b"])), p
    judged = [p["same_job"] for p in pairs if together(str(p["a"]), str(p["b"]))]
    # read pair by pair (not through a chain of monthly reposts as in bench/near_dup_bench.py), 8 of the
    # labelled pairs reach the threshold, and 7 of them are the same job
    assert len(judged) >= 6 and sum(judged) / len(judged) >= 0.8, judged

    # …and the groups are those the one-process method finds on the same postings
    table = pq.read_table(records, columns=["id", "error", "text", "posted_at", "fingerprint"]).to_pylist()
    first_copies = {r["id"] for r in table if r["error"] is None and copy_of[r["fingerprint"]] == r["id"]}
    kept = sorted(
        (r for r in table if r["id"] in first_copies), key=lambda r: (r["posted_at"] or "", r["id"])
    )
    expected = near_groups([r["id"] for r in kept], [r["text"] for r in kept], DEFAULT_THRESHOLD)
    assert sorted(g["ids"] for g in report["groups"]) == sorted(  # type: ignore[index]
        g.ids for g in expected
    )


@pytest.fixture(scope="module")
def dataset_and_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """600 real postings as a dataset with its near-duplicate groups, and loaded into a store with the
    same groups applied."""
    root = tmp_path_factory.mktemp("dataset")
    write_shards(root / "shards", 3, 200)
    records = root / "records"
    assert cli("extract", str(root / "shards"), "-o", f"{records}/")[0] == 0
    assert cli("near-dups", "--dataset", str(records))[0] == 0
    db = str(root / "store.db")
    assert cli("ingest", "--db", db, str(records))[0] == 0
    assert cli("near-dups", "--apply", "--db", db)[0] == 0
    return records, db


LANES = [
    [],
    ["--language", "python"],
    ["--seniority", "senior,staff", "--work-model", "remote"],
    ["--skill", "react", "--since", "2014"],
    ["--location", "NYC"],
    ["--company", "x'; DROP TABLE postings; --"],
    ["--location", "<script>alert(1)</script>"],
]


@pytest.mark.parametrize("months", ["6", "0"], ids=["reposts folded", "folding off"])
@pytest.mark.parametrize("lane", LANES, ids=lambda lane: " ".join(lane) or "all")
def test_the_dataset_market_equals_the_store_market(
    dataset_and_store: tuple[Path, str], lane: list[str], months: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLEMAP_REPOST_MONTHS", months)  # both fold reposts by one rule, or neither does
    records, db = dataset_and_store
    assert json_of("market", "--json", "--dataset", str(records), *lane) == json_of(
        "market", "--json", "--db", db, *lane
    )


def test_near_duplicates_count_once_in_the_store_market(
    dataset_and_store: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ROLEMAP_REPOST_MONTHS", "0")  # reposts fold apart from near-duplicates: counted alone
    records, _ = dataset_and_store
    db = str(tmp_path / "fresh.db")
    assert cli("ingest", "--db", db, str(records))[0] == 0
    before = json_of("market", "--json", "--family", "all", "--db", db)["postings"]  # type: ignore[index]
    report: dict[str, list[dict[str, list[str]]]] = json_of("near-dups", "--apply", "--db", db, "--json")  # type: ignore[assignment]
    after = json_of("market", "--json", "--family", "all", "--db", db)["postings"]  # type: ignore[index]
    assert report["groups"] and after == before - sum(len(g["ids"]) - 1 for g in report["groups"])
    assert (
        cli("near-dups", "--apply", "--db", db, "--threshold", "1.0")[0] == 0
    )  # grouped again: fewer groups
    assert json_of("market", "--json", "--family", "all", "--db", db)["postings"] > after  # type: ignore[index]


def test_bad_datasets_are_one_line_errors(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "afile").write_text("x")
    for args, message in [
        (["market", "--dataset", str(tmp_path / "afile")], "not a folder"),
        (["market", "--dataset", str(tmp_path / "empty")], "no extraction shards"),
        (["near-dups", "--dataset", str(tmp_path / "empty")], "no extraction shards"),
    ]:
        code, output = cli(*args)
        assert code == 1 and message in output, output
    (tmp_path / "empty" / "junk.parquet").write_bytes(b"\x00\x01 not parquet")
    code, output = cli("market", "--dataset", str(tmp_path / "empty"))
    assert code == 1 and "junk.parquet: not a readable Parquet file" in output


REPOST_BODY = (
    "{company} | {title} | Berlin\n{company} is hiring a senior backend engineer to build our payment APIs in "
    "Go and PostgreSQL. {extra} You will design services, review code and own the reliability of billing. "
    "Salary {pay}."
)
REPOSTED = [  # (id, title, company, posted, pay, extra): Acme's 2017 job posted three months running
    ("r1", "Senior Backend Engineer", "Acme", "2017-01-01", "$150k-$170k", "We moved offices this spring."),
    ("r2", "Senior Backend Engineer (Go)", "Acme", "2017-02-01", "$150k-$170k",
     "Our team doubled since last year and we ship every day with continuous delivery."),
    ("r3", "Sr Backend Engineer, Go", "Acme", "2017-03-01", "$150k-$170k",
     "Come meet us at the Berlin meetup; we sponsor conference travel and a learning budget for books."),
    ("o1", "Senior Backend Engineer", "Globex", "2017-02-01", "$100k-$120k", ""),
    ("r4", "Senior Backend Engineer", "Acme", "2019-03-01", "$150k-$170k", ""),  # two years later: a new job
    ("j1", "Junior Backend Engineer", "Acme", "2017-02-01", "$80k-$90k", ""),  # another level
]  # fmt: skip


def test_the_dataset_folds_a_monthly_repost_series_as_the_store_does(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": pid,
                "title": title,
                "company": company,
                "posted_at": posted,
                "description": REPOST_BODY.format(company=company, title=title, extra=extra, pay=pay),
            }
        )
        for pid, title, company, posted, pay, extra in REPOSTED
    ]
    (tmp_path / "postings.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    records, db = tmp_path / "records", str(tmp_path / "store.db")
    assert cli("extract", str(tmp_path / "postings.jsonl"), "-o", f"{records}/")[0] == 0
    assert cli("ingest", "--db", db, str(records))[0] == 0
    for lane in (["--family", "all"], ["--family", "all", "--since", "2017-02", "--until", "2017-02"]):
        on_dataset = json_of("market", "--json", "--dataset", str(records), *lane)
        assert on_dataset == json_of("market", "--json", "--db", db, *lane)
    page: dict[str, Any] = json_of("market", "--json", "--family", "all", "--dataset", str(records))  # type: ignore[assignment]
    # r2 and r3 fold into r1: four jobs, Acme's 2017 salary once
    assert page["postings"] == 4 and page["reposts_folded"] == 2 and page["pay"]["count"] == 4
    assert page["totals"] == {
        "stored": 6, "exact_copies": 0, "unique": 6, "near_duplicates": 0, "reposts": 2, "counted": 4
    }  # fmt: skip
    assert page["coverage"]["first"] == "2017-01" and page["coverage"]["last"] == "2019-03"
    # February 2017: r1's series (open January to March), Globex and the junior opening
    february = json_of("market", "--json", "--family", "all", "--since", "2017-02", "--until", "2017-02",
                       "--dataset", str(records))  # fmt: skip
    assert february["postings"] == 3 and february["reposts_folded"] == 2  # type: ignore[index]
    terminal = cli("market", "--family", "all", "--dataset", str(records))[1]
    assert "4 counted (0 near-duplicates and 2 reposts set aside)" in terminal
    assert (
        "this lane counts 4 of them (2 reposts folded into them, posted in any month of their series)"
        in terminal
    )
    # what near-dups --dataset compared: the six postings (none an exact copy), read once each
    compared: dict[str, Any] = json_of("near-dups", "--dataset", str(records), "--json")  # type: ignore[assignment]
    assert compared["covers"] == {
        "from": "2017-01", "to": "2019-03", "postings": 6, "open_now": 0, "as_of": page["coverage"]["as_of"]
    }  # fmt: skip
    assert "Compared: 6 postings from 2017-01 to 2019-03" in cli("near-dups", "--dataset", str(records))[1]
