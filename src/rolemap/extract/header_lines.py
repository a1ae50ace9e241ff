"""A posting's first line read as a header when it has no "|" to split on (extract/identity.py reads the
segments these give as it reads a "|" header's): a hiring sentence ("Kueski is Hiring in Guadalajara,
Mexico!"), a header written with commas or full stops ("Foraker Labs. Boulder, CO.", with a sentence after
it: "Smarkets, London, UK. Sorry, onsite only."), a short name then its address, places or roles
("MileIQ http://mileiq.com @ San Francisco, CA"), and a short name line a URL or a place line vouches for;
and where a header glued to its prose on one long line ends (`glued_header_end`)."""

from __future__ import annotations

import re

from rolemap.extract.company_mentions import spelt_by_an_address
from rolemap.extract.company_names import FLAG, HIRING, PAY, URL
from rolemap.extract.header_brackets import BRACKETED, header_segments
from rolemap.extract.places import city_in, confident_place, parse_places
from rolemap.extract.roles import is_role_title


def without_urls(raw: str) -> str:
    """A header segment without its URLs and e-mail addresses and the punctuation around them."""
    return urls_out(raw).strip(" ,.;:!()[]")


def urls_out(raw: str) -> str:
    return URL.sub(" ", raw) if "." in raw or "@" in raw else raw


def hiring_sentence(line: str, offset: int) -> list[tuple[int, int]]:
    """ "Kueski is Hiring in Guadalajara, Mexico!" → the company, then the rest as its own segment."""
    m = HIRING.search(line[:120])
    if not m or m.start() == 0:
        return []
    rest = line[m.end() :]
    parts = [(offset, offset + m.start())]
    role = re.match(
        r"\s*(?:for\s+)?(?:an?\s+|several\s+|multiple\s+)?([^!.;(]+?)(?=\s+(?:in|at|to|who|for|with)\s|[!.;(]|$)",
        rest,
    )
    if role and is_role_title(role.group(1)):
        parts.append((offset + m.end() + role.start(1), offset + m.end() + role.end(1)))
        rest_at = role.end()
    else:
        rest_at = 0
    where = re.match(r"\s*(?:in|at)\s+([^!.;(]+)", rest[rest_at:])
    if where:
        parts.append((offset + m.end() + rest_at + where.start(1), offset + m.end() + rest_at + where.end(1)))
    return parts


_DISTRICT = re.compile(r"\s*\([^()]+\),\s*[A-Z]")
_NAME_ENDS = re.compile(r"\s+(?:@|in|at)\s+|\s*\(|\s+(?=https?://|www\.)")


def name_then_rest(line: str, offset: int) -> list[tuple[int, int]]:
    """ "MileIQ http://mileiq.com @ San Francisco, CA", "CoSo (San Francisco, near Montgomery Bart)",
    "Akselos (Software Engineer, Boston or REMOTE)": a short name, then its address, places or roles."""
    end = _NAME_ENDS.search(line)
    name = line[: end.start()] if end else ""
    # a name, not a sentence, a place ("Mountain View, CA (Onsite)") or a role ("Software Engineer (Web)")
    if end is None or not 1 <= len(name.split()) <= 4 or re.search(r"[,.!?;:]", name) or is_role_title(name):
        return []
    rest = line[end.start() :]
    if _DISTRICT.match(rest):
        return []  # "Venice Beach (Los Angeles), CA": a district of the city in brackets
    bare = without_urls(BRACKETED.sub(lambda m: m.group()[1:-1], rest))
    pieces = [p for p in re.split(r"[,;/]|\s+(?:@|in|at|or)\s+", bare) if p.strip()]
    if not (URL.search(rest) or any(parse_places(p) or is_role_title(p) for p in pieces)):
        return []
    return [*header_segments(line[: end.start()], offset), (offset + end.end(), offset + len(line.rstrip()))]


def comma_header(line: str, offset: int) -> list[tuple[int, int]]:
    """ "Collective Health, (http://…), San Mateo, CA", "Foraker Labs. Boulder, CO.": a header written with
    commas (or full stops), read as segments when it holds a URL or a place besides its first piece, and
    that first piece is no place itself ("Palo Alto, CA." is one place)."""
    if len(line) > 160:
        return []
    return _comma_segments(line, offset)


def comma_header_then_a_sentence(text: str, line: str, offset: int) -> list[tuple[int, int]]:
    """ "Smarkets, London, UK. Sorry, onsite only.": such a header with a sentence after it on its line, when
    the post names its first piece again as a name (`_named_again`; a district, "Union Square, San
    Francisco, CA. Full-time.", is named once, or again only as where the office is)."""
    if len(line) > 300:
        return []
    for m in _SENTENCE_AFTER.finditer(line):
        found = _comma_segments(line[: m.start()], offset)
        if found:
            first = line[found[0][0] - offset : found[0][1] - offset].strip()
            return found if first and _named_again(text, first, offset + len(line)) else []
    return []


