"""A title that names several roles, split into one title a role: "Backend Engineer, Frontend Designer" is
two, "Backend, Web or Android Engineer" three (the last noun is shared), "Sr and Jr Software Developers" two
(the levels share the role); "Java Lead / Java Developer" stays one."""

from __future__ import annotations

import re
from functools import lru_cache

from rolemap.extract.roles import (
    WORK_OF_A_KIND,
    a_level_word,
    family_word,
    is_role_title,
    names_a_kind,
    role_book,
    role_head,
    seniority_of,
    without_more,
)

# "A, B, and C"; "&" between single letters joins an abbreviation ("R&D Engineer")
_ROLE_SEPARATOR = re.compile(
    r",\s*(?:(?:and|or)\s+)?|\s+and\s+|\s+&\s*|&\s+|(?<=\w\w)&(?=\w\w)|;\s*|\s+or\s+"
)
_SLASH = re.compile(r"\s*/\s*")
_SHARED_NOUN = re.compile(r"(?i)(?:^|\s)((?:engineers?|developers?))$")


def split_roles(title: str) -> list[str]:
    return list(_split_roles(title))


@lru_cache(maxsize=20_000)  # header titles repeat post after post
def _split_roles(title: str) -> tuple[str, ...]:
    """ "Backend Engineer, Frontend Designer" → two roles; "Backend, Web or Android Engineer" → three (the
    last noun is shared); "Front-End/Full-Stack Developer" → two; "Java Lead / Java Developer" stays one (a
    slash separates roles only when each side names a kind of role), also inside a list ("UI/X designer,
    iOS/Web developer" → three)."""
    listed = _split_on(title, _ROLE_SEPARATOR, each_kind=False)
    if listed is not None:
        return tuple(q for part in listed for q in (_split_on(part, _SLASH, each_kind=True) or (part,)))
    slashed = _split_on(title, _SLASH, each_kind=True)
    if slashed is not None:
        return slashed
    # "Senior Back End Developer - Python, Big Data" → the role, without the stack after a dash or bracket
    head = role_head(title.strip())
    return (head if is_role_title(head) else title.strip(),)


def _split_on(title: str, separator: re.Pattern[str], each_kind: bool) -> tuple[str, ...] | None:
    parts = without_more([p.strip(" .") for p in _outside_brackets(title, separator) if p.strip(" .")])
    if len(parts) < 2:
        return None
    if separator is _ROLE_SEPARATOR:
        _share_the_role_between_levels(title, parts)
    written = list(parts)  # a kind is short as written ("Senior Front"), whatever its elided end adds
    for i in range(len(parts) - 1):  # "Front and Back End Developers": the front end's developers too
        parts[i] = elided_side(parts[i], parts[i + 1]) or parts[i]
    shared = _SHARED_NOUN.search(parts[-1])
    if (
        shared
        and (not each_kind or all(names_a_kind(p) for p in parts[:-1]))
        and all(
            len(w.split()) <= 2 and not role_book().role_noun.search(p)
            for w, p in zip(written, parts[:-1], strict=False)
        )
    ):
        bare_noun = parts[-1].strip().lower() in {"engineer", "engineers", "developer", "developers"}
        # a level before the first kind is every kind's: "Senior backend or full stack engineers"
        level = parts[0].split(" ", 1)[0]
        if seniority_of(level) and " " in parts[0]:
            parts = [parts[0], *(p if seniority_of(p) else f"{level} {p}" for p in parts[1:])]
        return (*[f"{p} {shared.group(1)}" for p in parts[:-1]], *([] if bare_noun else [parts[-1]]))
    if each_kind and not all(names_a_kind(p) for p in parts):
        return None
    # a kind's work after a leader is the team it leads: "Manager, Site Reliability Engineering"
    if len(parts) == 2 and _LEADER_LAST.search(parts[0]) and _leads_a_kinds_work(parts[1]):
        return None
    # beside a role's noun a kind with a bracket qualifies it ("Software Engineer, Cloud (Mid to Sr. level)")
    notes = not any(role_book().role_noun.search(p) for p in parts)
    titles = [p for p in parts if is_role_title(p, notes)]
    if len(titles) == len(parts):
        return tuple(parts)
    # a list of roles with a part that is none ("Full Stack Web Developers, Designers, Support, Customer
    # Success"): its roles, when they are most of its parts and each part is short; a title's qualifiers
    # after one role ("Senior Software Engineer, Models & Data Store") are no list
    if (
        not each_kind
        and len(titles) >= 2
        and 2 * len(titles) > len(parts)
        and all(len(p.split()) <= 4 for p in parts)
    ):
        return tuple(titles)
    return None


