"""Split a posting's text into sections (about, responsibilities, requirements, nice-to-have, stack, hiring,
benefits, apply) from its headings, mark the sentences that soften a requirement ("X is a plus"), and the
stretches that describe what the company uses rather than ask for ("our stack is X", "we use Y")."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

from rolemap.extract.intervals import Cover
from rolemap.extract.phrases import Hits, phrase_book
from rolemap.extract.word_edges import on_word_boundary
from rolemap.models import Span

# A heading: a short line ending in ':' / all caps / a Markdown heading / "-- Title --" / **Title**.
_HEADING_SHAPE = re.compile(
    r"^(?:#{1,6}\s*|\*\*|__|-{2,}\s*)?(?P<body>[A-Za-z][^\n]{0,70}?)(?:\*\*|__|\s*-{2,})?\s*:?\s*$"
)
# A line of up to eight words each capitalised, small joining words aside, with no stop at its end and a
# heading's word at its end: a heading as boards write them ("Job Education, Experience, And
# Qualifications"). One that opens with the word may be a list item ("Experience With Kubernetes And
# Terraform"), so "Responsibilities Include But Not Limited To" is left unread.
_TITLE_CASE_HEADING = re.compile(
    r"(?:[A-Z][\w'’&/-]*,?|and|or|of|to|for|the|a|in|on|with|&)(?:\s+(?:[A-Z][\w'’&/-]*,?|and|or|of|to|for|the|a"
    r"|in|on|with|&)){1,7}"
)
# Checked in this order: "nice" before "requirements" so "preferred qualifications" is nice-to-have.
# "stack" ("Our tech stack", "Technologies we use") after "requirements": "Skills & stack" asks; "hiring"
# ("We're hiring:", "Open positions") before "about": "Our team is looking for" opens the roles, not about-us.
HEADING_KINDS = ("nice", "benefits", "apply", "responsibilities", "requirements", "stack", "hiring", "about")
_HEADING_TAGS = tuple(f"section_headings/{kind}" for kind in HEADING_KINDS)
# Sections whose technology words say what the company uses, not what it asks of a candidate.
USED_SECTIONS = frozenset({"about", "stack"})
_NICE = "nice_to_have/sentence"
_USAGE_CUE, _ASK_CUE = "skill_usage/cue", "skill_usage/ask"
# A sentence ends at a full stop before a space or a capital (not "Node.js", "3.5", "e.g.", "i.e.", "vs."), a line break, or a
# seam where a capital follows a small letter ("requiredBroad"). Each pattern opens with one set of
# characters, so the regex engine skips the others at C speed; a seam's match is its capital (one
# character, where a lookahead alone would be empty), and `sentence_bounds` ends the sentence before it.
# A board's lost line break also glues the number of years that opens the next item to a full stop or a
# word ("Degree preferred.3-4 years of experience", "diploma or equivalent3+ years"): a sentence ends there
# too (a decimal, "2.5 years", has a digit before its point; "EC2", "S3" are no number of years).
_SENTENCE_END = re.compile(
    r"[\n.!?;A-Z\d](?:(?<=\n)|(?<=[.!?;])(?<![eE]\.g\.)(?<![iI]\.e\.)(?<!\bvs\.)(?=\s|[A-Z·•▪])|(?<=[a-z]\.)(?=\d)|(?<=[a-z][A-Z])(?=[a-z])"
    r"|(?<=[a-z)]\d)(?=\d?\+?(?:\s?(?:-|–|to)\s?\d{1,2}\+?)?\s?(?:years?|yrs)\b))"
)
# A hiring sentence lists its roles between semicolons ("devs for mobile and web; SDETs; data scientists")
# ... and a dot between capitals is a name's ("ASP.NET", "Node.JS"), not a seam ("experience.The"), nor is
# the dot of a level's abbreviation ("an immediate need for a Sr. iOS Engineer")
_SENTENCE_END_IN_PROSE = re.compile(
    r"[\n.!?](?:(?<=\n)|(?<!\b[SJ]r\.)(?<!\bMgr\.)(?=\s)|(?<=[a-z][.!?])(?=[A-Z][a-z]))"
)
_SENTENCE_REACH = 250
_LONGEST_SEAMED_NAME = 40  # a technology's name a seam may stand inside ("ServiceNow", "CloudFormation")
_BRACKET_REACH = 40  # characters back a nice-to-have word looks for the bracket it stands in
_CLOSING_BRACKET = re.compile(r"[^()\n]{0,60}?\)")
# adverbs that soften what follows them only ("5+ years of HR experience, preferably within a plant")
_FORWARD_ONLY = frozenset({"preferably", "ideally"})
# a capitalised word after the marker makes it a heading's first word: "Desired Qualifications", "Preferred Skills"
_HEADING_AFTER = re.compile(r"[ \t]+(?:Qualifications|Skills|Experience|Requirements|Knowledge|Education)\b")
_COLUMN_HEAD = re.compile(r"(?i)required\s*/\s*$")
_INTENSIFIERS = re.compile(r"(?i)\b(?:strongly|highly|very|much|greatly|definitely)\b")
_TURN = re.compile(r"(?i),?\s+(?:but|however)\b")
_ITEM_START = re.compile(r"(?:^|\n)[ \t]*(?:[-*•·][ \t]*)?\Z")
_TRAILING_REACH = 80
_AFTER_ITS_ITEM = re.compile(
    r"(?:.*\s)?(?:plus|pluses|preferred|desired|desirable|(?:is|are) a bonus|helpful|advantageous|"
    r"an advantage|not required|optional)"
)
# a word that introduces a list or labels one, before the softening word: "the following preferred Kafka",
# "Tools preferred Jira", "Also desired Terraform": what follows is the softened list, not a new item
_LIST_BEFORE = re.compile(
    r"(?im)(?:\b(?:following|also|additional|other)|(?:^|[*•·▪:;(])[ \t]*(?:[\w-]+[ \t]+)?"
    r"(?:skills?|tools?|languages?|technologies))\s*\Z"
)  # a label opens its item ("Tools preferred Jira"); "query skills a plus" ends one
_ITEM_REACH = 250
_LAST_BULLET = re.compile(r"[•·▪*][ \t]*(?=[^•·▪*]*\Z)")  # the last bullet of the stretch searched
# ... or an ask of its own, or a clause of its own the softening word is about ("…, experience in fintech
# preferred", "with some exposure to MongoDB preferred")
_CLAUSE_END = re.compile(
    r"(?i);|\.\s|\b(?:requires?|required|must)\b|(?:,|\bwith)\s+(?:some\s+|prior\s+|previous\s+|any\s+)?"
    r"(?:experience|exposure|familiarity|knowledge|certifications?)\b"
)
_INLINE_BULLET = re.compile(r"[ \t][*•·▪][ \t]")
_NEW_ITEM_AFTER = re.compile(r"[ \t]+[A-Z][a-z]|[ \t]*[*•·▪][ \t]")


@dataclass(frozen=True, slots=True)
class Section:
    kind: str  # "title", "about", "responsibilities", "requirements", "nice", "stack", "hiring", "benefits",
    # "apply", "body"
    start: int
    end: int


class SectionMap:
    """Answers, for any offset of the document, which section it stands in and whether its sentence
    marks a skill as nice-to-have."""

    def __init__(self, text: str, hits: Hits | None = None) -> None:
        self.text = text
        self.hits = hits if hits is not None else phrase_book().find(text)
        self.sections = _split(text, self.hits)
        self._starts = [s.start for s in self.sections]

    def kind_at(self, offset: int) -> str:
        i = bisect_right(self._starts, offset) - 1
        return self.sections[max(i, 0)].kind

    def is_nice_to_have(self, start: int, end: int, kind: str | None = None) -> bool:
        """Whether [start, end) is softened; `kind` is its section when the caller knows it already."""
        if (kind or self.kind_at(start)) == "nice":
            return True
        return self._softened.covers(start, end)

    def is_used_only(self, start: int, end: int, kind: str | None = None) -> bool:
        """Whether [start, end) says what the company uses rather than asks for: it stands in an about or
        stack section, or after a usage cue in its sentence ("our stack is …", "we use …", "built with …")."""
        if (kind or self.kind_at(start)) in USED_SECTIONS:
            return not self._asked_before(start)  # "Skills: Kafka" inside an about section still asks
        return self._used.covers(start, end)

    def _asked_before(self, offset: int) -> bool:
        """Whether an ask word stands earlier in the sentence of `offset`."""
        i = bisect_right(self._asks, offset) - 1
        return i >= 0 and self._asks[i] >= self._sentence(offset, offset)[0]

    def _sentence(self, start: int, end: int) -> tuple[int, int]:
        """`sentence_bounds`, where a seam inside a technology's name ends no sentence: a board glues lines
        at a small letter before a capital ("requiredBroad"), and so does "TypeScript", "GitHub" or
        "WordPress" (a "Nice to have: Rust, TypeScript." softened Rust and "Type" only). The names are the
        scan's taxonomy literals standing alone (`word_edges.on_word_boundary`)."""
        left, right = sentence_bounds(self.text, start, end)
        for _ in range(4):  # a few names in a row at most; each step moves right on
            name = self._name_across(right)
            if name is None:
                break
            right = sentence_bounds(self.text, start, name[1])[1]
        name = self._name_across(left)
        if name is not None:
            left = sentence_bounds(self.text, name[0], name[0])[0]
        return left, right

    def _name_across(self, at: int) -> tuple[int, int] | None:
        """A technology's name standing alone in the text that holds `at` inside it (not at its edges)."""
        i = bisect_right(self._names[0], at - 1) - 1  # the last name starting before `at`
        while i >= 0 and self._names[0][i] >= at - _LONGEST_SEAMED_NAME:
            start, end = self._names[0][i], self._names[1][i]
            if start < at < end:
                return start, end
            i -= 1
        return None

    @cached_property
    def _names(self) -> tuple[list[int], list[int]]:
        spans = sorted(
            (start, end)
            for start, end, _ in self.hits.extra
            if end - start <= _LONGEST_SEAMED_NAME and on_word_boundary(self.text, start, end)
        )
        return [s for s, _ in spans], [e for _, e in spans]

    @cached_property
    def _asks(self) -> list[int]:
        return sorted(s.start for s in self.hits.spans(_ASK_CUE))

    @cached_property
    def _used(self) -> Cover:
        """From a usage cue to the end of its sentence, cut at the first word that turns the sentence into an
        ask ("we use Go, and you know Kafka"); a cue after such a word is part of an ask ("experience with
        services built on AWS") and covers nothing."""
        cues = self.hits.spans(_USAGE_CUE)
        if not cues:
            return Cover(())
        asks, out = self._asks, []
        for cue in cues:
            if self._asked_before(cue.start):
                continue
            right = self._sentence(cue.start, cue.end)[1]
            j = bisect_right(asks, cue.end - 1)
            out.append((cue.end, min(right, asks[j]) if j < len(asks) else right))
        return Cover(out)

    @cached_property
    def _softened(self) -> Cover:
        """Stretches a nice-to-have word softens. A word before the item softens the rest of its sentence
        ("Bonus: Kafka", "ideally Go"); one after it only what stands near ("Kafka is a plus"): a trailing
        "preferred" far away belongs to another item of the sentence."""
        out = []
        for marker in self.hits.spans(_NICE):
            if _COLUMN_HEAD.search(self.text, max(0, marker.start - 12), marker.start):
                continue  # "Skill | Required/Desired | Years": a table's column head, each row says which
            left, right = self._sentence(marker.start, marker.end)
            # ... and no further than its brackets ("Degree (preferred) or equivalent experience", "(ideally in
            # a help desk)") or a turn of the sentence ("Degree preferred, but 1+ years of experience accepted")
            opened = self._bracket_opened(marker)
            bracket = _CLOSING_BRACKET.match(self.text, marker.end, right) if opened is not None else None
            turn = _TURN.search(self.text, marker.end, right)
            ends = [right, *([bracket.end() - 1] if bracket else []), *([turn.start()] if turn else [])]
            # a word inside an item softens it no further than the next bullet of a run-on line ("Tools preferred
            # Jira • Docker"); one heading a list ("Preferred Experience · …", "nice to have: …") softens the list
            if marker.text[:1].islower() and not self.text.startswith(":", marker.end):
                next_item = _INLINE_BULLET.search(self.text, marker.end, right)
                ends += [next_item.start()] if next_item else []
            trailing = (
                marker.text[:1].islower()
                and _AFTER_ITS_ITEM.fullmatch(marker.text)
                and not _LIST_BEFORE.search(self.text, max(0, marker.start - 30), marker.start)
            )
            # a word that follows its item ("preferred", "a plus"), with a capital's new item or a bullet right
            # after it on a board's run-on line ("Experience with eBTax preferred Accounting experience required",
            # "industry a plus * 3+ years BSA experience required"), ends its item there; "preferably MySQL",
            # "bonus ArcGIS" soften what follows them
            if not (trailing and _NEW_ITEM_AFTER.match(self.text, marker.end)):
                out.append((marker.end, min(ends)))
            # a capitalised label heads what follows it ("Desired Qualifications", "Pluses:"), not what stands
            # before it: on a board's glued line "- 4- 5+ years in JavaScript- UX DesignPluses:- Python"
            heading = marker.text[:1].isupper() and (
                _HEADING_AFTER.match(self.text, marker.end) or self.text.startswith(":", marker.end)
            )
            if marker.text.lower() in _FORWARD_ONLY or heading:
                continue  # "preferably X"; "Desired Qualifications:" heads what follows, glued on or not
            # a trailing word in brackets with what it softens ("6-8 years of experience (MS preferred)")
            # softens that; alone in its brackets ("Degree (preferred)"), what stands before them
            inside = (
                opened is not None and _INTENSIFIERS.sub("", self.text[opened + 1 : marker.start]).strip()
            )
            start = opened + 1 if opened is not None and inside else max(left, marker.start - _TRAILING_REACH)
            # ... back to the bullet that opens its item, on a board's run-on line of bulleted items ("desired •
            # Familiarity with Cadence, mask layout, …, verification and fabrication desired • Familiarity with")
            if trailing and opened is None and (item := self._inline_item_opened(marker.start)) is not None:
                start = min(start, item)
            out.append((start, marker.start))
        return Cover(out)

    def _inline_item_opened(self, at: int) -> int | None:
        """Where the item `at` stands in opens, when a bullet inside its line opens it within _ITEM_REACH and
        one clause runs from there (no semicolon, no full stop; a seam such as "McAfee" is no sentence's end
        here): a bullet opening a line of its own is a list's, whose items a trailing word softens no further
        than _TRAILING_REACH."""
        line = self.text.rfind("\n", 0, at) + 1
        bullet = _LAST_BULLET.search(self.text, max(line, at - _ITEM_REACH), at)
        if bullet is None or not self.text[line : bullet.start()].strip():
            return None
        return None if _CLAUSE_END.search(self.text, bullet.end(), at) else bullet.end()

    def _bracket_opened(self, marker: Span) -> int | None:
        """Where the brackets open that the marker stands in and that say what it softens: not a label
        alone in brackets opening an item ("- (Desired) At least 2 years"), which softens the item after it."""
        opened = self.text.rfind("(", max(0, marker.start - _BRACKET_REACH), marker.start)
        if opened == -1 or ")" in self.text[opened : marker.start]:
            return None
        label = self.text[opened + 1 : marker.start].strip() == "" and self.text.startswith(")", marker.end)
        return None if label and _ITEM_START.search(self.text, 0, opened) else opened


