"""The web's lists say what they rest on (issue 17): /postings and /api/postings state the months the whole
list covers and how many are open at the newest fetch, /tracker what the saved postings cover, and "open"
(`open=true`, the "open" tag) is the frame's freshness rule. The store (conftest.py) holds Hacker News posts
of 2013-2018 and two dated pages of 2018, all read on 2026-11-01: none of them is open; the one posting
without a date counts from the day it was read, and is open that month."""

from __future__ import annotations

import html

from rolemap.analytics.covers import OPEN_MEANING, covers_line


def test_the_postings_list_states_what_the_whole_list_covers(client):
    listed = client.get("/api/postings").json()
    covers = listed["covers"]
    assert covers["postings"] == listed["total"] > 20  # the whole list, not the page
    assert (covers["from"], covers["to"], covers["open_now"]) == ("2013-08", "2026-11", 1)
    assert covers["as_of"] == "2026-11-01"
    page = client.get("/postings").text
    assert f'<p class="note" id="coverage">{covers_line(covers)}</p>' in html.unescape(page)
    assert covers_line(covers).endswith("to 2026-11; open at the newest fetch (2026-11-01): 1")


def test_open_means_the_freshness_rule_on_the_list_and_its_filter(client):
    opened = client.get("/api/postings", params={"open": "true"}).json()
    # never closed by any fetch, the old posts are still not open: only the undated posting of 2026-11 is
    assert [p["id"] for p in opened["items"]] == ["odd/id with spaces"] and opened["items"][0]["is_open"]
    assert opened["covers"] == {
        "from": "2026-11", "to": "2026-11", "postings": 1, "open_now": 1, "as_of": "2026-11-01"
    }  # fmt: skip
    page = client.get("/postings", params={"open": "true"}).text
    assert '<span class="tag">open</span>' in page and "closed</span>" not in page
    assert OPEN_MEANING in html.unescape(client.get("/postings").text)  # the filter says what open means
    assert OPEN_MEANING in client.get("/openapi.json").text


def test_the_tracker_page_states_what_the_saved_postings_cover(client):
    assert 'id="coverage"' not in client.get("/tracker").text  # nothing saved: nothing to cover
    assert client.put("/api/tracker/known-1", json={"status": "applied"}).status_code == 200
    assert client.put("/api/tracker/evil-1", json={"status": "saved"}).status_code == 200
    page = client.get("/tracker").text
    # known-1 (2018-04-02) and evil-1 (2018-03-15): each open for the month it was posted
    assert '<p class="note" id="coverage">Saved: 2 postings from 2018-03 to 2018-04</p>' in page


def test_the_tracker_api_states_what_its_entries_cover(client):
    """/api/tracker carries `covers` as `rolemap tracker --json` does: of the entries it answers with."""
    empty = client.get("/api/tracker").json()
    assert empty["entries"] == [] and empty["covers"]["postings"] == 0
    assert client.put("/api/tracker/known-1", json={"status": "applied"}).status_code == 200
    assert client.put("/api/tracker/evil-1", json={"status": "saved"}).status_code == 200
    covers = client.get("/api/tracker").json()["covers"]
    assert covers == {"from": "2018-03", "to": "2018-04", "postings": 2, "open_now": 0, "as_of": "2026-11-01"}
    applied = client.get("/api/tracker", params={"status": "applied"}).json()["covers"]
    assert (applied["from"], applied["to"], applied["postings"]) == ("2018-04", "2018-04", 1)
    assert covers_line(covers) == "2 postings from 2018-03 to 2018-04"


def test_a_page_past_the_last_says_so_and_links_the_last(client):
    """/postings?page=5000 said "No posting matches: widen the filters" of a list of many postings."""
    listed = client.get("/api/postings", params={"limit": 5}).json()
    pages = -(-listed["total"] // 5)
    past = html.unescape(client.get("/postings", params={"page": pages + 1, "limit": 5}).text)
    assert f"Page {pages + 1} is past the last page ({pages})" in past and "No posting matches" not in past
    assert f'&page={pages}">go to page {pages}</a>' in past
