import json

import httpx
import pytest
from werkzeug import Response

from rolemap.errors import FetchError, InputError
from rolemap.models import Posting
from rolemap.sources import Fetcher, fetch, parse_target, read_file
from rolemap.sources.boards import ashby_postings, greenhouse_postings, lever_postings
from tests.conftest import FIXTURES

BOARDS = FIXTURES / "boards"


def load(name):
    return json.loads((BOARDS / name).read_text())


def test_greenhouse_answer():
    jobs = list(greenhouse_postings(load("greenhouse_acme.json"), "acme"))
    assert [j.id for j in jobs] == ["greenhouse-acme-4012345", "greenhouse-acme-4012346"]
    assert jobs[0].board == "greenhouse:acme" and jobs[0].location == "Remote - US"
    assert jobs[0].source_fields["metadata"] == {"Employment Type": "Full-time"}
    assert "&lt;" in jobs[0].description  # kept as sent; the text stage unescapes it


def test_lever_answer_keeps_structured_salary_and_workplace():
    (job,) = lever_postings(load("lever_globex.json"), "globex")
    assert job.title == "Backend Engineer, Payments" and job.posted_at == "2025-10-09"
    assert job.source_fields["salary"] == {"min": 70000, "max": 85000, "currency": "GBP", "period": "year"}
    assert job.source_fields["remote"] is False and "What you bring" in job.description


def test_ashby_answer():
    (job,) = ashby_postings(load("ashby_initech.json"), "initech")
    assert job.source_fields["remote"] is True and job.source_fields["employment_type"] == "FullTime"
    assert job.source_fields["salary"]["currency"] == "EUR"


def test_saved_board_files_are_recognised_with_their_board_name():
    (job,) = read_file(BOARDS / "lever_globex.json")
    assert job.board == "lever:globex"
    assert {j.board for j in read_file(BOARDS / "greenhouse_acme.json")} == {"greenhouse:acme"}


def test_a_job_without_id_is_reported_and_the_rest_kept():
    data = load("greenhouse_acme.json")
    del data["jobs"][0]["id"]
    items = list(greenhouse_postings(data, "acme"))
    assert isinstance(items[1], Posting) and "has no 'id'" in items[0].message


def test_a_failed_ashby_job_known_by_its_url_keeps_its_posting_open_not_its_board():
    """Ashby's documented answer has no `id`: the job is known by the one its `jobUrl` ends with, so a
    job that fails on another field names its posting (which stays open) and holds no whole board open."""
    data = load("ashby_initech.json")
    job = data["jobs"][0]
    del job["id"]
    job["title"] = ["not", "a", "title"]
    (failed,) = ashby_postings(data, "initech")
    assert failed.posting_id == "ashby-initech-0f6e9a3c-1111-4222-8333-444455556666"
    assert failed.board == "ashby:initech" and "'title' must be a string" in failed.message
    assert failed.where == "ashby:initech job 0f6e9a3c-1111-4222-8333-444455556666"


def test_wrong_shape_is_an_input_error():
    with pytest.raises(InputError, match="not that board's format"):
        list(greenhouse_postings({"postings": []}, "acme"))


@pytest.mark.parametrize("target", ["greenhouse", "monster:acme", "hn:abc", "lever:../etc", "ashby:"])
def test_bad_targets(target):
    with pytest.raises(InputError):
        parse_target(target)


class Clock:
    def __init__(self):
        self.now = 0.0
        self.slept: list[float] = []

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds

    def __call__(self):
        return self.now


def fetcher(**kw):
    clock = Clock()
    return Fetcher(
        client=httpx.Client(timeout=kw.pop("timeout", 2.0)), sleep=clock.sleep, clock=clock, **kw
    ), clock


def bases(httpserver):
    root = httpserver.url_for("").rstrip("/")
    return {k: root + "/" + k for k in ("greenhouse", "lever", "ashby", "hn", "hn-algolia")}


def test_live_fetch_from_a_local_server(httpserver):
    httpserver.expect_request(
        "/greenhouse/acme/jobs", query_string="content=true&pay_transparency=true"
    ).respond_with_json(load("greenhouse_acme.json"))
    httpserver.expect_request("/lever/globex", query_string="mode=json").respond_with_json(
        load("lever_globex.json")
    )
    httpserver.expect_request("/ashby/initech").respond_with_json(load("ashby_initech.json"))
    f, _ = fetcher()
    got = [
        p.id
        for t in ("greenhouse:acme", "lever:globex", "ashby:initech")
        for p in fetch(t, f, bases(httpserver))
    ]
    assert len(got) == 4
    assert all(r.headers["User-Agent"].startswith("rolemap/") for r, _ in httpserver.log)


def test_retries_429_with_retry_after_then_succeeds(httpserver):
    httpserver.expect_ordered_request("/lever/globex").respond_with_response(
        Response("slow down", status=429, headers={"Retry-After": "7"})
    )
    httpserver.expect_ordered_request("/lever/globex").respond_with_json(load("lever_globex.json"))
    f, clock = fetcher()
    assert len(list(fetch("lever:globex", f, bases(httpserver)))) == 1
    assert 7 in clock.slept


def test_gives_up_after_repeated_500s(httpserver):
    httpserver.expect_request("/lever/globex").respond_with_data("oops", status=500)
    f, clock = fetcher(retries=2, backoff=1.0)
    with pytest.raises(FetchError, match="HTTP 500 after 3 tries"):
        list(fetch("lever:globex", f, bases(httpserver)))
    assert clock.slept[:2] == [1.0, 2.0]


def test_404_names_the_fix(httpserver):
    httpserver.expect_request("/greenhouse/nobody/jobs").respond_with_data("", status=404)
    f, _ = fetcher()
    with pytest.raises(FetchError, match="check the board"):
        list(fetch("greenhouse:nobody", f, bases(httpserver)))


def test_garbage_answer(httpserver):
    httpserver.expect_request("/ashby/initech").respond_with_data(b"\x00\xffnot json", status=200)
    f, _ = fetcher()
    with pytest.raises(FetchError, match="not JSON"):
        list(fetch("ashby:initech", f, bases(httpserver)))


def test_an_answer_nested_too_deeply_is_one_boards_failure(httpserver):
    deep = '{"jobs": [{"id": 1, "metadata": ' + "[" * 100_000 + "]" * 100_000 + "}]}"
    httpserver.expect_request("/greenhouse/acme/jobs").respond_with_data(deep, status=200)
    f, _ = fetcher()
    with pytest.raises(FetchError, match="nested too deeply"):
        list(fetch("greenhouse:acme", f, bases(httpserver)))


def test_timeout(httpserver):
    import time

    def slow(_request):
        time.sleep(0.5)
        return Response("{}", status=200)

    httpserver.expect_request("/lever/slow").respond_with_handler(slow)
    f, _ = fetcher(retries=1, timeout=0.1)
    with pytest.raises(FetchError, match="timed out after 2 tries"):
        list(fetch("lever:slow", f, bases(httpserver)))


def test_rate_limit_spaces_requests():
    clock = Clock()
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=[]))
    f = Fetcher(client=httpx.Client(transport=transport), min_interval=2.0, sleep=clock.sleep, clock=clock)
    for _ in range(3):
        f.get_json("http://board.test/x")
    assert clock.slept == [2.0, 2.0]
