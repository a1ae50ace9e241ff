"""The hirer no sentence introduces, read as the brand the posting keeps naming.

Where no header, sentence or signature names the hirer, a posting still writes its own name as it goes:
"iWealth's procedures", "the mission and values of iWealth"; "Sunsoil is well-capitalized … the champion
for Sunsoil's digital business". The weakest reader of all (`extract/identity.py` asks it last): a run of
capitalised words holding a word that English seldom writes (wordfreq's Zipf scale) and no English
lexicon holds (lemminflect's), named at least twice where a letter neither precedes nor follows it, used
as an organisation is at least once ("Sunsoil's", "at AdQuick", "CareOne is") and never as a product is
("Slurm experience", "knowledge of Katalon"), and no place, role, technology or acronym. A client's name
or a product the taxonomy lacks can still pass for the hirer; the first mention is the span.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache, lru_cache

from rolemap.extract.company_mentions import stands_alone
from rolemap.extract.company_names import FLAG, URL, plausible_company
from rolemap.extract.header_brackets import header_segments
from rolemap.extract.lexicon import english_word
from rolemap.extract.places import confident_place, parse_places
from rolemap.extract.roles import family_word, is_role_title, role_book, technology_names
from rolemap.extract.wordlists import load_wordlist
from rolemap.models import Span

MAX_READ = 6000  # characters read: a posting names itself early
# A word of a name: capitalised ("Sunsoil", "Inno-Pak") or a brand's inner capital ("iWealth", "eHire")
_WORD = r"(?:[A-Z][\w’'&.-]*[\w&]|[A-Z]|[a-z]{1,2}[A-Z][\w’'-]*\w)"
_NAME = re.compile(rf"(?<![\w’'.&-]){_WORD}(?:[ ](?:(?:of|and|&|the|for|on)[ ])?{_WORD}){{0,4}}")


def recurring_brand(text: str, start: int = 0) -> tuple[str, Span] | None:
    """The brand-like name the text writes most often (twice at least), the first written among equals."""
    seen: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in _NAME.finditer(text, start, min(len(text), start + MAX_READ)):
        for name in _names_in(m.group()):
            seen[name] += 1
            first.setdefault(name, m.start())
    for name in sorted(seen, key=lambda n: (-seen[n], first[n])):
        if stands_alone(text, name, 2) and _a_brand(name) and _used_as_an_organisation(text, name):
            at = first[name]
            return name, Span(at, at + len(name), name)
    return None


@lru_cache(maxsize=50_000)  # runs repeat post after post ("The", "We", "Python")
def _names_in(run: str) -> tuple[str, ...]:
    """The names a run of capitalised words offers that hold a brand's word, each starting where the run
    does: the run without a possessive, and its first word when that is the brand's: "Sunsoil’s VP" gives
    "Sunsoil’s VP" and "Sunsoil"; "The Zorblax Group" gives itself; "We", "The Team" give nothing."""
    words = [_unpossessive(w) for w in run.split(" ")]
    brand = [brand_word(w) for w in words]
    if not any(brand):
        return ()
    whole = " ".join(words)
    return (whole, words[0]) if brand[0] and len(words) > 1 else (whole,)


def _unpossessive(word: str) -> str:
    return word[:-2] if word.endswith(("’s", "'s")) else word


# A word as rare as this in English (Zipf scale: 2.5 is once in three million words) is a brand's or a
# name's: "Sunsoil", "iWealth", "Scalyr"; "Dev", "SaaS", "Bangalore", "Microsoft" are commoner
RARE = 2.5


@lru_cache(maxsize=20_000)
def brand_word(word: str) -> bool:
    """A word English seldom writes, not an acronym: "iWealth", "GlobalStake", "Sunsoil"."""
    from wordfreq import zipf_frequency  # loaded on first use (0.3 s): the reader runs when all others fail

    letters = word.replace("-", "").replace("’", "").replace("'", "")
    if len(letters) < 3 or not letters.isalpha() or word.isupper():
        return False
    if len(letters) <= 5 and sum(c.isupper() for c in letters) >= 2:
        return False  # an acronym written with a small letter: "IaaS", "CapEx"
    return not english_word(word) and zipf_frequency(word, "en") < RARE  # "Decedent" is a rare word


def _a_brand(name: str) -> bool:
    words = name.split()
    technologies = technology_names()
    if name.lower() in technologies or any(w.lower() in technologies for w in words):
        return False
    if any(family_word(w) or role_book().role_noun.fullmatch(w) for w in words):
        return False  # "Frontend", "The Helpdesk Analyst": a role's words
    return plausible_company(name) and not parse_places(name)


# How a text uses a name: an organisation's ("Sunsoil's digital business", "at AdQuick", "CareOne is",
# "the iWealth team"), a product's ("Slurm experience", "Dataverse development", "knowledge of Katalon")
_AS_AN_ORGANISATION = re.compile(
    r"(?:^|\W)(?:at|join|joining|about|with)\s+$|^(?:[’']s\b|\s+(?:is|was|has|have|are|offers|provides|"
    r"team|family|employees|mission|values|culture)\b)",
    re.I,
)
_AS_A_PRODUCT = re.compile(
    r"(?:^|\W)(?:knowledge of|in|using|with)\s+$|^\s*(?:experience|development|developer|administrat\w+|admin|"
    r"certifi\w+|knowledge|skills?|platform|suite|tools?|software|environment|implementation|modules?|"
    r"consultant|architect|engineer)\b",
    re.I,
)


def _used_as_an_organisation(text: str, name: str) -> bool:
    """Some mention of the name reads as an organisation's and none as a product's."""
    org = False
    for m in re.finditer(re.escape(name), text):
        before, after = text[max(0, m.start() - 12) : m.start()], text[m.end() : m.end() + 20]
        org_before = _AS_AN_ORGANISATION.search(before)
        if not org_before and (_AS_A_PRODUCT.search(before) or _AS_A_PRODUCT.match(after)):
            return False  # "with Acme" is either: an organisation's reading wins
        org = org or bool(org_before or _AS_AN_ORGANISATION.match(after))
    return org


# a site's address alone: its host (no "www."), then at most one path segment ("/jobs", "/careers/"); a job
# board's posting has a longer path ("indeed.com/job/senior-software-developer-…") and names no hirer
_SITE = re.compile(r"\(?\s*(?:https?://)?(?:www\.)?([\w-]+(?:\.[\w-]+)+)(?:/([^/\s)]*)/?)?\s*\)?", re.I)
# the one path segment of a site's own page, not an article's ("/jobs", "/careers.html", "/about-us#careers")
_OWN_PATH = re.compile(
    r"(?i)(?:(?:jobs?|careers?|join(?:-?us)?|hiring|about(?:-?us)?|team|company|work(?:-with-us)?|[a-z]{2})"
    r"(?:\.html?)?)?(?:#[\w-]*)?"
)
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu"})  # "astraldynamics.co.uk"
_HEADER_READ = 300  # characters of a header read for its segments, as identity._read_header reads


def named_by_its_site(text: str, start: int, end: int) -> tuple[str, Span] | None:
    """The hirer of a header that names it only by its site ("http://www.togethera.com - Remote", "SoCal or
    NYC - www.bindhq.com", "Amsterdam & SF | Full Time | On site | Famo.us"): the name the text writes for
    the site's host, its letters in order, parted by a space or a hyphen or not at all, and capitalised
    ("Togethera", "Real Python", "STEM-Premier", "PlotWatt"), outside any address; where the text writes it
    nowhere (in any case: "Ride with GPS" for ridewithgps.com is a name no reader took) and no other segment
    writes a word of the host ("Spring, Inc. | NYC | www.shopspring.com"), the site's own name as written
    ("bindhq", "Famo.us", "crowdscores" of crowdscores.co.uk: .com, .net and .org dropped, as `site_name`
    does), unless that is a technology's or a word no name is ("Socket.IO", "remote.com"). A job board's, a
    code host's or a short link's address names no hirer, nor an article's. The header is text[start:end]."""
    segments = header_segments(text[start : min(end, start + _HEADER_READ)], start)
    own_name = None
    for a, b in segments:
        segment = text[a:b]
        site = _SITE.fullmatch(segment.strip())
        if site is None or not URL.fullmatch(segment.strip()):
            continue
        labels = site.group(1).split(".")
        top = len(labels) - 1  # the top-level domain's label
        if top > 1 and labels[top - 1].lower() in _SECOND_LEVEL:
            top -= 1
        host = labels[top - 1].replace("-", "").lower() if top else ""
        if len(host) < 4 or host in _job_sites():
            continue  # "jobs.lever.co/acme", "acme.github.io": the site's, not the hirer's
        spelt = False  # a name the text writes for the host that no reader took ("Ride with GPS", "Sage")
        for m in _spelling(host).finditer(text):
            name = m.group()
            if (name[0].isupper() or name[0].isdigit()) and plausible_company(name, header=True, first=True):
                return name, Span(m.start(), m.end(), name)
            spelt = spelt or name[0].isupper() or len(name) > len(host)
        if own_name is None and not spelt and _OWN_PATH.fullmatch(site.group(2) or ""):
            at = a + segment.index(site.group(1)) + len(".".join(labels[: top - 1])) + (top > 1)
            generic = top < len(labels) - 1 or labels[top].lower() in _GENERIC
            name = labels[top - 1] if generic else f"{labels[top - 1]}.{labels[top]}"
            if _a_sites_name(name) and not _named_in_another_segment(text, segments, (a, b), host):
                own_name = name, Span(at, at + len(name), name)
    return own_name


def _a_sites_name(name: str) -> bool:
    """A site's name that can be a firm's: no technology ("Socket.IO", "Heroku") nor a word that is no
    name ("remote", "about")."""
    technologies = technology_names()
    return (
        name.lower() not in technologies
        and name.split(".")[0].lower() not in technologies
        and (plausible_company(name[0].upper() + name[1:], header=True))
    )


def _named_in_another_segment(
    text: str, segments: list[tuple[int, int]], site: tuple[int, int], host: str
) -> bool:
    """A word of another segment stands inside the host: the header names the firm there, and the host
    runs it together with more ("Spring | NYC | www.shopspring.com", "Manchester, UK. Skylab:
    studioskylab.com"). A role's, a flag's or a city's word names no firm ("Backend Engineer | Full Time |
    fullstory.com", "Denver, CO | fullcontact.com"); a small town's may ("Spring")."""
    for a, b in segments:
        if (a, b) == site or is_role_title(text[a:b]):  # "News Algorithm Developers | NewsNow.co.uk"
            continue
        for word in re.findall(r"[A-Z][A-Za-z]+", text[a:b]):
            if 3 <= len(word) < len(host) and word.lower() in host and _a_firms_word(word):
                return True
    return False


def _a_firms_word(word: str) -> bool:
    return not (confident_place(word) or parse_places(word) == [] or is_role_title(word) or FLAG.match(word))


_GENERIC = frozenset({"com", "net", "org"})  # the endings a site's name drops: `site_name`


@cache
def _job_sites() -> frozenset[str]:
    return frozenset(load_wordlist("identity")["_job_sites"])


@lru_cache(maxsize=1_000)
def _spelling(host: str) -> re.Pattern[str]:
    """A host's letters as a name writes them, never inside an address ("togethera.com", "@togethera")."""
    letters = r"[ -]?".join(re.escape(c) for c in host)
    return re.compile(rf"(?<![\w/.@-]){letters}(?![\w@-]|\.\w)", re.I)
