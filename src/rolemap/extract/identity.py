"""Who hires and for what title: the header of a posting read segment by segment; the company named in its
text is `company_sentences.py`'s.

A header is the first line of a posting with no title of its own (Hacker News: `Acme | Senior Backend
Engineer | Berlin | REMOTE | https://acme.io`), or the title line itself. Each segment is read for what it
is — a URL or e-mail, a work-model / employment / visa flag, pay, a place (the gazetteer says so), a role
(it ends in or holds a role noun) — and only a segment that is none of these can be the company. Without a
header, the company comes from the sentences that name a hirer ("Acme is hiring", "At Acme, we",
"Company: Acme", "About Acme", "Acme is an equal opportunity employer"). A reader that is not sure leaves
the field empty: a city is never a company, a URL never a title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import chain

from rolemap.extract.company_acronyms import in_full, spelled_out
from rolemap.extract.company_brands import named_by_its_site, recurring_brand
from rolemap.extract.company_mentions import spelt_by_an_address, stands_alone
from rolemap.extract.company_names import (
    FIRM_ENDING,
    FLAG,
    PAY_SUM,
    URL,
    YC_BATCH,
    clean_company,
    is_role_name,
    legal_forms_pattern,
    plausible_company,
    site_name,
    without_opener,
)
from rolemap.extract.company_sentences import company_in_text
from rolemap.extract.header_brackets import (
    BRACKETED,
    flag_brackets,
    flags_set_apart,
    header_segments,
    places_among_flags,
    sentences_of_places,
)
from rolemap.extract.header_lines import (
    comma_header,
    comma_header_then_a_sentence,
    glued_header_end,
    hiring_sentence,
    name_line,
    name_then_rest,
    urls_out,
    without_urls,
)
from rolemap.extract.place_mentions import (
    cue_openers,
    cue_values,
    our_sites,
    places_in_text,
    remote_countries,
)
from rolemap.extract.places import as_city_state, confident_place, parse_places, starts_with_a_city
from rolemap.extract.role_split import split_roles
from rolemap.extract.roles import is_role_title, technology_names, title_family
from rolemap.models import Location, Span


@dataclass
class Identity:
    company: str | None = None
    company_span: Span | None = None
    title: str | None = None
    title_span: Span | None = None
    titles: list[tuple[str, Span]] = field(default_factory=list)  # each role segment of the header
    places: list[tuple[Location, Span]] = field(default_factory=list)


def read_identity(text: str, anchors: dict[str, list[Span]] | None = None) -> Identity:
    """Company, title and header places of a document (title + "\\n" + description); `anchors` are the
    document scan's hits of the word list "identity" (key → spans)."""
    out = Identity()
    has_title = not text.startswith("\n")
    line_start = 0 if has_title else 1
    while not has_title and (rule := _RULE_LINE.match(text, line_start)):
        line_start = rule.end()  # "------\nNew York, NY | Good Uncle | …": the header below the rule
    line_end = text.find("\n", line_start)
    line_end = len(text) if line_end == -1 else line_end
    header_end = line_end if has_title else glued_header_end(text, line_start, line_end)
    _read_header(text, line_start, header_end, out, company_allowed=not has_title)
    if out.company is None and not has_title and line_end < len(text):
        _second_header(text, line_end + 1, out)
    elif _opens_the_line(out.company_span, text, line_start, line_end):
        _repeated_headers(text, line_end, out)
    site = out.company if out.company and _DOMAIN.fullmatch(out.company_span.text.strip()) else None  # type: ignore[union-attr]
    if out.company and _a_town(out.company):
        # "South Lake Tahoe (Zephyr Cove, NV)" over "Informa Investment Solutions, Inc. is seeking": a header
        # "name" the gazetteer knows as a town gives way to the hirer a sentence names, unless the sentence
        # names it too ("ARTA | Head of Engineering" … "ARTA Shipping, Inc. … is looking for")
        found = company_in_text(text, anchors or {})
        if found and not _squashed(found[0]).startswith(_squashed(out.company)):
            out.company, out.company_span = found
    if out.company is None or site:
        found = company_in_text(text, anchors or {}) or (None if site else recurring_brand(text))
        # a header's bare domain gives way to the name the text writes for it ("www.phasefour.io" → Phase Four)
        if found and (site is None or _squashed(site).startswith(_squashed(found[0]))):
            out.company, out.company_span = found
            # a sentence's initials, spelt out where the text does ("SGA is searching" → "Software Guidance &
            # Assistance"); a header's name is the one the poster chose ("NPR | Boston")
            if full := spelled_out(text, found[0]):
                out.company, out.company_span = (full[0], full[1]) if full[0] else (None, None)
            elif longer := in_full(text, found[0]):
                out.company, out.company_span = longer
    if out.company is None and not has_title:  # "http://www.togethera.com - Remote": the name the text writes
        out.company, out.company_span = named_by_its_site(text, line_start, header_end) or (None, None)
    return out


