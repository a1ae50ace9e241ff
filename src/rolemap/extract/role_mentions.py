"""Roles a post names in its prose and lists rather than in a title or a line of their own: the kinds a
hiring sentence joins before a role noun ("we're looking for backend or frontend engineers"), the kinds it
lists after one ("engineers up and down the stack: back end, infrastructure, data"), and the items of a
list a hiring line introduces ("Multiple positions including:"). Hacker News posts name their openings
this way; `role_build.build_roles` then gives each its family and level. A posting with a title of its own names
one role, whose kind its hiring sentences may give (`kind_asked`: "looking for a full-stack Java developer").
"""

from __future__ import annotations

import re
from functools import cache

from rolemap.extract.caseless import Caseless
from rolemap.extract.role_split import elided_side
from rolemap.extract.roles import (
    LIST_ITEM_NOUN,
    MAX_ROLES,
    a_level_word,
    bracket_kinds,
    family_word,
    is_role_title,
    kind_modifier,
    kinds_only,
    names_no_kind,
    role_book,
    role_head,
    roles_data,
    seniority_of,
    technologies_in,
    title_family,
)
from rolemap.extract.sections import sentence_bounds
from rolemap.models import Role, Span

_COORDINATOR = re.compile(r"(?i)^(?:,|and|or|&|\||and/or|plus)$")
_PROSE_REACH = 300  # characters a hiring sentence is read back from its noun
_LISTED_ITEM = re.compile(r"[^,;]+")
_ITEM_EDGES = re.compile(r"(?i)^(?:and|or|&)\s+|\s+etc$")
_TOKEN = re.compile(r"[\w.+#/'-]+|[,&|]")
_NAME_WORD = re.compile(r"[\w.+#'-]+")
_NAME_BREAK = re.compile(r"[;:]")


def roles_in_sentences(
    text: str, skip_to: int, nouns: list[Span], generic: bool = True
) -> list[tuple[str, Span]]:
    """Roles named in the prose of a hiring sentence, one for each kind the sentence joins: "we're looking
    for backend or frontend engineers" is two roles, "SW engineers up and down the stack, back end,
    infrastructure, data, dev ops" one for each kind listed after the noun. A noun with no kind before it
    ("looking for engineers") names no role of its own, and one of no kind ("a software developer") only
    when `generic`: a post whose header names its roles describes the same role in other words."""
    book = role_book()
    out: list[tuple[str, Span]] = []
    for noun in sorted(nouns, key=lambda s: s.start):
        if noun.start < skip_to or not book.prose_noun.fullmatch(noun.text):
            continue
        _, stop, cue = _hiring_cue_before(text, noun, skip_to)
        if cue is None:
            continue
        # a bracketed stack is no kind of its own: "front-end (React, Backbone) and back-end (Java) developers"
        before = _BRACKETED.sub(lambda m: " " * len(m.group()), text[cue.end() : noun.start])
        # "Rails and Javascript programmer" is one person; "front-end and back-end engineers" two roles
        kinds = _kinds_before(before, split_and=noun.text.lower().endswith("s")) or _named_role(
            before, noun.text
        )
        # a noun that is its own kind right after the cue: "hiring designers"
        if not kinds and title_family(noun.text) and _CUE_THEN_NOUN.fullmatch(before):
            out.append((noun.text, noun))
        for kind, offset in kinds:
            if not generic and title_family(f"{kind} {noun.text}") is None and not technologies_in(kind):
                continue
            title = f"{kind} {noun.text}"
            at = cue.end() + offset
            out.append((title, Span(at, noun.end, text[at : noun.end])))
        listed = _listed_kinds(text[noun.end : stop], noun.end)
        if len(listed) < 2:
            # "programmers on our mobile (Android), web (Python, Django), and front-end (JS) platforms": the
            # kinds of the teams or platforms named after the noun, their stacks in brackets passed over
            tail = _BRACKETED.sub(lambda m: " " * len(m.group()), text[noun.end : stop])
            listed = _listed_kinds(tail, noun.end, teams=True)
        if len(listed) >= 2:
            # the kinds listed after another noun are that noun's: "hiring designers and all types of devs --
            # mobile, frontend, backend" lists devs, not designers
            other = book.prose_noun.search(text, noun.end, listed[0][1])
            owner = text[other.start() : other.end()] if other else noun.text
            if other:  # its list read from that noun on ("devs -- mobile, …": mobile is one)
                listed = _listed_kinds(text[other.end() : stop], other.end()) or listed
            out.extend((f"{item} {owner}", Span(at, at + len(item), item)) for item, at in listed)
        if len(out) >= MAX_ROLES:
            break
    return out[:MAX_ROLES]


