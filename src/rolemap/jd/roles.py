"""Role words: what a title calls the role ("Senior Platform Engineer (Go)" → "platform engineer"), the role
families it names (platform, data, security…), and the places a JD's body introduces the role
("we are looking for a backend engineer") — for the generator's wording and the linter's title check.
Families and role nouns are data (`role_families`, `role_nouns` in template.yaml)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rolemap.jd.spec import template
from rolemap.models import Span

LEVEL_RANK = {"intern": 0, "junior": 1, "mid": 2, "senior": 3, "staff": 4}
_LEVEL_WORDS = {
    "intern": r"intern",
    "junior": r"junior|jr\.?|entry[- ]level|graduate|new[- ]grad",
    "mid": r"mid[- ]level|intermediate",
    "senior": r"senior|sr\.?",
    "staff": r"staff|principal",
}
_STRIP_LEVEL = re.compile(
    r"\b(?:senior|sr\.?|staff|principal|lead|junior|jr\.?|mid[- ]level|mid|intermediate|entry[- ]level|"
    r"associate|distinguished|head|(?:level|l)\s?\d|i{1,3}|iv)(?=\s|$|,)\.?",
    re.I,
)
_SPLIT = re.compile(r"\s*(?:,|\s[-–—|/]\s)\s*")
_ADJECTIVES = (
    r"(?:(?:full[- ]time|part[- ]time|remote|talented|experienced|motivated|driven|passionate)[ ,]+){0,2}"
)
_INTRO = (
    r"\b(?:looking for|hiring|seeking|searching for|join (?:us|our team|the team) as|you(?:'ll| will)? "
    r"(?:be|are) joining as|as|you are|we need|we want)\s+(?:an?|our(?: next| new)?|the|one)\s+"
)


@cache
def _families() -> dict[str, re.Pattern[str]]:
    return {
        name: re.compile(r"\b(?:" + "|".join(words) + r")\b", re.I)
        for name, words in template()["role_families"].items()
    }


def families(text: str) -> set[str]:
    """The role families a piece of text names: "Staff Engineer - Data Platform" → {data, platform}."""
    return {name for name, pattern in _families().items() if pattern.search(text)}


def role_noun(title: str, keep_case: tuple[str, ...] = ()) -> str:
    """The role a title names, without its level or parenthesis, in running-text case:
    "Senior Platform Engineer (Go)" → "platform engineer"; "Senior Software Engineer, Backend" →
    "backend software engineer"; words in `keep_case` (the spec's language and stack) and acronyms keep
    their case."""
    bare = re.sub(r"\([^)]*\)|\[[^]]*\]", " ", title)
    head, *rest = [p for p in _SPLIT.split(bare) if p.strip()] or [title]
    head = _STRIP_LEVEL.sub(" ", head)
    nouns = tuple(template()["role_nouns"])
    tail = rest[0] if rest else ""
    tail = _STRIP_LEVEL.sub(" ", tail).strip()
    if tail and len(tail.split()) <= 3 and head.lower().split()[-1:] and head.lower().split()[-1] in nouns:
        head = f"{tail} {head}"
    keep = {k.lower(): k for k in keep_case}
    words = [_running_case(w, keep) for w in head.split()]
    return " ".join(words) or "engineer"


def _running_case(word: str, keep: dict[str, str]) -> str:
    if word.lower() in keep:
        return keep[word.lower()]
    if (word.isupper() and len(word) > 1) or any(c.isupper() for c in word[1:]):
        return word  # SRE, DevOps, iOS
    return word.lower()


def with_article(phrase: str) -> str:
    return ("an " if re.match(r"[aeiou]|(?:ML|SRE|SDE)\b", phrase, re.I) else "a ") + phrase


@dataclass(frozen=True)
class Introduction:
    """ "we are looking for a senior backend engineer": the span, its level (if it names one) and its
    role families."""

    span: Span
    level: str | None
    families: frozenset[str]


@cache
def _intro_pattern() -> re.Pattern[str]:
    levels = "|".join(f"(?P<{name}>{words})" for name, words in _LEVEL_WORDS.items())
    nouns = "|".join(n for n in template()["role_nouns"] if n not in ("lead", "manager", "intern"))
    return re.compile(
        _INTRO + _ADJECTIVES + rf"(?:(?:{levels})[ -]+)?(?P<role>(?:[\w+#./-]+[ -]+){{0,3}}?)(?:{nouns})s?\b",
        re.I,
    )


def introductions(text: str) -> list[Introduction]:
    out = []
    for m in _intro_pattern().finditer(text):
        level = next((name for name in _LEVEL_WORDS if m.group(name)), None)
        out.append(
            Introduction(
                Span(m.start(), m.end(), m.group(0)), level, frozenset(families(m.group("role") or ""))
            )
        )
    return out
