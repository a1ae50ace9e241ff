"""`rolemap watch`: the guide's "when to revisit" triggers, computed from the store for the user's lane."""

from __future__ import annotations

from rolemap.analytics.frame import MarketFrame
from rolemap.analytics.lane import LEVELS, Lane
from rolemap.analytics.trends import changes, period_index
from rolemap.resume.read import Resume


def level_of(resume: Resume) -> str:
    years = resume.total_years
    return "junior" if years < 2 else "mid" if years < 5 else "senior" if years < 8 else "staff"


def alerts(resume: Resume, frame: MarketFrame, lane: Lane) -> list[str]:
    """Significant changes between the two newest quarters of the lane that concern this resume."""
    _, periods = period_index(frame, "quarter")
    if len(periods) < 2:
        return ["the store has fewer than two quarters of dated postings: nothing to compare yet"]
    result = changes(frame, lane, periods[-2], periods[-1])
    if result.message:
        return [result.message]
    level = level_of(resume)
    next_level = LEVELS[min(LEVELS.index(level) + 1, LEVELS.index("staff"))]
    out = []
    for c in result.changes:
        if not c.significant or c.small_sample or c.share_after <= c.share_before:
            continue
        rise = f"{c.share_before:.0%} → {c.share_after:.0%} of postings ({result.before} → {result.after})"
        if c.dimension in ("skill", "language") and c.value not in resume.skills:
            out.append(f"{c.value} is asked more and is not on your resume: {rise}")
        elif c.dimension == "seniority" and c.value == next_level:
            out.append(f"more {next_level} postings, the level after yours ({level}): {rise}")
        elif (c.dimension, c.value) in (("work_model", "remote"), ("employment_type", "contract")):
            out.append(f"more {c.value} roles: {rise}")
    return out
