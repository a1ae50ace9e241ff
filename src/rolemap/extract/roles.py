"""The roles a posting hires for and their families (../shared/spec/extraction.md, version 2).

Roles come from the header's role segments ("Backend Engineer, Frontend Designer" is two), else from the
lines of the text that are a role title on their own (a Hacker News post listing its openings), else from
the sentence "we're hiring X, Y and Z". A role's family comes from its title (`data/roles.json`: the first
family whose pattern matches); a generic title ("Software Engineer", "Java Developer") is decided by the
posting's skills: client-side and server-side skills together make it fullstack, server-side alone backend,
client-side alone frontend, mobile skills mobile, and nothing at all other_software.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from rolemap.extract.taxonomy import load_taxonomy
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Role, Span

MAX_ROLES = 12  # a posting listing more is a careers page; the first twelve are kept


@dataclass(frozen=True)
class RoleBook:
    families: tuple[tuple[str, re.Pattern[str]], ...]
    role_noun: re.Pattern[str]
    engineering_noun: re.Pattern[str]
    client_side: frozenset[str]
    mobile: frozenset[str]
    server_side_categories: frozenset[str]
    server_side: frozenset[str]
    levels: tuple[tuple[str, re.Pattern[str]], ...]
    generic_noun: re.Pattern[str]
    title_skills: dict[str, str]  # skill id named in a title → family
    title_categories: dict[str, str]  # taxonomy category of a skill named in a title → family
    hiring_cue: re.Pattern[str]
    prose_noun: re.Pattern[str]
    family_words: frozenset[str]  # a part of a role list that names a kind of role alone ("Backend")
    title_words: frozenset[str]  # levels and neutral title words ("senior", "software")


@cache
def role_book() -> RoleBook:
    raw = resources.files("rolemap.extract").joinpath("data/roles.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    titles = load_wordlist("seniority_title")
    levels = tuple(
        (level, re.compile(r"(?i)(?<![\w.])(?:" + "|".join(titles[level]) + r")(?![\w])"))
        for level in titles["order"]
    )
    return RoleBook(
        families=tuple(
            (family, re.compile(rf"(?i)(?<![\w-])(?:{pattern})")) for family, pattern in data["families"]
        ),
        role_noun=re.compile(rf"(?i)(?<![\w-])(?:{data['role_nouns']})(?![\w-])"),
        engineering_noun=re.compile(rf"(?i)(?<![\w-])(?:{data['engineering_nouns']})(?![\w-])"),
        client_side=frozenset(data["client_side_skills"]),
        mobile=frozenset(data["mobile_skills"]),
        server_side_categories=frozenset(data["server_side_skills_categories"]),
        server_side=frozenset(data["server_side_frameworks"]),
        levels=levels,
        generic_noun=re.compile(rf"(?i)(?<![\w-])(?:{data['generic_nouns']})(?![\w-])"),
        title_skills={k: v for k, v in data["title_technology"]["skills"].items()},
        title_categories={k: v for k, v in data["title_technology"]["categories"].items()},
        hiring_cue=re.compile(rf"(?i)(?<![\w-])(?:{data['hiring_cues']})(?![\w-])"),
        prose_noun=re.compile(rf"(?i)(?<![\w-])(?:{data['prose_role_nouns']})(?![\w-])"),
        family_words=frozenset(data["family_words"]),
        title_words=frozenset(data["title_words"]),
    )


@lru_cache(maxsize=50_000)
def is_role_title(text: str) -> bool:
    """A role title holds a role noun ("engineer", "developers", "intern"), or is a list of family words
    ("Frontend, Backend, Business Development")."""
    if role_book().role_noun.search(text):
        return True
    parts = [p for p in re.split(r"\s*(?:[,/&]|\band\b)\s*", text) if p.strip()]
    return bool(parts) and all(_family_word(p) for p in parts)


def _family_word(part: str) -> bool:
    return part.strip().lower() in role_book().family_words


def family_of(
    title: str, skills: frozenset[str], categories: dict[str, str], title_skills: tuple[str, ...] = ()
) -> str:
    """The family of one role title: its own words, then the technology it names, then (a generic
    "Software Engineer") the posting's skills."""
    book = role_book()
    family = title_family(title) or _technology_family(title_skills, categories)
    if family:
        return family
    if not book.engineering_noun.search(title) and not re.search(r"(?i)\bsoftware\b", title):
        return "non_software"
    return family_from_skills(skills, categories)


