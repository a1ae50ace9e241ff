"""A market of roles (analytics/role_rows.py): one market-frame row a role of a posting, the salary, level
and years a text ties to each role, lists that show a posting once; the role rows in the store (migration
0009, corrections of the role families), the frame brought up to date, and the dataset page agreeing."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from sqlalchemy import text

from rolemap.analytics.frame import _SOURCES, build_frame, read_store_base
from rolemap.analytics.frame_base import update_base
from rolemap.analytics.frame_build import frame_of
from rolemap.analytics.lane import Lane, salary_counts, select
from rolemap.analytics.listing import Listing, matching_rows, page_of
from rolemap.analytics.market import market, pay_by, tracker
from rolemap.analytics.pay import pay_scale
from rolemap.models import Posting
from rolemap.pipeline import ingest
from rolemap.store.corrections import clear_corrections, set_correction
from rolemap.store.roles import json_role_labels, role_labels
from tests.analytics.test_frame_delta import assert_same_frame

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
# A Hacker News post hiring a product manager (its salary written under it) and a senior Python backend
# engineer: the extractor reads two roles of two families, the salary tied to the product manager's.
PM_AND_BACKEND = (
    "Acme | Product Manager, Senior Backend Engineer (Python) | Remote | Full-time\n"
    "We are hiring two roles.\nProduct Manager: $75k-$100k. Own the roadmap.\n"
    "Senior Backend Engineer: Python, Django, PostgreSQL. 5+ years of experience."
)
# two backend roles at two levels: the salary and the years plainly cover both
TWO_LEVELS = (
    "Globex | Senior Backend Engineer, Junior Backend Engineer | Berlin, Germany | Onsite\n"
    "Go and PostgreSQL. 3+ years of experience. EUR 60,000 - 90,000 a year."
)

# an iOS engineer and a backend engineer: each role's skills are its own, the shared ones both roles'
IOS_AND_BACKEND = (
    "Acme | iOS Engineer, Senior Backend Engineer | Remote | Full-time\nWe are hiring two roles.\n"
    "iOS Engineer: Swift, iOS and React Native.\n"
    "Senior Backend Engineer: Rails, PostgreSQL and REST APIs on AWS."
)
# a backend engineer and a product manager: no role of the post is the React developer, so React stays
BACKEND_AND_PM = (
    "Initech | Senior Backend Engineer, Product Manager | Remote\nRails and PostgreSQL; our app is React."
)
# a tester builds no side: the QA row keeps iOS; and with no backend role hired, the iOS row keeps Rails
QA_AND_IOS = (
    "Hooli | QA Engineer, iOS Engineer | Remote\n"
    "We test and build our iOS app with Swift and XCTest; our API runs on Rails and PostgreSQL."
)


def hn(pid: str, description: str, posted: str = "2026-02-02") -> Posting:
    return Posting(id=pid, title="", description=description, posted_at=posted, source="hn")


def single(pid: str = "s1", stack: str = "React and TypeScript") -> Posting:
    return Posting(
        id=pid, title="Frontend Engineer", description=f"{stack}. $110k-$130k. 2+ years of experience.",
        company="Initech", posted_at="2026-02-03", source="hn",
    )  # fmt: skip


def rows_of(frame, pid):
    return [r for r in frame.table.to_pylist() if r["id"] == pid]


def values(frame, field, row):
    p = frame.pairs[field]
    return sorted(p.vocab[c] for r, c in zip(p.row.tolist(), p.code.tolist(), strict=True) if r == row)


def test_store_role_labels_follow_the_families():
    assert role_labels([("backend", "senior"), ("non_software", None)], ["non_software", "backend"]) == [
        "backend:senior", "non_software:",
    ]  # fmt: skip
    # two roles of one family and level are one; a family no role has is a role of no level
    assert role_labels([("backend", None), ("backend", None)], ["backend", "data"]) == ["backend:", "data:"]
    # a corrected family set wins: a role of a family the user took away is gone
    assert role_labels([("backend", "senior"), ("non_software", None)], ["backend"]) == ["backend:senior"]
    assert json_role_labels(None, None) == [] and json_role_labels([{"family": "qa"}], ["qa"]) == ["qa:"]


def test_a_posting_hiring_a_product_manager_and_a_backend_engineer_is_two_rows(store):
    ingest(store, [hn("m1", PM_AND_BACKEND), single()], now=T0)
    frame = build_frame(store)
    assert frame.size == 3 and frame.totals["counted"] == 2  # three roles in two postings
    backend, manager = rows_of(frame, "m1")  # in code point order of their labels
    assert (backend["roles"], backend["posting"]) == (2, manager["posting"]) == (2, 0)
    assert backend["seniority"] == "senior" and manager["seniority"] is None
    assert backend["salary_min"] is None and manager["salary_min"] == 75_000  # the PM's pay is the PM's
    assert backend["years_min"] is None and manager["years_min"] is None  # two families: not plainly both
    assert values(frame, "family", 0) == ["backend"] and values(frame, "family", 1) == ["non_software"]
    assert values(frame, "salary_family", 0) == [] and values(frame, "salary_family", 1) == ["non_software"]
    # the product manager's row does not ask for Python; the backend engineer's does
    assert "django" in values(frame, "skill", 0) and values(frame, "skill", 1) == []
    assert values(frame, "language", 1) == [] and manager["primary_language"] is None

    lane = Lane(family=("backend",))
    page = market(frame, lane)
    assert (page.roles, page.postings) == (1, 1)
    assert page.pay.stated == 0  # the PM's $75k-$100k is not a backend salary
    assert {s.name: s.count for s in page.levels}["senior"] == 1
    assert {s.name: s.count for s in page.families} == {"backend": 1, "non_software": 1, "frontend": 1}
    scale = pay_scale(frame)
    assert not salary_counts(frame, lane, select(frame, lane))[~np.isnan(scale.yearly)].any()
    everyone = market(frame, Lane())
    # Acme once for its two roles (the frontend post's text names no hirer)
    assert (everyone.roles, everyone.postings, everyone.companies) == (3, 2, 1)
    assert everyone.pay.stated == 2  # the PM's salary once, the frontend engineer's
    managers = pay_by(frame, Lane(family=("non_software",)), "seniority", min_cell=1)
    assert managers.overall.stated == 1


def test_lists_show_a_posting_once_with_its_roles_in_the_lane(store):
    ingest(store, [hn("m1", PM_AND_BACKEND), single()], now=T0)
    frame = build_frame(store)
    listing = Listing(frame, pay_scale(frame))
    every = matching_rows(listing, Lane())
    page = page_of(listing, every, Lane())
    assert [i.id for i in page.items].count("m1") == 1 and page.total == 2
    assert next(i for i in page.items if i.id == "m1").roles == ["backend senior", "non_software"]
    assert next(i for i in page.items if i.id == "s1").roles == []
    backend = page_of(listing, matching_rows(listing, Lane(family=("backend",))), Lane(family=("backend",)))
    assert [i.id for i in backend.items] == ["m1"] and backend.items[0].roles == ["backend senior"]
    assert backend.covers["postings"] == 1
    rows, n = tracker(frame, Lane())
    assert n == 2 and sorted(r.id for r in rows) == ["m1", "s1"]
    assert next(r for r in rows if r.id == "m1").roles == "backend senior, non_software"
    # a search hit names the posting: every role row of it
    assert listing.rows_of({"m1"}).sum() == 2


def test_a_role_row_leaves_the_skills_another_role_of_the_posting_is_hired_for(store):
    ingest(store, [hn("i1", IOS_AND_BACKEND), hn("p1", BACKEND_AND_PM), hn("q1", QA_AND_IOS)], now=T0)
    frame = build_frame(store)
    ids = frame.strings("id")
    (backend, mobile), (other_backend, _), (ios, qa) = (
        [r for r, i in enumerate(ids) if i == pid] for pid in ("i1", "p1", "q1")
    )  # each posting's rows in code point order of their labels
    assert values(frame, "family", backend) == ["backend"] and values(frame, "family", mobile) == ["mobile"]
    assert values(frame, "skill", backend) == ["aws", "postgresql", "rails", "rest"]
    assert values(frame, "skill", mobile) == ["aws", "ios", "react-native", "rest"]
    assert "swift" in values(frame, "language", backend)  # languages stay the posting's
    assert values(frame, "skill", other_backend) == ["postgresql", "rails", "react"]
    assert values(frame, "family", qa) == ["qa"]
    assert values(frame, "skill", qa) == values(frame, "skill", ios) == ["ios", "postgresql", "rails"]
    backend_lane = market(frame, Lane(family=("backend",)))
    assert {s.name for s in backend_lane.skills} == {"aws", "postgresql", "rails", "rest", "react"}
    mobile_lane = market(frame, Lane(family=("mobile",)))
    assert {s.name: s.count for s in mobile_lane.skills} == {
        "ios": 2, "aws": 1, "react-native": 1, "rest": 1, "rails": 1, "postgresql": 1,
    }  # fmt: skip


def test_a_single_role_posting_is_one_row_as_the_posting_reads(store):
    ingest(store, [single("s1"), single("s2", "Vue and JavaScript")], now=T0)
    base = read_store_base(store)
    frame = frame_of(base)
    without_roles = frame_of(replace(base, pairs={k: v for k, v in base.pairs.items() if k != "role"}))
    assert frame.size == 2 and frame.table.equals(without_roles.table)
    row = rows_of(frame, "s1")[0]
    assert (row["salary_min"], row["years_min"], row["roles"]) == (110_000, 2, 1)
    assert values(frame, "skill", 0) == values(without_roles, "skill", 0) != []


def test_years_and_salary_stay_when_the_roles_share_one_family(store):
    ingest(store, [hn("g1", TWO_LEVELS)], now=T0)
    frame = build_frame(store)
    junior, senior = rows_of(frame, "g1")
    assert (junior["seniority"], senior["seniority"]) == ("junior", "senior")
    assert junior["years_min"] == senior["years_min"] == 3
    assert junior["salary_min"] == senior["salary_min"] == 60_000
    assert market(frame, Lane(family=("backend",))).roles == 2


def test_a_correction_of_the_role_families_is_never_contradicted_by_the_role_rows(store):
    ingest(store, [hn("m1", PM_AND_BACKEND)], now=T0)
    set_correction(store, "m1", "role_families", ["backend"], T0 + timedelta(hours=1))
    frame = build_frame(store)
    (row,) = rows_of(frame, "m1")
    assert row["roles"] == 1 and values(frame, "family", 0) == ["backend"]
    set_correction(store, "m1", "role_families", ["data", "backend"], T0 + timedelta(hours=2))
    frame = build_frame(store)
    assert [values(frame, "family", r) for r in range(frame.size)] == [["backend"], ["data"]]
    assert [r["seniority"] for r in rows_of(frame, "m1")] == ["senior", None]  # data: a role of no level
    clear_corrections(store, "m1", ["role_families"])
    assert build_frame(store).size == 2


@pytest.fixture(params=["store", "pg_store"])
def any_store(request):
    return request.getfixturevalue(request.param)


def test_the_frame_brought_up_to_date_equals_the_whole_read_with_roles(any_store):
    ingest(any_store, [single()], now=T0)
    base = read_store_base(any_store)
    steps = [
        lambda at: ingest(any_store, [hn("m1", PM_AND_BACKEND), hn("g1", TWO_LEVELS)], now=at),
        lambda at: ingest(any_store, [hn("m1", PM_AND_BACKEND.replace("Python", "Go"))], now=at),
        lambda at: set_correction(any_store, "g1", "role_families", ["backend", "qa"], at),
        lambda at: set_correction(any_store, "m1", "seniority", "staff", at),
        lambda at: clear_corrections(any_store, "g1", ["role_families"]),
    ]
    for hours, step in enumerate(steps, 1):
        step(T0 + timedelta(hours=hours))
        with any_store.read() as conn, conn.begin():
            new = update_base(conn, base, _SOURCES)
        assert new is not None, "read whole instead"
        want = build_frame(any_store)
        assert_same_frame(frame_of(new), want)
        base = new
    assert want.size == 5  # s1, g1's two levels, m1's two roles


def test_the_migration_backfills_the_role_rows_of_an_existing_store(any_store):
    from alembic import command

    from rolemap.store.db import HEAD_REVISION, _alembic_config, schema_revision

    ingest(any_store, [hn("m1", PM_AND_BACKEND), hn("g1", TWO_LEVELS), single()], now=T0)
    set_correction(any_store, "m1", "role_families", ["backend"], T0 + timedelta(hours=1))
    query = text(
        "SELECT posting_id, value FROM posting_labels WHERE field = 'role' ORDER BY posting_id, value"
    )

    def role_rows():
        with any_store.read() as conn:
            return [tuple(r) for r in conn.execute(query)]

    written = role_rows()
    assert written == [
        ("g1", "backend:junior"), ("g1", "backend:senior"), ("m1", "backend:senior"), ("s1", "frontend:mid"),
    ]  # fmt: skip
    config = _alembic_config()
    with any_store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0008")
    assert role_rows() == []  # a store of before: no role rows
    with any_store.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    assert schema_revision(any_store) == HEAD_REVISION == "0010"
    assert role_rows() == written  # from the stored records, the corrected families included


def test_the_dataset_page_counts_roles_as_the_store_does(tmp_path):
    from tests.cluster.test_cluster import cli
    from tests.cluster.test_dataset import json_of

    lines = [
        {"id": "m1", "title": "", "description": PM_AND_BACKEND, "posted_at": "2026-02-02"},
        {"id": "g1", "title": "", "description": TWO_LEVELS, "posted_at": "2026-02-02"},
        {"id": "i1", "title": "", "description": IOS_AND_BACKEND, "posted_at": "2026-02-02"},
        {"id": "q2", "title": "", "posted_at": "2026-02-02",
         "description": "Umbrella | QA Engineer, Backend Engineer | Remote\nRails and PostgreSQL."},
        {"id": "s1", "title": "Frontend Engineer", "company": "Initech", "posted_at": "2026-02-03",
         "description": "React and TypeScript. $110k-$130k. 2+ years of experience."},
    ]  # fmt: skip
    (tmp_path / "postings.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    records, db = tmp_path / "records", str(tmp_path / "store.db")
    assert cli("extract", str(tmp_path / "postings.jsonl"), "-o", f"{records}/")[0] == 0
    assert cli("ingest", "--db", db, str(records))[0] == 0
    for lane in (
        [],
        ["--family", "all"],
        ["--family", "non_software"],
        ["--family", "mobile"],
        ["--family", "qa"],  # a tester keeps the backend engineer's Rails
        ["--family", "all", "--skill", "django"],
    ):
        on_dataset = json_of("market", "--json", "--dataset", str(records), *lane)
        assert on_dataset == json_of("market", "--json", "--db", db, *lane), lane
    backend = json_of("market", "--json", "--dataset", str(records))
    assert backend["roles"] == 5 and backend["postings"] == 4  # type: ignore[index]
    qa = json_of("market", "--json", "--dataset", str(records), "--family", "qa")
    assert {s["name"] for s in qa["skills"]} == {"rails", "postgresql"}  # type: ignore[index]
    # g1's one salary, once though it counts for both its levels; not the PM's
    assert backend["pay"]["stated"] == 1  # type: ignore[index]
    # the target profile is a backend lane's too unless --family says: the iOS engineer's asks are not in it
    profile = json_of("profile", "--json", "--db", db, "--min-share", "0.2")
    assert "rails" in str(profile) and "ios" not in str(profile)
    mobile = str(json_of("profile", "--json", "--db", db, "--min-share", "0.2", "--family", "mobile"))
    assert "ios" in mobile and "rails" not in mobile
