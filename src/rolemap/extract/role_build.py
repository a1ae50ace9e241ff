"""Each role title a posting names as a role with its family and level (`build_roles`), by the words of
`roles.py`: a posting's own title is one role, a header's or a list's title is cut into its roles, and a
generic title is judged by the skills its sibling roles do not speak for."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from rolemap.extract.role_family import family_of, technology_side, web_of_a_server
from rolemap.extract.role_lines import words_after_cue
from rolemap.extract.role_split import split_roles
from rolemap.extract.roles import (
    LIST_ITEM_NOUN,
    MAX_ROLES,
    STACK_NOTE,
    a_level_word,
    bracket_kinds,
    family_word,
    kinds_only,
    role_book,
    role_head,
    seniority_of,
    technologies_in,
    title_family,
)
from rolemap.models import Role, Span

# The words of the sentence a role was read from, before its title: "We're looking for software engineers",
# "Now Hiring Senior Python Engineers", "is looking for a full-time DBA",
# "As a Senior Software Engineer", "and designers", "our first iOS engineer"
_SENTENCE_WORDS = re.compile(
    r"(?i)^(?:(?:(?:(?:we(?:['’]re| are)|is|are)\s+)?(?:(?:currently|also|now|actively)\s+)?(?:looking\s+for|hiring(?:\s+for)?(?!\s+managers?\b)|seeking)"
    r"|as(?=\s+(?:an?|our|the)\s)|and|or|our(?:\s+first)?|an?|the)\s+)+"
)
# What a header writes before a role's name and is no part of it: a list mark, a count ("2 Backend
# Developers", "2X PHP DEVELOPER"), the role's work model or terms ("ONSITE Frontend Developer", "Full-Time
# Software Engineer", "Contract-to-hire Java Developer"). Those have fields of their own, and the same role
# written with and without them is one role ("FULL TIME Software Engineers" in a header and "Software
# Engineers" in its text). A count is dropped only where what follows opens as a role does, with a level, a
# kind, a technology or a role's noun, and a flag only before a role's noun ("2 Way Radio Installer", "18
# Wheeler Drivers", "Remote Pilot", "Permanent Makeup Artist", "3D Graphics Engineer" keep their words, as do
# "Contract Administrator", plain "contract" being no flag, and "Remote Sensing").
_FLAG = (
    r"(?:fully\s+)?remote(?![\s-]+sens)|on[- ]?site|full[- ]?time|part[- ]?time|contract[- ]to[- ]hire"
    r"|permanent|freelance"
)
_LEADING_MARK = re.compile(r"[#*•>/-]++[\s,.:]*+")
# one count or flag and what parts it from the next; every quantifier possessive or bounded, so a long run
# of marks fails at once instead of trying every way to split it
_LEADING_TERM = re.compile(
    rf"(?i)(?:\d{{1,2}}(?:\s*+x)?(?!\s*+[/–-]\s*+\d)|{_FLAG})(?![\w+#])(?:\s++(?:or|and|&)(?=\s++(?:{_FLAG})\b))?[\s,.:/-]*+"
)
_MOST_TRAILING_FLAGS, _TRAILING_REACH = 4, 40
_MOST_LEADING_TERMS, _ROLE_REACH = 6, 80  # a header writes a few flags before a role, never hundreds
# what a flag is joined to is listed with it: "Full time or intern Rails devs", "Full-Time; Intern", "Remote OK
# for …", "On-Site (London) Software Engineers"
_JOINED_ON = re.compile(r"(?i)\W|(?:or|and|ok)\b")
_FIRST_WORD = re.compile(r"[\w.+#-]++")
# ... and after it: "Lead Server-side Developer, Full Time", "UX Designers (full time)", "iOS Developer,
# Onsite", "Front-End Developer Needed", "Clojure Developers Wanted", "Software Engineers Apply"
_TRAILING_TERM = re.compile(
    rf"(?i)[\s,.:;/-]*+(?:\(\s*+(?:{_FLAG})\s*+\)?+|(?:(?:no\s++)?(?:{_FLAG})|needed|wanted|apply(?:\s++now)?)\b)"
    r"[\s.!]*+$"
)
# a software maker's title: "Developer - Oracle, Peoplesoft Financials and HR" is no HR role
_SOFTWARE_MAKER = re.compile(r"(?i)\b(?:developers?|programmers?|coders?)$")
_WRITES_SOFTWARE = re.compile(r"(?i)\b(?:developers?|programmers?|coders?|engineers?)$")


def without_sentence_words(title: str) -> str:
    """ "We're looking for software engineers" → "software engineers"; "Locu is hiring Frontend Engineers"
    → "Frontend Engineers"; "FULL TIME, ONSITE Frontend Developer" → "Frontend Developer"."""
    return _without_leading_flags(_SENTENCE_WORDS.sub("", words_after_cue(title.strip())))


def _without_leading_flags(title: str) -> str:
    match = _LEADING_MARK.match(title)
    bare = title[match.end() :] if match and match.end() < len(title) else title
    at, counted = 0, False
    ends: list[tuple[int, bool]] = []  # where each term ends, and whether a count was read by then
    while len(ends) < _MOST_LEADING_TERMS and (term := _LEADING_TERM.match(bare, at)) and term.end() > at:
        at, counted = term.end(), counted or bare[at].isdigit()
        ends.append((at, counted))
    # the last term after which the role's words go on, not a list they are joined to ("REMOTE or ONSITE
    # (London) Android Developer" drops "REMOTE or ", "Full time or intern Rails devs" nothing); a flag only
    # before a role's noun ("Full Time Graphic Designer"; not "Remote Pilot"), a count only before words that
    # open as a role does, since numbers start other trades' and firms' names ("7 Eleven Store Associates")
    for end, counted in reversed(ends):
        if end >= len(bare) or _JOINED_ON.match(bare, end):
            continue
        head = bare[end : end + _ROLE_REACH]  # a role's first words: each look is short
        noun = role_book().role_noun.search(head)
        if _starts_as_a_role(head, noun) or (not counted and noun is not None):
            return bare[end:]
    return bare


def _starts_as_a_role(words: str, noun: re.Match[str] | None) -> bool:
    """Whether the words open as a role's name does: a level, a kind, a technology or a role's noun (`noun`,
    the first in them) ("Sr. Software Devs", "Backend Developers", "PHP DEVELOPER", "Engineers"; not "Way
    Radio Installer")."""
    book = role_book()
    first = _FIRST_WORD.match(words)
    if first is None:
        return False
    word = first.group().rstrip(".").lower()
    return bool(
        word in book.title_words
        or word in book.family_words
        or seniority_of(first.group()) is not None
        or technologies_in(first.group())
        or (noun and len(words[: noun.start()].split()) <= 1)  # "Engineers", "UX Designers"
        or " ".join(words.lower().split()[:2]) in book.family_words  # "Front End Developer"
    )


def role_name(title: str) -> str:
    """A role's own name as a header or a sentence writes it, without the sentence's words and the flags
    before and after it: "We're hiring FULL TIME Frontend Developers, Onsite" → "Frontend Developers"."""
    return without_trailing_flags(without_sentence_words(title))


def without_trailing_flags(role: str) -> str:
    """ "Lead Server-side Developer, Full Time" → "Lead Server-side Developer": only where what is left ends
    as a role does, on its noun ("Client Support Specialist, Weekend Full-Time", "Software Engineer, Boston
    or REMOTE", "Call Center-REMOTE" keep their words)."""
    bare = role
    for _ in range(_MOST_TRAILING_FLAGS):  # one flag at a time from the end, looked for in the last words
        term = _TRAILING_TERM.search(bare, max(0, len(bare) - _TRAILING_REACH))
        if (
            term is None
            or term.start() == 0
            or not (bare[term.start() - 1].isalnum() or bare[term.start() - 1] == ")")
        ):
            break
        bare = bare[: term.start()]
    if bare == role:
        return role
    return bare if any(m.end() == len(bare) for m in role_book().role_noun.finditer(bare)) else role


def build_roles(
    titles: list[tuple[str, Span]],
    posting_level: str | None,
    skills: frozenset[str],
    categories: dict[str, str],
    own_title: bool = False,
    required: frozenset[str] | None = None,
    trade: Callable[[], bool] = lambda: False,
) -> list[tuple[Role, Span]]:
    """Each title as a role with its family and level; a single role takes the posting's level. A
    posting's own title is one role, whatever its words ("Watchmaker", "Sales and Customer Experience
    Specialist", "Data Engineer/ETL"): only a header or a list in the text names several."""
    roles: list[tuple[Role, Span]] = []
    seen: set[tuple[str, str]] = set()
    required = skills if required is None else required
    # beside "iOS Engineers" and "Front End Engineers", a "Server Engineer" or a "Lead Engineer" is not
    # judged by the mobile and web skills those roles speak for
    spoken_for = frozenset() if own_title else _spoken_for([t for t, _ in titles])
    for title, span in titles:
        title = without_sentence_words(title)
        if not own_title and _not_an_opening(title):  # "Technical call with CTO or engineer"
            continue
        # a title of no kind whose bracket lists kinds is a role of each ("Software Developer (iOS/Web)")
        split = [role_head(title)] if own_title else split_roles(title)
        kinded = {} if own_title else _bracketed_kinds([title] if len(split) == 1 else split)
        parts = list(kinded) or split
        for part in parts:
            part = role_name(part)
            key = part.lower()
            if not (own_title or _names_a_role(part)):
                continue
            # a role cut from a longer title is judged with its qualifiers ("Staff Engineer (Geotechnical)",
            # "SAP Developer - SQL, Data Modeling"): a posting's own title whole, a header's part alone
            judged = title if own_title else part
            if judged.strip().lower() in _ENGINEERING_OF_NO_KIND:
                judged = "Software Engineer"  # "Engineering" among a post's openings: a generic engineer
            cut = len(parts) == 1 and part != title
            # the role's own words before its qualifiers: "Java/J2EE Developer (Big Data / Hadoop)" is a Java
            # developer's role; the qualifiers decide only a head that names no kind ("Solution Architect,
            # Master Data Management", "Staff Engineer (Geotechnical)", "Software Engineer (full-stack)")
            family, named = kinded.get(part), part
            alone = len(titles) == 1 and len(parts) == 1
            if cut:  # ... save "full stack" named anywhere: it spans the kinds a head names
                whole = title_family(title) or _bracket_family(title, len(part))
                family = title_family(part) or technology_side(
                    technologies_in(part), required, categories, alone
                )
                # ... and a software maker's, whom no other trade's words in them make one of that trade
                # ("Developer - Oracle, Peoplesoft Financials and HR")
                if whole == "non_software" and _SOFTWARE_MAKER.search(part):
                    whole, judged = None, part
                if whole and (whole == "fullstack" or family is None):
                    family, named = whole, title  # the role is named with the words that give its kind
                # a web developer whose bracket names a server's stack: "Web Developer (Ruby/Javascript)"
                if family == "frontend" and web_of_a_server(title, technologies_in(title), categories):
                    family = "fullstack"
            # "Sales, Admin": an office's; a system's administrator is named with it ("sys admin")
            if family is None and key in _BARE_ADMIN and _an_office_s(key, titles):
                family = "non_software"
            family = family or _family_beside(judged, skills, categories, alone, required, trade, spoken_for)
            # "Software Engineer (frontend)" and "(backend)" are two roles; "Sr. PHP Engineer" in the header
            # and "Sr. PHP Engineers" in a sentence one
            same = (role_key(key), family)
            if same in seen:
                continue
            seen.add(same)
            role = Role(named, family, seniority_of(part))
            # two readers' readings of the same words: "Python/Django Engineer" from a list and "Django
            # Engineer" from its sentence are one role, named by the longer
            twin = next((i for i, kept in enumerate(roles) if _one_reading(kept, (role, span))), None)
            if twin is None:
                roles.append((role, span))
            elif len(named) > len(roles[twin][0].title):
                roles[twin] = (role, span)
    if len(roles) == 1 and roles[0][0].seniority is None and posting_level:
        role, span = roles[0]
        roles[0] = (Role(role.title, role.family, posting_level), span)
    return roles[:MAX_ROLES]


def _one_reading(kept: tuple[Role, Span], new: tuple[Role, Span]) -> bool:
    """Whether two roles were read from overlapping words by two readers, one title the other's last words
    (one reader's parts of a list share its words: "Software Engineer, Senior Software Engineer" are two
    roles). Of one family; or the last words name no kind, so theirs was a guess that the longer reading's
    words settle ("Rails / JS engineer" is fullstack, its "JS engineer" alone a guess; "frontend engineers"
    and their "engineers")."""
    (a, a_span), (b, b_span) = kept, new
    (short, short_role), (long, long_role) = sorted(
        ((role_key(r.title.lower()), r) for r in (a, b)), key=lambda pair: len(pair[0])
    )
    short_title = short_role.title
    # a kind alone and the same kind with its noun, anywhere in the post: "Site Reliability" in a header's
    # list and "site reliability engineers" in its text are one opening
    if (
        a.family == b.family
        and family_word(short_title)
        and long.startswith(short + " ")
        and a_span != b_span
    ):
        return True
    if a_span.end <= b_span.start or b_span.end <= a_span.start or a_span == b_span:
        return False
    if a.family != b.family and (
        short == long
        or title_family(short_title) is not None
        or (long_role.family == "non_software" and _WRITES_SOFTWARE.search(short_title) is not None)
    ):
        # "mobile developers" in "full stack/mobile developers" is a second role, and so is the developer
        # of a "UX Designer/Developer": a designer's words give a developer no kind
        return False
    if short == long:  # "Software engineer (Data Platform)" and "Software engineer, Data Platform"
        return True
    if not (long.endswith(short) and long[-len(short) - 1 : -len(short)] in (" ", "/", "-")):
        return False
    # a level in the longer's extra words names another opening: "a Senior Data Engineer and a Data Engineer"
    return not any(a_level_word(word) for word in long[: -len(short)].split())


@lru_cache(maxsize=20_000)  # titles repeat across postings and readers
def role_key(title: str) -> str:
    """One role however it is written: level abbreviations spelt out, the last noun singular ("sr. php
    engineers" → "senior php engineer"), a kind in one word ("back end engineers" is "backend engineer"), a
    qualifier after a comma, colon or dash as in brackets ("Software Engineer, Data Platform" is "Software
    Engineer (Data Platform)"), without the praise of the person asked for ("experienced backend engineer"
    is "backend engineer")."""
    words = [
        _LEVEL_WORDS.get(w, w) for w in _QUALIFIER_MARKS.sub(" ", _KIND_GLUED.sub(r"\1\2", title)).split()
    ]
    praise = role_book().candidate_words
    while len(words) > 1 and words[0] in praise:
        del words[0]
    if words and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words[-1] = words[-1][:-1]
    return " ".join(words)


_QUALIFIER_MARKS = re.compile(r"[(),:–—]|\s-\s")
# a kind written as one word or two: "back end", "back-end", "backend"; "dev ops"; "full-stack"
_KIND_GLUED = re.compile(r"(?i)\b(back|front|dev|full)[- ]?(end|ops|stack)\b")
_LEVEL_WORDS = {"sr.": "senior", "sr": "senior", "jr.": "junior", "jr": "junior"}


def _family_beside(
    title: str,
    skills: frozenset[str],
    categories: dict[str, str],
    alone: bool,
    required: frozenset[str],
    trade: Callable[[], bool],
    spoken_for: frozenset[str],
) -> str:
    """The family of a role, by the skills its sibling roles do not speak for; where those leave no kind
    ("Software engineer" beside "Android developer", and no server-side skill), by all of them."""
    named = technologies_in(title)
    if spoken_for:
        family = family_of(title, skills - spoken_for, categories, named, alone, required - spoken_for, trade)
        if family not in ("other_software", "non_software"):
            return family
    return family_of(title, skills, categories, named, alone, required, trade)


def _spoken_for(titles: list[str]) -> frozenset[str]:
    """The client-side skills of a posting whose roles' own titles name the mobile or the web UI side."""
    book = role_book()
    parts = [part for title in titles for part in split_roles(title)]
    if len(parts) < 2:
        return frozenset()
    families = {title_family(part) for part in parts}
    return (book.mobile if "mobile" in families else frozenset()) | (
        book.client_side if "frontend" in families else frozenset()
    )


_WEB_HEAD = re.compile(r"(?i)(?:\w+\s+)*web\s+(?:developers?|engineers?|programmers?)$")


def _an_office_s(admin: str, titles: list[tuple[str, Span]]) -> bool:
    """A bare "Admin" listed beside another trade's roles ("Designers, Sales, Admin") and no system's
    administrator ("Linux Systems Administrator, Administrator", "Database Architect/Administrator")."""
    others = [
        p for title, _ in titles for p in split_roles(without_sentence_words(title)) if p.lower() != admin
    ]
    return any(title_family(p) == "non_software" for p in others) and not any(
        "admin" in p.lower() for p in others
    )


def _bracketed_kinds(titles: list[str]) -> dict[str, str | None]:
    """The roles of a header's titles when one of no kind has a bracket that lists kinds, a role of each
    ("Software Developer (iOS/Android/Web)" → three), as a line of its own is (`role_lines.roles_in_text`):
    each role's name and the family its kind names ("(Data)" a data engineer's, "(Web)" a web developer's,
    frontend; None where the kind names none and the skills decide); empty when no title has such a bracket."""
    if not any("(" in title for title in titles):
        return {}
    out: dict[str, str | None] = {}
    for title in titles:
        head = role_head(title)
        kinds = bracket_kinds(title, len(head)) if title.startswith(head) else []
        # a web developer's kinds are the ones the bracket names: "Web Developer (front-end and back-end)";
        # a head of any other kind keeps its own ("Frontend Engineer (Web, Mobile)")
        if len(kinds) < 2 or not (title_family(head) is None or _WEB_HEAD.match(head)):
            out[head if len(titles) == 1 else title] = None
        else:
            out.update(
                {f"{head} ({kind})": title_family(f"{kind} engineer") or title_family(kind) for kind in kinds}
            )
    return out if len(out) > len(titles) else {}


def _bracket_family(title: str, at: int) -> str | None:
    """The family of the one kind a bracket names: "Software Engineer (data)" → data."""
    kinds = bracket_kinds(title, at)
    return title_family(f"{kinds[0]} engineer") if len(kinds) == 1 else None


_BARE_ADMIN = frozenset({"admin", "admins", "administrator", "administrators"})
_ENGINEERING_OF_NO_KIND = frozenset(
    {"engineering", "software engineering", "development", "software development"}
)


# "We're a small team of engineers, designers …", "We're engineers, designers & strategists": the team
# describing itself; "Interact with designers", "Work directly with our data scientists", "Technical call
# with CTO": the people a role works with
_WHO_WE_ARE = re.compile(r"(?i)\s*we(?:['’]re| are)\b")
# ("Along with Software Engineers, we're hiring …" lists them)
_WORKS_WITH = re.compile(r"(?i)\b(?:(?<!along )with|alongside)\b")


def _not_an_opening(title: str) -> bool:
    """The team's own description, or the people a role works with: no role the post hires for."""
    book = role_book()
    if _WHO_WE_ARE.match(title) and not book.hiring_cue.search(title):
        return True
    beside = _WORKS_WITH.search(title)
    return beside is not None and not book.role_noun.search(title, 0, beside.start())


def _names_a_role(title: str) -> bool:
    """ "Multiple positions", "other roles", "Engineering" head a list of openings; they are not a role; nor
    is the team's own description, nor the people a role works with."""
    book = role_book()
    stripped = book.generic_noun.pattern.sub(" ", title)
    if _not_an_opening(title):
        return False
    return bool(
        title.strip().lower() in _ENGINEERING_OF_NO_KIND  # listed among a post's openings
        or book.role_noun.search(stripped)
        # a kind alone, its stack in brackets or not: "Backend", "Backend (C#)" in "Backend (C#), Web, iOS"
        or (family_word(STACK_NOTE.sub("", title)) and not book.generic_noun.fullmatch(title.strip()))
        or (
            LIST_ITEM_NOUN.search(title) and title_family(title)
        )  # "Backend Development" in a list of openings
        or kinds_only(title)  # "Distributed Systems - Help make distributed systems easy. You'll …"
    )