def _a_town(name: str) -> bool:
    places = parse_places(name)
    return bool(places) and all(place.city for place in places)  # type: ignore[union-attr]


def _squashed(name: str) -> str:
    return re.sub(r"[\W_]", "", re.sub(r"\.[a-z]{2,6}$", "", name)).lower()


def _read_header(text: str, start: int, end: int, out: Identity, company_allowed: bool) -> None:
    line = text[start:end]
    if len(line) > 300:
        return
    line, apart = flags_set_apart(line)
    segments = header_segments(line, start)
    named_alone = False  # a first line that is only a name: "42Floors (http://42floors.com/)"
    if not company_allowed and len(segments) < 2:
        hiring = hiring_sentence(line, start)  # a title "Justin.tv is looking for a Lead Flash Engineer!"
        if len(hiring) > 1 and is_role_title(text[hiring[1][0] : hiring[1][1]]):
            segments, company_allowed, named_alone = hiring, True, True
    elif company_allowed and len(segments) < 2:
        hiring = (
            hiring_sentence(line, start)
            or comma_header(line, start)
            or name_then_rest(line, start)
            or comma_header_then_a_sentence(text, line, start)
        )
        named_alone = bool(hiring) or name_line(text, line, end)
        segments = hiring or segments
    named_slot = None  # the hirer's own slot after "<role> at": a brand may be written lower-case there
    if company_allowed:
        segments, named_slot = _role_at_name(text, segments)
    # the words of brackets set apart ("[Chicago, IL]", "[LOCAL | RELOCATE OK]") are read last, as places
    # and flags: they take no segment's slot
    own = len(segments)  # the header's own segments, before the brackets' words
    segments = [
        *segments,
        *(part for a, b in apart for part in header_segments(text[start + a : start + b], start + a)),
    ]
    kept: list[tuple[int, int]] = []
    unread = False  # a segment before was none of name, place, role, flag, pay or address
    for n, (seg_start, seg_end) in enumerate(segments):
        raw = text[seg_start:seg_end]
        unbatched = YC_BATCH.sub(" ", raw).strip()  # "ReadMe.io (YC W15)" is named by its domain too
        bare = without_urls(unbatched)
        domain = None
        if n <= 1 and company_allowed and not bare and _DOMAIN.fullmatch(unbatched):
            bare = _DOMAIN.fullmatch(unbatched).group(1)  # type: ignore[union-attr]  # "Clay.io - San Francisco"
            domain = site_name(bare)
        if not bare or _flags_only(bare) or (PAY_SUM.search(bare) and not is_role_title(bare)):
            continue
        # The hirer stands first (or second, after a place or a role): "Acme | Berlin", "Berlin | Acme";
        # later only after places, roles and flags alone ("San Francisco | Senior Engineers | Tubi TV"),
        # and there no small town, product or technology is the hirer
        late = n > 1 and (seg_start, seg_end) != named_slot
        slot = not late or not unread
        may_name = company_allowed and out.company is None and slot and (own > 1 or named_alone)
        placed = _place_part(raw)
        name_first = may_name and n == 0 and ", " in bare and not confident_place(bare)
        if name_first and _name_then_places(bare, seg_start, out, text):
            continue
        role = is_role_title(bare)
        role_outside_brackets = role and is_role_title(BRACKETED.sub(" ", placed))
        # a role noun only in brackets of flags is one ("The Climate Corporation (San Francisco, INTERN/H1B)")
        role = role and (role_outside_brackets or not flag_brackets(placed))
        if role and (len(bare.split()) <= 10 or _list_of_roles(bare)) and not (may_name and _is_a_name(bare)):
            # "San Francisco (H1B, INTERN)": a place, its flags in brackets ("INTERN" is a role noun)
            if confident_place(placed) and not role_outside_brackets:
                out.places.extend((p, Span(seg_start, seg_end, raw)) for p in parse_places(placed) or ())
                continue
            closed = bare + ")" * (bare.count("(") - bare.count(")"))  # "Developer (iOS and/or Android)"
            out.titles.append((closed, Span(seg_start, seg_end, raw)))
            kept.append((seg_start, seg_end))
            continue
        places = parse_places(placed)
        if places is None and ". " in placed:
            places = sentences_of_places(placed)  # "SINGAPORE. FULL-TIME.", "NYC. Dublin. Limerick. VISA."
        named_next = n == 0 and own > 1 and _names_next(text, segments[1])
        unsure = (
            may_name and not late and not confident_place(bare) and not named_next
        )  # "Nava"; "Palo Alto - IDEO"
        if unsure and places and URL.search(line) and _listed_with_a_place(text, segments, n):
            # "West Hollywood / Los Angeles, CA - www.universalpoints.com": places listed, the hirer named by
            # its address ("Nava / Washington, DC | Software Engineer" is Nava)
            unsure = False
        if places is not None and (places or _looks_like_place(bare)) and not unsure:
            out.places.extend((p, Span(seg_start, seg_end, raw)) for p in places)
            continue
        if may_name:
            company = clean_company(raw) or domain
            if company and n == 0:
                company = without_opener(company, text[seg_end:])  # "At Cruise (San Francisco), we're"
            if company and n > 0 and starts_with_a_city(company):
                company = None  # "Digital Marketing Assistant | London Gatwick"
            # after a place or a role a product's name in the second segment is its maker's ("SF - CoreOS")
            maker = n == 0 or (bool(out.places or out.titles) and not late)
            own_slot = n == 0 or (seg_start, seg_end) == named_slot
            if company and late and not _named_elsewhere(text, company, seg_end):
                company = None
            # a firm named like a technology is named so by its own address ("Assembly (https://assemblymade…")
            own_site = n == 0 and bool(company) and spelt_by_an_address(line, company or "", opens=True)
            if company and (
                plausible_company(company, header=True, first=own_slot, maker_slot=maker)
                or (own_site and plausible_company(company, first=True))
            ):
                out.company, out.company_span = company, Span(seg_start, seg_end, raw)
                # "Acme (San Francisco, Seattle, INTERN/H1B)": where the hirer hires, among its flags
                out.places.extend(
                    (p, Span(seg_start, seg_end, raw)) for p in places_among_flags(placed, company)
                )
                continue
            if places:
                out.places.extend((p, Span(seg_start, seg_end, raw)) for p in places)
                continue
        unread = True
        if not company_allowed:
            kept.append((seg_start, seg_end))  # "Senior Back End Developer - Python, Big Data Processing"
    if company_allowed and out.company is None:
        _name_by_its_address(text, segments, out)
    if kept:
        first, last = kept[0][0], kept[-1][1]
        out.title = " ".join(text[first:last].split())
        out.title_span = Span(first, last, text[first:last])
    elif not company_allowed and line.strip():
        out.title, out.title_span = line.strip(), Span(start, end, line)


