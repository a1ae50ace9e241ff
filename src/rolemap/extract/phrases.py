"""Word-list phrases in a small pattern language, expanded to literal strings and found in one
Aho-Corasick pass over the document: the whole rule layer costs one scan, however long the lists grow.

Phrase syntax (matched case-insensitively, on word boundaries where the phrase starts or ends with a
letter or digit; a camelCase seam like "100% RemoteDuration" counts as a boundary, because boards often
glue lines together):

    (a|b|)    alternatives; an empty one makes the group optional
    [- ]      one character of the set
    x?        the character (or group) before it is optional
    word*     at the end of a phrase: the last word may go on ("telecommut*" finds "telecommuting")
    #         one digit (the scan reads every digit as 0: "# days" finds "3 days")
    \\x        the character x itself

Everything else is literal: "sr." has a real dot.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import cache, partial
from itertools import chain, islice
from typing import NamedTuple

import ahocorasick

from rolemap.errors import DataError
from rolemap.extract.intervals import Marks
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span

MAX_EXPANSION = 2000  # literals one phrase may expand to: a guard against a typo that explodes
# Hits a scan keeps of one tag and of one literal, and of the extra literals (skills) in all. A real posting
# has at most about 150 of any (28k Hacker News postings); past these a text repeats itself, and the rules'
# work stays bounded however many times it does.
MAX_HITS = 1000
MAX_EXTRA = 10_000
# Letters an open-ended phrase ("telecommut*") follows past its literal: words end long before, and a
# text of one endless word cannot make each hit copy the rest of it.
MAX_WORD_TAIL = 100
_SYNTAX = frozenset("()[]|?*#\\")
_ANY_DIGIT = "\x00"  # what '#' expands to, until the scan key reads it as 0


def expand(phrase: str) -> list[str]:
    """Every literal string a phrase stands for (lowercase; '#' stands as _ANY_DIGIT), in a stable order."""
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
    if c == "#":
        return [_ANY_DIGIT], i + 1
    if c in ")]|?":
        raise DataError(f"phrase {phrase!r}: unexpected {c!r} at {i}")
    return [c], i + 1


def search_copy(text: str) -> str:
    """The text lowercased with every digit as '0', offsets unchanged (a few characters grow when
    lowercased, e.g. 'İ'; those are left as they are)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
    for digit in "123456789":  # nine C-speed passes: str.translate is slow on non-ASCII text
        lowered = lowered.replace(digit, "0")
    return lowered


def search_key(literal: str) -> str:
    """A literal as the scan sees it (see search_copy)."""
    return search_copy(literal)


class _Literal(NamedTuple):  # a tuple: the scan unpacks one at every hit
    length: int
    tags: tuple[str, ...]  # "list/key" names this literal belongs to, as a whole word
    open_tags: tuple[str, ...]  # those it belongs to ending in '*': the word may go on ("remote*")
    start_bounded: bool
    end_bounded: bool
    # Other things found at this literal (skill aliases), judged by their owner.
    extra: tuple[object, ...] = ()
    # (tag, form) pairs: the scan reads digits as 0, so "1099" must be checked against the text.
    checked: tuple[tuple[str, str], ...] = ()
    place: int = 0  # its place in the book, for the per-literal count of a scan


class Hits:
    """Where each list's phrases were found: tag ("work_model/remote") → spans; and the raw
    (start, end, payloads) places of the extra literals, for their owner to judge."""

    def __init__(
        self,
        text: str,
        found: Mapping[str, list[Span]],
        extra: list[tuple[int, int, tuple[object, ...]]] | None = None,
    ) -> None:
        self.text = text
        self._found = found
        self.extra = extra or []
        self._by_start: dict[str, tuple[list[int], list[int]]] = {}

    def spans(self, tag: str) -> list[Span]:
        """In the order their ends appear in the text."""
        return self._found.get(tag, [])

    def __contains__(self, tag: str) -> bool:
        return bool(self._found.get(tag))

    def labels(self, list_name: str) -> list[str]:
        """The keys of a list with at least one hit: "domains" → ["fintech", ...]."""
        prefix = list_name + "/"
        return [tag[len(prefix) :] for tag in self._found if tag.startswith(prefix)]

    def merged(self, other: Hits) -> Hits:
        return Hits(self.text, {**self._found, **other._found}, self.extra + other.extra)

    def within(self, tag: str, start: int, end: int) -> list[Span]:
        """The spans of tag inside [start, end), in the order of spans(); from an index of their starts
        built once a tag, so asking once per line of a text stays linear in it."""
        spans = self._found.get(tag)
        if not spans:
            return []
        index = self._by_start.get(tag)
        if index is None:
            order = sorted(range(len(spans)), key=lambda i: spans[i].start)
            index = self._by_start[tag] = ([spans[i].start for i in order], order)
        starts, order = index
        found = []
        for i in range(bisect_left(starts, start), bisect_left(starts, end)):
            if spans[order[i]].end <= end:
                found.append(order[i])
        return [spans[i] for i in sorted(found)]


