"""The skills taxonomy (data/skills.tsv): loading, validation, and the one-pass matcher built from it.

Each skill has a canonical id, a display name, a category, aliases and an optional parent (the language
its ecosystem belongs to). Matching rules, decided per alias:
  * aliases are matched case-insensitively on word boundaries;
  * on a `cs` line, an alias written with capitals matches only in that case ("Go", "Rust", "Spring");
  * on a `ctx` line those case-sensitive aliases also need a technical context (see `_in_tech_context`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import islice

from rolemap.errors import DataError
from rolemap.extract.intervals import WHITE_SPACE, Marks
from rolemap.extract.phrases import MAX_HITS, Hits, PhraseBook, search_copy, search_key
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span

CONTRACT_LANGUAGES = (
    "python", "java", "kotlin", "scala", "javascript", "typescript", "go", "csharp", "php", "ruby", "rust",
    "elixir", "erlang", "clojure", "cpp", "c", "swift", "objective-c", "perl", "r", "haskell", "ocaml", "dart",
    "groovy", "lua",
)  # fmt: skip
CATEGORIES = frozenset(
    [
        "language",
        "language-other",
        "query",
        "framework",
        "library",
        "tool",
        "platform",
        "server",
        "datastore",
        "format",
        "messaging",
        "data",
        "practice",
        "cloud",
        "devops",
        "observability",
        "protocol",
        "frontend",
        "security",
        "hardware",
        "trade",
        "other",
    ]
)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FLAGS = frozenset({"cs", "ctx"})


@dataclass(frozen=True, slots=True)
class SkillEntry:
    id: str
    category: str
    name: str
    aliases: tuple[str, ...]
    parent: str | None
    case_sensitive: bool
    needs_context: bool

    @property
    def is_language(self) -> bool:
        return self.category == "language"


@dataclass(frozen=True, slots=True)
class Match:
    skill: SkillEntry
    start: int
    end: int


def parse_taxonomy(text: str, where: str = "skills.tsv") -> dict[str, SkillEntry]:
    """Parse and validate the TSV; every problem names its line."""
    entries: dict[str, SkillEntry] = {}
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) != 6:
            raise DataError(f"{where}:{n}: expected 6 tab-separated columns, found {len(cols)}")
        skill_id, category, name, aliases, parent, flags = (c.strip() for c in cols)
        if not _ID.match(skill_id):
            raise DataError(f"{where}:{n}: id {skill_id!r} must be lowercase words joined by '-'")
        if skill_id in entries:
            raise DataError(f"{where}:{n}: id {skill_id!r} is listed twice")
        if category not in CATEGORIES:
            raise DataError(f"{where}:{n}: unknown category {category!r}; use one of {sorted(CATEGORIES)}")
        if not name:
            raise DataError(f"{where}:{n}: {skill_id} has no display name")
        flag_set = frozenset(f for f in flags.split(",") if f)
        if flag_set - _FLAGS:
            raise DataError(f"{where}:{n}: unknown flags {sorted(flag_set - _FLAGS)}; use cs, ctx")
        if category == "language" and skill_id not in CONTRACT_LANGUAGES:
            raise DataError(f"{where}:{n}: {skill_id} is not a contract language; use language-other")
        alias_list = [a.strip() for a in aliases.split(";") if a.strip()]
        entries[skill_id] = SkillEntry(
            id=skill_id,
            category=category,
            name=name,
            aliases=tuple(dict.fromkeys([name, *alias_list])),
            parent=parent or None,
            case_sensitive="cs" in flag_set,
            needs_context="ctx" in flag_set,
        )
    for entry in entries.values():
        if entry.parent and entry.parent not in entries:
            raise DataError(f"{where}: {entry.id} has unknown parent {entry.parent!r}")
    missing = [lang for lang in CONTRACT_LANGUAGES if lang not in entries]
    if missing:
        raise DataError(f"{where}: contract languages missing: {missing}")
    _check_alias_clashes(entries, where)
    return entries


def _check_alias_clashes(entries: dict[str, SkillEntry], where: str) -> None:
    owner: dict[str, str] = {}
    for entry in entries.values():
        for alias in entry.aliases:
            key = alias if _is_exact(entry, alias) else alias.lower()
            if owner.get(key, entry.id) != entry.id:
                raise DataError(f"{where}: alias {alias!r} belongs to both {owner[key]} and {entry.id}")
            owner[key] = entry.id


def _is_exact(entry: SkillEntry, alias: str) -> bool:
    return entry.case_sensitive and alias != alias.lower()


@cache
def load_taxonomy() -> dict[str, SkillEntry]:
    text = resources.files("rolemap.extract").joinpath("data/skills.tsv").read_text(encoding="utf-8")
    return parse_taxonomy(text)


@dataclass(frozen=True, slots=True)
class SkillAlias:
    """One alias as the document scan carries it: the skill, and what its hit must also satisfy."""

    entry: SkillEntry
    written: str  # the alias as the taxonomy writes it
    exact: bool  # must match in this case ("Go", "Rust", "Spring")
    needs_context: bool
    has_digit: bool  # the scan reads digits as 0: "html5" must be checked against the text


def skill_literals(entries: dict[str, SkillEntry]) -> dict[str, list[SkillAlias]]:
    """Scan literal (lowercase, digits as 0: see phrases.search_copy) → the aliases it may be.
    One-letter aliases ("C", "R") are left to `single_letter_skills`: as literals they would hit every
    letter c and r of the text."""
    out: dict[str, list[SkillAlias]] = {}
    for alias in _aliases(entries):
        if len(alias.written) > 1:
            out.setdefault(search_key(alias.written), []).append(alias)
    return out


class SingleLetterSkills:
    """The one-letter aliases, found with one regex over the text in their exact case."""

    def __init__(self, entries: dict[str, SkillEntry]) -> None:
        self._by_letter = {a.written: a for a in _aliases(entries) if len(a.written) == 1}
        letters = "".join(sorted(self._by_letter))
        self._pattern = re.compile(f"[{re.escape(letters)}](?![\\w+#])") if letters else None

    def find(self, text: str) -> list[tuple[int, int, tuple[SkillAlias, ...]]]:
        """The first MAX_HITS, as the phrase scan keeps of each literal."""
        if self._pattern is None:
            return []
        found = islice(self._pattern.finditer(text), MAX_HITS)
        return [(m.start(), m.end(), (self._by_letter[m.group(0)],)) for m in found]


def _aliases(entries: dict[str, SkillEntry]) -> Iterator[SkillAlias]:
    for entry in entries.values():
        for alias in entry.aliases:
            exact = _is_exact(entry, alias)
            yield SkillAlias(
                entry, alias, exact, exact and entry.needs_context, any(c.isdigit() for c in alias)
            )


class SkillMatcher:
    """Taxonomy aliases in a text: one Aho-Corasick pass, then the longest matches that stand on word
    boundaries. The extractor shares that pass with the word lists (extract.document); this class is
    the same matcher on its own."""

    def __init__(self, entries: dict[str, SkillEntry]) -> None:
        self._book = PhraseBook({"anchors/link": load_wordlist("anchors")["link"]}, skill_literals(entries))
        self._letters = SingleLetterSkills(entries)

    def find(self, text: str) -> list[Match]:
        hits = self._book.find(text, search_copy(text))
        return resolve_skills(text, hits, self._letters.find(text))


def resolve_skills(
    text: str, hits: Hits, letters: list[tuple[int, int, tuple[SkillAlias, ...]]]
) -> list[Match]:
    """The skill hits of a document scan that are real: right case, on word boundaries, outside links,
    in a technical context where the alias needs one; longest first where they overlap."""
    links = sorted(link_spans(text, hits.spans("anchors/link")))
    sure: list[Match] = []
    unsure: list[Match] = []
    for start, end, payloads in [*hits.extra, *letters]:
        if not _on_word_boundary(text, start, end) or (links and _inside(start, links)):
            continue
        for payload in payloads:
            if not isinstance(payload, SkillAlias):
                continue
            if payload.exact and text[start:end] != payload.written:
                continue  # a case-sensitive alias in another case
            if payload.has_digit and text[start:end].lower() != payload.written.lower():
                continue  # a digit the scan read as 0
            (unsure if payload.needs_context else sure).append(Match(payload.entry, start, end))
    # "Go" counts next to words like "in", "with", "developer", or near another technology ("Node.js
    # with some Go"); alone ("Go to our site") it is a verb.
    near = sorted(m.start for m in sure)
    for m in unsure:
        if _in_tech_context(text, m.start, m.end) or _has_near(near, m.start):
            sure.append(m)
    return _longest_first(sure)


_NEAR = 40


def _has_near(sorted_offsets: list[int], offset: int) -> bool:
    i = bisect_left(sorted_offsets, offset - _NEAR)
    return i < len(sorted_offsets) and sorted_offsets[i] <= offset + _NEAR


def link_spans(text: str, anchors: list[Span]) -> list[tuple[int, int]]:
    """URLs and e-mail addresses, from their anchors ("http://", "www.", "@") to the surrounding spaces:
    "http://golang.jobs" and "jobs@rust-lang.org" name no skill. The spaces, line breaks and dots are
    indexed once, so a text of a million "@" stays linear."""
    spans: list[tuple[int, int]] = []
    breaks, white, dots = Marks(text, " \n"), Marks(text, WHITE_SPACE), Marks(text, ".")
    for a in anchors:
        start = a.start
        if a.text == "@":
            start = breaks.last_before(a.start) + 1
        end = white.first_from(a.end, len(text))
        if a.text != "@" or dots.first_from(a.end, end) < end:
            spans.append((start, end))
    return spans


_AFTER_ANY = 1 << 62  # sorts after every (start, end) pair with the same start


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether offset falls in one of the sorted spans."""
    i = bisect_right(spans, (offset, _AFTER_ANY)) - 1
    return i >= 0 and offset < spans[i][1]


