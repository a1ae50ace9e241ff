"""remote / hybrid / onsite, decided from explicit phrases, never from a bare keyword test:
"no remote" is onsite, "hybrid, 3 days in office" is hybrid, "remote within the US" is remote,
"remote sensing" and "remote teams" say nothing."""

from __future__ import annotations

from rolemap.extract.patterns import spans_of, wordlist_regex
from rolemap.models import Span


def detect_work_model(text: str) -> tuple[str | None, tuple[Span, ...]]:
    hybrid = spans_of(wordlist_regex("work_model", "hybrid"), text)
    if hybrid:
        return "hybrid", tuple(hybrid[:2])
    refused = spans_of(wordlist_regex("work_model", "onsite_strong"), text)
    refused_starts = {s.start for s in refused} | {s.start + s.text.lower().find("remote") for s in refused}
    not_work = {s.start for s in spans_of(wordlist_regex("work_model", "not_work"), text, limit=50)}
    remote = [
        s
        for s in spans_of(wordlist_regex("work_model", "remote"), text, limit=50)
        if s.start not in not_work and s.start not in refused_starts and not _inside(s, refused)
    ]
    if remote:
        return "remote", tuple(remote[:2])
    if refused:
        return "onsite", tuple(refused[:2])
    onsite = spans_of(wordlist_regex("work_model", "onsite"), text)
    if onsite:
        return "onsite", tuple(onsite[:2])
    return None, ()


def _inside(span: Span, others: list[Span]) -> bool:
    return any(o.start <= span.start and span.end <= o.end for o in others)
