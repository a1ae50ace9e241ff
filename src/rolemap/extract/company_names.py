"""The company a posting's text names: the cleaning every candidate name goes through, what a plausible
name is (not a place, a role, a flag or a sentence), and the sentences that name a hirer ("Acme is hiring",
"At Acme, we", "Company: Acme", "About Acme", "Acme is an equal opportunity employer", a firm's legal name
in a recruiter's signature), found through anchors of the document's one scan. `identity.py` reads the
header and asks this module only when the header names no hirer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rolemap.extract.places import confident_place, parse_places
from rolemap.extract.roles import is_role_title, seniority_of, technology_names
from rolemap.extract.taxonomy import load_taxonomy
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span


def _forms(*kinds: str) -> str:
    """Legal forms of the word list `legal_forms` as a regex alternation ("L.L.C" → L\\.L\\.C)."""
    forms = load_wordlist("legal_forms")
    return "|".join(re.escape(f) for kind in kinds for f in forms[kind])


_ANY_FORM = _forms("firm", "other")
URL = re.compile(
    r"(?i)\(?\s*(?:https?://|www\.)\S+\s*\)?|\S+@\S+\.\w+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|io|co|ai|net|org|dev|"
    r"app|tech|me|us|uk|de|fr|nl|ly|so|sh|xyz|jobs|careers)\b(?:/\S*)?"
)
FLAG = re.compile(
    r"(?i)^(?:[\s,&+/()]*(?:remote(?:ly)?(?: ok| friendly| first| only| possible| allowed)?|on[- ]?site|onsite|"
    r"in[- ]office|hybrid|relo(?:cation)?(?: ok| assistance| available| provided)?|visa(?: sponsorship)?"
    r"(?: available| ok| provided)?|h-?1b|sponsorship|interns?(?:hips?)?|full[- ]?time|part[- ]?time|contract(?:or)?s?|"
    r"permanent|freelance|temp(?:orary)?|equity|no remote|ft|pt|w2|c2c|1099|flexible|us only|eu only|"
    r"worldwide|anywhere|global|international|apply|jobs?|careers?|hiring|we'?re hiring|new|yc \w\d+)[\s,&+/()!.]*)+$"
)
PAY = re.compile(r"[$€£¥₹]\s?\d|\d\s?[kK]\b|\b(?:salary|usd|eur|gbp|per annum|/yr|/year)\b", re.I)
HIRING = re.compile(
    r"\s+(?:is|are)\s+(?:now\s+|currently\s+|actively\s+)?(?:hiring|looking|seeking|recruiting|searching|growing)\b"
    r"|\s+(?:seeks|wants|needs)\b|\s+hiring\b",
    re.I,
)
_NOT_A_NAME = re.compile(
    r"(?i)^(?:we|our|us|this|the|it|you|they|he|she|a|an|my|client|our client|company|position|role|job|"
    r"the company|the team|team|candidate|location|description|summary|overview|responsibilities|"
    r"requirements|qualifications|benefits|who|what|why|how|where|when|hello|hi|hey|note|apply|about|"
    r"looking|seeking|hiring|remote|onsite|everyone|nobody|someone|there|here|each|all|job description|"
    r"customer|our customer|employer|firm|organization|organisation|agency|startup|business|any|some|none|"
    r"multiple|several|various|many|other|others|experience|engineering|development|"
    r"position summary|job summary|role overview|immediate need|urgent|new|direct client|confidential)$"
    r"|^(?:their|our|your|his|her|its|this|that|these|those|my|a|an|every|each|any|some|no|who|what|why|how)\s"
)


_NAME_GLUE = frozenset(
    {"of", "and", "for", "the", "de", "la", "le", "du", "von", "van", "y", "e", "in", "on", "at", "&",
     "inc", "llc", "ltd", "co", "corp", "gmbh", "plc", "ag", "sa", "bv", "ab", "oy", "as"}
)  # fmt: skip


def _category(skill: str) -> str:
    entry = load_taxonomy().get(skill)
    return entry.category if entry else ""


@lru_cache(maxsize=50_000)
def clean_company(raw: str) -> str | None:
    """A company name without its URL, YC batch, tagline or "is hiring"."""
    name = URL.sub(" ", raw).replace("®", "").replace("™", "")  # marks, not part of the name
    name = re.sub(r"(?i)\((?:yc|y combinator)[^)]*\)|\byc\s*[swf]\d{2}\b", " ", name)
    name = HIRING.split(name, maxsplit=1)[0]
    name = re.split(r"['’]s\b", name, maxsplit=1)[0]  # "Genesis10's G10 Associates Program" → Genesis10
    name = re.split(r"\s+[(\[<@→]|[\[(<]\s*$|\s+-\s+|:\s", name, maxsplit=1)[0]
    name = " ".join(name.split()).strip(" ,.;:!-–—'\"*()<>→")
    name = _LEGAL_FORM.sub("", name)  # "ASA Architects, P.A." is ASA Architects
    return name or None


# A legal form written after a comma: the firm's legal name, not the name it goes by.
_LEGAL_FORM = re.compile(rf"(?i),\s*(?:{_ANY_FORM})\.?$")


def is_role_name(name: str) -> bool:
    """ "Senior Engineer", "Software Developers" are roles; "ASA Architects", "Genius Developers" are firms."""
    if not is_role_title(name):
        return False
    return bool(
        seniority_of(name)
        or re.search(r"(?i)\b(?:software|engineer|developer|programmer|manager|intern)\b", name)
    )


@lru_cache(maxsize=50_000)
def plausible_company(name: str, header: bool = False, first: bool = False, maker_slot: bool = False) -> bool:
    """Not a place, a role or a sentence (nor, in a later header segment, a technology): a name of at most
    six words. The first segment of a header is the hirer's own slot: there a product's name ("GitLab",
    "Amazon Web Services"), a lower-case brand ("iRobot", "untapt") or a small town's name ("Nava") is the
    company; elsewhere a company may still share a product's name ("Informatica is the company …"). A
    product's or a small town's name is the hirer's in `maker_slot` too (the segment after a place or a
    role: "SF - CoreOS", "Washington DC - Nava")."""
    words = name.split()
    if not 1 <= len(words) <= 6 or len(name) > 60 or _NOT_A_NAME.match(name):
        return False
    brand = first and len(words) == 1 and name[:1].isalpha()
    if not (name[0].isupper() or name[0].isdigit() or brand or (name[0].islower() and name[1:2].isupper())):
        return False
    if any(w[0].islower() and w.lower().strip(".,") not in _NAME_GLUE for w in words[1:]):
        return False  # "Be a full time DB Rethinker" is a sentence, not a name
    if (is_role_title(name) if header else is_role_name(name)) or FLAG.match(name) or PAY.search(name):
        return False
    if confident_place(name) if first or (maker_slot and "," not in name) else parse_places(name):
        return False
    if header and any(confident_place(part) for part in _JOINED.split(name) if part):
        return False  # "LA & OC", "NYC / Remote": places joined
    if not header:
        return True
    technology = technology_names().get(name.lower())
    # In the first segment a product's name is usually its maker's ("GitLab"); a language never is.
    return technology is None or (
        (first or maker_slot) and _category(technology) not in ("language", "language-other", "framework")
    )


_JOINED = re.compile(r"\s*(?:&|/|\band\b)\s*")

# The sentences that name a hirer. Each is found by its fixed words (the word list "identity/company_*",
# in the document's one scan), then the name is read from the capitalised words just before or after them:
# 1–6 words, with a legal suffix ("CyberCoders, Inc").
_NAME = (
    r"((?:(?<![\w&.'’!+-])[a-z](?=[A-Z]))?(?:[A-Z0-9][\w&.'’!+®™-]*)(?:[ ](?:[A-Z0-9&][\w&.'’!+®™-]*|of|and|for|de|la|the)){0,5}"
    rf"(?:,?\s(?i:{_ANY_FORM})(?![a-z])\.?)?)"  # a form, not a word's start ("Birlasoft combines")
)
# A name may start where a board glued it to the block before ("…@diverselynx.comDiverse Lynx LLC").
_NAME_BEFORE = re.compile(r"(?<![A-Z0-9])" + _NAME + r"(?:\s*\([^)]{0,80}\))?,?\s*$")
_NAME_AFTER = re.compile(_NAME)
# kind → (strength: lower wins, the name must recur in the text, the name follows the words)
_KINDS = {"field": (0, False, True), "hiring": (1, False, False), "at": (2, False, True), "intro": (3, False, True),
          "eeo": (4, False, False), "opening": (5, False, True), "legal": (6, False, False),
          "about": (7, True, True), "about_full": (7, False, True), "is_a": (8, True, False)}  # fmt: skip
_AFTER_CHECK = {
    "at": re.compile(r",?\s+(?:we|our|you)\b"),
    "intro": re.compile(r"(?:\s*\([^)]{0,40}\))?,?\s+(?:is|are|was|has)\b"),
    "about": re.compile(r"\s*[:\n]"),
}
_NOT_AFTER = re.compile(r"\s*(?:plus|must|bonus|requirement|big plus|great plus)\b", re.I)


# A legal form as a firm writes it after its name: "Inc." or "LLC", not "corp-to-corp", "LTD" insurance or
# "Inc. 5000" (a magazine's list); or the ending of a firm's name ("& Associates"), which is part of it.
_LEGAL_ANCHOR = re.compile(rf"(?:{_forms('firm')})\.?|&\s(?:{_forms('ending')})")
_NOT_A_FIRM_AFTER = re.compile(r"\.?(?:[-/]|\s+(?:Magazine|5000|Best|to\b))")


def _is_legal_form(text: str, start: int, end: int) -> bool:
    return bool(_LEGAL_ANCHOR.fullmatch(text, start, end)) and not _NOT_A_FIRM_AFTER.match(text, end)


_ANYWHERE = ("eeo", "legal")  # read in the whole text: the equal-opportunity line and a signature close it
_AT = re.compile(r"\bAt\s+(?=[A-Z0-9])")  # "At SSC Inc, we …": capitalised, so no automaton anchor is needed


def company_in_text(text: str, anchors: dict[str, list[Span]]) -> tuple[str, Span] | None:
    """The hirer named by the text's own sentences, the strongest kind first, or None. `anchors` are where
    the document's scan found each kind's fixed words. The weaker kinds ("About X", "X is a …") count
    only when the name recurs in the text, as a company's own name does; the equal-opportunity line is
    read anywhere (it often closes a long posting), the others in the first 6,000 characters."""
    best: tuple[int, int, tuple[str, Span]] | None = None
    found = dict(anchors)
    found["at"] = [Span(m.start(), m.end(), m.group()) for m in _AT.finditer(text, 0, 6000)]
    found["opening"] = _opening(text)
    for kind, (strength, _, after) in _KINDS.items():
        for anchor in found.get(kind, ()):
            if (best is not None and best[0] < strength) or (kind not in _ANYWHERE and anchor.start > 6000):
                break
            if after:
                name = _NAME_AFTER.match(text, anchor.end + (text[anchor.end : anchor.end + 1] == " "))
                check = _AFTER_CHECK.get(kind)
                if name and check and not check.match(text, name.end()):
                    continue
                if name and kind == "opening" and not _a_verb_follows(text, name.end()):
                    continue
                full = _full_name_after(text, name) if name and kind == "about" else None
                if full is not None:  # the heading's short name recurs; the full one may not
                    best = _better(best, "about_full", text, full, anchor.start)
                    continue
            else:
                if kind == "is_a" and _NOT_AFTER.match(text, anchor.end):
                    continue
                if kind == "legal" and not _is_legal_form(text, anchor.start, anchor.end):
                    continue  # "corp-to-corp", "STD, LTD" (disability), "Inc. Magazine"
                gap = max(text.rfind(" ", 0, anchor.start - 1), text.rfind("\n", 0, anchor.start - 1))
                word = text[gap + 1 : anchor.start].lstrip("\"'“‘([")
                if (
                    not word[:1].isupper()
                    and not word[:1].isdigit()
                    and not word.rstrip().endswith((")", "."))
                ):
                    continue  # no name can end here: "it is a", "we are looking"
                end = anchor.end if text.startswith("&", anchor.start) else anchor.start
                name = _NAME_BEFORE.search(text, max(0, anchor.start - 90), end)
            best = _better(best, kind, text, name, anchor.start)
    return best[2] if best else None


_HEADING_COLON = re.compile(r":\s*(?:The\s+)?")


def _full_name_after(text: str, heading: re.Match[str]) -> re.Match[str] | None:
    """ "About Ascent:The Ascent Services Group (ASG) is …": the heading's short name, then the full one
    that starts with it; the full one is the company as the text gives it."""
    short = heading.group(1)
    at = _HEADING_COLON.match(text, heading.end())
    if at is None or not text.startswith(short + " ", at.end()):
        return None
    full = _NAME_AFTER.match(text, at.end())
    return full if full and len(full.group(1)) > len(short) and _recurs(text, short) else None


def _names_the_opening(text: str, name: str, span: Span) -> bool:
    """A name read at the description's opening is no role ("The Coordinator serves"), technology or
    block glued to a heading ("Role DescriptionThis is"): a glued word counts only where the name
    stands again in the text ("SessionM is … SessionM")."""
    if len(name) < 2 or not plausible_company(name, header=True) or is_role_name(name):
        return False
    elsewhere = text[: span.start] + text[span.end :]
    # one word ("Spanish is a plus", "Monday is a half day", "Healthcare is changing fast") or English
    # words only ("Excellent Communication is a must") count only where the name stands again in the
    # text, as a company's name does
    if " " not in name or all(_lemmas(word.lower().strip(".,&")) for word in name.split() if word != "&"):
        return _stands_alone(elsewhere, name)
    glued = any(_GLUE.search(word) for word in span.text.split())
    return not glued or _stands_alone(elsewhere, name)


def _opening(text: str) -> list[Span]:
    """Where the description's first line starts (after the title, or the header of a post without one):
    a name there followed by a verb is the hirer introducing itself ("Textur is an automated data
    pipeline.", "Sauce Labs provides …")."""
    title_end = text.find("\n", 1 if text.startswith("\n") else 0)
    if title_end == -1:
        return []
    start = title_end + 1
    while text.startswith(("\n", " ", "* ", "- "), start):
        start += 1
    return [Span(start, start, "")] if start < len(text) else []


_BE_OR_HAVE = re.compile(r" (?:is|are|was|has|have) (?:(?:a|an|the|one)\b|([a-z]+ing)\b)")


def _a_verb_follows(text: str, end: int) -> bool:
    """Whether the name is the subject of what follows: "is a/an/the/one …", "is <verb>ing …" or a verb
    in the third person that is no noun ("provides", "specializes"; "engineers", "reasons" are nouns
    too), by the English lexicon of lemminflect."""
    be = _BE_OR_HAVE.match(text, end)
    if be:
        return not be.group(1) or "VERB" in _lemmas(be.group(1))
    m = re.match(r" ([a-z]+s)\b", text[end : end + 30])
    if m is None:
        return False
    return not m.group(1).endswith("ss") and set(_lemmas(m.group(1))) == {"VERB"}


@lru_cache(maxsize=4096)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas  # loaded on first use: its lexicon takes 0.2 s to read

    return dict(getAllLemmas(word))


def _better(
    best: tuple[int, int, tuple[str, Span]] | None, kind: str, text: str, m: re.Match[str] | None, at: int
) -> tuple[int, int, tuple[str, Span]] | None:
    if m is None:
        return best
    strength, needs_repeat, _ = _KINDS[kind]
    if best is not None and (best[0], best[1]) <= (strength, at):
        return best
    if kind == "legal" and re.search(r"(?i)\b(?:an?)\s+$", text[max(0, m.start(1) - 4) : m.start(1)]):
        return best  # "a Professional Law Corporation" describes a firm; it does not name one
    found = _name_at(text, m.start(1), m.end(1), signature=kind == "legal")
    if found is None or (needs_repeat and (len(found[0]) <= 2 or not _recurs(text, found[0]))):
        return best
    if kind == "opening" and not _names_the_opening(text, *found):
        return best
    return strength, at, found


_GLUE = re.compile(
    r"(?<=[a-z.!?)])(?=[A-Z])|(?<=[A-Z]{2})(?=[A-Z][a-z])"
)  # "resume!CyberCoders": a block boundary lost


def _name_at(text: str, start: int, end: int, signature: bool = False) -> tuple[str, Span] | None:
    """The name captured at text[start:end], mended where the source glued two blocks together
    ("VacationsV2Soft" → "V2Soft" when "V2Soft" stands alone elsewhere) and without a heading word or a
    doubled name ("About Plymouth Rock Plymouth Rock" → "Plymouth Rock")."""
    raw = text[start:end]
    first = raw.split(" ", 1)[0].rstrip(",")
    half = len(first) // 2
    if len(first) % 2 == 0 and half > 1 and first[:half] == first[half:]:
        start, raw = start + half, raw[half:]  # "CyberCodersCyberCoders, Inc": a logo's alt text glued on
    cuts = [m.start() for m in _GLUE.finditer(raw)]
    spelt = _cut_spelt_by_a_domain(raw, cuts, text) if signature and cuts else None
    if spelt is not None:  # "RegardsNeetamTalent AcquisitionTanisha Systems" + neetam@tanishasystem.com
        start, raw = start + spelt, raw[spelt:]
    for cut in reversed(cuts if spelt is None else []):
        tail = raw[cut:]
        word = tail.split()[0].rstrip(",")
        # a block is the name when it follows a run of capitals ("WHO WE AREStasis Drilling") or stands
        # alone elsewhere too ("NextGen" is not two blocks); two letters ending the name are no block of it
        # ("StyleAI", "CBITs"), save a sentence's first word ("Role DescriptionWe are": then no name)
        if _NOT_A_NAME.match(word) or (
            len(tail) > 2
            and (
                _CAPITALS.fullmatch(raw, max(0, cut - 2), cut)
                or _stands_alone(text[:start] + text[end:], word)
            )
        ):
            start, raw = start + cut, tail
            break
    sentence = _LAST_SENTENCE_END.search(raw)  # "Downtown Bellevue. The Bellevue Downtown Association"
    if sentence:
        start, raw = start + sentence.end(), raw[sentence.end() :]
    heading = re.match(
        r"(?:About|Why|Join|(?:(?:Job|Company|Role|Position)\s+)?(?:Overview|Description|Summary))\s+", raw
    )
    if heading:
        start, raw = start + heading.end(), raw[heading.end() :]
    words = raw.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        raw = " ".join(words[:half])
    name = clean_company(raw)
    if name:
        name = re.sub(r"^(?:The|the)\s+", "", name)
    if not name or not plausible_company(name):
        return None
    return name, Span(start, start + len(raw), text[start : start + len(raw)])


_CAPITALS = re.compile("[A-Z]{2}")
# The last full stop inside a captured name ends a sentence: the name is what follows it. Not after an
# abbreviation that stands inside names ("St. Louis", "Inc. Magazine", "U.S. Bank").
_LAST_SENTENCE_END = re.compile(
    r"(?<![A-Z])(?<!\bSt)(?<!\bMt)(?<!\bDr)(?<!\bCo)(?<!\bInc)(?<!\bCorp)(?<!\bLtd)(?<!\bJr)(?<!\bSr)(?<=[a-z])\.\s+(?=[A-Z])(?!.*(?<=[a-z])\.\s+[A-Z])"
)
_MAIL_OR_WEB = re.compile(r"(?i)(?:@|www\.|https?://)([a-z0-9-]{4,})\.")


def _cut_spelt_by_a_domain(raw: str, cuts: list[int], text: str) -> int | None:
    """Where a signature's glued blocks give way to the firm's name: the block its e-mail or web address
    spells ("…AcquisitionTanisha Systems Inc" and "neetam@tanishasystem.com" → "Tanisha Systems Inc")."""
    domains = {m.group(1).lower().replace("-", "") for m in _MAIL_OR_WEB.finditer(text)}
    for cut in [0, *cuts]:
        squashed = re.sub(r"[\W_]", "", _LEGAL_WORD.sub("", raw[cut:])).lower()
        if len(squashed) >= 4 and any(d.startswith(squashed) or squashed.startswith(d) for d in domains):
            return cut
    return None


_LEGAL_WORD = re.compile(rf"(?i),?\s*\b(?:{_ANY_FORM})\b\.?")


def _recurs(text: str, name: str) -> bool:
    return _stands_alone(text, name, 2)


def _stands_alone(text: str, word: str, times: int = 1) -> bool:
    """Whether `word` stands `times` times in text with no letter before it and no lower-case letter after
    (a plain search: a pattern built per name would be compiled anew each time)."""
    found, at = 0, text.find(word)
    while at != -1:
        before = text[at - 1] if at else " "
        after = text[at + len(word) : at + len(word) + 1]
        if not (before.isascii() and before.isalpha()) and not (after.isascii() and after.islower()):
            found += 1
            if found >= times:
                return True
        at = text.find(word, at + 1)
    return False
