"""Roles a post names on lines of their own: a role title standing as a line ("Senior Backend Engineer",
"* DevOps Engineer (Berlin)", "BACKEND SOFTWARE ENGINEER - …", "== iOS developer, SF =="), a field naming the
roles ("Position: Senior Engineer | Salary: …", "Roles: A, B"), else a "hiring X, Y and Z" sentence; and
lines in a row labelled with kinds of role ("Data Engineering: We're looking for …", "iOS: https://…").
`role_build.build_roles` then gives each its family and level; `role_mentions` reads the roles of prose and lists.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from rolemap.extract.caseless import Caseless
from rolemap.extract.role_split import split_roles
from rolemap.extract.roles import (
    MAX_ROLES,
    bracket_kind,
    bracket_kinds,
    is_role_title,
    kinds_only,
    names_no_kind,
    role_book,
    roles_data,
    seniority_of,
    title_family,
)
from rolemap.models import Span

_FIELD_SEGMENT = re.compile(r"[^|]+")
_FIELD_PART = re.compile(r"[^,;&]+")
_FIELD_PART_EDGES = re.compile(r"(?i)^\s*(?:and\s+|an?\s+)?|[\s!.]+$")
_HIRING_LIST_SEPARATOR = re.compile(r"\s*(?:,|\band\b|&|/)\s*")
_ARTICLE = re.compile(r"(?i)^an?\s+")
_WORDS = roles_data()["role_lines"]  # the word lists below, kept in data/roles.json


# Words that make a line in capitals a heading, not a role title: "WORKING WITH THE HIRING MANAGER",
# "LOVED BY DESIGNERS", "REPORTING TO THE DIRECTOR" (a title joins its words with "of", "and", "&" only:
# "HEAD OF ENGINEERING", "SENIOR FULL STACK ENGINEER")
_HEADING_WORDS = frozenset(_WORDS["heading_words"])
_SENTENCE_WORDS = frozenset(_WORDS["sentence_words"])


# The nouns that end a role title standing as a line of its own, as written in a title ("Engineer") or a
# heading in capitals ("ENGINEER"); "LEAD" and "INTERN" in capitals only after a word ("DATA ENGINEERING
# LEAD", "EDITORIAL INTERN"): alone they are an HN post's flags ("INTERN - Software Engineer").
_LINE_NOUNS = tuple(_WORDS["line_nouns"])
_LINE_NOUN = "|".join(
    # "Software Engineers in Test": the kind comes after the noun (171 HN posts)
    ["(?:[Ee]ngineer|[Dd]eveloper)s? in [Tt]est(?![ \t]*[,/&][ \t]*(?:[Ss]taging|[Pp]rod|[Dd]ev|QA|UAT))"]
    + [f"[{n[0].upper()}{n[0]}]{n[1:]}|{n.upper()}" for n in _LINE_NOUNS]
    + ["[Ll]ead", "[Ii]ntern", "(?<=[A-Z] )(?:LEAD|INTERN)", "SRE"]
)
# The letters those nouns open with: a lookahead for one of them lets the engine pass over every other
# character of a title's words at once, instead of trying the thirty-odd nouns there one by one.
_LINE_NOUN_FIRST = "".join(
    sorted({c for n in (*_LINE_NOUNS, "lead", "intern") for c in (n[0], n[0].upper())})
)
# A line that is a role title on its own: "Senior Backend Engineer", "* DevOps Engineer (Berlin)",
# "== iOS developer, San Francisco ==", "(US) PR Manager" (a country's code before it), "Systems Engineer at
# Prismatic, San Francisco" (after "at" only capitalised words: "Developers at Marvel tackle …" is a sentence;
# the hirer's first word, group 2, is named elsewhere in the post, or it is a bio's line: "Former Engineer at
# Google"), "Data Engineer (https://…)". The tail's spaces are possessive (*+): a long run of them before
# other text must not make the engine try every way to split it.
_ROLE_LINE = re.compile(
    r"[ \t]*(?:[-*•·#>=+★☆]+[ \t]*|\d+[.)][ \t]*|__)?(?:\([A-Z]{2,3}\)[ \t]+)?((?:[\w.+#/&'-]+[ \t]){0,5}?[\w.+#/&'-]*?"
    rf"(?=[{_LINE_NOUN_FIRST}])(?:{_LINE_NOUN}))(?:__)?(?:[ \t]*+(?:[(\[](?:https?://[^)\]\s]*|[^)\]\n]{{0,120}})[)\]])?[ \t]*+(?:[-–—:|,][^\n]*|(?<=[ \t])https?://\S*|(?<=[ \t])(?:at|@)[ \t]+([A-Z0-9][^\s,(]*+)(?:,?[ \t]+[A-Z0-9][^\s,(]*+){{0,5}}+(?:[ \t]*\([^()\n]{{0,60}}\))?)?)?"
    r"(?:[ \t]*+[=*#]+)?[ \t]*+$"
)
# "hiring backend engineers, frontend developers and designers": two role nouns or more after a hiring word
_LISTED_NOUNS = tuple(_WORDS["listed_nouns"])
# "Software Engineers in Test" (not "developers in Test, Staging and Prod": environments)
_LISTED_NOUN = (
    "(?:"
    + "|".join(f"{noun}s?" for noun in _LISTED_NOUNS)
    + r")(?:\s+in\s+test\b(?!\s*[,/&]\s*(?:staging|prod|dev)))?"
)
_HIRING_LIST = Caseless(
    r"\b(?:hiring(?: for)?|looking for|seeking|open (?:roles|positions)|positions?|roles?|openings?)"
    # "many openings within engineering, including Software Engineer, Network Engineer, and …"
    r"(?:[^.\n]{0,40}?,?\s+(?:including|such as))?"
    r"\s*(?:open\s+for\s+)?(?:an?\s+|several\s+|multiple\s+)?[:\-]?\s*"
    rf"((?:[\w.+#/-]+\s){{0,5}}?{_LISTED_NOUN}"
    rf"(?:\s*(?:,|and|&|/)\s*(?:an?\s+)?(?:[\w.+#/-]+\s){{0,5}}?{_LISTED_NOUN})+)"
)


_NOT_A_TITLE_START = frozenset(_WORDS["not_title_start"])
_I_OR_YOU = re.compile(r"(?i)(?:i|you)['’]")


# A line that names the roles as a field's value: "Position: Senior Engineer | Salary: $80k",
# "Roles: Software Engineer, Solutions Architect", "We're hiring for: DevOps, Back-End, QA Lead".
_FIELD = (
    r"[ \t]*(?:[-*•][ \t]*)?(?:(?:job[ \t]+)?(?:title|position|role|opening)s?|jobs?|open[ \t]+(?:positions?|roles?)|wanted|what"
    r"|(?:now[ \t]+|we(?:'re|’re| are)[ \t]+)?hiring(?:[ \t]+for)?)[ \t]*:[ \t]*(\S[^\n]*)"
)
_FIELD_LINE = re.compile(rf"(?im)^{_FIELD}")
# The same after the line break that opens its line: the engine jumps from one line break to the next at C
# speed, where `^` would make it try every character of the text.
_NEXT_FIELD_LINE = Caseless(rf"\n{_FIELD}")
# the next field glued on where a board lost the line break: "Sr .Net DeveloperHybridExp Required: 10+",
# "Manager/SpecialistLocation: Austin" (a glued label of one or two words, then its colon; not "JavaScript
# Developer - Location:", "DevOps Engineer. Salary:" or "iOS: Remote")
_GLUED_FIELD = re.compile(r"(?<=[a-z])(?=[A-Z][A-Za-z]*(?: [A-Z][a-z]*)?:)")
# the label of the next field inside a part: "Location: ", "Reports to: " (not "Engineer Salary: ")
_FIELD_LABEL = re.compile(r"(?:[A-Z][\w-]*\s(?=[a-z]))?[\w-]*[A-Za-z]: ")
_WHAT_LABEL = re.compile(r"(?i)\bwhat[ \t]*:[ \t]*$")
# a sentence's end inside a field's value, after a word, not an abbreviation ("Sr. Engineer")
_SENTENCE_END = re.compile(r"(?<=[a-z]{4})\.\s+(?=[A-Z])")
_FIELD_REACH = 4000  # characters after the header a field line is looked for in


@lru_cache(maxsize=8)  # the seniority reader and the role readers ask for the same document's fields
def roles_in_fields(text: str, skip_to: int) -> tuple[tuple[str, Span], ...]:
    """The roles a field line names: its value's parts, up to the first that is no role ("| Salary: …")."""
    out: list[tuple[str, Span]] = []
    for value_start, value_end in field_lines(text, skip_to, min(len(text), skip_to + _FIELD_REACH)):
        value = text[value_start:value_end]
        # "What:" may say what the firm does ("What: Software-as-a-Service, Java, Android"): there only
        # a part with a role's noun is a role ("What: Pre-sales Solutions Engineer")
        what = _WHAT_LABEL.search(text, max(0, value_start - 12), value_start) is not None
        sentence = _SENTENCE_END.search(value)  # "What: Senior iOS and Backend Engineers. I'm Chris, …"
        value = value[: sentence.start()] if sentence else value
        glued = _GLUED_FIELD.search(value)
        for segment in _FIELD_SEGMENT.finditer(value[: glued.start() if glued else None]):
            found, label = False, None
            for part in _FIELD_PART.finditer(segment.group()):
                title = _FIELD_PART_EDGES.sub("", part.group())
                label = _FIELD_LABEL.search(title)
                if label:  # the next field: "Senior JavaScript Developer - Location: Austin" ends before it
                    title = title[: label.start()].rstrip(" -–—(.")
                if (
                    title
                    and len(title.split()) <= 8
                    and is_role_title(title)
                    and (not what or role_book().role_noun.search(title))
                ):
                    start = value_start + segment.start() + part.start() + part.group().find(title)
                    out.append((title, Span(start, start + len(title), title)))
                    found = True
                if label:
                    break
            if not found or label:
                break  # the roles end where the line goes on to other fields
        if len(out) >= MAX_ROLES:
            break
    return tuple(out[:MAX_ROLES])


