"""The six levels, from the title first and from the years asked when the title says nothing
(../shared/eval/LABELING.md: 0–1 junior, 2–4 mid, 5–7 senior, 8+ staff when the role owns architecture
or leads engineers, else senior)."""

from __future__ import annotations

from rolemap.extract.document import Document
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span


def detect_seniority(
    doc: Document, years: dict[str, int | None] | None, years_spans: tuple[Span, ...]
) -> tuple[str | None, tuple[Span, ...]]:
    for level in load_wordlist("seniority_title")["order"]:
        in_title = [s for s in doc.hits.spans(f"seniority_title/{level}") if doc.in_title(s.start)]
        if in_title:
            return level, (in_title[0],)
    if years and years.get("min") is not None:
        return _level_from_years(int(years["min"] or 0), doc), years_spans
    return None, ()


def _level_from_years(lo: int, doc: Document) -> str:
    if lo <= 1:
        return "junior"
    if lo <= 4:
        return "mid"
    if lo <= 7:
        return "senior"
    return "staff" if "seniority_scope/staff" in doc.hits else "senior"
