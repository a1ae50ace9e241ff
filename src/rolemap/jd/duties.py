"""What a duty means, so two duties can be compared by meaning rather than by their letters.

A duty is read as clauses of (verbs, object): "Design, build and maintain backend services in Go" is
({design, build, maintain}, {backend, service}); "Write clear, tested code and review your teammates'
changes" is two clauses. Two duties say the same thing when

- both carry a scope signal that names one duty (`one_duty_scopes` in template.yaml: on-call, people
  management, mentoring), or
- a clause of each shares a verb and its object (the same head noun, or at least half the smaller object), or
- most of their content words are the same (a reworded copy).

`same_duty` gives the reason, which the generator uses to skip a default and the linter to explain a finding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rolemap.extract.phrases import PhraseBook
from rolemap.extract.wordlists import load_wordlist
from rolemap.jd.spec import template
from rolemap.jd.words import is_verb, noun_lemma, verb_forms, verb_lemma

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’+#.-]*[A-Za-z0-9+#]|[A-Za-z0-9]|[,;:()/&]")
_CONNECTORS = frozenset({",", "and", "or", "&", "/", "as", "well"})
# Words that end an object: prepositions, relative words, "to" + verb, a new sentence part.
_OBJECT_ENDS = frozenset(
    [
        "about",
        "across",
        "after",
        "against",
        "along",
        "among",
        "around",
        "at",
        "before",
        "behind",
        "between",
        "by",
        "during",
        "for",
        "from",
        "in",
        "into",
        "like",
        "near",
        "of",
        "on",
        "onto",
        "over",
        "per",
        "since",
        "so",
        "than",
        "that",
        "through",
        "throughout",
        "to",
        "toward",
        "towards",
        "under",
        "until",
        "up",
        "upon",
        "using",
        "via",
        "when",
        "where",
        "whether",
        "which",
        "while",
        "who",
        "whom",
        "whose",
        "with",
        "within",
        "without",
        ";",
        ":",
        "(",
        ")",
    ]
)
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "our",
        "your",
        "their",
        "its",
        "my",
        "his",
        "her",
        "this",
        "that",
        "these",
        "those",
        "all",
        "any",
        "each",
        "every",
        "some",
        "other",
        "others",
        "new",
        "more",
        "most",
        "many",
        "much",
        "own",
        "both",
        "such",
        "it",
        "we",
        "you",
        "they",
        "us",
        "them",
        "i",
        "me",
        "be",
        "is",
        "are",
        "was",
        "were",
        "will",
        "can",
        "and",
        "or",
        "but",
        "not",
        "no",
        "so",
        "as",
        "well",
        "also",
        "etc",
    ]
)
_SAME_WORDS = 0.7  # share of content words two reworded copies have in common
_SAME_OBJECT = 0.5  # share of the smaller object two clauses with a shared verb have in common


@dataclass(frozen=True)
class Clause:
    verbs: frozenset[str]
    object: tuple[str, ...]  # content-word lemmas, in order; the last is the head noun


@dataclass(frozen=True)
class Meaning:
    clauses: tuple[Clause, ...]
    content: frozenset[str]
    scopes: frozenset[str]


@cache
def _scope_book() -> PhraseBook:
    scope = load_wordlist("scope")
    return PhraseBook({f"scope/{k}": scope[k] for k in template()["one_duty_scopes"]})


def meaning(duty: str) -> Meaning:
    tokens = [t for t in (t.strip("'’.").lower() for t in _TOKEN.findall(duty)) if t]
    lead = _forms(tokens[0]) if tokens else frozenset()
    clauses: list[Clause] = []
    i = 0
    while i < len(tokens):
        if not (i == 0 and lead) and not _new_clause(tokens, i, lead):
            i += 1
            continue
        verbs, i = _verb_group(tokens, i, lead)
        obj: list[str] = []
        while i < len(tokens) and tokens[i] not in _OBJECT_ENDS and not _new_clause(tokens, i, lead):
            if tokens[i] not in _STOPWORDS and tokens[i] not in _CONNECTORS:
                obj.append(noun_lemma(tokens[i]))
            i += 1
        clauses.append(Clause(frozenset(verbs), tuple(obj)))
    content = frozenset(
        verb_lemma(t) if is_verb(t) else noun_lemma(t)
        for t in tokens
        if t not in _STOPWORDS and t not in _CONNECTORS and t not in _OBJECT_ENDS and len(t) > 1
    )
    hits = _scope_book().find(duty)
    scopes = frozenset(k for k in template()["one_duty_scopes"] if hits.spans(f"scope/{k}"))
    return Meaning(tuple(clauses), content, scopes)


def _forms(word: str) -> frozenset[str]:
    """The verb forms a word can be, with the plain and present forms as one ("VB")."""
    return frozenset("VB" if tag == "VBP" else tag for tags in verb_forms(word).values() for tag in tags)


def _new_clause(tokens: list[str], i: int, lead: frozenset[str]) -> bool:
    """Connectors at i, then a verb in the same form as the duty's first verb: "…code and review your…",
    not "pipelines, tooling and templates" (a noun list) or "clear, tested code" (an adjective)."""
    if tokens[i] not in _CONNECTORS:
        return False
    j = i
    while j < len(tokens) and tokens[j] in _CONNECTORS:
        j += 1
    return j < len(tokens) and bool(lead & _forms(tokens[j]))


def _verb_group(tokens: list[str], i: int, lead: frozenset[str]) -> tuple[list[str], int]:
    """ "Design, build and maintain" → [design, build, maintain]: verbs with only connectors between them
    (after an object, "…code and review…", a verb starts a clause of its own); i is at the first verb or at
    the connectors before it."""
    while tokens[i] in _CONNECTORS:
        i += 1
    verbs = [verb_lemma(tokens[i])]
    i += 1
    while i < len(tokens) and _new_clause(tokens, i, lead):
        while tokens[i] in _CONNECTORS:
            i += 1
        verbs.append(verb_lemma(tokens[i]))
        i += 1
    return verbs, i


def same_duty(a: str | Meaning, b: str | Meaning) -> str | None:
    """Why two duties say the same thing, or None."""
    ma = a if isinstance(a, Meaning) else meaning(a)
    mb = b if isinstance(b, Meaning) else meaning(b)
    shared_scope = sorted(ma.scopes & mb.scopes)
    if shared_scope:
        return f"both are about {shared_scope[0].replace('-', ' ')}"
    for ca in ma.clauses:
        for cb in mb.clauses:
            verbs = ca.verbs & cb.verbs
            if not verbs or not ca.object or not cb.object:
                continue
            common = set(ca.object) & set(cb.object)
            smaller = min(len(set(ca.object)), len(set(cb.object)))
            if (
                common
                and len(common) / smaller >= _SAME_OBJECT
                and (ca.object[-1] == cb.object[-1] or len(common) >= 2)
            ):
                noun = ca.object[-1] if ca.object[-1] in common else sorted(common)[0]
                return f"both say '{sorted(verbs)[0]} … {noun}'"
    if min(len(ma.content), len(mb.content)) >= 3:
        overlap = len(ma.content & mb.content) / len(ma.content | mb.content)
        if overlap >= _SAME_WORDS:
            return "they share most of their words"
    return None
