"""End-to-end: the installed `rolemap` command, its exit codes and its one-line errors."""

import json
import subprocess
from pathlib import Path

import pytest

from rolemap.store.db import HEAD_REVISION
from tests.cli_runner import ROLEMAP, run
from tests.conftest import FIXTURES, SHARED


@pytest.fixture
def db(tmp_path):
    from rolemap.store.db import open_store

    open_store(str(tmp_path / "cli.db"))  # an empty store: a command that reads one refuses a path without
    return str(tmp_path / "cli.db")


def test_ingest_list_show_export_round_trip(tmp_path, db):
    src = tmp_path / "p.jsonl"
    src.write_text(
        json.dumps({"id": "j1", "title": "Senior Go Engineer", "description": "Remote. Go, Kafka."}) + "\n"
    )
    r = run("ingest", src, "--db", db)
    assert r.returncode == 0, r.stderr
    assert "read 1, stored 1, updated 0, duplicates 0, failed 0" in r.stderr
    assert "j1" in run("list", "--db", db).stdout
    shown = json.loads(run("show", "j1", "--db", db, "--json").stdout)
    assert shown["extraction"]["primary_language"] == "go" and shown["extraction"]["work_model"] == "remote"
    r = run("ingest", src, "--db", db)
    assert "stored 0, updated 1" in r.stderr
    for fmt in ("jsonl", "csv", "parquet"):
        out = tmp_path / f"out.{fmt}"
        assert run("export", "--db", db, "--format", fmt, "-o", out).returncode == 0
        assert out.stat().st_size > 0
    import pyarrow.parquet as pq

    assert pq.read_table(tmp_path / "out.parquet").num_rows == 1


def test_partial_failure_exits_1_and_reports_each_bad_posting(tmp_path, db):
    src = tmp_path / "p.jsonl"
    src.write_text('{"id": "ok", "title": "Go dev"}\n{broken\n')
    r = run("ingest", src, "--db", db)
    assert r.returncode == 1
    assert f"{src}:2: not valid JSON" in r.stderr and "stored 1" in r.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest", "/no/such/file.jsonl"], "/no/such/file.jsonl: no such file"),
        (["ingest"], "name at least one SOURCE"),
        (["show", "nope"], "no posting with id 'nope'"),
        (["fetch", "monster:acme"], "not a fetch target"),
        (["export", "--format", "xlsx"], "use one of jsonl, csv, parquet"),
        (["ingest", "x.csv", "--map", "title"], None),
    ],
)
def test_errors_are_one_line_with_exit_1(db, args, message):
    r = run(*args, "--db", db)
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "Traceback" not in r.stderr
    if message:
        assert message in lines[0]


def test_directory_argument(tmp_path, db):
    r = run("ingest", tmp_path, "--db", db)
    assert r.returncode == 1 and "is a directory" in r.stderr


def test_bad_usage_exits_2(db):
    assert run("list", "--limit", "zero", "--db", db).returncode == 2
    assert run("no-such-command").returncode == 2


def test_ingest_sample_and_summary(sample_db):
    db = sample_db  # `rolemap ingest --sample`, exit 0
    assert "read 3197" in (sample_db.parent / "ingest.stderr").read_text()
    summary = json.loads(run("summary", "--db", db, "--json").stdout)
    assert summary["postings"] > 2000 and dict(summary["top_languages"])["python"] > 500
    info = json.loads(run("info", "--db", db, "--json").stdout)
    assert info["schema"] == HEAD_REVISION and info["postings"] == 3197


def test_ingest_board_files_and_html(db):
    r = run(
        "ingest",
        FIXTURES / "boards" / "greenhouse_acme.json",
        FIXTURES / "pages" / "jobposting.html",
        "--db",
        db,
    )
    assert r.returncode == 0 and "stored 3" in r.stderr


def test_extract_contract_on_the_eval_pool(tmp_path):
    pool = SHARED / "data" / "eval_pool" / "postings.jsonl"
    if not pool.exists():
        pytest.skip(f"{pool} is not here (CI has ../shared beside the clone)")
    out = tmp_path / "out.jsonl"
    r = run("extract", pool, "-o", out)
    assert r.returncode == 0, r.stderr
    ids_in = [json.loads(line)["id"] for line in pool.read_text().splitlines()]
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [rec["id"] for rec in records] == ids_in
    keys = {
        "id",
        "languages",
        "primary_language",
        "seniority",
        "system_types",
        "work_model",
        "employment_type",
        "years_experience",
        "salary",
        "skills",
        "evidence",
    }
    assert all(keys <= set(rec) for rec in records)


