"""Browser tests: Playwright driving Debian's chromium against the real server on loopback. They open the
market page, filter a lane, open a posting and see its evidence, track it and change its status, check
that a posting's <script> never runs, and that pages work with the keyboard and on a phone. Screenshots of
the main pages are written to docs/screenshots/ when ROLEMAP_SCREENSHOTS=1."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.browsing import needs_chromium, serving
from tests.web.conftest import build_store

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    with serving(build_store(tmp_path_factory.mktemp("browser") / "web.db")) as url:
        yield url


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1200, "height": 900}, base_url=server)
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type == "error" else None)
    pg.on(
        "request",
        lambda r: (
            pg.problems.append(f"off-site {r.url}") if not r.url.startswith((server, "data:")) else None
        ),
    )
    yield pg
    context.close()


def shot(pg, name: str) -> None:
    if os.environ.get("ROLEMAP_SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def test_market_page_then_filter_a_lane(page):
    page.goto("/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Backend engineer: ")
    assert page.locator(".figure").count() == 5 and page.locator("svg").count() >= 3
    shot(page, "market")
    page.locator("summary", has_text="Filters").click()
    page.get_by_label("Language").fill("go")
    page.get_by_label("senior").check()
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url("**/?language=go*seniority=senior*")
    assert "language: go; seniority: senior" in page.locator("main p.note").first.inner_text()
    page.get_by_role("link", name="See these").click()
    page.wait_for_url("**/postings?language=go*seniority=senior*")
    assert page.locator("ol.postings li").count() >= 1
    assert page.problems == []


def test_open_a_posting_see_evidence_and_track_it(page):
    page.goto("/postings?q=zanzibarian")
    shot(page, "postings")
    page.get_by_role("link", name="Staff Backend Engineer").click()
    marks = page.locator("#document mark")
    assert marks.count() >= 3
    fields = " ".join(marks.nth(i).get_attribute("data-fields") for i in range(marks.count()))
    assert "seniority" in fields and "years_experience" in fields and "skills" in fields
    assert page.locator("mark[data-fields~='years_experience']").first.inner_text().startswith("8+ years")
    shot(page, "posting")
    page.get_by_label("Notes").fill("referral from Ana")
    page.get_by_role("button", name="Add to tracker").click()
    assert "saved" in page.locator("#tracked").inner_text()
    page.goto("/tracker")
    card = page.locator(".board .card", has_text="Staff Backend Engineer")
    assert "python" in card.inner_text() and "staff" in card.inner_text()
    card.get_by_label("Move to").select_option("interviewing")
    card.get_by_role("button", name="Move").click()
    page.wait_for_url("**/tracker#board")
    moved = page.locator("[data-status='interviewing'] .card", has_text="Staff Backend Engineer")
    assert moved.count() == 1
    shot(page, "tracker")
    assert page.problems == []


def test_a_posting_script_never_runs(page):
    page.goto("/postings/evil-1")
    page.locator("summary", has_text="original").click()
    assert page.evaluate("window.__pwned === undefined")
    assert "window.__pwned = 1" in page.get_by_role("heading", level=1).inner_text()  # shown as text
    assert page.locator("script").count() == 0


def test_keyboard_only_search(page):
    page.goto("/postings")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    page.keyboard.press("Enter")
    page.get_by_label("Search").focus()
    page.keyboard.type("zanzibarian")
    page.keyboard.press("Enter")
    page.wait_for_url("**q=zanzibarian*")
    assert page.locator("ol.postings li").count() == 1


@pytest.mark.parametrize("path", ["/", "/postings", "/postings/known-1", "/tracker", "/trends", "/ingest"])
def test_pages_fit_a_phone(browser, server, path):
    context = browser.new_context(viewport={"width": 375, "height": 740}, base_url=server, is_mobile=True)
    pg = context.new_page()
    pg.goto(path)
    assert pg.evaluate("document.documentElement.scrollWidth") <= 375 + 1, path
    if path == "/":
        shot(pg, "market-phone")
    context.close()


def test_trends_page(page):
    page.goto("/trends")
    assert page.locator("svg").count() >= 2
    assert page.get_by_role("heading", name="What changed").count() == 1
    shot(page, "trends")
