"""What a header segment's brackets and short sentences hold: flags (REMOTE, INTERN, H1B…) and places. A role
noun only inside brackets of flags and places is a flag ("The Climate Corporation (San Francisco, Seattle,
INTERN/H1B)" is a name, not a role), and the places there are where the hirer hires; a segment written as
short sentences, each a place or a flag, names those places ("SINGAPORE. FULL-TIME."). `identity.py` asks."""

from __future__ import annotations

import re

from rolemap.extract.company_names import FLAG
from rolemap.extract.places import confident_place, parse_places
from rolemap.models import Location

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
