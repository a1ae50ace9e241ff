"""The bullet coach and the story finder of the seed guide.

A bullet is asked the guide's four questions: what service or system (a system word with something that
names it: "billing APIs", "a reporting endpoint", not bare "APIs"), what the person did (a bullet opening
on a verb in the past tense, "Raised", "Spearheaded", "Containerized", as English's lexicon tells it; or a
listed action verb after a comma or "and"),
which technical decision or constraint ("by adding an index", "instead of", "idempotent"), and what changed
(a number or an observable outcome: "cut p99 latency", "40%", "test coverage for invoice edge cases").
strong: service, contribution and a decision or a result; ok: service and contribution; weak: less.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import cache
from typing import Any

from rolemap.extract.lexicon import joining_word, lemmas
from rolemap.extract.phrases import PhraseBook
from rolemap.resume.read import Bullet, Resume, _words

QUESTIONS = ("service", "contribution", "decision", "result")
_SHAPE = "[Action verb] [which service or system] [using / by which decision or constraint], [what changed, with a number]"
_EXAMPLE = "Cut p95 latency of the invoice API from 900 ms to 200 ms by adding a covering index and batching ledger writes"


@dataclass(frozen=True)
class BulletReview:
    text: str
    line: int
    verdict: str  # weak, ok, strong
    found: dict[str, str]  # question → the words that answer it
    missing: list[str]
    suggestion: str
    rewrite: str = ""  # the bullet in the guide's order, its own words kept, a [gap] per missing answer

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@cache
def _book() -> PhraseBook:
    coach = _words()["coach"]
    judged = ("generic_qualifier", "not_contribution", "adjective_prepositions")  # read as words, not phrases
    lists = {f"coach/{k}": v for k, v in coach.items() if k not in judged and not k.startswith("_")}
    lists.update({f"theme/{k}": v for k, v in _words()["themes"].items()})
    return PhraseBook(lists)


def review(bullet: Bullet) -> BulletReview:
    text = bullet.text
    hits = _book().find(text)
    found: dict[str, str] = {}
    service = _named_system(text, hits)
    if service:
        found["service"] = service
    contribution = _contribution(text, hits)
    if contribution:
        found["contribution"] = contribution
    for key in ("decision", "result"):
        spans = hits.spans(f"coach/{key}")
        if spans:  # a figure says more than a word ("from 900 ms" over "cutting")
            found[key] = next((s.text for s in spans if any(c.isdigit() for c in s.text)), spans[0].text)
    missing = [q for q in QUESTIONS if q not in found]
    core = "service" in found and "contribution" in found
    verdict = "strong" if core and ("decision" in found or "result" in found) else "ok" if core else "weak"
    suggestion = "" if verdict == "strong" else f"Rewrite as: {_SHAPE}. For example: {_EXAMPLE}."
    rewritten = "" if verdict == "strong" else rewrite(text, hits, found)
    return BulletReview(text, bullet.line, verdict, found, missing, suggestion, rewritten)


# What each gap of a rewrite asks for: a question of the guide, never a fact about the person.
GAPS = {
    "contribution": "[what you did: built, migrated, cut…]",
    "which": "[which one: billing, search…]",
    "service": "[for which service or system]",
    "decision": "by [which decision or constraint: adding an index, batching writes…]",
    "result": "[what changed, with a number: from … to …, by N%]",
}


def rewrite(text: str, hits: Any, found: dict[str, str]) -> str:
    """The bullet rebuilt from its own words in the guide's order (action verb, service, decision, result):
    a filler opening ("Responsible for", "Worked on") gives way to a gap for the action verb, a bare system
    word gets a gap for its name ("[which one] APIs"), and a missing decision or result becomes a gap at
    the end. Nothing is invented: every word is the bullet's, or a bracketed question for its author."""
    body = text.strip().rstrip(".;")
    cut = 0
    if "contribution" not in found:
        fillers = [s for s in hits.spans("coach/filler") if s.start == 0]
        cut = max((s.end for s in fillers), default=0)
    rest = body[cut:].lstrip(" ,:-")
    bare = [s for s in hits.spans("coach/system") if s.start >= cut]
    if "service" not in found and bare:
        at = bare[0].start - cut - (len(body[cut:]) - len(rest))
        rest = f"{rest[:at]}{GAPS['which']} {rest[at:]}"
    if "contribution" not in found and not _opening_verb(rest):
        first = rest.split(" ", 1)[0]
        generic = set(_words()["coach"]["generic_qualifier"])
        if first.lower() in generic and first[1:].islower():
            rest = first.lower() + rest[len(first) :]  # "The billing API" → "[verb] the billing API"
        rest = f"{GAPS['contribution']} {rest}"
    if "service" not in found and not bare:
        rest += f" {GAPS['service']}"
    if "decision" not in found and "result" not in found:
        rest += f" {GAPS['decision']}"
    if "result" not in found:
        rest += f", {GAPS['result']}"
    return rest


