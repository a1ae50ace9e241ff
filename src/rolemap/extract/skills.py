"""Skills and languages from taxonomy matches, each marked by where it stands: asked (required or
nice-to-have) or only used (named in the company's stack, about-us text or a "we use …" sentence)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from rolemap.extract.document import Document
from rolemap.extract.taxonomy import Match, hand_dialects
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Skill, Span

# Languages have a field of their own; topics (scalability, data structures) are not skills at all.
_NOT_SKILLS = frozenset({"language", "topic"})
# Sections whose technology words describe perks or the application process, not the job.
_IGNORED_SECTIONS = frozenset({"benefits", "apply"})
# DevOps and SRE named as the kind of a role or a team ("DevOps Engineer", "the SRE team", "DevOps/SRE
# role") are a job title, not a practice asked for (../shared/eval/LABELING.md: "DevOps counts only when
# asked for as a practice, not as a team or a job title"); "DevOps practices" and "DevOps experience" still
# count. Other practices keep their mention ("a scrum team" works in scrum; a "Machine Learning Engineer"
# is asked for machine learning).
_TITLE_PRACTICES = frozenset({"devops", "devsecops", "sre"})
_NAMES_A_ROLE = re.compile(
    r"(?:\s*/\s*[\w.+#-]+){0,3}(?:\s*/\s*|\s+)(?:engineers?|engineering\s+(?:team|group|org)|teams?|roles?|positions?|openings?|"
    r"leads?|managers?|specialists?|architects?|developers?|admins?|administrators?|consultants?|group|"
    r"department|org|folks|persons?|candidates?|hires?|hat|eng|engr)\b",
    re.I,
)


@dataclass
class _Tally:
    first: int
    count: int = 0
    in_title: bool = False
    required: bool = False  # a mention not softened, asked or only used
    asked: bool = False  # a mention outside the company's own stack, about-us text or "we use …" sentences
    asked_required: bool = False  # an asked mention not softened
    spans: list[Span] = field(default_factory=list)

    def only_inside(self, stretches: list[tuple[int, int]]) -> bool:
        """Every mention (all of them kept: no more than the spans held) lies inside one of `stretches`."""
        return self.count == len(self.spans) and all(
            any(a <= s.start and s.end <= b for a, b in stretches) for s in self.spans
        )


def tally_matches(matches: list[Match], doc: Document) -> dict[str, _Tally]:
    sections = doc.sections
    tallies: dict[str, _Tally] = {}
    # where lists of organisations open ("customers including"): found by the document's one scan
    lists = sorted(s.start for s in doc.hits.spans("anchors/organisation_list")) if matches else []
    text = sections.text
    listed_parts = _parts_listed_after_their_suite(matches, text)
    for m in matches:
        start, end, sid = m.start, m.end, m.skill.id
        if listed_parts and m in listed_parts:
            continue  # "MS Office (Word, Excel)": the suite is the skill asked for
        kind = sections.kind_at(start)
        if kind in _IGNORED_SECTIONS:
            continue
        if sid in _TITLE_PRACTICES and _NAMES_A_ROLE.match(text, end):
            continue
        if lists and _in_an_organisation_list(text, start, lists):
            continue
        if _a_field_of_study(text, start, end):
            continue
        t = tallies.get(sid)
        if t is None:
            t = tallies[sid] = _Tally(first=start)
        t.count += 1
        t.in_title = t.in_title or doc.in_title(start)
        hard = not sections.is_nice_to_have(start, end, kind)
        t.required = t.required or hard
        if not (t.asked and t.asked_required) and not sections.is_used_only(start, end, kind):
            t.asked = True
            t.asked_required = t.asked_required or hard
        if len(t.spans) < 3:
            t.spans.append(Span(start, end, text[start:end]))
    return tallies


_PARTS_REACH = 80  # characters back from a suite's part to the bracket it is listed in
# between a suite's name and the bracket listing its parts: "MS Office Suite (", "Microsoft Office programs ("
_SUITE_TAIL = re.compile(r"(?i)(?:\s+(?:suite|applications?|apps|products|programs|tools|package))?\s*\(")
# what may stand beside bare parts in the suite's list: separators, "and", "or", "etc", "i.e.", "others",
# "skills", a version ("2016"), and names the taxonomy did not read ("Access", "Teams"); any other word
# qualifies a part, written with a capital or not ("advanced", "Advanced Excel", "Excel Required")
_BARE = re.compile(
    r"(?:[\s,/&;.]|\b(?:and|or|etc|others?|i\.e|e\.g|ie|eg|skills|\d{2,4})\b|\b(?!(?i:advanced|expert|strong|"
    r"basic|intermediate|required|preferred|proficien\w*|including|especially|primarily|mainly|mostly|plus|"
    r"vlookups?|pivot|macros?|formulas?)\b)[A-Z][\w+-]*)*"
)


def _parts_listed_after_their_suite(matches: list[Match], text: str) -> set[Match]:
    """The matches of a suite's parts listed bare in its brackets right after its name, closed on the same
    line, two parts or more ("Microsoft Office (Word, Excel, and Outlook)"): the suite is the skill asked (a
    product listed beside them that is no part of it stays: "MS Office (Word, Excel, Visio)").
    A part singled out or qualified ("(primarily Excel)", "(including advanced Excel, PowerPoint)") is asked."""
    suites = _suites()
    ends = {m.end: m.skill.id for m in matches if m.skill.id in suites}
    if not ends:
        return set()
    suite_ends = sorted(ends)
    by_bracket: dict[int, list[Match]] = defaultdict(list)
    for m in matches:
        opened = text.rfind("(", max(0, m.start - _PARTS_REACH), m.start)
        if opened == -1 or ")" in text[opened : m.start]:
            continue
        i = bisect_right(suite_ends, opened) - 1
        suite_end = suite_ends[i] if i >= 0 else None
        if (
            suite_end is not None
            and m.skill.id in suites[ends[suite_end]]
            and _SUITE_TAIL.fullmatch(text, suite_end, opened + 1)
        ):
            by_bracket[opened].append(m)
    if not by_bracket:
        return set()
    in_order = sorted(matches, key=lambda n: n.start)
    starts = [n.start for n in in_order]
    listed: set[Match] = set()
    for opened, parts in by_bracket.items():
        closed = text.find(")", opened)
        if closed == -1 or "\n" in text[opened:closed]:
            continue  # an unclosed bracket lists nothing: "MS Office (Word, Excel. Advanced Outlook skills"
        inside = list(text[opened + 1 : closed])
        # the parts, and any other product listed beside them ("Visio")
        for n in in_order[bisect_right(starts, opened) : bisect_left(starts, closed)]:
            if n.end <= closed:
                inside[n.start - opened - 1 : n.end - opened - 1] = " " * (n.end - n.start)
        if len({p.skill.id for p in parts}) >= 2 and _BARE.fullmatch("".join(inside)):
            listed.update(parts)
    return listed


@cache
def _suites() -> dict[str, frozenset[str]]:
    return {suite: frozenset(parts) for suite, parts in load_wordlist("skill_suites")["suites"].items()}


_LIST_REACH = 120  # characters back from a skill to the words that introduce its list
# A degree, then only the words that list fields of study, right up to the skill, on one line: "BS in
# computer science or a related field like math, statistics", "Bachelor's Degree (Computer Science,
# Mathematics or Statistics)". The field is what was studied, not a skill (LABELING: not degrees). The list
# must read as one: a bracket the skill's list closes, or "related field", "equivalent", "discipline" after
# it. "a degree and experience with Python", "a high degree of Kubernetes expertise", "MS in Statistics,
# Python and SQL required" keep their skills.
_FIELD_OF_STUDY = re.compile(
    r"(?i)(?:\bbachelor(?:'s|’s|s)?(?:\s+degree)?\s*(?:\bin\b|\bof\b|\()|\bmaster(?:'s|’s|s|(?=\s+(?:of|degree)))(?:\s+degree)?\s*"
    r"(?:\bin\b|\bof\b|\()|\b(?:degree|diploma|b\.?s\.?c?|m\.?s\.?c?|b\.?a\.?|ph\.?d\.?)\.?\s*(?:\bin\b|\())"
    r"(?P<list>[ \t,()/]*(?:(?!(?:experience|knowledge|skills?|with|using|years?|proficien\w*|familiar\w*|"
    r"understanding|ability|required|preferred|plus|strong|working|hands)\b)[\w&'’]+(?:[-.][\w&'’]+)*"
    r"(?:[ \t,()/]+|$))*)$"
)
_FIELD_LIST_ENDS = re.compile(r"(?i)^[\w&'’ ,/-]{0,60}?(?:\)|\b(?:related|equivalent|discipline|similar)\b)")
_STUDY_REACH = 80
# The first letter of every way _FIELD_OF_STUDY opens (bachelor, master, degree, diploma, PhD; BS, MSc, BA
# before "in" or a bracket) at a word start, and what follows it: where it does not match, _FIELD_OF_STUDY
# cannot either, and it is found at C speed (the engine skips to the letters of its first set).
_DEGREE_WORD = re.compile(
    r"[bBdDmMpP](?<=\b.)(?=(?i:achelor|aster|egree|iploma|\.?[sa]\.?c?\.?\s*(?:in|\()|h\.?d))"
)


def _a_field_of_study(text: str, start: int, end: int) -> bool:
    if start and text[start - 1].isalpha():
        return False  # glued to the word before ("related fieldAgile experience"): a new line lost
    reach = max(0, start - _STUDY_REACH)
    if _DEGREE_WORD.search(text, reach, start) is None:
        return False  # no degree named in reach
    m = _FIELD_OF_STUDY.search(text, reach, start)
    if m is None:
        return False
    after = text[end : end + 80].split("\n", 1)[0]
    return bool(_FIELD_LIST_ENDS.match(after) or _RELATED.search(m.group("list")))


_RELATED = re.compile(r"(?i)\b(?:related|equivalent)\b")


@cache
def _organisation_list() -> re.Pattern[str]:
    """ "customers including Twilio, Heroku and": names, then a separator, right up to the skill."""
    words = load_wordlist("organisation_lists")
    nouns, introducers, origins, origin_introducers = (
        "|".join(map(re.escape, words[k]))
        for k in ("nouns", "introducers", "origin_nouns", "origin_introducers")
    )
    # "customers including Twilio"; "veterans from Imperva" (not "customers from Oracle": a migration)
    opening = rf"\b(?:(?i:{nouns}),?\s+(?i:{introducers})|(?i:{origins})\s+(?i:{origin_introducers}))\b"
    item = r"[A-Z0-9][\w.&'+-]*(?:[ ][A-Z0-9][\w.&'+-]*){0,3}"  # "New Relic", "Stack Exchange"
    return re.compile(rf"{opening}:?(?:\s*{item}\s*(?:,|\band\b|&|\bor\b))*\s*$")


def _in_an_organisation_list(text: str, start: int, openings: list[int]) -> bool:
    i = bisect_left(openings, start - _LIST_REACH)
    if i == len(openings) or openings[i] >= start:
        return False  # no list opens in reach
    return _organisation_list().search(text, max(0, start - _LIST_REACH), start) is not None


def pick_skills(
    tallies: dict[str, _Tally], categories: dict[str, str]
) -> tuple[tuple[Skill, ...], list[Span]]:
    """Skills asked and required first, then asked as nice-to-have, then only used; each group in order of
    first mention. `required` is the contract's (false only when softened: of an asked skill, every ask is
    softened); a skill only used keeps it and has `asked` false (the market counts it as neither)."""
    chosen = sorted(
        (sid for sid in tallies if categories[sid] not in _NOT_SKILLS),
        key=lambda sid: (not tallies[sid].asked, not _required(tallies[sid]), tallies[sid].first),
    )
    skills = tuple(Skill(sid, _required(tallies[sid]), tallies[sid].asked) for sid in chosen)
    spans = [s for sid in chosen for s in tallies[sid].spans[:1]]
    return skills, spans


def _required(t: _Tally) -> bool:
    return t.asked_required if t.asked else t.required


def pick_topics(tallies: dict[str, _Tally], categories: dict[str, str]) -> tuple[tuple[str, ...], list[Span]]:
    """The fields and qualities a posting names (scalability, distributed systems), in order of first
    mention, with the first span of each: kept out of `skills`, the record's `topics`."""
    chosen = sorted((sid for sid in tallies if categories[sid] == "topic"), key=lambda s: tallies[s].first)
    return tuple(chosen), [tallies[sid].spans[0] for sid in chosen]


