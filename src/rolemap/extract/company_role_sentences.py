"""The sentences that name the hirer beside a role or a person: "As Help Scout's first SRE, you",
"join Acme's data team", "As a Sales Representative at Acme, you", "a role for a CFO/Controller at Acme.",
"I'm the cofounder of Acme", "I work at Acme", a recruiter's greeting ("Greetings from DISYS") and signature
whose e-mail address spells the firm. Each returns the spans where a name stands, or where the words before
it end; `company_sentences.py` reads and weighs them as the kinds "role", "greeting" and "signature".
"""

from __future__ import annotations

import re

from rolemap.extract.company_names import NAME_AFTER, NAME_START, SENTENCE_END
from rolemap.extract.gated import Gated
from rolemap.extract.lexicon import english_word
from rolemap.extract.roles import is_role_title
from rolemap.models import Span

# "As Help Scout's first Site Reliability Engineer, you …", "join Acme's data team": the hirer's name
# before a role it hires for, or before its team.
_AS_OR_JOIN = Gated(r"\b(?:As|[Jj]oin)\s+(?=[A-Z0-9])", r"As\s+[A-Z0-9]", r"oin\s+[A-Z0-9]")
_POSSESSIVE = re.compile(r"['’]s?\s+(?:\([^)]{1,20}\)\s+)?")
_ROLE_AFTER = re.compile(r"([^,.;:!?\n]{3,80}?)(?:,|\s+you\b)")
_TEAM_AFTER = re.compile(r"(?:[\w-]+\s+){0,3}team\b")

# A recruiter's signature: a sign-off, then within a few lines the e-mail address of the firm it writes
# ("Regards, Deepak KumarInfinite | Exciting times … deepak.kumar@infinite.com").
_SIGN_OFF = re.compile(r"(?i)\b(?:regards|thanks|thank you|sincerely|cheers)\b")
# a word each sign-off holds, lowercased: a tail of ASCII text holding none has no sign-off (other text may
# write one in letters that fold to ASCII ones under (?i), "ſincerely")
_SIGN_OFF_WORDS = ("regards", "thank", "sincerely", "cheers")
_MAIL = re.compile(r"(?i)\b[\w.+-]+@((?:[a-z0-9-]+\.)+)[a-z]{2,6}\b")
_WORD_START = re.compile(r"(?:(?<![\w&'’-])|(?<=[a-z]))[A-Z]")  # glued on: "KumarInfinite"


def signature_names(text: str) -> list[Span]:
    """The name a signature writes between its sign-off and the e-mail address whose host spells it."""
    out: list[Span] = []
    start = max(0, len(text) - 3000)
    if text.find("@", start) == -1:
        return out  # no e-mail address to spell the firm
    tail = text[start:]
    if tail.isascii():
        lowered = tail.lower()
        if not any(word in lowered for word in _SIGN_OFF_WORDS):
            return out
    for sign in _SIGN_OFF.finditer(text, start):
        mail = _MAIL.search(text, sign.end(), sign.end() + 400)
        if mail is None:
            continue
        hosts = {label.replace("-", "") for label in mail.group(1).lower().split(".") if len(label) >= 3}
        name = _spelt_between(text, sign.end(), mail.start(), hosts)
        if name is not None:
            out.append(name)
    return out


def _spelt_between(text: str, start: int, end: int, hosts: set[str]) -> Span | None:
    """The first run of words in text[start:end], from a capital, whose letters spell one of the hosts."""
    for word in _WORD_START.finditer(text, start, end):
        squashed = ""
        for at in range(word.start(), min(end, word.start() + 60)):
            char = text[at]
            if char == "\n":
                break
            if char.isalnum():
                squashed += char.lower()
            if squashed in hosts and char.isalnum() and not text[at + 1 : at + 2].islower():
                return Span(word.start(), at + 1, text[word.start() : at + 1])
            if not any(host.startswith(squashed) for host in hosts):
                break
    return None


# "As a Sales Development Representative at HirelyAI, you’ll …": the hirer after the role it hires for.
_AS_A_ROLE_AT = Gated(
    r"\b[Aa]s (?:a|an|the|our) ([^,.;:!?\n]{3,60}?) (?:at|with|for) (?=[A-Z0-9])",
    r"s (?:a|an|the|our) [^,.;:!?\n]{3,60}? (?:at|with|for) [A-Z0-9]",
)
_YOU_AFTER = re.compile(r",?\s+(?:you|we)\b")
# "This is a full-time on-site role for a CPA at Barton CPA in Palm Springs, CA.": the role's sentence
# names the hirer after the role, then the sentence ends or says where it is.
_ROLE_FOR_A_ROLE_AT = Gated(
    r"\b(?:role|position) for (?:a|an) ([A-Z][^,.;:!?\n]{2,60}?) (?:at|with) (?=[A-Z0-9])",
    "role for a",
    "position for a",
)
_PLACE_OR_END_AFTER = re.compile(r"(?:['’]s)?\s*(?:[.,;]|$)|\s+(?:in|located|based)\s")


