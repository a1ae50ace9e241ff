"""Where a taxonomy name found in a text counts as the skill: the aliases as the one document scan carries
them (extract/document.py), and the rules a hit must pass (extract/taxonomy.py's docstring says which
alias carries which):
  * on word boundaries (a camelCase seam of glued lines counts as one), outside links and e-mail
    addresses, and outside the set phrases of English in `skill_look_alikes` ("Go Live");
  * in the case written, for a `cs` alias and a guarded one; the own capitalised name of a `cs` entry of the
    hand layer (no acronym, no `ctx`) written all in small letters only as an item of a list of technologies
    ("node/postgres/react");
  * a `ctx` alias next to a context word or within 40 characters of another technology; beside a list mark,
    in the title, bracketed alone ("Backend Engineer (Go)") or with another name within 80 characters
    ("Puppet, Chef"; not "pallets, containers, and other assets", "Series C/285", "Location: Phoenix");
    one flagged `code` (another trade's word first: "Assembly") written bare, within 40 characters of a
    language or a processor only;
    one flagged `verb` ("Make", "Go") opening a sentence and followed by a function word
    (`imperative_objects`: "Make sure") is the verb;
  * a guarded alias after a list mark or a context word only, never in a list of the offer's terms
    ("Salary: DOE");
  * a `ctx` or guarded alias not inside a longer name: no letter glued before it ("DuckDuckGo"), no word
    glued after it that makes a word with it ("BlackRock"; a board's "WindowsKnowledge" makes none);
  * a name not followed by "Capital" or "Ventures" (an investor's: "Spark Capital");
  * a one-letter name not glued by a hyphen to a word of English ("C-level"; "C-code" is C), nor slashed to
    another lone letter that is no language ("A/C", "P/C", "M/R"; "C/C++" and "Python/R/C" are C)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cache
from itertools import islice

from rolemap.extract.intervals import WHITE_SPACE, Cover, Marks
from rolemap.extract.phrases import MAX_HITS, Hits, PhraseBook, search_copy, search_key
from rolemap.extract.skill_other_senses import SENTENCE_END, another_things_name
from rolemap.extract.taxonomy import Match, SkillEntry, is_exact_alias
from rolemap.extract.word_edges import PLAIN_EDGES, glued, on_word_boundary
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span


@dataclass(frozen=True, slots=True)
class SkillAlias:
    """One alias as the document scan carries it: the skill, and what its hit must also satisfy."""

    entry: SkillEntry
    written: str  # the alias as the taxonomy writes it
    exact: bool  # must match in this case ("Go", "Rust", "Spring")
    needs_context: bool
    has_digit: bool  # the scan reads digits as 0: "html5" must be checked against the text
    guarded: bool = False  # an everyday word from the open sources: the strict context test only
    lowered: bool = False  # a case-sensitive name written in lowercase: in a list of technologies only


def skill_literals(entries: dict[str, SkillEntry]) -> dict[str, list[SkillAlias]]:
    """Scan literal (lowercase, digits as 0: see phrases.search_copy) → the aliases it may be.
    One-letter aliases ("C", "R") are left to `SingleLetterSkills`: as literals they would hit every
    letter c and r of the text."""
    out: dict[str, list[SkillAlias]] = {}
    for alias in _aliases(entries):
        if len(alias.written) > 1:
            out.setdefault(search_key(alias.written), []).append(alias)
    return out


class SingleLetterSkills:
    """The one-letter aliases, found with one regex over the text in their exact case."""

    def __init__(self, entries: dict[str, SkillEntry]) -> None:
        self._by_letter = {a.written: a for a in _aliases(entries) if len(a.written) == 1}
        letters = "".join(sorted(self._by_letter))
        self._pattern = re.compile(f"[{re.escape(letters)}](?![\\w+#])") if letters else None

    def find(self, text: str) -> list[tuple[int, int, tuple[SkillAlias, ...]]]:
        """The first MAX_HITS, as the phrase scan keeps of each literal."""
        if self._pattern is None:
            return []
        found = islice(
            (
                m
                for m in self._pattern.finditer(text)
                if not _a_compound(text, m.end())
                and not _in_a_run_of_letters(text, m.start(), m.end(), self._by_letter)
            ),
            MAX_HITS,
        )
        return [(m.start(), m.end(), (self._by_letter[m.group(0)],)) for m in found]


def _in_a_run_of_letters(text: str, start: int, end: int, languages: Collection[str]) -> bool:
    """A letter slashed to another lone letter names grades or stands in an acronym, not a language:
    "Class A/B/C licenses", "the A/E/C industry", "A/C in the summer" (but "C/C++", "Python/C", and a
    list of languages, "Python/R/C")."""
    before = _LONE_BEFORE.search(text, max(0, start - 3), start)
    after = _LONE_AFTER.match(text, end)
    return (before is not None and before.group(1) not in languages) or (
        after is not None and after.group(1) not in languages
    )


# a lone letter and a slash just before the name, and a slash and a lone letter just after it
_LONE_BEFORE = re.compile(r"(?<![\w.+#])([^\W\d_])/\Z")
_LONE_AFTER = re.compile(r"/([^\W\d_])(?![\w+#])")


# After a hyphen, the words that make a letter the language: what is written in it or built on it ("C-code",
# "C-API", "R-programming", "C-based", "C-like"); the rest make compounds of English ("C-level", "C-suite")
_HYPHENED_WORD = re.compile(r"-([A-Za-z]+)")
_BUILT_ON = frozenset({"based", "like", "style", "family", "ish"})


def _a_compound(text: str, end: int) -> bool:
    """A letter glued by a hyphen to a word that is neither a technical context word nor says what is built
    on the language: "C-level", "C-suite", "R-value"."""
    word = _HYPHENED_WORD.match(text, end)
    if word is None:
        return False
    lowered = word.group(1).lower()
    return lowered not in _BUILT_ON and lowered not in _context_words()[1]


def _aliases(entries: dict[str, SkillEntry]) -> Iterator[SkillAlias]:
    taken = {a.lower() for e in entries.values() for a in e.every_alias if not is_exact_alias(e, a)}
    for entry in entries.values():
        for alias in entry.aliases:
            exact = is_exact_alias(entry, alias)
            # `ctx` binds a case-sensitive entry's names as written; an entry matched in any case, all of them
            needs_context = entry.needs_context and (exact or not entry.case_sensitive)
            yield SkillAlias(entry, alias, exact, needs_context, any(c.isdigit() for c in alias))
            if exact and _lowercase_listed(entry, alias) and alias.lower() not in taken:
                yield SkillAlias(
                    entry, alias.lower(), True, True, any(c.isdigit() for c in alias), lowered=True
                )
        for alias in entry.guarded:
            yield SkillAlias(entry, alias, True, True, any(c.isdigit() for c in alias), guarded=True)
        for alias in entry.contextual:
            yield SkillAlias(entry, alias, False, True, any(c.isdigit() for c in alias))


def _lowercase_listed(entry: SkillEntry, alias: str) -> bool:
    """Whether a case-sensitive name of the hand-kept layer also counts written all in lowercase, as an item
    of a list of technologies (`_listed_with_another`): the entry's own capitalised name when it asks no
    other context ("react/redux", "rails, postgres, redis", "hadoop, spark"; not "react quickly", "excel
    at"). Its other aliases may come from the open sources ("Escript" of JavaScript, "Elastic" of
    Elasticsearch: "elastic net"), acronyms ("REST", "SOLID", "ARM") and names that need context even as
    written ("Go", "Spring", "Chef") are English words first in lowercase, and the open sources' names were
    not each decided by a person ("Compilers", "Emulators")."""
    return (
        alias == entry.name
        and len(alias) > 3  # "nix" is *nix as often, its asterisk an HTML italic the text lost
        and "hand" in entry.sources
        and not (entry.needs_context or entry.word)
        and alias[:1].isupper()
        and not alias.isupper()
    )


class SkillMatcher:
    """Taxonomy aliases in a text: one Aho-Corasick pass, then the longest matches that stand on word
    boundaries. The extractor shares that pass with the word lists (extract.document); this class is
    the same matcher on its own."""

    def __init__(self, entries: dict[str, SkillEntry]) -> None:
        lists = {
            "anchors/link": load_wordlist("anchors")["link"],
            "skill_look_alikes/phrases": load_wordlist("skill_look_alikes")["phrases"],
        }
        self._book = PhraseBook(lists, skill_literals(entries))
        self._letters = SingleLetterSkills(entries)

    def find(self, text: str) -> list[Match]:
        hits = self._book.find(text, search_copy(text))
        return resolve_skills(text, hits, self._letters.find(text))


def resolve_skills(
    text: str, hits: Hits, letters: list[tuple[int, int, tuple[SkillAlias, ...]]]
) -> list[Match]:
    """The skill hits of a document scan that are real: right case, on word boundaries, outside links,
    in a technical context where the alias needs one, outside set phrases ("Go Live"); longest first where
    they overlap."""
    links = sorted(link_spans(text, hits.spans("anchors/link")))
    set_phrases = hits.spans("skill_look_alikes/phrases")
    inside_a_phrase = Cover((s.start, s.end) for s in set_phrases) if set_phrases else None
    sure: list[Match] = []
    unsure: list[Match] = []
    strict: list[Match] = []
    lowered: list[Match] = []
    size = len(text)
    for start, end, payloads in [*hits.extra, *letters]:
        # a space or a mark on both sides, the usual case, stands alone without the rules of on_word_boundary
        plain = (start == 0 or text[start - 1] in PLAIN_EDGES) and (end >= size or text[end] in PLAIN_EDGES)
        if not (plain or on_word_boundary(text, start, end)) or (links and _inside(start, links)):
            continue
        if inside_a_phrase is not None and inside_a_phrase.covers(start, end):
            continue  # "Go Live"
        for payload in payloads:
            if not isinstance(payload, SkillAlias):
                continue
            if payload.exact and text[start:end] != payload.written:
                continue  # a case-sensitive alias in another case
            if payload.has_digit and text[start:end].lower() != payload.written.lower():
                continue  # a digit the scan read as 0
            if payload.guarded:
                strict.append(Match(payload.entry, start, end))
                continue
            if payload.lowered:
                lowered.append(Match(payload.entry, start, end))
                continue
            (unsure if payload.needs_context else sure).append(Match(payload.entry, start, end))
    # "Go" counts next to words like "in", "with", "developer", or near another technology ("Node.js
    # with some Go"); alone ("Go to our site") it is a verb.
    near = sorted(m.start for m in sure)
    head_end = _head_end(text)
    # where each name starts, which one: names that need context make a list together too ("Puppet, Chef")
    listed = sorted({(m.start, m.skill.id) for m in (*sure, *unsure)})
    code = _code_neighbours(sure, unsure) if any(m.skill.code for m in unsure) else []
    for m in unsure:
        if m.skill.code and text[m.start : m.end].lower() == m.skill.name.lower():
            # another trade's word first ("assembly drawings", "General Assembly"): list marks and other
            # technologies prove nothing where a plant's text lists its tools too ("BOMs, assembly")
            if _has_near(code, m.start) and not glued(text, m.start, m.end):
                sure.append(m)
            continue
        if m.skill.verb and _imperative(text, m.start, m.end, m.skill.name):
            continue
        if m.skill.word and _the_word_opening_a_sentence(text, m.start, m.end, near):
            continue
        if glued(text, m.start, m.end):
            continue  # a word of English glued to another is a name's part: "BlackHat", "GoDaddy", "ChefSteps"
        if (
            _has_near(near, m.start)
            or _beside_a_context_word(text, m.start, m.end, listed, m.skill.id)
            or _in_a_list(text, m, head_end, listed)
        ):
            sure.append(m)
    # A guarded word ("Fluent", "Zoom", "Analyze") is common enough that a technology nearby proves
    # nothing ("Fluent in Javascript"): it needs a list or a context word before it, a plain word edge.
    # ... and "and"/"or" are its context only beside another name, guarded ones too ("Valgrind and GDB")
    if strict:
        listed = sorted({*listed, *((m.start, m.skill.id) for m in strict)})
    sure.extend(m for m in strict if _in_strict_context(text, m.start, m.end, listed, m.skill.id))
    if lowered:
        # the technologies beside it: products and languages, not practices or topics ("an agile way")
        named = sorted(m.start for m in sure if m.skill.category not in _NOT_TECHNOLOGIES)
        sure.extend(m for m in lowered if _listed_with_another(text, m.start, m.end, named))
    return [m for m in _longest_first(sure) if not another_things_name(text, m)]


def _listed_with_another(text: str, start: int, end: int, technologies: list[int]) -> bool:
    """An item of a list of technologies: the name alone between list marks, or opening the list after a
    context word ("using react/flux", "in excel, vba"), with another technology within 30 characters
    ("node/postgres/react", "Hadoop, spark"; not "star/snowflake schemas", "the test oracle, Selenium",
    "listen, react, adapt", "music, poetry, film"), not glued into a longer word nor a wildcard's ("*nix")."""
    if text[start - 1 : start] == "*" or glued(text, start, end):
        return False
    left = text[max(0, start - 12) : start].rstrip(" \t")
    right = text[end : end + 3].lstrip(" \t")
    after = not right or right[0] in _ITEM_ENDS
    if not after:
        return False
    opens = not left or left[-1] in _ITEM_STARTS
    word = left.rsplit(None, 1)[-1].lower() if left.split() else ""
    if not (opens or (word in _context_words()[0] and right[:1] in _LIST_MARKS)):
        return False
    beside = technologies[
        bisect_left(technologies, start - _ITEM_NEAR) : bisect_right(technologies, start + _ITEM_NEAR)
    ]
    return any(o != start for o in beside)