_DOMAIN = re.compile(r"(?:www\.)?([\w-]+\.[a-z]{2,6})")  # the hirer named by its domain
_RULE_LINE = re.compile(r"[ \t]*[-=_*~#.]{3,}[ \t]*\n")  # a line drawn of dashes
_HEADER_MARK = re.compile(r"\|| - | // | – | — ")
_FIELD_LABEL = re.compile(r"\s*[\w ?/&]{1,30}:\s")  # "Title: …", "Relocation?: Yes - …"


def _second_header(text: str, start: int, out: Identity) -> None:
    """A post whose first line names no hirer may carry its header on the second ("Chicago - ideal role
    for a developer who is also a musician" / "Reverb.com // Marketplace for musicians // http://…"): a
    line of two or more segments whose first names the hirer. Only its company is taken."""
    end = text.find("\n", start)
    end = len(text) if end == -1 else end
    line = text[start:end]
    # a header's separators, not a field's colon ("Title: …", "Contact: …") nor a bullet ("- Evanston, IL")
    if (
        len(line) > 200
        or not (_HEADER_MARK.search(line) or URL.search(line))  # "Social Print Studio http://…"
        or line.lstrip().startswith(("-", "*", "•"))
        or _FIELD_LABEL.match(line)
    ):
        return
    second = Identity()
    _read_header(text, start, end, second, company_allowed=True)
    # a header names where or what beside the hirer: a place, a role or its address ("Tech Stack -
    # Python | Django", "Compensation - $120k" are no header)
    if not (second.places or second.titles or URL.search(line)):
        return
    if second.company and _opens_the_line(second.company_span, text, start, end):
        out.company, out.company_span = second.company, second.company_span


