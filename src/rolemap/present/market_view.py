"""Market reports as terminal tables and as CSV rows: one function a report and format."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from rolemap.analytics.market import Market, PayBy, Profile, Share, TrackerRow
from rolemap.analytics.near_dups import NearGroup
from rolemap.analytics.pay import PayStats
from rolemap.analytics.trends import Changes, Trends
from rolemap.present.export import csv_safe

if TYPE_CHECKING:
    from rolemap.store.tracker import TrackerEntry


def money(value: float | None, currency: str = "") -> str:
    if value is None:
        return "–"
    return (
        f"{value / 1000:,.0f}k {currency}".strip() if value >= 10_000 else f"{value:,.0f} {currency}".strip()
    )


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180: a cell with a lone CR or LF is quoted
    writer.writerow(header)
    writer.writerows([csv_safe(cell) for cell in row] for row in rows)  # titles and notes are untrusted
    return buffer.getvalue()


def _shares(title: str, shares: list[Share], required: bool = False) -> Table:
    table = Table(title=title, title_justify="left", show_edge=False)
    table.add_column("")
    table.add_column("postings", justify="right")
    table.add_column("share", justify="right")
    if required:
        table.add_column("required", justify="right")
    for s in shares:
        cells = [s.name, f"{s.count:,}", pct(s.share)]
        if required:
            cells.append(pct(s.required / s.count) if s.count and s.required is not None else "–")
        table.add_row(*cells)
    return table


def pay_line(pay: PayStats) -> Text:
    if pay.median is None:
        return Text(f"Salary: {pay.note}")
    return Text(
        f"Median salary {money(pay.median, pay.currency)} (p25 {money(pay.p25)}, p75 {money(pay.p75)}; "
        f"range {money(pay.low)}–{money(pay.high)} on {pay.count} postings)\n{pay.note}"
    )


def market_view(m: Market) -> Group:
    if not m.postings:
        return Group(Text(m.message))
    head = Text(
        f"{m.title}: {m.open_positions:,} open positions, {m.companies:,} companies hiring\n{m.lane}\n"
        f"{m.postings:,} postings, senior share {pct(m.senior_share)}, junior share {pct(m.junior_share)} "
        "(of postings with a level)"
    )
    return Group(
        head,
        pay_line(m.pay),
        pay_places(m),
        _shares("Roles (the lane's postings by role family; --family all for every role)", m.families),
        _shares("Experience levels", m.levels),
        _shares("Work model", m.work_models),
        _shares("Languages", m.languages),
        _shares("Skills", m.skills, required=True),
        _shares("Companies hiring", m.top_companies),
        _shares("Where: countries", m.countries),
        _shares("Where: cities", m.cities),
        _together(m.together),
    )


def pay_places(m: Market) -> Text:
    """Where the salaries come from: pay is one currency, but not one labour market."""
    if not m.pay_countries:
        return Text("")
    places = ", ".join(f"{s.name} {s.count}" for s in m.pay_countries[:6])
    return Text(f"Salaries by country of the posting: {places} (see pay --by country)")


def _together(pairs: list[tuple[str, str, int]]) -> Table:
    table = Table(title="Skills asked together", title_justify="left", show_edge=False)
    table.add_column("skills")
    table.add_column("postings", justify="right")
    for a, b, n in pairs:
        table.add_row(f"{a} + {b}", f"{n:,}")
    return table


def market_csv(m: Market) -> str:
    rows: list[list[Any]] = [
        ["summary", "postings", m.postings, ""],
        ["summary", "open_positions", m.open_positions, ""],
    ]
    rows.append(["summary", "companies", m.companies, ""])
    for key in (
        "median",
        "p25",
        "p75",
        "low",
        "high",
        "count",
        "stated",
        "annualised",
        "converted",
        "left_out",
    ):
        rows.append(["pay", key, getattr(m.pay, key), m.pay.currency])
    for section, shares in (
        ("level", m.levels),
        ("work_model", m.work_models),
        ("language", m.languages),
        ("skill", m.skills),
        ("company", m.top_companies),
        ("family", m.families),
        ("country", m.countries),
        ("city", m.cities),
        ("pay_country", m.pay_countries),
    ):
        rows.extend([section, s.name, s.count, round(s.share, 4)] for s in shares)
    rows.extend(["together", f"{a}+{b}", n, ""] for a, b, n in m.together)
    return to_csv(["section", "name", "count", "share_or_unit"], rows)


def pay_by_view(p: PayBy) -> Group:
    table = Table(title=f"Pay by {p.by} (yearly {p.currency})", title_justify="left", show_edge=False)
    for column in (p.by, "postings", "with pay", "p25", "median", "p75", ""):
        table.add_column(column, justify="left" if column in (p.by, "") else "right")
    for c in p.cells:
        table.add_row(
            c.value,
            f"{c.postings:,}",
            f"{c.pay.count:,}",
            money(c.pay.p25),
            money(c.pay.median),
            money(c.pay.p75),
            "too few to compare" if c.too_few else "",
        )
    return Group(Text(p.lane), table, pay_line(p.overall))


def pay_by_csv(p: PayBy) -> str:
    return to_csv(
        [p.by, "postings", "with_pay", "p25", "median", "p75", "too_few", "currency"],
        (
            [c.value, c.postings, c.pay.count, c.pay.p25, c.pay.median, c.pay.p75, c.too_few, p.currency]
            for c in p.cells
        ),
    )


def profile_view(p: Profile) -> Group:
    if p.message and not (p.must_have or p.nice_to_have):
        return Group(Text(p.message))
    parts: list[Any] = [
        Text(f"{p.lane}: {p.postings:,} postings; skills asked by at least {p.min_share:.0%}")
    ]
    parts.append(_shares("Must-have (most postings naming it require it)", p.must_have, required=True))
    parts.append(_shares("Nice-to-have", p.nice_to_have, required=True))
    parts.append(_shares("Languages", p.languages))
    if p.three_repeated:
        parts.append(Text("The three repeated skills to show evidence for: " + ", ".join(p.three_repeated)))
    return Group(*parts)


def profile_csv(p: Profile) -> str:
    rows = [["must_have", s.name, s.count, round(s.share, 4), s.required] for s in p.must_have]
    rows += [["nice_to_have", s.name, s.count, round(s.share, 4), s.required] for s in p.nice_to_have]
    rows += [["language", s.name, s.count, round(s.share, 4), ""] for s in p.languages]
    return to_csv(["kind", "skill", "postings", "share", "required"], rows)


TRACKER_COLUMNS = (
    "id",
    "title",
    "company",
    "language",
    "level",
    "system_type",
    "work_model",
    "posted",
    "repeated",
)


def tracker_view(rows: list[TrackerRow], total: int) -> Group:
    table = Table(show_edge=False)
    for column in TRACKER_COLUMNS:
        table.add_column(column.replace("_", " "), overflow="fold")
    for r in rows:
        table.add_row(*(_cell(getattr(r, c)) for c in TRACKER_COLUMNS))
    return Group(table, Text(f"{len(rows):,} of {total:,} postings shown, newest first"))


def tracker_csv(rows: list[TrackerRow]) -> str:
    return to_csv(TRACKER_COLUMNS, ([_cell(getattr(r, c)) for c in TRACKER_COLUMNS] for r in rows))


SAVED_COLUMNS = (
    "title",
    "language",
    "level",
    "system_type",
    "repeated",
    "status",
    "company",
    "notes",
    "url",
    "id",
)


def saved_tracker_csv(entries: list[TrackerEntry]) -> str:
    """The tracker a seeker keeps: the guide's five columns first, then status, company, notes, link."""
    return to_csv(SAVED_COLUMNS, ([_cell(getattr(e, c)) for c in SAVED_COLUMNS] for e in entries))


