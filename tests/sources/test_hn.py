import json

import httpx

from rolemap.errors import PostingError
from rolemap.models import Posting
from rolemap.sources import Fetcher, fetch, read_file
from rolemap.sources.hn import parse_header
from tests.conftest import FIXTURES

BOARDS = FIXTURES / "boards"


def test_header_parsing():
    h = parse_header("Acme Corp | Senior Backend Engineer | San Francisco, CA | ONSITE | Full-time<p>Body")
    assert (
        h["company"] == "Acme Corp"
        and h["role"] == "Senior Backend Engineer"
        and h["location"] == "San Francisco, CA"
    )
    assert parse_header("We are hiring engineers who love Go.") == {}


def test_algolia_thread_file_gives_top_level_comments_only():
    items = list(read_file(BOARDS / "algolia_16052538.json"))
    postings = [i for i in items if isinstance(i, Posting)]
    assert [p.id for p in postings] == ["hn-16052600", "hn-16052601"]
    assert postings[0].posted_at == "2018-01-01" and isinstance(items[2], PostingError)


def test_hn_api_thread_fetch_against_a_local_server(httpserver):
    for name in ("hn_story.json", "hn_16052600.json", "hn_16052601.json", "hn_16052602.json"):
        data = json.loads((BOARDS / name).read_text())
        httpserver.expect_request(f"/hn/item/{data['id']}.json").respond_with_json(data)
    f = Fetcher(client=httpx.Client(timeout=2), min_interval=0, sleep=lambda s: None)
    items = list(fetch("hn:16052538", f, {"hn": httpserver.url_for("/hn")}))
    assert [i.id for i in items if isinstance(i, Posting)] == ["hn-16052600", "hn-16052601"]
    assert "deleted" in next(i for i in items if isinstance(i, PostingError)).message
