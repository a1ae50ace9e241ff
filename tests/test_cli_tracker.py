"""`rolemap tracker` (the saved tracker, one store with the web and the API) and `rolemap list` (the lane
listing), through the CLI runner: round trip, filters and orders, CSV and JSON, hostile input, and rows
that read at 80 columns with ids never cut."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import UTC, datetime

import pytest

from rolemap.errors import InputError, NotFound
from rolemap.models import Posting
from rolemap.pipeline import ingest
from rolemap.store.db import open_store
from tests.cli_runner import cli, ok, run
from tests.conftest import store_file

T0 = datetime(2026, 11, 1, tzinfo=UTC)
LONG_ID = "greenhouse-northwindtraders-4012345678901"  # longer than any column of a table at 80
JOBS = [
    Posting(id=LONG_ID, title="Senior Backend Engineer, Payments Infrastructure and Developer Platform",
            description="Remote. 5+ years of Go, Kafka, Kubernetes and PostgreSQL. Distributed systems.",
            company="Northwind Traders International", posted_at="2026-10-02", source="jsonl"),
    Posting(id="lever-acme-7", title="Staff Python Engineer",
            description="Hybrid in Berlin. Python, Django, Kafka and Kubernetes.", company="Acme",
            posted_at="2026-10-05", source="jsonl"),
    Posting(id="j3", title="Junior Go Developer", description="Onsite. Go and Kubernetes.", company="Beta",
            posted_at="2026-09-01", source="jsonl"),
]  # fmt: skip


@pytest.fixture
def db(tmp_path):
    return store_file(tmp_path / "t.db", JOBS, T0)


def entries(db: str, *args: str) -> list[dict]:
    return json.loads(ok("tracker", "--db", db, "--json", *args))["entries"]


def test_add_set_list_filter_sort_csv_rm(db):
    assert "The tracker is empty" in ok("tracker", "--db", db)
    ok(
        "tracker",
        "add",
        LONG_ID,
        "--db",
        db,
        "--applied",
        "2026-11-20",
        "--salary",
        "€90k",
        "--note",
        "ref: Ana",
    )
    ok("tracker", "add", "lever-acme-7", "--db", db, "--status", "interviewing", "--salary", "$120,000",
       "--follow-up", "2026-12-03")  # fmt: skip
    ok("tracker", "--db", db, "add", "j3")  # the group's --db serves the command after it
    ok("tracker", "set", "j3", "--db", db, "--status", "applied", "--applied", "2026-11-25")
    listed = entries(db)
    assert [e["id"] for e in listed] == ["j3", "lever-acme-7", LONG_ID]  # last changed first
    first = {e["id"]: e for e in listed}[LONG_ID]
    assert (first["status"], first["applied_on"], first["salary"], first["notes"]) == (
        "saved", "2026-11-20", "€90k", "ref: Ana",
    )  # fmt: skip
    assert first["language"] == "go" and first["level"] == "senior" and "kubernetes" in first["repeated"]
    assert [e["id"] for e in entries(db, "--status", "applied,interviewing")] == ["j3", "lever-acme-7"]
    assert [e["id"] for e in entries(db, "--status", "saved", "--status", "offer")] == [LONG_ID]
    assert [e["id"] for e in entries(db, "--sort", "date")] == ["j3", LONG_ID, "lever-acme-7"]
    assert entries(db, "--sort", "salary")[0]["id"] == "lever-acme-7"  # $120k > €90k
    assert [e["id"] for e in entries(db, "--sort", "status")] == [LONG_ID, "j3", "lever-acme-7"]
    assert entries(db, "--sort", "follow-up")[0]["id"] == "lever-acme-7"

    rows = list(csv.DictReader(io.StringIO(ok("tracker", "--db", db, "--csv", "--sort", "date"))))
    assert list(rows[0])[:5] == ["title", "language", "level", "system_type", "repeated"]
    assert {"company", "status", "applied_on", "follow_up_on", "salary", "notes", "id"} <= set(rows[0])
    assert [r["id"] for r in rows] == ["j3", LONG_ID, "lever-acme-7"] and rows[1]["salary"] == "€90k"

    ok("tracker", "set", LONG_ID, "--db", db, "--applied", "", "--note", "")  # '' clears
    cleared = {e["id"]: e for e in entries(db)}[LONG_ID]
    assert (cleared["applied_on"], cleared["notes"], cleared["salary"]) == ("", "", "€90k")
    assert "removed j3" in ok("tracker", "rm", "j3", "--db", db)
    assert [e["id"] for e in entries(db)] == [LONG_ID, "lever-acme-7"]


def lines_fit(text: str, width: int = 80) -> bool:
    return all(len(line) <= width for line in text.splitlines())


def test_tracker_reads_at_80_columns_and_ids_are_whole(db):
    ok("tracker", "add", LONG_ID, "--db", db, "--status", "applied", "--applied", "2026-11-20",
       "--note", "Call back on Tuesday; the hiring manager is <script>Ana</script>")  # fmt: skip
    ok("tracker", "add", "lever-acme-7", "--db", db, "--salary", "€90k")
    shown = ok("tracker", "--db", db)
    assert lines_fit(shown), shown
    lines = shown.splitlines()
    assert LONG_ID in lines and "lever-acme-7" in lines  # each id whole, on a line of its own
    assert "Senior Backend Engineer" in shown and "APPLIED" in shown and "applied: 2026-11-20" in shown
    assert "go · senior" in shown and "salary: €90k" in shown and "<script>Ana</script>" in shown
    wide = ok("tracker", "--db", db, columns=200)
    assert "┃" in wide and "repeated" in wide and "follow" in wide and LONG_ID in wide  # the table


def test_list_is_the_lane_listing_and_reads_at_80_columns(db):
    shown = ok("list", "--db", db)
    assert lines_fit(shown), shown
    assert {LONG_ID, "lever-acme-7", "j3"} <= set(shown.splitlines())
    assert shown.index("lever-acme-7") < shown.index(LONG_ID) < shown.index("j3")  # newest first
    assert "3 of 3 postings shown" in shown
    wide = ok("list", "--db", db, columns=200)
    assert "┃" in wide and "repeated" in wide and "system" in wide and LONG_ID in wide
    for line in wide.splitlines():  # the id column is never cut nor folded in the table either
        if "Northwind" in line or "greenhouse" in line:
            assert LONG_ID in line or "greenhouse" not in line
    rows = list(csv.DictReader(io.StringIO(ok("list", "--db", db, "--csv", "--language", "go"))))
    assert [r["id"] for r in rows] == [LONG_ID, "j3"] and rows[0]["level"] == "senior"
    data = json.loads(ok("list", "--db", db, "--json", "--limit", "1", "--offset", "1"))
    assert data["postings"] == 3 and [r["id"] for r in data["rows"]] == [LONG_ID]
    assert "kubernetes" in data["rows"][0]["repeated"]  # in every posting of the lane


@pytest.mark.parametrize(
    ("args", "error", "says"),
    [
        (["add", "j3", "--applied", "2026-13-01"], InputError, "applied date '2026-13-01'"),
        (["add", "j3", "--follow-up", "next week"], InputError, "follow-up date 'next week'"),
        (["add", "j3", "--status", "hired"], InputError, "status 'hired'"),
        (["add", "j3", "--note", "x" * 5001], InputError, "notes: longer than 5,000"),
        (["add", "j3", "--note", "bad \udcff bytes"], InputError, "notes: not valid UTF-8"),
        (["add", "j3", "--salary", "\x00\x01"], InputError, "salary: holds control characters"),
        (["rm", "\udcffj3"], InputError, "posting id: not valid UTF-8"),
        (["add", "no-such-id"], NotFound, "not in the store"),
        (["add", "'; DROP TABLE tracker; --"], NotFound, "not in the store"),
        (["set", "lever-acme-7", "--status", "offer"], NotFound, "not on the tracker"),
        (["set", "j3"], InputError, "nothing to change"),
        (["rm", "lever-acme-7"], NotFound, "not on the tracker"),
        (["--status", "hired"], InputError, "status 'hired'"),
        (["--sort", "pay"], InputError, "sort 'pay'"),
        (["--json", "--csv"], InputError, "choose one of --json and --csv"),
    ],
)
def test_hostile_input_is_refused_and_changes_nothing(db, args, error, says):
    ok("tracker", "add", "j3", "--db", db, "--note", "kept")
    result = cli("tracker", *args, "--db", db)
    assert isinstance(result.exception, error) and says in str(result.exception), result.output
    assert [(e["id"], e["status"], e["notes"]) for e in entries(db)] == [("j3", "saved", "kept")]


def test_sql_looking_notes_are_kept_as_written(db):
    hostile = "x'); DELETE FROM tracker; --"
    ok("tracker", "add", "j3", "--db", db, "--note", hostile, "--salary", "1 OR 1=1")
    assert entries(db)[0]["notes"] == hostile and entries(db)[0]["salary"] == "1 OR 1=1"
    assert len(json.loads(ok("list", "--db", db, "--json"))["rows"]) == 3


def test_a_bad_date_is_one_line_on_stderr_and_exit_1(db):
    r = run("tracker", "add", "j3", "--applied", "2026-02-30", "--db", db)
    assert r.returncode == 1 and r.stdout == ""
    assert r.stderr.strip().count("\n") == 0 and "'2026-02-30'" in r.stderr and "YYYY-MM-DD" in r.stderr


def test_help_teaches_with_examples():
    shown = ok("tracker", "--help", columns=120)
    assert "rolemap tracker add ID" in shown and "add" in shown and "rm" in shown
    assert re.search(
        r"rolemap tracker add \S+ --status applied --applied", ok("tracker", "add", "--help", columns=200)
    )
    assert "rolemap list --skill kubernetes" in ok("list", "--help", columns=200)


def test_a_cli_add_is_seen_by_the_api_and_the_web_page(db):
    from tests.web.conftest import make_client

    ok("tracker", "add", "lever-acme-7", "--db", db, "--status", "applied", "--applied", "2026-11-20",
       "--salary", "€90k", "--note", "<script>alert(1)</script> & co")  # fmt: skip
    store = open_store(db)
    with make_client(store) as client:
        api = client.get("/api/tracker", params={"status": "applied"}).json()
        assert [(e["id"], e["applied_on"], e["salary_currency"]) for e in api["entries"]] == [
            ("lever-acme-7", "2026-11-20", "EUR"),
        ]
        assert client.get("/api/tracker", params={"status": "offer"}).json()["entries"] == []
        sheet = client.get("/api/tracker.csv", params={"sort": "salary"}).text
        assert "lever-acme-7" in sheet and "€90k" in sheet
        page = client.get("/tracker").text
        assert "Staff Python Engineer" in page and "2026-11-20" in page
        assert (
            "<script>alert(1)</script>" not in page
            and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
        )
        assert client.get("/api/tracker", params={"sort": "pay"}).status_code == 422
        assert client.get("/api/tracker", params={"status": "hired"}).status_code == 400
        assert client.get("/tracker", params={"status": "hired"}).status_code == 400
        moved = client.put(
            "/api/tracker/lever-acme-7", json={"status": "offer", "follow_up_on": "2026-13-01"}
        )
        assert moved.status_code == 400 and "follow-up date '2026-13-01'" in moved.json()["error"]
        assert client.put("/api/tracker/lever-acme-7", json={"notes": "a\x00b"}).status_code == 400
        assert client.put("/api/tracker/lever-acme-7", json={"salary": "9" * 101}).status_code == 422
        assert client.put("/api/tracker/lever-acme-7", json={"status": "offer"}).status_code == 200
    store.engine.dispose()
    assert entries(db)[0]["status"] == "offer" and entries(db)[0]["applied_on"] == "2026-11-20"


def test_a_title_that_looks_like_markup_is_shown_as_written(tmp_path):
    store = open_store(str(tmp_path / "m.db"))
    title = "[bold red]Lead[/] Engineer [link=http://x]"
    ingest(store, [Posting(id="m1", title=title, description="Go.", source="jsonl")], now=T0)
    store.engine.dispose()
    for columns in (80, 200):  # one record a posting, and the table
        shown = ok("list", "--db", str(tmp_path / "m.db"), columns=columns)
        assert "[bold red]Lead[/] Engineer [link=http://x]" in shown, shown
