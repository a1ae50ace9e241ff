"""Market reports as terminal tables and as CSV rows: one function a report and format."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from rolemap.agreement import agree, counted
from rolemap.analytics.freshness import coverage_line
from rolemap.analytics.market import Market, PayBy, Profile, Share
from rolemap.analytics.near_dups import NearGroup
from rolemap.analytics.pay import MIN_FOR_MEDIAN, PayStats
from rolemap.analytics.premiums import Premium, PremiumModel
from rolemap.analytics.stats import MIN_FOR_HEADLINE, MIN_PERIOD, MIN_SIGNAL
from rolemap.analytics.totals import totals_line
from rolemap.analytics.trends import Change, Changes, Trends
from rolemap.present.export import csv_safe


def money(value: float | None, currency: str = "") -> str:
    if value is None:
        return "–"
    return (
        f"{value / 1000:,.0f}k {currency}".strip() if value >= 10_000 else f"{value:,.0f} {currency}".strip()
    )


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def median_card(pay: PayStats) -> tuple[str, str]:
    """A headline median as (figure, what it rests on): "too few" below MIN_FOR_HEADLINE salaries."""
    if pay.median is None or pay.too_few:
        return "too few", f"{pay.count} usable salaries; a headline median needs at least {MIN_FOR_HEADLINE}"
    interval = (
        f", 95% interval {money(pay.median_low)}–{money(pay.median_high)}"
        if pay.median_low is not None
        else ""
    )
    return money(pay.median, pay.currency), f"n = {pay.count:,}{interval}"


def range_card(pay: PayStats) -> tuple[str, str]:
    """The lowest to the highest salary as (figure, what it rests on); "too few" where the headline median
    is withheld: the range rests on the same n (analytics/pay.headline_pay)."""
    if pay.low is None or pay.high is None or pay.too_few:
        return "too few", f"{pay.count} usable salaries; a range needs at least {MIN_FOR_HEADLINE}"
    return f"{money(pay.low)}–{money(pay.high)}", f"n = {pay.count:,} salaries"


def middle_half_card(pay: PayStats) -> tuple[str, str]:
    """p25–p75 as (figure, what it rests on), withheld like the headline median."""
    if pay.p25 is None or pay.p75 is None or pay.too_few:
        return "too few", f"{pay.count} usable salaries; a middle half needs at least {MIN_FOR_HEADLINE}"
    return f"{money(pay.p25)}–{money(pay.p75)}", f"n = {pay.count:,} salaries"


# The role page's two level shares, named by the levels they add up (analytics/market.py): "senior" alone
# read as the senior level's own share (62% of the sample's backend roles, where these give 82%).
SENIOR_OR_ABOVE = "senior or above (senior, staff, manager)"
JUNIOR_OR_INTERN = "junior or intern"


def share_card(share: float | None, n: int, interval: tuple[float, float] | None) -> tuple[str, str]:
    """A headline share as (figure, what it rests on): "too few" below MIN_FOR_HEADLINE postings."""
    if share is None or n < MIN_FOR_HEADLINE:
        return (
            "too few",
            f"{counted(n, 'role')} with a level; a headline share needs at least {MIN_FOR_HEADLINE}",
        )
    shown = f", 95% interval {pct(interval[0])}–{pct(interval[1])}" if interval else ""
    return pct(share), f"n = {n:,}{shown}"


def to_csv(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # RFC 4180: a cell with a lone CR or LF is quoted
    writer.writerow(header)
    writer.writerows([csv_safe(cell) for cell in row] for row in rows)  # titles and notes are untrusted
    return buffer.getvalue()


def _shares(title: str, shares: list[Share], required: bool = False, asked: bool = False) -> Group:
    """`required`: the share of the roles counted that require it; `asked`: that ask for it at all (the
    rest only say the company uses it). The frame counts roles: a posting of one role is one. The title is
    its own line: as a table's title it wrapped to the narrow table ("Roles (the lane's roles by / family;
    --family all for every / role)")."""
    table = Table(show_edge=False)
    table.add_column("")
    table.add_column("roles", justify="right")
    table.add_column("share", justify="right")
    if asked:
        table.add_column("asked", justify="right")
    if required:
        table.add_column("required", justify="right")
    for s in shares:
        cells = [s.name, f"{s.count:,}", pct(s.share)]
        if asked:
            cells.append(pct(s.asked / s.count) if s.count and s.asked is not None else "–")
        if required:
            cells.append(pct(s.required / s.count) if s.count and s.required is not None else "–")
        table.add_row(*cells)
    return Group(Text(title, style="italic"), table)


