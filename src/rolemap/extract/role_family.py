"""The family of a role: its title's words first (`roles.title_family`), then the technology the title
names, then, for a role of no kind ("Software Engineer"), the posting's skills and the work it describes
(../shared/spec/extraction.md, version 2: "a generic Software Engineer whose description is server-side work
is backend"); and whether a plainly worded role is another trade's.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rolemap.extract.caseless import Caseless
from rolemap.extract.lexicon import english_word, joining_word
from rolemap.extract.places import parse_places
from rolemap.extract.roles import role_book, seniority_of, technologies_in, title_family
from rolemap.extract.sections import sentence_bounds
from rolemap.extract.skills import SERVER_RUNTIMES
from rolemap.models import Role

_SOFTWARE = Caseless(r"\bsoftware\b")
# building software, in a posting that speaks of software: "Application Development Manager", "Director, Web
# Development" (a coatings lab's "Application Development Chemist" develops its products' uses)
_BUILDING_SOFTWARE = Caseless(r"\b(?:applications?|web) development\b")
_BROWSER_LANGUAGE = re.compile(r"(?i)\b(?:javascript|typescript|js|ts)\b")
_WEB = re.compile(r"(?i)\bweb\b")
_CLIENT_WORDS = re.compile(r"(?i)front|\bui\b|\bux\b|client|design|\bcss\b|\bhtml")


def family_of(
    title: str,
    skills: frozenset[str],
    categories: dict[str, str],
    title_skills: tuple[str, ...] = (),
    alone: bool = True,
    required: frozenset[str] | None = None,
    trade: Callable[[], bool] = lambda: False,
) -> str:
    """The family of one role title: its own words, then the technology it names, then (a generic
    "Software Engineer") the posting's skills. `alone`: the posting's only role, so its skills are the
    role's own; `trade`: whether the posting's description never speaks of software (`trade_text`, asked
    only when needed), so a role every trade has, named in plain words and asking for no technology, is
    another trade's."""
    book = role_book()
    family = title_family(title)
    # "Front Desk Administrator", "Law Firm Administrator": an administrator of no system, where the title
    # names no system and the posting no software
    if family == "infra" and alone and _ADMINISTRATOR.search(title) and _no_system(title, skills, categories):
        return "non_software" if trade() else family
    # a quality engineer tests a software team's product beside its other roles, or alone where the posting
    # asks for software and speaks of it; else a plant's ("Quality Engineer": FMEA, SPC, machining)
    if (
        family == "non_software"
        and _QUALITY.search(title)
        and (not alone or (_software_skills(skills, categories) and not trade()))
    ):
        return "qa"
    # a bare reliability engineer beside a software team's roles keeps its services up (SRE); alone, a
    # plant's is as likely
    if family is None and not alone and _RELIABILITY.search(title):
        return "infra"
    # "Platform Engineer" builds a product's platform (backend, by the spec) or runs its infrastructure:
    # the posting's skills decide, infra unless its server-side skills outnumber its operations tools
    if family == "infra" and _PLATFORM.search(title) and title_family(_PLATFORM.sub("", title)) is None:
        operations = frozenset(s for s in skills if categories.get(s) in _OPERATIONS)
        return "backend" if _server_count(skills - operations, categories) > len(operations) else family
    if family == "frontend" and web_of_a_server(title, title_skills, categories):
        return "fullstack"
    # "Python/JavaScript Developer": the "JavaScript Developer" of a server's technology writes both sides
    if family == "frontend" and _technology_family(title_skills, categories) == "fullstack":
        return "fullstack" if title_family(_BROWSER_LANGUAGE.sub(" ", title)) is None else family
    if family:
        return family
    family = technology_side(title_skills, skills if required is None else required, categories, alone)
    if family:
        return family
    if book.engineering_leader.search(title) and not book.engineering_noun.search(title):
        family = family_from_skills(skills, categories)  # a software team's lead, by what it builds with
        # ... and beside the team's own roles a leader of engineering leads software ("VP of Engineering"
        # listed with full-stack and front-end engineers), whatever the skills say
        plain = family == "other_software" and "software" not in title.lower() and alone
        return "non_software" if plain else family
    if (
        not book.engineering_noun.search(title)
        and not _SOFTWARE.search(title)
        and not (_BUILDING_SOFTWARE.search(title) and not trade())
    ):
        return "non_software"
    family = family_from_skills(skills, categories)
    if family == "other_software" and alone and _another_trades(title, skills, categories) and trade():
        return "non_software"
    return family