def sentence_bounds(
    text: str, start: int, end: int, glued: bool = True, reach: int = _SENTENCE_REACH
) -> tuple[int, int]:
    """The sentence around [start, end): up to a full stop, a line break, or (when `glued`) a seam where a
    board glued two lines together ("...experience requiredBroad base..."); never more than `reach`
    characters a side. Prose that names technologies reads without seams: "JavaScript" is one word."""
    pattern = _SENTENCE_END if glued else _SENTENCE_END_IN_PROSE
    left = max(0, start - reach)
    # The last stop before start: no earlier than the last line break, itself a stop, where the scan starts.
    line_break = text.rfind("\n", left, start)
    last = deque(pattern.finditer(text, left if line_break == -1 else line_break, start), maxlen=1)
    if last:  # the sentence starts after a stop or a line break, and at a seam's capital
        stop_at = last[0].start()
        left = stop_at if "A" <= text[stop_at] <= "Z" or "0" <= text[stop_at] <= "9" else stop_at + 1
    right_limit = min(len(text), end + reach)
    stop = pattern.search(text, end, right_limit)
    return left, stop.start() if stop else right_limit


def classify_heading(line: str) -> str | None:
    """The section kind a heading line opens, or None when the line is not a heading."""
    return _heading_kind(line, 0, phrase_book().find(line))