def _technology_family(title_skills: tuple[str, ...], categories: dict[str, str]) -> str | None:
    """The family of the first technology a title names that decides one ("Sr. Java Engineer": backend)."""
    book = role_book()
    for skill in title_skills:
        family = book.title_skills.get(skill) or book.title_categories.get(categories.get(skill, ""))
        if family:
            return family
    return None


@lru_cache(maxsize=20_000)  # titles repeat across postings ("Senior Software Engineer")
def title_family(title: str) -> str | None:
    """The family a title's own words name, or None ("Software Engineer" names none)."""
    for family, pattern in role_book().families:
        if pattern.search(title):
            return family
    return title_family(title + " engineer") if _family_word(title) else None


def family_from_skills(skills: frozenset[str], categories: dict[str, str]) -> str:
    """Client-side and server-side skills together: fullstack; server-side alone: backend; and so on."""
    book = role_book()
    client = len(skills & book.client_side)
    mobile = len(skills & book.mobile)
    server = sum(
        1
        for s in skills
        if s in book.server_side
        or categories.get(s) in book.server_side_categories
        or book.title_skills.get(s) == "backend"
    )
    if mobile >= 2 and mobile > client:
        return "mobile"
    if client and server:
        return "fullstack" if client >= 2 or client * 3 >= server else "backend"
    if server:
        return "backend"
    if client:
        return "frontend"
    return "other_software"


def seniority_of(title: str) -> str | None:
    for level, pattern in role_book().levels:
        if pattern.search(title):
            return level
    return None


def split_roles(title: str) -> list[str]:
    """ "Backend Engineer, Frontend Designer" → two roles; "Backend, Web or Android Engineer" → three (the
    last noun is shared); "Front-End/Full-Stack Developer" → two; "Java Lead / Java Developer" stays one (a
    slash separates roles only when each side names a kind of role)."""
    for separator, each_kind in ((r",\s*|\s+and\s+|\s*&\s*|;\s*|\s+or\s+", False), (r"\s*/\s*", True)):
        parts = [p.strip(" .") for p in re.split(separator, title) if p.strip(" .")]
        if len(parts) < 2:
            continue
        shared = re.search(r"(?i)(?:^|\s)((?:engineers?|developers?))$", parts[-1])
        if (
            shared
            and (not each_kind or all(_names_a_kind(p) for p in parts[:-1]))
            and all(len(p.split()) <= 2 and not role_book().role_noun.search(p) for p in parts[:-1])
        ):
            bare_noun = parts[-1].strip().lower() in {"engineer", "engineers", "developer", "developers"}
            return [f"{p} {shared.group(1)}" for p in parts[:-1]] + ([] if bare_noun else [parts[-1]])
        if each_kind and not all(_names_a_kind(p) for p in parts):
            continue
        if all(is_role_title(p) for p in parts):
            return parts
    # "Senior Back End Developer - Python, Big Data" → the role, without the stack after a dash or bracket
    head = _head(title.strip())
    return [head if is_role_title(head) else title.strip()]


def _names_a_kind(part: str) -> bool:
    return _family_word(part) or any(pattern.search(part) for _, pattern in role_book().families)


