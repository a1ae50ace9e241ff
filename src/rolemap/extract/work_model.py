"""remote / hybrid / onsite, decided from explicit phrases, never from a bare keyword test:
"no remote" is onsite, "hybrid, 3 days in office" is hybrid, "remote within the US" is remote,
"remote sensing", "remote teams", "occasional work from home", a "hybrid team", "in-office perks" and
"relocation from anywhere in the world" say nothing about this job."""

from __future__ import annotations

import re

from rolemap.extract.document import Document
from rolemap.extract.intervals import Cover
from rolemap.models import Span

# "5 days per week onsite", "in the office 5 days a week": a working week's days in the office leave none at
# home (the scan reads every digit as 0, so the hybrid phrases' "# days" holds any number); "5 days in the
# office per month" is a hybrid's
_WHOLE_WEEK = re.compile(r"(?i)(?<![\d.\-–])(?<!to )[5-7]\s+days?\b")  # not a range's end: "2-5 days"
_NOT_A_WEEK = re.compile(
    r"(?i)\s*(?:(?:per|a|each|every)\s+(?:month|quarter|year|sprint|other week|\d+ weeks)|monthly|quarterly)\b"
)


def detect_work_model(doc: Document) -> tuple[str | None, tuple[Span, ...]]:
    hits = doc.hits
    not_work = hits.spans("work_model/not_work")
    # One index of each list, not a scan of it per remote phrase: linear however many a text repeats.
    not_work_cover = Cover((o.start, o.end) for o in not_work)
    hybrid: list[Span] = []
    whole_week: list[Span] = []
    for s in hits.spans("work_model/hybrid"):
        if not not_work_cover.covers(s.start, s.end):
            whole = _WHOLE_WEEK.search(doc.text, s.start, s.end) and not _NOT_A_WEEK.match(doc.text, s.end)
            (whole_week if whole else hybrid).append(s)
    if hybrid:
        return "hybrid", tuple(hybrid[:2])
    refused = [*hits.spans("work_model/onsite_strong"), *whole_week]
    refused_cover = Cover((o.start, o.end) for o in refused)
    remote = [
        s
        for s in hits.spans("work_model/remote")
        if not refused_cover.covers(s.start, s.end) and not not_work_cover.covers(s.start, s.end)
    ]
    if remote:
        return "remote", tuple(remote[:2])
    if refused:
        return "onsite", tuple(refused[:2])
    onsite = [s for s in hits.spans("work_model/onsite") if not not_work_cover.covers(s.start, s.end)]
    if onsite:
        return "onsite", tuple(onsite[:2])
    return None, ()
