"""The skills taxonomy (data/skills.tsv): loading, validation, and the one-pass matcher built from it.

Each skill has a canonical id, a display name, a category, aliases and an optional parent (the language
its ecosystem belongs to). Matching rules, decided per alias:
  * aliases are matched case-insensitively on word boundaries;
  * on a `cs` line, an alias written with capitals matches only in that case ("Go", "Rust", "Spring");
  * on a `ctx` line those case-sensitive aliases also need a technical context (see `_in_tech_context`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import ahocorasick

from rolemap.errors import DataError

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


class SkillMatcher:
    """Finds every taxonomy alias in a text in one pass per case mode, then keeps the longest matches."""

    def __init__(self, entries: dict[str, SkillEntry]) -> None:
        self._folded = ahocorasick.Automaton()
        self._exact = ahocorasick.Automaton()
        for entry in entries.values():
            for alias in entry.aliases:
                if _is_exact(entry, alias):
                    self._add(self._exact, alias, entry, entry.needs_context)
                else:
                    self._add(self._folded, alias.lower(), entry, False)
        self._folded.make_automaton()
        self._exact.make_automaton()

    @staticmethod
    def _add(automaton: ahocorasick.Automaton, key: str, entry: SkillEntry, needs_context: bool) -> None:
        existing = automaton.get(key, None)
        if existing is None:
            automaton.add_word(key, (len(key), entry, needs_context))

    def find(self, text: str) -> list[Match]:
        candidates = list(self._candidates(mask_links(text)))
        return _longest_first(candidates)

    def _candidates(self, text: str) -> Iterator[Match]:
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters change length when lowercased; keep offsets true
            lowered = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        for source, automaton in ((lowered, self._folded), (text, self._exact)):
            for end_index, (length, entry, needs_context) in automaton.iter(source):
                start, end = end_index - length + 1, end_index + 1
                if not _on_word_boundary(text, start, end):
                    continue
                if needs_context and not _in_tech_context(text, start, end):
                    continue
                yield Match(entry, start, end)


_LINK = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+\.\w+")


def mask_links(text: str) -> str:
    """URLs and e-mail addresses blanked out, offsets kept: "http://golang.jobs" names no skill."""
    return _LINK.sub(lambda m: " " * len(m.group(0)), text)


def _longest_first(matches: list[Match]) -> list[Match]:
    matches.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Match] = []
    last_end = -1
    for m in matches:
        if m.start >= last_end:
            kept.append(m)
            last_end = m.end
    return kept


def _on_word_boundary(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or before in "_@" or (before in ".#" and text[start].isalnum()):
        return False  # "my.python", "#go" hashtags, "foo_bar"
    if after.isalnum() or after in "+#_":
        return False  # "C" in "C++", "Go" in "Google"
    # "Node.js" ends in a letter; an alias followed by ".x" is part of a longer name ("vue.config")
    return not (after == "." and end + 1 < len(text) and text[end + 1].isalnum())


_LIST_MARKS = ",/|()&+;:"
_CONTEXT_BEFORE = frozenset(
    [
        "in",
        "with",
        "using",
        "use",
        "uses",
        "write",
        "writing",
        "written",
        "of",
        "and",
        "or",
        "like",
        "including",
        "knowledge",
        "experience",
        "proficiency",
        "proficient",
        "expert",
        "background",
        "stack",
        "languages",
        "language",
        "e.g.",
        "eg",
        "such",
        "as",
        "build",
        "building",
        "love",
        "fluent",
        "familiarity",
        "familiar",
        "skilled",
        "strong",
    ]
)
_CONTEXT_AFTER = frozenset(
    [
        "developer",
        "developers",
        "engineer",
        "engineers",
        "engineering",
        "programming",
        "programmer",
        "programmers",
        "code",
        "codebase",
        "services",
        "service",
        "microservices",
        "backend",
        "back-end",
        "language",
        "experience",
        "stack",
        "applications",
        "application",
        "libraries",
        "library",
        "framework",
        "ecosystem",
        "scripts",
        "development",
        "expertise",
        "skills",
        "and",
        "or",
        "developers.",
        "apis",
        "api",
        "dev",
        "devs",
        "web",
        "server",
        "servers",
        "tooling",
        "projects",
        "shop",
    ]
)


def _in_tech_context(text: str, start: int, end: int) -> bool:
    """A capitalised common word counts as a technology only next to other technical words."""
    left = text[max(0, start - 40) : start].rstrip()
    right = text[end : end + 40].lstrip()
    if (left and left[-1] in _LIST_MARKS) or (right and right[0] in _LIST_MARKS):
        return True
    left_words = left.lower().split()
    right_words = right.lower().split()
    if left_words and left_words[-1].strip(".,") in _CONTEXT_BEFORE:
        return True
    return bool(right_words and right_words[0].strip(".,;:") in _CONTEXT_AFTER)
