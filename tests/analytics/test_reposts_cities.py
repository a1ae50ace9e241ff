"""Session 36: one company's same title listed the same week in two cities of one country is two openings,
in the market frame and in `info`'s count alike (analytics/reposts.py)."""

import datetime as dt
import sqlite3

from rolemap.analytics.frame import load_frame
from rolemap.analytics.reposts import count_reposts
from rolemap.models import Posting
from rolemap.store.db import open_store
from tests.conftest import store_file

BODY = "SKF | Manufacturing Engineer | {city}\nSKF is hiring a manufacturing engineer in {city} to improve our bearing lines. {extra}"


def posting(pid: str, city: str, posted: str, extra: str = "") -> Posting:
    return Posting(id=pid, title=f"Manufacturing Engineer | {city}", company="SKF", location=city,
                   description=BODY.format(city=city, extra=extra), posted_at=posted, source="jsonl")  # fmt: skip


def test_two_cities_are_two_openings_and_a_relisting_in_one_city_is_a_repost(tmp_path):
    postings = [
        posting("l1", "Ladson, SC", "2024-04-10"),
        posting("d1", "Dexter, MI", "2024-04-11", "We moved offices this spring."),
        posting("l2", "Ladson, SC", "2024-05-10", "Our team doubled since last year."),  # Ladson's again
    ]
    db = store_file(tmp_path / "s.db", postings, dt.datetime(2024, 6, 1, tzinfo=dt.UTC))
    frame = load_frame(open_store(db))
    assert frame.totals["reposts"] == 1 and sorted(frame.strings("id")) == ["d1", "l1"]
    with sqlite3.connect(db) as con:
        assert count_reposts(con) == 1  # `info`, with sqlite3 alone, counts the same
