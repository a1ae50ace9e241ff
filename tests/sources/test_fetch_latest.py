"""`rolemap fetch hn:latest` (the newest "Who is hiring?" thread through the whoishiring account) and
`rolemap fetch --boards FILE` (a saved list refreshed in one command), against a local server answering in
the HN API's and the boards' documented shapes."""

import json
import sqlite3
import sys
from pathlib import Path

import httpx
import pytest

from rolemap.errors import FetchError, InputError
from rolemap.sources import http as fetching
from rolemap.sources.http import Fetcher, latest_hiring_thread, read_board_list, resolve_target

BOARDS = Path(__file__).resolve().parents[1] / "fixtures" / "boards"
USER = {"about": "", "created": 1301422311, "id": "whoishiring", "karma": 100, "submitted": []}


def load(name: str) -> object:
    return json.loads((BOARDS / name).read_text())


def story(item_id: int, title: str, **extra: object) -> dict[str, object]:
    return {
        "by": "whoishiring",
        "id": item_id,
        "kids": [],
        "time": 1514822400,
        "title": title,
        "type": "story",
        **extra,
    }


def fetcher() -> Fetcher:
    return Fetcher(client=httpx.Client(timeout=2), retries=0, min_interval=0, sleep=lambda s: None)


def serve_user(httpserver, submitted, items):
    httpserver.expect_request("/hn/user/whoishiring.json").respond_with_json({**USER, "submitted": submitted})
    for item in items:
        httpserver.expect_request(f"/hn/item/{item['id']}.json").respond_with_json(item)
    return {"hn": httpserver.url_for("/hn")}


def test_the_newest_hiring_thread_is_found_past_other_threads(httpserver):
    bases = serve_user(
        httpserver,
        [16052537, 16052539, 16052538, 15824597],  # not in order: the newest is the largest id
        [
            story(16052539, "Ask HN: Who wants to be hired? (January 2018)"),
            story(16052538, "Ask HN: Who is hiring? (January 2018)"),
            story(16052537, "Ask HN: Freelancer? Seeking freelancer? (January 2018)"),
            story(15824597, "Ask HN: Who is hiring? (December 2017)"),
        ],
    )
    assert latest_hiring_thread(fetcher(), bases) == ("16052538", "Ask HN: Who is hiring? (January 2018)")
    target, note = resolve_target("hn:latest", fetcher(), bases)
    assert target == "hn:16052538" and "January 2018" in note
    assert resolve_target("greenhouse:acme", fetcher(), bases) == ("greenhouse:acme", "")


def test_deleted_dead_and_null_items_are_passed_over(httpserver):
    bases = serve_user(
        httpserver,
        [30, 20, 10, 5],
        [
            {"id": 30, "deleted": True, "type": "story", "time": 1},
            story(20, "Ask HN: Who is hiring? (March)", dead=True),
            story(5, "Ask HN: Who is hiring? (January)"),
        ],
    )
    httpserver.expect_request("/hn/item/10.json").respond_with_json(None)  # the API's answer for no item
    assert latest_hiring_thread(fetcher(), bases)[0] == "5"


@pytest.mark.parametrize(
    ("user", "message"),
    [
        ({**USER, "submitted": [1, 2]}, r"no 'Ask HN: Who is hiring\?' thread among its 2 newest"),
        ({**USER, "submitted": "16052538"}, "no 'submitted' list"),
        ({"id": "whoishiring"}, "no 'submitted' list"),
        (["not", "an", "object"], "expected a JSON object"),
        (None, "expected a JSON object"),  # the API answers null for an unknown user
    ],
)
def test_a_user_without_a_hiring_thread_or_a_bad_answer(httpserver, user, message):
    httpserver.expect_request("/hn/user/whoishiring.json").respond_with_json(user)
    for item_id in (1, 2):
        httpserver.expect_request(f"/hn/item/{item_id}.json").respond_with_json(
            story(item_id, "Ask HN: Other")
        )
    with pytest.raises(FetchError, match=message):
        latest_hiring_thread(fetcher(), {"hn": httpserver.url_for("/hn")})


def test_malformed_json_is_a_fetch_error(httpserver):
    httpserver.expect_request("/hn/user/whoishiring.json").respond_with_data(
        b'{"submitted": [1, 2', status=200
    )
    with pytest.raises(FetchError, match="not JSON"):
        latest_hiring_thread(fetcher(), {"hn": httpserver.url_for("/hn")})


# ---- the CLI: fetch hn:latest and fetch --boards FILE -------------------------------------------------


def run_cli(monkeypatch, capsys, httpserver, *args: str) -> tuple[int, str]:
    root = httpserver.url_for("").rstrip("/")
    for kind in ("greenhouse", "lever", "ashby", "hn"):
        monkeypatch.setitem(fetching.DEFAULT_BASES, kind, f"{root}/{kind}")
    from rolemap.cli import main

    monkeypatch.setattr(sys, "argv", ["rolemap", *args, "--rate", "0", "--retries", "0"])
    code = 0
    try:
        main()
    except SystemExit as e:
        code = int(e.code or 0)
    return code, capsys.readouterr().err


