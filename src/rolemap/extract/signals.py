"""Labels decided by weighted phrase signals: the seed guide's five system types, the business domains
it names, and the scope signals that drive pay. Every label keeps the phrases that led to it."""

from __future__ import annotations

import re
from functools import cache

from rolemap.extract.patterns import phrase_regex, spans_of
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span

SYSTEM_TYPES = ("product", "data", "distributed", "platform", "security")


@cache
def _system_rules() -> dict[str, tuple[re.Pattern[str], re.Pattern[str]]]:
    words = load_wordlist("system_types")
    return {t: (phrase_regex(words[t]["strong"]), phrase_regex(words[t]["weak"])) for t in SYSTEM_TYPES}


def classify_system_types(text: str, start: int = 0) -> tuple[tuple[str, ...], tuple[Span, ...]]:
    """Types whose signal score reaches the threshold, strongest first (at most three)."""
    body = text[start:]
    threshold = load_wordlist("system_types")["min_score"]
    scored: list[tuple[int, str, list[Span]]] = []
    for kind, (strong, weak) in _system_rules().items():
        strong_spans = spans_of(strong, body, limit=10)
        weak_spans = spans_of(weak, body, limit=10)
        score = 2 * len({s.text.lower() for s in strong_spans}) + len({s.text.lower() for s in weak_spans})
        if score >= threshold and strong_spans:
            scored.append((score, kind, strong_spans[:2]))
    scored.sort(key=lambda s: (-s[0], SYSTEM_TYPES.index(s[1])))
    kept = scored[:3]
    spans = tuple(Span(s.start + start, s.end + start, s.text) for _, _, found in kept for s in found)
    return tuple(kind for _, kind, _ in kept), spans


@cache
def _labelled_rules(list_name: str) -> dict[str, re.Pattern[str]]:
    return {k: phrase_regex(v) for k, v in load_wordlist(list_name).items() if not k.startswith("_")}


def detect_labels(list_name: str, text: str) -> tuple[str, ...]:
    """Every label of a word list (domains, scope) with at least one phrase in the text."""
    return tuple(k for k, rx in _labelled_rules(list_name).items() if rx.search(text))
