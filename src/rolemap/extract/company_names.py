"""What a company name is: the cleaning every candidate name goes through (URLs, YC batch, "is hiring",
a legal form after a comma), what a plausible name is (not a place, a role, a flag or a sentence) and the
pattern of a name in running text. `company_sentences.py` finds the sentences that name a hirer;
`company_mentions.py` reads and mends the names they capture."""

from __future__ import annotations

import re
from functools import lru_cache

from rolemap.extract.lexicon import english_word
from rolemap.extract.places import confident_place, parse_places
from rolemap.extract.roles import is_role_title, seniority_of, technology_names
from rolemap.extract.taxonomy import SkillEntry, load_taxonomy
from rolemap.extract.wordlists import load_wordlist


def legal_forms_pattern(*kinds: str) -> str:
    """Legal forms of the word list `legal_forms` as a regex alternation ("L.L.C" → L\\.L\\.C)."""
    forms = load_wordlist("legal_forms")
    return "|".join(re.escape(f) for kind in kinds for f in forms[kind])


_ANY_FORM = legal_forms_pattern("firm", "other")
# a firm named by its partners: "Halfaker and Associates", "Smith & Partners"
FIRM_ENDING = re.compile(rf"\s(?:&|and)\s(?:{legal_forms_pattern('ending')})\.?$")
_ASSOCIATES_OF = re.compile(r"(?:[A-Z][\w'-]*\s+){1,3}Associates")


def _firm_of_associates(name: str) -> bool:
    """ "Bridgewater Associates", "SharkByte Associates": associates of a name that is no English word are a
    firm; "Sales Associates", "Research Associates" are roles."""
    owners = name.split()[:-1]
    # not an acronym or an abbreviation, which a team's or a level's may be ("HR Associates", "Sr Associates")
    return bool(_ASSOCIATES_OF.fullmatch(name)) and all(
        len(w) >= 4 and not w.isupper() and not english_word(w) for w in owners
    )


WEB_ADDRESS = r"(?:https?://|www\.)\S+"  # a web address's shape, for the patterns that look for one


class _Addresses:
    """A web address, an e-mail address or a bare domain, run as cheaply as a text allows: a text holding
    no ".", "@" or "://" holds none, and one without "@" no e-mail address, so there the pattern goes
    without that alternative, whose `\\S+@` the engine tries at every character, backing off through the
    whole word each time. What it finds is the whole pattern's finding."""

    _WEB = rf"\(?\s*{WEB_ADDRESS}\s*\)?"
    _MAIL = r"\S+@\S+\.\w+"
    _DOMAIN = (
        r"\b[\w-]+(?:\.[\w-]+)*\.(?:com|io|co|ai|net|org|dev|app|tech|me|us|uk|de|fr|nl|ly|so|sh|xyz|jobs|careers)\b"
        r"(?:/\S*)?"
    )

    def __init__(self) -> None:
        self.pattern = re.compile(f"(?i){self._WEB}|{self._MAIL}|{self._DOMAIN}")
        self._without_mail = re.compile(f"(?i){self._WEB}|{self._DOMAIN}")

    def _for(self, text: str) -> re.Pattern[str] | None:
        if "@" in text:
            return self.pattern
        return self._without_mail if "." in text or "://" in text else None

    def search(self, text: str) -> re.Match[str] | None:
        pattern = self._for(text)
        return pattern.search(text) if pattern else None

    def fullmatch(self, text: str) -> re.Match[str] | None:
        pattern = self._for(text)
        return pattern.fullmatch(text) if pattern else None

    def sub(self, repl: str, text: str) -> str:
        pattern = self._for(text)
        return pattern.sub(repl, text) if pattern else text

    def split(self, text: str) -> list[str]:
        pattern = self._for(text)
        return pattern.split(text) if pattern else [text]