def engineers_of_no_kind(
    text: str, skip_to: int, nouns: list[Span], beside: tuple[str, ...] = ()
) -> list[tuple[str, Span]]:
    """The engineers a hiring sentence asks for without a kind ("IFTTT is looking for engineers to help
    build …", "We're after engineers of numerous descriptions … as well as technical sales and account
    managers"): the software role of a post that names none. `beside`: the titles of the post's other roles,
    all no software work. Beside them the bare noun is the software role only in the plural and where
    none of them is itself an engineer or a developer ("We're looking for an engineer to push our curriculum"
    describes the Director of Curriculum the header names; "engineers" beside a Mechanical Engineer are
    mechanical ones); "not hiring a programmer" hires none."""
    if any(_SOFTWARE_MAKER.search(title) for title in beside):
        return []
    for noun in nouns:
        if noun.start < skip_to or not _SOFTWARE_MAKER.fullmatch(noun.text):
            continue
        if beside and not noun.text.lower().endswith("s"):
            continue
        start, _, cue = _hiring_cue_before(text, noun, skip_to)
        if (
            cue is not None
            and _CUE_THEN_NOUN.fullmatch(text, cue.end(), noun.start)
            and _NOUN_ENDS.match(text, noun.end)
            and not _NEGATED.search(text, max(start, cue.start() - 30), cue.start())
        ):
            return [(noun.text, noun)]
    return []


def _hiring_cue_before(text: str, noun: Span, skip_to: int) -> tuple[int, int, re.Match[str] | None]:
    """The noun's sentence (from `skip_to` at the earliest) and the last hiring cue in it before the noun."""
    start, stop = sentence_bounds(text, noun.start, noun.end, glued=False, reach=_PROSE_REACH)
    start = max(start, skip_to)
    cues = list(role_book().hiring_cue.finditer(text, start, noun.start))
    return start, stop, (cues[-1] if cues else None)


# the nouns of people who make software (not consultants, researchers, interns or admins, whom every trade has)
_SOFTWARE_MAKER = re.compile(r"(?i)\b(?:engineers?|developers?|programmers?|devs?|hackers?|coders?)\b")
# a cue denied just before it: "we are not hiring a programmer", "No, we're not looking for engineers"
_NEGATED = re.compile(r"(?i)(?:\b(?:not|no|never)|n['’]t)\b\W*(?:\w+\W+){0,2}$")


# The noun ends its phrase where punctuation or a function word follows ("engineers who", "engineers and
# designers", "developers to work on"); before another word it heads a longer name ("Developer Advocate")
_NOUN_ENDS = re.compile(
    r"(?i)\s*(?:$|[^\w\s/-]|(?:to|who|whom|whose|who['’]s|which|that|with|and|or|in|for|of|across|at|on|as"
    r"|from|like|plus|but|than|if|when|where)\b)"
)


# "positions in engineering, product, and data science", "hiring for mobile, backend & front-end",
# "openings for Design, Engineering, Sales, QA, DevOps, and more": the kinds of work a post hires for
_ITEM = r"[a-z][\w/&-]*(?:[ \t](?!(?:and|or)\b)[a-z][\w/&-]*)?"
_JOIN = r"[ \t]*(?:,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or|&)[ \t]+)"
_OPENINGS_FOR = re.compile(
    r"(?i)\b(?:roles|positions|openings|opportunities|jobs|hiring)\b[^.\n]{0,25}?(?:\b(?:in|across|on|for|including)[ \t]+|:[ \t]*|\([ \t]*)"
    rf"(?:(?:the|our)[ \t]+)?({_ITEM}(?:{_JOIN}{_ITEM})+)"
)
_OPENINGS_WORDS = ("roles", "positions", "openings", "opportunities", "jobs", "hiring")
_OPENINGS_JOIN = re.compile(rf"(?i){_JOIN}")
_LIST_END = re.compile(r"(?i)^(?:more|others?|other roles|beyond|etc\.?)$")
_WORK_OF_NO_KIND = frozenset(
    {"engineering", "development", "dev", "devs", "tech", "technical", "technology", "software"}
)