# The taxonomy's categories that every trade's postings name too: office and business software, a trade's
# tools, kinds of software and fields of knowledge, file formats
_ANY_TRADE = frozenset({"business", "trade", "topic", "format", "hardware"})


DESCRIBED = 300  # characters past the title that make a description, which says what the role asks for
_CODE_TALK = re.compile(r"(?i)\b(?:software|cod(?:e|ing)|programming|programmers?|developers?|devs?)\b")


def trade_text(text: str, title_end: int) -> bool:
    """A posting that may be another trade's: it has a description (a bare title, such as Dice's title-only
    rows, says nothing of what is asked) and the description never speaks of software or code."""
    return len(text) - title_end >= DESCRIBED and not _CODE_TALK.search(text, title_end)


def _no_system(title: str, skills: frozenset[str], categories: dict[str, str]) -> bool:
    return title_family(_ADMINISTRATOR.sub(" ", title)) is None and _another_trades(title, skills, categories)


def _another_trades(title: str, skills: frozenset[str], categories: dict[str, str]) -> bool:
    """A role every trade has (an intern, a consultant, an administrator, an architect, a coder) named in
    plain English words, in a posting that names no software: "Lactation Consultant", "Public Relations
    Intern", "Landscape Architect". A product's name or an acronym in the title ("Eloqua Consultant", "BPM
    Architect") or one technology in the posting keeps it a software role of no stated kind."""
    nouns = [m.group() for m in role_book().engineering_noun.finditer(title)]
    if not nouns or not all(_TRADE_NOUN.fullmatch(n) for n in nouns) or _SOFTWARE.search(title):
        return False
    if _software_skills(skills, categories):
        return False
    # a place or a date the title adds is no word of the role: "Design Consultant, Nashville, TN", "Public
    # Relations Intern, Summer 2024"
    words = _PLAIN_WORD.findall(_without_places(title))
    return all(
        w.isdigit() or joining_word(w) or (english_word(w, mixed=True) and not _software_word(w.lower()))
        for w in words
    )


def _without_places(title: str) -> str:
    """The title without the places its last comma-separated parts name."""
    parts = title.split(",")
    while len(parts) > 1 and parse_places(parts[-1].strip()):
        parts.pop()
    return ",".join(parts)


def _software_skills(skills: frozenset[str], categories: dict[str, str]) -> bool:
    """Skills beyond office, trade and hardware tools, file formats and topics: a software team's."""
    return any(categories.get(s, "") not in _ANY_TRADE for s in skills)


def _software_word(word: str) -> bool:
    """A title word that names software work: a software role's kind ("Web", "Data", "Cloud") or a word of
    software titles that is no level ("Engineering", "Application", "Systems")."""
    book = role_book()
    if word in book.family_words:
        return title_family(word) not in (None, "non_software")
    return word in book.title_words and seniority_of(word) is None


_PLATFORM = re.compile(r"(?i)\bplatform (?=engineers?\b)")
_RELIABILITY = re.compile(r"(?i)\breliability engineers?\b")
_QUALITY = re.compile(r"(?i)(?<!data )\bquality (?:engineer|engineering)")
_OPERATIONS = frozenset({"devops", "cloud", "observability"})  # the taxonomy's categories of operations tools
_ADMINISTRATOR = re.compile(r"(?i)\b(?:administrators?|admins?)\b")
_TRADE_NOUN = re.compile(
    r"(?i)interns?|consultants?|researchers?|administrators?|admins?|architects?|coders?"
)
# words, and any word with a digit ("M365": no plain word)
_PLAIN_WORD = re.compile(r"[^\W\d_][\w'’]*|\w*\d\w*")


