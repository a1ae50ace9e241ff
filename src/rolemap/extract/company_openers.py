"""The sentences in which a posting introduces its hirer, wherever in its opening part they stand: as a
kind of organisation ("Sax Alley is a Colorado based saxophone shop", "IV League is one of Southern
California's most recognized home infusion companies"), "At X," before a clause of any subject, "join X
as a …", "X, collaborating with …, is", its mission or founding ("X is on a mission to", "X was founded
as"), its team or family ("As a member of the Everise family"), what working there is ("A job at IKEA
is"), and "X reserves the right to" (read in the whole text). Each reader returns the spans where a name
stands; `company_sentences.company_in_text` weighs them by `OPENER_KINDS` beside its own kinds.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import islice

from rolemap.extract.company_mentions import stands_alone
from rolemap.extract.company_names import GLUE, NAME_AFTER, NAME_BEFORE
from rolemap.extract.lexicon import english_word
from rolemap.extract.roles import is_role_title, technology_names
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span

_SCOPE = 6000  # the opening part of a posting, where it introduces its hirer

# each reader's kind → (strength: lower wins, the name must recur, where the name stands), as
# company_sentences weighs its own kinds; each reader returns the spans where a name stands
OPENER_KINDS = {
    "at_clause": (3, False, "name"),
    "join_as": (5, False, "name"),
    "organisation": (6, False, "name"),
    "participle": (6, False, "name"),
    "story": (7, False, "name"),
    "team": (7, False, "name"),
    "work_at": (7, False, "name"),
    "reserves": (7, False, "name"),
}


def opener_readers(
    text: str, is_a: list[Span], at: Callable[[], list[Span]]
) -> dict[str, Callable[[], list[Span]]]:
    """Each kind's reader, run only when company_sentences asks for that kind (a stronger kind may have
    named the hirer already): `is_a` are the scan's "is a/an/the/one of" anchors, `at` gives where "At "
    opens a sentence (company_sentences finds both)."""
    return {
        "at_clause": lambda: at_clause_names(text, at()),
        "organisation": lambda: organisation_names(text, is_a),
        "story": lambda: story_names(text),
        "team": lambda: team_names(text),
        "work_at": lambda: work_at_names(text),
        "join_as": lambda: join_as_names(text),
        "participle": lambda: participle_names(text),
        "reserves": lambda: reserving_names(text),
    }


@lru_cache(maxsize=1)
def _organisation_kind() -> re.Pattern[str]:
    """ "is a/an/the/one of …" (the scan's anchor), then up to eight words that are no preposition and
    no sentence's end, then a noun that says what kind of organisation the subject is ("a Colorado based
    saxophone shop", "an established and dynamic full-service law firm"). A preposition ends the phrase:
    "is the first point of contact at the clinic" says nothing of what the subject is."""
    nouns = "|".join(re.escape(noun) for noun in load_wordlist("identity")["_organisation_kinds"])
    word = r"(?!(?:of|at|in|for|with|that|who|which|to|on|by|from|where|when|whose|a|an|the)\b)[\w'’&/.+-]+"
    return re.compile(rf"[ \t]*(?:{word},?[ \t]+){{0,8}}?(?i:{nouns})\b(?!['’]s?\s|-)")


_ONE_OF = re.compile(r" is one of (?!the\b)")
# "ANELLO Photonics http://www.anellophotonics.com is a …": a bare address between name and verb
_TRAILING_ADDRESS = re.compile(r"\s+(?:https?://|www\.)\S+\s*$")


def organisation_names(text: str, is_a: list[Span]) -> list[Span]:
    """The names that open a sentence and are said to be a kind of organisation ("Cyberwoven is a
    full-service web, branding and marketing firm."); `is_a` are the scan's "is a/an/the/one of" anchors.
    Not a role ("The Medical Assistant is the first contact at the clinic") or a technology ("Kafka is a
    platform used by companies")."""
    kind = _organisation_kind()
    out = []
    # the scan's anchor is "is one of the"; "IV League is one of Southern California's most recognized
    # home infusion companies" names a place or an owner after "of"
    one_of = [Span(m.start() + 1, m.end() - 1, m.group()[1:-1]) for m in _ONE_OF.finditer(text, 0, _SCOPE)]
    for anchor in sorted([*is_a, *one_of], key=lambda span: span.start):
        if anchor.start > _SCOPE:
            break
        # an organisation introduces itself with "is"; "SBA Women's Business Centers are a part of a
        # national network" describes a programme
        if not anchor.text.startswith("is") or not kind.match(text, anchor.end, anchor.end + 160):
            continue
        name = _name_opening_a_sentence(text, anchor.start)
        if name is not None:
            out.append(name)
    return out


def _name_opening_a_sentence(text: str, end: int) -> Span | None:
    """The name before `end` that opens its sentence or line, no role or technology."""
    address = _TRAILING_ADDRESS.search(text, max(0, end - 120), end)
    if address:
        end = address.start()
    name = NAME_BEFORE.search(text, max(0, end - 90), end)
    if name is None:
        return None
    start = name.start(1)
    if not _opens_a_sentence(text, start):
        # a heading or title line glued before the name: "… Los Angeles/ New YorkBent Pixels is",
        # "About us1080 Learning Center is"
        glue = GLUE.search(text, start, name.end(1))
        start = glue.start() if glue else start
        if text[start - 1 : start].isspace() or not _a_heading(text[text.rfind("\n", 0, start) + 1 : start]):
            return None
    heading = _GLUED_HEADING.match(text, start, name.end(1))
    if heading:  # "Company DescriptioniBrain Technologies is", "About SCAILSCAIL is"
        start = heading.end()
    words = text[start : name.end(1)]
    bare = words.removeprefix("The ").rstrip(",")
    last = bare.rsplit(None, 1)[-1].lower() if bare.strip() else ""
    if not bare or is_role_title(bare) or bare.lower() in technology_names() or last in _NO_NAME_ENDS:
        return None
    return Span(start, name.end(1), words)


def _a_heading(line: str) -> bool:
    """A heading or title line: a few words, each with a capital save the small ones ("About us"), or a
    separator; no clause ends in it ("Founded in 2005, Dev…")."""
    words = line.split()
    return 0 < len(words) <= 8 and all(
        (word[:1].isupper() or word in _HEADING_SMALL_WORDS) and not word.endswith(",") for word in words
    )


_HEADING_SMALL_WORDS = frozenset(
    ("a", "an", "the", "of", "for", "and", "in", "at", "to", "us", "-", "–", "|", "/")
)


# a heading a board glued to the name after it
_GLUED_HEADING = re.compile(
    r"(?:(?:Company|Job|Role|Position)\s+)?(?:Description|Overview|Summary|Profile)|About(?:\s+Us)?[ \t]*"
    r"(?=\S)(?!is\b)"
)
# "Ours is a developer-led company", "* Treasury Accounting What is the ideal company": a pronoun or a
# question, no name
_NO_NAME_ENDS = frozenset(
    ("ours", "theirs", "yours", "mine", "what", "who", "which", "how", "why", "where", "when")
)


_SENTENCE_BEFORE = re.compile(r"(?:^|[\n.!?:•·*])[ \t\"“'‘(]*$")


def _opens_a_sentence(text: str, start: int) -> bool:
    """Whether text[start] opens a sentence or a line (a title's end, a heading's colon or a list's
    bullet are a line's start too)."""
    return start > 0 and bool(_SENTENCE_BEFORE.search(text, max(0, start - 10), start))


# "At Service Minds, service reigns supreme.", "At Sunrun, the future starts today!", "At InRhythm, You
# Will …": "At X," then a clause of any subject ("At X, we" is company_sentences' own kind)
_CLAUSE_AFTER = re.compile(r",\s+(?:[a-z]|(?:We|Our|You)\b)")


def at_clause_names(text: str, at: list[Span]) -> list[Span]:
    """The names after "At" (the anchors `at`, a sentence's start) that a clause of any subject follows.
    Without "we" the words may be a phrase's ("At Times, the role …", "At Minimum, candidates …"): a
    name of English words only counts where it has more than one and stands again in the text."""
    out = []
    for anchor in at:
        comma = text.find(",", anchor.end, anchor.end + 80)  # no clause, no name to read
        if comma == -1 or not _CLAUSE_AFTER.match(text, comma):
            continue
        name = NAME_AFTER.match(text, anchor.end)
        if name is not None and _CLAUSE_AFTER.match(text, name.end()) and (span := _proven(text, name)):
            out.append(span)
    return out


def _proven(text: str, name: re.Match[str]) -> Span | None:
    """The name a reader's pattern read (its group 1), unless it is _unproven."""
    words = name.group(1)
    return None if _unproven(words, text, name.end()) else Span(name.start(1), name.end(1), words)


def _unproven(name: str, text: str, after: int, before: int | None = None) -> bool:
    """A name of English words only ("Fortune Companies", "The Program") is the hirer's only where it has
    more than one word and stands again in the text: after `after` (and before `before`, when given)."""
    if not _english_only(name):
        return False
    return " " not in name or not stands_alone(
        (text[:before] if before is not None else "") + text[after:], name
    )


def _english_only(name: str) -> bool:
    return all(english_word(word) for word in name.split() if word != "&")


# "Swipeclock is on a mission to make …", "Steelcase was founded as an office furniture maker": the
# organisation's own story, told of the name that opens the sentence
_ITS_STORY = re.compile(r"[ \t](?:is on a mission|was (?:founded|established|started))\b")


def story_names(text: str) -> list[Span]:
    """The names that open a sentence saying the organisation's mission or founding. "The Program was
    established in 2010" is no name: English words only count where there are more than one and they
    stand again in the text."""
    out = []
    for story in _ITS_STORY.finditer(text, 0, _SCOPE):
        name = _name_opening_a_sentence(text, story.start())
        if name is None:
            continue
        words = name.text.removeprefix("The ")
        if _unproven(words, text, name.end):
            continue
        out.append(name)
    return out


# "As a member of the Everise family", "join the Acme team", "The Terra Forza Golf team is growing!",
# "The Mailprotector team provides …": the team or family one is part of, or that opens a sentence, is the
# hirer's ("Support the Tech team", "with the Evidence Lab team" name a unit)
_TEAM_WORD = re.compile(r" (?:[Tt]eam|[Ff]amily)\b")  # found first: a pattern that opens with the
# words before it would be tried at every character of the text
_ITS_TEAM = re.compile(
    r"(?:\b(?:[Mm]embers? of|[Pp]art of|[Jj]oin(?:ing)?) the |(?:^|(?<=[\n.!?:]))[ \t]*The )"
    r"((?:[A-Z0-9][\w&.'’+-]*[ ]){0,3}[A-Z0-9][\w&.'’+-]*)$",
    re.M,
)


def team_names(text: str) -> list[Span]:
    """The names before "team" or "family" after "the". A department is named so too ("the Data Science
    team", "the HR team", "the AWS team"): the name must hold a word that is no English one, be no
    technology, role or acronym of a few capitals, and stand again in the text."""
    out = []
    for noun in _TEAM_WORD.finditer(text, 0, _SCOPE):
        team = _ITS_TEAM.search(text, max(0, noun.start() - 80), noun.start())
        if team is None:
            continue
        words = team.group(1)
        start = team.start(1)
        if (
            _english_only(words)
            or (len(words) <= 4 and words.isupper())
            or is_role_title(words)
            or words.lower() in technology_names()
            or not stands_alone(text[: team.start()] + text[noun.end() :], words)
        ):
            continue
        out.append(Span(start, start + len(words), words))
    return out


# "A job at IKEA is so much more …", "Working for The Uncommon Thread has so many benefits!", "Benefits of
# working at Cox may include …": what working at the hirer is or gives
_AT_OR_FOR = re.compile(r" (?:at|for) (?=[A-Z0-9])")  # found first, then the words before it
_WORK_BEFORE = re.compile(r"\b(?:[Ww]orking|[Ww]ork|[Aa] (?:job|career)|[Cc]areers?|[Ll]ife)$")
_WORK_AT_VERB = re.compile(r"(?:\s+(?:is|has|means|offers|gives|provides|may|includes?)\b|\s*[?!:])")


def work_at_names(text: str) -> list[Span]:
    """The names after "working at/for", "a job at" that what follows tells of ("is", "has", "offers",
    "may include", a question or an exclamation, a heading's colon); English words only count where
    there are more than one and they stand again ("Working for Fortune 500 Companies is" names no one)."""
    out = []
    for work in _AT_OR_FOR.finditer(text, 0, _SCOPE):
        before = _WORK_BEFORE.search(text, max(0, work.start() - 10), work.start())
        if not before:
            continue
        name = NAME_AFTER.match(text, work.end())
        verb = _WORK_AT_VERB.match(text, name.end()) if name else None
        # a colon ends a heading ("Benefits of Working at Belfort Group:"), not a line of a list
        # ("Experience working at Acme: 3 years")
        if name is None or verb is None or (verb.group().endswith(":") and before.group().islower()):
            continue
        words = name.group(1)
        bare = words.removeprefix("The ")
        if _unproven(bare, text, name.end()):
            continue
        out.append(Span(name.start(1), name.end(1), words))
    return out


# "Seeking a Psychologist to join INSPIRE Psychological Wellness as a part-time contractor!", "Join Acme
# as our next Controller": the hirer one joins in a role
_JOIN = re.compile(r"\b[Jj]oin (?=[A-Z0-9])")
_AS_A_ROLE = re.compile(r"\s+as\s+(?:an?|the|our|its)\s")


def join_as_names(text: str) -> list[Span]:
    """The names after "join" that "as a/an/the/our <role>" follows; English words only count where there
    are more than one and they stand again ("Join Forces as a team" names no one)."""
    out = []
    for join in _JOIN.finditer(text, 0, _SCOPE):
        name = NAME_AFTER.match(text, join.end())
        if name is not None and _AS_A_ROLE.match(text, name.end()) and (span := _proven(text, name)):
            out.append(span)
    return out


# "Optomi, collaborating with an innovative provider of packaging solutions, is in search of …", "The
# University of Tehran, established over seven centuries ago, is …": a name that opens a sentence, what
# it is doing or what was done to it between commas, then its verb
_DOING = re.compile(
    r",[ \t]+([a-z]+ing|established|founded|headquartered|based|located|recogni[sz]ed|ranked|named|known"
    r"|owned)\b"
    r"[^,.;:!?\n]{2,100},[ \t]+(?:is|has|was)\b"
)  # what was done to an organisation, not to a product ("X Matrix, used for corneal defects, has")


def participle_names(text: str) -> list[Span]:
    """The names before ", <verb>ing …, is|has|was" that open their sentence ("Additionally, working
    with …, is" has no name; a word in "-ing" that is no verb, "Wedding", is passed over)."""
    out = []
    for doing in _DOING.finditer(text, 0, _SCOPE):
        if not _a_verb(doing.group(1)):
            continue
        name = _name_opening_a_sentence(text, doing.start())
        if name is not None and not (" " not in name.text and _english_only(name.text)):
            out.append(name)  # one English word is an adverb's or a phrase's ("Additionally", "Today")
    return out


def _a_verb(word: str) -> bool:
    from lemminflect import getAllLemmas  # loaded on first use, as company_sentences does

    return "VERB" in getAllLemmas(word)


# "… New Horizon Academy reserves the right to modify, add, or remove duties": the employer's clause, which
# closes many postings, so it is read in the whole text
_RESERVES = re.compile(r" reserves the right\b")


def reserving_names(text: str) -> list[Span]:
    """The names before "reserves the right"; English words only count where there are more than one
    and they stand again ("Management reserves the right" names no one)."""
    out = []
    for clause in islice(_RESERVES.finditer(text), 5):  # a posting says it once or twice
        name = NAME_BEFORE.search(text, max(0, clause.start() - 90), clause.start())
        if name is None:
            continue
        words = name.group(1)
        bare = words.removeprefix("The ")
        if _unproven(bare, text, name.end(1), before=name.start(1)):
            continue
        out.append(Span(name.start(1), name.end(1), words))
    return out
