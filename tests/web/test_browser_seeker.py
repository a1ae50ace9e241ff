"""The seeker tools in Debian's chromium (Playwright): upload a resume and see it read, coach it, match it to
a posting from the posting's page and to a lane; and every new page at 1366 px and at a 390 px phone with
no page-level horizontal overflow. Screenshots go to docs/screenshots/ when ROLEMAP_SCREENSHOTS=1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from rolemap.pipeline import ingest
from tests.resume import layouts
from tests.web.browsing import needs_chromium, serving
from tests.web.conftest import T0, build_store
from tests.web.test_browser import shot
from tests.web.test_seeker_pages import pay_postings

FIXTURES = Path(__file__).parents[1] / "resume" / "fixtures"
pytestmark = needs_chromium
GET_PAGES = ["/resume", "/pay", "/pay?by=scope", "/profile", "/match", "/match/known-1"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    store = build_store(tmp_path_factory.mktemp("seeker") / "web.db")
    ingest(store, pay_postings(), now=T0)  # salaries enough for the pay chart
    with serving(store) as url:
        yield url


def new_page(browser, server: str, width: int, phone: bool = False):
    context = browser.new_context(
        viewport={"width": width, "height": 800}, base_url=server, is_mobile=phone, has_touch=phone
    )
    pg = context.new_page()
    pg.problems = []
    pg.on("console", lambda m: pg.problems.append(m.text) if m.type == "error" else None)
    pg.on(
        "request",
        lambda r: (
            pg.problems.append(f"off-site {r.url}") if not r.url.startswith((server, "data:")) else None
        ),
    )
    return context, pg


@pytest.fixture
def page(browser, server):
    context, pg = new_page(browser, server, 1366)
    yield pg
    context.close()


def fits(pg, width: int) -> bool:
    return bool(pg.evaluate(f"document.documentElement.scrollWidth <= {width} + 1"))


def test_upload_a_resume_see_it_read_then_coach_it(page):
    page.goto("/")
    page.get_by_role("link", name="Your resume").click()
    page.get_by_label("Your resume").set_input_files(str(FIXTURES / "alex.md"))
    page.get_by_role("button", name="Read it").click()
    assert "3 roles (3 dated), 6 bullets" in page.locator("#read-summary").inner_text()
    assert page.get_by_role("heading", name="Staff Engineer — Northwind").count() == 1
    assert "2019-01 – 2023-12" in page.locator("article.role").first.inner_text()
    shot(page, "resume")
    page.get_by_role("button", name="Coach my bullets").click()
    page.wait_for_url("**/resume/coach")
    assert "6 bullets · strong 1 · ok 1 · weak 4" in page.locator("#coach-summary").inner_text()
    rewrites = page.locator("p.rewrite").all_inner_texts()
    assert any(r.startswith("Try: Built Flask services for invoicing on PostgreSQL by [") for r in rewrites)
    assert fits(page, 1366)
    shot(page, "resume-coach")
    assert page.problems == []


def test_match_a_resume_to_a_posting_from_its_page(page, tmp_path):
    page.goto("/postings/known-1")
    page.get_by_role("link", name="Match my resume to this posting").click()
    page.wait_for_url("**/match/known-1")
    page.get_by_label("Your resume").set_input_files(str(layouts.one_column_pdf(tmp_path / "dana.pdf")))
    page.get_by_role("button", name="Match my resume").click()
    summary = page.locator("#fit-summary").inner_text()
    assert summary.startswith("required: 4 of 4 met"), summary
    row = page.locator("table.match tbody tr", has_text="postgresql")
    assert "met" in row.inner_text() and "line" in row.inner_text()
    assert page.locator("table.match tbody tr", has_text="staff").locator(".status").inner_text() == "met"
    shot(page, "resume-match")
    assert page.problems == []


def test_match_a_lane_then_one_of_its_postings_without_a_new_upload(page):
    page.goto("/resume")
    page.get_by_label("Your resume").set_input_files(str(FIXTURES / "alex.md"))
    page.get_by_role("button", name="Read it").click()
    page.get_by_role("button", name="Match to backend postings").click()
    page.wait_for_url("**/match")
    assert "postings; the 20 that fit best" in page.locator("#lane-summary").inner_text()
    assert page.locator("table.learn tbody tr").count() >= 5
    page.locator("summary", has_text="Lane:").click()
    page.get_by_label("Language").fill("go")
    page.get_by_role("button", name="Rank again").click()
    assert page.locator("#lane-summary").inner_text().startswith("language: go; family: backend:")
    shot(page, "resume-lane")
    first = page.locator("ol.ranked li").first
    title = first.locator("h2").inner_text()
    first.get_by_role("button", name="Match in detail").click()
    assert page.get_by_role("heading", level=1).inner_text() == f"Your resume against: {title}"
    assert page.locator("#fit-summary").inner_text().startswith("required: ")
    assert page.problems == []


def test_pay_and_profile_pages_with_their_charts(page):
    page.goto("/")
    page.get_by_role("link", name="Pay", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Pay by level"
    assert page.locator("main svg").count() == 1
    assert page.locator("table.pay tbody tr").count() == 6  # the six levels, each with its n
    shot(page, "pay")
    page.get_by_role("link", name="scope", exact=True).click()
    page.wait_for_url("**by=scope*")
    assert page.locator("table.pay tbody tr").first.locator("td").first.inner_text().startswith("on-call")
    page.get_by_role("link", name="Profile", exact=True).click()
    assert page.get_by_role("heading", level=1).inner_text() == "Target profile"
    assert page.locator("main svg").count() >= 1  # at least the languages chart
    shot(page, "profile")
    assert page.problems == []


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("path", GET_PAGES)
def test_every_new_page_fits_the_screen(browser, server, path, width):
    context, pg = new_page(browser, server, width, phone=width < 500)
    pg.goto(path)
    assert fits(pg, width), (path, width)
    context.close()


def test_the_answer_pages_fit_a_phone(browser, server, tmp_path):
    context, pg = new_page(browser, server, 390, phone=True)
    pg.goto("/resume")
    pg.get_by_label("Your resume").set_input_files(str(layouts.table_docx(tmp_path / "sam.docx")))
    pg.get_by_role("button", name="Read it").click()
    assert fits(pg, 390), "read"
    shot(pg, "resume-phone")
    pg.get_by_role("button", name="Coach my bullets").click()
    pg.wait_for_url("**/resume/coach")
    assert fits(pg, 390), "coach"
    pg.get_by_role("button", name="Match to backend postings").click()
    pg.wait_for_url("**/match")
    assert fits(pg, 390), "lane"
    pg.locator("ol.ranked li").first.get_by_role("button", name="Match in detail").click()
    assert pg.locator("#fit-summary").count() == 1 and fits(pg, 390), "match"
    assert pg.problems == []
    context.close()