# An item's edges in a list of technologies; and how near another must start
_ITEM_STARTS = frozenset(",/|;&+(:\n")  # the list marks but a closing bracket, or a line's start
_ITEM_ENDS = frozenset(",/|;&+).\n")  # the list marks but an opening bracket or a colon, or a sentence's end
_ITEM_NEAR = 30


_NOT_TECHNOLOGIES = frozenset({"practice", "topic"})


def _code_neighbours(sure: list[Match], unsure: list[Match]) -> list[int]:
    """Where the languages and processors a code-flagged name needs beside it start, in order. Languages with
    a context of their own ("C", "R") are still unsure here: they count, save a verb's ("Go to the assembly
    area")."""
    return sorted(
        m.start
        for m in (*sure, *(u for u in unsure if not u.skill.verb))
        if m.skill.category in _CODE_NEIGHBOURS and not m.skill.code
    )


# What makes a code-flagged name the programming sense: a language or a processor beside it ("C, Assembly",
# "x86 and ARM assembly", "8051 assembly"; the taxonomy's hardware holds some plant words too, "USB")
_CODE_NEIGHBOURS = frozenset({"language", "language-other", "hardware"})


_NEAR = 40
# A list mark beside a name makes it a technology only in a list of them: another within this reach. Any
# text has lists ("mixing containers, mixing equipment"), and labels ("Location: Phoenix").
_LIST_NEAR = 80


