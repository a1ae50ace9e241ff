"""Correcting a field on a posting's page in Debian's chromium: the form sets it, the page says "set by
you", the figures follow, and the page still fits a phone. Fixtures from test_browser.py."""

from __future__ import annotations

import json

from tests.web.browsing import CHROMIUM
from tests.web.test_browser import page, pytestmark, server  # noqa: F401

assert CHROMIUM and pytestmark  # the same skip as test_browser.py


def onsite_postings(pg) -> int:
    answer = pg.request.get("/api/market?work_model=onsite")  # not a page: no favicon asked for
    return int(json.loads(answer.text())["postings"])


def test_correct_a_field_on_the_posting_page(page):  # noqa: F811
    before = onsite_postings(page)
    page.goto("/postings/known-1")
    row = page.locator("#label-work_model")
    assert "the extractor" in row.inner_text() and "set by you" not in row.inner_text()
    row.get_by_label("work model").select_option("onsite")
    row.get_by_role("button", name="Set").click()
    page.wait_for_url("**/postings/known-1#label-work_model")
    row = page.locator("#label-work_model")
    assert "set by you" in row.inner_text() and "the extractor read hybrid" in row.inner_text()
    skills = page.locator("#label-skills")
    skills.get_by_label("skills").fill("python,postgresql,docker?")
    skills.get_by_role("button", name="Set").click()
    page.wait_for_url("**#label-skills")
    assert "docker?" in page.locator("#label-skills .label-value").inner_text()
    assert "docker (nice to have)" in page.locator("dl.fields").inner_text()  # the fields above follow
    assert onsite_postings(page) == before + 1  # the figures follow at once
    page.goto("/postings/known-1")
    page.locator("#label-work_model").get_by_role("button", name="Clear").click()
    page.wait_for_url("**#label-work_model")
    assert "set by you" not in page.locator("#label-work_model").inner_text()
    assert page.problems == []


def test_the_labels_fit_a_phone(browser, server):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, base_url=server, is_mobile=True)
    pg = context.new_page()
    pg.goto("/postings/known-1#labels")
    assert pg.locator("#labels").is_visible()
    assert pg.evaluate("document.documentElement.scrollWidth") <= 390 + 1
    context.close()