def _opens_the_line(span: Span | None, text: str, start: int, end: int) -> bool:
    """Whether the span (a header's hirer) stands first on the line text[start:end]."""
    line = text[start:end]
    return span is not None and span.start == start + len(line) - len(line.lstrip())


_REPEAT_REACH = 3000  # characters after the header a repeat of it is looked for in


def _repeated_headers(text: str, start: int, out: Identity) -> None:
    """A post with one header line per opening ("OANDA | Python Developer | Toronto | https://…" under
    "OANDA | Software Developer | Toronto"): each line that opens with the header's hirer and a header's
    separator adds its roles."""
    name = out.company_span.text.strip() if out.company_span else ""
    reach = min(len(text), start + _REPEAT_REACH)
    at = text.find(name, start, reach) if name else -1
    while at != -1:
        line_start = text.rfind("\n", 0, at) + 1
        if not text[line_start:at].strip(" \t") and _A_HEADER_SEPARATOR.match(text, at + len(name)):
            line_end = text.find("\n", at)
            again = Identity()
            _read_header(
                text, line_start, len(text) if line_end == -1 else line_end, again, company_allowed=True
            )
            if again.company == out.company:  # each opening's roles and places of work
                out.titles += again.titles
                out.places += again.places
        at = text.find(name, at + len(name), reach)


_A_HEADER_SEPARATOR = re.compile(r"[ \t]*\|")


def _listed_with_a_place(text: str, segments: list[tuple[int, int]], n: int) -> bool:
    """Whether segment n and the next are joined by a slash and the next can only be a place."""
    if n + 1 >= len(segments):
        return False
    (_, end), (start, stop) = segments[n], segments[n + 1]
    return "/" in text[end:start] and confident_place(text[start:stop])


def _named_elsewhere(text: str, name: str, end: int) -> bool:
    """A late header segment names the hirer when the post names it again or its address spells it, and
    it names no technology ("Python/Django, Javascript")."""
    if any(technology_names().get(part.lower()) for part in re.split(r"[/,&]|\s+and\s+|\s+", name) if part):
        return False
    return stands_alone(text[end:], name) or spelt_by_an_address(text, name)


def _name_by_its_address(text: str, segments: list[tuple[int, int]], out: Identity) -> None:
    """A header's segment in any slot that names the hirer beside the address spelling it ("East London,
    UK • ONSITE • Front-End Developer • POWSTER (http://www.powster.com)")."""
    for start, end in segments:
        raw = text[start:end]
        name = clean_company(raw) if URL.search(raw) else None
        if name and spelt_by_an_address(raw, name) and plausible_company(name, header=True, first=True):
            out.company, out.company_span = name, Span(start, end, raw)
            return