class PhraseBook:
    """Named phrase lists, and optionally extra literals with payloads, compiled into one automaton."""

    def __init__(
        self, lists: Mapping[str, Iterable[str]], extra: Mapping[str, Iterable[object]] | None = None
    ) -> None:
        by_literal: dict[str, list[str]] = defaultdict(list)
        for tag, phrases in lists.items():
            for phrase in phrases:
                for literal in expand(phrase):
                    if tag not in by_literal[literal]:
                        by_literal[literal].append(tag)
        # A key of the automaton: "telecommut*" is looked for as "telecommut", open at its end; digits
        # as 0, so a form with a real digit ("1099", "24/7") is checked against the text on a hit. One key
        # may be a whole word for one list and open for another ("remote", "remote*"): each keeps its own.
        keys: dict[str, tuple[list[str], list[str], list[object], list[tuple[str, str]]]] = {}
        for form, tags in by_literal.items():
            open_end = form.endswith("*")
            body = form[:-1] if open_end else form
            key = search_key(body.replace(_ANY_DIGIT, "0"))
            slot = keys.setdefault(key, ([], [], [], []))
            if any(c.isdigit() for c in body):
                slot[3].extend((tag, body) for tag in tags)
            else:
                kept = slot[1] if open_end else slot[0]
                kept.extend(t for t in tags if t not in kept)
        for literal, payloads in (extra or {}).items():
            keys.setdefault(literal, ([], [], [], []))[2].extend(payloads)
        self._automaton = ahocorasick.Automaton()
        # The most spans one hit can add to one tag (a key whole and open for it, or several digit forms).
        most_per_hit = 1
        # A node of the automaton looks for the next character among its children one by one, in the order
        # they were added: keys added in the order of the letters of English text put a text's commonest
        # characters first. What the scan finds, and in what order, does not depend on it.
        in_text_order = sorted(enumerate(keys.items()), key=lambda item: _text_order(item[1][0]))
        for index, (key, (tags, open_tags, payloads, checked)) in in_text_order:
            per_tag = [*tags, *open_tags, *(t for t, _ in checked)]
            most_per_hit = max(most_per_hit, *(per_tag.count(t) for t in per_tag), 1)
            self._automaton.add_word(
                key,
                _Literal(
                    len(key),
                    tuple(tags),
                    tuple(open_tags),
                    key[0].isalnum(),
                    key[-1].isalnum(),
                    tuple(payloads),
                    tuple(checked),
                    index,
                ),
            )
        self._most_per_hit = most_per_hit
        if len(self._automaton):
            self._automaton.make_automaton()

    def find(self, text: str, copy: str | None = None, start: int = 0, end: int | None = None) -> Hits:
        """Phrases in text[start:end] (offsets stay those of the whole text): of each literal the first
        MAX_HITS places are looked at, of each tag the first MAX_HITS kept, and the first MAX_EXTRA extra
        literals."""
        copy = search_copy(text) if copy is None else copy
        found: dict[str, list[Span]] = defaultdict(list)
        extra: list[tuple[int, int, tuple[object, ...]]] = []
        if self._automaton.kind != ahocorasick.AHOCORASICK or start >= (len(text) if end is None else end):
            return Hits(text, found, extra)
        raw = self._automaton.iter(copy, start, len(text) if end is None else end)
        # A real posting has about 80 raw hits: when they are too few for one literal to reach MAX_HITS
        # (the common case) they are read at once without counting them, and a tag's spans or the extra
        # literals, appended in order, are cut to their caps afterwards only where they could pass them.
        first = list(islice(raw, MAX_HITS + 1))
        if len(first) > MAX_HITS:
            _scan_capped(text, chain(first, raw), found, extra)
            return Hits(text, found, extra)
        _scan(text, first, found, extra)
        if len(first) * self._most_per_hit > MAX_HITS:
            for spans in found.values():
                del spans[MAX_HITS:]
        del extra[MAX_EXTRA:]
        return Hits(text, found, extra)


