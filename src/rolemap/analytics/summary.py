"""The first market summary: how many postings, their levels, top languages and skills, stated pay.

Postings recognised as duplicates of another are counted once (the first copy). Salaries are compared
only within one currency and period, as stated, so no figure mixes hourly with yearly pay; a figure the pay
scale would leave out as implausible once annualised (analytics/pay.py: "a yearly 45") is left out and
counted here too, and a group's median and middle half need as many salaries as a headline card does.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select

from rolemap.analytics.freshness import day, open_months, open_since
from rolemap.analytics.pay import HOURS_A_YEAR, bundled_rates, plausible_year
from rolemap.analytics.stats import MIN_FOR_HEADLINE
from rolemap.store.db import Store
from rolemap.store.repository import store_totals
from rolemap.store.schema import extractions, posting_labels, posting_skills, postings

LEVELS = ("intern", "junior", "mid", "senior", "staff", "manager")


@dataclass(frozen=True)
class SalaryFigure:
    currency: str
    period: str
    count: int  # the salaries the figures rest on
    median: float | None  # None below MIN_FOR_HEADLINE salaries: too few for a median
    p25: float | None
    p75: float | None
    left_out: int = 0  # stated in this currency and period, but implausible once annualised


@dataclass(frozen=True)
class MarketSummary:
    postings: int
    open_postings: int
    companies: int
    levels: dict[str, int]
    top_languages: list[tuple[str, int]]
    top_skills: list[tuple[str, int]]
    salaries: list[SalaryFigure] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)  # analytics/totals.py: the summary counts "unique"
    coverage: dict[str, object] = field(default_factory=dict)  # first and last month posted, open now

    def share(self, count: int) -> float:
        return count / self.postings if self.postings else 0.0


def market_summary(store: Store, top: int = 10) -> MarketSummary:
    unique = postings.c.duplicate_of.is_(None)
    totals = store_totals(store)
    with store.read() as conn:
        total = conn.scalar(select(func.count()).where(unique)) or 0
        first, last, newest = conn.execute(
            select(
                func.min(postings.c.posted_at), func.max(postings.c.posted_at), func.max(postings.c.last_seen)
            ).where(unique)
        ).one()
        as_of = day(newest) or dt.date.today()
        cutoff = open_since(as_of, open_months())
        open_count = (  # analytics/freshness.py: a board posting until dropped, another for its months
            conn.scalar(
                select(func.count()).where(
                    unique,
                    or_(
                        and_(postings.c.board.is_not(None), postings.c.closed_at.is_(None)),
                        and_(postings.c.board.is_(None), postings.c.posted_at >= cutoff.isoformat()),
                    ),
                )
            )
            or 0
        )
        companies = (  # the hirer the record names (a source's own company field is written into it)
            conn.scalar(
                select(func.count(func.distinct(func.lower(extractions.c.company))))
                .join(postings, postings.c.id == extractions.c.posting_id)
                .where(unique)
            )
            or 0
        )
        level_rows = conn.execute(
            select(extractions.c.seniority, func.count())
            .join(postings, postings.c.id == extractions.c.posting_id)
            .where(unique, extractions.c.seniority.is_not(None))
            .group_by(extractions.c.seniority)
        ).all()
        languages = conn.execute(
            select(posting_labels.c.value, func.count().label("n"))
            .join(postings, postings.c.id == posting_labels.c.posting_id)
            .where(unique, posting_labels.c.field == "language")
            .group_by(posting_labels.c.value)
            .order_by(func.count().desc(), posting_labels.c.value)
            .limit(top)
        ).all()
        skills = conn.execute(
            select(posting_skills.c.skill_id, func.count().label("n"))
            .join(postings, postings.c.id == posting_skills.c.posting_id)
            .where(unique)
            .group_by(posting_skills.c.skill_id)
            .order_by(func.count().desc(), posting_skills.c.skill_id)
            .limit(top)
        ).all()
        pay_rows = conn.execute(
            select(
                extractions.c.salary_currency,
                extractions.c.salary_period,
                extractions.c.salary_min,
                extractions.c.salary_max,
            )
            .join(postings, postings.c.id == extractions.c.posting_id)
            .where(unique, extractions.c.salary_currency.is_not(None))
        ).all()
    levels = {level: 0 for level in LEVELS} | {str(k): int(n) for k, n in level_rows}
    return MarketSummary(
        int(total),
        int(open_count),
        int(companies),
        levels,
        [(str(k), int(n)) for k, n in languages],
        [(str(k), int(n)) for k, n in skills],
        _salary_figures([(str(c), str(p), lo, hi) for c, p, lo, hi in pay_rows]),
        totals,
        {
            "first": first[:7] if first else None, "last": last[:7] if last else None,
            "open_now": int(open_count), "as_of": as_of.isoformat(),
        },
    )  # fmt: skip


def _salary_figures(rows: list[tuple[str, str, float | None, float | None]]) -> list[SalaryFigure]:
    """Median and middle half (p25–p75) of each posting's midpoint, per (currency, period), largest group
    first; none from fewer than MIN_FOR_HEADLINE salaries. Not min–max: a few misread or unusual figures
    would make the range say nothing."""
    groups: dict[tuple[str, str], list[float]] = {}
    left_out: dict[tuple[str, str], int] = {}
    for currency, period, low, high in rows:
        values = [v for v in (low, high) if v is not None]
        if not values:
            continue
        middle = sum(values) / len(values)
        groups.setdefault((currency, period), [])
        if _plausible(middle, currency, period):
            groups[(currency, period)].append(middle)
        else:
            left_out[(currency, period)] = left_out.get((currency, period), 0) + 1
    figures = [
        SalaryFigure(cur, per, len(mids), *_middle(mids), left_out=left_out.get((cur, per), 0))
        for (cur, per), mids in groups.items()
    ]
    return sorted(figures, key=lambda f: (-f.count, -f.left_out, f.currency, f.period))


def _plausible(middle: float, currency: str, period: str) -> bool:
    """Within the pay scale's plausible year once annualised and in USD; a currency or period the scale
    cannot convert is kept, as stated (this summary never converts)."""
    usd, per_year = bundled_rates().factor(currency, "USD"), HOURS_A_YEAR.get(period)
    if usd is None or per_year is None:
        return True
    return bool(plausible_year(middle * per_year * usd))


def _middle(values: list[float]) -> tuple[float | None, float | None, float | None]:
    if len(values) < MIN_FOR_HEADLINE:
        return None, None, None
    q = statistics.quantiles(values, n=4, method="inclusive")
    return q[1], q[0], q[2]
