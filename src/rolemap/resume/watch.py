"""`rolemap watch`: the guide's "when to revisit" triggers, computed from the store for the user's lane.

It compares two quarters (default: the last two complete ones, rolemap.analytics.trends.default_periods),
says which and on how many postings, lists the alerts (significant rises that concern the resume) and the
near-misses (such rises that did not reach significance, with their figures), says when the newest
complete quarter of the store ended long before today, and what the lane covers (analytics/covers.py: "412
postings from 2013-08 to 2018-04"), so an empty answer still shows what it looked at."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from rolemap.analytics.covers import lane_covers
from rolemap.analytics.frame import MarketFrame
from rolemap.analytics.lane import LEVELS, Lane
from rolemap.analytics.periods import calendar
from rolemap.analytics.trends import Change, Changes, changes
from rolemap.resume.read import Resume

STALE_DAYS = 183  # a compared period that ended longer ago than this is "not recent"
NEAR_MISSES = 8


def level_of(resume: Resume) -> str:
    years = resume.total_years
    return "junior" if years < 2 else "mid" if years < 5 else "senior" if years < 8 else "staff"


@dataclass(frozen=True)
class Watch:
    lane: str
    before: str = ""
    after: str = ""
    postings_before: int = 0
    postings_after: int = 0
    alerts: list[str] = field(default_factory=list)
    near_misses: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # stale store, partial periods, caveats, too few
    message: str = ""  # set when nothing could be compared
    covers: dict[str, object] = field(default_factory=dict)  # the lane's months and postings (covers.py)

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def watch(
    resume: Resume,
    frame: MarketFrame,
    lane: Lane,
    since: str | None = None,
    to: str | None = None,
    today: dt.date | None = None,
) -> Watch:
    """The alerts and near-misses between two quarters of the lane that concern this resume."""
    cal = calendar(frame, "quarter")
    covers = lane_covers(frame, lane)
    if len(cal.names) < 2:
        only = f" ({cal.names[0]} only)" if cal.names else ""
        return Watch(
            lane.describe(),
            message=f"the store has fewer than two quarters of dated postings{only}: nothing to compare yet",
            covers=covers,
        )
    result = changes(frame, lane, since, to, "quarter")
    notes = list(result.caveats)
    end = cal.ends[cal.names.index(result.after)] - dt.timedelta(days=1)  # ends: the day after a period
    if today is not None and (today - end).days > STALE_DAYS:
        notes.insert(
            0,
            f"no recent period: the store's newest compared quarter, {result.after}, ended {end:%Y-%m-%d}, "
            f"{(today - end).days:,} days before {today:%Y-%m-%d}; fetch newer postings to watch today's market",
        )
    if result.message:
        notes.append(result.message)
    concerned = [(c, _why(c, resume, result)) for c in result.changes if c.share_after > c.share_before]
    concerned = [(c, why) for c, why in concerned if why]
    alerts = [f"{why}: {_figures(c, result)}" for c, why in concerned if c.significant and not c.small_sample]
    misses = [
        f"{why}: {_figures(c, result)}, {_untested(c)}"
        for c, why in concerned
        if not (c.significant and not c.small_sample)
    ][:NEAR_MISSES]
    return Watch(
        lane.describe(),
        result.before,
        result.after,
        result.postings_before,
        result.postings_after,
        alerts,
        misses,
        notes,
        covers=covers,
    )


def _why(c: Change, resume: Resume, result: Changes) -> str:
    level = level_of(resume)
    next_level = LEVELS[min(LEVELS.index(level) + 1, LEVELS.index("staff"))]
    if c.dimension in ("skill", "language") and c.value not in resume.skills:
        return f"{c.value} is named more and is not on your resume"  # trends count postings naming it
    if c.dimension == "seniority" and c.value == next_level:
        return f"more {next_level} postings, the level after yours ({level})"
    if (c.dimension, c.value) in (("work_model", "remote"), ("employment_type", "contract")):
        return f"more {c.value} roles"
    return ""


def _figures(c: Change, result: Changes) -> str:
    return (
        f"{c.share_before:.0%} ({c.before}/{result.postings_before}) → {c.share_after:.0%} "
        f"({c.after}/{result.postings_after}) of postings, {result.before} → {result.after}"
    )


def _untested(c: Change) -> str:
    if c.q_value is None:
        return "too few to test"
    return f"q = {c.q_value:.2g}, not significant" + (" (small sample)" if c.small_sample else "")


def alerts(resume: Resume, frame: MarketFrame, lane: Lane) -> list[str]:
    """The significant rises only (the former interface of `watch`)."""
    found = watch(resume, frame, lane)
    return found.alerts or ([found.message] if found.message else [])
