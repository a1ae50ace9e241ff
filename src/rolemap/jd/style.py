"""The style rules of `rolemap jd lint`: length, readability (Flesch reading ease, syllables from pyphen)
and keyword stuffing."""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

import pyphen

from rolemap.jd.findings import Finding, Section

WORDS_BAND = (300, 700)  # Textio: best-performing length; LinkedIn: shorter posts get more applies
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def style_findings(
    text: str, doc: Any, hits: Any, record: Any, sections: dict[str, Section], today: dt.date
) -> list[Finding]:
    out: list[Finding] = []
    words = _WORD.findall(text)
    n = len(words)
    if n and not WORDS_BAND[0] <= n <= WORDS_BAND[1]:
        severity = "warning" if n < 150 or n > 1000 else "info"
        out.append(
            Finding(
                "length",
                severity,
                0,
                0,
                f"{n} words; postings of {WORDS_BAND[0]}–{WORDS_BAND[1]} words perform best",
                "cut repetition and boilerplate"
                if n > WORDS_BAND[1]
                else "say more about the work, the team and the pay",
            )
        )
    score = flesch_reading_ease(text)
    if score is not None and score < 30:
        out.append(
            Finding(
                "readability",
                "warning" if score < 10 else "info",
                0,
                0,
                f"Flesch reading ease {score:.0f} (below 30 reads like an academic paper)",
                "shorter sentences, plainer words",
            )
        )
    out.extend(_stuffing(text))
    return out


def _stuffing(text: str) -> list[Finding]:
    tokens = [(m.group(0).lower(), m.start(), m.end()) for m in _WORD.finditer(text)]
    grams: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for i in range(len(tokens) - 2):
        gram = tuple(t for t, _, _ in tokens[i : i + 3])
        if len({*gram} & STOPWORDS) == 0:
            grams.setdefault(gram, []).append((tokens[i][1], tokens[i + 2][2]))
    out: list[Finding] = []
    taken: set[int] = (
        set()
    )  # "full stack vs backend" is one phrase, not "full stack vs" and "stack vs backend"
    for gram, places in sorted(grams.items(), key=lambda g: -len(g[1])):
        if len(places) >= 5 and not any(s in taken for s, _ in places):
            taken.update(range(places[0][0], places[0][1]))
            taken.update(s for s, _ in places)
            start, end = places[0]
            out.append(
                Finding(
                    "keyword-stuffing",
                    "warning",
                    start,
                    end,
                    f"'{' '.join(gram)}' appears {len(places)} times, as keyword stuffing does",
                    "say it once, where it belongs",
                )
            )
    return out


STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "our",
        "the",
        "to",
        "we",
        "with",
        "you",
        "your",
        "this",
        "that",
    ]
)


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def flesch_reading_ease(text: str) -> float | None:
    """206.835 − 1.015 × words/sentence − 84.6 × syllables/word; syllables from pyphen's dictionary."""
    words = _WORD.findall(text)
    if len(words) < 30:
        return None
    # A sentence ends at . ! ? (also glued: "…systems.Strong…") or at a line break (titles, bullets).
    sentences = max(1, len(re.findall(r"[.!?]+(?=\s|$|[A-Z])|\n(?=\s*\S)", text)))
    syllables = sum(max(1, len(_hyphenator().positions(w)) + 1) for w in words)
    return 206.835 - 1.015 * len(words) / sentences - 84.6 * syllables / len(words)