def pick_languages(
    tallies: dict[str, _Tally], categories: dict[str, str], parents: dict[str, str | None]
) -> tuple[tuple[str, ...], str | None, list[Span]]:
    """Languages, most central first: named in the title, then required, then most mentioned.
    A framework or a dialect implies its language ("Django" → python) with less weight than naming it, unless the posting
    names a language built on that one (Angular in a TypeScript posting implies no JavaScript)."""
    weight: dict[str, float] = defaultdict(float)
    first: dict[str, int] = {}
    spans: list[Span] = []
    for sid, t in tallies.items():
        if categories[sid] == "language":
            weight[sid] += 10 * t.in_title + 2 * t.required + t.count
            first[sid] = min(first.get(sid, t.first), t.first)
            spans.extend(t.spans[:1])
    built_on = {p for lang in weight if (p := parents.get(lang))}  # typescript → javascript
    for sid, t in tallies.items():
        parent = parents.get(sid)
        while parent and categories.get(parent) == "framework":  # asp-net-mvc → asp-net → csharp
            parent = parents.get(parent)
        if parent in built_on and parent not in tallies:
            continue
        built = categories[sid] == "framework" or sid in hand_dialects()  # "Django", "ClojureScript"
        if built and parent and categories.get(parent) == "language":
            weight[parent] += 0.5 + 0.5 * t.required
            first.setdefault(parent, t.first)
            if parent not in tallies:
                spans.extend(t.spans[:1])
    order = sorted(weight, key=lambda lang: (-weight[lang], first[lang]))
    return tuple(order), _primary(order, weight, tallies), spans


