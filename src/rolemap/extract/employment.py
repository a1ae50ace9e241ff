"""full_time / part_time / contract / internship / temporary from the words a posting uses."""

from __future__ import annotations

from rolemap.extract.document import Document
from rolemap.models import Span

KINDS = ("internship", "contract", "part_time", "temporary", "full_time")
_TAGS = tuple((kind, f"employment_type/title/{kind}", f"employment_type/{kind}") for kind in KINDS)


def detect_employment_type(doc: Document) -> tuple[str | None, tuple[Span, ...]]:
    """A word in the title decides first; otherwise the earliest mention in the text."""
    found: list[tuple[bool, int, str, Span]] = []
    for kind, title_tag, tag in _TAGS:
        titled = [s for s in doc.hits.spans(title_tag) if doc.in_title(s.start)]
        # a perk is no term of the job ("Work-Life Balance: part time work", "Internship Programme"), but
        # "benefits for full-time employees" says the job is one
        spans = titled + [
            s
            for s in doc.hits.spans(tag)
            if kind == "full_time" or doc.sections.kind_at(s.start) != "benefits"
        ]
        if spans:
            first = min(spans, key=lambda s: (not doc.in_title(s.start), s.start))
            found.append((not doc.in_title(first.start), first.start, kind, first))
    if not found:
        return None, ()
    _, _, kind, span = min(found, key=lambda f: (f[0], f[1]))
    return kind, (span,)
