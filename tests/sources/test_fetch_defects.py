"""`rolemap fetch` against a local server: the options checked before any request, only failures that may
pass tried again, Greenhouse's own count of its jobs, an answer in a declared charset, the HN thread's
deleted comments, and summaries that stay one line."""

import copy
import json
import socket
import sys
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from werkzeug import Response

from rolemap.errors import FetchError, InputError, PostingError
from rolemap.models import Posting
from rolemap.pipeline import ingest
from rolemap.sources import http as fetching
from rolemap.sources.boards import greenhouse_postings
from rolemap.sources.http import Fetcher, fetch
from rolemap.store.repository import get_posting
from tests.conftest import FIXTURES
from tests.sources.test_boards import Clock

BOARDS = FIXTURES / "boards"
T0 = datetime(2026, 11, 1, tzinfo=UTC)


def load(name):
    return json.loads((BOARDS / name).read_text())


def fetcher(retries=0, **client):
    clock = Clock()
    made = Fetcher(
        client=httpx.Client(timeout=2.0, **client),
        retries=retries,
        min_interval=0,
        sleep=clock.sleep,
        clock=clock,
    )
    return made, clock


def bases(httpserver):
    root = httpserver.url_for("").rstrip("/")
    return {k: f"{root}/{k}" for k in ("greenhouse", "lever", "ashby", "hn", "hn-algolia")}


def run_cli(monkeypatch, capsys, httpserver, *args):
    for kind, base in bases(httpserver).items():
        monkeypatch.setitem(fetching.DEFAULT_BASES, kind, base)
    from rolemap.cli import main

    monkeypatch.setattr(sys, "argv", ["rolemap", *args])
    code = 0
    try:
        main()
    except SystemExit as e:
        code = int(e.code or 0)
    return code, capsys.readouterr().err


# ---- 1. --retries, --rate and --timeout are checked before anything is fetched -------------------------


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--retries", "-1"], "error: --retries -1: must be 0 or more"),
        (["--retries", "1000"], "error: --retries 1000: must be at most 10"),
        (["--rate", "-5"], "error: --rate -5: must be 0 or more seconds"),
        (["--rate", "nan"], "error: --rate nan: must be 0 or more seconds"),
        (["--timeout", "0"], "error: --timeout 0: must be more than 0 seconds"),
        (["--timeout", "-1"], "error: --timeout -1: must be more than 0 seconds"),
        (["--timeout", "inf"], "error: --timeout inf: must be more than 0 seconds, and at most 3600"),
    ],
)
def test_a_bad_fetch_option_is_one_error_line_naming_it(
    tmp_path, monkeypatch, capsys, httpserver, option, message
):
    httpserver.expect_request("/greenhouse/acme/jobs").respond_with_data(
        "", status=404
    )  # no waiting, if asked
    db = str(tmp_path / "s.db")
    code, shown = run_cli(monkeypatch, capsys, httpserver, "fetch", "greenhouse:acme", "--db", db, *option)
    lines = shown.strip().splitlines()
    assert code == 1 and len(lines) == 1 and lines[0].startswith(message), shown
    assert not httpserver.log


def test_a_fetcher_with_no_try_at_all_is_refused():
    with pytest.raises(InputError, match="retries -1: must be 0 or more"):
        Fetcher(client=httpx.Client(), retries=-1)


def test_good_options_still_fetch(tmp_path, monkeypatch, capsys, httpserver):
    httpserver.expect_request("/greenhouse/acme/jobs").respond_with_json(load("greenhouse_acme.json"))
    db = str(tmp_path / "s.db")
    args = ("fetch", "greenhouse:acme", "--db", db, "--rate", "0", "--retries", "0", "--timeout", "0.5")
    code, shown = run_cli(monkeypatch, capsys, httpserver, *args)
    assert code == 0 and "read 2, stored 2" in shown


# ---- 2. only failures that may pass are tried again ----------------------------------------------------


def test_a_redirect_loop_is_named_and_not_tried_again(httpserver):
    loop = httpserver.url_for("/greenhouse/acme/jobs")
    httpserver.expect_request("/greenhouse/acme/jobs").respond_with_response(
        Response("", status=302, headers={"Location": loop})
    )
    f, clock = fetcher(retries=2, follow_redirects=True)
    with pytest.raises(FetchError, match="redirect loop") as caught:
        list(fetch("greenhouse:acme", f, bases(httpserver)))
    assert "tries" not in caught.value.message and "try again later" not in caught.value.message
    assert clock.slept == []  # no back-off: one try
    assert len(httpserver.log) == 21  # the first request and httpx's 20 redirects


