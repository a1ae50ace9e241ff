"""What the reader could not read in a resume, said plainly (`Resume.notes`): no dated role, some roles
without dates (their time is not in the years), dates that run backwards, no section heading known."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rolemap.resume.read import Role

NO_DATED_ROLE = (
    "no dated role found (a role's dates, such as 'Mar 2020 – Present', were not read): years and level are "
    "unknown, and matching goes by the resume's skills"
)
NO_HEADINGS = (
    "no section headings recognised: rolemap reads English headings (Experience, Skills, Education…), so "
    "roles and listed skills under others were not read"
)


def reading_notes(roles: Sequence[Role], sections: Sequence[str]) -> list[str]:
    """The notes of a resume read from its lines (read.py): its roles, and the sections its headings opened."""
    notes = []
    if not sections:
        notes.append(NO_HEADINGS)
    dated = [r for r in roles if r.start]
    undated = [r for r in roles if not r.start]
    if not dated:
        notes.append(NO_DATED_ROLE)
    elif undated:
        named = ", ".join(
            f"'{r.heading[:60]}'" if r.heading else "a role with no heading" for r in undated[:5]
        )
        more = f" and {len(undated) - 5} more" if len(undated) > 5 else ""
        notes.append(
            f"no dates read for {_roles(len(undated))} ({named}{more}): their time is not in the years, which "
            "may be too low; write a role's dates as 'Mar 2020 – Present'"
        )
    for r in dated:
        if r.start and r.end and r.end < r.start:
            notes.append(
                f"the dates of '{r.heading[:60]}' run backwards ({r.start} to {r.end}): its time is not "
                "counted; check the years"
            )
    return notes


def _roles(n: int) -> str:
    from rolemap.agreement import counted

    return counted(n, "role")