_OPENING_WORD = re.compile(r"^\W{0,2}([A-Za-z][A-Za-z'’-]*)")


def _contribution(text: str, hits: Any) -> str:
    """What the person did: the bullet's opening verb in the past tense, unless it is one of the openings
    that say no action ("Was", "Worked", "Helped": `coach.not_contribution`) or a filler opens the bullet;
    else a listed action verb that opens a clause (after a comma, a semicolon or "and")."""
    opening = _opening_verb(text)
    fillers = [s for s in hits.spans("coach/filler") if s.start <= 2]
    if opening and not fillers and past_tense(opening) and opening.lower() not in _not_contribution():
        return opening
    for span in hits.spans("coach/contribution"):
        if span.start <= 2 or text[: span.start].strip().endswith((",", ";", "and")):
            return str(span.text)
    return ""


def _opening_verb(text: str) -> str:
    """The bullet's first word when it is a verb: a past tense, or a word English uses only as a verb or
    an auxiliary ("Own", "Was"); "" for a noun, an article, a name, or a participle that opens a
    description of the person ("Dedicated engineer with…": `self_description`)."""
    text = text.strip()
    match = _OPENING_WORD.match(text)
    if not match:
        return ""
    word = match.group(1)
    kinds = set(lemmas(word.lower()))
    if past_tense(word) and self_description(word, text[match.end() :]):
        return ""
    return word if past_tense(word) or (kinds and kinds <= {"VERB", "AUX"}) else ""


_NEXT_WORDS = re.compile(r"[^\s,;:.()]+|[,;:.()]")
# a determiner opens an object ("Connected with the API"), not an adjective's complement ("Experienced with Go")
_ARTICLES = frozenset(
    {"a", "an", "the", "our", "their", "my", "his", "her", "its", "this", "these", "those", "that"}
)
_PERSON_GOES_ON = frozenset({"with", "who", "whose", "that"})
_FIGURE = re.compile(r"[$€£]?\d")


def self_description(word: str, rest: str) -> bool:
    """Whether a past participle opening a bullet describes the person rather than says what they did, by
    what follows it. An action takes an object ("Dedicated 20% of sprint time to…", "Motivated the team",
    "Built developer tooling"); a description is
      * an adjective with its complement ("Experienced in", "Skilled at", "Dedicated to improving"): a word
        English also writes as an adjective (lemminflect), then one of `adjective_prepositions`, and after
        it no article or figure: "Connected with the Salesforce API", "Paired with a designer", "Applied to
        3 teams" are actions (the review found "Connected", "Paired", "Engaged" judged descriptions);
      * a compound adjective, a noun glued to a participle ("Detail-oriented", "Results-driven"), standing
        alone or before a complement;
      * a person: the participle and a few words before one role noun (data/roles.json's
        `prose_role_nouns`), singular and ending its phrase ("Dedicated engineer with…", "Seasoned backend
        engineer focused on…"; not "Trained engineers", "Built developer portals", "Mentored junior
        developer through…", "Hired engineer, designer…")."""
    following = _NEXT_WORDS.findall(rest)
    after = following[0].lower() if following else ""
    then = following[1].lower() if len(following) > 1 else ""
    head, _, last = word.lower().rpartition("-")
    compound = bool(head) and "NOUN" in lemmas(head) and past_tense(last)
    if (
        after in _adjective_prepositions()
        and (compound or "ADJ" in lemmas(word.lower()))
        and then not in _ARTICLES
        and not _FIGURE.match(then)
    ):
        return True
    if compound and after in ("", ",", ";", ".", "and"):
        return True
    return _a_person_follows(following, attributive=compound)


