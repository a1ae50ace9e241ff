"""A skill's name found in a text that names another thing there (extract/skill_matching.py asks last, of
every hit it keeps): a town followed by its region ("Phoenix, AZ"), a site named as a page to send or see
("your GitHub"), an investor ("Spark Capital"), a currency's code beside an amount ("80-110k CAD"), an
acronym the text spells out as another thing (extract/skill_acronyms.py), a firm in a list of firms
(extract/skill_firms.py)."""

from __future__ import annotations

import re
from functools import cache

from rolemap.extract.gazetteer import gazetteer
from rolemap.extract.places import city_in
from rolemap.extract.skill_acronyms import defined_as_another
from rolemap.extract.skill_firms import named_among_firms
from rolemap.extract.taxonomy import Match
from rolemap.extract.wordlists import load_wordlist


def another_things_name(text: str, m: Match) -> bool:
    return (
        (m.skill.site and _a_profile(text, m.start, m.end))
        or _a_city(text, m.start, m.end)
        or _AN_INVESTOR.match(text, m.end) is not None
        or _a_currency(text, m.start, m.end)
        or defined_as_another(text, m.start, m.end, m.skill)  # "Application Development Framework (ADF)"
        or named_among_firms(text, m.start)  # "clients (Verizon, PayPal)", "funded by … and OpenView"
    )


# a name an investor bears: "backed by Spark Capital", "Salesforce Ventures", "Mithril Capital"
_AN_INVESTOR = re.compile(r"[ ](?:Capital|Ventures|Venture (?:Partners|Capital))\b")
# An amount just before a currency's code ("100k-120k CAD", "$70k-$90k (CAD)", "$105,000/yr CAD") or just after it
# ("CAD 120,000", "CAD$90k"): the code is the money's, not a technology (CAD, the design software)
# money's shape: a currency sign, thousands written with commas, or "k" ("$70k", "120,000", "110k"; not a
# version, a count or a section: "NX 12 CAD", "2 CAD designers", "4.2 (CAD)")
_MONEY = r"(?:[$€£]\s?\d(?:[\d,.]*\d)?\s?[kK]?|\d{1,3}(?:,\d{3})+(?:\.\d\d)?|\d+(?:\.\d+)?\s?[kK])"
_AMOUNT_BEFORE = re.compile(rf"{_MONEY}(?:\s?/\s?(?:yr|year|annum|month|hour|hr))?\s?\(?\Z")
_AMOUNT_AFTER = re.compile(rf"\s?\$|\s?{_MONEY}(?![\w+])")


@cache
def _currency_codes() -> frozenset[str]:
    return frozenset(load_wordlist("currencies")["codes"])


def _a_currency(text: str, start: int, end: int) -> bool:
    if text[start:end] not in _currency_codes():
        return False
    return bool(_AMOUNT_BEFORE.search(text, max(0, start - 20), start) or _AMOUNT_AFTER.match(text, end))


# A region or country after a name: "Phoenix, AZ", "Aurora, Colorado", "Cairo Egypt"
_REGION_AFTER = re.compile(r",?[ \t]+([A-Z][A-Za-z.]*(?:[ \t][A-Z][a-z]+)?)")


def _a_city(text: str, start: int, end: int) -> bool:
    """A technology's name that is a town's, followed by that town's region or country, is the town ("in
    Phoenix, AZ", "Spring, TX", "Cypress, CA"; not "Spring Boot", "Phoenix LiveView")."""
    name = text[start:end]
    if not gazetteer().towns(name.lower()):  # a few names of the taxonomy are towns': asked first
        return False
    after = _REGION_AFTER.match(text, end)
    if after is None:
        return False
    where = after.group(1)  # "AZ", "New Mexico", "Egypt. We": its first word or its two
    return any(
        city_in(name, w) is not None
        for w in dict.fromkeys(w.rstrip(".") for w in (where, where.split()[0]))
        # a region's code or a country's name: two capitals after a name are as often a word ("Aurora, IT
        # security" is no Italy)
        if len(w) > 2 or gazetteer().region(w)
    )


# "send your GitHub", "your resume/github account", "GitHub or StackOverflow profile", "github & linkedin
# links": a site named as the applicant's (or the firm's) page on it is a link to send or see, not a skill
_PROFILE_AFTER = re.compile(
    r"(?i)(?:[ ]?(?:[/&]|or|and)[ ]?[\w.]+)?[ ](?:profiles?|accounts?|handles?|usernames?|user ?names?|links?"
    r"|urls?|pages?|ids?)\b"
)
# "a github repo you are proud of", "our public GitHub repositories", "GitHub Repos: https://…": a repository to
# see, not the tool ("managing GitHub repositories" is the tool)
_REPO_AFTER = re.compile(r"(?i)[ ](?:repos?|repositories|projects?)\b(?P<label>[ \t]*:)?")
_REPO_BEFORE = re.compile(r"(?i)\b(?:a|an|this|public|personal|active|own|open[- ]source|good)[ ]$")
_YOUR_BEFORE = re.compile(r"(?i)\b(?:your|my|our)[ ](?:[\w.]+[ ]?[/,&][ ]?){0,3}$")
# "a link to your profiles (github etc)", "Profiles: GitHub": the page is named first
_PROFILE_BEFORE = re.compile(r"(?i)\bprofiles?[ ]?[(:][ ]?$")
# "think GitHub for construction", "a Github for data science": a likeness
_LIKENED = re.compile(r"(?i)\b(?:think|a|an)[ ]$")
_LIKENED_AFTER = re.compile(r"[ ](?:for|of)[ ]")


# the site's own address right after its name: "GITHUB: https://github.com/sourcefabric", "open-source repos
# on github (https://github.com/mdsol/)": a link to the firm's page
_LINK_AFTER = re.compile(r"[ \t]*[:(–—-]?[ \t]*(?:https?://|www\.)")
# what an applicant sends, named in the same sentence: "Send resume, github, open source", "Email a CV and
# GitHub or portfolio", "links to GitHub repo / LinkedIn": the site is the applicant's page, a link to send
_APPLICATION = re.compile(
    r"(?i)\b(?:cv|cvs|resumes?|résumés?|portfolios?|linkedin|cover letters?|links to|online presence)\b"
)
# where a sentence ends: a stop before a space, or a line break (the stop itself is the match)
SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")


def _a_profile(text: str, start: int, end: int) -> bool:
    """A site named as a page to send or see (a profile, a repository, a link), or as a likeness."""
    if _PROFILE_AFTER.match(text, end, end + 40) or _YOUR_BEFORE.search(text, max(0, start - 40), start):
        return True
    if _PROFILE_BEFORE.search(text, max(0, start - 12), start):
        return True
    if _LIKENED.search(text, max(0, start - 6), start) and _LIKENED_AFTER.match(text, end):
        return True
    repo = _REPO_AFTER.match(text, end)
    if repo and (repo.group("label") or _REPO_BEFORE.search(text, max(0, start - 14), start)):
        return True
    if _LINK_AFTER.match(text, end):
        return True
    left = max(0, start - 60)
    edges = [m.end() for m in SENTENCE_END.finditer(text, left, start)]
    stop = SENTENCE_END.search(text, end, end + 60)
    return (
        _APPLICATION.search(text, edges[-1] if edges else left, stop.start() if stop else end + 60)
        is not None
    )