def web_of_a_server(title: str, title_skills: tuple[str, ...], categories: dict[str, str]) -> bool:
    """ "PHP Web Developer", "Django Web Developer", "Web Developer (Ruby/JavaScript)": a web developer of a
    server's technology builds both sides (fullstack), where no word of the title names the client's
    ("React Web Developer", "Web UI Developer", "Web Designer" stay frontend)."""
    if not _WEB.search(title) or _CLIENT_WORDS.search(title):
        return False
    # a server's language or framework ("Laravel Web Developer": a framework the role book lists)
    side = _technology_family(title_skills, categories)
    return side in ("backend", "fullstack") or not role_book().server_side.isdisjoint(title_skills)


def technology_side(
    title_skills: tuple[str, ...], required: frozenset[str], categories: dict[str, str], alone: bool
) -> str | None:
    """The family of the technology a title names, where a server language or framework names no side:
    "Java Developer", the posting's only role, required to know React too is fullstack (a "bonus: HTML"
    or "the frontend team uses React" is not the role's side)."""
    family = _technology_family(title_skills, categories)
    # the languages asked name no side here: a "Node.js Developer" asked for TypeScript writes it server-side
    asked = frozenset(s for s in required if categories.get(s) != "language")
    if family == "backend" and alone and family_from_skills(asked, categories) in ("fullstack", "frontend"):
        return "fullstack"
    return family


def _technology_family(title_skills: tuple[str, ...], categories: dict[str, str]) -> str | None:
    """The family of the first technology a title names that decides one ("Sr. Java Engineer": backend); a
    server's and a web UI's technologies together are both sides ("Node/Angular Developer": fullstack)."""
    book = role_book()
    families = [
        family
        for skill in title_skills
        if (family := book.title_skills.get(skill) or book.title_categories.get(categories.get(skill, "")))
    ]
    if "other_software" in families:
        if "frontend" not in families:
            return "other_software"  # ".NET WPF Developer", "C++/Qt developers": a desktop application's
        families = [f for f in families if f != "other_software"]  # "WPF/React Developer": the web UI's
    if "backend" in families and ("frontend" in families or _browser_language(title_skills)):
        return "fullstack"  # "Python/JavaScript Developer", "Senior JS/Ruby Developer"
    if "fullstack" in families and families[0] in ("backend", "frontend"):
        return "fullstack"  # a full-stack framework beside its language or a web UI's: "Ruby/Rails", "Angular/Rails"
    return families[0] if families else None


def _browser_language(title_skills: tuple[str, ...]) -> bool:
    """Whether a title names JavaScript or TypeScript as the browser's: not beside Node.js, which runs it
    on the server ("Node.js/JavaScript Developer")."""
    book = role_book()
    return "nodejs" not in title_skills and not book.browser_languages.isdisjoint(title_skills)


def server_side_topics(topics: tuple[str, ...]) -> frozenset[str]:
    """The topics of a posting that are a back end's work ("distributed systems", "multi-tenancy")."""
    return frozenset(topics) & role_book().server_side_topics


def side_of_the_work(role: Role, work: frozenset[str]) -> Role:
    """A role of no side, its title naming no kind and its skills none ("Senior Haskell Engineer":
    other_software), whose posting describes a back end's work, is backend (LABELING.md: engineers of
    unstated kind whose description is server-side work). Only such a role: topics are weaker evidence
    than a title or skills, and a post naming no role takes no family from its story."""
    if work and role.family == "other_software" and title_family(role.title) is None:
        return Role(role.title, "backend", role.seniority)
    return role