def nice_to_have_languages(tallies: dict[str, _Tally], languages: tuple[str, ...]) -> tuple[str, ...]:
    """The languages a posting asks for only where it softens the ask ("Nice to have: Rust, TypeScript"), as a
    skill's `required` is false there; a language implied by a framework alone is not among them."""
    return tuple(lang for lang in languages if (t := tallies.get(lang)) and t.asked and not _required(t))


def _primary(order: list[str], weight: dict[str, float], tallies: dict[str, _Tally]) -> str | None:
    if not order:
        return None
    if len(order) == 1:
        return order[0]
    top, second = weight[order[0]], weight[order[1]]
    in_title = [lang for lang in order if lang in tallies and tallies[lang].in_title]
    if len(in_title) == 1:
        return in_title[0]
    return order[0] if top >= 2 * second else None


# Node.js is JavaScript run on a server: the taxonomy folds it into the language, which names no side of
# the stack; the role book keeps the runtime apart ("nodejs": backend), as a title naming it does. Written
# with its "js", or bare in a list of technologies ("Angular, Backbone, Node, and/or Bower"): a bare "Node"
# in a sentence is as often a graph's or a network's node.
SERVER_RUNTIMES = frozenset({"nodejs"})  # the role book's id of each (`role_family` weighs them apart)
_SERVER_JAVASCRIPT = re.compile(r"(?i)node[. ]?js")
_LISTED_BEFORE = re.compile(r"(?:[,;/+&(]|\b(?:and|or|is))\s*$")  # "Our backend is Node."
_LISTED_AFTER = re.compile(r"\s*[,;/+&)]")