def test_a_redirect_to_another_scheme_is_not_tried_again(httpserver):
    httpserver.expect_request("/lever/globex").respond_with_response(
        Response("", status=302, headers={"Location": "ftp://files.example/jobs"})
    )
    f, clock = fetcher(retries=2, follow_redirects=True)
    with pytest.raises(FetchError, match="request failed \\(UnsupportedProtocol"):
        list(fetch("lever:globex", f, bases(httpserver)))
    assert clock.slept == [] and len(httpserver.log) == 1


def test_a_refused_connection_is_still_tried_again():
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    f, clock = fetcher(retries=2)
    with pytest.raises(FetchError, match="could not connect \\(ConnectError\\) after 3 tries"):
        f.get_json(f"http://127.0.0.1:{port}/jobs")
    assert clock.slept == [1.0, 2.0]


# ---- 3. a Greenhouse answer that counts more jobs than it lists closes nothing -------------------------


def three_jobs():
    answer = load("greenhouse_acme.json")
    third = copy.deepcopy(answer["jobs"][1])
    third["id"], third["title"] = 4012347, "Data Engineer"
    third["absolute_url"] = "https://boards.greenhouse.io/acme/jobs/4012347"
    answer["jobs"].append(third)
    answer["meta"] = {"total": 3}
    return answer


def test_an_incomplete_greenhouse_listing_says_so_and_names_no_job():
    answer = three_jobs()
    answer["jobs"] = answer["jobs"][:1]
    items = list(greenhouse_postings(answer, "acme"))
    (note,) = [i for i in items if isinstance(i, PostingError)]
    assert [i.id for i in items if isinstance(i, Posting)] == ["greenhouse-acme-4012345"]
    assert note.board == "greenhouse:acme" and note.posting_id is None
    assert note.message.startswith("greenhouse:acme: the answer lists 1 of the 3 jobs its meta.total counts")


@pytest.mark.parametrize(("total", "closed"), [(3, 0), ("3", 0), (3.0, 0), (1, 2), (None, 2), ("many", 2)])
def test_a_fetch_whose_answer_counts_more_jobs_than_it_lists_closes_nothing(store, httpserver, total, closed):
    gh = bases(httpserver)
    httpserver.expect_ordered_request("/greenhouse/acme/jobs").respond_with_json(three_jobs())
    answer = three_jobs()
    answer["jobs"] = answer["jobs"][:1]
    answer["meta"] = {"total": total}
    httpserver.expect_ordered_request("/greenhouse/acme/jobs").respond_with_json(answer)
    f, _ = fetcher()
    assert ingest(store, fetch("greenhouse:acme", f, gh), now=T0).closed == 0
    report = ingest(store, fetch("greenhouse:acme", f, gh), now=T0 + timedelta(days=1))
    assert report.closed == closed
    gone = get_posting(store, "greenhouse-acme-4012347")["closed_at"]
    assert (gone is None) == (closed == 0)
    if closed == 0:
        assert report.failed == 1 and "none closed on 1 board(s)" in report.summary()


# ---- 4. an answer in the charset its Content-Type declares ---------------------------------------------


LATIN_1_JOB = {
    "jobs": [
        {
            "id": 77,
            "title": "Développeur Backend Sénior",
            "content": "Python et PostgreSQL à Montréal.",
            "absolute_url": "https://boards.greenhouse.io/acme/jobs/77",
        }
    ],
    "meta": {"total": 1},
}


def test_an_answer_in_a_declared_latin_1_charset_is_read(httpserver):
    body = json.dumps(LATIN_1_JOB, ensure_ascii=False).encode("iso-8859-1")
    httpserver.expect_request("/greenhouse/acme/jobs").respond_with_data(
        body, content_type="application/json; charset=iso-8859-1"
    )
    f, _ = fetcher()
    (job,) = fetch("greenhouse:acme", f, bases(httpserver))
    assert job.title == "Développeur Backend Sénior" and "à Montréal" in job.description


@pytest.mark.parametrize("content_type", ["application/json", "application/json; charset=iso-8859-1"])
def test_utf_8_json_stays_utf_8(httpserver, content_type):
    """RFC 8259: JSON is UTF-8, without a charset and also under a charset a server states wrongly."""
    body = json.dumps(LATIN_1_JOB, ensure_ascii=False).encode("utf-8")
    httpserver.expect_request("/greenhouse/acme/jobs").respond_with_data(body, content_type=content_type)
    f, _ = fetcher()
    (job,) = fetch("greenhouse:acme", f, bases(httpserver))
    assert job.title == "Développeur Backend Sénior"


@pytest.mark.parametrize("content_type", ["application/json", "application/json; charset=no-such-codec"])
def test_latin_1_bytes_without_a_charset_known_are_not_json(httpserver, content_type):
    body = json.dumps(LATIN_1_JOB, ensure_ascii=False).encode("iso-8859-1")
    httpserver.expect_request("/greenhouse/acme/jobs").respond_with_data(body, content_type=content_type)
    f, _ = fetcher()
    with pytest.raises(FetchError, match="not JSON"):
        list(fetch("greenhouse:acme", f, bases(httpserver)))