def _named_again(text: str, name: str, after: int) -> bool:
    """The name as a name again past its header: not where a place stands ("in Union Square", "Downtown
    Seattle") nor as what the post has ("our Series A")."""
    for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text[after:]):
        before = text[max(after, after + m.start() - 12) : after + m.start()].split()
        if before and before[-1].lower() in _PLACE_OR_OWNED_BEFORE:
            continue
        if not re.match(r"[ \t]+[A-Z]", text[after + m.end() : after + m.end() + 3]):
            return True
    return False


_PLACE_OR_OWNED_BEFORE = frozenset({"in", "at", "near", "from", "to", "our", "my", "your", "its", "their"})


# where a sentence may start after a header's last piece: a full stop, a space and a capital
_SENTENCE_AFTER = re.compile(r"\. (?=[A-Z])")


def _comma_segments(line: str, offset: int) -> list[tuple[int, int]]:
    if ", " not in line:
        return []
    # each separator replaced by one as long, so the offsets stay true; "St. Louis" is no full stop
    within = BRACKETED.sub(lambda m: m.group().replace(", ", "; ").replace(". ", "; "), line)  # a note's
    pieces = header_segments(_FULL_STOP.sub(" |", within.replace(", ", " |")), offset)
    if len(pieces) < 2:
        return []
    pieces = _regions_joined(line, offset, pieces)
    first, *rest = (line[a - offset : b - offset] for a, b in pieces)
    if parse_places(first) or confident_place(first) or not all(map(_header_piece, rest)):
        return []
    region = rest[0].split(maxsplit=1)[0].strip(".") if rest and rest[0].strip() else ""
    if region and city_in(first.strip(), region):
        return []  # "Orange, CA (Orange County/OC) and Boulder, CO": a city and its region, not a name
    # a city or an address besides: "Bangalore, India" is a place the gazetteer does not know
    return pieces if any(URL.search(r) or any(p.city for p in parse_places(r) or ()) for r in rest) else []


def _regions_joined(line: str, offset: int, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """ "San Mateo", "CA (Full time)" → "San Mateo, CA (Full time)": a region after a city is read with it."""
    out = pieces[:1]
    for start, end in pieces[1:]:
        piece = BRACKETED.sub(" ", line[start - offset : end - offset])
        before = line[out[-1][0] - offset : out[-1][1] - offset]
        region = parse_places(piece)
        if len(out) > 1 and region and not any(p.city for p in region) and parse_places(before):
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


_FULL_STOP = re.compile(r"(?<=[a-z]{3})\. (?=[A-Z])")


def _header_piece(piece: str) -> bool:
    """A piece of a header besides the hirer's name: a URL, a flag, pay, a place or a role, with or
    without a note in brackets ("CA (Full time, ONSITE only, see below)")."""
    bare = without_urls(BRACKETED.sub(" ", piece)) or without_urls(piece)
    return (
        not bare
        or bool(FLAG.match(bare) or PAY.search(bare))
        or parse_places(bare) is not None
        or is_role_title(bare)
    )


_PLACE_LABEL = re.compile(r"^(?i:locations?|where|office)\s*:\s*")


def name_line(text: str, line: str, end: int) -> bool:
    """A short first line carrying a URL, or followed by a line that is a place, is the hirer's name; the
    places it names in brackets are no words of the name ("Percolate (New York, NY, USA) http://…")."""
    bare = BRACKETED.sub(" ", URL.sub(" ", line)).strip()
    if not bare or len(bare.split()) > 4:
        return False
    if URL.search(line):
        return True
    following = text[end + 1 : text.find("\n", end + 1) if text.find("\n", end + 1) > 0 else len(text)]
    following = _PLACE_LABEL.sub("", following.strip())  # "hiQ Labs" / "Location: SF"
    # "Hall" / "https://hall.com/careers": the next line is a place, or the address that spells the name
    spelt = URL.fullmatch(following) is not None and spelt_by_an_address(following, bare)
    return bool(following) and (bool(parse_places(following)) or spelt)


_LONG_LINE = 300  # a header is shorter: a longer first line is prose, or a header with its prose glued on
_GLUED_REACH = 250  # where the separators of a header glued to its prose stand


def glued_header_end(text: str, start: int, end: int) -> int:
    """Where the header of a post ends whose first line runs on into its prose ("Teachable | New York, NY, USA
    | Full-Time | Onsite | https://… We provide a platform that …"): at its last "|" within the first 250
    characters, when two or more stand there; the segment after it, run into a sentence, is left out."""
    if end - start <= _LONG_LINE:
        return end
    marks = [i for i in range(start, min(end, start + _GLUED_REACH)) if text[i] == "|"]
    return marks[-1] if len(marks) >= 2 else end