def _longest_first(matches: list[Match]) -> list[Match]:
    matches.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Match] = []
    last_end = -1
    for m in matches:
        if m.start >= last_end:
            kept.append(m)
            last_end = m.end
    return kept


_PLAIN_EDGES = frozenset(" \n\t,;:()[]{}/\"'!?|<>*")


def _on_word_boundary(text: str, start: int, end: int) -> bool:
    """Standing alone: not inside a word, a URL-ish name or "C++". Boards glue lines together
    ("preferredTFS (source...", "Oracle, SQL Server.Ability", "AWSAre you", "Kafka6. BizTalk"):
    such seams count as boundaries."""
    plain_start = start == 0 or text[start - 1] in _PLAIN_EDGES
    plain_end = end >= len(text) or text[end] in _PLAIN_EDGES
    if plain_start and plain_end:
        return True  # the usual case, decided without the rules below
    return (plain_start or _starts_alone(text, start)) and (plain_end or _ends_alone(text, start, end))


def _starts_alone(text: str, start: int) -> bool:
    if start == 0:
        return True
    before, first = text[start - 1], text[start]
    if before.isalnum():
        return before.islower() and first.isupper()  # camelCase seam: "preferredTFS"
    if before in "_@":
        return False  # "foo_bar", "@python"
    if before == "#" and first.isalnum():
        return False  # "#go" hashtags
    if before == "." and first.isalnum():
        # "my.python" is a name; "development.CSS" is two sentences glued together
        return first.isupper() and start >= 2 and text[start - 2].islower()
    # "P&C", "R&D", "AT&T": an ampersand inside a name
    return not (before == "&" and start >= 2 and text[start - 2].isalnum())


