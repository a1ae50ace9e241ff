"""The market commands end to end on a small store built from crafted postings."""

import csv
import io
import json
import re

import pytest

from rolemap.analytics.frame import cache_folder, cache_place, load_frame, store_key
from rolemap.pipeline import ingest
from rolemap.sources import read_file
from rolemap.store.db import open_store
from tests.cli_runner import run

POSTINGS = [
    (
        "a1",
        "Senior Go Engineer",
        "Remote (US). 5+ years of experience with Go, Kubernetes and Kafka. Salary $150k-$170k.",
        "2017-02-01",
    ),
    (
        "a2",
        "Senior Backend Engineer (Go)",
        "Onsite in Berlin. Go, Kubernetes, PostgreSQL. Salary €90,000 - €110,000 per year.",
        "2017-05-01",
    ),
    ("a3", "Junior Python Developer", "Remote. Python, Django, Kubernetes. $40/hour.", "2018-01-10"),
    (
        "a4",
        "Staff Engineer",
        "Hybrid, 2 days a week in the office. Go and Kafka; on-call rotation.",
        "2018-02-01",
    ),
    ("a5", "Java Developer", "Spring Boot services.", "2018-03-01"),
]


@pytest.fixture
def db(tmp_path):
    src = tmp_path / "postings.jsonl"
    src.write_text(
        "".join(
            json.dumps({"id": i, "title": t, "description": d, "company": f"Co{n % 3}", "posted_at": p})
            + "\n"
            for n, (i, t, d, p) in enumerate(POSTINGS)
        )
    )
    path = tmp_path / "m.db"
    ingest(open_store(str(path)), read_file(src))
    return str(path)


def test_market_json(db):
    r = run("market", "--db", db, "--json")
    assert r.returncode == 0, r.stderr
    m = json.loads(r.stdout)
    assert m["postings"] == 5 and m["companies"] == 3
    assert {s["name"]: s["count"] for s in m["levels"]}["senior"] == 2
    pay = m["pay"]
    # 160k, 100k EUR → 107k USD, 40/h → 83,200: median 107k
    assert pay["count"] == 3 and pay["annualised"] == 1 and pay["converted"] == 1
    # three salaries: under the headline's 10, so the median and every figure on the same n are withheld
    assert pay["too_few"] and pay["median"] is None and pay["p25"] is None and pay["low"] is None