# A line that is a role title on its own: "Senior Backend Engineer", "* DevOps Engineer (Berlin)".
_ROLE_LINE = re.compile(
    r"[ \t]*(?:[-*•·#>]+[ \t]*|\d+[.)][ \t]*|__)?((?:[\w.+#/&'-]+[ \t]){0,5}?[\w.+#/&'-]*?"
    r"(?:[Ee]ngineers?|[Dd]evelopers?|[Pp]rogrammers?|[Aa]rchitects?|[Ss]cientists?|[Dd]esigners?|[Mm]anagers?|"
    r"[Ll]ead|SRE|[Ii]ntern|[Aa]nalysts?|[Rr]ecruiters?|[Ww]riters?|[Dd]irector|[Aa]dministrators?|[Ss]pecialists?|"
    r"[Cc]onsultants?|[Tt]esters?))(?:__)?(?:[ \t]*(?:[(\[][^)\]\n]{0,60}[)\]])?[ \t]*(?:[-–—:|,][^\n]*)?)?[ \t]*$"
)
_HIRING_LIST = re.compile(
    r"(?i)\b(?:hiring(?: for)?|looking for|seeking|open (?:roles|positions)|positions?|roles?|openings?)\s*(?:an?\s+|several\s+|multiple\s+)?[:\-]?\s*"
    r"((?:[\w.+#/-]+\s){0,5}?(?:engineers?|developers?|designers?|scientists?|managers?)"
    r"(?:\s*(?:,|and|&|/)\s*(?:an?\s+)?(?:[\w.+#/-]+\s){0,5}?(?:engineers?|developers?|designers?|scientists?|managers?))+)"
)


_NOT_A_TITLE_START = frozenset(
    [
        "we",
        "i",
        "our",
        "you",
        "your",
        "if",
        "please",
        "current",
        "currently",
        "looking",
        "hiring",
        "seeking",
        "all",
        "any",
        "no",
        "not",
        "the",
        "a",
        "an",
        "this",
        "these",
        "those",
        "for",
        "to",
        "join",
        "apply",
        "email",
        "send",
        "contact",
        "visit",
        "see",
        "about",
        "who",
        "what",
        "why",
        "how",
        "when",
        "where",
        "there",
        "here",
    ]
)


def roles_in_text(text: str, skip_to: int, nouns: list[Span]) -> list[tuple[str, Span]]:
    """Role titles that stand as lines of their own after the header, or a "hiring X, Y and Z" list.
    `nouns` are where the document's scan found role nouns: only their lines are read."""
    out: list[tuple[str, Span]] = []
    for m in _role_lines(text, skip_to, nouns):
        title = m.group(1).strip()
        first = title.split(" ", 1)[0]
        if first.lower() in _NOT_A_TITLE_START:  # "We are not hiring remote developers" is a sentence
            continue
        if len(title.split()) <= 6 and first != first.lower() and is_role_title(title):
            span = Span(m.start(1), m.end(1), title)
            kinds = _bracket_kinds(text, m.end(1)) if _names_no_kind(title) else []
            if kinds:  # "Software Engineer (frontend/backend/data)": one role a kind
                out.extend((f"{title} ({kind})", span) for kind in kinds)
            else:
                out.append((title, span))
        if len(out) >= MAX_ROLES:
            return out
    if out:
        return out
    first = next((n.start for n in nouns if n.start >= skip_to), None)
    if first is None or first > skip_to + 4000:
        return out
    listed = _HIRING_LIST.search(text, max(skip_to, first - 160), first + 400)
    if listed:
        for part in re.split(r"\s*(?:,|\band\b|&|/)\s*", listed.group(1)):
            part = re.sub(r"(?i)^an?\s+", "", part.strip())
            if part and is_role_title(part):
                start = listed.start(1) + listed.group(1).find(part)
                out.append((part, Span(start, start + len(part), part)))
    return out[:MAX_ROLES]