_FRONT = r"(?:front[- ]?end|client[- ]side|browser)"
_BACK = r"(?:back[- ]?end|server[- ]side)"
_ON_THE = r"\b(?:on|in|for) the "
# "Python on the backend, React for the front end": a stack told side by side, within one sentence
_BOTH_SIDES = re.compile(
    rf"(?i){_ON_THE}{_FRONT}\b[^.\n]{{0,80}}{_ON_THE}{_BACK}\b|{_ON_THE}{_BACK}\b[^.\n]{{0,80}}{_ON_THE}{_FRONT}\b"
)


def across_the_stack(role: Role, text: str) -> Role:
    """A posting's one role of no kind ("Software Engineer": no kind and no technology in its title) judged
    backend by its skills, where the posting tells its stack side by side ("Python on the backend, React for
    the front end", "Typescript on the frontend, Golang in the backend"), works on both: fullstack. A role
    whose title names a technology ("Go developer") keeps the side that technology gives it, and so does one
    whose kind the posting's sentences state (`role_mentions.kind_asked`: "looking for a backend engineer")."""
    if role.family != "backend" or title_family(role.title) is not None or technologies_in(role.title):
        return role
    for m in _BOTH_SIDES.finditer(text):
        # a stack names its technologies ("Python on the backend, React for the front end"); a sentence that
        # sets the sides apart does not tell one ("on the backend team, not on the frontend team")
        start, end = sentence_bounds(text, m.start(), m.end(), glued=False, reach=_STACK_REACH)
        if len(technologies_in(text[start:end])) >= 2 and not _CONTRAST.search(m.group()):
            return Role(role.title, "fullstack", role.seniority)
    return role


_STACK_REACH = 40  # characters of the sentence around the two sides read for the technologies they name
_CONTRAST = re.compile(r"(?i)\b(?:not|only|while|whereas|separately|instead|others?)\b")


def family_from_skills(skills: frozenset[str], categories: dict[str, str]) -> str:
    """Client-side and server-side skills together: fullstack; server-side alone: backend; and so on."""
    book = role_book()
    client = len(skills & book.client_side)
    mobile = len(skills & book.mobile)
    server = _server_count(skills, categories)
    # a device's buses, processors and debuggers (I2C, SPI, ARM, JTAG, RTOS): firmware, whatever scripting
    # language the team also writes
    hardware = sum(1 for s in skills if categories.get(s) == "hardware" and s not in book.not_a_device)
    # a mobile or a device posting's build and cloud tools (Jenkins, Firebase, Docker) are no server it
    # builds: against its phone's or its device's skills count the frameworks and datastores of a back end
    back_end = _server_count(skills, categories, _BACK_END_CATEGORIES) if max(mobile, hardware) >= 2 else 0
    for family, count in (("mobile", mobile), ("embedded", hardware)):
        if count >= 2 and count > client and count > back_end:
            return family
    if client and server:
        return "fullstack" if client >= 2 or client * 3 >= server else "backend"
    if server:
        return "backend"
    if client:
        return "frontend"
    return "other_software"


_BACK_END_CATEGORIES = frozenset({"datastore", "messaging", "server"})


def _server_count(
    skills: frozenset[str], categories: dict[str, str], kinds: frozenset[str] | None = None
) -> int:
    """The server-side skills, a server's runtime (Node.js: `skills.server_runtimes`) counted only where no
    other is named: it says the role has a server side and no more, so a MEAN stack's Node beside Express and
    MongoDB does not tip its Angular role from fullstack to backend."""
    return _server_side(skills - SERVER_RUNTIMES, categories, kinds) or len(skills & SERVER_RUNTIMES)


def _server_side(
    skills: frozenset[str], categories: dict[str, str], kinds: frozenset[str] | None = None
) -> int:
    book = role_book()
    kinds = book.server_side_categories if kinds is None else kinds
    return sum(
        1
        for s in skills
        if s in book.server_side or categories.get(s) in kinds or book.title_skills.get(s) == "backend"
    )