def test_market_filters_and_csv(db):
    r = run("market", "--db", db, "--language", "go", "--work-model", "remote,hybrid", "--csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {"section", "name", "count", "share_or_unit"} == set(rows[0])
    assert next(x for x in rows if x["name"] == "postings")["count"] == "2"


def test_market_table_and_an_empty_lane(db):
    r = run("market", "--db", db)
    assert r.returncode == 0 and "Median salary" in r.stdout and "Experience levels" in r.stdout
    r = run("market", "--db", db, "--language", "cobol")
    assert r.returncode == 0 and "no postings match" in r.stdout


def test_pay_profile_list_trends_changes(db):
    pay = json.loads(run("pay", "--db", db, "--by", "seniority", "--json").stdout)
    assert {c["value"]: c["too_few"] for c in pay["cells"]}["senior"] is True  # 2 salaries < 5
    prof = json.loads(run("profile", "--db", db, "--language", "go", "--json").stdout)
    assert "kubernetes" in [s["name"] for s in prof["must_have"]]
    rows = list(csv.DictReader(io.StringIO(run("list", "--db", db, "--csv").stdout)))  # the lane listing
    assert [r["id"] for r in rows] == ["a5", "a4", "a3", "a2", "a1"]
    trends = json.loads(run("trends", "--db", db, "--json").stdout)
    assert trends["periods"][0] == "2017Q1" and sum(trends["totals"]) == 5
    r = run("changes", "--db", db, "--since", "2017Q1", "--to", "2018Q1")
    assert r.returncode == 0 and "2017Q1" in r.stdout


def test_pay_holds_backend_roles_unless_family_says(tmp_path):
    """`pay` is the role page's lane, as `market`, `profile` and the web's /pay are; by family, every one."""
    src = tmp_path / "postings.jsonl"
    rows = [
        ("b1", "Senior Backend Engineer", "Go and PostgreSQL services. Salary $150,000 - $170,000."),
        ("f1", "Senior Frontend Engineer", "React and TypeScript. Salary $120,000 - $130,000."),
        ("p1", "Product Manager", "Own the roadmap. Salary $90,000 - $100,000."),
    ]
    src.write_text("".join(json.dumps({"id": i, "title": t, "description": d}) + "\n" for i, t, d in rows))
    db = str(tmp_path / "m.db")
    ingest(open_store(db), read_file(src))

    def salaries(*args):
        pay = json.loads(run("pay", "--db", db, "--json", *args).stdout)
        return pay["lane"], {c["value"]: c["pay"]["count"] for c in pay["cells"]}

    assert salaries() == ("family: backend", {"senior": 1})
    assert salaries("--family", "all")[1] == {"senior": 2}  # the product manager names no level
    assert salaries("--by", "family")[1] == {"backend": 1, "frontend": 1, "non_software": 1}
    assert salaries("--by", "family", "--family", "frontend")[1] == {"frontend": 1}


def test_report_is_self_contained(db, tmp_path):
    html = tmp_path / "r.html"
    assert run("report", "--db", db, "-o", html).returncode == 0
    page = html.read_text()
    assert page.count("<svg") >= 3 and "<script" not in page
    assert not re.search(r'(?:src|href)="(?:https?:)?//', page)  # nothing fetched
    md = tmp_path / "r.md"
    assert run("report", "--db", db, "-o", md).returncode == 0
    assert (
        md.read_text().startswith("# Backend engineer: 5 roles (0 open now), 3 companies hiring")
        and "| level |" in md.read_text()
    )
    trend_rows = md.read_text().split("## Languages per", 1)[1].splitlines()
    assert any(row.startswith("| postings |") for row in trend_rows)  # each period's n, as the HTML gives it


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["pay", "--by", "zodiac"], "--by 'zodiac'"),
        (["market", "--since", "yesterday"], "not a period"),
        (["market", "--seniority", "wizard"], "--seniority 'wizard'"),
        (["market", "--json", "--csv"], "choose one"),
        (["market", "--currency", "BTC"], "no rate"),
        (["changes", "--since", "1999Q1"], "not in the data"),
        (["trends", "--every", "fortnight"], "--every 'fortnight'"),
        (["report", "-o", "r.pdf"], "--format 'pdf'"),
        (["market", "--since", "2018", "--until", "2017"], "--since '2018' begins after --until '2017' ends"),
    ],
)
def test_bad_arguments_are_one_line_errors(db, args, message):
    r = run(*args, "--db", db)
    assert r.returncode == 1 and message in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_a_bad_rate_table(db, tmp_path):
    bad = tmp_path / "rates.json"
    bad.write_text("{not json")
    r = run("market", "--db", db, "--rates", bad)
    assert r.returncode == 1 and "not valid JSON" in r.stderr


def test_the_frame_cache_follows_the_store(db, tmp_path):
    store = open_store(db)
    first = load_frame(store)
    assert (cache_place(cache_folder(store), store_key(store)) / "key.json").exists()
    assert load_frame(store).size == first.size == 5
    src = tmp_path / "more.jsonl"
    src.write_text(json.dumps({"id": "b1", "title": "Go Developer", "description": "Go."}) + "\n")
    ingest(store, read_file(src))
    assert load_frame(store).size == 6
    folder = cache_folder(store)
    assert [p.name for p in folder.iterdir()] == [cache_place(folder, store_key(store)).name]