# The poster's own role at the hirer: "I'm the cofounder of Figma", "I'm a tech recruiter for Rapid7",
# "I work on the dispatch team at Uber", "I work at Booking.com as a backend developer".
_I_AM_A = Gated(
    r"\bI(?:['’]m| am)\s+(?:currently\s+)?(?:(?:the|a|an|one of the)\s+)?([\w -]{2,50}?)\s+(?:at|of|for|with)\s+(?=[A-Z0-9])",
    r"I(?:['’]m| am)",
)
_I_WORK_AT = Gated(r"\bI work(?:\s+(?:as|on)\s+[^.,;\n]{2,40}?)?\s+at\s+(?=[A-Z0-9])", "I work")
_FOUNDER = re.compile(r"(?i)\b(?:co-?founder|founder|ceo|cto|coo|cfo|vp|owner|president|head)\b")


def self_names(text: str) -> list[Span]:
    out = []
    for m in [*_I_AM_A.finditer(text, 0, 6000), *_I_WORK_AT.finditer(text, 0, 6000)]:
        role = m.group(1) if m.re is _I_AM_A.pattern else None
        if role is not None and not (_FOUNDER.search(role) or is_role_title(role)):
            continue
        name = NAME_AFTER.match(text, m.end())
        if name:
            end = first_sentence_end(text, name.start(1), name.end(1))
            out.append(Span(name.start(1), end, text[name.start(1) : end]))
    return out


def first_sentence_end(text: str, start: int, end: int) -> int:
    """A name read after its anchor ends with its sentence ("at Uber. Whenever you use …" is Uber)."""
    stop = SENTENCE_END.search(text, start, end + 3)  # "Exafluence.I hope": the stop's next words in view
    return stop.start() if stop and stop.start() < end else end


def role_at_names(text: str) -> list[Span]:
    out = []
    for m in [*_AS_A_ROLE_AT.finditer(text, 0, 6000), *_ROLE_FOR_A_ROLE_AT.finditer(text, 0, 6000)]:
        name = NAME_AFTER.match(text, m.end())
        if name is None:
            continue
        if m.re is _AS_A_ROLE_AT.pattern:
            if _YOU_AFTER.match(text, name.end()) and is_role_title(m.group(1)):
                out.append(Span(name.start(1), name.end(1), name.group(1)))
            continue
        # the role written as a title ("a CFO/Controller at …") is enough: the sentence says it hires
        end = first_sentence_end(text, name.start(1), name.end(1))
        if _PLACE_OR_END_AFTER.match(text, end):
            out.append(Span(name.start(1), end, text[name.start(1) : end]))
    return out


def possessive_names(text: str) -> list[Span]:
    out = []
    for m in _AS_OR_JOIN.finditer(text, 0, 6000):
        name = NAME_AFTER.match(text, m.end())
        if name is None:
            continue
        # the possessive may end the name read ("Tracker’s") or stand inside it ("Today’s (CT)")
        cut = re.search(r"['’]s?$", name.group(1)) or re.search(r"['’]s\b", name.group(1))
        if cut is None:
            continue
        end = name.start(1) + cut.start()
        owned = _POSSESSIVE.match(text, end)
        if owned is None:
            continue
        if m.group().startswith("As"):
            role = _ROLE_AFTER.match(text, owned.end())
            if role is None or not is_role_title(role.group(1)):
                continue
        elif not _TEAM_AFTER.match(text, owned.end()):
            continue
        out.append(Span(name.start(1), end, text[name.start(1) : end]))
    return out


# "Greetings from DISYS.", "Hi, This is Krishna from Exafluence.": a recruiter's opening names the firm
# (a person's name in capitals, or one word written small before "from": "This is krishna from Exafluence";
# not "This is built with React", "This is hosted at AWS")
_GREETING = Gated(
    rf"\b(?:Greetings|Warm greetings|Hello|Hi)(?: there)?[ ,!]*(?:from|at)\s+(?={NAME_START})"
    rf"|\b[Tt]his is (?:[A-Z][a-z]+(?: [A-Z][a-z]+)? (?:from|with|at)|[a-z]+ from)\s+(?={NAME_START})",
    "reetings ",
    "ello from",
    "ello there",
    "Hi from",
    "Hi there",
    r"his is [A-Za-z]+(?: [A-Z][a-z]+)? (?:from|with|at) ",
)
_ONE_WORD = re.compile(r"[A-Za-z]+(?=\s*[.!,;:]|$)")


def _a_team_after(text: str, end: int) -> bool:
    """ "This is John from Marketing.": one word of English in title case after the greeting is a team, not
    a firm ("Greetings from SPRUCE", written in capitals, is a firm's)."""
    word = _ONE_WORD.match(text, end)
    return word is not None and not word.group().isupper() and english_word(word.group())


def greetings(text: str) -> list[Span]:
    """Where a recruiter's greeting ends, before the firm it names."""
    return [
        Span(m.start(), m.end(), m.group())
        for m in _GREETING.finditer(text, 0, 6000)
        if not _a_team_after(text, m.end())
    ]
