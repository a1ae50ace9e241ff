"""Where running text writes a company's name: the name a sentence's pattern captured, read and mended
(`name_at`: a heading word or a doubled name dropped, blocks a board glued together parted), and whether an
address spells a name or the name stands alone in the text. `company_names.py` says what a name is."""

from __future__ import annotations

import re

from rolemap.extract.company_names import (
    GLUE,
    NOT_A_NAME,
    SENTENCE_END,
    SITE,
    clean_company,
    legal_forms_pattern,
    plausible_company,
    site_name,
    without_opener,
)
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span

_ANY_FORM = legal_forms_pattern("firm", "other")

# The section headings of more than one word ("What We Are Looking For", "About Us"): no firm's name holds one.
_HEADING_PHRASE = re.compile(
    r"(?i)\b(?:"
    # not those that open with "the", which names open with too ("The Job Network", "The Team Companies")
    + "|".join(
        p
        for kind in load_wordlist("section_headings").values()
        for p in kind
        if " " in p and not p.startswith("the ")
    )
    + r")\b\s+"
)
_FIELD_LABELS = frozenset(load_wordlist("field_labels")["words"])
_PHONE_OR_POSTCODE = re.compile(r"(?i:ext|extn|x)\.?\s?\d+\s+|\d{4,}(?=[A-Z][a-z])")


