"""Labels decided by weighted phrase signals: the seed guide's five system types, the business domains
it names, and the scope signals that drive pay. Every label keeps the phrases that led to it."""

from __future__ import annotations

from functools import cache

from rolemap.extract.document import Document
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span

SYSTEM_TYPES = ("product", "data", "distributed", "platform", "security")
# Words in these sections describe perks or the application, not the work.
_NOT_THE_WORK = frozenset({"benefits", "apply"})


def classify_system_types(doc: Document) -> tuple[tuple[str, ...], tuple[Span, ...]]:
    """Types whose signal score reaches the threshold, strongest first (at most three)."""
    threshold = load_wordlist("system_types")["min_score"]
    scored: list[tuple[int, str, list[Span]]] = []
    for kind in {label.split("/")[0] for label in doc.hits.labels("system_types")}:
        strong = _about_the_work(doc, f"system_types/{kind}/strong")
        weak = _about_the_work(doc, f"system_types/{kind}/weak")
        score = 2 * len({s.text.lower() for s in strong}) + len({s.text.lower() for s in weak})
        if score >= threshold and strong:
            scored.append((score, kind, strong[:2]))
    scored.sort(key=lambda s: (-s[0], SYSTEM_TYPES.index(s[1])))
    kept = scored[:3]
    return tuple(kind for _, kind, _ in kept), tuple(s for _, _, found in kept for s in found)


@cache
def label_names(list_name: str) -> tuple[str, ...]:
    return tuple(k for k in load_wordlist(list_name) if not k.startswith("_"))


def detect_labels(list_name: str, doc: Document) -> tuple[str, ...]:
    """Every label of a word list (domains, scope) with a phrase in the text that describes the work,
    in the list's order."""
    found = {k for k in doc.hits.labels(list_name) if _about_the_work(doc, f"{list_name}/{k}")}
    return tuple(k for k in label_names(list_name) if k in found)


def _about_the_work(doc: Document, tag: str) -> list[Span]:
    spans = doc.hits.spans(tag)
    if not spans:
        return spans
    return [s for s in spans if doc.sections.kind_at(s.start) not in _NOT_THE_WORK]