URL = _Addresses()
FLAG = re.compile(
    r"(?i)^(?:[\s,&+/()]*(?:(?:fully |100% |partially )?remote(?:ly)?(?:[- ](?:ok|friendly|first|only|possible|allowed))?|"
    r"local|on[- ]?site|onsite|"
    r"in[- ]office|hybrid|relo(?:cation|cate)?(?: ok| assistance| available| provided)?|only|visas?(?: sponsorship)?"
    r"(?: available| ok| provided)?|h-?1b|sponsorship|interns?(?:hips?)?(?: ok| welcome| possible)?|full[- ]?time|part[- ]?time|contract(?:or)?s?|"
    r"permanent|freelance|temp(?:orary)?|equity|no remote|ft|pt|w2|c2c|1099|flexible|us only|eu only|"
    r"worldwide|anywhere|global|international|apply|jobs?|careers?|hiring|we'?re hiring|new|yc \w\d+)[\s,&+/()!.]*)+$"
)
# pay read as a name: a sum, not a brand's number ("2K Games")
PAY_SUM = re.compile(
    r"[$€£¥₹]\s?\d|\d\s?[kK](?:\s*[-–+/]|\s*$)|\b(?:salary|usd|eur|gbp|per annum|/yr|/year)\b", re.I
)
PAY = re.compile(r"[$€£¥₹]\s?\d|\d\s?[kK]\b|\b(?:salary|usd|eur|gbp|per annum|/yr|/year)\b", re.I)
# "… is hiring": a sentence on the name, typed in a company field too ("We are hiring!")
IS_HIRING = r"\s+(?:is|are)\s+(?:now\s+|currently\s+|actively\s+)?(?:hiring|looking|seeking|recruiting|searching|growing)\b"
HIRING = re.compile(rf"{IS_HIRING}|\s+(?:seeks|wants|needs)\b|\s+hiring\b", re.I)
NOT_A_NAME = re.compile(
    r"(?i)^(?:we|our|us|this|the|it|you|they|he|she|a|an|my|client|our client|company|position|role|job|"
    r"the company|the team|team|candidate|location|description|summary|overview|responsibilities|"
    r"requirements|qualifications|benefits|who|what|why|how|where|when|hello|hi|hey|note|apply|about|"
    r"looking|seeking|hiring|remote|onsite|everyone|nobody|someone|there|here|each|all|job description|"
    r"customer|our customer|employer|firm|organization|organisation|agency|startup|business|any|some|none|"
    r"multiple|several|various|many|other|others|experience|engineering|development|"
    r"position summary|job summary|role overview|immediate need|urgent|new|direct client|confidential|"
    r"based|located|headquartered|founded|established)$"  # "Based out of Cudahy WI, Acme is": a phrase's start
    r"|^(?:their|our|your|his|her|its|this|that|these|those|my|a|an|every|each|any|some|no|who|what|why|how)\s"
    r"|^(?:i|we|you|they|he|she|it|let)['’]"  # "I'm Colin", "You’ll have": a sentence
    r"|^(?:seeking|hiring|looking|wanted)\s|^.*\b(?:client|customer)$"  # "Our Boston, MA Client is searching"
    r"|^.*\s(?:we|our|you|they|i)$|^(?:keywords|tags)$"  # "About the Role We are looking", "(keywords: Intern"
)


# the small words inside a name, and the legal forms after it: the words of a name written in lower case
_JOINING_OR_PLACING = frozenset(
    {"of", "and", "for", "the", "de", "la", "le", "du", "von", "van", "y", "e", "in", "on", "at", "&"}
)
# and "by" of a brand and its maker ("CJ Affiliate by Conversant")
_NAME_GLUE = _JOINING_OR_PLACING | frozenset(
    {"by", "inc", "llc", "ltd", "co", "corp", "gmbh", "plc", "ag", "sa", "bv", "ab", "oy", "as"}
)
_LEGAL_FORM_ALONE = re.compile(rf"(?i)(?:{_ANY_FORM})\.?,?")
_LOWER_BRAND = re.compile(r"[a-z]{1,4}[A-Z]")
_BRAND = re.compile(r"[a-z][A-Z][A-Za-z0-9]+")  # "eLogistics", not "iOS/Android"
_JOINING_WORDS = frozenset({"of", "and", "&", "for", "the", "de", "la"})  # as a name reads them: `_NAME`


