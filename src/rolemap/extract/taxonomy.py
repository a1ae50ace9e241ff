"""The skills taxonomy (data/skills.tsv.gz, built by scripts/build_taxonomy.py from the hand layer
data/skills_layer.tsv and open sources): loading, validation and the hierarchy. Where a name found in a
text counts as the skill: extract/skill_matching.py.

Each skill has a canonical id, a display name, a category, aliases, an optional parent (the language its
ecosystem belongs to, or the product it is part of: rhel → linux) and the sources it came from. Matching
rules, decided per alias:
  * aliases are matched case-insensitively on word boundaries;
  * on a `cs` line, an alias written with capitals matches only in that case ("Go", "Rust", "Spring");
  * on a `ctx` line those case-sensitive aliases also need a technical context (skill_matching.py), and
    on a `code` line the bare name's context is a programming language or a processor nearby;
  * a *guarded* alias (column 8: an everyday English word or a name several products share, marked by the
    builder) is both: in the case written, in a technical context ("Slack", "Hive");
  * a *context* alias (column 9: a product's nickname that is an everyday word, "torch" of PyTorch) matches
    in any case, in a technical context, as a `ctx` name does.
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

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
        "business",  # office, ERP, medical, accounting software: asked for outside engineering too
        "topic",  # a field or quality (scalability, data structures): found, but not a skill
        "other",
    ]
)
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_FLAGS = frozenset({"cs", "ctx", "verb", "word", "site", "code"})


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
    contextual: tuple[str, ...] = ()  # in any case, in a technical context only
    sources: tuple[str, ...] = ()  # "hand", "onet", "esco", "devicon", "linguist", "simple-icons"
    verb: bool = False  # its name is also an English verb ("Make", "Go"): see skill_matching._imperative
    site: bool = False  # a site people keep a profile on ("GitHub"): see skill_matching._a_profile
    # its name is an everyday word first ("Less", "Word"): see skill_matching._the_word_opening_a_sentence
    word: bool = False
    # its everyday sense is another trade's ("Assembly": a plant's): see skill_matching.resolve_skills
    code: bool = False

    @property
    def is_language(self) -> bool:
        return self.category == "language"

    @property
    def every_alias(self) -> tuple[str, ...]:
        """The aliases of every kind: plain, guarded and context-bound (the name is among the plain ones)."""
        return (*self.aliases, *self.guarded, *self.contextual)


@dataclass(frozen=True, slots=True)
class Match:
    skill: SkillEntry
    start: int
    end: int


def parse_taxonomy(text: str, where: str = "skills.tsv") -> dict[str, SkillEntry]:
    """Parse and validate the TSV: the hand layer's 6 columns, or the built file's 9 (plus sources,
    guarded aliases and context aliases); every problem names its line."""
    entries: dict[str, SkillEntry] = {}
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cols = raw.split("\t")
        if len(cols) not in (6, 9):
            raise DataError(
                f"{where}:{n}: expected 6 tab-separated columns (9 in a built file), found {len(cols)}"
            )
        skill_id, category, name, aliases, parent, flags = (c.strip() for c in cols[:6])
        sources, guarded, contextual = (c.strip() for c in cols[6:]) if len(cols) == 9 else ("hand", "", "")
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
            raise DataError(
                f"{where}:{n}: unknown flags {sorted(flag_set - _FLAGS)}; use cs, ctx, verb, word, site, code"
            )
        for qualifier in ("verb", "word", "code"):
            if qualifier in flag_set and "ctx" not in flag_set:
                raise DataError(f"{where}:{n}: the {qualifier} flag only qualifies a ctx name; add ctx")
        if category == "language" and skill_id not in CONTRACT_LANGUAGES:
            raise DataError(f"{where}:{n}: {skill_id} is not a contract language; use language-other")
        alias_list = [a.strip() for a in aliases.split(";") if a.strip()]
        guarded_list = tuple(dict.fromkeys(a.strip() for a in guarded.split(";") if a.strip()))
        if any(a == a.lower() for a in guarded_list):
            raise DataError(
                f"{where}:{n}: a guarded alias of {skill_id} must have a capital to match by case"
            )
        contextual_list = tuple(dict.fromkeys(a.strip() for a in contextual.split(";") if a.strip()))
        plain = [a for a in dict.fromkeys([name, *alias_list]) if a not in guarded_list + contextual_list]
        entries[skill_id] = SkillEntry(
            id=skill_id,
            category=category,
            name=name,
            aliases=tuple(plain),
            parent=parent or None,
            case_sensitive="cs" in flag_set,
            needs_context="ctx" in flag_set,
            guarded=guarded_list,
            contextual=contextual_list,
            sources=tuple(s for s in sources.split(",") if s),
            verb="verb" in flag_set,
            word="word" in flag_set,
            site="site" in flag_set,
            code="code" in flag_set,
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
        for alias in entry.every_alias:
            key = alias if alias in entry.guarded or is_exact_alias(entry, alias) else alias.lower()
            if owner.get(key, entry.id) != entry.id:
                raise DataError(f"{where}: alias {alias!r} belongs to both {owner[key]} and {entry.id}")
            owner[key] = entry.id


@cache
def hand_dialects() -> frozenset[str]:
    """The languages the hand layer itself puts under a language of the contract (ClojureScript under
    Clojure): writing one is writing that language. The open sources' groups are no such claim (Linguist
    files OpenCL under C), so the parent is read from the layer's own line."""
    entries = load_taxonomy()
    layer = parse_taxonomy(bundled_taxonomy_text(HAND_LAYER_FILE), HAND_LAYER_FILE.removeprefix("data/"))
    return frozenset(
        e.id
        for e in layer.values()
        if e.category == "language-other" and e.parent in entries and entries[e.parent].is_language
    )


def is_exact_alias(entry: SkillEntry, alias: str) -> bool:
    return entry.case_sensitive and alias != alias.lower()


TAXONOMY_FILE = "data/skills.tsv.gz"  # built by scripts/build_taxonomy.py
HAND_LAYER_FILE = "data/skills_layer.tsv"  # the hand-kept layer it is built from


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
        if any(a.lower() == lowered for a in (entry.name, *entry.every_alias)):
            return entry
    return None


def search_taxonomy(query: str, limit: int = 20) -> list[SkillEntry]:
    """Skills whose id, name or an alias contains the query: exact names first, then the shortest."""
    q = query.strip().lower()
    if not q:
        return []
    scored: list[tuple[int, int, str, SkillEntry]] = []
    for entry in load_taxonomy().values():
        names = [n.lower() for n in (entry.id, entry.name, *entry.every_alias)]
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
        "context aliases": sum(len(e.contextual) for e in entries.values()),
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