# The characters of lowercased job postings, commonest first (Hacker News postings, 2013-2018).
_COMMON_FIRST = " eotanirslcduhpmgwfyb.,v\nk/-0:jx|')(qz*’"
_RANK = {c: i for i, c in enumerate(_COMMON_FIRST)}


def _text_order(key: str) -> list[int]:
    return [_RANK.get(c, len(_RANK) + ord(c)) for c in key]


_new_span = partial(tuple.__new__, Span)  # Span(start, end, text) without the Python-level __new__


def _scan(
    text: str,
    raw: list[tuple[int, _Literal]],
    found: dict[str, list[Span]],
    extra: list[tuple[int, int, tuple[object, ...]]],
) -> None:
    """`_scan_capped` without the caps, for raw hits too few for a literal to reach one: the same tests,
    in the same order."""
    size = len(text)
    for last, lit in raw:
        length, tags, open_tags, start_bounded, end_bounded, payloads, checked, _ = lit
        first = last - length + 1
        if payloads:
            before = text[first - 1] if first else " "
            if not before.isalnum() or (before.islower() and text[first].isupper()):
                extra.append((first, last + 1, payloads))
            if not tags and not open_tags and not checked:
                continue
        if checked:
            tags = tags + tuple(t for t, form in checked if _same_digits(text, first, form))
            if not tags and not open_tags:
                continue
        # Word boundaries, inline: this loop runs for every hit of every document. A space or a
        # punctuation mark before the hit settles its start without the rules of _starts_word.
        if start_bounded and first:
            before = text[first - 1]
            if before.isalnum() or before in "_-":
                if before.islower():  # inside a word, unless a capital opens a glued one ("architectFive")
                    if not text[first].isupper():
                        continue
                elif not _starts_word(text, first):
                    continue
        stop = last + 1
        if open_tags:  # the word goes on, for at most MAX_WORD_TAIL letters
            tail = _LETTERS.match(text, stop, stop + MAX_WORD_TAIL).end()  # type: ignore[union-attr]
            span = _new_span((first, tail, text[first:tail]))
            for tag in open_tags:
                found[tag].append(span)
        if not tags:
            continue
        if end_bounded and stop < size:
            after = text[stop]
            if (after.isalnum() or after == "_") and not _ends_word(text, stop):
                continue
        span = _new_span((first, stop, text[first:stop]))
        for tag in tags:
            found[tag].append(span)


def _scan_capped(
    text: str,
    raw: Iterable[tuple[int, _Literal]],
    found: dict[str, list[Span]],
    extra: list[tuple[int, int, tuple[object, ...]]],
) -> None:
    """The hits of a scan, judged: of each literal the first MAX_HITS places, of each tag the first
    MAX_HITS spans, and the first MAX_EXTRA extra literals."""
    size = len(text)
    seen: dict[int, int] = {}  # places of each literal looked at so far; past MAX_HITS, one test a hit
    for last, lit in raw:
        length, tags, open_tags, start_bounded, end_bounded, payloads, checked, place = lit
        count = seen.get(place, 0)
        if count >= MAX_HITS:
            continue
        seen[place] = count + 1
        first = last - length + 1
        # An extra literal inside a word ("gin" in "engineer", "rest" in "interest") is no skill: dropped
        # here, before its owner (skill_matching.resolve_skills, same rule) would, save at a camelCase seam.
        if payloads and len(extra) < MAX_EXTRA:
            before = text[first - 1] if first else " "
            if not before.isalnum() or (before.islower() and text[first].isupper()):
                extra.append((first, last + 1, payloads))
        if checked:
            tags = tags + tuple(t for t, form in checked if _same_digits(text, first, form))
        if not tags and not open_tags:
            continue
        if start_bounded and first and not _starts_word(text, first):
            continue
        stop = last + 1
        if open_tags:  # the word goes on, for at most MAX_WORD_TAIL letters
            tail = _LETTERS.match(text, stop, stop + MAX_WORD_TAIL).end()  # type: ignore[union-attr]
            span = Span(first, tail, text[first:tail])
            for tag in open_tags:
                spans = found[tag]
                if len(spans) < MAX_HITS:
                    spans.append(span)
        if not tags or (end_bounded and stop < size and not _ends_word(text, stop)):
            continue
        span = Span(first, stop, text[first:stop])
        for tag in tags:
            spans = found[tag]
            if len(spans) < MAX_HITS:
                spans.append(span)


