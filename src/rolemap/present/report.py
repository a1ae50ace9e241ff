"""`rolemap report`: the role page of a lane as one self-contained HTML page (inline SVG charts, inline CSS,
no script, nothing fetched) or as Markdown. Every chart has its numbers in a table next to it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from jinja2 import Environment, PackageLoader, select_autoescape

from rolemap.analytics.frame import MarketFrame
from rolemap.analytics.freshness import coverage_line
from rolemap.analytics.lane import LEVELS, Lane
from rolemap.analytics.market import Market, PayBy, market, pay_by
from rolemap.analytics.pay import PayScale
from rolemap.analytics.totals import totals_line
from rolemap.analytics.trends import Trends, charted, lane_span, trends
from rolemap.present import charts
from rolemap.present.market_view import (
    BOARD_TEXT,
    JUNIOR_OR_INTERN,
    SENIOR_OR_ABOVE,
    board_text,
    lane_folded,
    median_card,
    money,
    origins,
    pct,
    premium_cells,
    premium_note,
    range_card,
    roles_heading,
    share_card,
)


@dataclass(frozen=True)
class ReportData:
    market: Market
    pay: PayBy
    trends: Trends
    generated: str
    pay_scope: PayBy | None = None  # pay by scope signal (on-call, migration…) with its premiums


def gather(
    frame: MarketFrame, lane: Lane, scale: PayScale, every: str = "quarter", skills_level: str = "named"
) -> ReportData:
    """The role page's figures; `skills_level` "parent" rolls the top skills up to their parent."""
    return ReportData(
        market(frame, lane, 15, scale, skills_level),
        pay_by(frame, lane, "seniority", scale),
        lane_span(trends(frame, lane, every, 6)),  # the table's last eight: the lane's, not the store's
        datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        pay_by(frame, lane, "scope", scale),
    )


def render_html(data: ReportData) -> str:
    return _env().get_template("report.html.j2").render(d=data, charts=chart_set(data), **_helpers())


def render_markdown(data: ReportData) -> str:
    return _env(markdown=True).get_template("report.md.j2").render(d=data, **_helpers())


def _helpers() -> dict[str, object]:
    return {
        "money": money, "pct": pct, "median_card": median_card, "share_card": share_card, "range_card": range_card, "zip": zip,
        "totals_line": totals_line, "coverage_line": coverage_line, "lane_folded": lane_folded, "roles_heading": roles_heading, "board_text": board_text, "origins": origins, "BOARD_TEXT": BOARD_TEXT,
        "premium_cells": premium_cells, "premium_note": premium_note,
        "SENIOR_OR_ABOVE": SENIOR_OR_ABOVE, "JUNIOR_OR_INTERN": JUNIOR_OR_INTERN,
    }  # fmt: skip


def _env(markdown: bool = False) -> Environment:
    return Environment(
        loader=PackageLoader("rolemap.present", "templates"),
        autoescape=select_autoescape(["html.j2"]) if not markdown else False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def chart_set(data: ReportData) -> dict[str, str]:
    m, out = data.market, dict[str, str]()
    if not m.postings:
        return out
    levels = [s for s in m.levels if s.name in LEVELS]
    out["levels"] = charts.bars(
        [s.name for s in levels], [s.share for s in levels], "Experience levels", True
    )
    out["work"] = charts.bars(
        [s.name for s in m.work_models], [s.share for s in m.work_models], "Work model", True
    )
    out["skills"] = charts.bars([s.name for s in m.skills], [s.share for s in m.skills], "Top skills", True)
    cells = [c for c in data.pay.cells if c.pay.median is not None]
    if cells:
        out["pay"] = charts.pay_ranges(
            [c.value for c in cells],
            [c.pay.p25 or 0 for c in cells],
            [c.pay.median or 0 for c in cells],
            [c.pay.p75 or 0 for c in cells],
            f"Yearly pay by level ({data.pay.currency}): middle half and median",
        )
    t = data.trends
    languages = charted(t, "language")
    if len(t.periods) > 1 and languages:
        out["trends"] = charts.lines(
            t.periods,
            languages,
            f"Languages: share of postings per {t.every} (shaded: partial periods)",
            [bool(why) for why in t.partial],
        )
    return out
