"""A small real store for the web tests: 400 postings of the bundled sample plus a few written to test
search, evidence and hostile HTML."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rolemap.models import Posting
from rolemap.pipeline import ingest
from rolemap.sources.sample import sample_postings
from rolemap.sources.url import UrlPolicy
from rolemap.store.db import Store, open_store
from rolemap.web.app import WebSettings, create_app

T0 = datetime(2026, 11, 1, tzinfo=UTC)
HOSTILE = Posting(
    id="evil-1",
    title="Senior Go Engineer <script>window.__pwned = 1</script>",
    description=(
        "<p>We need 5+ years of Go and Kafka. Fully remote. $150,000 - $180,000 per year.</p>"
        "<script>window.__pwned = 2</script><img src=x onerror='window.__pwned = 3'>"
        '<a href="javascript:window.__pwned = 4">apply</a><style>body{display:none}</style>'
    ),
    company="Evil Corp",
    location="Remote",
    posted_at="2018-03-15",
    source="jsonl",
)
KNOWN = Posting(
    id="known-1",
    title="Staff Backend Engineer",
    description="Zanzibarian payments platform. Python and PostgreSQL. Hybrid in Berlin. 8+ years of experience.",
    company="Zanzi",
    location="Berlin, Germany",
    posted_at="2018-04-02",
    source="jsonl",
)
# A posting id with a slash and spaces: ids are the source's own.
ODD_ID = Posting(
    id="odd/id with spaces", title="Platform Engineer", description="Terraform and AWS.", source="jsonl"
)


def build_store(path: Path) -> Store:
    store = open_store(f"sqlite:///{path}")
    sample = [p for p in itertools.islice(sample_postings(), 400) if isinstance(p, Posting)]
    ingest(store, [*sample, HOSTILE, KNOWN, ODD_ID], now=T0)
    return store


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "web.db"
    build_store(path).engine.dispose()
    return path


@pytest.fixture
def web_store(web_db: Path, tmp_path: Path) -> Store:
    """A copy per test: writes in one test never leak into another."""
    copy = tmp_path / "web.db"
    copy.write_bytes(web_db.read_bytes())
    return open_store(f"sqlite:///{copy}")


def make_client(store: Store, **settings: object) -> TestClient:
    defaults: dict[str, object] = {
        "recheck_seconds": 0.0,
        "url_policy": UrlPolicy(resolve=lambda h, p: ["203.0.113.7"]),
        "allowed_hosts": ("testserver",),  # the test client's Host
    }
    return TestClient(create_app(store, WebSettings(**{**defaults, **settings})))  # type: ignore[arg-type]


@pytest.fixture
def client(web_store: Store) -> Iterator[TestClient]:
    with make_client(web_store) as c:
        yield c


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Debian's chromium, one a test module (tests/web/browsing.py)."""
    from tests.web.browsing import chromium

    with chromium() as b:
        yield b
