"""The skills taxonomy (data/skills.tsv.gz, built by scripts/build_taxonomy.py from the hand layer
data/skills_layer.tsv and open sources): loading, validation, the hierarchy, and the one-pass matcher.

Each skill has a canonical id, a display name, a category, aliases, an optional parent (the language its
ecosystem belongs to, or the product it is part of: rhel → linux) and the sources it came from. Matching
rules, decided per alias:
  * aliases are matched case-insensitively on word boundaries;
  * on a `cs` line, an alias written with capitals matches only in that case ("Go", "Rust", "Spring");
  * on a `ctx` line those case-sensitive aliases also need a technical context (see `_in_tech_context`);
  * a *guarded* alias (the last column: an everyday English word or a name several products share, marked
    by the builder) is both: in the case written, in a technical context ("Slack", "Hive").
"""

from __future__ import annotations

import gzip
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
        "business",  # office, ERP, medical, accounting software: asked for outside engineering too
        "topic",  # a field or quality (scalability, data structures): found, but not a skill
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
    guarded: tuple[str, ...] = ()  # in the case written and in a technical context only
    sources: tuple[str, ...] = ()  # "hand", "onet", "esco", "devicon", "linguist", "simple-icons"

    @property
    def is_language(self) -> bool:
        return self.category == "language"


@dataclass(frozen=True, slots=True)
class Match:
    skill: SkillEntry
    start: int
    end: int


def parse_taxonomy(text: str, where: str = "skills.tsv") -> dict[str, SkillEntry]:
    """Parse and validate the TSV: the hand layer's 6 columns, or the built file's 8 (plus sources and
    guarded aliases); every problem names its line."""
    entries: dict[str, SkillEntry] = {}
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) not in (6, 8):
            raise DataError(
                f"{where}:{n}: expected 6 tab-separated columns (8 in a built file), found {len(cols)}"
            )
        skill_id, category, name, aliases, parent, flags = (c.strip() for c in cols[:6])
        sources, guarded = (c.strip() for c in cols[6:]) if len(cols) == 8 else ("hand", "")
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
        guarded_list = tuple(dict.fromkeys(a.strip() for a in guarded.split(";") if a.strip()))
        if any(a == a.lower() for a in guarded_list):
            raise DataError(
                f"{where}:{n}: a guarded alias of {skill_id} must have a capital to match by case"
            )
        plain = [a for a in dict.fromkeys([name, *alias_list]) if a not in guarded_list]
        entries[skill_id] = SkillEntry(
            id=skill_id,
            category=category,
            name=name,
            aliases=tuple(plain),
            parent=parent or None,
            case_sensitive="cs" in flag_set,
            needs_context="ctx" in flag_set,
            guarded=guarded_list,
            sources=tuple(s for s in sources.split(",") if s),
        )
    for entry in entries.values():
        if entry.parent and entry.parent not in entries:
            raise DataError(f"{where}: {entry.id} has unknown parent {entry.parent!r}")
    _check_no_cycles(entries, where)
    missing = [lang for lang in CONTRACT_LANGUAGES if lang not in entries]
    if missing:
        raise DataError(f"{where}: contract languages missing: {missing}")
    _check_alias_clashes(entries, where)
    return entries


def _check_no_cycles(entries: dict[str, SkillEntry], where: str) -> None:
    for entry in entries.values():
        seen = [entry.id]
        parent = entry.parent
        while parent:
            if parent in seen:
                raise DataError(f"{where}: parents loop: {' -> '.join([*seen, parent])}")
            seen.append(parent)
            parent = entries[parent].parent


def _check_alias_clashes(entries: dict[str, SkillEntry], where: str) -> None:
    """Two skills may not claim one alias: the scan could not tell which one a posting names."""
    owner: dict[str, str] = {}
    for entry in entries.values():
        for alias in (*entry.aliases, *entry.guarded):
            key = alias if alias in entry.guarded or _is_exact(entry, alias) else alias.lower()
            if owner.get(key, entry.id) != entry.id:
                raise DataError(f"{where}: alias {alias!r} belongs to both {owner[key]} and {entry.id}")
            owner[key] = entry.id


def _is_exact(entry: SkillEntry, alias: str) -> bool:
    return entry.case_sensitive and alias != alias.lower()


TAXONOMY_FILE = "data/skills.tsv.gz"  # built by scripts/build_taxonomy.py


def bundled_taxonomy_text(name: str = TAXONOMY_FILE) -> str:
    data = resources.files("rolemap.extract").joinpath(name).read_bytes()
    return (gzip.decompress(data) if name.endswith(".gz") else data).decode("utf-8")


@cache
def load_taxonomy() -> dict[str, SkillEntry]:
    return parse_taxonomy(bundled_taxonomy_text(TAXONOMY_FILE), TAXONOMY_FILE.removeprefix("data/"))


@cache
def _children_index() -> dict[str, tuple[str, ...]]:
    children: dict[str, list[str]] = {}
    for entry in load_taxonomy().values():
        if entry.parent:
            children.setdefault(entry.parent, []).append(entry.id)
    return {k: tuple(sorted(v)) for k, v in children.items()}


def parent_of(skill_id: str) -> str | None:
    entry = load_taxonomy().get(skill_id)
    return entry.parent if entry else None


