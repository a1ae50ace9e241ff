"""A posting's document text cut into segments, each with the extracted fields whose evidence covers it,
so a page can highlight why each field was read as it was. Spans may overlap (a skill inside a years
sentence): a segment then names every field."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Segment:
    text: str
    fields: tuple[str, ...]  # empty: plain text


def segments(text: str, evidence: dict[str, Any] | None) -> list[Segment]:
    spans = [
        (int(span["start"]), int(span["end"]), field)
        for field, items in (evidence or {}).items()
        for span in items or []
        if isinstance(span, dict) and 0 <= int(span.get("start", -1)) < int(span.get("end", -1)) <= len(text)
    ]
    cuts = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    out: list[Segment] = []
    for start, end in itertools.pairwise(cuts):
        covering = tuple(sorted({f for s, e, f in spans if s <= start and end <= e}))
        if out and out[-1].fields == covering:
            out[-1] = Segment(out[-1].text + text[start:end], covering)
        else:
            out.append(Segment(text[start:end], covering))
    return out