def field_lines(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Where the values of the field lines of text[start:end] stand, as `_FIELD_LINE.finditer` finds them
    (its group 1): the line that starts at `start`, then each line after a line break."""
    at = start
    if start == 0 or text[start - 1 : start] == "\n":
        first = _FIELD_LINE.match(text, start, end)
        if first is not None:
            yield first.span(1)
            at = first.end()
    for line in _NEXT_FIELD_LINE.finditer(text, at, end):
        yield line.span(1)


def roles_in_text(text: str, skip_to: int, nouns: list[Span]) -> list[tuple[str, Span]]:
    """Role titles that stand as lines of their own after the header or as a field's value ("Position:
    …"), or a "hiring X, Y and Z" list. `nouns` are where the document's scan found role nouns: only their
    lines are read."""
    out = list(roles_in_fields(text, skip_to))
    fields = {text.rfind("\n", 0, span.start) for _, span in out}
    for m in _role_lines(text, skip_to, nouns):
        if text.rfind("\n", 0, m.start(1)) in fields:
            continue  # read as a field's value
        title = m.group(1).strip()
        # a hiring sentence on a line of its own names its roles after the cue: "Kaggle is hiring backend
        # engineers", "We're currently hiring recruiters" (the cue's own words are no title)
        cue = _last_cue(title)
        if cue and cue < len(title):
            title = _DETERMINER.sub("", title[cue:].strip())
            start_of_title = m.start(1) + m.group(1).find(title)
        else:
            start_of_title = m.start(1)
        if m.group(2) and not _named_elsewhere(text, m.group(2), m.start(), m.end()):
            continue  # "Former Engineer at Google": a role at a firm the post names nowhere else is a bio's
        first = title.split(" ", 1)[0]
        # "We are not hiring remote developers", "I'm one of the engineers", "You'll work with designers": a
        # sentence ("We're hiring Data Engineers" names its roles)
        if first.lower() in _NOT_A_TITLE_START or _I_OR_YOU.match(first):
            continue
        if _a_sentence(title):
            continue  # "Want to architect, build …", "Potato is a 70-person developer"
        if title.isupper() and _HEADING_WORDS.intersection(title.lower().split()):
            continue  # a heading in capitals
        if len(title.split()) <= 6 and (first != first.lower() or cue) and is_role_title(title):
            span = Span(start_of_title, m.end(1), title)
            generic = names_no_kind(title)
            kinds = bracket_kinds(text, m.end(1), subtitle=True) if generic else []
            one = generic and not kinds and len(split_roles(title)) == 1
            kind = bracket_kind(text, title, m.end(1), subtitle=True) if one else None
            if kinds:  # "Software Engineer (frontend/backend/data)": one role a kind
                out.extend((f"{title} ({kind})", span) for kind in kinds)
            else:  # "Senior Software Engineer (Full Stack Web)": the kind its bracket names
                out.append((f"{title} ({kind})" if kind else title, span))
        if len(out) >= MAX_ROLES:
            return out
    if out:
        return out
    # the window opens at the first noun such a list ends in ("marketers" in "software that supports
    # marketers" is none)
    first = next((n.start for n in nouns if n.start >= skip_to and _listed_noun(n.text)), None)
    if first is None or first > skip_to + 4000:
        return out
    start, end = max(skip_to, first - 160), first + 400
    listed = _HIRING_LIST.search(text, start, end) if _may_list_roles(text, start, end) else None
    if listed:
        roles = text[listed.start(1) : listed.end(1)]
        for part in _HIRING_LIST_SEPARATOR.split(roles):
            part = _ARTICLE.sub("", part.strip())
            if part and is_role_title(part):
                start = listed.start(1) + roles.find(part)
                out.append((part, Span(start, start + len(part), part)))
    return out[:MAX_ROLES]


def words_after_cue(title: str) -> str:
    """A title read with its sentence's hiring cue, without it: "Locu is hiring Frontend Engineers" →
    "Frontend Engineers", "Full Time Hiring UI Engineers" → "UI Engineers"; other titles as they are."""
    cue = _last_cue(title)
    rest = _DETERMINER.sub("", title[cue:].strip()) if cue else ""
    return rest if is_role_title(rest) else title


def _last_cue(title: str) -> int:
    """Where the words after a title's last hiring cue start, or 0. In a title "Recruiting" is a team
    ("Technology Recruiting Manager", "Recruiting - Support Specialist"), and a hiring manager no cue."""
    end = 0
    for cue in role_book().hiring_cue.finditer(title):
        if not _NO_CUE.match(title, cue.start()):
            end = cue.end()
    return end


_NO_CUE = re.compile(r"(?i)recruiting\b|hiring\s+managers?\b")
# what may stand between a hiring cue and the role it names: "hiring a lead developer", "our 5th engineer",
# "seeking out security engineers"
_DETERMINER = re.compile(r"(?i)^(?:out\s+)?(?:(?:an?|the|our|two|three|several|multiple|more|some)\s+)?")


def _a_sentence(title: str) -> bool:
    """A word of a sentence stands between a line's first word and its noun ("Potato is a 70-person
    developer", "Want to architect"); "to" between two levels is a range ("Intermediate to senior")."""
    words = title.split()
    for i, word in enumerate(words[1:-1], 1):
        lowered = word.lower()
        if lowered == "to" and seniority_of(words[i - 1]) and seniority_of(words[i + 1]):
            continue
        if lowered in _SENTENCE_WORDS:
            return True
    return False


def _named_elsewhere(text: str, hirer: str, start: int, end: int) -> bool:
    """The hirer a role line names after "at" or "@" stands in the post outside that line too ("Ruby
    Engineer at Leapfrog Online" … "Leapfrog Online is …"), or the line's own address spells it: the post's
    own; a firm named once, in a line of its own, is a bio's ("Former Engineer at Google")."""
    lowered = text.lower()
    word = hirer.lower()
    # or the line's own address spells it: "… (http://www.leapfrogonline.com)"
    address = lowered.find("://", start, end)
    return word in lowered[:start] or word in lowered[end:] or (address >= 0 and word in lowered[address:end])


def _listed_noun(word: str) -> bool:
    lowered = word.lower()
    return lowered in _LISTED_NOUNS or lowered.removesuffix("s") in _LISTED_NOUNS


def _may_list_roles(text: str, start: int, end: int) -> bool:
    """False where no hiring list can stand: an ASCII window that holds fewer than two of its nouns (the
    pattern's regex engine enters it at every character of the window; counting the nouns is a few plain
    string passes). Other text may write a noun in letters that fold to ASCII ones under (?i), "engİneer"."""
    window = text[start:end]
    if not window.isascii():
        return True
    lowered = window.lower()
    return sum(lowered.count(noun) for noun in _LISTED_NOUNS) >= 2


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


# A line that opens with a label naming a kind of role, then what the role is or where to apply: "Distributed
# Systems - Help make distributed systems easy. You’ll …", "Data Engineering: We're looking for …", "- Full
# stack (Java, NodeJS): https://…", "iOS: https://soundcloud.com/jobs/…". It opens with its line break: the
# engine jumps from one to the next at C speed, and only lines of this shape reach Python.
_LABELLED_LINE = re.compile(
    r"\n(?=[^\n:]{1,130}?(?::(?!//)|[ \t][-–—][ \t]))[ \t]*(?:[-*•·>]+[ \t]*|\d+[.)][ \t]*)?(?:__|\*\*)?([A-Za-z][\w.+#/&'-]*(?: [\w.+#/&'][\w.+#/&'-]*){0,6})(?:__|\*\*)?"
    r"[ \t]*(\([^()\n]{0,60}\))?(?:__|\*\*)?(?:[ \t]*:(?!//)[ \t]*|[ \t]+[-–—][ \t]+)(\S[^\n]*)"
)
# What follows the label of a role: a link to apply, or words to the reader ("you'll", "we're looking for");
# a stack's description ("Backend: Python, Postgres") has neither
_BODY_READ = 300  # characters of the line after the label read for those
_ROLE_BODY = Caseless(r"https?://|\byou(?:r|['’](?:ll|re|ve|d))?\b|\blooking for\b|\bseeking\b|\bhiring\b")


def roles_in_labelled_lines(text: str, skip_to: int, found: list[tuple[str, Span]]) -> list[tuple[str, Span]]:
    """Roles named as the labels of two lines or more in a row (blank lines between them), each label a
    role title or kinds of role and each line going on to describe the role or link to it; any other line
    ends the run, save one of the same shape whose label names no kind ("OS - Writing a kernel? …"). A line
    whose role another reader `found` keeps it, and counts in the run."""
    out: list[tuple[str, Span]] = []
    run: list[tuple[str, Span]] = []
    last = -1  # where the run's last line ends
    for m in _LABELLED_LINE.finditer(text, max(0, skip_to - 1)):
        if not _ROLE_BODY.search(text, m.start(3), min(m.end(3), m.start(3) + _BODY_READ)):
            continue  # a line of another shape: the next line of the run is not next to the last one
        role = _labelled_role(m)
        if role is None and not _labelled_alike(m):
            continue
        if last < 0 or text[last : m.start()].strip():
            out.extend(run if len(run) >= 2 else [])
            run = []
        if role:
            run.append(role)
        last = m.end()
    out.extend(run if len(run) >= 2 else [])
    # a label that only names a kind ("iOS: …") adds no role where another reader found one of that kind
    # ("Senior iOS Developer"): it is that role's description
    taken = {text.rfind("\n", 0, span.start) + 1 for _, span in found}
    kinds = {title_family(title) for title, _ in found} - {None}
    return [
        (title, span)
        for title, span in out
        if text.rfind("\n", 0, span.start) + 1 not in taken
        and not (title_family(span.text) in kinds and not role_book().role_noun.search(span.text))
    ][:MAX_ROLES]


def _labelled_role(m: re.Match[str]) -> tuple[str, Span] | None:
    label = m.group(1).strip()
    first = label.split(" ", 1)[0]
    # "Here's a Product Manager role: …", "and Front End: …" are a sentence's words
    if len(label.split()) > 6 or re.split(r"['’]", first.lower())[0] in _NOT_A_TITLE_START | {"and", "or"}:
        return None
    if not (first[0].isupper() and is_role_title(label)) and not kinds_only(label):
        return None
    # "Software Engineer (Backend): …" names its kind in a bracket; "(Java, NodeJS)", "(Sales, Biz Dev)" do not
    kind = bracket_kind(m.string, label, m.end(1)) if names_no_kind(label) else None
    title = f"{label} ({kind})" if kind else label
    start = m.start(1)
    return title, Span(start, start + len(label), label)


def _labelled_alike(m: re.Match[str]) -> bool:
    """A line of the run's shape whose label, a heading's capitalised words, names no kind the role book
    knows ("OS - Writing a hobbyist kernel on the weekend? …", "Technical Operations / DevOps / SRE: You
    might …"): it neither counts in the run nor ends it. "If you are interested: …" is a sentence."""
    words = m.group(1).split()
    return 0 < len(words) <= 6 and all(not w[0].islower() or len(w) <= 3 for w in words)
