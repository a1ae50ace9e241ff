"""A market of roles: the market frame holds one row a role. A posting that hires two or more distinct roles
(its `role` pairs, store/roles.py: "backend:senior", "non_software:") becomes one row each; a posting with
one role (or none) stays one row, exactly as the posting reads. Each row of a posting with several roles is:

- its role's **family** (the `family` pair: one a row) and its role's own **level** (none when the role
  names none: the posting's level is not any one role's);
- the posting's **salary** only when the text ties it to the role's family (`salary_family`, which is
  every family when the roles share one): a product manager's pay is not the backend engineer's;
- the posting's **years** only when all its roles share one family (the requirement then plainly covers
  them all); otherwise none;
- the posting's work model, places, domains, scope, dates and company; its skills, languages and system
  types too, except on a non-software role of a posting that also hires software roles (a product
  manager's row does not ask for Python);
- but not a skill of the client side (React, CSS), of a phone (iOS, Android) or of a back end (Rails,
  PostgreSQL, Kafka) on a row building another side (frontend, fullstack, mobile, backend, data, infra, ml)
  when the posting also hires the roles that skill is for (frontend or fullstack; mobile; backend,
  fullstack, data, infra or ml): the backend engineer of a post hiring an iOS engineer too does not ask for
  iOS, nor that iOS engineer for Rails. A QA, security or embedded row keeps every skill (a tester of the iOS
  app needs iOS). The skill's kind is the role book's (extract/data/roles.json: `client_side`, `mobile`,
  `server_side`) or its parent's there (sass → css), or for a back end its category (a datastore, a message
  broker), as `skill_owners` says. Languages stay the posting's: TypeScript and Kotlin are server-side
  languages too; so do cloud, container and monitoring tools (AWS, Docker, Datadog) and what both sides
  share (REST, GraphQL, microservices).

Whole-array numpy: the posting rows the frame keeps (after copies are set aside and reposts folded) in, the
frame's rows out, each posting's rows next to one another, its roles in code point order of their labels.
A function of the base alone, like the rest of the frame (frame_build.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from rolemap.analytics.frame_base import BasePairs
from rolemap.store.roles import split_role_label

NON_SOFTWARE = "non_software"
# the fields a non-software role of a posting that also hires software roles does not carry
SOFTWARE_ONLY = ("skill", "language", "system_type")
# the families a client-side, a phone's or a back end's skill is for (see _for_another_role)
OWNER_FAMILIES = {
    "client": ("frontend", "fullstack"),
    "mobile": ("mobile",),
    "server": ("backend", "fullstack", "data", "infra", "ml"),
}
SHARED = ("protocol", "practice")  # REST, GraphQL, microservices: the contract between both sides
SERVER_CATEGORIES = ("datastore", "messaging")  # a back end's, as the hand layer places them
# the families that build one side of a product: a row of another (qa, security, embedded…) keeps every skill
SIDES = ("frontend", "fullstack", "mobile", "backend", "data", "infra", "ml")


@dataclass(frozen=True)
class RoleRows:
    """The frame's rows as postings and roles. Per kept posting (index p): `start[p]`, the first of its
    `rows[p]` frame rows. Per frame row: `source` (its posting's index), and for a row of a posting with
    several roles (`expanded`), its role's `family` and `level` (codes into `families` and `levels`, -1:
    none), whether it keeps the posting's salary, its years, and its skills, languages and system types."""

    start: np.ndarray
    rows: np.ndarray
    source: np.ndarray
    expanded: np.ndarray
    family: np.ndarray
    level: np.ndarray
    families: list[str]
    levels: list[str]
    salary_kept: np.ndarray
    years_kept: np.ndarray
    software_kept: np.ndarray

    @property
    def size(self) -> int:
        return int(self.source.size)

    @property
    def any_expanded(self) -> bool:
        return bool(self.expanded.any())