SKILLS_TITLES = {
    "named": "Skills (as postings name them; --skills-level parent rolls them up: rhel → linux)",
    "parent": "Skills rolled up to their parent (a posting naming rhel and centos counts once for linux)",
}


def pay_line(pay: PayStats) -> Text:
    if pay.count < MIN_FOR_MEDIAN:
        return Text(f"Salary: {pay.note}{origins(pay)}")
    figure, basis = median_card(pay)
    if pay.median is None or pay.too_few:  # the quartiles and range rest on the same n: none shown
        return Text(f"Median salary {figure} ({basis})\n{pay.note}{origins(pay)}")
    return Text(
        f"Median salary {figure} ({basis}; p25 {money(pay.p25)}, p75 {money(pay.p75)}; "
        f"range {money(pay.low)}–{money(pay.high)} on {counted(pay.count, 'salary', 'salaries')})\n{pay.note}{origins(pay)}"
    )


def origins(pay: PayStats) -> str:
    """Where the salaries come from: " Of them, 12 from boards' own salary fields and 30 read in the text." """
    if pay.from_board is None or not pay.count:
        return ""
    return (
        f" Of them, {pay.from_board:,} from boards' own salary fields and {pay.from_text:,} read in the text."
    )


def lane_folded(m: Market) -> str:
    """ " (45 reposts folded into them, posted in any month of their series), hiring for 512 roles": what
    the lane's own counts left out as reposts of its jobs, and the roles its postings hire for
    (analytics/role_rows.py). The frame keeps a series' first and last posting, not the date of each
    repost, so the count is of the series' reposts from any month, not only those a lane's window holds."""
    folded = (
        f" ({counted(m.reposts_folded, 'repost')} folded into them, posted in any month of their series)"
        if m.reposts_folded
        else ""
    )
    return folded + f", hiring for {counted(m.roles, 'role')}"


def roles_heading(m: Market) -> str:
    """ "Backend engineer: 375 open roles, 120 companies hiring" (the seed's heading) when every role is
    open; "1,564 roles (12 open now)" when not: a store of past postings holds roles, not openings."""
    roles = (
        counted(m.roles, "open role")
        if m.open_positions >= m.roles
        else f"{counted(m.roles, 'role')} ({m.open_positions:,} open now)"
    )
    return f"{m.title}: {roles}, {counted(m.companies, 'company', 'companies')} hiring"