def a_stack(name: str) -> bool:
    """A header segment naming what a role is built with, not who hires: two languages or frameworks or more
    ("Qubit Scala/Java/Go", "Python/Django"), or one beside levels and the stack's kinds only ("Full Stack
    PHP", "Senior Python DevOps"). One product's name alone ("MongoDB", "Meteor") may be its maker's, and so
    may a name with a rarer language's word or one letter twice ("Pony Express", "C&C Group", "Phoenix II")."""
    parts = [p for p in _STACK_PARTS.split(name) if p]
    names = technology_names()
    code = {names[p.lower()] for p in parts if _category(names.get(p.lower(), "")) in _CODE_CATEGORIES}
    if len(code) >= 2:
        return True
    rest = [p for p in parts if names.get(p.lower()) is None]
    # kinds of the stack's role only: "Support", "AI" may name a firm beside a language ("Ada Support")
    return bool(code) and bool(rest) and all(p.lower() in _LEVELS_AND_KINDS for p in rest)


_STACK_PARTS = re.compile(r"[\s/,+&|]+")
_CODE_CATEGORIES = ("language", "framework")
_LEVELS_AND_KINDS = frozenset(
    {"senior", "sr", "sr.", "junior", "jr", "jr.", "lead", "staff", "principal"}
    | {"full", "stack", "full-stack", "fullstack", "back", "front", "end", "back-end", "front-end", "devops"}
)


def _category(skill: str) -> str:
    entry = load_taxonomy().get(skill)
    return entry.category if entry else ""


_EDGES = " ,.;:!-–—'\"*()<>→|"
_LIST_NUMBER = re.compile(r"^\s*\d{1,2}[.)]\s+")  # "1. Company: RAVN Systems"
_IN_A_PLACE = re.compile(r"(.+?)\s+(?:in|at)\s+(.+)$")


@lru_cache(maxsize=50_000)
def clean_company(raw: str, sentence: bool = False) -> str | None:
    """A company name without its URL, YC batch, tagline or "is hiring". A header's possessive ends the
    name ("Genesis10's G10 Associates Program" → Genesis10); in a `sentence` one inside the words read
    before a verb is part of it ("Children's Bureau is a trusted nonprofit")."""
    # the name stands before its URL ("Tint (http://www.tintup.com) San Francisco"), or after it alone
    name = next((piece for piece in URL.split(raw) if piece.strip(_EDGES)), "")
    if _LEGAL_FORM_ALONE.fullmatch(name.strip(_EDGES)) and (site := SITE.search(raw)):
        name = site_name(site.group())  # "People.ai, Inc.": the firm is named by its domain
    name = HIRING.split(_without_marks(name), maxsplit=1)[0]
    name = re.split(r"['’]s$" if sentence else r"['’]s\b", name.rstrip(), maxsplit=1)[0]
    name = _before_asides(name)
    where = _IN_A_PLACE.match(name)  # "CodeWeavers in St Paul"
    if where and parse_places(where.group(2)):
        name = where.group(1)
    first = SENTENCE_END.split(_LIST_NUMBER.sub("", name), maxsplit=1)[0]
    if len(first.split()) <= 4:  # a name, then a sentence ("Stripe. We're hiring engineers"), not a sentence
        name = first
    name = _without_trailing_flags_and_form(name)
    at = raw.find(name)  # the name as the raw text writes it; "Acme  Labs" cleaned is found nowhere
    return (without_opener(name, raw[at + len(name) :]) if at >= 0 else name) or None