def _has_near(sorted_offsets: list[int], offset: int) -> bool:
    i = bisect_left(sorted_offsets, offset - _NEAR)
    return i < len(sorted_offsets) and sorted_offsets[i] <= offset + _NEAR


def _another_near(listed: list[tuple[int, str]], offset: int, skill: str) -> bool:
    """Whether a name of another skill starts within _LIST_NEAR of offset (a name said twice, "Location:
    Phoenix … Department: Phoenix", is no list)."""
    i = bisect_left(listed, (offset - _LIST_NEAR, ""))
    while i < len(listed) and listed[i][0] <= offset + _LIST_NEAR:
        if listed[i][1] != skill:
            return True
        i += 1
    return False


def link_spans(text: str, anchors: list[Span]) -> list[tuple[int, int]]:
    """URLs and e-mail addresses, from their anchors ("http://", "www.", "@") to the surrounding spaces:
    "http://golang.jobs" and "jobs@rust-lang.org" name no skill. The spaces, line breaks and dots are
    indexed once, so a text of a million "@" stays linear."""
    spans: list[tuple[int, int]] = []
    breaks, white, dots = Marks(text, " \n"), Marks(text, WHITE_SPACE), Marks(text, ".")
    for a in anchors:
        start = a.start
        if a.text == "@":
            start = breaks.last_before(a.start) + 1
        end = white.first_from(a.end, len(text))
        if a.text != "@" or dots.first_from(a.end, end) < end:
            spans.append((start, end))
    return spans


