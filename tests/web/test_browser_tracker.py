"""The tracker page in Debian's chromium: move a card on the board and find it in the table, filter and
sort the table, and read the page at 1366 and 390 pixels without the page scrolling sideways or a word
broken across lines."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from rolemap.store.tracker import TrackerChange, add_entry
from tests.web.browsing import needs_chromium, serving
from tests.web.conftest import build_store

pytestmark = needs_chromium
NOW = datetime(2026, 11, 20, tzinfo=UTC)
ENTRIES = [
    ("known-1", TrackerChange(notes="Referral from Ana; ask about the on-call rotation and the team size")),
    ("evil-1", TrackerChange(status="interviewing", applied_on="2026-11-02", follow_up_on="2026-11-27",
                             salary="$150k-$180k", notes="<script>window.__pwned = 9</script> second round")),
    ("odd/id with spaces", TrackerChange(status="applied", applied_on="2026-11-10", salary="€90,000")),
]  # fmt: skip


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[str]:
    store = build_store(tmp_path_factory.mktemp("tracker") / "web.db")
    for posting_id, change in ENTRIES:
        add_entry(store, posting_id, change, NOW)
    with serving(store) as url:
        yield url


def open_page(browser, server, width: int, height: int = 900, mobile: bool = False):
    context = browser.new_context(
        viewport={"width": width, "height": height}, base_url=server, is_mobile=mobile
    )
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    return context, page


def table_ids(page) -> list[str]:
    return page.locator("table.tracker-table tbody tr").evaluate_all("rows => rows.map(r => r.dataset.id)")


def test_move_a_card_to_applied_and_see_it_in_the_table(browser, server):
    context, page = open_page(browser, server, 1366)
    page.goto("/tracker")
    card = page.locator("[data-status='saved'] .card", has_text="Staff Backend Engineer")
    assert "python" in card.inner_text() and "staff" in card.inner_text()
    card.get_by_label("Move to").select_option("applied")
    card.get_by_role("button", name="Move").click()
    page.wait_for_url("**/tracker#board")
    applied = page.locator("[data-status='applied'] .card")
    assert applied.filter(has_text="Staff Backend Engineer").count() == 1
    assert page.locator("[data-status='saved'] .card").count() == 0
    assert page.locator("#col-applied .count").inner_text() == "2"
    row = page.locator("table.tracker-table tr[data-id='known-1']")
    assert row.locator("td.t-status").inner_text() == "applied" and "Referral from Ana" in row.inner_text()

    # the table: filter by status, then sort by salary
    page.get_by_label("Show status").select_option("applied")
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**status=applied**")
    assert sorted(table_ids(page)) == ["known-1", "odd/id with spaces"]
    page.goto("/tracker")
    page.locator("table.tracker-table th a", has_text="salary").click()
    page.wait_for_url("**sort=salary**")
    assert table_ids(page) == ["evil-1", "odd/id with spaces", "known-1"]  # $150k, €90k, none

    # the hostile note is text, never a script
    assert page.evaluate("window.__pwned === undefined") and page.locator("main script").count() == 0
    assert "<script>window.__pwned = 9</script>" in page.locator("table.tracker-table").inner_text()
    assert page.problems == []
    context.close()


# Every word of the visible text inside `root` drawn on one line: a word whose pieces land on two lines
# ("senio" / "r") has client rectangles at two heights. A day (2026-11-02) is one word; other words may
# break after a hyphen ("on-" / "call"), as print does. Only a word wider than its whole box may break.
BROKEN_WORDS = """root => {
  const broken = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    let box = node.parentElement;
    while (box && getComputedStyle(box).display.startsWith('inline')) box = box.parentElement;
    for (const m of node.textContent.matchAll(/\\d{4}-\\d{2}-\\d{2}|[^\\s-]+-?/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter(r => r.width > 0);
      const tops = new Set(rects.map(r => Math.round(r.top)));
      const wide = rects.reduce((sum, r) => sum + r.width, 0);
      if (tops.size > 1 && wide <= box.clientWidth) broken.push(m[0]);
    }
  }
  return broken;
}"""
OVERFLOWING = """root => [...root.querySelectorAll('.card, .column, td, th, h1, h2, h3, p')]
  .filter(el => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible')
  .map(el => el.className + ': ' + el.textContent.trim().slice(0, 40))"""


@pytest.mark.parametrize(("width", "mobile"), [(1366, False), (390, True)])
def test_the_page_reads_at_desktop_and_phone_widths(browser, server, width, mobile):
    context, page = open_page(browser, server, width, height=844 if mobile else 900, mobile=mobile)
    page.goto("/tracker")
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1  # no sideways page
    assert page.evaluate("document.body.scrollWidth") <= width + 1
    main = page.locator("main")
    assert main.evaluate(BROKEN_WORDS) == []
    assert main.evaluate(OVERFLOWING) == []
    columns = page.locator(".board .column")
    lefts = {round(columns.nth(i).bounding_box()["x"]) for i in range(columns.count())}
    if mobile:
        assert len(lefts) == 1  # the board stacks: one column under the other
        # the table is one record a card: each cell on its own line, named
        cells = page.locator("table.tracker-table tr[data-id='evil-1'] td")
        assert len({round(cells.nth(i).bounding_box()["y"]) for i in range(cells.count())}) == cells.count()
        table = page.locator("table.tracker-table")
        assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth + 1")
    else:
        assert len(lefts) == 6  # a column a status, side by side
        assert page.locator("table.tracker-table thead").is_visible()
    assert page.problems == []
    context.close()