def clean_typed_company(raw: str) -> str | None:
    """The name a board's or a contract line's company field holds. A person typed it there as a name, so
    a possessive is the name's own ("Huck's Food and Fuel", "Children's Nebraska"), and so is "Hiring"
    inside it ("ZM Jobs & Hiring Limited"; not "Acme is hiring", "Acme Now Hiring"); a name written as its
    site is the site's name ("DIGS Vacation Rentals.com" is DIGS Vacation Rentals). A tagline after the
    name goes ("Sprouts Farmers Market. Healthy Living for Less"), not words after an abbreviation ("Warner
    Bros. Discovery"); asides, marks, flags and a legal form after a comma go as in `clean_company`. A field longer than any name (300 characters) holds none."""
    name = raw.strip()
    if len(name) > 300:
        return None
    if site := _NAME_AS_A_SITE.fullmatch(name):
        name = site_name(site.group(1)) + (site.group(2) or "")
    else:  # an address beside the name: "Tint (http://www.tintup.com)"
        name = next((piece for piece in URL.split(name) if piece.strip(_EDGES)), "")
    name = _NOW_HIRING.sub("", re.split(IS_HIRING, _without_marks(name), maxsplit=1, flags=re.I)[0])
    name = _TAGLINE.split(name, maxsplit=1)[0]
    return _without_trailing_flags_and_form(_before_asides(name)) or None


# a name that is its site: capitalised words, then the last glued to a domain's ending ("DIGS Vacation
# Rentals.com"); not an address ("www.", "://") nor words before one ("Apply at acme.com")
_NAME_AS_A_SITE = re.compile(
    rf"(?!www\.)((?:[A-Z0-9][\w&'’-]*\s+)*[\w-]+\.(?:com|net|org|io|co|ai))(,?\s+(?:{_ANY_FORM})\.?)?"
)
# a tagline or a sentence after the name: after a word's end (not an abbreviation's: "Warner Bros. Discovery",
# "Mr. Cooper", "Wm. Wrigley Jr. Company"), three words or more; or a sentence a pronoun opens
_TAGLINE = re.compile(r"(?<=[a-z]{4})\.\s+(?=\S+(?:\s+\S+){2,}$)|[.!?]\s+(?=(?:We|Our|You|They|This|It|I)\b)")
_NOW_HIRING = re.compile(r"(?i)\s+(?:now\s+)?hiring\W*$")  # "Acme Now Hiring!": a call, not the name


def _without_marks(name: str) -> str:
    """A name without its trade marks and its Y Combinator batch, which are not part of it."""
    return YC_BATCH.sub(" ", name.replace("®", "").replace("™", ""))


def _before_asides(name: str) -> str:
    """The name before what is said beside it: a bracket, a dash, a colon or ", a …" ("XCOR Aerospace-
    Mojave", "KLA (Kim Lundgren Associates)", "Secure Mission Solutions, a Parsons Company")."""
    return re.split(r"\s+[(\[<@→]|[\[(<]\s*$|\s*-\s+|:\s|,\s+(?:a|an|the)\s", name, maxsplit=1)[0]


def _without_trailing_flags_and_form(name: str) -> str:
    """The name without flags after a comma ("Patients Know Best, REMOTE-only") and a legal form after one
    ("ASA Architects, P.A." is ASA Architects), its spaces made single."""
    while "," in name and FLAG.match(name.rsplit(",", 1)[1]):
        name = name.rsplit(",", 1)[0]
    return _LEGAL_FORM.sub("", " ".join(name.split()).strip(_EDGES))


# A heading or sentence opening on the name: "About Nexiona (http://nexiona.com/)", "At Cruise (San Francisco),
# we're", "Join Handshake!", "About the Company: At NGI, GenMedx and OmicsDx, our providers". Only with a
# clause ("At Modus Create you will", "At Crystal Ngozi Beauty our mission") or an address after the name:
# "At Home is seeking", "About Objects" alone are firms' own names.
_OPENER = re.compile(r"^(?:About|At|Join) (?=[A-Z0-9])")
_CLAUSE_AFTER = re.compile(r"\s*(?:[(,!]|https?://|www\.|(?:we|you|our|your)\b)", re.I)


