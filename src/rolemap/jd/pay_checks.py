"""The linter's pay rules: a range for the role (or the one fixed figure a law accepts), no vague or
open-ended pay, no range too wide or too spread for the laws that reach the posting
(`jd/jurisdictions.py`), and the benefits description those laws ask for. `range_problem` is the one
test of a range's width that `jd new` applies to a spec's salary too."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from rolemap.jd.findings import Finding, Section
from rolemap.jd.jurisdictions import laws_reached
from rolemap.jd.messages import law_message
from rolemap.models import Span

MAX_RATIO = 3  # a top at least 3× the bottom tells a candidate nothing about the role
PAY_FLOOR = {"hour": 7, "day": 50, "week": 250, "month": 1000, "year": 10000}  # below: not this period's pay
# above: no base pay for that period (the extractor stops believing a yearly salary at 900,000)
PAY_CEILING = {"hour": 1000, "day": 8000, "week": 40000, "month": 170_000, "year": 2_000_000}
RANGE_FIX = "state the base pay as a range with both ends, its currency and period ('… to … a year')"
# one end only: "up to $150k", "from $120k", "a minimum of $120,000" before the figure; "$120k+", "$120,000
# and up", "… a year or more" after it (a "+" that joins more pay, "$150k + equity", is not open-ended)
_OPENER = re.compile(
    r"\b(?:up\s+to|from|starting\s+(?:at|from)|starts\s+at|beginning\s+at|begins\s+at|at\s+least|"
    r"(?:a\s+)?minimum\s+of|min\.|no\s+less\s+than|not\s+less\s+than)\s*$",
    re.I,
)
_OPEN_AFTER = re.compile(
    r"(?:\s?(?:a|an|per|/)\s?(?:year|yr|annum|hour|hr|month|week|day)\b)?"
    r"(?:\+(?!\s?(?:equity|bonus|stock|rsus?|commission|benefits|options)\b)"
    r"|\s(?:and\s(?:up(?:wards?)?|above|higher|over)|or\s(?:more|higher|above|over))\b)",
    re.I,
)
_OPEN_REACH = 20  # how far before the figure an opener is looked for, and after it a closer
_NEAR_RANGE = 40  # "DOE" this close after a full range qualifies the range; it does not replace it


@dataclass(frozen=True)
class _Range:
    low: float
    high: float
    period: str
    span: Span

    @property
    def ratio(self) -> float:
        return self.high / self.low if self.low else float("inf")


def pay_problem(amount: float, period: str) -> str | None:
    """Why one figure is no pay for its period, or None: below PAY_FLOOR or above PAY_CEILING."""
    if amount < PAY_FLOOR.get(period, 0):
        return f"{amount:,.0f} a {period} is below any real pay for that period"
    if amount > PAY_CEILING.get(period, float("inf")):
        shown = f"{amount:,.0f}" if amount < 1e12 else f"{amount:.3g}"
        return f"{shown} a {period} is above any real pay for that period (at most {PAY_CEILING[period]:,})"
    return None


def range_problem(low: float, high: float, period: str) -> str | None:
    """Why a range says nothing about a role's pay, or None: its bottom is not pay for its period, or its
    top is MAX_RATIO times its bottom or more."""
    if low < PAY_FLOOR.get(period, 0):
        return f"{low:,.0f} a {period} is below any real pay for that period"
    ratio = high / low if low else float("inf")
    if ratio >= MAX_RATIO:
        return f"the top is {ratio:,.0f}× the bottom: it tells a candidate nothing about this role"
    return None


def pay_findings(
    text: str, doc: Any, hits: Any, record: Any, sections: dict[str, Section], today: dt.date
) -> list[Finding]:
    from rolemap.extract.salary import salary_candidates
    from rolemap.jd.consistency import remote_regions

    laws = laws_reached(text, record, remote_regions(hits, record.work_model == "remote"), today)
    # a range is pointed at even when no salary could be it ("$3K-$360K"); one figure is the role's pay
    # only where the extractor's own reader takes it as a salary (not funding, assets, revenue: it
    # refuses those and seven-figure sums) and pay words stand next to it ("Salary: $150,000")
    as_salary = {c.span.start for c in salary_candidates(doc) if c.score >= 3}
    candidates = [
        c
        for c in salary_candidates(doc, check_plausible=False)
        if (c.min is not None and c.max is not None and c.min < c.max) or c.span.start in as_salary
    ]
    ranges = [
        _Range(c.min, c.max, c.period, c.span)
        for c in candidates
        if c.min is not None and c.max is not None and c.min < c.max
    ]
    plausible = [r for r in ranges if range_problem(r.low, r.high, r.period) is None]
    opened = [c for c in candidates if _open_ended(text, c.min, c.max, c.span)]
    fixed = [
        c
        for c in candidates
        if c.min is not None and c.min == c.max and c not in opened and c.min >= PAY_FLOOR.get(c.period, 0)
    ]
    out: list[Finding] = []
    if not ranges and not opened:
        out += _no_range(laws, fixed)
    for span in hits.spans("vague_pay"):
        if any(0 <= span.start - r.span.end <= _NEAR_RANGE for r in plausible):
            continue  # "$120,000 - $150,000 DOE": where in the range depends on experience
        needing = [j["name"] for j in laws]
        why = f" ({law_message('vague-pay', needing)})" if needing else ""
        out.append(
            Finding(
                "vague-pay",
                "warning" if plausible or fixed else ("error" if laws else "warning"),
                span.start,
                span.end,
                f"'{span.text}' says nothing about pay" + why,
                "replace with the range" if not plausible else "drop it: the range says it",
            )
        )
    for r in ranges:
        problem = range_problem(r.low, r.high, r.period)
        if problem:
            out.append(
                Finding(
                    "misleading-range",
                    "error" if laws else "warning",
                    r.span.start,
                    r.span.end,
                    f"the range {r.span.text}: {problem}",
                    "give the band for this role and level",
                )
            )
    periods = {c.period for c in candidates if c.score >= 3}
    if len(periods) > 1:
        out.append(
            Finding(
                "misleading-range",
                "warning",
                0,
                0,
                f"pay is stated in several periods ({', '.join(sorted(periods))}): say which applies",
                "one range, one period",
            )
        )
    strict = [j["name"] for j in laws if j.get("open_ended_forbidden")]
    for c in opened:
        start, end = _opener_start(text, c.span), _closer_end(text, c.span)
        if strict:
            note = f" ({law_message('open-ended-pay', strict)})"
        elif laws and not plausible:  # the only pay stated, where a law asks for a range
            note = f" ({law_message('pay-range', [j['name'] for j in laws])})"
        else:
            note = ""
        out.append(
            Finding(
                "open-ended-pay",
                "error" if note else "warning",
                start,
                end,
                f"'{text[start:end]}' is open-ended{note}",
                "give both ends of the range",
            )
        )
    out += _spread(laws, plausible)
    out += _benefits(text, hits, sections, laws)
    return out


def _no_range(laws: list[dict[str, Any]], fixed: list[Any]) -> list[Finding]:
    """No range at all: an error where a law asks for one; a fixed figure satisfies the laws that accept
    one (Colorado's "pay rate", Minnesota's "fixed rate", New Jersey's "wage or salary")."""
    if fixed:
        needing = [j["name"] for j in laws if not j.get("fixed_pay_accepted")]
        if not needing:
            return []
        span = fixed[0].span
        return [
            Finding(
                "pay-range",
                "error",
                span.start,
                span.end,
                f"one figure, '{span.text}', where a range is required ({law_message('pay-range', needing)})",
                "give the minimum and maximum you would pay for this role",
            )
        ]
    why = f" ({law_message('pay-range', [j['name'] for j in laws])})" if laws else ""
    return [
        Finding(
            "pay-range",
            "error" if laws else "warning",
            0,
            0,
            "no salary range for this role" + why,
            RANGE_FIX,
        )
    ]


def _spread(laws: list[dict[str, Any]], plausible: list[_Range]) -> list[Finding]:
    out = []
    for j in laws:
        spread = j.get("max_spread")
        for r in plausible:
            if (
                spread
                and r.period == "year"
                and r.high - r.low > spread
                and r.high <= j.get("spread_exempt_above", 1e12)
            ):
                out.append(
                    Finding(
                        "misleading-range",
                        "error",
                        r.span.start,
                        r.span.end,
                        law_message("misleading-range", [j["name"]], spread=f"{spread:,}"),
                        "narrow the range",
                    )
                )
    return out


def _benefits(
    text: str, hits: Any, sections: dict[str, Section], laws: list[dict[str, Any]]
) -> list[Finding]:
    """The laws that ask for a general description of benefits: a sentence naming one (health, dental,
    401(k), paid time off, insurance…) anywhere in the posting satisfies them; a "Benefits" heading with
    nothing under it does not."""
    needing = [j["name"] for j in laws if j.get("benefits_required")]
    if not needing or hits.spans("benefits"):
        return []
    return [
        Finding(
            "no-benefits",
            "error",
            0,
            0,
            f"no description of benefits ({law_message('benefits', needing)})",
            "describe the benefits and other pay: health insurance, retirement plan, paid time off, bonus",
        )
    ]


def _opener_start(text: str, span: Span) -> int:
    """Where "up to $150,000" starts: the opener the salary reader leaves out of its span."""
    m = _OPENER.search(text[max(0, span.start - _OPEN_REACH) : span.start])
    return max(0, span.start - _OPEN_REACH) + m.start() if m else span.start


def _closer_end(text: str, span: Span) -> int:
    """Where "$120,000 and up" ends: the closer the salary reader leaves out of its span."""
    m = _OPEN_AFTER.match(text[span.end : span.end + 2 * _OPEN_REACH])
    return span.end + m.end() if m else span.end


def _open_ended(text: str, low: float | None, high: float | None, span: Span) -> bool:
    """'up to $150k', 'from $120k', 'a minimum of $120,000', '$120k+', '$120,000 and up', '… or more':
    one end only."""
    if (low is None) != (high is None):
        return True
    return (
        low is not None
        and low == high
        and (_opener_start(text, span) != span.start or _closer_end(text, span) != span.end)
    )
