"""The six levels, from the title first and from the years asked when the title says nothing
(../shared/eval/LABELING.md: 0–1 junior, 2–4 mid, 5–7 senior, 8+ staff when the role owns architecture
or leads engineers, else senior)."""

from __future__ import annotations

import re
from functools import cache

from rolemap.extract.document import Document
from rolemap.extract.role_lines import roles_in_fields
from rolemap.extract.roles import MID_COMPOUND, no_level_i, role_book, seniority_of
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span


def detect_seniority(
    doc: Document, years: dict[str, int | None] | None, years_spans: tuple[Span, ...]
) -> tuple[str | None, tuple[Span, ...]]:
    for level in load_wordlist("seniority_title")["order"]:
        in_title = [
            s
            for s in doc.hits.spans(f"seniority_title/{level}")
            if doc.in_title(s.start)
            and not (level == "junior" and no_level_i(doc.text, s.start))
            and not (level == "mid" and MID_COMPOUND.match(doc.text, s.end))  # "Mid-Market"
        ]
        if level == "manager":  # "Business Development Manager" sells: no manager of software development
            in_title = [
                s for s in in_title if not _BUSINESS_BEFORE.search(doc.text, max(0, s.start - 9), s.start)
            ]
        if in_title and level == "staff":  # "Senior Systems Architect", "Sr. Developer/Tech Lead": senior
            senior = [s for s in doc.hits.spans("seniority_title/senior") if doc.in_title(s.start)]
            if senior and senior[0].start < in_title[0].start:
                return "senior", (senior[0],)
        if in_title:
            return level, (in_title[0],)
    # the title again as a field of the description ("Job Title: Sr .Net Developer") says the level too
    # when it names one role ("Roles: Senior Engineer, Designer" names no single level)
    fields = [
        (title, span)
        for title, span in (roles_in_fields(doc.text, doc.title[1]) if doc.title[1] else [])
        if len(title.split()) <= 6
    ]
    levels = {seniority_of(title) for title, _ in fields}
    if len(levels) == 1 and None not in levels:
        return levels.pop(), (fields[0][1],)
    asked = _level_asked(doc, doc.title[1])
    if asked:
        return asked
    if years and years.get("min") is not None:
        return _level_from_years(int(years["min"] or 0), doc), years_spans
    return None, ()


_BUSINESS_BEFORE = re.compile(r"(?i)business[ -]$")
_LEVEL_REACH = 3000  # characters after the title a hiring sentence is looked for in
_CUE_REACH, _NOUN_REACH = 40, 80  # from a level word back to its cue, and on to its role noun


def _level_asked(doc: Document, start: int) -> tuple[str, tuple[Span, ...]] | None:
    """The level a hiring sentence gives the role it asks for, when the title gives none: "looking for a
    senior full stack developer", "As a Senior Consultant, you will", "seeking two-to-three Senior Java
    Developers". Every such sentence must name the same level ("senior and junior developers": none)."""
    text = doc.text
    found: dict[str, Span] = {}
    for anchor in doc.hits.spans("anchors/level"):  # the level words, found by the document's one scan
        if not start <= anchor.start < start + _LEVEL_REACH:
            continue
        m = _asked().match(text, max(start, anchor.start - _CUE_REACH), anchor.start + _NOUN_REACH) or (
            _OWN_LEVEL.match(text, max(start, anchor.start - _CUE_REACH), anchor.start + _NOUN_REACH)
        )
        if m is None or m.start("level") != anchor.start:
            continue
        level = seniority_of(m.group("level"))
        if level == "staff" and m.group("noun").lower() == "member":
            continue  # "a full-time staff member": one of the staff
        other = _ANOTHER_LEVEL_AFTER.match(text, m.end("noun"))
        if other and seniority_of(other.group(1)) not in (None, level):
            continue  # "a strong mid-level dev or a senior dev": no one level
        if level is None or seniority_of(text[m.end("level") : m.end("noun")]):
            continue  # "senior and junior developers", "senior and associate engineers": no one level
        found.setdefault(level, Span(m.start("level"), m.end("noun"), text[m.start("level") : m.end("noun")]))
    if len(found) != 1:
        return None
    level, span = found.popitem()
    return level, (span,)


_ANOTHER_LEVEL_AFTER = re.compile(
    r"(?i)\s+(?:or|and)\s+(?:an?\s+)?(senior|sr\b|junior|jr\b|staff|principal|mid[- ]level|entry[- ]level)"
)


# The level a post gives itself, its own noun right after it: "This is a senior position", "this role is an
# entry-level one", "seeking entry level candidates"; not "a Staff Augmentation role", "a senior management
# position", "This is not a junior position"
_OWN_LEVEL = re.compile(
    r".*(?:\b(?i:this is|this (?:role|position|job) is)\s+(?i:an?)|\b(?i:seeking|looking for|hiring))\s+"
    r"(?P<level>(?i:senior|junior|entry[- ]level|mid[- ]level))[\s-]+(?i:level\s+)?"
    r"(?P<noun>(?i:candidates?|position|role|opportunity|job|one)\b)",
    re.S,
)


@cache
def _asked() -> re.Pattern[str]:
    """A hiring cue, a level word, up to three words more, then a role noun (roles.json's), matched from a
    little before each level word. The posting asks: "we're hiring", "is hiring", "looking for", and "As a"
    opening a sentence ("As a Senior Consultant, you will"), not a duty ("you will own hiring senior
    engineers") or a past role ("time as a junior developer")."""
    noun = role_book().role_noun.source
    cue = (
        r"\b(?i:looking for|seeking|searching for|to hire)|\b(?i:is|are|now)\s+(?i:hiring)|['’](?i:re)\s+(?i:hiring)"
        r"|(?:^|[.!?:\n]\s*)As\s+an?"
    )
    # "a a senior developer": a doubled article is a slip, not another reading; "As a senior member of the
    # team" names the level of a role without its title; up to two words in lower case may praise it ("a
    # talented senior developer", "a highly motivated junior engineer"), not join two levels ("a junior to
    # senior developer", "a mid or senior engineer") nor name another role ("a recruiter for senior roles")
    praise = (
        r"(?:(?!(?:to|or|and|of|for|with|in|on|at|from|by|about|like|as|senior|sr|junior|jr|staff|principal"
        r"|mid|entry)\b)[a-z][\w-]*\s+){0,2}"
    )
    return re.compile(
        rf".*(?:{cue})\s+(?:(?:(?i:an?)\s+){{1,2}}{praise}|(?i:two|three|several|multiple|\w+[- ]to[- ]\w+)\s+)?"
        r"(?P<level>(?i:senior|sr\.?|junior|jr\.?|staff|principal|mid[- ]level|entry[- ]level))\s+"
        rf"(?:[\w.+#/-]+\s+){{0,3}}?(?P<noun>(?i:{noun}|member\b))",
        re.S,
    )


def _level_from_years(lo: int, doc: Document) -> str:
    if lo <= 1:
        return "junior"
    if lo <= 4:
        return "mid"
    if lo <= 7:
        return "senior"
    return "staff" if "seniority_scope/staff" in doc.hits else "senior"