def _place_part(raw: str) -> str:
    """A header segment as a place is read: `without_urls`, but a bracket that closes a note stays with it
    ("San Francisco (Market St.)", "Asana - San Francisco (H1B, INTERN)"), so the note is read as one."""
    bare = urls_out(raw).strip(" ,.;:!")
    while bare[:1] in ("(", "[") and _unclosed(bare, bare[0]):
        bare = bare[1:].strip(" ,.;:!")  # "(http://acme.com)" less its address
    while bare[-1:] in (")", "]") and _unclosed(bare, bare[-1]):
        bare = bare[:-1].strip(" ,.;:!")
    if bare[:1] + bare[-1:] in ("()", "[]") and bare.count(bare[0]) == 1:
        bare = bare[1:-1].strip(" ,.;:!")  # a segment wholly in brackets: "[REMOTE]", "(YC S15)"
    return bare


def _unclosed(text: str, mark: str) -> bool:
    """The bracket `mark` has no partner in text: more of it than of its pair."""
    pair = {"(": ")", "[": "]", ")": "(", "]": "["}[mark]
    return text.count(mark) > text.count(pair)


def _names_next(text: str, segment: tuple[int, int]) -> bool:
    """The segment after a small town's name is the hirer ("Palo Alto - IDEO Digital Shop - …")."""
    raw = text[segment[0] : segment[1]]
    bare = without_urls(raw)
    if not bare or FLAG.match(bare) or is_role_title(bare) or parse_places(bare) is not None:
        return False
    company = clean_company(raw)
    return bool(company and plausible_company(company, header=True, first=True))


def _flags_only(bare: str) -> bool:
    """A segment of flags, or of flags in a sentence's joining words ("H1B, FULL-TIME, and INTERN are all
    welcome", "INTERNS may also be welcome, VISA sponsor"): no role, however its "INTERN" reads."""
    if FLAG.match(bare):
        return True
    filler = _FLAG_FILLER.sub(" ", bare) if len(bare) < _FLAG_SENTENCE_CHARS else bare
    return filler != bare and FLAG.match(filler) is not None


_FLAG_SENTENCE_CHARS = 80  # a longer segment is a sentence of its own, no list of flags
_FLAG_FILLER = re.compile(
    r"(?i)\b(?:and|or|are|is|all|also|may|be|welcome|considered|accepted|possible|too|both|available|sponsor)\b"
)


def _list_of_roles(bare: str) -> bool:
    """A long segment that lists roles, each a title of its own ("UI / Front-end Architect, Full-Stack
    Developer, Sr. Data Scientist, QA Engineer, Product Manager"), not a sentence that names one."""
    # flags in brackets are none of its roles: "…, Senior Graphics Engineer, other roles (ONSITE/REMOTE)"
    parts = split_roles(_BRACKET.sub(lambda b: "" if _flags_only(b.group(1)) else b.group(), bare))
    # each a title, not a sentence's piece: "… and a CTO. Remote OK"
    return len(parts) > 1 and all(
        len(p.split()) <= _LISTED_TITLE_WORDS
        and p.count("(") == p.count(")")
        and _SENTENCE_STOP.search(p) is None
        and is_role_title(p)
        for p in parts
    )


_LISTED_TITLE_WORDS = 6
_BRACKET = re.compile(r"\s*\(([^()]*)(?:\)|$)")  # closed, or cut off by the segment's end
_SENTENCE_STOP = re.compile(r"(?<![A-Z][a-z])\.\s")  # "a CTO. Remote OK"; not "Sr. Data Scientist"


def _is_a_name(bare: str) -> bool:
    """ "Giving Assistant", "Genius Developers": a first segment with a role noun that is still a name
    (no seniority or family word, and not "Software Engineer"); or a firm's legal name ("Timing-Architects
    Embedded Systems GmbH")."""
    legal = _ENDS_IN_LEGAL_FORM.search(bare)
    # "Nutonian Inc. (INTERN POSITIONS OPEN)"; not "Senior Software Engineer, Acme Inc", a role then its hirer
    return (
        (legal is not None and "," not in bare[: legal.start()])
        or FIRM_ENDING.search(bare) is not None
        or (
            not is_role_name(bare)
            and not title_family(bare)
            and bool(re.fullmatch(r"[A-Z][\w&.'-]*(?: [A-Z][\w&.'-]*){1,3}", bare))
        )
    )


