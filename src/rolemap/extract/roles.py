"""The roles a posting hires for and their families (../shared/spec/extraction.md, version 2).

Roles come from the header's role segments ("Backend Engineer, Frontend Designer" is two), else from the
lines of the text that are a role title on their own or a field naming the roles (`role_lines`), and the
prose and lists of a post without a title (`role_mentions`). A role's family comes from its title
(`data/roles.json`: the first family whose pattern matches); a generic title ("Software Engineer", "Java
Developer") is decided by `role_family` from the technology it names and the posting's skills.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from rolemap.extract.caseless import Caseless, first_found
from rolemap.extract.phrases import expand
from rolemap.extract.taxonomy import load_taxonomy
from rolemap.extract.wordlists import load_wordlist

MAX_ROLES = 12  # a posting listing more is a careers page; the first twelve are kept


@dataclass(frozen=True)
class RoleBook:
    # Matched case-insensitively (fast on ASCII text: see extract/caseless.py).
    families: tuple[tuple[str, Caseless], ...]
    role_noun: Caseless
    engineering_noun: Caseless
    engineering_leader: Caseless
    client_side: frozenset[str]
    mobile: frozenset[str]
    not_a_device: frozenset[str]  # the taxonomy's hardware that no firmware is written for (CUDA: GPUs)
    server_side_categories: frozenset[str]
    server_side: frozenset[str]
    server_side_topics: frozenset[str]
    levels: tuple[tuple[str, Caseless], ...]
    generic_noun: Caseless
    title_skills: dict[str, str]  # skill id named in a title → family
    # a name written in a title → the title_skills key it gives ("node.js" → nodejs)
    title_names: dict[str, str]
    title_categories: dict[str, str]  # taxonomy category of a skill named in a title → family
    browser_languages: frozenset[str]  # beside a server's technology in a title, the browser side
    hiring_cue: Caseless
    prose_noun: Caseless
    family_words: frozenset[str]  # a part of a role list that names a kind of role alone ("Backend")
    title_words: frozenset[str]  # levels and neutral title words ("senior", "software")
    candidate_words: frozenset[str]  # praise of the person asked for ("experienced", "talented")


# The patterns the role readers split and trim titles with, compiled once.
_LIST_SEPARATOR = re.compile(r"\s*(?:[,/&;]|\band\b|\bor\b)\s*")
_MORE = re.compile(r"(?i)\s*(?:and\s+)?(?:many\s+)?(?:more|others?|etc\.?)[.!]*\s*")
_GLUED_NOUN = re.compile(r"(?<=[A-Za-z]{3})-(?=[A-Za-z]{3})")
WORK_OF_A_KIND = re.compile(r"(?i)\s+(?:engineering|development)\s*$")
_KINDS_SEPARATOR = re.compile(r"[/,&]|\bor\b|\band\b")
_HEAD_END = re.compile(r"\s+[-–—|]\s+|\s*\(")
_NEXT_PART = re.compile(r"(?:\s*(?![-–—]+\s)[^\s,/;|&():.!?–—]+){0,5}")
_TITLE_WORD = re.compile(r"[\w.+#-]+")
_LABEL_WORD = re.compile(r"[^\s/,&]+")


@cache
def roles_data() -> dict[str, Any]:
    """data/roles.json as read: the role book's patterns and lists, and the words of `role_lines`."""
    raw = resources.files("rolemap.extract").joinpath("data/roles.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(raw)
    return data


# A role's title may name many of a leader's role ("Engineering Managers", "Solutions Architects", "Tech
# Leads"), where the posting's own level words, read apart from its roles, name one. Not "Interns" or
# "Principals": in a Hacker News header they are flags ("interns OK", "Principals only. No recruiters").
_LEADERS = re.compile(r"(?:manager|mgr|director|lead|leader|architect|vp)$")


def _plural(literal: str) -> str:
    return literal + "s?" if _LEADERS.search(literal) else literal


@cache
def role_book() -> RoleBook:
    data = roles_data()
    titles = load_wordlist("seniority_title")
    levels = tuple(
        # the same words the document scan looks for: phrase syntax, expanded to literals ("sr.?" is "sr"
        # or "sr.", never "SRE")
        (
            level,
            Caseless(
                r"(?<![\w.])(?:"
                + "|".join(_plural(form) for form in _literals(titles[level]))
                + r")(?![\w])"
                + (f"(?!{_MID_COMPOUND})" if level == "mid" else "")
            ),
        )
        for level in titles["order"]
    )
    return RoleBook(
        families=tuple(
            (family, Caseless(rf"(?<![\w-])(?:{pattern})")) for family, pattern in data["families"]
        ),
        # "Backend-Engineer", "Web-Developers" (so written in European posts): a kind glued on by a hyphen;
        # not "re-engineer", nor a firm's "Timing-Architects"
        role_noun=Caseless(
            rf"(?:(?<![\w-]){_glued_kinds(data['family_words'])})(?:{data['role_nouns']})(?![\w-])"
        ),
        engineering_noun=Caseless(rf"(?<![\w-])(?:{data['engineering_nouns']})(?![\w-])"),
        engineering_leader=Caseless(rf"(?<![\w-])(?:{data['engineering_leaders']})(?![\w-])"),
        client_side=frozenset(data["client_side_skills"]),
        mobile=frozenset(data["mobile_skills"]),
        not_a_device=frozenset(data["not_a_device"]),
        server_side_categories=frozenset(data["server_side_skills_categories"]),
        server_side=frozenset(data["server_side_frameworks"]),
        server_side_topics=frozenset(data["server_side_topics"]),
        levels=levels,
        generic_noun=Caseless(rf"(?<![\w-])(?:{data['generic_nouns']})(?![\w-])"),
        title_skills={k: v for k, v in data["title_technology"]["skills"].items()},
        title_names=dict(data["title_technology"]["names"]),
        title_categories={k: v for k, v in data["title_technology"]["categories"].items()},
        browser_languages=frozenset(data["title_technology"]["browser_languages"]),
        hiring_cue=Caseless(rf"(?<![\w-])(?:{data['hiring_cues']})(?![\w-])"),
        prose_noun=Caseless(rf"(?<![\w-])(?:{data['prose_role_nouns']})(?![\w-])"),
        family_words=frozenset(data["family_words"]),
        title_words=frozenset(data["title_words"]),
        candidate_words=frozenset(data["candidate_words"]),
    )


# "Mid" glued by a hyphen to a word makes a compound, no level: "Mid-Market", "Mid-size", "Mid-tier" (its
# own compounds stay: "Mid-Level", "Mid-Senior", "Mid-to-Senior", the UK's "Mid-weight")
_MID_COMPOUND = r"(?<=[Mm][Ii][Dd])-(?!(?:level|lvl|senior|snr|sr|junior|jr|lead|weight|to|career)\b)[A-Za-z]"
MID_COMPOUND = re.compile(r"(?i)" + _MID_COMPOUND)


def _glued_kinds(family_words: list[str]) -> str:
    """Lookbehinds for a one-word kind and a hyphen before a role noun: "|(?<=-)(?:(?<=backend-)|…)"; the
    hyphen is looked for first, so the engine passes a place inside a word with one test, not thirty."""
    kinds = "|".join(f"(?<={re.escape(w)}-)" for w in sorted(family_words) if re.fullmatch(r"[a-z]+", w))
    return f"|(?<=-)(?:{kinds})"


def _literals(phrases: list[str]) -> list[str]:
    """Each phrase's literal forms as regex alternatives, longest first (so "sr." wins over "sr")."""
    forms = {form for phrase in phrases for form in expand(phrase)}
    return [re.escape(form) for form in sorted(forms, key=lambda f: (-len(f), f))]


@lru_cache(maxsize=50_000)
def is_role_title(text: str, notes: bool = True) -> bool:
    """A role title holds a role noun ("engineer", "developers", "intern"), or is a list of family words
    ("Frontend, Backend, Business Development"), each with its stack in brackets or not (`notes`: "Backend
    (C#), Web, Android, iOS")."""
    if role_book().role_noun.search(text):
        return True
    if text.count("(") != text.count(")"):
        return False  # a piece of a bracket cut apart ("iOS and/or Android)")
    bare = STACK_NOTE.sub("", text) if notes else text
    parts = without_more([p for p in _LIST_SEPARATOR.split(bare) if p.strip()])
    # "Frontend Engineering", "Web Development": a kind of work named as its team
    return bool(parts) and all(family_word(p) or family_word(WORK_OF_A_KIND.sub("", p)) for p in parts)


# a kind's stack in brackets, a note on it: "Backend (C#)"
STACK_NOTE = re.compile(r"[ \t]*\([^()\n]*\)")


def family_word(part: str) -> bool:
    return part.strip().lower() in role_book().family_words


# "software" between a kind and its noun: "Staff UI Software Engineer", "Data Software Developer"
_SOFTWARE_BEFORE_NOUN = re.compile(r"(?i)(?<=\w)[ ]+software(?=[ ]+(?:engineer|developer|programmer)s?\b)")


@lru_cache(maxsize=20_000)  # titles repeat across postings ("Senior Software Engineer")
def title_family(title: str) -> str | None:
    """The family a title's own words name, or None ("Software Engineer" names none)."""
    family = first_found(role_book().families, title)
    if family == "non_software" and "/" in title and _DESIGNER.search(title):
        return _the_developer_side(title) or family
    if family is not None:
        return family
    if _GLUED_NOUN.search(title):  # "Data-scientists", "Backend-Engineer": the words a hyphen glues
        return title_family(_GLUED_NOUN.sub(" ", title))
    if _SOFTWARE_BEFORE_NOUN.search(title):
        # "UI Software Engineer" is a UI engineer, "Data Software Engineer" a data engineer; but the word
        # says the role writes software: a "Systems" or "Cloud Software Engineer" runs no operations
        family = title_family(_SOFTWARE_BEFORE_NOUN.sub("", title))
        return None if family in ("infra", "non_software") else family
    if not family_word(title):
        return None
    # a kind alone names the role it is the kind of: "Backend" an engineer, "Web" a developer
    return title_family(f"{title} engineer") or title_family(f"{title} developer")


def _the_developer_side(title: str) -> str | None:
    """A designer who builds the software too ("Web Developer/Designer", "Front-end Engineer/Designer", "UX
    Designer/Front-end Developer"): the family of the side that develops, since the person writes the code.
    Each side is a role, its noun last; a side that is a noun alone takes the kind of the side before it
    ("UI Designer / Developer" is a UI developer). "Mobile UX/UI Designer" has one side, a designer's; a
    hardware side stays a designer's trade ("Electrical Designer/Engineer", "Lighting Designer")."""
    sides = [words for side in title.split("/") if (words := side.split())]
    for n, words in enumerate(sides):
        if len(words) == 1 and n:
            words = [*sides[n - 1][:-1], *words]  # "Developer" after "UI Designer"
        if _DEVELOPS.fullmatch(words[-1]):
            family = first_found(role_book().families, " ".join(words))
            if family is not None and family not in ("non_software", "embedded"):
                return family
    return None


_DESIGNER = re.compile(r"(?i)\bdesigners?\b")
_DEVELOPS = re.compile(r"(?i)(?:developer|engineer|programmer|coder)s?")


@lru_cache(maxsize=20_000)
def seniority_of(title: str) -> str | None:
    return first_found(role_book().levels, _SELLS.sub(" ", _PRONOUN_I.sub(" ", title)))


# "I'm an engineer", "developers I can hire": the pronoun, not level I ("Engineer I"); nor is "I/O"
_PRONOUN_I = re.compile(r"\bI(?=['’]| (?!or\b|and\b|to\b|through\b)[a-z]|/O\b)")  # not "Analyst I or II"


def no_level_i(text: str, at: int) -> bool:
    """Whether the "I" at `at` is the pronoun or I/O, or the "i" of "iOS" or "iPhone" (the scan matches
    case-blind, and reads a seam of case as a word's end): level I is a capital standing alone."""
    if text[at] not in "iI":
        return False  # another word of the level ("Junior")
    if text[at + 1 : at + 2].isalpha():  # "iOS", "iPhone", "IT": a word the scan cut at a seam of case
        return True
    return _PRONOUN_I.match(text, at) is not None


# "Business Development Manager" sells: no manager of software development (as `seniority.py` reads a title)
_SELLS = re.compile(r"(?i)\bbusiness[ -]development\b")


def a_level_word(word: str) -> bool:
    """A word that gives a role its level and no more ("Senior", "Lead", "Associate"): not level I, and not
    a role of its own ("Intern", "Director", "VP")."""
    level = seniority_of(word) if word != "I" else None
    return level is not None and not (
        level in {"intern", "manager"} and role_book().role_noun.fullmatch(word)
    )


def without_more(parts: list[str]) -> list[str]:
    """A list's parts without a last "and more", "etc." or "many others" ("Frontend, Backend, etc.")."""
    return parts[:-1] if len(parts) > 2 and _MORE.fullmatch(parts[-1]) else parts


def kind_modifier(word: str) -> bool:
    """A word that may qualify a role's noun: a level or neutral title word, a family word or a technology."""
    lowered = word.lower()
    return lowered in role_book().title_words or all(
        family_word(part) or part in technology_names() for part in lowered.split("/") if part
    )


@lru_cache(maxsize=50_000)
def kinds_only(label: str) -> bool:
    """A label that names kinds of role and nothing else, each word a kind's, a level's or a technology's:
    "Site Reliability", "Python Backend", "Distributed Systems" (not "Agora Games Blog", "Our technical
    infrastructure")."""
    book = role_book()
    covered = [m.span() for _, pattern in book.families for m in pattern.finditer(label)]
    if not covered:
        return False
    return all(
        any(start <= w.start() < end for start, end in covered)
        or kind_modifier(w.group())
        or LIST_ITEM_NOUN.fullmatch(w.group())
        for w in _LABEL_WORD.finditer(label)
        if w.group().lower() not in ("and", "or")
    )


def names_a_kind(part: str) -> bool:
    return family_word(part) or any(pattern.search(part) for _, pattern in role_book().families)


# the work a list of openings names ("Backend Development"), not an activity ("Development of algorithms")
LIST_ITEM_NOUN = re.compile(r"(?i)\b(?:development|engineering)\b(?!\s+of\b)")
_KINDS_BRACKET = re.compile(r"[ \t]*\(([^;)\n]{1,80})[;)]")


def names_no_kind(title: str) -> bool:
    return title_family(title) is None and not technologies_in(title)


# a role line's subtitle after a colon, comma or dash, up to a bracket, a link, another dash or the line's
# end: "Software Engineer: Web & Mobile (NYC) https://…", "Software Engineer, Data Systems"
_KINDS_SUBTITLE = re.compile(
    r"[ \t]*(?::|,|[ \t][-–—])[ \t]+([^()\n:|,]{1,60}?)[ \t]*(?=\(|https?://|[-–—|][ \t]|\n|$)"
)


def _kinds_note(text: str, at: int, subtitle: bool) -> re.Match[str] | None:
    bracket = _KINDS_BRACKET.match(text, at)
    if bracket or not subtitle:
        return bracket
    # a subtitle with a role's noun is the next role of a list ("Software Engineers, SDETs in Test")
    note = _KINDS_SUBTITLE.match(text, at)
    return None if note is None or role_book().role_noun.search(note.group(1)) else note


def bracket_kinds(text: str, at: int, subtitle: bool = False) -> list[str]:
    """The kinds a bracket right after a generic title lists: "Software Engineer (frontend/backend/data;
    mid-to-senior+)" → frontend, backend, data; nothing when the bracket says anything else first (a
    stack, "(Rails, React)", is one role's). `subtitle`: a role line's, also its subtitle ("Software
    Engineer: Web & Mobile")."""
    bracket = _kinds_note(text, at, subtitle)
    if bracket is None:
        return []
    parts = [p.strip() for p in _KINDS_SEPARATOR.split(bracket.group(1)) if p.strip()]
    # a list of kinds may hold a word of another sort: "Engineers (Backend, Frontend, Generalists, Product,
    # Infrastructure, Security)" lists five kinds; a stack or a place is no list of kinds
    kinds = [p for p in parts if family_word(p)]
    if (
        len(kinds) >= 2
        and len({title_family(f"{kind} engineer") or title_family(kind) for kind in kinds}) < 2
    ):
        return []  # "(Site Reliability/SRE)": one kind named two ways, one role
    return kinds if kinds == parts or (len(kinds) >= 2 and 2 * len(kinds) > len(parts)) else []


def bracket_kind(text: str, title: str, at: int, subtitle: bool = False) -> str | None:
    """The words of a bracket right after a generic title when they name one kind of role, which the title
    with its bracket keeps: "Software Engineer (Full Stack Web)" → "Full Stack Web"; None for "(Sauce
    Connect)", "(Berlin)", a list of kinds ("Backend, API, Data, ML") or a title whose bracket makes it
    another trade's ("Staff Engineer (Java/Cloud)" reads as a civil engineering title)."""
    bracket = _kinds_note(text, at, subtitle)
    words = bracket.group(1).strip() if bracket else ""
    kinds = {title_family(part.strip()) for part in _KINDS_SEPARATOR.split(words) if part.strip()} - {None}
    # an engineer's business team is whom the software serves, not its kind ("Software Engineer, Finance")
    if kinds == {"non_software"} and role_book().engineering_noun.search(title):
        return None
    return words if len(kinds) == 1 and title_family(f"{title} ({words})") in kinds else None


def role_head(title: str) -> str:
    """ "Senior Back End Developer - Python, Big Data" → the role without the stack or place after it. A
    bracket inside the role's own words is kept with them: in "Oracle HCM Cloud (Fusion) Solution Developer"
    or "Quality Assurance (QA) Engineer" the words before it name no role, and those after it do."""
    role_noun = role_book().role_noun
    inside = 0  # the end of the last bracket kept inside the role's words
    for cut in _HEAD_END.finditer(title):
        if cut.start() < inside:
            continue
        head = title[: cut.start()].strip()
        if cut.group().endswith("(") and not role_noun.search(head):
            close = title.find(")", cut.end())
            # the role noun in the words that go on after the bracket, not in the next role of a list
            # ("Backend (Go) / Frontend / Product Designer")
            after = _NEXT_PART.match(title, close + 1) if close != -1 else None
            if after and role_noun.search(after.group()):
                inside = close + 1
                continue
        return head if len(head) >= 2 else title
    return title.strip() or title


@cache
def technology_names() -> dict[str, str]:
    """Every taxonomy name and alias, lower case → skill id. Not the ids, which postings need not write: an
    O*NET product's id may be its acronym in lower case ("first", "apps", "epic")."""
    names: dict[str, str] = {}
    for sid, entry in load_taxonomy().items():
        for name in (entry.name, *entry.aliases):
            names.setdefault(name.lower(), sid)
    return names


@lru_cache(maxsize=20_000)
def technologies_in(title: str) -> tuple[str, ...]:
    """Skill ids a title names ("Sr. Java Engineer" → java), by the taxonomy's names and aliases."""
    technologies, book = technology_names(), role_book()
    words = _TITLE_WORD.findall(title.lower().replace(". ", " "))
    found: list[str] = []
    taken: set[int] = set()  # words a longer name holds: "Oracle EBS" is no Oracle database
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            if taken.intersection(range(i, i + size)):
                continue
            # a name as written (".NET"), else without the dots around it ("Java." ending a sentence)
            name = " ".join(words[i : i + size])
            skill = book.title_names.get(name) or technologies.get(name) or technologies.get(name.strip("."))
            if skill:
                taken.update(range(i, i + size))
                if skill not in found:
                    found.append(skill)
    return tuple(found)