def roles_in_openings(text: str, skip_to: int, found: list[tuple[str, Span]]) -> list[tuple[str, Span]]:
    """The kinds of work a post says it hires for, when every part of the list is one ("openings for front
    end, back end, big data", "hiring for Marketing, Recruiting, Finance, and Sales"; not "positions in NYC,
    SF, and Austin"); a kind a role `found` is of adds none, nor does engineering of no kind beside a kind of
    software work."""
    out: list[tuple[str, Span]] = []
    kinds = {title_family(title) for title, _ in found} - {None}
    done = skip_to
    for word_at in _openings_words(text, skip_to):
        m = _OPENINGS_FOR.match(text, word_at) if word_at >= done else None
        if m is None:
            continue
        done = m.end()
        parts: list[tuple[str, int]] = []
        at = m.start(1)
        for join in [*_OPENINGS_JOIN.finditer(text, m.start(1), m.end(1)), None]:
            end = join.start() if join else m.end(1)
            parts.append((text[at:end], at))
            at = join.end() if join else end
        while parts and _LIST_END.match(parts[-1][0]):
            parts.pop()
        if len(parts) < 2 or not all(
            family_word(part) or kinds_only(part) or part.lower() in _WORK_OF_NO_KIND for part, _ in parts
        ):
            continue
        # engineering of no kind beside other trades only is the post's software role, its kind the
        # skills' ("positions in Marketing, Engineering, Sales, HR"); beside a kind of software work, or a
        # role found of one, it adds nothing
        software = any(k not in (None, "non_software") for k in kinds) or any(
            title_family(part) not in (None, "non_software") for part, _ in parts
        )
        for part, at in parts:
            generic = part.lower() in _WORK_OF_NO_KIND
            if (not generic and title_family(part) not in kinds) or (generic and not software):
                out.append((part, Span(at, at + len(part), part)))
                software = software or generic  # one such role
    return out[:MAX_ROLES]


