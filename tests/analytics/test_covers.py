"""Every list of postings says what it rests on (issue 17): `rolemap list`, `tracker`, `near-dups` and
`watch` state the months their postings were open and how many are open now, in the terminal and in
--json ("covers"), CSV stays rows alone, and "open" (`--open`) means the frame's freshness rule, not "not
closed". On a store counted by hand:

- g1, g2: postings of the board greenhouse:hooli, posted 2018-01-10 and 2018-02-01, fetched on 2018-03-10;
  the fetch of 2018-03-20 lists g1 alone, so g2 is closed that day and g1 is open through it;
- h1, h2: Hacker News posts of 2017-11 and 2018-03, read on 2018-03-10: each open for the month of its
  thread. At the newest fetch (2018-03-20) h2 is open, h1 is not.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from rolemap.analytics.covers import OPEN_MEANING, covers_line, lane_covers, posting_covers
from rolemap.analytics.frame import build_frame
from rolemap.analytics.lane import Lane
from rolemap.models import Posting
from rolemap.pipeline import ingest
from rolemap.store.db import Store, open_store
from tests.cli_runner import cli, ok

FIRST, SECOND = dt.datetime(2018, 3, 10, tzinfo=dt.UTC), dt.datetime(2018, 3, 20, tzinfo=dt.UTC)


def _board(pid: str, title: str, posted: str, text: str) -> Posting:
    return Posting(id=pid, title=title, description=text, company="Hooli", posted_at=posted,
                   source="greenhouse", board="greenhouse:hooli")  # fmt: skip


G1 = _board("g1", "Platform Engineer", "2018-01-10", "Terraform, AWS and Kubernetes for our platform team.")
G2 = _board("g2", "Data Analyst", "2018-02-01", "SQL, dashboards and stakeholder reports in Looker.")
H1 = Posting(id="h1", title="Backend Engineer", company="Acme", posted_at="2017-11-01", source="hn",
             description="Acme | Berlin | Go and PostgreSQL services for logistics, onsite.")  # fmt: skip
H2 = Posting(id="h2", title="iOS Developer", company="Globex", posted_at="2018-03-01", source="hn",
             description="Globex | Remote | Swift and SwiftUI for our banking app.")  # fmt: skip
ALL = {"from": "2017-11", "to": "2018-03", "postings": 4, "open_now": 2, "as_of": "2018-03-20"}


def fill(store: Store) -> None:
    ingest(store, [G1, G2, H1, H2], now=FIRST)
    ingest(store, [G1], now=SECOND)  # the board's listing of 2018-03-20: g2 is gone


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "covers.db"
    store = open_store(str(path))
    fill(store)
    store.engine.dispose()
    return str(path)


def test_a_lane_and_a_set_of_saved_postings_cover_their_open_months(store: Store) -> None:
    fill(store)
    frame = build_frame(store)
    assert lane_covers(frame, Lane()) == ALL
    # --open: the frame's rule (g1 still listed, h2 in its thread's month), not "not closed" (h1 is never
    # closed, and is not open)
    assert lane_covers(frame, Lane(open_only=True)) == {**ALL, "from": "2018-01", "postings": 2}
    # the same postings read from the store, one by one by the same rule
    assert posting_covers(store) == ALL
    assert posting_covers(store, ["h1", "h1"]) == {**ALL, "from": "2017-11", "to": "2017-11", "postings": 1,
                                                   "open_now": 0}  # fmt: skip
    assert posting_covers(store, []) == {**ALL, "from": None, "to": None, "postings": 0, "open_now": 0}


def test_the_line_says_the_count_the_months_and_what_is_open() -> None:
    assert covers_line(ALL) == "4 postings from 2017-11 to 2018-03; open at the newest fetch (2018-03-20): 2"
    one = {"from": "2017-11", "to": "2017-11", "postings": 1, "open_now": 0, "as_of": "2018-03-20"}
    assert covers_line(one) == "1 posting of 2017-11"  # no "0 open": it would say nothing
    assert covers_line({**one, "from": None, "to": None}) == "1 posting, none dated"
    assert covers_line({**one, "postings": 0}) == "no postings" and covers_line({}) == ""


def test_list_states_its_covers_and_csv_stays_rows(db: str) -> None:
    shown = " ".join(ok("list", "--db", db).split())
    assert "4 of 4 postings shown" in shown
    assert "The lane: 4 postings from 2017-11 to 2018-03; open at the newest fetch (2018-03-20): 2" in shown
    data = json.loads(ok("list", "--db", db, "--json"))
    assert data["covers"] == ALL and data["postings"] == 4
    opened = json.loads(ok("list", "--db", db, "--json", "--open"))
    assert sorted(r["id"] for r in opened["rows"]) == ["g1", "h2"]
    assert opened["covers"] == {**ALL, "from": "2018-01", "postings": 2}
    rows = ok("list", "--db", db, "--csv").splitlines()
    assert rows[0].startswith("id,title") and len(rows) == 5  # a header and four rows, no line below them
    helped = " ".join(ok("list", "--help", columns=400).replace("│", " ").split())
    assert f"Only postings {OPEN_MEANING}." in helped and "--csv gives the rows alone" in helped


def test_tracker_states_what_the_saved_postings_cover(db: str) -> None:
    ok("tracker", "add", "h1", "--db", db)
    ok("tracker", "add", "g1", "--db", db, "--status", "applied")
    shown = " ".join(ok("tracker", "--db", db).split())
    assert "Tracked: 2 postings from 2017-11 to 2018-03; open at the newest fetch (2018-03-20): 1" in shown
    data = json.loads(ok("tracker", "--db", db, "--json"))
    assert data["covers"] == {**ALL, "postings": 2, "open_now": 1}
    only = json.loads(ok("tracker", "--db", db, "--json", "--status", "saved"))
    assert only["covers"] == {**ALL, "to": "2017-11", "postings": 1, "open_now": 0}  # h1 alone
    assert len(ok("tracker", "--db", db, "--csv").splitlines()) == 3


def test_near_dups_states_what_it_compared(db: str) -> None:
    data = json.loads(ok("near-dups", "--db", db, "--json"))
    assert data["postings"] == 4 and data["covers"] == ALL
    shown = " ".join(ok("near-dups", "--db", db).split())
    assert "Compared: 4 postings from 2017-11 to 2018-03; open at the newest fetch (2018-03-20): 2" in shown


def test_watch_states_what_the_lane_covers_even_when_nothing_is_compared(db: str, tmp_path: Path) -> None:
    resume = tmp_path / "cv.md"
    resume.write_text("# Jo\n\n## Skills\n\nGo, PostgreSQL\n", encoding="utf-8")
    data = json.loads(ok("watch", "--resume", resume, "--db", db, "--json"))
    assert data["covers"] == ALL
    shown = " ".join(ok("watch", "--resume", resume, "--db", db).split())
    assert "The lane: 4 postings from 2017-11 to 2018-03" in shown
    result = cli("watch", "--resume", resume, "--db", db, "--language", "cobol")
    assert result.exit_code == 0 and "The lane: no postings" in " ".join(result.output.split())


def test_the_docs_say_open_in_the_words_of_the_help() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs"
    for page in ("market.md", "web.md"):
        assert OPEN_MEANING in " ".join((docs / page).read_text(encoding="utf-8").split()), page