def server_runtimes(tallies: dict[str, _Tally], text: str) -> frozenset[str]:
    """ "nodejs" where the posting names JavaScript as Node.js ("Node.js on the backend and Backbone on the
    front-end"): a server-side skill to judge a role of no kind by, though no skill of the record."""
    javascript = tallies.get("javascript")
    named = javascript is not None and any(
        _SERVER_JAVASCRIPT.fullmatch(s.text)
        or (
            s.text.lower() == "node"
            and (
                _LISTED_BEFORE.search(text, max(0, s.start - 6), s.start) or _LISTED_AFTER.match(text, s.end)
            )
        )
        for s in javascript.spans
    )
    return SERVER_RUNTIMES if named else frozenset()


def without_role_names(tallies: dict[str, _Tally], titles: list[tuple[str, Span]]) -> dict[str, _Tally]:
    """DevOps or SRE read only inside the roles a post names ("SW engineers up and down the stack, back
    end, data, dev ops, test") is a kind of role, not a practice asked for (see _TITLE_PRACTICES)."""
    roles = [(span.start, span.end) for _, span in titles]
    return {sid: t for sid, t in tallies.items() if sid not in _TITLE_PRACTICES or not t.only_inside(roles)}


MAX_NAMES = 50  # places of the company's name looked at


def without_the_hirer(tallies: dict[str, _Tally], text: str, company: str | None) -> dict[str, _Tally]:
    """The tallies without the hirer: a skill written as the hiring company's name ("Vimeo", "ClassDojo"
    hiring) or read only inside it ("Vault" of "LayerVault", "Spring" of "SharpSpring") names the company
    and its product, not a technology asked for (../shared/eval/LABELING.md)."""
    if not company:
        return tallies
    hirer = _fold(company)
    names: list[tuple[int, int]] = []
    at = text.find(company)
    while at != -1 and len(names) < MAX_NAMES:
        names.append((at, at + len(company)))
        at = text.find(company, at + 1)
    return {
        sid: t
        for sid, t in tallies.items()
        if not all(_fold(s.text) == hirer for s in t.spans) and not t.only_inside(names)
    }


def a_stack_not_a_name(tallies: dict[str, _Tally], text: str, company: str | None) -> bool:
    """A "company" that is only technologies where the text first writes it ("Python/C", "HTML CSS JS
    jQuery"): a stack a header's segment misread as the hirer, whose languages stay the posting's."""
    at = text.find(company) if company else -1
    if at == -1 or company is None:
        return False
    end = at + len(company)
    rest = list(company)
    for tally in tallies.values():
        for s in tally.spans:
            if at <= s.start and s.end <= end:
                rest[s.start - at : s.end - at] = " " * (s.end - s.start)
    return not _WORDS_LEFT.search("".join(rest))


_WORDS_LEFT = re.compile(r"(?i)(?!(?:and|or)\b)[a-z]{2,}")


def _fold(name: str) -> str:
    return "".join(filter(str.isalnum, name.casefold()))