def name_at(
    text: str, start: int, end: int, signature: bool = False, subject: bool = False
) -> tuple[str, Span] | None:
    """The name captured at text[start:end], mended where the source glued two blocks together
    ("VacationsV2Soft" → "V2Soft" when "V2Soft" stands alone elsewhere) and without a heading word or a
    doubled name ("About Plymouth Rock Plymouth Rock" → "Plymouth Rock")."""
    raw = text[start:end]
    site = SITE.fullmatch(raw)  # "Booking.com is looking for": the hirer by its site, as in a header
    if site:
        domain = site_name(raw)
        return (domain, Span(start, end, raw)) if plausible_company(domain, first=True) else None
    number = _PHONE_OR_POSTCODE.match(raw)  # "Ext 521 TekisHub", "NJ - 07450Techolution": the block before
    if number:
        start, raw = start + number.end(), raw[number.end() :]
    first = raw.split(" ", 1)[0].rstrip(",")
    half = len(first) // 2
    if len(first) % 2 == 0 and half > 1 and first[:half] == first[half:]:
        start, raw = start + half, raw[half:]  # "CyberCodersCyberCoders, Inc": a logo's alt text glued on
    cuts = [m.start() for m in GLUE.finditer(raw)]
    # a field's value glued to the next field's label: "Organization: Beat the Streets-BaltimoreTitle: Swahili"
    # (a label the word list knows: "Company: GitHub: …" is GitHub)
    field_value = text[max(0, start - 3) : start].rstrip(" ").endswith(":") and text.startswith(":", end)
    next_label = (
        len(raw) - cuts[-1] if cuts and field_value and raw[cuts[-1] :].lower() in _FIELD_LABELS else 0
    )
    spelt = _cut_spelt_by_a_domain(raw, cuts, text) if signature and cuts else None
    if spelt is not None:  # "RegardsNeetamTalent AcquisitionTanisha Systems" + neetam@tanishasystem.com
        start, raw = start + spelt, raw[spelt:]
    # the next field's label is cut off below, never taken for the name ("Company: Acme LabsLocation:")
    for cut in reversed((cuts[:-1] if next_label else cuts) if spelt is None else []):
        tail = raw[cut:]
        word = tail.split()[0].rstrip(",")
        # a block is the name when it follows a heading in capitals ("WHO WE AREStasis Drilling"; a brand
        # is one word: "SEOGidi") or stands alone elsewhere too ("NextGen" is not two blocks); two letters
        # ending the name are no block of it ("StyleAI", "CBITs"), save a sentence's first word ("Role
        # DescriptionWe are": then no name)
        if NOT_A_NAME.match(word) or (
            len(tail) > 2 and (_CAPITALS.search(raw, 0, cut) or stands_alone(text[:start] + text[end:], word))
        ):
            start, raw = start + cut, tail
            break
    if 0 < next_label < len(raw):
        raw = raw[:-next_label]
    sentence = _LAST_SENTENCE_END.search(raw)  # "Downtown Bellevue. The Bellevue Downtown Association"
    if sentence:
        start, raw = start + sentence.end(), raw[sentence.end() :]
    heading = re.match(
        r"(?:About|Why|Join|(?:(?:Job|Company|Role|Position)\s+)?(?:Overview|Description|Summary))(?:\s+|(?=[A-Z][a-z]|\d))",
        raw,
    )
    if heading:
        start, raw = start + heading.end(), raw[heading.end() :]
    # a section's heading glued before the name: "Who & What We Are Looking For Project VOYCE seeks"
    heading_end = max((m.end() for m in _HEADING_PHRASE.finditer(raw)), default=0)
    if 0 < heading_end < len(raw):
        start, raw = start + heading_end, raw[heading_end:]
    words = raw.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        raw = " ".join(words[:half])
    name = clean_company(raw, sentence=True)
    if name and raw.endswith(name):
        name = without_opener(name, text[start + len(raw) :])  # "At Modus Create you will collaborate"
    if (
        name
        and raw.endswith(("'s", "’s"))
        and raw[:-2].endswith(name)
        and _ITS_VERB.match(text, start + len(raw))
    ):
        # "Brennan's is a renowned restaurant", "Children's is committed to": a possessive that is the
        # subject of a verb is the brand's own name ("Macy's"), no owner's
        name += raw[-2:]
    owner = re.match(r"(.+?)['’]s\s(.*)", name or "")
    if owner and (_named_alone(text, owner.group(1)) or _A_UNIT.fullmatch(owner.group(2))):
        name = owner.group(1)  # "Genesis10's G10 Associates Program" where Genesis10 is named alone too
    if name:
        bare = re.sub(r"^(?:The|the)\s+", "", name)
        # "The" is the name's own where the text writes it with its capital inside a sentence ("join The
        # Robinson Group"), or where the name ends in the capitalised noun of a kind of organisation, as
        # English names with a common noun's head take it ("The Bivium Group", "The Moorhead Team"); else,
        # opening a sentence, it may be only the article ("The Acme team is growing")
        own = _the_is_its_own(text, bare) or (_ends_in_a_kind(bare) and not _the_is_an_article(text, bare))
        name = name if bare != name and own else bare
    # the subject of a hiring sentence may share a small town's name ("Plum is looking for")
    if not name or not plausible_company(name, first=subject and " " not in name):
        return None
    return name, Span(start, start + len(raw), text[start : start + len(raw)])


def _ends_in_a_kind(name: str) -> bool:
    """ "Robinson Group", "Moorhead Team": a name before the kind's noun ("The Firm" is only the firm)."""
    words = name.split()
    return len(words) > 1 and words[-1][:1].isupper() and words[-1].lower() in _KINDS_OF_ORGANISATION


_KINDS_OF_ORGANISATION = frozenset(
    {kind.split()[-1] for kind in load_wordlist("identity")["_organisation_kinds"]}
    | {"team", "associates", "partners"}
)


def _the_is_an_article(text: str, name: str) -> bool:
    """The text writes the name without a capital "The" before it ("join the Bellevue Downtown
    Association", "Team Companies is a staffing firm") or shortens it to the initials of the name without
    "The" ("The Ascent Services Group (ASG)")."""
    for m in re.finditer(rf"(?<![\w-]){re.escape(name)}\b", text):
        if not text[max(0, m.start() - 4) : m.start()].rstrip(" \t").endswith("The"):
            return True
    initials = "".join(w[0] for w in name.split() if w[:1].isupper())
    return re.search(rf"{re.escape(name)}\s*\({re.escape(initials)}\)", text) is not None