_COORDINATOR = re.compile(r"(?i)^(?:,|and|or|&|and/or|plus)$")
_SENTENCE_MARKS = ".!?\n"
_PROSE_REACH = 300  # characters a hiring sentence is read back from its noun


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
        reach = max(skip_to, noun.start - _PROSE_REACH)
        start = max(max(text.rfind(c, reach, noun.start) for c in _SENTENCE_MARKS) + 1, reach)
        cues = list(book.hiring_cue.finditer(text, start, noun.start))
        if not cues:
            continue
        # a bracketed stack is no kind of its own: "front-end (React, Backbone) and back-end (Java) developers"
        before = _BRACKETED.sub(lambda m: " " * len(m.group()), text[cues[-1].end() : noun.start])
        # "Rails and Javascript programmer" is one person; "front-end and back-end engineers" two roles
        kinds = _kinds_before(before, split_and=noun.text.lower().endswith("s")) or _named_role(
            before, noun.text
        )
        for kind, offset in kinds:
            if not generic and title_family(f"{kind} {noun.text}") is None and not technologies_in(kind):
                continue
            title = f"{kind} {noun.text}"
            at = cues[-1].end() + offset
            out.append((title, Span(at, noun.end, text[at : noun.end])))
        end = min(len(text), noun.end + _PROSE_REACH)
        stop = min(
            (i for i in (text.find(c, noun.end, end) for c in _SENTENCE_MARKS) if i != -1), default=end
        )
        listed = []
        for m in re.finditer(r"[^,;]+", text[noun.end : stop]):
            item = re.sub(r"(?i)^(?:and|or|&)\s+|\s+etc$", "", m.group().strip(" .():-"))
            if _family_word(item):
                at = noun.end + m.start() + m.group().find(item)
                listed.append((item, at))
        if len(listed) >= 2:
            out.extend((f"{item} {noun.text}", Span(at, at + len(item), item)) for item, at in listed)
        if len(out) >= MAX_ROLES:
            break
    return out[:MAX_ROLES]


_BULLET = re.compile(r"[ \t]*(?:[-*•·>]+|\d+[.)])[ \t]+")
_LIST_ITEM_NOUN = re.compile(r"(?i)\b(?:development|engineering)\b")
MAX_LISTED = 15  # items read after one introducing line
_BRACKETED = re.compile(r"\([^()\n]*\)")
_KINDS_BRACKET = re.compile(r"[ \t]*\(([^;)\n]{1,80})[;)]")
_INTRO_END = re.compile(r":[ \t]*\n")
_OPENINGS = re.compile(r"(?i)\b(?:positions|roles|openings|opportunities|vacancies)\b")


def roles_in_lists(text: str, skip_to: int) -> list[tuple[str, Span]]:
    """The items of a list a hiring line introduces ("we are hiring engineers for the following areas:",
    "Multiple positions including:"), each that names a kind of role: "(Frontend) Web Development",
    "Back End, Full Stack, and Front End Software Development Engineers" (one role a kind)."""
    book = role_book()
    out: list[tuple[str, Span]] = []
    for colon in _INTRO_END.finditer(text, skip_to):
        intro = text[text.rfind("\n", 0, colon.start()) + 1 : colon.start()]
        if not (
            _OPENINGS.search(intro)
            or (
                book.hiring_cue.search(intro)
                and (book.prose_noun.search(intro) or book.generic_noun.search(intro))
            )
        ):
            continue
        at = colon.end()
        for _ in range(MAX_LISTED):
            while text.startswith("\n", at):  # blank lines between the items
                at += 1
            end = text.find("\n", at)
            end = len(text) if end == -1 else end
            bullet = _BULLET.match(text, at, end)
            if bullet is None:
                break
            out.extend(_item_roles(text, bullet.end(), end))
            at = end + 1
        if len(out) >= MAX_ROLES:
            break
    return out[:MAX_ROLES]


def _names_no_kind(title: str) -> bool:
    return title_family(title) is None and not technologies_in(title)


def _bracket_kinds(text: str, at: int) -> list[str]:
    """The kinds a bracket right after a generic title lists: "Software Engineer (frontend/backend/data;
    mid-to-senior+)" → frontend, backend, data; nothing when the bracket says anything else first."""
    bracket = _KINDS_BRACKET.match(text, at)
    if bracket is None:
        return []
    parts = [p.strip() for p in re.split(r"[/,]|\bor\b|\band\b", bracket.group(1)) if p.strip()]
    return parts if parts and all(_family_word(p) for p in parts) else []


def _bracket_family(title: str, at: int) -> str | None:
    """The family of the one kind a bracket names: "Software Engineer (data)" → data."""
    kinds = _bracket_kinds(title, at)
    return title_family(f"{kinds[0]} engineer") if len(kinds) == 1 else None


