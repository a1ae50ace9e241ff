"""Years of experience the role itself requires ("8–10+ years, including 2+ years of Go" is 8).

Each "N years" mention is read with the words after it. A mention about overall experience ("5+ years of
experience", "7 years of software development") wins, the smallest of
them when there are several (a degree alternative: "BS with 5 years or MS with 3" is 3). Without one, the
largest mention about a skill or activity counts. Mentions in nice-to-have sentences, about the company
("founded 10 years ago", "for the last two years"), or that refine an earlier mention ("including 2+ years
of Go") are skipped. The regex only runs in short windows around the word "year", found by the shared
phrase pass.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rolemap.extract.caseless import Caseless
from rolemap.extract.document import Document
from rolemap.extract.phrases import windows_around
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span

_WORDS = load_wordlist("years")["numbers"]
_NUM = r"(?:\d{1,2}|" + "|".join(_WORDS) + r")"
_AT_LEAST = ("at least", "minimum(?: of)?", r"min\.?", "over", "more than")
# A mention opens with a digit or the first letter of one of these words: the lookahead rules out every
# other place before the alternatives are tried one by one.
_OPENING = "".join(sorted({w[0] for w in [*_AT_LEAST, *_WORDS]}))
_YEARS = Caseless(
    rf"(?=[{_OPENING}\d])(?:(?P<least>{'|'.join(_AT_LEAST)})\s+)?"
    rf"(?P<lo>{_NUM})(?:\.\d)?\s*(?:\(\d{{1,2}}\+?\)\s*)?(?P<plus>\+|[\s-]?plus|\s?or more)?\s*(?:(?:(?:years?|yrs?)\.?[ \t]*)?(?:-|–|—|to)\s*(?P<hi>{_NUM})\s*\+?\s*(?:or more\s+)?)?"
    rf"(?:\(\d{{1,2}}\)\s*)?(?:(?:solid|full|good|relevant|professional|proven|progressive)\s+)?"
    rf"(?:years?|yrs?\.?)(?:\b|(?=[A-Z])|(?<=\.))(?=(?P<after>(?:[^\n.;]|\.(?=\w)){{0,60}}))"
)
_NOT_EXPERIENCE = re.compile(
    r"^\W*(?:old|ago|in business|in(?=\s*[,;)]|\s+and\s+(?:have|has|are|is|we|our)\b)|of (?:formal )?(?:education|schooling|college|study|coursework)|of age|warranty|contract|term|guarantee|vesting|cliff|history|running|"
    r"in a row|straight|later|from now|of (?:growth|funding|operations?|profitab\w+|existence|history|heritage|"
    r"excellence|services?|success|successful(?!(?:[ \t]+[\w/&-]+){0,5}?[ \t]+experience\b))\b|[^.\n]{0,30}?\bbehind (?:us|it|them|the company)\b)",
    re.I,
)
# a stretch of time, or the company's own years ("its 30+ years of industry experience", "leveraging our 30
# years in the textbook business"): "its" and "our" right before the number are never the candidate's, nor a
# benefit's waiting period ("401K match after 1 year of employment")
_TIME_NOT_REQUIREMENT = re.compile(
    r"\b(?:last|past|next|previous|coming|first|recent|for the|after|upon|(?:its|our)(?:\s+(?:over|more than|nearly|almost))?)\s*$",
    re.I,
)
_EXPERIENCE_NEAR = re.compile(
    r"\b(?:experience|expertise\s+(?:in|with)\b|exp\b|professional|industry|background|track record)", re.I
)
_EXPERIENCE = re.compile(
    r"^\W*(?:of\s+)?(?P<kind>(?:[\w/.#+-]+\s+){0,6}?)(?:experience|expertise(?=\s+(?:in|with)\b)|exp)\b", re.I
)
# the words that may qualify overall experience ("5 years of relevant professional experience"); any other
# names what the years are of ("3 years Django experience", "5 years of leadership experience"): wordlists.json
_GENERAL_KIND = frozenset(load_wordlist("years")["general_experience_words"])
# words of the sentence, not of a kind, before "experience": "have experience of", "with experience of"
_NO_KIND = frozenset(load_wordlist("years")["no_kind_words"])
# an "-ing" word that is a preposition, not an activity: "experience including team leadership"
_PREPOSITIONS_IN_ING = frozenset(load_wordlist("years")["prepositions_in_ing"])
_OBJECT = re.compile(
    r"^\s*(?P<prep>as|in|with|on|of|[a-z]{2,}ing)\b\s*"  # "in Java", "utilizing QlikView", "managing a team"
    r"(?:a\s+|an\s+|the\s+)?(?P<what>[^,;(]{0,40})",
    re.I,
)
_AFTER_YEARS = re.compile(
    r"^\W*(?P<prep>as|of|with|in|using|[a-z]{3,}ing)\b\s*"
    r"(?:a\s+|an\s+|the\s+)?(?P<what>[^,;(]{0,40})",
    re.I,
)
_ROLE_WORK = re.compile(
    r"^\W*(?:[\w/.#+-]+\s+){0,3}?(?:development|engineering|programming|design|administration)\b", re.I
)
# a kind of software work is a whole field with its field's noun ("backend development", "web
# applications"), not with a tool's ("a backend MVC framework", "web frameworks" are a skill's years)
_GENERAL_WHAT = re.compile(
    r"^(?:software|professional|industry|relevant|related|hands[- ]on|progressive|"
    r"(?:backend|back-end|web|full[- ]stack)\b(?!\s+(?!development|engineering|programming|software|"
    r"applications?|apps?|services|systems|sites?|products?|projects?|experience)\w)|"
    # IT as a whole field, not a part of it ("IT Project Management", "IT security" are a skill's years)
    r"engineering|development|programming|technical|it\b(?!\s+(?!industry|field|sector|environment|background|or\b|and\b|roles?\b|positions?\b)[a-z])|"
    r"information technology|coding|"
    r"production|commercial|post[- ]graduate|work\b|working\b|a similar|similar|this|the field|"
    r"computer science|in software|"
    # a degree the years go with is no field of their own: "5+ years with a Bachelor's or 3+ with a Master's"
    # (not "Master Data Management", "MS SQL Server")
    r"bachelor(?:['’]?s)?\b|(?:master|doctor)(?:['’]?s\b|\s+(?:degree|of)\b)|associate(?:['’]s|\s+degree)\b|"
    r"ph\.?d\b|mba\b|doctorate\b|degree\b|"
    r"[bm]\.?s\.?c?\.?(?:\s+(?:in|degree)\b|\s*$))",
    re.I,
)
# The activities a number of years is spent on in any sentence; any other "-ing" word counts only where the
# mention opens a requirement's item ("• 3+ years testing web apps", "- 2+ years shipping web applications")
_WORK_VERBS = frozenset(
    {
        "as",
        "of",
        "with",
        "in",
        "using",
        "working",
        "building",
        "developing",
        "writing",
        "programming",
        "doing",
    }
)
_ITEM_OPENS = re.compile(r"(?:^|[\n•·*\-–\"“])\W{0,3}(?:(?i:a )?(?i:minimum of|at least)\s+)?$")
_REFINES = re.compile(r"\b(?:including|includes|of which|with at least|with|plus)\W*$", re.I)
_WINDOW = 70


@dataclass(frozen=True, slots=True)
class YearsMention:
    lo: int
    hi: int | None
    general: bool
    span: Span


def extract_years(doc: Document) -> tuple[dict[str, int | None] | None, tuple[Span, ...]]:
    sections = doc.sections
    mentions = [
        m
        for m in mentions_of(doc)
        if not sections.is_nice_to_have(m.span.start, m.span.end)
        and sections.kind_at(m.span.start) not in ("benefits", "about", "apply")
    ]
    if not mentions:
        return None, ()
    general = [m for m in mentions if m.general]
    chosen = min(general, key=lambda m: m.lo) if general else max(mentions, key=lambda m: m.lo)
    return {"min": chosen.lo, "max": chosen.hi}, (chosen.span,)


def mentions_of(doc: Document) -> list[YearsMention]:
    text = doc.text
    out: list[YearsMention] = []
    seen: set[int] = set()
    for start, end in windows_around(text, doc.hits.spans("anchors/years"), _WINDOW, _WINDOW):
        for m in _YEARS.finditer(text, start, end):
            mention = _read(text, m)
            if mention is None or mention.span.start in seen:
                continue
            seen.add(mention.span.start)
            if out and _refines(text, out[-1], mention):
                continue
            if out and _closes_a_range(text, out[-1], mention):
                first = out[-1]  # "3 Years to 6 Years", "Minimum 3 years, maximum 6 years": one range
                out[-1] = YearsMention(first.lo, mention.lo, first.general, first.span)
                continue
            out.append(mention)
    return out


def _read(text: str, m: re.Match[str]) -> YearsMention | None:
    after = _group(text, m, "after") or ""
    if _NOT_EXPERIENCE.match(after) or _TIME_NOT_REQUIREMENT.search(text[max(0, m.start() - 20) : m.start()]):
        return None
    hi_text = _group(text, m, "hi")
    lo, hi = _number(_group(text, m, "lo") or ""), _number(hi_text) if hi_text else None
    if lo is None or lo > 30 or (hi is not None and (hi < lo or hi > 40)):
        return None
    near = text[max(0, m.start() - 60) : m.end("after")]
    before = text[max(0, m.start() - 30) : max(0, m.start() - 1)]  # up to the bracket
    # "a senior (10+ years) Java developer", ".Net Developer (10+ Years)": a bound in brackets beside the
    # role is its experience; "Fellowship (1 year)" is a length, "an established (20+ years) company" an age
    bracketed = (
        text[m.start() - 1 : m.start()] == "("
        and after.startswith(")")
        and bool(_group(text, m, "plus") or hi_text or _group(text, m, "least"))
        and not _AN_AGE.match(after[1:])
        and not _A_LENGTH_BEFORE.search(before)
    )
    activity = _AFTER_YEARS.match(after)
    if (
        activity
        and activity.group("prep").lower() not in _WORK_VERBS
        and not _ITEM_OPENS.search(text, max(0, m.start() - 30), m.start())
    ):
        activity = None  # "profitable for four years, enabling us": an -ing clause in a sentence, no item
    if not (bracketed or _EXPERIENCE_NEAR.search(near) or activity or _ROLE_WORK.match(after)):
        return None
    end = m.start("after")
    general = not _EXPERIENCE_BEFORE.search(before) if bracketed else _is_general(after)
    if not general and not after.strip(" ):,"):
        general = _overall_before(text, m.start())
    return YearsMention(lo, hi, general, Span(m.start(), end, text[m.start() : end]))


def _overall_before(text: str, at: int) -> bool:
    """ "overall IT experience of 6+ years", "must have experience of 5 years": experience named before the
    number, on its line, by no word or a general one; not "Java experience of 7 years"."""
    named = _EXPERIENCE_OF.search(text, max(0, at - 50), at)
    if named is None:
        return False
    word = (named.group("word") or "").lower()
    return not word or word in _GENERAL_KIND or word in _NO_KIND


_EXPERIENCE_OF = re.compile(
    r"(?i)(?:^|(?<=[^\w]))(?:(?P<word>[\w/.#+-]+)[ \t]+)?(?:experience|exp)[ \t]+(?:of|:)[ \t]*"
    r"(?:at least[ \t]+|minimum[ \t]+(?:of[ \t]+)?)?$"
)


# "Duration: Long Term (2+ years)", "Project Duration: (1+ year)": a contract's length, not experience
_A_LENGTH_BEFORE = re.compile(r"(?i)\b(?:duration|term|length|contract|assignment|project|engagement)\W*$")
_AN_AGE = re.compile(r"\s*(?:compan|firm|business|organi[sz]ation|agency|startup|history|old)", re.I)
_EXPERIENCE_BEFORE = re.compile(r"(?:experience|exp)\W*$", re.I)  # "team lead experience (2+ years)"


def _group(text: str, m: re.Match[str], name: str) -> str | None:
    """A group's text as the posting writes it (a caseless match of ASCII text holds it lowercased)."""
    start, end = m.span(name)
    return None if start < 0 else text[start:end]