def test_the_bundled_sample_shows_real_movements(sample_db):
    """2013–2018 on Hacker News: Go, Docker, Kubernetes and React rose, from the data alone."""
    db = str(sample_db)
    r = run("changes", "--since", "2013Q4", "--to", "2018Q1", "--db", db, "--json")
    found = {(c["dimension"], c["value"]): c for c in json.loads(r.stdout)["changes"]}
    for key in (("language", "go"), ("skill", "docker"), ("skill", "kubernetes"), ("skill", "react")):
        assert found[key]["significant"] and found[key]["share_after"] > found[key]["share_before"], key


@pytest.fixture(params=["store", "pg_store"])
def any_store(request):
    return request.getfixturevalue(request.param)


def test_the_frame_on_sqlite_and_postgresql(any_store, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    src = tmp_path / "p.jsonl"
    src.write_text(
        "".join(
            json.dumps(
                {"id": i, "title": t, "description": d, "company": "Acme" if n else "ACME ", "posted_at": p}
            )
            + "\n"
            for n, (i, t, d, p) in enumerate(POSTINGS)
        )
    )
    ingest(any_store, read_file(src))
    frame = load_frame(any_store)
    assert frame.size == 5 and frame.codes("company")[1] == ["ACME"]  # one company, its first spelling
    assert sorted(frame.pairs["skill"].vocab)[:2] == ["django", "kafka"]
    again = load_frame(any_store)  # from the cache
    assert again.size == 5 and again.pairs["skill"].vocab == frame.pairs["skill"].vocab


def test_a_damaged_cache_is_rebuilt(db):
    store = open_store(db)
    load_frame(store)
    place = cache_place(cache_folder(store), store_key(store))
    (place / "postings.arrow").write_bytes(b"\x00garbage")
    assert load_frame(store).size == 5


def test_a_cache_is_put_in_place_whole(db):
    """Two processes writing the same state (the server's workers) each write a draft and rename it;
    the second finds the state in place, drops its draft, and the cache still reads."""
    from rolemap.analytics.frame import _write_cache

    store = open_store(db)
    frame = load_frame(store)
    folder, key = cache_folder(store), store_key(store)
    (folder / "postings.arrow").write_bytes(b"a file of the previous format")
    _write_cache(folder, key, frame)
    _write_cache(folder, key, frame)
    assert [p.name for p in folder.iterdir()] == [cache_place(folder, key).name]
    assert load_frame(store).size == frame.size == 5


def test_a_current_cache_is_read_without_opening_the_store(db, tmp_path):
    """`cached_sqlite_frame` checks the store's state with sqlite3 alone: the same frame as load_frame
    while the store is unchanged, None once it changed, when there is no cache or no SQLite store."""
    from rolemap.analytics.frame import cached_sqlite_frame

    assert cached_sqlite_frame(db) is None  # no cache yet
    store = open_store(db)
    frame = load_frame(store)
    cached = cached_sqlite_frame(db)
    assert cached is not None and cached.table.equals(frame.table)
    assert {k: (p.vocab, p.row.tolist()) for k, p in cached.pairs.items()} == {
        k: (p.vocab, p.row.tolist()) for k, p in frame.pairs.items()
    }
    src = tmp_path / "more.jsonl"
    src.write_text(json.dumps({"id": "b1", "title": "Go Developer", "description": "Go."}) + "\n")
    ingest(store, read_file(src))
    assert cached_sqlite_frame(db) is None  # the store moved on: the caller rebuilds
    assert cached_sqlite_frame(str(tmp_path / "absent.db")) is None
    assert not (tmp_path / "absent.db").exists()


def test_the_market_of_an_unchanged_store_imports_no_sqlalchemy(db):
    import subprocess
    import sys

    assert run("market", "--db", db).returncode == 0  # builds the cache
    code = (
        "import sys; from rolemap.cli import main; sys.argv = ['rolemap', 'market', '--db', sys.argv[1]]\n"
        "try:\n    main()\nexcept SystemExit as e:\n    assert not e.code\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic'}), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code, db], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and "companies hiring" in done.stdout, done.stderr
    assert done.stderr.strip().splitlines()[-1] == "[]"