def serve_hn_thread(httpserver):
    serve_user(httpserver, [16052538], [load("hn_story.json")])
    for name in ("hn_16052600.json", "hn_16052601.json", "hn_16052602.json"):
        data = load(name)
        httpserver.expect_request(f"/hn/item/{data['id']}.json").respond_with_json(data)


def stored(db: Path) -> list[str]:
    with sqlite3.connect(db) as con:
        return sorted(r[0] for r in con.execute("SELECT id FROM postings"))


def test_fetch_hn_latest(tmp_path, monkeypatch, capsys, httpserver):
    serve_hn_thread(httpserver)
    db = tmp_path / "s.db"
    code, shown = run_cli(monkeypatch, capsys, httpserver, "fetch", "hn:latest", "--db", str(db))
    assert "hn:latest is thread 16052538" in shown and "read 2, stored 2" in shown
    assert code == 0  # the deleted comment is passed over: no posting, no failure
    assert stored(db) == ["hn-16052600", "hn-16052601"]


def test_fetch_boards_goes_on_past_a_failing_board(tmp_path, monkeypatch, capsys, httpserver):
    serve_hn_thread(httpserver)
    httpserver.expect_request("/greenhouse/acme/jobs").respond_with_json(load("greenhouse_acme.json"))
    httpserver.expect_request("/lever/nobody").respond_with_data("", status=404)
    httpserver.expect_request("/ashby/initech").respond_with_json(load("ashby_initech.json"))
    listed = tmp_path / "boards.txt"
    listed.write_text(
        "# my boards, refreshed monthly\n"
        "greenhouse:acme\n"
        "lever:nobody   # gone\n"
        "\n"
        "ashby:initech\n"
        "greenhouse:acme\n"  # a duplicate
        "hn:latest\n"
    )
    db = tmp_path / "s.db"
    code, shown = run_cli(monkeypatch, capsys, httpserver, "fetch", "--boards", str(listed), "--db", str(db))
    assert code == 1
    assert "1 duplicate line(s) skipped" in shown
    assert "[1/4] greenhouse:acme: read 2, stored 2" in shown
    assert "[2/4] lever:nobody: failed" in shown and "404 not found" in shown
    assert "[3/4] ashby:initech: read " in shown
    assert "[4/4] hn:latest: hn:latest is thread 16052538" in shown
    assert "4 board(s): 3 refreshed, 1 failed (lever:nobody)" in shown
    ids = stored(db)
    assert "hn-16052600" in ids and any(i.startswith("greenhouse-acme-") for i in ids)
    assert any(i.startswith("ashby-initech-") for i in ids)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "no boards listed"),
        (b"# only a comment\n\n   \n", "no boards listed"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
        (b"greenhouse:acme\n\xff\xfe lever:x\n", "not UTF-8"),
        (b"greenhouse:acme\nmonster:acme\n", "line 2: 'monster:acme': not a fetch target"),
        (b"greenhouse:acme; DROP TABLE postings\n", "line 1"),
        (b"<script>alert(1)</script>\n", "not a fetch target"),
        (b"hn:abc\n", "an HN thread id is a number"),
        (b"greenhouse:" + b"a" * 5000 + b"\n", "may hold only"),
        (
            b"greenhouse:a\n" * 1 + b"".join(f"lever:c{i}\n".encode() for i in range(600)),
            "more than 500 boards",
        ),
        (b"greenhouse:a\n" * 40_000, "larger than 256 KB"),
    ],
)
def test_hostile_board_lists(tmp_path, content, message):
    listed = tmp_path / "boards.txt"
    listed.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_board_list(listed)


def test_a_board_list_with_a_bom_comments_and_duplicates(tmp_path):
    listed = tmp_path / "boards.txt"
    listed.write_text("\ufeffgreenhouse:acme  # payments\r\nlever:netflix\r\nlever:netflix\r\nhn:latest\r\n")
    assert read_board_list(listed) == (["greenhouse:acme", "lever:netflix", "hn:latest"], 1)


def test_a_bad_board_list_is_one_error_line_and_nothing_is_fetched(tmp_path, monkeypatch, capsys, httpserver):
    listed = tmp_path / "boards.txt"
    listed.write_text("greenhouse:acme\nworkday:acme\n")
    code, shown = run_cli(
        monkeypatch, capsys, httpserver, "fetch", "--boards", str(listed), "--db", str(tmp_path / "s.db")
    )
    lines = shown.strip().splitlines()
    assert code == 1 and len(lines) == 1 and lines[0].startswith("error: ") and "line 2" in lines[0]
    assert not httpserver.log  # the whole list is checked before any board is fetched
    code, shown = run_cli(monkeypatch, capsys, httpserver, "fetch", "--db", str(tmp_path / "s.db"))
    assert code == 1 and "--boards FILE" in shown
    code, shown = run_cli(
        monkeypatch,
        capsys,
        httpserver,
        "fetch",
        "--boards",
        str(tmp_path / "none.txt"),
        "--db",
        str(tmp_path / "s.db"),
    )
    assert code == 1 and "none.txt: no such file" in shown