def _heading_kind(line: str, offset: int, hits: Hits) -> str | None:
    stripped = line.strip()
    if not stripped or len(stripped) > 80 or "://" in stripped:  # a link ("…/about/jobs") heads nothing
        return None
    shape = _HEADING_SHAPE.match(stripped)
    if not shape:
        return None
    body = shape.group("body").strip(" *_-#")
    looks_like_heading = (
        stripped.endswith(":")
        or stripped.startswith(("#", "**", "__", "--"))
        or (stripped.isupper() and len(stripped) > 3)
        or (len(body.split()) <= 4 and not stripped.endswith((".", "!", "?", ",")))
    )
    # a longer line in title case heads a section only where its heading's word ends it ("Job Education,
    # Experience, And Qualifications"): a role's title ("Senior Software Engineer, Employee Benefits
    # Platform") and a list item ("Experience With Kubernetes And Terraform") are in title case too
    title_cased = not looks_like_heading and _TITLE_CASE_HEADING.fullmatch(body) is not None
    if not (looks_like_heading or title_cased):
        return None
    opening = offset + len(line) - len(line.lstrip(" \t#*_-"))
    closing = offset + len(line.rstrip(" \t#*_-:"))
    for kind, tag in zip(HEADING_KINDS, _HEADING_TAGS, strict=True):
        found = hits.within(tag, offset, offset + len(line))
        # An about heading names the company first ("About us", "Who we are"); "passionate about clean
        # code" or "What's ahead for the team:" is a line of the text, not the start of an about-us part.
        # A nice-to-have heading opens with its word or ends with a colon ("Bonus points", "Things that would
        # be a plus:"); "Performance Bonus" is an item of a list of benefits.
        opens = any(s.start == opening for s in found)
        if title_cased and not any(s.end == closing for s in found):
            continue
        if found and (opens or kind not in ("about", "nice") or (kind == "nice" and stripped.endswith(":"))):
            # "Skill | Required/Desired | Years" heads a table whose rows say which: no nice-to-have part
            return None if kind == "nice" and _COLUMN_HEAD.search(line, 0, found[0].start - offset) else kind
    return None


