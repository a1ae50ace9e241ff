"""Word-list phrases in a small pattern language, expanded to literal strings and found in one
Aho-Corasick pass over the document: the whole rule layer costs one scan, however long the lists grow.

Phrase syntax (matched case-insensitively, on word boundaries where the phrase starts or ends with a
letter or digit; a camelCase seam like "100% RemoteDuration" counts as a boundary, because boards often
glue lines together):

    (a|b|)    alternatives; an empty one makes the group optional
    [- ]      one character of the set
    x?        the character (or group) before it is optional
    word*     at the end of a phrase: the last word may go on ("telecommut*" finds "telecommuting")
    #         one digit
    \\x        the character x itself

Everything else is literal: "sr." has a real dot.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import ahocorasick

from rolemap.errors import DataError
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span

MAX_EXPANSION = 2000  # literals one phrase may expand to: a guard against a typo that explodes
_DIGITS = str.maketrans("0123456789", "##########")
_SYNTAX = frozenset("()[]|?*#\\")


def expand(phrase: str) -> list[str]:
    """Every literal string a phrase stands for (lowercase), in a stable order."""
    parts, i = _sequence(phrase, 0, "", phrase)
    if i != len(phrase):
        raise DataError(f"phrase {phrase!r}: unexpected {phrase[i]!r} at {i}")
    out = list(dict.fromkeys(p.lower() for p in parts))
    if "" in out or any("*" in p[:-1] for p in out):
        raise DataError(f"phrase {phrase!r}: may not be empty, and '*' may only end it")
    return out


def _sequence(p: str, i: int, stop: str, phrase: str) -> tuple[list[str], int]:
    results = [""]
    while i < len(p) and p[i] not in stop:
        options, i = _atom(p, i, phrase)
        if i < len(p) and p[i] == "?":
            options, i = [*options, ""], i + 1
        results = [r + o for r in results for o in options]
        if len(results) > MAX_EXPANSION:
            raise DataError(f"phrase {phrase!r}: expands to more than {MAX_EXPANSION} strings")
    return results, i


def _atom(p: str, i: int, phrase: str) -> tuple[list[str], int]:
    c = p[i]
    if c == "(":
        options: list[str] = []
        i += 1
        while True:
            seq, i = _sequence(p, i, "|)", phrase)
            options.extend(seq)
            if i >= len(p):
                raise DataError(f"phrase {phrase!r}: '(' is never closed")
            i += 1
            if p[i - 1] == ")":
                return options, i
    if c == "[":
        close = p.find("]", i)
        if close == -1:
            raise DataError(f"phrase {phrase!r}: '[' is never closed")
        return list(p[i + 1 : close]), close + 1
    if c == "\\" and i + 1 < len(p):
        return [p[i + 1]], i + 2
    if c in ")]|?":
        raise DataError(f"phrase {phrase!r}: unexpected {c!r} at {i}")
    return [c], i + 1


def search_copy(text: str) -> str:
    """The text lowercased with every digit as '#', offsets unchanged (a few characters grow when
    lowercased, e.g. 'İ'; those are left as they are)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    return lowered.translate(_DIGITS)


@dataclass(frozen=True, slots=True)
class _Literal:
    length: int
    tags: tuple[str, ...]  # "list/key" names this literal belongs to
    open_end: bool  # ends in '*': the word may go on
    start_bounded: bool
    end_bounded: bool


class Hits:
    """Where each list's phrases were found: tag ("work_model/remote") → spans in text order."""

    def __init__(self, text: str, found: Mapping[str, list[Span]]) -> None:
        self.text = text
        self._found = found

    def spans(self, tag: str) -> list[Span]:
        return self._found.get(tag, [])

    def __contains__(self, tag: str) -> bool:
        return bool(self._found.get(tag))

    def within(self, tag: str, start: int, end: int) -> list[Span]:
        spans = self._found.get(tag, [])
        i = bisect_left(spans, start, key=lambda s: s.start)
        out = []
        while i < len(spans) and spans[i].start < end:
            if spans[i].end <= end:
                out.append(spans[i])
            i += 1
        return out


