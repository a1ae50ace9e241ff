"""How a header line splits into segments (`header_segments`), and what a segment's brackets and short
sentences hold: flags (REMOTE, INTERN, H1B…) and places. A role noun only inside brackets of flags and places is
a flag ("The Climate Corporation (San Francisco, Seattle, INTERN/H1B)" is a name, not a role), and the places
there are where the hirer hires; a segment written as short sentences, each a place or a flag, names those
places ("SINGAPORE. FULL-TIME."). `identity.py` asks."""

from __future__ import annotations

import re

from rolemap.extract.company_names import FLAG
from rolemap.extract.places import confident_place, parse_places
from rolemap.models import Location

# The lookahead lets the scan pass over every position that cannot start a separator at once (3× faster).
# Three "=" or more draw a line around a header ("=== Notion – San Francisco ==="; `header_segments` drops
# a segment's edge "=": "==Full Stack Engineer=="); "·", "☆", "⎮" part it as "|" does.
_SEPARATOR = re.compile(
    r"(?=[\s|│⎮:–—=])(?:\s*[|│⎮]\s*|\s+[•·☆★–—:]\s+|(?<=[\w)]):\s+|\s+-{1,2}\s+|\s+/{1,2}\s+|\s*\t\s*"
    r"|\s+::\s+|\s*={3,}\s*|[–—])"
)
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


def header_segments(line: str, offset: int) -> list[tuple[int, int]]:
    """The header's segments as (start, end) offsets, outer spaces trimmed."""
    out: list[tuple[int, int]] = []
    pos = 0
    for m in [*_SEPARATOR.finditer(line), None]:
        stop = m.start() if m else len(line)
        raw = line[pos:stop]
        lead = len(raw) - len(raw.lstrip(" \t="))
        piece = _FOOTNOTE_MARK.sub(r"\1\2", raw[lead:].rstrip(" \t="))
        if piece:
            out.append((offset + pos + lead, offset + pos + lead + len(piece)))
        if m:
            pos = m.end()
    return out
