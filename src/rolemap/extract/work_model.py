"""remote / hybrid / onsite, decided from explicit phrases, never from a bare keyword test:
"no remote" is onsite, "hybrid, 3 days in office" is hybrid, "remote within the US" is remote,
"remote sensing", "remote teams", "occasional work from home", a "hybrid team", "in-office perks" and
"relocation from anywhere in the world" say nothing about this job."""

from __future__ import annotations

from rolemap.extract.document import Document
from rolemap.extract.intervals import Cover
from rolemap.models import Span


def detect_work_model(doc: Document) -> tuple[str | None, tuple[Span, ...]]:
    hits = doc.hits
    not_work = hits.spans("work_model/not_work")
    # One index of each list, not a scan of it per remote phrase: linear however many a text repeats.
    not_work_cover = Cover((o.start, o.end) for o in not_work)
    hybrid = [s for s in hits.spans("work_model/hybrid") if not not_work_cover.covers(s.start, s.end)]
    if hybrid:
        return "hybrid", tuple(hybrid[:2])
    refused = hits.spans("work_model/onsite_strong")
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