class PhraseBook:
    """Named phrase lists compiled into one automaton."""

    def __init__(self, lists: Mapping[str, Iterable[str]]) -> None:
        by_literal: dict[str, list[str]] = defaultdict(list)
        for tag, phrases in lists.items():
            for phrase in phrases:
                for literal in expand(phrase):
                    if tag not in by_literal[literal]:
                        by_literal[literal].append(tag)
        self._automaton = ahocorasick.Automaton()
        for literal, tags in by_literal.items():
            key = literal.rstrip("*")
            self._automaton.add_word(
                key,
                _Literal(
                    len(key),
                    tuple(tags),
                    literal.endswith("*"),
                    key[0].isalnum(),
                    key[-1].isalnum() and not literal.endswith("*"),
                ),
            )
        self.tags = frozenset(lists)
        if by_literal:
            self._automaton.make_automaton()

    def find(self, text: str, copy: str | None = None) -> Hits:
        copy = search_copy(text) if copy is None else copy
        found: dict[str, list[Span]] = defaultdict(list)
        if self._automaton.kind != ahocorasick.AHOCORASICK:
            return Hits(text, found)
        for last, lit in self._automaton.iter(copy):
            start, end = last - lit.length + 1, last + 1
            if lit.start_bounded and not _starts_word(text, start):
                continue
            if lit.open_end:
                while end < len(text) and text[end].isalnum():
                    end += 1
            elif lit.end_bounded and not _ends_word(text, end):
                continue
            span = Span(start, end, text[start:end])
            for tag in lit.tags:
                found[tag].append(span)
        for spans in found.values():
            spans.sort(key=lambda s: (s.start, -s.end))
        return Hits(text, found)


def _starts_word(text: str, start: int) -> bool:
    if start == 0:
        return True
    before = text[start - 1]
    if not (before.isalnum() or before in "_-"):
        return True
    return before.islower() and text[start].isupper()  # "architectFive"


def _ends_word(text: str, end: int) -> bool:
    if end >= len(text):
        return True
    after = text[end]
    if not (after.isalnum() or after == "_"):
        return True
    return text[end - 1].islower() and after.isupper()  # "RemoteDuration"


# The word lists the rule layer reads through the book, each flattened to "list/key" tags.
BOOK_LISTS = (
    "work_model",
    "employment_type",
    "seniority_title",
    "seniority_scope",
    "system_types",
    "domains",
    "scope",
    "section_headings",
    "nice_to_have",
    "anchors",
)


def flatten(list_name: str, value: object) -> dict[str, list[str]]:
    """{"hybrid": [...], ...} or {"product": {"strong": [...]}} → {"work_model/hybrid": [...], ...}."""
    out: dict[str, list[str]] = {}
    if isinstance(value, list):
        if not all(isinstance(p, str) for p in value):
            raise DataError(f"wordlists.json: {list_name}: phrases must be strings")
        out[list_name] = value
    elif isinstance(value, dict):
        for key, inner in value.items():
            if not key.startswith("_") and isinstance(inner, (list, dict)):
                out.update(flatten(f"{list_name}/{key}", inner))
    return out


@cache
def phrase_book() -> PhraseBook:
    lists: dict[str, list[str]] = {}
    for name in BOOK_LISTS:
        lists.update(flatten(name, load_wordlist(name)))
    currencies = load_wordlist("currencies")
    lists["anchors/currency"] = [literal(c) for c in [*currencies["symbols"], *currencies["codes"]]]
    return PhraseBook(lists)


def literal(text: str) -> str:
    """A phrase that matches exactly this text."""
    return "".join(f"\\{c}" if c in _SYNTAX else c for c in text)