def _the_is_its_own(text: str, name: str) -> bool:
    return re.search(rf"[a-z,][ \t]+The[ \t]+{re.escape(name)}\b", text) is not None


_ITS_VERB = re.compile(r"\s+(?:is|has|was|provides|offers)\b")
# "Robert Half's Legal Division is seeking", "Las Vegas Stone & Flooring's Detroit Showroom is seeking": a
# unit or a site of the owner, who is the hirer
_A_UNIT = re.compile(
    r"(?:[A-Z][\w&-]*\s+){0,3}(?:Division|Department|Practice Group|Unit|Showroom|Office|Branch|Store|Location"
    r"|Campus|Clinic|Plant|Warehouse|Studio)s?"
)
_CAPITALS = re.compile(r"[A-Z]{2,}\s+[A-Z]{2,}$")
_LAST_SENTENCE_END = re.compile(SENTENCE_END.pattern + r"(?!.*(?<=[a-z])\.\s+[A-Z])")
_MAIL_OR_WEB = re.compile(r"(?i)(?:@|www\.|https?://)([a-z0-9-]{4,})\.")


def _cut_spelt_by_a_domain(raw: str, cuts: list[int], text: str) -> int | None:
    """Where a signature's glued blocks give way to the firm's name: the block its e-mail or web address
    spells ("…AcquisitionTanisha Systems Inc" and "neetam@tanishasystem.com" → "Tanisha Systems Inc")."""
    domains = {m.group(1).lower().replace("-", "") for m in _MAIL_OR_WEB.finditer(text)}
    for cut in [0, *cuts]:
        squashed = re.sub(r"[\W_]", "", _LEGAL_WORD.sub("", raw[cut:])).lower()
        if len(squashed) >= 4 and any(d.startswith(squashed) or squashed.startswith(d) for d in domains):
            return cut
        # or the block's first word opens the address: "…RatheeSunRay Enterprise" and manoj@sunraycorp.com
        opening = re.sub(r"[\W_]", "", raw[cut:].split(maxsplit=1)[0]).lower() if raw[cut:].strip() else ""
        if len(opening) >= 5 and any(d.startswith(opening) for d in domains):
            return cut
    return None


_LEGAL_WORD = re.compile(rf"(?i),?\s*\b(?:{_ANY_FORM})\b\.?")
# An e-mail or web address, also as posts hide it from scrapers ("helen [at] textur [dot] com"): its host's
# labels before the top-level domain.
_DOT = r"(?:\.|\s?[\[(]dot[\])]\s?)"
_ADDRESS = re.compile(rf"(?i)(?:@|\s?[\[(]at[\])]\s?|www\.|https?://)((?:[a-z0-9-]+{_DOT})+)[a-z]{{2,6}}\b")


def spelt_by_an_address(text: str, name: str, opens: bool = False) -> bool:
    """Whether an address in the text spells the name ("Textur" and helen [at] textur [dot] com), as a
    company's own contact address does; with `opens`, a host that starts with it counts ("Assembly" and
    assemblymade.com)."""
    squashed = re.sub(r"[\W_]", "", _LEGAL_WORD.sub("", name)).lower()
    if len(squashed) < 3:
        return False
    for m in _ADDRESS.finditer(text):
        for label in re.split(_DOT, m.group(1).lower()):
            host = label.replace("-", "")
            if host == squashed or (opens and host.startswith(squashed)):
                return True
    return False


def _named_alone(text: str, name: str) -> bool:
    """Whether the name stands in the text without a possessive after it."""
    return any(
        not text[m.end() : m.end() + 1].isalpha() and text[m.end() : m.end() + 1] not in "'’"
        for m in re.finditer(rf"(?<![\w]){re.escape(name)}", text)
    )


def recurs(text: str, name: str) -> bool:
    return stands_alone(text, name, 2)


def stands_alone(text: str, word: str, times: int = 1) -> bool:
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