def _item_roles(text: str, start: int, end: int) -> list[tuple[str, Span]]:
    item = text[start:end]
    head = _head(item.split("[", 1)[0].strip() or item.strip())
    if len(head.split()) > 10 or not (
        book_noun := role_book().prose_noun.search(head) or _LIST_ITEM_NOUN.search(head)
    ):
        return [(head, Span(start, start + len(head), head))] if _family_word(head) else []
    kinds = _kinds_before(head[: book_noun.start()], split_and=book_noun.group().lower().endswith("s"))
    if len(kinds) >= 2:  # "Back End, Full Stack, and Front End Software Development Engineers"
        noun = book_noun.group()
        return [
            (f"{kind} {noun}", Span(start + at, start + book_noun.end(), head[at : book_noun.end()]))
            for kind, at in kinds
        ]
    if title_family(item) is None:
        return []
    # the role up to its noun ("Embedded developers for real-time biofeedback"), unless only the words
    # after it say its kind ("App Developer (iOS & Android)")
    title = head[: book_noun.end()]
    bracket = item.find("(")
    if bracket != -1 and _names_no_kind(title) and (kinds_listed := _bracket_kinds(text, start + bracket)):
        return [(f"{title} ({kind})", Span(start, start + len(title), title)) for kind in kinds_listed]
    if title_family(title) is None:
        title = item.strip()[:80]
    return [(title, Span(start, start + len(title), title))]


def _kinds_before(phrase: str, split_and: bool = True) -> list[tuple[str, int]]:
    """The kinds of role a phrase names just before its noun, read back from the noun while the words are
    family words, technologies, levels or joining words: "two backend or frontend" → backend, frontend."""
    tokens = [(m.group(), m.start()) for m in re.finditer(r"[\w.+#/'-]+|,", phrase)]
    kept: list[tuple[str, int]] = []
    i = len(tokens)
    while i > 0:
        pair = " ".join(t for t, _ in tokens[i - 2 : i]) if i >= 2 else ""
        word = tokens[i - 1][0]
        if pair and _family_word(pair):
            kept[:0] = tokens[i - 2 : i]
            i -= 2
        elif (_COORDINATOR.match(word) and kept) or _modifier(word):
            kept.insert(0, tokens[i - 1])
            i -= 1
        else:
            break
    while kept and _COORDINATOR.match(kept[0][0]):
        kept.pop(0)
    kinds: list[tuple[str, int]] = []
    chunk: list[tuple[str, int]] = []
    for token in [*kept, ("or", -1)]:
        if _COORDINATOR.match(token[0]) and (split_and or token[0].lower() == "or"):
            words = [
                t for t, _ in chunk if t.lower() not in role_book().title_words or t.lower() == "software"
            ]
            if words:
                kinds.append((" ".join(t for t, _ in chunk), chunk[0][1]))
            chunk = []
        else:
            chunk.append(token)
    return kinds


def _named_role(phrase: str, noun: str) -> list[tuple[str, int]]:
    """A role whose words before the noun name its family though they are not kinds of software work
    ("account managers", "product designer"): the shortest such name of at most three words."""
    for first in reversed(list(re.finditer(r"[\w.+#'-]+", phrase))[-3:]):
        name = phrase[first.start() :].strip()
        if title_family(f"{name} {noun}"):
            return [(name, first.start())]
    return []


def _modifier(word: str) -> bool:
    lowered = word.lower()
    return lowered in role_book().title_words or all(
        _family_word(part) or part in technology_names() for part in lowered.split("/") if part
    )


def _role_lines(text: str, skip_to: int, nouns: list[Span]) -> Iterator[re.Match[str]]:
    """The short lines that hold a role noun, matched against the role-line pattern."""
    done = -1
    for noun in sorted(nouns, key=lambda s: s.start):
        if noun.start < skip_to or noun.start <= done:
            continue
        start = text.rfind("\n", 0, noun.start) + 1
        end = text.find("\n", noun.end)
        end = len(text) if end == -1 else end
        done = end
        if end - start > 3 and noun.start - start <= 80:
            m = _ROLE_LINE.match(text, start, end)
            if m:
                yield m