def _ends_alone(text: str, start: int, end: int) -> bool:
    if end >= len(text):
        return True
    after = text[end]
    following = text[end + 1] if end + 1 < len(text) else " "
    if after.isalnum():
        if after.isupper() and following.islower():
            return True  # a capitalised word glued on: "AWSAre", "testsWorking", "DB2Extensive"
        return after.isdigit() and following == "."  # a numbered list glued on: "Kafka6. BizTalk"
    if after in "+#_":
        return False  # "C" in "C++", "C#"
    if after == "&" and following.isalnum():
        return False
    # "Node.js" ends in a letter; an alias followed by ".x" is part of a longer name ("vue.config"),
    # unless a capital starts a glued sentence ("SQL Server.Ability")
    return not (after == "." and following.isalnum() and not following.isupper())


_LIST_MARKS = ",/|()&+;:"


@cache
def _context_words() -> tuple[frozenset[str], frozenset[str]]:
    words = load_wordlist("tech_context")
    return frozenset(words["before"]), frozenset(words["after"])


def _in_tech_context(text: str, start: int, end: int) -> bool:
    """A capitalised common word counts as a technology only next to other technical words."""
    left = text[max(0, start - 40) : start].rstrip()
    right = text[end : end + 40].lstrip()
    if (left and left[-1] in _LIST_MARKS) or (right and right[0] in _LIST_MARKS):
        return True
    left_words = left.lower().split()
    right_words = right.lower().split()
    context_before, context_after = _context_words()
    if left_words and left_words[-1].strip(".,") in context_before:
        return True
    return bool(right_words and right_words[0].strip(".,;:") in context_after)