def without_opener(name: str, after: str) -> str:
    """The name without the heading's or sentence's opener it starts with, where `after` (the text after the
    name) opens a clause or an address."""
    return _OPENER.sub("", name) if _OPENER.match(name) and _CLAUSE_AFTER.match(after) else name


# A legal form written after a comma: the firm's legal name, not the name it goes by.
_LEGAL_FORM = re.compile(rf"(?i),\s*(?:{_ANY_FORM})\.?$")
# a Y Combinator batch beside a name: "(YC W15)", "[Y Combinator S17]", "YC S15"
YC_BATCH = re.compile(r"(?i)[(\[](?:yc|y combinator)[^)\]]*[)\]]|\byc\s*[swf]\d{2}\b")


def is_role_name(name: str) -> bool:
    """ "Senior Engineer", "Software Developers" are roles; "ASA Architects", "Genius Developers" are firms."""
    if not is_role_title(name):
        return False
    return bool(
        seniority_of(name)
        or re.search(r"(?i)\b(?:software|engineer|developer|programmer|manager|intern)\b", name)
    )


def typed_company_name(name: str) -> bool:
    """A board's or a contract line's company field holds what a person typed there, so any name is the
    hirer's, those a text's reader would doubt too: a lower-case brand ("rh contract"), a firm named for its
    trade ("ASA Architects", "Synergy Consultants & CPAs"), a long legal name. Not a placeholder ("Our
    Client", "A Leading Healthcare Company", "Confidential"), a place, a flag ("Remote"), a pay, a URL, a
    stack or a language ("Python/Django"), nor a person's title ("Data Scientist", "Recruiter"; a trade in
    the plural after a name is a firm's), nor a name cut short ("ZM Jobs &")."""
    words = name.split()
    if not words or len(name) > 100 or "://" in name or not any(c.isalpha() for c in name):
        return False
    if NOT_A_NAME.fullmatch(name) or _PLACEHOLDER.match(name) or FLAG.match(name) or PAY_SUM.search(name):
        return False
    if words[-1].lower() in _JOINING_OR_PLACING or (
        not words[-1][-1].isalnum() and words[-1][-1] not in ".)"
    ):
        return False
    if confident_place(name) or a_stack(name) or all(_LEGAL_FORM_ALONE.fullmatch(w) for w in words):
        return False
    entry = _technology_named(name)
    if entry is not None and entry.category in _LANGUAGES_AND_FRAMEWORKS:
        return False
    legal = len(words) > 1 and _LEGAL_FORM_ALONE.fullmatch(words[-1].rstrip(".,")) is not None
    # "ASA Architects", "Synergy Consultants & CPAs": a trade in the plural after a word that names no role
    trade_firm = (
        any(w[:1].isupper() and w.endswith("s") for w in words[1:])
        and not is_role_name(name)
        and not is_role_title(words[0])
        and words[0].lower() not in technology_names()
    )
    return legal or trade_firm or _FIRM_WORD.search(name) is not None or not is_role_title(name)