def build_roles(
    titles: list[tuple[str, Span]],
    posting_level: str | None,
    skills: frozenset[str],
    categories: dict[str, str],
    own_title: bool = False,
) -> list[tuple[Role, Span]]:
    """Each title as a role with its family and level; a single role takes the posting's level. A
    posting's own title is one role, whatever its words ("Watchmaker", "Sales and Customer Experience
    Specialist", "Data Engineer/ETL"): only a header or a list in the text names several."""
    roles: list[tuple[Role, Span]] = []
    seen: set[tuple[str, str]] = set()
    for title, span in titles:
        title = re.sub(r"(?i)^(?:an?|the)\s+", "", title.strip())
        parts = [_head(title)] if own_title else split_roles(title)
        for part in parts:
            part = re.sub(r"(?i)^(?:an?|the)\s+", "", part)
            key = part.lower()
            if not (own_title or _names_a_role(part)):
                continue
            # a role cut from a longer title is judged with its qualifiers ("Staff Engineer (Geotechnical)",
            # "SAP Developer - SQL, Data Modeling"): a posting's own title whole, a header's part alone
            judged = title if own_title else part
            cut = len(parts) == 1 and part != title
            # the role's own words before its qualifiers: "Java/J2EE Developer (Big Data / Hadoop)" is a Java
            # developer's role; the qualifiers decide only a head that names no kind ("Solution Architect,
            # Master Data Management", "Staff Engineer (Geotechnical)", "Software Engineer (full-stack)")
            family, named = None, part
            if cut:  # ... save "full stack" named anywhere: it spans the kinds a head names
                whole = title_family(title) or _bracket_family(title, len(part))
                family = title_family(part) or _technology_family(technologies_in(part), categories)
                if whole and (whole == "fullstack" or family is None):
                    family, named = whole, title  # the role is named with the words that give its kind
            family = family or family_of(judged, skills, categories, technologies_in(judged))
            if (key, family) in seen:  # "Software Engineer (frontend)" and "(backend)" are two roles
                continue
            seen.add((key, family))
            roles.append((Role(named, family, seniority_of(part)), span))
    if len(roles) == 1 and roles[0][0].seniority is None and posting_level:
        role, span = roles[0]
        roles[0] = (Role(role.title, role.family, posting_level), span)
    return roles[:MAX_ROLES]


def _head(title: str) -> str:
    """ "Senior Back End Developer - Python, Big Data" → the role without the stack or place after it."""
    head = re.split(r"\s+[-–—|]\s+|\s*\(", title, maxsplit=1)[0].strip()
    return head if head and len(head) >= 2 else title


def _names_a_role(title: str) -> bool:
    """ "Multiple positions", "other roles", "Engineering" head a list of openings; they are not a role."""
    book = role_book()
    stripped = book.generic_noun.sub(" ", title)
    return bool(
        book.role_noun.search(stripped)
        or (_family_word(title) and not book.generic_noun.fullmatch(title.strip()))
        or (
            _LIST_ITEM_NOUN.search(title) and title_family(title)
        )  # "Backend Development" in a list of openings
    )


@cache
def technology_names() -> dict[str, str]:
    """Every taxonomy name and alias, lower case → skill id."""
    names: dict[str, str] = {}
    for sid, entry in load_taxonomy().items():
        for name in (sid, entry.name, *entry.aliases):
            names.setdefault(name.lower(), sid)
    return names


@lru_cache(maxsize=20_000)
def technologies_in(title: str) -> tuple[str, ...]:
    """Skill ids a title names ("Sr. Java Engineer" → java), by the taxonomy's names and aliases."""
    technologies = technology_names()
    words = re.findall(r"[\w.+#-]+", title.lower().replace(" .", " ").replace(". ", " "))
    found: list[str] = []
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            skill = technologies.get(" ".join(words[i : i + size]).strip("."))
            if skill and skill not in found:
                found.append(skill)
    return tuple(found)