def _a_person_follows(words: list[str], attributive: bool = False) -> bool:
    """A singular role noun within the first four words, none before it a figure, a joining word or a mark,
    and after it the end, a mark, a joining word ("with", "who") or a participle ("focused"); after a
    compound adjective (`attributive`: "Detail-oriented engineer maintaining…"), whatever follows it."""
    for i, word in enumerate(words[:4]):
        low = word.lower()
        if _FIGURE.match(word) or not word[:1].isalnum() or joining_word(low):
            return False
        if _role_noun().fullmatch(low) and low in lemmas(low).get("NOUN", (low,)):
            after = words[i + 1].lower() if i + 1 < len(words) else ""
            # what describes a person goes on: "with", "who", a participle ("focused on"); what a verb did to
            # one goes on otherwise ("Mentored junior developer through…", "Hired engineer, designer…")
            return (
                attributive
                or not after
                or after in _PERSON_GOES_ON
                or (past_tense(after) and "NOUN" not in lemmas(after))
            )
    return False


@cache
def _role_noun() -> re.Pattern[str]:
    from rolemap.extract.roles import roles_data

    return re.compile(f"(?:{roles_data()['prose_role_nouns']})")


@cache
def _adjective_prepositions() -> frozenset[str]:
    return frozenset(_words()["coach"]["adjective_prepositions"])


@cache
def past_tense(word: str) -> bool:
    """Whether a word is a verb's past tense or past participle ("raised", "led", "cut"), by lemminflect's
    lexicon; a verb it lacks ("containerized", "dockerized", "re-architected") by its rule for a regular
    verb in -ed. A hyphenated verb is judged by its last part ("co-led")."""
    from lemminflect import getAllLemmasOOV, getInflection  # loaded on first use, as lexicon.py does

    w = word.lower().rsplit("-", 1)[-1]
    verbs = lemmas(w).get("VERB", ())
    if not lemmas(w) and len(w) > 4 and w.endswith("ed"):
        verbs = getAllLemmasOOV(w, upos="VERB").get("VERB", ())
    return any(w in (*getInflection(v, "VBD"), *getInflection(v, "VBN")) for v in verbs)


@cache
def _not_contribution() -> frozenset[str]:
    return frozenset(_words()["coach"]["not_contribution"])


def _named_system(text: str, hits: Any) -> str:
    """A system word with a word before it that names which one ("billing APIs", "reporting endpoint") or
    counts them ("200 microservices", "12 clusters": the scale of the work)."""
    generic = set(_words()["coach"]["generic_qualifier"])
    for span in hits.spans("coach/system"):
        before = re.findall(
            r"[A-Za-z][\w/.-]*|\d[\d,.]*[kKmM]?\+?", text[max(0, span.start - 40) : span.start]
        )
        if before and before[-1].lower() not in generic:
            return f"{before[-1]} {span.text}"
    return ""


def coach(resume: Resume) -> list[BulletReview]:
    return [review(b) for b in resume.bullets]


@dataclass(frozen=True)
class Theme:
    theme: str
    bullets: list[str]


def stories(resume: Resume) -> tuple[list[Theme], list[str]]:
    """For each interview theme of the guide, the bullets that could carry a story; and the themes none can."""
    out = []
    for theme in _words()["themes"]:
        carriers = [b.text for b in resume.bullets if _book().find(b.text).spans(f"theme/{theme}")]
        out.append(Theme(theme, carriers))
    return out, [t.theme for t in out if not t.bullets]