_LEADER_LAST = re.compile(r"(?i)\b(?:manager|director|head|lead|leader|vp|vice president)s?$")


def _leads_a_kinds_work(part: str) -> bool:
    """ "Backend Engineering", "Web Development": a kind's work, no role noun of its own."""
    return bool(WORK_OF_A_KIND.search(part)) and family_word(WORK_OF_A_KIND.sub("", part))


def _share_the_role_between_levels(title: str, parts: list[str]) -> None:
    """Levels alone before a level and its role name that role: "Sr and Jr Software Developers", "Lead and
    Senior Data Engineer", "Mid, Senior and Staff Engineer". Levels joined by "or" anywhere in such a run are
    one role's range: "Senior or Principal Back-End Engineer", "Senior, Staff, or Principal Engineer" stay
    whole."""
    starts, ends, at = [], [], 0
    for part in parts:
        starts.append(title.find(part, at))
        at = starts[-1] + len(part)
        ends.append(at)
    last = len(parts) - 1
    while last > 0:
        after = _leading_levels(parts[last])
        first = last
        while first > 0 and _leading_levels(parts[first - 1]) == len(parts[first - 1].split()):
            first -= 1
        if first == last or not 0 < after < len(parts[last].split()):
            last = first - 1 if first < last else last - 1
            continue
        if any(_OR_AFTER.match(title, ends[i]) for i in range(first, last)):
            parts[first : last + 1] = [title[starts[first] : ends[last]]]
        else:
            role = parts[last].split(" ", after)[-1]
            parts[first:last] = [f"{part} {role}" for part in parts[first:last]]
        last = first - 1


_OR_AFTER = re.compile(r"[ .,]*or\b")


def _leading_levels(words: str) -> int:
    """How many of the words, from the first, are levels ("Senior", "Jr.", "Mid-Level")."""
    split = words.split()
    return next((n for n, word in enumerate(split) if not a_level_word(word)), len(split))


def _outside_brackets(title: str, separator: re.Pattern[str]) -> list[str]:
    """title split where the separator stands outside brackets: "Product Manager, Software Engineers (BE,
    Fullstack)" → two."""
    if "(" not in title:
        return separator.split(title)
    masked = _IN_BRACKETS.sub(lambda m: "(" + "_" * (len(m.group()) - 2) + ")", title)
    parts, at = [], 0
    for m in separator.finditer(masked):
        parts.append(title[at : m.start()])
        at = m.end()
    return [*parts, title[at:]]


_IN_BRACKETS = re.compile(r"\([^()]*\)")


_BARE_SIDE = re.compile(r"(?i)((?:\S+[ ]+)*)(front|back)-?")  # a level may stand first: "Senior Front"
_SIDE_END = re.compile(r"(?i)(front|back)([- ]?end)\b")


def elided_side(word: str, after: str) -> str | None:
    """The side of the stack a bare "front" or "back" names when the other side's "end" follows it, written
    once for both: "front" before "back end developers" is "front end", "front-" before "back-end" is
    "front-end", "back" before "frontend" is "backend" (spelled as the other side spells its end); a level
    before it stays ("Senior Front" → "Senior Front End")."""
    bare = _BARE_SIDE.fullmatch(word)
    other = _SIDE_END.match(after)
    if bare is None or other is None or bare.group(2).lower() == other.group(1).lower():
        return None
    return bare.group(1) + bare.group(2) + other.group(2)
