"""A board's fact values in the contract's value sets: "FULL_TIME", "Full-time" and "FullTime" are
full_time; "Remote - US" is remote; "Entry level" is junior; Lever's "per-year-salary" is a year. A value
with no meaning there ("Volunteer", "Remote or on-site") is None, so a reader can tell a field that states
a fact from one that only has the fact's name (sources/boards.py, extract/source_facts.py)."""

from __future__ import annotations

import re
from typing import Any


def _words(value: Any) -> str:
    """ "FullTime" / "FULL_TIME" / "full-time" → "full time"."""
    text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", str(value))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


_EMPLOYMENT = (
    (re.compile(r"\b(?:intern|interns|internship|co op|coop)\b"), "internship"),
    (re.compile(r"\bpart time\b|\bparttime\b"), "part_time"),
    (re.compile(r"\b(?:temp|temporary|seasonal|fixed term)\b"), "temporary"),
    (re.compile(r"\b(?:contract|contractor|contractors|freelance|freelancer|c2h)\b"), "contract"),
    (re.compile(r"\b(?:full time|fulltime|permanent|regular|fte)\b"), "full_time"),
)


def employment_type_of(value: Any) -> str | None:
    """A board's employment type in the contract's set: the first listed one that has a meaning there
    ("FULL_TIME", "Full-time", "FullTime" → full_time; "CONTRACTOR" → contract; "Volunteer" → None)."""
    values = (
        value if isinstance(value, list) else re.split(r"[,;/|]", value) if isinstance(value, str) else []
    )
    for part in values:
        if not isinstance(part, str):
            continue
        words = _words(part)
        for pattern, kind in _EMPLOYMENT:
            if pattern.search(words):
                return kind
    return None


_REMOTE = re.compile(
    r"\b(?:remote|remotely|telecommute|telecommuting|work from home|wfh|fully distributed)\b"
)
_HYBRID = re.compile(r"\bhybrid\b")
_ONSITE = re.compile(r"\b(?:on site|onsite|in office|in person|office based|office)\b")


def work_model_of(value: Any) -> str | None:
    """A board's workplace value, or a location field that states one ("Remote - US"), as remote /
    hybrid / onsite; None when it says none or more than one ("Remote or on-site")."""
    if not isinstance(value, str):
        return None
    words = _words(value)
    remote, hybrid, onsite = (bool(p.search(words)) for p in (_REMOTE, _HYBRID, _ONSITE))
    if hybrid and not remote:
        return "hybrid"
    if remote and not (hybrid or onsite):
        return "remote"
    if onsite and not (remote or hybrid):
        return "onsite"
    return None


_TRUE = {"1", "1.0", "true", "yes", "y", "t", "remote"}
_FALSE = {"0", "0.0", "false", "no", "n", "f"}


def remote_flag(value: Any) -> bool | None:
    """A remote flag: True / "1.0" / "yes" → True; False / "0" / "no" → False; blank or other → None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return bool(value) if value in (0, 1) else None
    text = str(value).strip().lower() if isinstance(value, str) else ""
    return True if text in _TRUE else False if text in _FALSE else None


_SENIORITY = (
    (re.compile(r"\bmid senior\b"), None),  # LinkedIn's "Mid-Senior level" is either
    (re.compile(r"\b(?:intern|internship|co op)\b"), "intern"),
    (
        re.compile(r"\b(?:director|executive|vp|vice president|head|chief|cto|manager|management)\b"),
        "manager",
    ),
    (re.compile(r"\b(?:staff|principal|distinguished|architect|fellow|lead)\b"), "staff"),
    (re.compile(r"\b(?:senior|sr)\b"), "senior"),
    (re.compile(r"\b(?:junior|jr|entry|graduate|new grad|associate|trainee|apprentice)\b"), "junior"),
    (re.compile(r"\b(?:mid|intermediate|experienced)\b"), "mid"),
)


def seniority_of(value: Any) -> str | None:
    """A board's level in the contract's set ("Entry level" → junior, "Director" → manager)."""
    if not isinstance(value, str):
        return None
    words = _words(value)
    for pattern, level in _SENIORITY:
        if pattern.search(words):
            return level
    return None


_PERIOD_WORDS = {
    "hour": "hour", "hourly": "hour", "hr": "hour",
    "day": "day", "daily": "day",
    "week": "week", "weekly": "week",
    "month": "month", "monthly": "month", "mo": "month",
    "year": "year", "yearly": "year", "annual": "year", "annually": "year", "annum": "year", "yr": "year",
}  # fmt: skip


def period_of(value: Any) -> str | None:
    """ "YEAR", "YEARLY", "1 YEAR", "hourly", Lever's "per-year-salary" and "per-day-wage" → the contract's
    period; None otherwise ("one-time", "2 WEEK": a sum, not a rate)."""
    if not isinstance(value, str):
        return None
    words = _words(value).removeprefix("1 ").removeprefix("per ").strip()
    return _PERIOD_WORDS.get(words.removesuffix(" salary").removesuffix(" wage"))