def _is_general(after: str) -> bool:
    """Overall experience: no object, or a whole field ("in software development")."""
    experience = _EXPERIENCE.match(after)
    if experience:
        if any(w not in _GENERAL_KIND for w in experience.group("kind").lower().replace("'", " ").split()):
            return False
        obj = _OBJECT.match(after[experience.end() :])
        return obj is None or obj.group("prep").lower() in _PREPOSITIONS_IN_ING or _general_object(obj)
    obj = _AFTER_YEARS.match(after)
    if obj:
        return _general_object(obj)
    work = _ROLE_WORK.match(after)
    return bool(work and _GENERAL_WHAT.match(after.lstrip(" -–:")))


def _general_object(obj: re.Match[str]) -> bool:
    what = obj.group("what").strip()
    if obj.group("prep").lower() == "as":
        return False  # "2+ years as a tech lead": a part of the career, not the whole
    return not what or bool(_GENERAL_WHAT.match(what))


_STOP = re.compile(r"[.;\n]")


def _refines(text: str, previous: YearsMention, mention: YearsMention) -> bool:
    """'8+ years, including 2+ years of Go': the second mention is a detail of the first."""
    between = text[previous.span.end : mention.span.start]
    return (
        len(between) <= 45
        and not _STOP.search(between)
        and bool(_REFINES.search(between))
        and not _ALTERNATIVE.search(between)  # "BS with 5 years or MS with 3 years": another way in
    )


# an "or" that opens the second mention with a degree or a name: "… or MS with 3 years", "… or a Master's
# degree with"; not one inside the first mention's object ("in Java or Python, including 2+ years")
_ALTERNATIVE = re.compile(r"(?i)\bor\s+(?:an?\s+|the\s+)?(?-i:[A-Z])[\w'’.]*(?:\s+[\w'’.]+){0,3}?\s+with\W*$")


_RANGE_BETWEEN = re.compile(
    r"(?i)[ \t]*(?:-|–|—|to|,?[ \t]*(?:and[ \t]+)?max(?:imum)?\.?(?:[ \t]+of)?)[ \t]*"
)


def _closes_a_range(text: str, previous: YearsMention, mention: YearsMention) -> bool:
    """The second bound of a range written with its unit twice ("4 Years - 8 Years")."""
    return (
        previous.hi is None
        and mention.lo > previous.lo
        and _RANGE_BETWEEN.fullmatch(text, previous.span.end, mention.span.start) is not None
    )


def _number(token: str) -> int | None:
    token = token.lower()
    if token.isdigit():
        return int(token)
    return _WORDS.get(token)