def market_view(m: Market) -> Group:
    if not m.postings:
        return Group(Text(m.message))
    senior, senior_basis = share_card(m.senior_share, m.with_level, m.senior_interval)
    junior, junior_basis = share_card(m.junior_share, m.with_level, m.junior_interval)
    head = Text(
        f"{roles_heading(m)}\n"
        + (f"{coverage_line(m.coverage)}\n" if m.coverage else "")
        + f"{m.lane}\nOf roles with a level: {SENIOR_OR_ABOVE} {senior} ({senior_basis}); "
        f"{JUNIOR_OR_INTERN} {junior} ({junior_basis})"
        + (
            f"\nThe store: {totals_line(m.totals)}; this lane counts {m.postings:,} of them{lane_folded(m)}"
            if m.totals
            else ""
        )
    )
    return Group(
        head,
        pay_line(m.pay),
        pay_places(m),
        _shares("Role mix (every family, under the lane's other filters)", m.families),
        _shares("Experience levels", m.levels),
        _shares("Work model", m.work_models),
        _shares("Languages", m.languages),
        _shares(SKILLS_TITLES.get(m.skills_level, "Skills"), m.skills, required=True, asked=True),
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
    table.add_column("roles", justify="right")
    for a, b, n in pairs:
        table.add_row(f"{a} + {b}", f"{n:,}")
    return table


def market_csv(m: Market) -> str:
    rows: list[list[Any]] = [
        ["summary", "postings", m.postings, ""],
        ["summary", "open_positions", m.open_positions, ""],
        ["summary", "first_month", "", m.coverage.get("first") or ""],
        ["summary", "last_month", "", m.coverage.get("last") or ""],
        ["summary", "reposts_folded", m.totals.get("reposts", ""), ""],
    ]
    rows.append(["summary", "companies", m.companies, ""])
    rows.append(["summary", "skills_level", "", m.skills_level])
    rows.append(["summary", "with_level", m.with_level, ""])
    for name, share, interval in (
        ("senior_share", m.senior_share, m.senior_interval),
        ("junior_share", m.junior_share, m.junior_interval),
    ):
        low, high = interval or (None, None)
        rows.append(["summary", name, m.with_level, "" if share is None else round(share, 4)])
        rows.append(["summary", f"{name}_interval", "", "" if low is None else f"{low:.4f}-{high:.4f}"])
    for key in (
        "median",
        "median_low",
        "median_high",
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
    columns = [p.by, "roles", "with pay", "board / text", "p25", "median", "p75", ""]
    if p.premiums and not p.premiums.message:
        columns += ["premium", "95% interval", "premium n"]
    for column in columns:
        table.add_column(column, justify="left" if column in (p.by, "") else "right")
    for c in p.cells:
        row = [
            c.value,
            f"{c.roles:,}",
            f"{c.pay.count:,}",
            board_text(c.pay),
            money(c.pay.p25),
            money(c.pay.median),
            money(c.pay.p75),
            "too few to compare" if c.too_few else "",
        ]
        if len(columns) > len(row):
            row += premium_cells(c.premium)
        table.add_row(*row)
    notes = [pay_line(p.overall), Text(f"board / text: {BOARD_TEXT}")]
    if p.premiums:
        notes.append(Text(premium_note(p.premiums)))
    return Group(Text(f"{p.lane}; salaries of {coverage_line(p.coverage)}"), table, *notes)


BOARD_TEXT = "salaries from a board's own salary fields / read in the posting's text"


def board_text(pay: PayStats) -> str:
    """ "12 / 30": how many of a cell's salaries a board states in its fields and how many the text gives."""
    return "–" if pay.from_board is None else f"{pay.from_board:,} / {pay.from_text:,}"


def signed(value: float | None) -> str:
    return "–" if value is None else f"{value:+.0%}"


def premium_cells(premium: Premium | None) -> list[str]:
    """(premium, interval, n) of a cell: "+15%", "+9% to +21%", "48"; or what stands in their place."""
    if premium is None:
        return ["–", "", ""]
    if premium.status != "estimated":
        return [premium.status, "", f"{premium.postings:,}"]
    return [
        signed(premium.premium),
        f"{signed(premium.low)} to {signed(premium.high)}",
        f"{premium.postings:,}",
    ]


def premium_note(m: PremiumModel) -> str:
    """What the premiums rest on: the method, the baseline, what was controlled for and what was left out."""
    left = "; ".join(f"{n:,} {reason}" for reason, n in m.left_out.items()) or "none"
    if m.message:
        return f"Premiums: {m.message}" + (
            f"; of {counted(m.salaried, 'salary', 'salaries')}, left out: {left}." if m.left_out else "."
        )
    return (
        f"Premium: pay over the baseline ({m.baseline}) at the same {' and '.join(m.controls)}, "
        f"{m.method}; on {m.fitted:,} of {counted(m.salaried, 'salary', 'salaries')} (left out: {left}). Shown from "
        f"{m.min_cell} fitted salaries a value (n), the fit from {m.min_fit}; not controlled for: anything "
        "else (company, years, skills, currency, date)."
    )


def pay_by_csv(p: PayBy) -> str:
    header = [p.by, "roles", "with_pay", "from_board", "from_text", "p25", "median", "p75", "too_few"]
    header += ["premium", "premium_low", "premium_high", "premium_postings", "premium_status", "currency"]
    rows = []
    for c in p.cells:
        r = c.premium
        rows.append(
            [c.value, c.roles, c.pay.count, c.pay.from_board, c.pay.from_text, c.pay.p25, c.pay.median]
            + [c.pay.p75, c.too_few]
            + ([r.premium, r.low, r.high, r.postings, r.status] if r else [None, None, None, None, ""])
            + [p.currency]
        )
    return to_csv(header, rows)


def profile_view(p: Profile) -> Group:
    if p.message and not (p.must_have or p.nice_to_have):
        return Group(Text(p.message))
    parts: list[Any] = [
        Text(
            f"{p.lane}: {counted(p.roles, 'role')} ({coverage_line(p.coverage)}); skills asked by at least {p.min_share:.0%}"
        )
    ]
    for title, shares in (
        ("Must-have (most postings asking for it require it)", p.must_have),
        ("Nice-to-have", p.nice_to_have),
    ):  # an empty table would print its header alone, which reads as a broken table, not as "none"
        if shares:
            parts.append(_shares(title, shares, required=True))
        elif title.startswith("Must") and p.nice_to_have:  # asked widely enough, but none required by most
            parts.append(
                Text(
                    f"Must-have: none of the skills asked by at least {p.min_share:.0%} of the lane is "
                    "required by most of the roles asking for it"
                )
            )
        else:
            parts.append(
                Text(f"{title.split(' (')[0]}: none asked by at least {p.min_share:.0%} of the lane")
            )
    if p.in_stack:  # named as widely, but mostly as what the company uses: worth knowing, not asked for
        title = "In the stack (named this widely, but asked for by fewer: the companies' tools)"
        parts.append(_shares(title, p.in_stack, asked=True))
    parts.append(_shares("Languages", p.languages))
    if p.three_repeated:
        parts.append(Text("The three repeated skills to show evidence for: " + ", ".join(p.three_repeated)))
    return Group(*parts)


def profile_csv(p: Profile) -> str:
    rows = [["must_have", s.name, s.count, round(s.share, 4), s.required] for s in p.must_have]
    rows += [["nice_to_have", s.name, s.count, round(s.share, 4), s.required] for s in p.nice_to_have]
    rows += [["in_stack", s.name, s.count, round(s.share, 4), s.required] for s in p.in_stack]
    rows += [["language", s.name, s.count, round(s.share, 4), ""] for s in p.languages]
    return to_csv(["kind", "skill", "postings", "share", "required"], rows)


def _gap(value: float | None, count: int) -> str:
    return "–" if value is None else f"{pct(value)} ({count})"


def trends_view(t: Trends, last: int = 12) -> Group:
    if t.message:
        return Group(Text(t.message))
    shown = t.periods[-last:]
    partial = t.partial[-last:] if t.partial else [""] * len(shown)
    headers = [p + ("*" if why else "") for p, why in zip(shown, partial, strict=True)]
    tables = []
    for dimension in dict.fromkeys(s.dimension for s in t.series):
        table = Table(title=f"{dimension}: share of postings (count)", title_justify="left", show_edge=False)
        table.add_column(dimension)
        for h in headers:
            table.add_column(h, justify="right")
        for s in (s for s in t.series if s.dimension == dimension):
            table.add_row(
                s.value, *(_gap(v, c) for v, c in zip(s.shares[-last:], s.counts[-last:], strict=True))
            )
        tables.append(table)
    totals = ", ".join(f"{h}: {n:,}" for h, n in zip(headers, t.totals[-last:], strict=True))
    lines = [f"{t.lane}; {t.periods[0]} to {t.periods[-1]}, postings per {t.every}: {totals}"]
    if len(t.periods) > last:
        lines.append(  # the user may have given --since already: say which periods are left out
            f"the newest {last} of {len(t.periods)} periods shown ({shown[0]} to {shown[-1]}; "
            f"{t.periods[0]} to {t.periods[-len(shown) - 1]} left out): a later --since, --json or --csv for all"
        )
    lines.append("– : no posting of the lane in that period (a gap, not 0%)")
    lines += [f"* {p} is partial: {why}" for p, why in zip(shown, partial, strict=True) if why]
    lines += [f"caveat: {c}" for c in t.caveats]
    return Group(Text("\n".join(lines)), *tables)


def trends_csv(t: Trends) -> str:
    partial = t.partial or [""] * len(t.periods)
    rows = (
        [s.dimension, s.value, p, c, total, "" if v is None else round(v, 4), why]
        for s in t.series
        for p, c, total, v, why in zip(t.periods, s.counts, t.totals, s.shares, partial, strict=True)
    )
    return to_csv(["dimension", "value", "period", "postings", "period_postings", "share", "partial"], rows)


def _verdict(ch: Change, shared_source: bool = True) -> str:
    if not ch.test:
        return "not tested: too few" if shared_source else "not tested: no source in both periods"
    test = "exact test" if ch.test == "exact" else "z-test"
    return ("significant" if ch.significant else "not significant") + f" ({test})"


def changes_view(c: Changes, limit: int = 25) -> Group:
    head = Text(
        f"{c.lane}: {c.before} ({counted(c.postings_before, 'posting')}) → {c.after} ({c.postings_after:,}); "
        f"z-test, or Fisher's exact test on small counts; values seen fewer than {MIN_SIGNAL} times or periods "
        f"under {MIN_PERIOD} postings are not tested; Benjamini-Hochberg q-values over the "
        f"{counted(c.tested, 'value')} tested, significant at q ≤ {c.alpha}"
    )
    notes = [Text(c.message)] if c.message else []
    notes += [Text(f"caveat: {note}") for note in c.caveats]
    if not c.changes:
        return Group(head, *notes)
    table = Table(show_edge=False)
    for column in ("", "value", c.before, c.after, "change", "q-value", ""):
        table.add_column(
            column, justify="right" if column in (c.before, c.after, "change", "q-value") else "left"
        )
    for ch in c.changes[:limit]:
        arrow = "↑" if ch.share_after > ch.share_before else "↓" if ch.share_after < ch.share_before else "="
        table.add_row(
            ch.dimension,
            ch.value,
            f"{pct(ch.share_before)} ({ch.before}/{c.postings_before})",
            f"{pct(ch.share_after)} ({ch.after}/{c.postings_after})",
            f"{arrow} {abs(ch.share_after - ch.share_before) * 100:.1f} pts",
            "–" if ch.q_value is None else f"{ch.q_value:.3g}",
            _verdict(ch, c.shared_source) + (" · small sample" if ch.small_sample and ch.test else ""),
        )
    return Group(head, table, *notes)


def changes_csv(c: Changes) -> str:
    return to_csv(
        [
            "dimension",
            "value",
            "before",
            "after",
            "postings_before",
            "postings_after",
            "share_before",
            "share_after",
            "test",
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
                c.postings_before,
                c.postings_after,
                round(x.share_before, 4),
                round(x.share_after, 4),
                x.test,
                "" if x.p_value is None else x.p_value,
                "" if x.q_value is None else x.q_value,
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
        f"{counted(postings, 'posting')}; {extra:,} {agree(extra, 'is a near-duplicate', 'are near-duplicates')} "
        f"of another (similarity ≥ {threshold:g}): counted once, {counted(postings - extra, 'job')}."
    )
    table = Table("postings", "lowest similarity", "first posted (counts)", "its near-duplicates", box=None)
    for g in groups:
        others = ", ".join(g.ids[1:6]) + (f" … (+{len(g.ids) - 6})" if len(g.ids) > 6 else "")
        table.add_row(
            str(len(g.ids)), f"{g.lowest:.2f}", f"{g.ids[0]} {titles.get(g.ids[0], '')[:50]}", others
        )
    return Group(head, table)
