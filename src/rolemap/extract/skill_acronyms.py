"""An acronym the posting spells out as something else names no skill of that acronym: "Oracle Application
Development Framework (ADF)" is no Azure Data Factory, "MDM (Mobile Device Management)" no master data
management. A posting that defines its acronyms says what it means by them, and a reader takes its word.

Judged only where the taxonomy spells the skill out itself (a name of several words whose initials are the
acronym: "Azure Data Factory" for ADF) and the text's spelling shares less than half its words: an acronym
whose skill the taxonomy never spells out ("SQL") stays, however the text defines it, and so does one
spelled a little differently ("Google Compute Platform (GCP)").
"""

from __future__ import annotations

import re
from functools import lru_cache

from rolemap.extract.taxonomy import SkillEntry

_SMALL_WORDS = frozenset({"of", "and", "&", "the", "for", "on", "in", "to", "a", "an", "-"})
_WORD = re.compile(r"[A-Za-z][\w'’]*|&")
_MAX_LETTERS = 6


def defined_as_another(text: str, start: int, end: int, skill: SkillEntry) -> bool:
    """Whether the acronym text[start:end] is spelled out next to it ("Words (ABC)", "ABC (Words)") as words
    that are none of the skill's own spelled-out names."""
    acronym = text[start:end]
    if not (2 <= len(acronym) <= _MAX_LETTERS and acronym.isalpha() and acronym.isupper()):
        return False
    own = _spelled_names(skill, acronym)
    if not own:
        return False
    if text[start - 1 : start] == "(" and text[end : end + 1] == ")":
        spelled = _spelled_before(text, start - 1, acronym)
    elif text[end : end + 2] == " (":
        close = text.find(")", end + 2, end + 2 + 80)
        spelled = _spelled_within(text[end + 2 : close], acronym) if close != -1 else None
    else:
        return False
    return spelled is not None and not any(_alike(_key(spelled), name) for name in own)


@lru_cache(maxsize=4096)
def _spelled_names(skill: SkillEntry, acronym: str) -> frozenset[str]:
    """The skill's names whose initials are the acronym ("Azure Data Factory": ADF)."""
    return frozenset(
        _key(name) for name in (skill.name, *skill.every_alias) if _initials(_words(name)) == acronym.lower()
    )


def _spelled_before(text: str, bracket: int, acronym: str) -> str | None:
    """The words right before "(ABC)" whose initials spell it: "Oracle Application Development Framework"."""
    words = _words(text[max(0, bracket - 120) : bracket])
    for first in range(len(words) - 1, -1, -1):
        initials = _initials(words[first:])
        if initials == acronym.lower():
            return " ".join(words[first:])
        if len(initials) > len(acronym):
            return None
    return None


def _spelled_within(inside: str, acronym: str) -> str | None:
    words = _words(inside)
    return " ".join(words) if words and _initials(words) == acronym.lower() else None


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _initials(words: list[str]) -> str:
    return "".join(w[0].lower() for w in words if w.lower() not in _SMALL_WORDS)


def _alike(spelled: str, own: str) -> bool:
    """Two spellings of the same initials that share at least half their words, in place, name the same
    thing: "System Development Life Cycle" is "Software Development Life Cycle", "Google Compute Platform"
    is "Google Cloud Platform"; "Application Development Framework" is no "Azure Data Factory"."""
    ours, theirs = spelled.split(), own.split()
    alike = sum(1 for a, b in zip(ours, theirs, strict=False) if a == b)
    return 2 * alike >= max(len(ours), len(theirs))


def _key(name: str) -> str:
    """A spelling's words without small ones, each cut to its stem's first letters: "Real-time Operating
    Systems" is "Real-time operating system", "Site Reliability Engineer" "Site reliability engineering"."""
    return " ".join(w.lower()[:_STEM] for w in _words(name) if w.lower() not in _SMALL_WORDS)


_STEM = 5