_AFTER_ANY = 1 << 62  # sorts after every (start, end) pair with the same start


def _inside(offset: int, spans: list[tuple[int, int]]) -> bool:
    """Whether offset falls in one of the sorted spans."""
    i = bisect_right(spans, (offset, _AFTER_ANY)) - 1
    return i >= 0 and offset < spans[i][1]


def _longest_first(matches: list[Match]) -> list[Match]:
    matches.sort(key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[Match] = []
    last_end = -1
    for m in matches:
        if m.start >= last_end:
            kept.append(m)
            last_end = m.end
    return kept


_LIST_MARKS = ",/|()&+;:"


@cache
def _context_words() -> tuple[frozenset[str], frozenset[str]]:
    words = load_wordlist("tech_context")
    return frozenset(words["before"]), frozenset(words["after"])


def _in_strict_context(text: str, start: int, end: int, listed: list[tuple[int, str]], skill: str) -> bool:
    """Listed after a mark ("Tools: Slack, Trello"), after a context word ("with Hive"; "and"/"or" only
    where they join it to another name of the taxonomy, as `_beside_a_context_word` reads them: "Jira and
    Slack", not "Phone and Skype" or "E-mail and Fluent"), or before one other than "and"/"or" ("Hive
    queries" is not, "Hive developer" is); never inside a camelCase name."""
    if glued(text, start, end):
        return False  # "PacketZoom", "SlackBot"
    left = text[max(0, start - 40) : start].rstrip()
    if left and left[-1] in _LIST_MARKS:
        return not _PAY_TALK.search(left, left.rfind("\n") + 1)
    context_before, context_after = _context_words()
    left_words = left.lower().split()
    before = left_words[-1].strip(".,") if left_words else ""
    if before in context_before and (before not in _JOINING or _another_near(listed, start, skill)):
        return True
    right_words = text[end : end + 40].lower().split()
    after = right_words[0].strip(".,;:") if right_words else ""
    return after in context_after and after not in ("and", "or")


# Pay talk on the line before a listed name ("Salary: DOE", "$80k - $130k (DOE)"): a list of terms of the
# offer, not of technologies.
_PAY_TALK = re.compile(r"(?i)salar|compensat|\bpay\b|\bwages?\b|[$€£]\s?\d")
_SENTENCE_MARKS = frozenset("\n.!?:;·•*-–—")


@cache
def _imperative_objects() -> frozenset[str]:
    return frozenset(load_wordlist("imperative_objects")["words"])


def _imperative(text: str, start: int, end: int, name: str) -> bool:
    """A name that is also an English verb (taxonomy flag `verb`: "Make", "Go", "Express") opening a
    sentence, a line or a bullet and followed by a function word ("Make sure", "Go to our site", "Make a
    real difference"): the capital is the sentence's, so it is the verb. Followed by a noun ("Hive tables",
    "Go routines", "Make targets") or anything else it stays a name."""
    if text[start:end] != name:
        return False  # "Grunt.js", "GNU Make", "MAKE"
    if start and text[start - 1].isalnum():
        opens = text[start - 1].islower()  # a sentence glued on: "experienceMake recommendations"
    else:
        left = text[max(0, start - 4) : start].rstrip(" \t\xa0")
        opens = not left or left[-1] in _SENTENCE_MARKS
    if not opens or not text[end : end + 1].isspace():
        return False
    right = text[end : end + 40].split(maxsplit=1)
    return bool(right) and right[0].strip(".,;:()") in _imperative_objects()


def _the_word_opening_a_sentence(text: str, start: int, end: int, near: list[int]) -> bool:
    """A name that is an everyday word first (flag `word`: "Less", "Word", "Outlook", "Make") opening a
    sentence, a bullet or what follows a colon is that word ("Less than 10% travel", "Word of mouth", "- Make
    architectural decisions", "Inside tip: Make data beautiful") unless its own sentence goes on with
    technologies: the sentence before it is no context for it ("…with Django. Less meetings"); an item alone
    on its line ("* Less") is a list's."""
    before = text[max(0, start - 4) : start].rstrip(" \t\xa0\n")
    if before and before[-1] not in _SENTENCE_MARKS:
        return False  # inside a sentence or a list: the usual context decides
    right = text[end : end + 40].lstrip(" \t\xa0")
    if right[:1] in ("", "\n", ",", "/", "|", "(", "&", "+"):
        return False  # "Less, Sass, Webpack", an item alone on its line ("* Less")
    stop = SENTENCE_END.search(text, end)
    limit = stop.start() if stop else len(text)
    i = bisect_left(near, end)
    return not (i < len(near) and near[i] <= min(limit, end + _NEAR))


def _head_end(text: str) -> int:
    """Where the title ends, or a Hacker News header (the line after an empty title): the first line break
    past the text's first character, as engine.py finds it."""
    end = text.find("\n", 1)
    return len(text) if end == -1 else end


def _bracketed_alone(text: str, start: int, end: int) -> bool:
    """ "(Go)", "(Windows 10)": a stack note of one name."""
    return text[start - 1 : start] == "(" and ")" in text[end : end + 4]


def _in_a_list(text: str, m: Match, head_end: int, listed: list[tuple[int, str]]) -> bool:
    """Beside a list mark in the title, bracketed alone ("Backend Engineer (Go)") or in a list of technologies
    ("Spring, Hibernate"): not a label ("Location: Phoenix") or a list of other things ("pallets, containers,
    and other assets")."""
    left = text[max(0, m.start - 40) : m.start].rstrip()
    right = text[m.end : m.end + 40].lstrip()
    if not ((left and left[-1] in _LIST_MARKS) or (right and right[0] in _LIST_MARKS)):
        return False
    return (
        m.start < head_end
        or _bracketed_alone(text, m.start, m.end)
        or _another_near(listed, m.start, m.skill.id)
    )


def _beside_a_context_word(
    text: str, start: int, end: int, listed: list[tuple[int, str]], skill: str
) -> bool:
    """A capitalised common word counts as a technology next to a technical word ("with Hive", "Hive
    developer"); "and" or "or" join it to another name of the taxonomy ("Chef or Puppet", "Unreal and
    Unity"), not to any word ("tone up, and torch calories", "Stripe and Airbnb")."""
    left_words = text[max(0, start - 40) : start].lower().split()
    right_words = text[end : end + 40].lower().split()
    context_before, context_after = _context_words()
    before = left_words[-1].strip(".,:") if left_words else ""
    after = right_words[0].strip(".,;:)") if right_words else ""
    if (before in _JOINING or after in _JOINING) and _another_near(listed, start, skill):
        return True
    return (before in context_before and before not in _JOINING) or (
        after in context_after and after not in _JOINING
    )


_JOINING = frozenset({"and", "or"})