def children_of(skill_id: str) -> tuple[str, ...]:
    """The skills whose parent this one is: linux → centos, debian, rhel, ubuntu …"""
    return _children_index().get(skill_id, ())


def descendants_of(skill_id: str) -> tuple[str, ...]:
    """Children, grandchildren …: what a lane of this skill rolls up."""
    found: list[str] = []
    todo = list(children_of(skill_id))
    while todo:
        sid = todo.pop(0)
        found.append(sid)
        todo.extend(children_of(sid))
    return tuple(found)


def resolve_skill(text: str) -> SkillEntry | None:
    """The skill an id, a name or an alias names, as a user types it: "k8s", "Postgres", "C#"."""
    taxonomy = load_taxonomy()
    wanted = text.strip()
    if wanted.lower() in taxonomy:
        return taxonomy[wanted.lower()]
    for entry in taxonomy.values():
        if wanted in entry.guarded:
            return entry
    lowered = wanted.lower()
    for entry in taxonomy.values():
        if any(a.lower() == lowered for a in (entry.name, *entry.aliases, *entry.guarded)):
            return entry
    return None


def search_taxonomy(query: str, limit: int = 20) -> list[SkillEntry]:
    """Skills whose id, name or an alias contains the query: exact names first, then the shortest."""
    q = query.strip().lower()
    if not q:
        return []
    scored: list[tuple[int, int, str, SkillEntry]] = []
    for entry in load_taxonomy().values():
        names = [n.lower() for n in (entry.id, entry.name, *entry.aliases, *entry.guarded)]
        if q in names:
            scored.append((0, len(entry.name), entry.id, entry))
        elif any(q in n for n in names):
            scored.append((1 if any(n.startswith(q) for n in names) else 2, len(entry.name), entry.id, entry))
    return [e for *_, e in sorted(scored, key=lambda t: t[:3])[:limit]]


def taxonomy_sizes(entries: dict[str, SkillEntry]) -> dict[str, dict[str, int]]:
    """How many skills each source gave and each category holds, and how the names match."""
    by_source: dict[str, int] = {}
    by_category: dict[str, int] = {}
    for e in entries.values():
        by_category[e.category] = by_category.get(e.category, 0) + 1
        for source in e.sources:
            by_source[source] = by_source.get(source, 0) + 1
    totals = {
        "skills": len(entries),
        "aliases": sum(len(e.aliases) for e in entries.values()),
        "guarded aliases": sum(len(e.guarded) for e in entries.values()),
        "with a parent": sum(1 for e in entries.values() if e.parent),
    }
    return {
        "totals": totals,
        "by source": dict(sorted(by_source.items(), key=lambda kv: -kv[1])),
        "by category": dict(sorted(by_category.items(), key=lambda kv: -kv[1])),
    }


def ancestors_of(skill_id: str) -> tuple[str, ...]:
    """Parent, grandparent …: asp-net-mvc → asp-net, csharp. parse_taxonomy has ruled out loops."""
    chain: list[str] = []
    parent = parent_of(skill_id)
    while parent:
        chain.append(parent)
        parent = parent_of(parent)
    return tuple(chain)


@dataclass(frozen=True, slots=True)
class SkillAlias:
    """One alias as the document scan carries it: the skill, and what its hit must also satisfy."""

    entry: SkillEntry
    written: str  # the alias as the taxonomy writes it
    exact: bool  # must match in this case ("Go", "Rust", "Spring")
    needs_context: bool
    has_digit: bool  # the scan reads digits as 0: "html5" must be checked against the text
    guarded: bool = False  # an everyday word from the open sources: the strict context test only


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
        for alias in entry.guarded:
            yield SkillAlias(entry, alias, True, True, any(c.isdigit() for c in alias), guarded=True)


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
    strict: list[Match] = []
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
            if payload.guarded:
                strict.append(Match(payload.entry, start, end))
                continue
            (unsure if payload.needs_context else sure).append(Match(payload.entry, start, end))
    # "Go" counts next to words like "in", "with", "developer", or near another technology ("Node.js
    # with some Go"); alone ("Go to our site") it is a verb.
    near = sorted(m.start for m in sure)
    for m in unsure:
        if _in_tech_context(text, m.start, m.end) or _has_near(near, m.start):
            sure.append(m)
    # A guarded word ("Fluent", "Zoom", "Analyze") is common enough that a technology nearby proves
    # nothing ("Fluent in Javascript"): it needs a list or a context word before it, a plain word edge.
    sure.extend(m for m in strict if _in_strict_context(text, m.start, m.end))
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


def _in_strict_context(text: str, start: int, end: int) -> bool:
    """Listed after a mark ("Tools: Slack, Trello"), after a context word ("with Hive"), or before one other
    than "and"/"or" ("Hive queries" is not, "Hive developer" is); never inside a camelCase name."""
    if start and text[start - 1].isalnum():
        return False  # "PacketZoom"
    left = text[max(0, start - 40) : start].rstrip()
    if left and left[-1] in _LIST_MARKS:
        return True
    context_before, context_after = _context_words()
    left_words = left.lower().split()
    if left_words and left_words[-1].strip(".,") in context_before:
        return True
    right_words = text[end : end + 40].lower().split()
    after = right_words[0].strip(".,;:") if right_words else ""
    return after in context_after and after not in ("and", "or")


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