def _openings_words(text: str, start: int) -> list[int]:
    """Where the words a list of openings follows stand, found by plain string search: the pattern tried at
    every character took twice as long over the HN dump."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): offsets would drift
        return [m.start() for m in _OPENINGS_FOR.finditer(text, start)]
    places: list[int] = []
    for word in _OPENINGS_WORDS:
        at = lowered.find(word, start)
        while at != -1:
            places.append(at)
            at = lowered.find(word, at + len(word))
    return sorted(places)


# Between a hiring cue and its noun: nothing, or an article ("looking for a designer", "hiring designers")
_CUE_THEN_NOUN = re.compile(r"(?i)\s*(?:(?:an?|some|more|two|three|several)\s+)?")


def _listed_kinds(tail: str, at: int, teams: bool = False) -> list[tuple[str, int]]:
    """The kinds a hiring sentence lists after its noun ("engineers (full-stack, front-end, data)"), with
    where each starts; `teams`: each may be named as a team or a platform ("on our mobile and web teams")."""
    opened = len(tail) - len(tail.lstrip())
    if tail[opened : opened + 1] == "(" and ")" in tail and not teams:
        # "developers (iOS, Android, backend) now": the bracket's kinds, when it lists some
        bracketed = _listed_kinds(tail[: tail.index(")")], at, teams)
        if len(bracketed) >= 2:
            return bracketed
    listed = []
    for m in _LISTED_ITEM.finditer(tail):
        item = m.group().strip(" .():-")
        item = _ITEM_EDGES.sub("", _TEAM_EDGES.sub("", item).strip() if teams else item)
        if family_word(item):
            listed.append((item, at + m.start() + m.group().find(item)))
    return listed


def kind_asked(role: Role, text: str, skip_to: int, nouns: list[Span]) -> Role:
    """A posting's own title that names no kind ("Sr. Java Engineer", "Software Engineer") takes the kind its
    hiring sentences give the role, when they give one: "looking for a senior full-stack Java developer".
    A title that names both sides is one person on both: "Senior Java Server Side/Front End Developer"."""
    if (
        role.family in ("backend", "frontend")
        and _FRONT_END.search(role.title)
        and _BACK_END.search(role.title)
        and not _EITHER.search(role.title)  # "Frontend or Backend Engineer": one side, either
    ):
        return Role(role.title, "fullstack", role.seniority)
    if role.family == "non_software" or title_family(role.title) is not None:
        return role  # another trade's role, or a title that names its kind itself
    asked = roles_in_sentences(text, skip_to, nouns, generic=False)
    # "web developer" names no side of the stack ("talented Web Developers" for an Elixir role), and a
    # non-software role asked for beside it is another opening of the same post
    kinds = {
        kind
        for name, _ in asked
        if not _WEB_DEVELOPER.search(name) and (kind := title_family(name)) is not None
    }
    if len(kinds) != 1 or "non_software" in kinds:
        return role
    return Role(role.title, kinds.pop(), role.seniority)


_WEB_DEVELOPER = re.compile(r"(?i)\bweb (?:developer|engineer|programmer)s?\b")
_FRONT_END = re.compile(r"(?i)\bfront[- ]?end\b")
_BACK_END = re.compile(r"(?i)\b(?:back[- ]?end|server[- ]side)\b")
_EITHER = re.compile(r"(?i)\b(?:or|either)\b")


_TEAM_EDGES = re.compile(
    r"(?i)^(?:on|in|for|across|to join)\s+(?:our|the)\s+|\s+(?:teams?|platforms?|sides?)$"
)
_BULLET = re.compile(r"[ \t]*(?:[-*•·>]+|\d+[.)]|\(?[a-z]\))[ \t]+")  # "- ", "1. ", "a) ", "(b) "
MAX_LISTED = 15  # items read after one introducing line
_BRACKETED = re.compile(r"\([^()\n]*\)")
_INTRO_END = re.compile(r":[ \t]*\n")
_REQUIREMENTS_HEADING = re.compile(r"(?i)\W*(?:what|skills?|requirements?|qualifications?|experience)\b")
_OPENINGS = Caseless(r"\b(?:positions|roles|openings|opportunities|vacancies)\b")


def roles_in_lists(text: str, skip_to: int) -> list[tuple[str, Span]]:
    """The items of a list a hiring line introduces ("we are hiring engineers for the following areas:",
    "Multiple positions including:"), each that names a kind of role: "(Frontend) Web Development",
    "Back End, Full Stack, and Front End Software Development Engineers" (one role a kind)."""
    book = role_book()
    out: list[tuple[str, Span]] = []
    for colon in _INTRO_END.finditer(text, skip_to):
        intro = text[text.rfind("\n", 0, colon.start()) + 1 : colon.start()]
        named = _OPENINGS.search(intro) or (
            book.hiring_cue.search(intro)
            and (book.prose_noun.search(intro) or book.generic_noun.search(intro))
        )
        # a line that only ends with its cue ("Specifically, we're looking for:") introduces roles; one that
        # may head requirements ("What we're looking for:", "Skills we're looking for:") only the items
        # that name a role noun ("- a frontend developer: React"; not "- Data engineering background")
        cue_only = not named and _ends_with_cue(intro)
        if not (named or cue_only):
            continue
        nouns_only = bool(cue_only and _REQUIREMENTS_HEADING.match(intro))
        at = colon.end()
        for _ in range(MAX_LISTED):
            while text.startswith("\n", at):  # blank lines between the items
                at += 1
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            bullet = _BULLET.match(text, at, end)
            if bullet is None:
                break
            out.extend(_item_roles(text, bullet.end(), end, nouns_only, generic=bool(named)))
            at = end + 1
        if len(out) >= MAX_ROLES:
            break
    return out[:MAX_ROLES]


@cache
def _role_phrase() -> re.Pattern[str]:
    """A role of a few words ending with its own noun: "operations engineers", "technical team leads"."""
    noun = rf"(?:{roles_data()['prose_role_nouns']}|(?:team|tech(?:nical)?) leads?)(?![\w'’-])"
    return re.compile(rf"(?i)(?:[\w.+#/-]+[ \t]+){{0,3}}?{noun}")


_LIST_JOIN = re.compile(r"(?i)[ \t]*(?:,[ \t]*(?:(?:and|or)[ \t]+)?|[ \t]+(?:and|or)[ \t]+|[ \t]*&[ \t]*)")


def _listed_roles(head: str) -> list[tuple[str, int]]:
    """The roles an item opens with when it lists two or more, each with its own noun: "technical team leads,
    operations engineers, product managers, and designers to pull all this together" (not "Backend and
    frontend engineers", one noun shared)."""
    roles: list[tuple[str, int]] = []
    at = 0
    while (role := _role_phrase().match(head, at)) is not None:
        roles.append((role.group(), at))
        join = _LIST_JOIN.match(head, role.end())
        if join is None:
            break
        at = join.end()
    if role is not None and head[role.end() :].lstrip().startswith("("):
        return []  # "Tech Lead, Software Engineer (Infrastructure/DevOps)": the bracket says the last one's kind
    return roles if len(roles) >= 2 else []