# a description in place of a name, whole: "A Leading Healthcare Company", "Our Client", "Not disclosed"
_PLACEHOLDER = re.compile(
    r"(?i)^(?:(?:a|an|our)\s+(?:leading|large|major|top|global|growing|well[- ]known|fortune|confidential|"
    r"national|international|premier)\b.*\b(?:company|client|firm|organi[sz]ation|employer|business|provider|"
    r"agency|corporation|startup)|(?:confidential|undisclosed|unknown|private|stealth|tbd|n/?a|none|"
    r"not (?:disclosed|specified|available)|top company|fortune \d+|faang|now hiring)\b\W*)$|^-+$"
)
# a word only a firm's name holds: "Trusted Nurse Staffing", "Sharper Office Admin Services"
_FIRM_WORD = re.compile(
    r"(?i)\b(?:staffing|group|services|solutions|hospital|clinic|center|centre|partners|associates|consulting|"
    r"agency|labs|systems|technologies|holdings|company|expert|admin|door)\b"
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
    # six words besides the small ones that join them ("Food Bank of Central & Eastern North Carolina")
    named = [w for w in words if w not in _JOINING_WORDS and w != "The"]
    if not 1 <= len(named) <= 6 or len(words) > 9 or len(name) > 60 or NOT_A_NAME.match(name):
        return False
    if len(words) > 1 and words[-1] in _JOINING_OR_PLACING:
        return False  # "Analyzes and", "Bank of", "London at": a name's fragment
    # "6 months", "In 1978", a URL's "fuseaction=51268": a number names no firm in a sentence
    if not header and not any(c.isalpha() for w in words if w.lower() not in _JOINING_OR_PLACING for c in w):
        return False
    if all(_LEGAL_FORM_ALONE.fullmatch(w) for w in words):
        return False  # "GmbH" of "figo GmbH": a legal form names no firm ("21 Inc" does)
    # a lower-case brand stands first in the hirer's slot alone ("untapt") or with its legal form written with
    # its capital ("volders GmbH"; "denver co" is a town and its state)
    brand = (
        first
        and name[:1].isalpha()
        and (len(words) == 1 or (words[-1][:1].isupper() and bool(_LEGAL_FORM_ALONE.fullmatch(words[-1]))))
    )
    if not (
        name[0].isupper() or name[0].isdigit() or brand or _LOWER_BRAND.match(name)
    ):  # "eBay", "hiQ Labs"
        return False
    # a word in lower case is a sentence's, save a brand's ("Lazada eLogistics")
    if any(
        w[0].islower() and w.lower().strip(".,") not in _NAME_GLUE and not _BRAND.fullmatch(w)
        for w in words[1:]
    ):
        return False  # "Be a full time DB Rethinker" is a sentence, not a name
    firm = FIRM_ENDING.search(name) or _firm_of_associates(name)
    role = not firm and (is_role_title(name) if header else is_role_name(name))
    if role or FLAG.match(name) or PAY_SUM.search(name):  # "Halfaker and Associates" is a firm
        return False
    partners = _PARTNER_LIST.fullmatch(name)  # "Kazan, McClain, Satterley & Greenwood": a place per piece?
    if partners and all(parse_places(piece) for piece in _JOINED_OR_LISTED.split(name)):
        return False
    if not partners and (
        confident_place(name) if first or (maker_slot and "," not in name) else parse_places(name)
    ):
        return False
    if header and any(confident_place(part) for part in _JOINED.split(name) if part):
        return False  # "LA & OC", "NYC / Remote": places joined
    if not header:
        return True
    if a_stack(name):
        return False  # "Qubit Scala/Java/Go", "Full Stack PHP", "Python/Django": what a role is built with
    if name.lower() not in technology_names():
        return True
    # In the first segment a product's name is usually its maker's ("GitLab"); a language never is, nor a
    # framework, save one named by a word the taxonomy guards as an everyday one's ("Remix": a firm too)
    entry = _technology_named(name)
    category = entry.category if entry else ""
    everyday = entry is not None and category == "framework" and name in entry.guarded
    return (first or maker_slot) and (category not in _LANGUAGES_AND_FRAMEWORKS or everyday)


_LANGUAGES_AND_FRAMEWORKS = frozenset({"language", "language-other", "framework"})  # never a firm's name


def _technology_named(name: str) -> SkillEntry | None:
    """The taxonomy entry a name is written as, whole ("Node.js", "Python"), if any."""
    technology = technology_names().get(name.lower())
    return load_taxonomy().get(technology) if technology else None


_JOINED = re.compile(r"\s*(?:&|/|\band\b)\s*")
_JOINED_OR_LISTED = re.compile(r"\s*(?:,|&|\band\b)\s*")

# The sentences that name a hirer. Each is found by its fixed words (the word list "identity/company_*",
# in the document's one scan), then the name is read from the capitalised words just before or after them:
# 1–6 words, with a legal suffix ("CyberCoders, Inc").
# A firm named by its partners lists them with commas before the last two ("Kazan, McClain, Satterley &
# Greenwood"): the commas belong to the name only where "&" or "and" joins the last two.
_PARTNERS = r"(?:[A-Z][\w'’-]*,\s){1,4}(?=[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?\s(?:&|and)\s[A-Z])"
_PARTNER_LIST = re.compile(_PARTNERS + r"[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?\s(?:&|and)\s[A-Z].*")
_NAME = (
    rf"((?:(?<![\w&.'’!+-])[a-z](?=[A-Z]))?(?:{_PARTNERS})?(?:[A-Z0-9][\w&.'’!+®™-]*)"
    r"(?:[ ](?:[A-Z0-9&][\w&.'’!+®™-]*|(?:of|and|for|de|la|the)(?=[ ](?:[A-Z0-9&]|the |la )))){0,8}"  # glue joins words
    rf"(?:,?\s(?i:{_ANY_FORM})(?![a-z])\.?)?)"  # a form, not a word's start ("Birlasoft combines")
)
# The first letters of a name as `_NAME` reads it: a capital or a digit, or a brand written lower-case
# first ("eXcell"); the sentence readers look ahead for it after their fixed words.
NAME_START = r"(?:[A-Z0-9]|[a-z][A-Z])"
# A name may start where a board glued it to the block before ("…@diverselynx.comDiverse Lynx LLC").
NAME_BEFORE = re.compile(r"(?<![A-Z0-9])" + _NAME + r"(?:\s*(?:\([^)]{0,80}\)|\[[^\]]{0,20}\]))?,?\s*$")
NAME_AFTER = re.compile(_NAME)
GLUE = re.compile(
    r"(?<=[a-z.!?)])(?=[A-Z])|(?<=[A-Z]{2})(?=[A-Z][a-z])"
)  # "resume!CyberCoders": a block boundary lost


SITE = re.compile(r"[A-Za-z][\w-]*\.(?:com|net|org|io|co|ai)")
_GENERIC_TLD = re.compile(r"\.(?:com|net|org)$")


def site_name(domain: str) -> str:
    """The hirer a site names: "Reverb.com" is Reverb (.com, .net and .org dropped); a domain that is part of
    the brand keeps it ("Comma.ai", "Underdog.io"). Headers, sentences and "We do X.com" read it alike."""
    return _GENERIC_TLD.sub("", domain)


# The last full stop inside a captured name ends a sentence: the name is what follows it. Not after an
# abbreviation that stands inside names ("St. Louis", "Inc. Magazine", "U.S. Bank"), nor before a legal form
# ("McNaughton Bros. Inc.").
_A_SENTENCE_END = (
    r"(?:(?<![A-Z])(?<!St)(?<!Mt)(?<!\bDr)(?<!\bCo)(?<!\bInc)(?<!\bCorp)(?<!\bLtd)(?<!\bJr)(?<!\bSr)(?<=[a-z0-9])[.!?]\s+(?=[A-Z])"
    rf"(?!(?i:{_ANY_FORM})\b\.?(?:\s|,|$))"
    r"|[.!?]\s+(?=(?:We|Our|You|They|This|It|I)\b)"  # after a state's code too: "Clifton, NJ. We are"
    r"|(?<=[a-z])[.!?](?=(?:We|Our|You|They|This|It|I)\s))"  # the space a board lost: "Exafluence.I hope"
)
SENTENCE_END = re.compile(_A_SENTENCE_END)