# ---- 5. an HN thread's deleted and dead comments are no postings ---------------------------------------


def comment(item_id, text, **extra):
    return {"by": "someone", "id": item_id, "parent": 900, "text": text, "time": 1514832000, "type": "comment", **extra}  # fmt: skip


def serve_thread(httpserver, kids, items):
    thread = {"by": "whoishiring", "id": 900, "kids": kids, "time": 1514822400, "type": "story",
              "title": "Ask HN: Who is hiring? (January 2018)"}  # fmt: skip
    httpserver.expect_request("/hn/item/900.json").respond_with_json(thread)
    for item_id, answer in items.items():
        httpserver.expect_request(f"/hn/item/{item_id}.json").respond_with_json(answer)


GONE = {
    1002: {"deleted": True, "id": 1002, "parent": 900, "time": 1514832000, "type": "comment"},
    1003: comment(1003, "[flagged]", dead=True),
    1004: None,  # the API's answer for an id with no item
}
REAL = comment(1001, "<p>Acme | Backend Engineer | Berlin</p><p>Go and PostgreSQL.</p>")


def test_deleted_dead_and_null_comments_are_passed_over_quietly(httpserver):
    serve_thread(httpserver, [1001, 1002, 1003, 1004], {1001: REAL, **GONE})
    f, _ = fetcher()
    items = list(fetch("hn:900", f, bases(httpserver)))
    assert [type(i).__name__ for i in items] == ["Posting"] and items[0].id == "hn-1001"


def test_a_thread_with_deleted_comments_exits_0(tmp_path, monkeypatch, capsys, httpserver):
    serve_thread(httpserver, [1001, 1002, 1003, 1004], {1001: REAL, **GONE})
    db = str(tmp_path / "s.db")
    code, shown = run_cli(monkeypatch, capsys, httpserver, "fetch", "hn:900", "--db", db, "--rate", "0")
    assert code == 0 and "read 1, stored 1" in shown and "skipped" not in shown, shown


def test_a_comment_that_fails_is_named_once(httpserver):
    serve_thread(httpserver, [1005, 1006, 1007], {1005: comment(1005, 42), 1007: [1, 2]})
    httpserver.expect_request("/hn/item/1006.json").respond_with_data("down", status=500)
    f, _ = fetcher()
    messages = [i.message for i in fetch("hn:900", f, bases(httpserver))]
    assert messages == [
        "hn item 1005: 'text' must be text, got int",
        "hn item 1006: HTTP 500 after 1 tries; try again later",
        "hn item 1007: expected a JSON object from the API, got list",
    ]


# ---- 6. a summary is one line, however narrow the terminal ---------------------------------------------


@pytest.fixture
def narrow(monkeypatch):
    from rolemap.cli.console import err

    monkeypatch.setattr(err(), "_width", 40)


def test_the_summary_of_a_board_holding_its_postings_open_is_one_line(
    tmp_path, monkeypatch, capsys, httpserver, narrow
):
    answer = load("greenhouse_acme.json")
    del answer["jobs"][0]["id"]
    httpserver.expect_request("/greenhouse/acme/jobs").respond_with_json(answer)
    db = str(tmp_path / "s.db")
    args = ("fetch", "greenhouse:acme", "--db", db, "--rate", "0", "--retries", "0")
    code, shown = run_cli(monkeypatch, capsys, httpserver, *args)
    assert code == 1
    summary = next(line for line in shown.splitlines() if line.startswith("read "))
    assert summary.endswith("none closed on 1 board(s): a job failed before its id was read"), shown


def test_a_failed_board_of_a_list_is_one_line(tmp_path, monkeypatch, capsys, httpserver, narrow):
    httpserver.expect_request("/lever/nobody").respond_with_data("", status=404)
    listed = tmp_path / "boards.txt"
    listed.write_text("lever:nobody\n")
    db = str(tmp_path / "s.db")
    args = ("fetch", "--boards", str(listed), "--db", db, "--rate", "0", "--retries", "0")
    code, shown = run_cli(monkeypatch, capsys, httpserver, *args)
    assert code == 1
    failed = next(line for line in shown.splitlines() if line.startswith("[1/1] lever:nobody"))
    assert failed.endswith("404 not found; check the board or company name)"), shown


def test_a_kid_that_is_no_item_id_is_named_once(httpserver):
    serve_thread(httpserver, ["x", 1.5e400, REAL["id"]], {1001: REAL})
    f, _ = fetcher()
    items = list(fetch("hn:900", f, bases(httpserver)))
    assert [i.message for i in items if isinstance(i, PostingError)] == [
        "hn item x: is not an item id",
        "hn item inf: is not an item id",
    ]
    assert [i.id for i in items if isinstance(i, Posting)] == ["hn-1001"]
