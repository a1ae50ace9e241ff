"""A hirer read by its initials ("SGA is searching for", "PME is seeking") is named in full where the text
spells them out: "Software Guidance & Assistance, Inc., (SGA)", "Page-Mueller Engineering Consultants,
P.C., located in …". A reader names an organisation by its full name when the text gives it, so the
full name is the company; the initials stay where the text never spells them out.

The full name is a run of capitalised words whose initials, small joining words aside ("Department of
Behavioral Health and Developmental Services" → DBHDS), are the acronym's letters; a run the text
defines with the acronym in brackets right after it wins over one that only spells it. A role spelled
out ("Chief Operations Officer (COO)") names no hirer, nor does the acronym then.

So too a short name the text writes in full with a firm's word after it, as the subject of a sentence
about it: "At ABC Insurance we …" where "ABC Insurance Group is a leading brokerage", "Incendia" where
"Incendia Partners has been specializing" (`in_full`).
"""

from __future__ import annotations

import re

from rolemap.extract.company_names import clean_company, is_role_name, legal_forms_pattern, plausible_company
from rolemap.models import Span

_ACRONYM = re.compile(r"[A-Z]{2,6}")
_SMALL_WORDS = frozenset({"of", "and", "&", "the", "for", "on", "at", "in", "de", "la"})
# A run of capitalised words, joined by small ones: "Big Brothers Big Sisters of Broward"
_RUN = re.compile(
    r"(?<![\w&.'’-])[A-Z][\w'’.-]*(?:[ ](?:(?:of|and|&|the|for|on|at|in|de|la)[ ])*[A-Z][\w'’.-]*){1,8}"
)
_DEFINED = re.compile(rf"[ ,]*(?:(?:{legal_forms_pattern('firm')})\.?[ ,]*)?\(([A-Z]{{2,6}})\)")
_READ = 6000  # a posting spells out its own name early


def spelled_out(text: str, acronym: str) -> tuple[str, Span] | None:
    """The full name whose initials the hirer's acronym is, as the text writes it, or None; "" as the
    name when the acronym spells out a role ("The Chief Operations Officer (COO) …")."""
    if not _ACRONYM.fullmatch(acronym):
        return None
    best: tuple[str, Span] | None = None
    for run in _RUN.finditer(text, 0, min(len(text), _READ)):
        words = run.group().split(" ")
        for start in range(len(words)):
            end = _spelling_end(words, start, acronym)
            if end is None:
                continue
            if len(words) - end <= 2:  # the name may go on past its initials: "… Engineering Consultants"
                end = len(words)
            offset = run.start() + sum(len(w) + 1 for w in words[:start])
            raw = " ".join(words[start:end])
            defined = _DEFINED.match(text, offset + len(raw))
            if defined and defined.group(1) != acronym:
                defined = None
            if is_role_name(raw):
                if defined:
                    return "", Span(offset, offset + len(raw), raw)
                continue
            name = clean_company(
                raw.removeprefix("The ")
            )  # "The Computer Merchant (TCM)": as readers write it
            if not name or not plausible_company(name):
                continue
            found = (name, Span(offset, offset + len(raw), raw))
            if defined:
                return found
            if best is None and len(acronym) >= 3:  # two letters alone spell too many runs
                best = found
    return best


def _spelling_end(words: list[str], start: int, acronym: str) -> int | None:
    """Where the words from `start` have spelt the acronym's letters in order (each word gives its first
    letter, and each part of a hyphenated word its own: "Page-Mueller" → P, M), or None."""
    if words[start] in _SMALL_WORDS:
        return None
    at = 0
    for i in range(start, len(words)):
        word = words[i]
        if word in _SMALL_WORDS:
            continue
        for part in word.split("-"):
            if not part:
                continue
            if at == len(acronym) or part[0].upper() != acronym[at]:
                return None
            at += 1
        if at == len(acronym):
            return i + 1
    return None


# the words a firm's full name ends in after its short one ("ABC Insurance Group", "YASH Technologies")
_FIRM_WORDS = (
    "Group|Partners|Technologies|Technology|Solutions|Systems|Consulting|Consultants|Corporation|Company"
    "|Holdings|Labs|Services|International|Global|Software|Agency|Enterprises|Industries|Associates"
)


def in_full(text: str, name: str) -> tuple[str, Span] | None:
    """The name with a firm's word after it, where the text opens a sentence about it so ("ABC Insurance
    Group is …", "Incendia Partners has …", "TRIGYN TECHNOLOGIES, INC. is"), or None."""
    read = text[:_READ]
    # Each place the name stands is tried with one pattern compiled once: a pattern spelling the name
    # out would be compiled anew for every posting's name.
    at = read.find(name + " ")
    while at != -1:
        if not (at and _A_WORD_CHARACTER.match(read, at - 1)):
            firm = _A_FIRM_AFTER.match(read, at + len(name))
            if firm is not None:
                break
        at = read.find(name + " ", at + 1)
    else:
        return None
    full = Span(at, firm.end(), read[at : firm.end()])
    words = clean_company(full.text)
    return (words, full) if words else None


_A_WORD_CHARACTER = re.compile(r"[\w&-]")
_A_FIRM_AFTER = re.compile(
    rf"[ ](?:{_FIRM_WORDS}|{_FIRM_WORDS.upper()})\b"
    rf"(?:,?[ ](?:{legal_forms_pattern('firm')})\.?)?"
    r"(?=,?[ ]+(?:is|are|has|have|was|provides|offers|specializ\w+)\b)"
)
