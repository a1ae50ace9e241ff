"""Parts of speech for the JD tools: is a word a verb, and in which form; the lemma of a noun.

The word source is LemmInflect's lexicon (MIT licence; its tables are derived from the NIH SPECIALIST
Lexicon and ship inside the package, so this works offline): about 30,000 verbs with all their inflected
forms. A few verbs of software work that the lexicon lacks ("architect", "refactor", "containerize") and the
verbs that never start a duty (be, have, can, must…) are data in `jd/data/template.yaml` (`verbs`).
"""

from __future__ import annotations

import re
from functools import cache

from lemminflect import getAllInflections, getAllLemmas

from rolemap.jd.spec import template

# A duty may start with the plain verb ("Design"), the -s form ("Designs") or the -ing form ("Designing");
# not the past ("Designed" reads as a résumé line).
DUTY_FORMS = ("VB", "VBP", "VBZ", "VBG")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


@cache
def _verb_data() -> tuple[frozenset[str], frozenset[str]]:
    verbs = template()["verbs"]
    return frozenset(verbs["missing_from_lexicon"]), frozenset(verbs["not_action"])


@cache
def verb_forms(word: str) -> dict[str, frozenset[str]]:
    """The verb lemmas a word is a form of, with the Penn tags of those forms: "builds" → {"build":
    {"VBZ"}}; "run" → {"run": {"VB", "VBP", "VBN"}}."""
    w = word.lower().strip("'’-")
    out: dict[str, set[str]] = {}
    for lemma in getAllLemmas(w, upos="VERB").get("VERB", ()):
        for tag, forms in getAllInflections(lemma, upos="VERB").items():
            if w in forms:
                out.setdefault(lemma, set()).add(tag)
    missing, _ = _verb_data()
    for lemma in missing:
        for tag, form in _regular_forms(lemma).items():
            if w == form:
                out.setdefault(lemma, set()).add(tag)
    return {lemma: frozenset(tags) for lemma, tags in out.items()}


def _regular_forms(lemma: str) -> dict[str, str]:
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return {"VB": lemma, "VBZ": lemma + "s", "VBG": stem + "ing", "VBD": stem + "ed"}


def is_verb(word: str) -> bool:
    return bool(verb_forms(word))


def action_verb(word: str) -> tuple[bool, str]:
    """Whether a duty starting with `word` starts with an action verb, and if not, why not
    ("not a verb", "past tense", "not an action")."""
    forms = verb_forms(word)
    if not forms:
        return False, "not a verb"
    _, not_action = _verb_data()
    if all(lemma in not_action for lemma in forms):
        return False, "not an action"
    if not any(tag in DUTY_FORMS for tags in forms.values() for tag in tags):
        return False, "past tense"
    return True, ""


def verb_lemma(word: str) -> str:
    forms = verb_forms(word)
    return min(forms) if forms else word.lower()


@cache
def noun_lemma(word: str) -> str:
    """ "pipelines" → "pipeline"; a word that is no noun is only lowercased."""
    w = word.lower().strip("'’-")
    lemmas = getAllLemmas(w, upos="NOUN").get("NOUN", ())
    return min(lemmas, key=len) if lemmas else w


def words(text: str) -> list[str]:
    return _WORD.findall(text)