def role_rows(roles: BasePairs | None, salary: BasePairs, position: np.ndarray, n: int) -> RoleRows:
    """The frame rows of the `n` postings the frame keeps (`position`: each base row's index among them, in
    base order; -1 for a row not counted), from their `role` and `salary_family` pairs."""
    labels = sorted(roles.vocab) if roles is not None else []
    posting, label = _distinct_roles(roles, position)
    count = np.bincount(posting, minlength=n)
    many = count >= 2
    rows = np.where(many, count, 1).astype(np.int64)
    start = np.cumsum(rows) - rows
    source = np.repeat(np.arange(n, dtype=np.int64), rows)
    size = int(rows.sum())
    parts = [split_role_label(v) for v in labels]
    families = sorted({f for f, _ in parts})
    levels = sorted({lv for _, lv in parts if lv})
    family_of = np.array([families.index(f) for f, _ in parts], np.int64)
    level_of = np.array([levels.index(lv) if lv else -1 for _, lv in parts], np.int64)
    inside = many[posting]
    posting, label = posting[inside], label[inside]
    at = start[posting] + np.arange(posting.size) - np.searchsorted(posting, posting)  # role ordinal
    family = np.full(size, -1, np.int64)
    level = np.full(size, -1, np.int64)
    family[at] = family_of[label]
    level[at] = level_of[label]
    expanded = many[source]
    one_family = _one_family(posting, family_of[label], n) | ~many
    salary_kept = ~expanded | _tied(salary, position, source, family, families)
    mixed_non_software = (
        expanded & ~one_family[source] & (family == families.index(NON_SOFTWARE))
        if NON_SOFTWARE in families
        else np.zeros(size, bool)
    )
    return RoleRows(
        start, rows, source, expanded, family, level, families, levels,
        salary_kept, one_family[source], ~mixed_non_software,
    )  # fmt: skip