def windows_around(text: str, anchors: list[Span], before: int, after: int) -> list[tuple[int, int]]:
    """Merged stretches of text around anchor hits, each starting at a word start so no number is cut in
    two: where the years and salary readers run their regexes."""
    merged: list[tuple[int, int]] = []
    spaces = Marks(text, " ")  # one index of the spaces, not a search back per anchor
    for a in anchors:
        start = spaces.last_before(a.start - before) + 1
        end = min(len(text), a.end + after)
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


_LETTERS = re.compile(r"[^\W_]*")  # a run of str.isalnum() characters: \w without the underscore


def _same_digits(text: str, start: int, form: str) -> bool:
    return all(text[start + i] == c for i, c in enumerate(form) if c.isdigit())


def _starts_word(text: str, start: int) -> bool:
    before = text[start - 1]
    if not (before.isalnum() or before in "_-"):
        return True
    if before.islower():
        return text[start].isupper()  # "architectFive"
    # a capitalised word glued to a place's code, the line break after a location lost: "Quincy,
    # MADuration: 6 months", "Golden, CO 80401, USAPosition Type" (not "RJMetrics", a name)
    return bool(
        text[start].isupper()
        and text[start + 1 : start + 2].islower()
        and _AFTER_A_CODE.search(text, max(0, start - 5), start)
    )


_AFTER_A_CODE = re.compile(r", [A-Z]{2,3}\Z")


def _ends_word(text: str, end: int) -> bool:
    after = text[end]
    if not (after.isalnum() or after == "_"):
        return True
    if text[end - 1].islower():
        return after.isupper()  # "RemoteDuration"
    # a word of four capitals or more glued to a capitalised one ("Location: REMOTEStart Date"), not to a
    # plural's "s" ("SREs"), nor a brand's letters ("SRLabs")
    return (
        end >= 4
        and text[end - 4 : end].isalpha()
        and text[end - 4 : end].isupper()
        and _CAPITALISED.match(text, end) is not None
    )


_CAPITALISED = re.compile(r"[A-Z][a-z]{2}")


# The word lists the rule layer reads through the book, each flattened to "list/key" tags. Title words
# ("I", "II", "Lead") are looked for in the title only: a book of their own.
TITLE_LISTS = ("seniority_title",)
BOOK_LISTS = (
    "identity",
    "work_model",
    "employment_type",
    "seniority_scope",
    "system_types",
    "domains",
    "scope",
    "section_headings",
    "nice_to_have",
    "skill_usage",
    "anchors",
    "skill_look_alikes",
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
def title_book() -> PhraseBook:
    lists: dict[str, list[str]] = {}
    for name in TITLE_LISTS:
        lists.update(flatten(name, load_wordlist(name)))
    return PhraseBook(lists)


@cache
def phrase_book() -> PhraseBook:
    return PhraseBook(book_lists())


def book_lists() -> dict[str, list[str]]:
    """Every "list/key" → phrases the document scan looks for."""
    lists: dict[str, list[str]] = {}
    for name in BOOK_LISTS:
        lists.update(flatten(name, load_wordlist(name)))
    forms = load_wordlist("legal_forms")  # "Inc" and "Inc.", "& Associates": where a firm's name ends
    lists["identity/company_legal"] = [
        *(literal(f.lower() + dot) for f in forms["firm"] for dot in ("", ".")),
        *(literal("& " + e.lower()) for e in forms["ending"]),
    ]
    orgs = load_wordlist("organisation_lists")  # where a list of organisations opens: extract/skills.py
    lists["anchors/organisation_list"] = [
        *(f"{literal(noun)},?[ \n]{literal(word)}" for noun in orgs["nouns"] for word in orgs["introducers"]),
        *(
            f"{literal(noun)}[ \n]{literal(word)}"
            for noun in orgs["origin_nouns"]
            for word in orgs["origin_introducers"]
        ),
    ]
    currencies = load_wordlist("currencies")
    lists["anchors/currency"] = [literal(c) for c in [*currencies["symbols"], *currencies["codes"]]]
    return lists


def literal(text: str) -> str:
    """A phrase that matches exactly this text."""
    return "".join(f"\\{c}" if c in _SYNTAX else c for c in text)