def _ends_with_cue(intro: str) -> bool:
    """ "Specifically, we're looking for" (and then the list of roles)."""
    ends = [m.end() for m in role_book().hiring_cue.finditer(intro)]
    return bool(ends) and not intro[ends[-1] :].strip()


def _item_roles(
    text: str, start: int, end: int, nouns_only: bool = False, generic: bool = False
) -> list[tuple[str, Span]]:
    """The roles a list item names; `nouns_only`: by a role noun only ("a frontend developer"), not a kind
    alone ("Security") nor a field of work ("Data engineering background"); `generic`: under a line naming
    openings, a role of no kind too ("- Software Engineer (primarily Python)"), which its skills judge."""
    item = text[start:end]
    head = role_head(item.split("[", 1)[0].strip() or item.strip())
    # an item that opens with roles each with its own noun: "3. Experienced technical team leads, operations
    # engineers, product managers, and designers to pull all this together"
    lead = len(item) - len(item.lstrip())
    if listed := _listed_roles(item[lead:]):
        return [(part, Span(start + lead + at, start + lead + at + len(part), part)) for part, at in listed]
    book_noun = role_book().prose_noun.search(head) or (None if nouns_only else LIST_ITEM_NOUN.search(head))
    if book_noun and head.startswith(("'", "’"), book_noun.end()):
        return []  # a quality, not a role: "A designer's eye"
    # a long item opens with its role when its noun comes within its first words ("2. Quantitative researchers
    # in statistics/ML, … Our goal is …"): read up to it
    opens = book_noun is not None and len(head[: book_noun.start()].split()) <= 3
    if (len(head.split()) > 10 and not opens) or not book_noun:
        # a kind alone ("Security"), or a leader's title, whose noun no prose names ("Head of Product", "VP
        # of Engineering", "Director of Data")
        if nouns_only:
            return []
        if family_word(head):
            return [(head, Span(start, start + len(head), head))]
        titled = _LINK_AFTER.sub("", head)  # "Head of Marketing: https://boards.greenhouse.io/…"
        if len(titled.split()) <= 6 and seniority_of(titled) == "manager" and is_role_title(titled):
            return [(titled, Span(start, start + len(titled), titled))]
        return []
    # the noun as the item writes it (a caseless match of ASCII text reads it lowercased)
    noun = head[book_noun.start() : book_noun.end()]
    before = head[: book_noun.start()]
    # a bracket before the noun holds the role's stack, not more kinds: "Front-End (HTML5, CSS3) Developers"
    kinds = [] if "(" in before else _kinds_before(before, split_and=noun.lower().endswith("s"))
    if len(kinds) >= 2:  # "Back End, Full Stack, and Front End Software Development Engineers"
        return [
            (f"{kind} {noun}", Span(start + at, start + book_noun.end(), head[at : book_noun.end()]))
            for kind, at in kinds
        ]
    if title_family(item) is None:
        # under "We're hiring for these positions:" an item opening with a role of no kind is one ("Software
        # Engineer (primarily Python)"); under a line that may head requirements it may be a duty
        # ("- Experience working with product managers")
        if generic and opens and all(_a_title_word(word) for word in head[: book_noun.start()].split()):
            title = head[: book_noun.end()]
            return [(title, Span(start, start + len(title), title))]
        return []
    # the role up to its noun ("Embedded developers for real-time biofeedback"), unless only the words
    # after it say its kind ("App Developer (iOS & Android)")
    title = head[: book_noun.end()]
    bracket = item.find("(")
    if bracket != -1 and names_no_kind(title) and (kinds_listed := bracket_kinds(text, start + bracket)):
        return [(f"{title} ({kind})", Span(start, start + len(title), title)) for kind in kinds_listed]
    if title_family(title) is None:
        title = item.strip()[:80]
    return [(title, Span(start, start + len(title), title))]