def _distinct_roles(roles: BasePairs | None, position: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(posting index, label code in sorted label order) of each distinct role of a kept posting, sorted by
    posting then label."""
    if roles is None or not roles.row.size:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    rank = np.empty(len(roles.vocab), np.int64)
    rank[sorted(range(len(roles.vocab)), key=roles.vocab.__getitem__)] = np.arange(len(roles.vocab))
    posting = position[roles.row]
    keep = posting >= 0
    posting, label = posting[keep], rank[roles.code[keep]]
    order = np.lexsort((label, posting))
    posting, label = posting[order], label[order]
    new = np.ones(posting.size, bool)
    new[1:] = (posting[1:] != posting[:-1]) | (label[1:] != label[:-1])
    return posting[new], label[new]


def _one_family(posting: np.ndarray, family: np.ndarray, n: int) -> np.ndarray:
    """Per posting: its roles share one family (true for a posting without roles)."""
    if not posting.size:
        return np.ones(n, bool)
    pairs = np.unique(posting * (family.max() + 1) + family)
    return np.bincount(pairs // (family.max() + 1), minlength=n) <= 1


def _tied(
    salary: BasePairs, position: np.ndarray, source: np.ndarray, family: np.ndarray, families: list[str]
) -> np.ndarray:
    """Per frame row: its role's family is one the posting's salary counts for."""
    width = len(families) + 1
    code_of = np.array([families.index(v) if v in families else -1 for v in salary.vocab] + [-1], np.int64)
    posting = position[salary.row]
    fam = code_of[salary.code] if salary.code.size else np.zeros(0, np.int64)
    keep = (posting >= 0) & (fam >= 0)
    tied = posting[keep] * width + fam[keep]
    return (family >= 0) & np.isin(source * width + family, tied)


def _for_another_role(rows: np.ndarray, code: np.ndarray, vocab: list[str], rr: RoleRows) -> np.ndarray:
    """Per skill pair on the frame's rows: the skill is another role's of the posting (module docstring)."""
    owners_of = skill_owners()
    code_of = {f: i for i, f in enumerate(rr.families)}
    side = np.isin(rr.family, [code_of[f] for f in SIDES if f in code_of])  # per frame row
    out = np.zeros(rows.size, bool)
    for kind, families in OWNER_FAMILIES.items():
        owners = np.isin(rr.family, [code_of[f] for f in families if f in code_of])
        hires = np.bincount(rr.source[owners], minlength=rr.start.size) > 0  # per posting
        of_kind = np.array([owners_of.get(v) == kind for v in vocab] + [False])[code]
        out |= of_kind & rr.expanded[rows] & side[rows] & ~owners[rows] & hires[rr.source[rows]]
    return out


@cache
def skill_owners() -> dict[str, str]:
    """skill id → "client", "mobile" or "server": the role book's skills (extract/data/roles.json) and the
    skills below them, and the datastores and message brokers. Not a language's descendants (TypeORM is
    TypeScript's, Ktor Kotlin's: server-side both), nor what both sides share; and only entries a person
    placed (the hand layer, devicon, Linguist, simple-icons): O*NET's commodity codes put UltraEdit among
    databases and Hootsuite among message brokers, and hang "Vue Benefits Manager" under Vue."""
    from rolemap.extract.roles import role_book
    from rolemap.extract.taxonomy import descendants_of, load_taxonomy

    book, taxonomy = role_book(), load_taxonomy()

    def placed(sid: str) -> bool:
        entry = taxonomy.get(sid)
        return (
            entry is not None and entry.category not in SHARED and not set(entry.sources) <= {"onet", "esco"}
        )

    owners: dict[str, str] = {}
    for kind, skills in (("client", book.client_side), ("mobile", book.mobile), ("server", book.server_side)):
        for skill in skills:
            if skill not in taxonomy or taxonomy[skill].is_language:
                continue
            for sid in (skill, *descendants_of(skill)):
                if placed(sid):
                    owners.setdefault(sid, kind)
    for sid, entry in taxonomy.items():
        if entry.category in SERVER_CATEGORIES and "hand" in entry.sources and placed(sid):
            owners.setdefault(sid, "server")
    return owners


def expand_pairs(
    pairs: BasePairs, field: str, position: np.ndarray, rr: RoleRows
) -> tuple[np.ndarray, list[str], np.ndarray, dict[str, np.ndarray]]:
    """A base field's pairs on the frame's rows: (rows, vocabulary, codes into it, flags), each posting's
    values given to each of its rows, but for a posting with several roles one family a row (`family`),
    the row's family when the salary is tied to it (`salary_family`), and no skills, languages or system
    types on a non-software row of a posting that also hires software roles."""
    posting = position[pairs.row]
    keep = posting >= 0
    posting = posting[keep]
    flags = {name: np.asarray(values, bool)[keep] for name, values in pairs.flags.items()}
    if not rr.any_expanded:  # one row a posting: the posting's index is its row
        return posting, list(pairs.vocab), pairs.code[keep], flags
    repeats = rr.rows[posting]
    total = int(repeats.sum())
    firsts = np.repeat(np.cumsum(repeats) - repeats, repeats)
    rows = np.repeat(rr.start[posting], repeats) + np.arange(total) - firsts
    code = np.repeat(pairs.code[keep], repeats)
    flags = {name: np.repeat(values, repeats) for name, values in flags.items()}
    vocab = list(pairs.vocab)
    if field in ("family", "salary_family"):
        chosen = np.flatnonzero(rr.expanded & (rr.salary_kept if field == "salary_family" else True))
        vocab += [f for f in rr.families if f not in pairs.vocab]
        index = {v: i for i, v in enumerate(vocab)}
        own = np.array([index[f] for f in rr.families], np.int64)
        keep_rows = ~rr.expanded[rows]
        rows = np.concatenate([rows[keep_rows], chosen])
        code = np.concatenate([code[keep_rows], own[rr.family[chosen]]])
        flags = {
            name: np.concatenate([v[keep_rows], np.ones(chosen.size, bool)]) for name, v in flags.items()
        }
    elif field in SOFTWARE_ONLY:
        keep_rows = rr.software_kept[rows]
        if field == "skill":
            keep_rows &= ~_for_another_role(rows, code, vocab, rr)
        rows, code = rows[keep_rows], code[keep_rows]
        flags = {name: v[keep_rows] for name, v in flags.items()}
    return rows, vocab, code, flags