def _cell(value: Any) -> str:
    return "; ".join(value) if isinstance(value, list) else str(value)


def trends_view(t: Trends, last: int = 8) -> Group:
    if t.message:
        return Group(Text(t.message))
    periods = t.periods[-last:]
    tables = []
    for dimension in dict.fromkeys(s.dimension for s in t.series):
        table = Table(title=f"{dimension}: share of postings", title_justify="left", show_edge=False)
        table.add_column(dimension)
        for p in periods:
            table.add_column(p, justify="right")
        for s in (s for s in t.series if s.dimension == dimension):
            table.add_row(s.value, *(pct(v) for v in s.shares[-last:]))
        tables.append(table)
    totals = ", ".join(f"{p}: {n:,}" for p, n in zip(periods, t.totals[-last:], strict=True))
    return Group(Text(f"{t.lane}; postings per period: {totals}"), *tables)


def trends_csv(t: Trends) -> str:
    rows = (
        [s.dimension, s.value, p, c, round(v, 4)]
        for s in t.series
        for p, c, v in zip(t.periods, s.counts, s.shares, strict=True)
    )
    return to_csv(["dimension", "value", "period", "postings", "share"], rows)


def changes_view(c: Changes, limit: int = 25) -> Group:
    if c.message:
        return Group(Text(c.message))
    table = Table(show_edge=False)
    for column in ("", "value", c.before, c.after, "change", "q-value", ""):
        table.add_column(
            column, justify="right" if column in (c.before, c.after, "change", "q-value") else "left"
        )
    for ch in c.changes[:limit]:
        arrow = "↑" if ch.share_after > ch.share_before else "↓"
        table.add_row(
            ch.dimension,
            ch.value,
            f"{pct(ch.share_before)} ({ch.before})",
            f"{pct(ch.share_after)} ({ch.after})",
            f"{arrow} {abs(ch.share_after - ch.share_before) * 100:.1f} pts",
            f"{ch.q_value:.3g}",
            ("significant" if ch.significant else "") + (" · small sample" if ch.small_sample else ""),
        )
    head = Text(
        f"{c.lane}: {c.before} ({c.postings_before:,} postings) → {c.after} ({c.postings_after:,}); two-proportion "
        f"z-tests, Benjamini-Hochberg q-values, significant at q ≤ {c.alpha}"
    )
    return Group(head, table)


def changes_csv(c: Changes) -> str:
    return to_csv(
        [
            "dimension",
            "value",
            "before",
            "after",
            "share_before",
            "share_after",
            "p_value",
            "q_value",
            "significant",
            "small_sample",
        ],
        (
            [
                x.dimension,
                x.value,
                x.before,
                x.after,
                round(x.share_before, 4),
                round(x.share_after, 4),
                x.p_value,
                x.q_value,
                x.significant,
                x.small_sample,
            ]
            for x in c.changes
        ),
    )


def near_dups_view(
    groups: list[NearGroup], titles: dict[str, str], postings: int, extra: int, threshold: float
) -> Group:
    head = Text(
        f"{postings:,} postings; {extra:,} are near-duplicates of another (similarity ≥ {threshold:g}): "
        f"counted once, {postings - extra:,} jobs."
    )
    table = Table("postings", "lowest similarity", "first posted (counts)", "its near-duplicates", box=None)
    for g in groups:
        others = ", ".join(g.ids[1:6]) + (f" … (+{len(g.ids) - 6})" if len(g.ids) > 6 else "")
        table.add_row(
            str(len(g.ids)), f"{g.lowest:.2f}", f"{g.ids[0]} {titles.get(g.ids[0], '')[:50]}", others
        )
    return Group(head, table)
