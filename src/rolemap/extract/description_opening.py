"""Where a posting's description opens, and whether a name there is the subject of what follows: the
hirer introducing itself ("Textur is an automated data pipeline.", "Sauce Labs provides …"). Read by
`company_sentences.py` (the kinds "opening" and "intro", and an appositive's verb)."""

from __future__ import annotations

import re

from rolemap.extract.lexicon import english_word, lemmas
from rolemap.models import Span


def description_openings(text: str) -> list[Span]:
    """Where the description's first line starts (after the title, or the header of a post without one),
    and each sentence after it in that line's first 500 characters: a name there followed by a verb is
    the hirer introducing itself ("Textur is an automated data pipeline.", "Sauce Labs provides …"), also
    after a question or a heading the board glued on ("…from the ground up? HEAT Software builds …").
    A post without a title may open with its prose, no header ("Oscar Insurance is a startup …"), and a
    line drawn of dashes is no line of text."""
    first = past_rules(text, 1) if text.startswith("\n") else 0
    title_end = text.find("\n", first)
    if title_end == -1:
        return []
    start = past_rules(text, title_end + 1)
    for _ in range(2):  # "Job Description\nHKA Enterprises is …": the first line is the block's heading
        heading = _HEADING_LINE.match(text, start)
        if heading is None or not all(english_word(word) for word in heading.group(1).split()):
            break
        start = past_rules(text, heading.end())
    if start >= len(text):
        return []
    line_end = text.find("\n", start)
    stop = min(start + 500, len(text) if line_end == -1 else line_end)
    later = [Span(m.end(), m.end(), "") for m in _SENTENCE_END.finditer(text, start, stop)]
    prose = [Span(first, first, "")] if text.startswith("\n") else []
    return [*prose, Span(start, start, ""), *later]


def past_rules(text: str, start: int) -> int:
    """Past blank lines, bullets and lines drawn of dashes ("-------", "=-=-=") from `start`."""
    while True:
        rule = _RULE_LINE.match(text, start)
        if rule and rule.end() > start:
            start = rule.end()
        elif text.startswith(("\n", " ", "* ", "- "), start):
            start += 1
        else:
            return start


# A heading on a line of its own: up to four capitalised words ("Job Description", "About Us:")
_HEADING_LINE = re.compile(r"((?:[A-Z][a-z]*|&)(?:[ ](?:[A-Z][a-z]*|&|of|the|us)){0,3})[ \t]*:?[ \t]*\n")
_RULE_LINE = re.compile(r"[-=_*~#.]{3,}[ \t]*(?:\n|$)")


_SENTENCE_END = re.compile(r"(?<=[a-z)][!?])\s*(?=[A-Z])")


_BE_OR_HAVE = re.compile(
    r" (?:is|are|was|has|have) (?:(?:[Aa]n?|[Tt]he|[Oo]ne)\b|([a-z]+ing)\b)"
)  # "is The Email Service for …"


def a_verb_follows(text: str, end: int, past: bool = False) -> bool:
    """Whether the name is the subject of what follows: "is a/an/the/one …", "is <verb>ing …" or a verb
    in the third person that is no noun ("provides", "specializes"; "engineers", "reasons" are nouns
    too), by the English lexicon of lemminflect; one that is a noun too is a verb before an article or a
    possessive ("builds the world's …", "offers a", "helps our"; not "engineers build", "reasons to")."""
    be = _BE_OR_HAVE.match(text, end)
    if be:
        return not be.group(1) or "VERB" in lemmas(be.group(1))
    m = _VERB_THEN.match(text[end : end + 40])
    if m is None:
        return past and _a_past_verb(text[end : end + 20])
    return third_person_verb(m.group(1)) or (bool(m.group(2)) and "VERB" in lemmas(m.group(1)))


_VERB_THEN = re.compile(r" ([a-z]+s)\b(?: (a|an|the|our|its|their|your|every)\b)?")


_PAST = re.compile(r" ([a-z]+(?:ed|an|ew|ught|ame|ook|ade))\b")


def _a_past_verb(after: str) -> bool:
    """ "began", "started", "grew", "made": a verb in the past that is no other word ("Insurance Agent")."""
    m = _PAST.match(after)
    return m is not None and set(lemmas(m.group(1))) == {"VERB"}


def third_person_verb(word: str) -> bool:
    """ "provides", "specializes", not a plural noun that is a verb too ("engineers", "reasons")."""
    return not word.endswith("ss") and set(lemmas(word)) == {"VERB"}
