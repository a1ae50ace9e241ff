"""Years of experience the role itself requires ("8–10+ years, including 2+ years of Go" is 8).

Each "N years" mention is read with the words after it: a mention about overall / professional experience
wins; one tied to a single skill ("2+ years of Go") counts only when no overall one exists, and then the
largest does. Mentions in nice-to-have sentences, or about the company ("founded 10 years ago"), are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rolemap.extract.sections import SectionMap
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span

_WORDS = load_wordlist("years")["numbers"]
_NUM = r"(?:\d{1,2}|" + "|".join(_WORDS) + r")"
_YEARS = re.compile(
    rf"(?:(?P<least>at least|minimum(?: of)?|min\.?|over|more than)\s+)?"
    rf"(?P<lo>{_NUM})(?:\.\d)?\s*(?P<plus>\+|\s?plus)?\s*(?:(?:-|–|—|to)\s*(?P<hi>{_NUM})\s*\+?\s*)?"
    rf"(?:\(\d{{1,2}}\)\s*)?(?:years?|yrs?)\b(?P<after>[^\n.;]{{0,60}})",
    re.I,
)
_NOT_EXPERIENCE = re.compile(
    r"^\s*(?:old|ago|in business|of age|warranty|contract|term|guarantee|vesting|cliff|history|running|"
    r"in a row|straight|later|from now)",
    re.I,
)
_EXPERIENCE = re.compile(
    r"\b(?:experience|exp\b|professional|industry|background|track record|working)", re.I
)
_GENERAL = re.compile(
    r"^\W*(?:of\s+)?(?:\w+\s+){0,3}?(?:experience|exp\b)(?:\s+(?:as|in|with|building|developing|writing|"
    r"working|designing|on|of))?\s*(?:a\s+|an\s+)?(?P<what>[^,;(]{0,40})",
    re.I,
)
_GENERAL_WHAT = re.compile(
    r"^(?:software|professional|industry|relevant|related|hands[- ]on|progressive|backend|back-end|"
    r"engineering|development|programming|web|full[- ]stack|technical|it\b|coding|production|commercial|"
    r"post[- ]graduate|building|developing|designing|the|a|an|in\s+software|in\s+(?:a|an)\s+)",
    re.I,
)
_SKILL_YEARS = re.compile(r"^\s*(?:of|with|in|using|working|building|developing|writing|programming)\b", re.I)
_SUBCLAUSE_BEFORE = re.compile(r"(?:including|includes|of which|with at least|with|and)\s*$", re.I)


@dataclass(frozen=True, slots=True)
class YearsMention:
    lo: int
    hi: int | None
    general: bool
    span: Span


def extract_years(text: str, sections: SectionMap) -> tuple[dict[str, int | None] | None, tuple[Span, ...]]:
    mentions = [m for m in _mentions(text) if not sections.is_nice_to_have(m.span.start, m.span.end)]
    mentions = [m for m in mentions if sections.kind_at(m.span.start) not in ("benefits", "about", "apply")]
    if not mentions:
        return None, ()
    general = [m for m in mentions if m.general]
    chosen = min(general, key=lambda m: m.lo) if general else max(mentions, key=lambda m: m.lo)
    return {"min": chosen.lo, "max": chosen.hi}, (chosen.span,)


def _mentions(text: str) -> list[YearsMention]:
    out = []
    for m in _YEARS.finditer(text):
        after = m.group("after") or ""
        if _NOT_EXPERIENCE.match(after):
            continue
        lo, hi = _number(m.group("lo")), _number(m.group("hi")) if m.group("hi") else None
        if lo is None or lo > 30 or (hi is not None and (hi < lo or hi > 40)):
            continue
        context = text[max(0, m.start() - 60) : m.end()]
        if not (_EXPERIENCE.search(context) or _SKILL_YEARS.match(after)):
            continue
        general = _is_general(after) and not _SUBCLAUSE_BEFORE.search(
            text[max(0, m.start() - 20) : m.start()]
        )
        end = m.start("after") if m.group("after") is not None else m.end()
        out.append(YearsMention(lo, hi, general, Span(m.start(), end, text[m.start() : end])))
    return out


def _is_general(after: str) -> bool:
    m = _GENERAL.match(after)
    if not m:
        return False
    what = m.group("what").strip()
    return not what or bool(_GENERAL_WHAT.match(what))


def _number(token: str) -> int | None:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return _WORDS.get(token)