def _a_title_word(word: str) -> bool:
    """A word of a role's title before its noun: capitalised, or a level, a kind or a technology ("Sr.
    Software", "VP of", "software", "senior python"); not a sentence's ("Believe that many engineers")."""
    return word[:1].isupper() or word[:1].isdigit() or word in ("of", "and", "&") or kind_modifier(word)


_LINK_AFTER = re.compile(r"[ \t]*[:\-–—]?[ \t]*https?://.*$")


def _another_role_before(name: str) -> bool:
    """ "Testers / Ethical": the words before the slash are a role of their own ("backend / chief" are not)."""
    left, slash, _ = name.rpartition(" / ")
    last = left.split()[-1:] if slash else []
    return bool(last) and role_book().prose_noun.fullmatch(last[0]) is not None


def _kinds_before(phrase: str, split_and: bool = True) -> list[tuple[str, int]]:
    """The kinds of role a phrase names just before its noun, read back from the noun while the words are
    family words, technologies, levels or joining words: "two backend or frontend" → backend, frontend."""
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(phrase)]
    kept: list[tuple[str, int]] = []
    i = len(tokens)
    while i > 0:
        pair = " ".join(t for t, _ in tokens[i - 2 : i]) if i >= 2 else ""
        word = tokens[i - 1][0]
        if pair and family_word(pair):
            kept[:0] = tokens[i - 2 : i]
            i -= 2
        elif (
            len(kept) >= 2
            and kept[0][0] != ","
            and _COORDINATOR.match(kept[0][0])
            and (side := elided_side(word, " ".join(t for t, _ in kept[1:3])))
        ):  # "front and back end", "front- and back-end": the first side written without its "end"
            kept.insert(0, (side, tokens[i - 1][1]))
            i -= 1
        elif (_COORDINATOR.match(word) and kept) or kind_modifier(word):
            kept.insert(0, tokens[i - 1])
            i -= 1
        else:
            break
    while kept and (_COORDINATOR.match(kept[0][0]) or kept[0][0] == "/"):  # "Hackers / Security"
        kept.pop(0)
    chunks: list[list[tuple[str, int]]] = [[]]
    joined_by: list[str] = []  # the word before each chunk after the first
    for token in kept:
        if _COORDINATOR.match(token[0]) and (split_and or token[0].lower() == "or"):
            chunks.append([])
            joined_by.append(token[0].lower())
        else:
            chunks[-1].append(token)
    _share_the_kind_between_levels(chunks, joined_by)
    kinds: list[tuple[str, int]] = []
    for chunk in chunks:
        words = [t for t, _ in chunk if t.lower() not in role_book().title_words or t.lower() == "software"]
        if words:
            kinds.append((" ".join(t for t, _ in chunk), chunk[0][1]))
    return kinds


def _share_the_kind_between_levels(chunks: list[list[tuple[str, int]]], joined_by: list[str]) -> None:
    """Levels joined before one kind each name it: "Senior and Junior iOS" → Senior iOS, Junior iOS; "Mid,
    Senior and Staff Software" → Mid Software, …. A chunk of levels alone takes the words after the levels
    of the chunk after it, read from the last so a chain shares one kind. Levels joined by "or" are one
    role's range ("junior or mid-level engineers"), as `role_split.split_roles` reads them in a title."""
    for i in range(len(chunks) - 2, -1, -1):
        levels = chunks[i]
        if not levels or joined_by[i] == "or" or not all(a_level_word(t) for t, _ in levels):
            continue
        after = chunks[i + 1]
        first_kind = next((n for n, (t, _) in enumerate(after) if not a_level_word(t)), len(after))
        if 0 < first_kind < len(after):
            levels.extend(after[first_kind:])


def _named_role(phrase: str, noun: str) -> list[tuple[str, int]]:
    """A role whose words before the noun name its family though they are not kinds of software work
    ("account managers", "product designer"): the shortest such name of at most three words."""
    for first in reversed(list(_NAME_WORD.finditer(phrase))[-3:]):
        name = phrase[first.start() :].strip()
        if _NAME_BREAK.search(name) or _another_role_before(name):
            break  # a name goes back no further than a list's separator ("data teams; SDETs")
        if title_family(f"{name} {noun}"):
            return [(name, first.start())]
    return []
