"""How far to trust the figures: today's extractor scored against a person's own labels (their corrections
in the store, or a labels file in the format of ../shared/eval/score.py), field by field.

Each labelled posting in the store is read again by today's extractor, with its source's stated facts over
the text's values (`pipeline.prepare`, what an ingest would store, before any correction), and compared with
the label by the metrics of score.py (extract/scoring.py). A label whose posting is not in the store is
counted as missing, as score.py counts a label without an output record.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from rolemap.extract.scoring import score
from rolemap.models import Posting
from rolemap.pipeline import prepare
from rolemap.store.corrections import corrected_labels
from rolemap.store.db import Store
from rolemap.store.schema import postings

_CHUNK = 500
# the readable name of each scored field, in score.py's order
FIELD_NAMES = {
    "seniority": "level", "work_model": "work model", "employment_type": "employment type",
    "primary_language": "main language", "years_experience": "minimum years", "salary": "salary",
    "salary_stated": "salary, where stated", "company": "company", "languages": "languages",
    "system_types": "system types", "skills": "skills", "role_families": "role families",
    "location_countries": "countries", "location_cities": "cities",
}  # fmt: skip


@dataclass(frozen=True)
class Accuracy:
    labels: int  # label lines scored
    source: str  # "your corrections" or the labels file
    missing: int  # labels whose posting is not in the store
    fields: dict[str, dict[str, Any]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"labels": self.labels, "source": self.source, "missing": self.missing, "fields": self.fields}


def extractor_accuracy(
    store: Store, labels: Mapping[str, Mapping[str, Any]] | None = None, source: str = "your corrections"
) -> Accuracy:
    """Today's extractor against `labels` (by posting id); the store's corrections when none are given."""
    if labels is None:
        labels = {label["id"]: label for label in corrected_labels(store)}
    outputs = {p.id: prepare(p).extraction.as_dict() for p in _postings(store, list(labels))}
    scores = score(labels, outputs)
    return Accuracy(len(labels), source, scores["missing"], scores["fields"])


def _postings(store: Store, ids: list[str]) -> list[Posting]:
    """The labelled postings as their source gave them (cleaned at ingest), read a chunk at a time."""
    columns = [postings.c[name] for name in ("id", "title", "description", "company", "location", "url")]
    extra = [postings.c[name] for name in ("posted_at", "source", "board", "source_fields")]
    out = []
    with store.read() as conn:
        for start in range(0, len(ids), _CHUNK):
            query = select(*columns, *extra).where(postings.c.id.in_(ids[start : start + _CHUNK]))
            for row in conn.execute(query):
                values = dict(row._mapping)
                values["source_fields"] = values["source_fields"] or {}
                out.append(Posting(**values))
    return out