def test_extract_bad_lines_become_error_records_and_exit_1():
    stdin = '{"id": "a", "title": "Go dev"}\nnot json\n{"title": "no id"}\n'
    r = run("extract", "-", "-o", "-", stdin=stdin)
    records = [json.loads(line) for line in r.stdout.splitlines()]
    assert r.returncode == 1
    assert records[0]["id"] == "a" and records[0]["languages"] == ["go"]
    assert records[1] == {"id": None, "error": "line 2: not valid JSON (Expecting value at column 1)"}
    assert records[2]["id"] is None and "no usable 'id'" in records[2]["error"]


def test_extract_names_an_input_that_is_no_json_lines_in_one_line(tmp_path):
    """A board's answer written over many lines or an HTML page is one error naming the input and what
    reads it, with no output file left behind, not an error record for each of its lines."""
    answer = tmp_path / "acme.json"
    answer.write_text(json.dumps({"jobs": [{"id": 1, "title": "Go dev"}]}, indent=2))
    page = tmp_path / "job.html"
    page.write_text("<html><body><p>Go dev</p></body></html>\n")
    for path, kind in ((answer, "a JSON document written over many lines"), (page, "an HTML page")):
        out = tmp_path / "out.jsonl"
        r = run("extract", path, "-o", out)
        assert r.returncode == 1 and f"{path}: {kind}, not JSON Lines" in " ".join(r.stderr.split())
        assert "rolemap ingest" in r.stderr and not out.exists()
    one_line = tmp_path / "one.jsonl"
    one_line.write_text(
        json.dumps({"jobs": [{"id": 1, "absolute_url": "https://x", "content": "Go"}]}) + "\n"
    )
    r = run("extract", one_line)
    assert r.returncode == 1 and "a greenhouse board answer, not a posting" in r.stdout
    # a posting's broken first line is only that line's error
    r = run("extract", "-", "-o", "-", stdin='{"id": "a", "title":\n{"id": "b", "title": "Go dev"}\n')
    assert r.returncode == 1 and len(r.stdout.splitlines()) == 2


def test_taxonomy_check(tmp_path):
    assert "all valid" in run("taxonomy", "check").stdout
    bad = tmp_path / "t.tsv"
    bad.write_text("Bad\tx\n")
    r = run("taxonomy", "check", bad)
    assert r.returncode == 1 and "expected 6 tab-separated columns" in r.stderr


def test_every_command_has_help_and_is_in_the_readme():
    from rolemap.cli import app

    readme = (Path(__file__).parents[1] / "README.md").read_text()
    commands = [c.name for c in app.registered_commands] + [g.name for g in app.registered_groups]
    assert {
        "ingest",
        "market",
        "pay",
        "profile",
        "tracker",
        "trends",
        "changes",
        "report",
        "taxonomy",
    } <= set(commands)
    for command in commands:
        r = run(command, "--help")
        assert r.returncode == 0 and "Usage" in r.stdout
        assert f"rolemap {command}" in readme, f"README does not show `rolemap {command}`"


def test_an_argument_that_is_not_utf8_is_one_clear_error(db):
    # bytes that are not UTF-8 (a Latin-1 terminal, binary junk) reach Python as lone surrogates
    r = subprocess.run([*ROLEMAP, "show", b"abc\xff", "--db", db], capture_output=True, timeout=120)
    assert r.returncode == 2
    assert r.stderr.decode().strip() == "error: argument 'abc\ufffd' is not UTF-8 text"


def test_show_prints_a_postings_brackets_as_text(tmp_path):
    """A title holding "[/bold]" (or an id "[/]") had been read as console markup: a traceback."""
    src = tmp_path / "p.jsonl"
    posting = {
        "id": "[/]",
        "title": "[/bold] Backend Engineer [red]x",
        "description": "Go",
        "company": "[i]Acme",
    }
    src.write_text(json.dumps(posting) + "\n")
    db = tmp_path / "s.db"
    assert run("ingest", src, "--db", db).returncode == 0
    r = run("show", "[/]", "--db", db)
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    assert "title: [/bold] Backend Engineer [red]x" in r.stdout and "company: [i]Acme" in r.stdout
