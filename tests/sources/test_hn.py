import json

import httpx

from rolemap.errors import PostingError
from rolemap.extract import extract_posting
from rolemap.models import Posting
from rolemap.sources import Fetcher, fetch, read_file
from rolemap.sources.hn import from_api_item, header_line
from tests.conftest import FIXTURES

BOARDS = FIXTURES / "boards"


def test_the_header_is_kept_for_display_and_read_by_the_extractor():
    html = "Acme Corp | Senior Backend Engineer | San Francisco, CA | ONSITE | Full-time<p>Body"
    assert header_line(html) == "Acme Corp | Senior Backend Engineer | San Francisco, CA | ONSITE | Full-time"
    assert header_line("We are hiring engineers who love Go.") is None
    posting = from_api_item({"id": 1, "type": "comment", "by": "a", "time": 1514764800, "text": html})
    assert posting.company is None and posting.title == "" and posting.location is None  # no guess here
    record = extract_posting(posting)
    assert record.company == "Acme Corp" and [r.title for r in record.roles] == ["Senior Backend Engineer"]
    assert [(p.city, p.country) for p in record.locations] == [("San Francisco", "US")]


def test_an_hn_job_story_has_a_title_of_its_own():
    item = {
        "by": "justin",
        "id": 192327,
        "score": 6,
        "time": 1210981217,
        "type": "job",
        "url": "",
        "title": "Justin.tv is looking for a Lead Flash Engineer!",
        "text": "Justin.tv is the biggest live video site online. We serve hundreds of thousands of video streams a day.",
    }  # fmt: skip  (the HN API's documented example of a job item)
    record = extract_posting(from_api_item(item))
    assert record.company == "Justin.tv"
    assert [(r.title, r.seniority) for r in record.roles] == [("Lead Flash Engineer", "staff")]


def test_algolia_thread_file_gives_top_level_comments_only():
    items = list(read_file(BOARDS / "algolia_16052538.json"))
    postings = [i for i in items if isinstance(i, Posting)]
    assert [p.id for p in postings] == ["hn-16052600", "hn-16052601"]
    # its deleted comment (no text, no author) is no posting and no failure, as the API's is
    assert postings[0].posted_at == "2018-01-01" and len(items) == 2


def test_hn_api_thread_fetch_against_a_local_server(httpserver):
    for name in ("hn_story.json", "hn_16052600.json", "hn_16052601.json", "hn_16052602.json"):
        data = json.loads((BOARDS / name).read_text())
        httpserver.expect_request(f"/hn/item/{data['id']}.json").respond_with_json(data)
    f = Fetcher(client=httpx.Client(timeout=2), min_interval=0, sleep=lambda s: None)
    items = list(fetch("hn:16052538", f, {"hn": httpserver.url_for("/hn")}))
    assert [i.id for i in items if isinstance(i, Posting)] == ["hn-16052600", "hn-16052601"]
    assert not [
        i for i in items if isinstance(i, PostingError)
    ]  # a deleted comment is no posting, no failure
