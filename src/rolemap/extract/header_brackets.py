"""How a header line splits into segments (`header_segments`), and what a segment's brackets and short
sentences hold: flags (REMOTE, INTERN, H1B…) and places. A role noun only inside brackets of flags and places is
a flag ("The Climate Corporation (San Francisco, Seattle, INTERN/H1B)" is a name, not a role), and the places
there are where the hirer hires; a segment written as short sentences, each a place or a flag, names those
places ("SINGAPORE. FULL-TIME."). `identity.py` asks."""

from __future__ import annotations

import re

from rolemap.extract.company_names import FLAG, WEB_ADDRESS
from rolemap.extract.places import confident_place, parse_places
from rolemap.extract.roles import is_role_title
from rolemap.models import Location

# The lookahead lets the scan pass over every position that cannot start a separator at once (3× faster).
# Three "=", "-" or "#" or more draw a line around a header ("=== Notion – San Francisco ===", "---Seven
# League Products--- Boston", "Acme---Backend Engineer---NYC", "### PriceMethod || … ###"; not inside a web
# address: "…/software-engineer---backend", "#/jobs###top"; `header_segments` drops a segment's edge "=" and
# "-": "==Full Stack Engineer==", "-- orangecaffeine.com"); "·", "☆", "⎮" part it as "|" does.
_SEPARATOR = re.compile(
    r"(?=[\s|│⎮:–—=#-])(?:\s*[|│⎮]\s*|\s+[•·☆★–—:]\s+|(?<=[\w)]):\s+|\s+-{1,2}\s+|\s+/{1,2}\s+|\s*\t\s*"
    r"|\s+::\s+|\s*(?:={3,}|-{3,}>?|#{3,})\s*|[–—])"
)
_WEB_ADDRESS = re.compile(WEB_ADDRESS)  # a run of dashes or hashes inside one parts nothing
_SQUARE_BRACKET = re.compile(r"\[([^\[\]]*)\](?!\()")  # not a Markdown link's "[text](https://…)"
_PUNCTUATION_AFTER = re.compile(r"\s*[:\-–—]+(?=\s)")
_FLAG_OR_PLACE_PARTS = re.compile(r"\s*(?:[;|]|\bor\b)\s*")
_FOOTNOTE_MARK = re.compile(r"^([^*]*\w)[\^*]$|^(.*\w)\^$")  # "Washington DC^", "Berlin*" (not "*Remote*")
BRACKETED = re.compile(r"\([^()]*\)")
_BRACKET_PARTS = re.compile(r"[,;]\s*")
_FULL_STOP_SPACE = re.compile(r"(?<=[A-Za-z)])\.\s+")


def flag_brackets(segment: str) -> bool:
    """Whether the segment has brackets and they hold only flags and places: "(San Francisco, INTERN/H1B)",
    not "(Software Engineer)"."""
    parts = _bracket_parts(segment)
    return bool(parts) and all(FLAG.match(part) or parse_places(part) for part in parts)


def places_among_flags(segment: str, name: str) -> list[Location]:
    """The places of a segment's brackets that hold only flags and places that can only be places ("(ASTi)" is
    no town in Italy), beside the hirer's name alone ("Kensho, Boston, MA (Cambridge), …" is read as a whole)."""
    parts = _bracket_parts(segment)
    if not parts or " ".join(BRACKETED.sub(" ", segment).split()) != name:
        return []
    if not all(FLAG.match(part) or confident_place(part) for part in parts):
        return []
    return [place for part in parts if not FLAG.match(part) for place in parse_places(part) or ()]


def _bracket_parts(segment: str) -> list[str]:
    return [
        part
        for bracket in BRACKETED.findall(segment)
        for part in _BRACKET_PARTS.split(bracket[1:-1])
        if part.strip()
    ]


def sentences_of_places(segment: str) -> list[Location] | None:
    """A segment written as short sentences, each a place or a flag ("fulltime in SF. Visa-transfers OK."):
    their places; None when a sentence is neither, or none names a place."""
    places: list[Location] = []
    for piece in _FULL_STOP_SPACE.split(segment.strip(" .")):
        bare = piece.strip(" .")
        found = parse_places(bare)
        if found is None and not FLAG.match(bare):
            return None
        places.extend(found or ())
    return places or None


def flags_set_apart(line: str) -> tuple[str, list[tuple[int, int]]]:
    """A role's header with its flags or places in square brackets ("[Chicago, IL] Rails Engineer", "Web
    Developer [Full Time, Bloomington, IN or REMOTE]", "Software Engineer. [LOCAL | RELOCATE OK]"): the line
    with those brackets blanked (same length, same offsets: the segments around them read as if they were
    not there), and where the brackets' words are, to be read as segments of their own. Only beside a role:
    a header of places and flags alone ("New York, NY [ON-SITE ONLY]") is read whole, as before."""
    if "[" not in line:
        return line, []
    brackets = [b for b in _SQUARE_BRACKET.finditer(line) if _flags_and_places(b.group(1))]
    if not brackets:
        return line, []
    rest = line
    for b in brackets:
        # it parts what stands on either side ("San Francisco, CA [Remote Ok]: Front End Engineer"), as a "|"
        # would; a colon or dash after it goes with it
        after = _PUNCTUATION_AFTER.match(line, b.end())
        stop = after.end() if after else b.end()
        rest = f"{rest[: b.start()]}|{' ' * (stop - b.start() - 1)}{rest[stop:]}"
    if not is_role_title(" ".join(rest.replace("|", " ").split())):
        return line, []
    return rest, [(b.start(1), b.end(1)) for b in brackets]


def _flags_and_places(words: str) -> bool:
    parts = [p.strip() for p in _FLAG_OR_PLACE_PARTS.split(words) if p.strip()]
    return bool(parts) and all(_flag_or_places(p) for p in parts)


def _flag_or_places(part: str) -> bool:
    """A flag, places, or a flag then places after a comma ("Full Time, Bloomington, IN")."""
    if FLAG.match(part) or parse_places(part):
        return True
    head, _, rest = part.partition(",")
    return bool(rest.strip()) and bool(FLAG.match(head.strip())) and _flag_or_places(rest.strip())


def header_segments(line: str, offset: int) -> list[tuple[int, int]]:
    """The header's segments as (start, end) offsets, outer spaces trimmed."""
    out: list[tuple[int, int]] = []
    pos = 0
    addresses = [a.span() for a in _WEB_ADDRESS.finditer(line)] if "/" in line or "www." in line else []
    separators = [
        m
        for m in _SEPARATOR.finditer(line)
        if not (m.group().strip()[:1] in ("-", "#") and any(a <= m.start() < b for a, b in addresses))
    ]
    for m in [*separators, None]:
        stop = m.start() if m else len(line)
        raw = line[pos:stop]
        lead = len(raw) - len(raw.lstrip(" \t=-"))
        piece = _FOOTNOTE_MARK.sub(r"\1\2", raw[lead:].rstrip(" \t=-"))
        if piece:
            out.append((offset + pos + lead, offset + pos + lead + len(piece)))
        if m:
            pos = m.end()
    return out
