"""The sentences that name a hirer ("Acme is hiring", "Acme, a payments startup, is …", "At Acme, we",
"We're Acme, a …", "Company: Acme", "About Acme", "Acme is an equal opportunity employer", "As Acme’s
Marketing Specialist, you", "I'm the cofounder of Acme", a firm's legal name or the firm a recruiter's
signature spells by its address, the description's opening "Acme provides …"), found through anchors of
the document's one scan or a case-sensitive regex; each name is read and mended by `company_names.py`.
The names beside a role or a person ("As Acme's …", "a role for a CFO at Acme.", "I'm the founder of
Acme", a signature) are found by `company_role_sentences.py` and weighed here.
`identity.py` reads the header (and a domain it names) and asks this module when the header names no
hirer, or only a domain.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from rolemap.extract.company_brands import brand_word
from rolemap.extract.company_mentions import name_at, recurs, spelt_by_an_address, stands_alone
from rolemap.extract.company_names import (
    GLUE,
    NAME_AFTER,
    NAME_BEFORE,
    NAME_START,
    is_role_name,
    legal_forms_pattern,
    plausible_company,
    site_name,
)
from rolemap.extract.company_openers import OPENER_KINDS, opener_readers
from rolemap.extract.company_role_sentences import (
    first_sentence_end,
    greetings,
    possessive_names,
    role_at_names,
    self_names,
    signature_names,
)
from rolemap.extract.description_opening import a_verb_follows, description_openings, third_person_verb
from rolemap.extract.gated import Gated
from rolemap.extract.lexicon import english_word, lemmas
from rolemap.extract.roles import technology_names
from rolemap.models import Span

# kind → (strength: lower wins, the name must recur in the text, where the name stands: after the anchor's
# words, before them, or the anchor is the name itself)
_KINDS = {"field": (0, False, "after"), "appositive": (1, False, "before"), "hiring": (1, False, "before"),
          "at": (2, False, "after"), "we_are": (2, False, "after"), "intro": (3, False, "after"), "role": (5, False, "name"),
          "eeo": (4, False, "before"), "opening": (5, False, "after"), "growing": (5, False, "before"), "join_at": (5, False, "after"), "greeting": (5, False, "after"), "domain": (5, False, "name"),
          "legal": (6, False, "before"), "learn_more": (6, False, "after"), "signature": (7, False, "name"),
          "about": (7, True, "after"), "about_full": (7, False, "after"),
          "since": (7, False, "after"), "has_opening": (7, False, "before"), "mission": (7, False, "before"), "is_a": (8, True, "before"),
          **OPENER_KINDS}  # fmt: skip
# "Burnett Plastic Surgery, located in Westfield, NJ, is a …": where the hirer is, between name and verb
_WHERE = r",\s+(?:located|based|headquartered)\s+in\s+[^,.;\n]{2,40}(?:,\s*[A-Z][A-Za-z.]{1,15})?,"
_AFTER_CHECK = {
    "at": re.compile(r",?\s+(?:we|our|you)\b"),
    "learn_more": re.compile(
        r"['’]s\s|,|\s+(?:at|by|on|here|please|visit|and|or)\b|\s*[.!:\n]|(?=[A-Z][a-z])"
    ),
    "we_are": re.compile(r",\s+(?:a|an|the)\s|,?\s+and\s+we\b|\s*[!.](?:\s|$)"),
    "intro": re.compile(
        r"(?:\s*\([^)]{0,40}\))?,?\s+(?:is|are|was|has)\b|" + _WHERE + r"\s+(?:is|are|was|has)\b"
    ),
    "about": re.compile(r"\s*[:\n]"),
}
_AFTER_CHECK["since"] = _AFTER_CHECK["intro"]
# "Talentooze’s mission is to provide …", "Project Hope Alliance’s mission: …": a sentence that opens with
# the organisation's own mission
_MISSION = Gated(r"['’]s? mission(?: statement)? (?:is|was)\b|['’]s? mission:", " mission")
# "Join our team at BWE Home Theater, a leading provider", "join our wonderful team at 1080 Learning
# Center.": the team one joins is the hirer's; its name ends the sentence or a clause
_JOIN_OUR_TEAM_AT = Gated(
    r"\b[Jj]oin (?:us|our (?:[a-z-]+ ){0,2}team) (?:at|with) (?=[A-Z0-9])", "oin us ", "oin our "
)
_AFTER_CHECK["join_at"] = re.compile(r"\s*(?:[.!,;]|$)|\s+(?:and|as|where|to|in)\s")
_AFTER_CHECK["greeting"] = re.compile(r"\s*(?:[.!,;:]|$)|\s+(?:and|we|I|here|is|has)\b")
# "is a plus5+ years" where a board glued the next line on: a word's end, not a boundary
_NOT_AFTER = re.compile(
    r"\s*(?:plus|must|bonus|requirement|big plus|great plus|nice[- ]to[- ]have|preferred skill)(?![a-z])",
    re.I,
)


# A legal form as a firm writes it after its name: "Inc." or "LLC", not "corp-to-corp", "LTD" insurance or
# "Inc. 5000" (a magazine's list); or the ending of a firm's name ("& Associates"), which is part of it.
_LEGAL_ANCHOR = re.compile(rf"(?:{legal_forms_pattern('firm')})\.?|&\s(?:{legal_forms_pattern('ending')})")
_NOT_A_FIRM_AFTER = re.compile(r"\.?(?:[-/]|\s+(?:Magazine|5000|Best|to\b))")


def _is_legal_form(text: str, start: int, end: int) -> bool:
    return bool(_LEGAL_ANCHOR.fullmatch(text, start, end)) and not _NOT_A_FIRM_AFTER.match(text, end)


# "Acme, a leading provider of X, is hiring", "Kazan & Greenwood, a Professional Law Corporation, has
# represented …", "The Bivium Group - Boston's leading … firm, is recruiting": a name that opens a
# sentence, described between a comma (or a dash) and a comma, then its verb.
_APPOSITIVE = re.compile(
    r"(?:, (?:a|an|the|one of the)|(?:,| [-–—]) (?P<whose>(?:[A-Z][\w.&-]*\s){0,3}[A-Z][\w.&-]*['’]s)) "
    r"(?P<what>(?:[^,.;:!?\n(]|\([^()\n]{0,100}\)){2,100}), (?:(?:is|are|was|has|have|had)\b|([a-z]+s)\b)"
)
# "Jane Doe, Acme's VP of Engineering, has built": whose role it is describes a person, not a firm
_A_PERSONS_ROLE = re.compile(
    r"(?i)\b(?:vp|vice president|head|chief|ceo|cto|cfo|coo|founder|co-?founder|director|manager|lead|"
    r"engineer|developer|recruiter|partner|president|officer|member|employee|scientist|designer|architect)s?\b"
)

_HAS_AN_OPENING = re.compile(r"(?i)has\b|(?:is|are)\s+(?:currently\s+)?(?:partnering|working)\b")
_GROWS = re.compile(r"(?i)\b(?:growing|expanding)$")
_SUBJECTS = (
    "hiring",
    "has_opening",
    "appositive",
    "we_are",
)  # the name is the subject of a sentence that says it hires
# read in the whole text: the equal-opportunity line and a signature close it
_ANYWHERE = ("eeo", "legal", "signature", "learn_more")
# "At SSC Inc, we …", "Here at Crisp, we": capitalised, so no automaton anchor is needed; a board may glue
# the sentence to the heading before it ("Job DescriptionAt Conduit Tech, we’re")
_AT = Gated(
    rf"(?:\b|(?<=[a-z]))(?:At|[Hh]ere at)\s+(?={NAME_START})",  # "At eXcell, we": a brand lower-case first
    rf"At\s+{NAME_START}",
    rf"ere at\s+{NAME_START}",
)


def _unglued(text: str, start: int) -> bool:
    """A sentence glued to what stands before it counts only after a heading or a title, a line whose
    words all start with a capital save the small ones ("Job DescriptionAt Acme", "Lead Guide for 2024
    School YearFounded in 2006, Acme is"; not "We use ThreatAt Scale")."""
    if start == 0 or not text[start - 1].islower():
        return True
    line = text[text.rfind("\n", 0, start) + 1 : start]
    return all(not word[:1].islower() or word in _TITLE_SMALL_WORDS for word in line.split())


_TITLE_SMALL_WORDS = frozenset(("a", "an", "the", "of", "for", "and", "in", "at", "to", "with", "on", "or"))


# "To learn more about A.G.P./Alliance Global Partners, please visit", "More About Swipeclock": where a
# posting sends the reader to the hirer (often at its end)
_LEARN_MORE = Gated(r"\b(?:[Ll]earn [Mm]ore [Aa]bout|More About) (?=[A-Z0-9])", "ore about ", "ore About ")
# "We're Nestoria, a real estate search engine", "We are Expensify and we do …", "We are Atrium Centers!"
_WE_ARE = Gated(
    r"\bWe(?:\s+are|['’]re)\s+(?:the\s+)?(?=[A-Z0-9])",  # "We are the Metropolitan Council, …"
    r"We(?:\s+are|['’]re)\s+(?:the\s+)?[A-Z0-9]",
)
# "Since 1969, The Yurconic Agency has been …", "Headquartered in Allentown, PA, Acme is …", "For more than
# 43 years, Associa has …": a sentence that opens with when or where the hirer began, then its name and verb
_SINCE = Gated(
    r"(?:^|(?<=[\n.!?:a-z]))[ \t]*(?:(?:Since|Founded in|Established in) (?:\d{4}|the \d{4}s)"
    r"|(?:For|With) (?:over |more than |nearly |almost )?\d[\d,]* years"
    r"|(?:Based|Headquartered|Located) (?:out of|in) [A-Z][^,.;:!?\n]{1,30}(?:,? [A-Z]{2})?),\s+(?=[A-Z0-9])",
    *("Since ", "Founded in ", "Established in ", " years,", "Based ", "Headquartered ", "Located "),
)


def company_in_text(text: str, anchors: dict[str, list[Span]]) -> tuple[str, Span] | None:
    """The hirer named by the text's own sentences, the strongest kind first, or None. `anchors` are where
    the document's scan found each kind's fixed words. The weaker kinds ("About X", "X is a …") count
    only when the name recurs in the text, as a company's own name does; the equal-opportunity line, a
    legal name, a signature and "learn more about X" are read anywhere (they often close a long
    posting), the others in the first 6,000 characters."""
    best: tuple[int, int, tuple[str, Span]] | None = None
    found = dict(anchors)
    # "Acme has an opening for", "Acme is partnering with a manufacturer": hiring words that a division
    # or a staffing firm writes too, so they count only where no stronger sentence names the hirer
    hiring = found.get("hiring", [])
    found["hiring"] = [a for a in hiring if not _HAS_AN_OPENING.match(a.text) and not _GROWS.search(a.text)]
    found["has_opening"] = [anchor for anchor in hiring if _HAS_AN_OPENING.match(anchor.text)]
    # "AnswerRocket is expanding": a firm grows, and so do demand, a field and a team (`_a_firm_that_grows`)
    found["growing"] = [anchor for anchor in hiring if _GROWS.search(anchor.text)]
    at: list[Span] | None = None

    def at_spans() -> list[Span]:  # "At X," is read by its own kind and by the opener "At X, <clause>"
        nonlocal at
        if at is None:
            at = _READERS["at"](text)
        return at

    readers = {"at": at_spans, **opener_readers(text, found.get("is_a", []), at_spans)}
    for kind, (strength, _, reading) in _KINDS.items():
        if best is not None and best[0] < strength:
            continue  # a stronger kind named the hirer: this kind's sentences are not looked for
        for anchor in _anchors_of(kind, text, found, readers):
            if kind not in _ANYWHERE and anchor.start > 6000:
                break
            if reading == "name":
                best = _better(best, kind, text, (anchor.start, anchor.end), anchor.start)
            elif reading == "after":
                read, name = _name_after(text, kind, anchor)
                best = _better(best, read, text, name, anchor.start)
            else:
                best = _better(best, kind, text, _name_before(text, kind, anchor), anchor.start)
    return best[2] if best else None


def _anchors_of(
    kind: str, text: str, found: dict[str, list[Span]], readers: dict[str, Callable[[], list[Span]]]
) -> list[Span]:
    """Where a kind's sentences are: its reader's finds, run now, or the scan's anchors."""
    if kind in readers:
        return readers[kind]()
    reader = _READERS.get(kind)
    return reader(text) if reader else found.get(kind, [])


def _spans(matches: Iterator[re.Match[str]]) -> list[Span]:
    return [Span(m.start(), m.end(), m.group()) for m in matches]


def _appositives(text: str) -> list[Span]:
    return [
        Span(m.start(), m.end(), m.group())
        for m in _APPOSITIVE.finditer(text, 0, 6000)
        if (not m.group(3) or third_person_verb(m.group(3)))
        and not (m.group("whose") and _A_PERSONS_ROLE.search(m.group("what")))
    ]


def _domains(text: str) -> list[Span]:
    return [
        Span(m.start(1), m.start(1) + len(site), site)
        for m in _WE_DO_A_DOMAIN.finditer(text, 0, 6000)
        for site in [site_name(m.group(1))]
    ]


# The kinds found by reading the text itself (no anchor of the document's scan), each read only when no
# stronger kind has named the hirer.
_READERS: dict[str, Callable[[str], list[Span]]] = {
    "at": lambda text: [s for s in _spans(_AT.finditer(text, 0, 6000)) if _unglued(text, s.start)],
    "learn_more": lambda text: _spans(_LEARN_MORE.finditer(text)),
    "we_are": lambda text: _spans(_WE_ARE.finditer(text, 0, 6000)),
    "since": lambda text: [s for s in _spans(_SINCE.finditer(text, 0, 6000)) if _unglued(text, s.start)],
    "mission": lambda text: _spans(_MISSION.finditer(text, 0, 6000)),
    "join_at": lambda text: _spans(_JOIN_OUR_TEAM_AT.finditer(text, 0, 6000)),
    "greeting": greetings,
    "opening": description_openings,
    "appositive": _appositives,
    "role": lambda text: [*possessive_names(text), *role_at_names(text), *self_names(text)],
    "signature": signature_names,
    "domain": _domains,
}


# what a name may carry in brackets before its verb: "ListRunner (listrunnerapp.com) is", "Silk [1] is"
_BRACKETS = re.compile(r"\s*(?:\([^()\n]{0,80}\)|\[[^\]\n]{0,20}\])")


def _after_brackets(text: str, end: int) -> int:
    """Past what a name carries before its verb: brackets, or where it is ("…, located in Westfield, NJ,")."""
    brackets = _BRACKETS.match(text, end) or _WHERE_CLAUSE.match(text, end)
    return brackets.end() if brackets else end


_WHERE_CLAUSE = re.compile(_WHERE)


_HEADING_GAP = re.compile(r"[ \t]*:?[ \t]*\n?[ \t]*")  # "Company Overview:Alliant Biotech is"
_SPACE = re.compile(r" ?")


def _name_after(text: str, kind: str, anchor: Span) -> tuple[str, tuple[int, int] | None]:
    """The name after an anchor's words ("Company: Acme", "At Acme, we"), and the kind it is read as."""
    # a heading's name may stand on the next line ("Company Description\nSynergy Consultants & CPAs is")
    gap = _HEADING_GAP if kind in ("intro", "field") else _SPACE
    name = NAME_AFTER.match(text, gap.match(text, anchor.end).end())  # type: ignore[union-attr]
    if name is None:
        return kind, None
    check = _AFTER_CHECK.get(kind)
    # "About Us\nNulty Insurance began serving …", "Company Description\nSharper Office Admin provides …"
    told = kind == "intro" and a_verb_follows(text, _after_brackets(text, name.end()), past=True)
    # a name read on across its sentence's full stop ends there ("Join our team at REZA. We …")
    ends = (name.end(), first_sentence_end(text, name.start(1), name.end()))
    if (check and not told and not any(check.match(text, end) for end in ends)) or (
        kind == "opening" and not a_verb_follows(text, _after_brackets(text, name.end()))
    ):
        return kind, None
    full = _full_name_after(text, name) if kind == "about" else None
    if full is not None:  # the heading's short name recurs; the full one may not
        return "about_full", full.span(1)
    # "Company: PAP Consulting Services LLC Overview:We are …": the next field's heading glued on
    heading = _NEXT_HEADING.search(text, name.start(1), name.end(1) + 1)
    end = heading.start() if heading and heading.end() == name.end(1) else name.end(1)
    return kind, (name.start(1), first_sentence_end(text, name.start(1), end))


_NEXT_HEADING = re.compile(r"\s+(?:Overview|Description|Summary|Location|Responsibilities|Requirements)(?=:)")


def _name_before(text: str, kind: str, anchor: Span) -> tuple[int, int] | None:
    """The name before an anchor's words ("Acme is hiring", "Acme Inc")."""
    if kind == "is_a" and _NOT_AFTER.match(text, anchor.end):
        return None
    if kind == "legal" and not _is_legal_form(text, anchor.start, anchor.end):
        return None  # "corp-to-corp", "STD, LTD" (disability), "Inc. Magazine"
    gap = max(text.rfind(" ", 0, anchor.start - 1), text.rfind("\n", 0, anchor.start - 1))
    word = text[gap + 1 : anchor.start].lstrip("\"'“‘([")
    if not (word[:1].isupper() or word[:1].isdigit() or word.rstrip().endswith((")", ".")) or _BRAND(word)):
        return None  # no name can end here: "it is a", "we are looking"; "eHire is" can
    end = anchor.end if text.startswith("&", anchor.start) else anchor.start
    name = NAME_BEFORE.search(text, max(0, anchor.start - 90), end)
    if name is None or (kind in ("appositive", "mission") and not _opens_a_sentence(text, name)):
        return None
    if kind in ("hiring", "has_opening", "eeo") and _AFTER_A_PREPOSITION.search(
        text, max(0, name.start(1) - 12), name.start(1)
    ):
        return None  # "the top rated Bootcamp on Course Report (…) is hiring": no subject follows "on"
    article = _THE_INSIDE.search(text, name.start(1) + 1, name.end(1))
    return (article.start(1), name.end(1)) if article else name.span(1)


# "Bellevue, WA – In Person  The Bellevue Downtown Association (BDA) seeks": a capital "The" inside the
# words read starts the name, save after a word that joins one ("Bank of The West")
_THE_INSIDE = re.compile(r"(?<!\bof)(?<!\band)(?<!&)\s+(The\s)")


_BRAND = re.compile(r"[a-z]{1,2}[A-Z][a-z]").match  # "eHire", "iPivot": a brand written lower-case first
_AFTER_A_PREPOSITION = re.compile(r"\b(?:on|in|of|for|with|by|from|to|about|like)\s+$")


# "We do Folksreviews.com", "I created http://www.Learneroo.com": the hirer named by its site. As in a
# header, "Reverb.com" is Reverb and a name whose domain is part of the brand keeps it ("Underdog.io").
_WE_DO_A_DOMAIN = Gated(
    r"\b(?:We|I)(?:['’]re|\s+(?:are|do|build|make|run|created|started|founded|launched))\s+"
    r"(?:https?://)?(?:www\.)?([A-Za-z][\w-]*\.(?:com|net|org|io|co|ai|me|ly|us))\b(?![.\w])",
    *(
        rf"{who}(?:['’]re|\s+(?:are|do|build|make|run|created|started|founded|launched))\s+(?:https?://)?(?:www\.)?"
        r"[A-Za-z][\w-]*\.(?:com|net|org|io|co|ai|me|ly|us)"
        for who in ("We", "I")
    ),
)


_HEADING_COLON = re.compile(r":\s*(?:The\s+)?")


def _full_name_after(text: str, heading: re.Match[str]) -> re.Match[str] | None:
    """ "About Ascent:The Ascent Services Group (ASG) is …": the heading's short name, then the full one
    that starts with it; the full one is the company as the text gives it."""
    short = heading.group(1)
    at = _HEADING_COLON.match(text, heading.end())
    if at is None or not text.startswith(short + " ", at.end()):
        return None
    full = NAME_AFTER.match(text, at.end())
    return full if full and len(full.group(1)) > len(short) and recurs(text, short) else None


def _names_the_opening(
    text: str, name: str, span: Span, one_word: bool = False, opening: bool = True
) -> bool:
    """A name read at the description's opening is no role ("The Coordinator serves"), technology or
    block glued to a heading ("Role DescriptionThis is"): a glued word counts only where the name
    stands again in the text ("SessionM is … SessionM"), and a one-word or English name only where it
    stands again or the post's own address spells it ("Textur is …", helen [at] textur [dot] com).
    `one_word`: a single word that is no English one counts alone ("We're Nestoria, a …"); `opening`: the
    name opens a line, where a heading may be glued to it."""
    if len(name) < 2 or not plausible_company(name, header=True) or is_role_name(name):
        return False
    if opening and " " not in name and brand_word(name):
        return True  # a word English seldom writes is a brand's ("Symbolica is building …")
    elsewhere = text[: span.start] + text[span.end :]
    # one word ("Spanish is a plus", "Monday is a half day", "Healthcare is changing fast") or English
    # words only ("Excellent Communication is a must") count only where the name stands again in the
    # text, as a company's name does
    words = [word for word in name.split() if word != "&"]
    mixed = not all(word.isupper() for word in words)  # "HEAT Software"; "JOB SUMMARY" is a heading
    if (" " not in name and not one_word) or all(english_word(word, mixed) for word in words):
        return stands_alone(elsewhere, name) or spelt_by_an_address(text, name)
    # after an anchor's words ("Founded in 2005, DevCare Solutions is") a seam is the brand's own
    glued = opening and any(GLUE.search(word) for word in span.text.split())
    return not glued or stands_alone(elsewhere, name)


def _opens_a_sentence(text: str, name: re.Match[str]) -> bool:
    """The name before an appositive is its sentence's subject ("… partners with Acme, a bank, has …" is
    not), and no adverb ("Additionally, the ISSM researches …", "Today, the firm has …")."""
    first = name.group(1).split()[0].lower()
    adverb = "ADV" in lemmas(first) and (set(lemmas(first)) == {"ADV"} or " " not in name.group(1))
    before = text[max(0, name.start(1) - 20) : name.start(1)].rstrip(" \t")
    opens = before.endswith(("\n", ".", "!", "?", ":")) or (name.start(1) < 20 and not before)
    return not adverb and opens


def _is_the_title(text: str, name: str) -> bool:
    """Whether the name is the posting's own title, the first line of a text that has one."""
    title = "" if text.startswith("\n") else text.split("\n", 1)[0]
    return " ".join(title.split()).casefold() == name.casefold()


def _a_unit(text: str, name: str) -> bool:
    """Whether the text gives the name as the value of its department or division field, as a public
    employer's postings do ("Department\n\nFacilities Management", "Division/Unit: Operations Training")."""
    # One pattern compiled once finds the fields; one spelling the name out would be compiled per posting.
    for field in _A_UNIT_FIELD.finditer(text):
        value_end = field.end() + len(name)
        if text[field.end() : value_end].casefold() == name.casefold() and _LINE_END.match(text, value_end):
            return True
    return False


_OURS = re.compile(r"\b[Oo]ur[ \t]+(?:(?!client|customer|partner)[a-z][\w-]*[ \t]+)?$")
_A_UNIT_FIELD = re.compile(
    r"(?im)^[ \t]*(?:department|division\s*/\s*unit|division|unit|section|bureau)[ \t]*:?\s*"
)
_LINE_END = re.compile(r"[ \t]*(?:\n|\Z)")


_SMALL_WORDS = frozenset(("the", "of", "and", "&", "for", "a", "an"))


def _a_firm_that_grows(name: str, own_team: bool) -> bool:
    """ "Demand for Kubernetes", "Machine Learning", "Python" grow too: a firm's name has a word English
    does not write, and no technology's unless it grows its own team (`own_team`: "Twilio is growing our
    team", "Docker is expanding its engineering team")."""
    words = [w for w in name.split() if w.lower() not in _SMALL_WORDS]
    technologies = technology_names()
    return not all(english_word(w) for w in words) and (
        own_team or not any(part.lower() in technologies for part in (name, *words))
    )


_OWN_TEAM = re.compile(r"\s+(?:is|are)\s+(?:\w+\s+)?(?:growing|expanding)\s+(?:our|its)\b", re.I)


def _better(
    best: tuple[int, int, tuple[str, Span]] | None,
    kind: str,
    text: str,
    name: tuple[int, int] | None,
    at: int,
) -> tuple[int, int, tuple[str, Span]] | None:
    if name is None:
        return best
    strength, needs_repeat, _ = _KINDS[kind]
    if best is not None and (best[0], best[1]) <= (strength, at):
        return best
    start, end = name
    if kind == "legal" and re.search(
        r"(?i)\b(?:an?)\s+(?:\S+[ -]based\s+)?$", text[max(0, start - 40) : start]
    ):
        return best  # "a Professional Law Corporation", "A Vermont based … Corporation": a firm described
    if kind == "domain":  # the site's name as written: no cleaning would keep "Underdog.io"
        site = text[start:end]
        found = (site, Span(start, end, site)) if plausible_company(site, first=True) else None
    else:
        found = name_at(text, start, end, signature=kind == "legal", subject=kind in _SUBJECTS)
    if found is None or (needs_repeat and (len(found[0]) <= 2 or not recurs(text, found[0]))):
        return best
    if kind == "growing" and not _a_firm_that_grows(
        found[0], _OWN_TEAM.match(text, found[1].end) is not None
    ):
        return best
    if _is_the_title(text, found[0]):
        return best  # "The Account Coordinator (AC) is a central player": the role it hires for, no hirer
    if _a_unit(text, found[0]) or _OURS.search(text, max(0, found[1].start - 30), found[1].start):
        # "Department: Facilities Management" … "Facilities Management is looking for"; "Our in-house
        # Global Brand & Creative Team is looking for": a unit of the hirer
        return best
    one_word = kind in ("we_are", "learn_more")
    if kind in ("opening", "we_are", "learn_more", "since") and not _names_the_opening(
        text, *found, one_word=one_word, opening=kind == "opening"
    ):
        return best
    return strength, at, found