# a legal form ending a segment, a note in brackets after it or not: "… GmbH (TA)"
_ENDS_IN_LEGAL_FORM = re.compile(rf"\s(?:{legal_forms_pattern('firm')})\.?(?:\s*\([^()]*\)?)?$")


def _name_then_places(bare: str, seg_start: int, out: Identity, text: str) -> bool:
    """ "Kensho, Boston, MA (Cambridge)": the hirer, then where."""
    name, rest = bare.split(", ", 1)
    places = parse_places(rest)
    company = clean_company(name)
    if (
        not places
        or not company
        or confident_place(name)
        or not plausible_company(company, header=True, first=True)
    ):
        return False
    out.company, out.company_span = company, Span(seg_start, seg_start + len(name), name)
    where = seg_start + len(name) + 2
    out.places.extend((p, Span(where, where + len(rest), rest)) for p in places)
    return True


_AT_NAME = re.compile(r"\s+(?:at|@)\s+(?=[A-Za-z0-9])")
_DOMAIN_FIRST = re.compile(r"[\w-]+\.[a-z]{2,6}\b(?![.\w@])")


def _role_at_name(
    text: str, segments: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """ "Ruby developer at theScore in Toronto", "Seattle WA - FullStack Developer @ ChefSteps": one of the
    first two segments holds a role, then its hirer (a domain apart: "Software Engineer at Help.com in
    Austin, TX"). The segments with that one split, and the hirer's slot."""
    for n, (start, end) in enumerate(segments[:2]):
        at = _AT_NAME.search(text, start, end)
        role = text[start : at.start()] if at else ""
        # a role as a header writes it, not a sentence ("Hi, I'm a recruiter … reach me at x@y.com")
        if at is None or len(role.split()) > 8 or re.search(r"[.!?,]\s", role) or not is_role_title(role):
            continue
        name = (at.end(), end)
        parts = [(start, at.start()), name]
        domain = _DOMAIN_FIRST.match(text, at.end(), end)
        if domain and text[domain.end() : end].strip():
            name = (at.end(), domain.end())
            parts[1:] = [name, (domain.end() + 1, end)]
        return [*segments[:n], *parts, *segments[n + 1 :]], name
    return segments, None


def _looks_like_place(bare: str) -> bool:
    return bool(
        re.fullmatch(r"(?i)[\w\s,.()/-]*\b(?:remote|on-?site|hybrid|anywhere|worldwide)\b[\w\s,.()/-]*", bare)
    )


def locations_of(
    identity: Identity, text: str, anchors: dict[str, list[Span]] | None = None
) -> tuple[list[Location], list[Span]]:
    """The header's places, then those the text names (pairs, cues, remote limited to a country)."""
    anchors = anchors or {}
    found: dict[Location, Span] = {}
    cue_words = list(cue_values(text, anchors.get("place_cue", [])))
    in_text, aside = places_in_text(text, cue_words)
    remote_limits = list(remote_countries(text, anchors.get("remote", [])))
    named = [*identity.places, *in_text, *remote_limits]
    # "I'm near Charlotte, NC": where no city of work is named, the only clue to where the work is
    for place, span in named + (aside if not any(p.city for p, _ in named) else []):
        found.setdefault(place, span)
    countries = {p.country for p in found if p.country}
    for place, span in chain(our_sites(text, countries), cue_openers(cue_words, countries)):
        found.setdefault(place, span)
    cities = {p.country for p in found if p.city}
    # A country named alone adds nothing when a city of it is listed ("New York, New York").
    places = [p for p in found if p.city or p.country not in cities or _remote_limit(found[p])]
    # a city-state is its city, except as the country remote work is limited to ("Remote (Singapore only)")
    limited = {place for place, _ in remote_limits}
    kept: dict[Location, Span] = {}
    for p in places:
        kept.setdefault(p if p in limited else as_city_state(p), found[p])
    return list(kept), list(kept.values())


def _remote_limit(span: Span) -> bool:
    return "remote" in span.text.lower()