def _heading_lines(text: str, hits: Hits, after: int) -> list[int]:
    """Where the lines holding a heading word after `after` start, in order: only such a line can open a
    section. Each word's line break is looked for back to the word before it only, so finding them all is
    one pass over the text."""
    words = sorted(s.start for tag in _HEADING_TAGS for s in hits.spans(tag) if s.start > after)
    line_starts = [text.rfind("\n", 0, words[0]) + 1] if words else []
    for before, at in pairwise(words):
        newline = text.rfind("\n", before, at)
        if newline != -1:
            line_starts.append(newline + 1)
    return line_starts


def _split(text: str, hits: Hits) -> list[Section]:
    first_nl = text.find("\n")
    title_end = len(text) if first_nl == -1 else first_nl
    sections = [Section("title", 0, title_end)]
    kind, start = "body", title_end + 1
    for offset in _heading_lines(text, hits, title_end):
        line_end = text.find("\n", offset)
        line = text[offset : len(text) if line_end == -1 else line_end]
        heading = _heading_kind(line, offset, hits) if len(line) <= 80 else None
        if heading:
            sections.append(Section(kind, start, offset))
            kind, start = heading, offset
    sections.append(Section(kind, start, len(text)))
    return [s for s in sections if s.end > s.start or s.kind == "title"]
