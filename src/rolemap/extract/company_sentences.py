"""The sentences that name a hirer ("Acme is hiring", "At Acme, we", "Company: Acme", "About Acme", "Acme
is an equal opportunity employer", a firm's legal name in a recruiter's signature, the description's
opening "Acme provides …"), found through anchors of the document's one scan; each name is read and
mended by `company_names.py`. `identity.py` reads the header and asks this module only when the header
names no hirer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rolemap.extract.company_names import (
    GLUE,
    NAME_AFTER,
    NAME_BEFORE,
    is_role_name,
    legal_forms_pattern,
    name_at,
    plausible_company,
    recurs,
    stands_alone,
)
from rolemap.models import Span

# kind → (strength: lower wins, the name must recur in the text, the name follows the words)
_KINDS = {"field": (0, False, True), "appositive": (1, False, False), "hiring": (1, False, False), "at": (2, False, True), "intro": (3, False, True),
          "eeo": (4, False, False), "opening": (5, False, True), "legal": (6, False, False),
          "about": (7, True, True), "about_full": (7, False, True), "is_a": (8, True, False)}  # fmt: skip
_AFTER_CHECK = {
    "at": re.compile(r",?\s+(?:we|our|you)\b"),
    "intro": re.compile(r"(?:\s*\([^)]{0,40}\))?,?\s+(?:is|are|was|has)\b"),
    "about": re.compile(r"\s*[:\n]"),
}
_NOT_AFTER = re.compile(r"\s*(?:plus|must|bonus|requirement|big plus|great plus)\b", re.I)


# A legal form as a firm writes it after its name: "Inc." or "LLC", not "corp-to-corp", "LTD" insurance or
# "Inc. 5000" (a magazine's list); or the ending of a firm's name ("& Associates"), which is part of it.
_LEGAL_ANCHOR = re.compile(rf"(?:{legal_forms_pattern('firm')})\.?|&\s(?:{legal_forms_pattern('ending')})")
_NOT_A_FIRM_AFTER = re.compile(r"\.?(?:[-/]|\s+(?:Magazine|5000|Best|to\b))")


def _is_legal_form(text: str, start: int, end: int) -> bool:
    return bool(_LEGAL_ANCHOR.fullmatch(text, start, end)) and not _NOT_A_FIRM_AFTER.match(text, end)


# "Acme, a leading provider of X, is hiring", "Kazan & Greenwood, a Professional Law Corporation, has
# represented …": a name that opens a sentence, described between commas, then its verb.
_APPOSITIVE = re.compile(r", (?:a|an|the|one of the) [^,.;:!?\n]{2,100}, (?:(?:is|are|was|has|have|had)\b|([a-z]+s)\b)")

_ANYWHERE = ("eeo", "legal")  # read in the whole text: the equal-opportunity line and a signature close it
_AT = re.compile(r"\bAt\s+(?=[A-Z0-9])")  # "At SSC Inc, we …": capitalised, so no automaton anchor is needed


def company_in_text(text: str, anchors: dict[str, list[Span]]) -> tuple[str, Span] | None:
    """The hirer named by the text's own sentences, the strongest kind first, or None. `anchors` are where
    the document's scan found each kind's fixed words. The weaker kinds ("About X", "X is a …") count
    only when the name recurs in the text, as a company's own name does; the equal-opportunity line is
    read anywhere (it often closes a long posting), the others in the first 6,000 characters."""
    best: tuple[int, int, tuple[str, Span]] | None = None
    found = dict(anchors)
    found["at"] = [Span(m.start(), m.end(), m.group()) for m in _AT.finditer(text, 0, 6000)]
    found["opening"] = _opening(text)
    found["appositive"] = [
        Span(m.start(), m.end(), m.group())
        for m in _APPOSITIVE.finditer(text, 0, 6000)
        if not m.group(1) or _third_person_verb(m.group(1))
    ]
    for kind, (strength, _, after) in _KINDS.items():
        for anchor in found.get(kind, ()):
            if (best is not None and best[0] < strength) or (kind not in _ANYWHERE and anchor.start > 6000):
                break
            if after:
                name = NAME_AFTER.match(text, anchor.end + (text[anchor.end : anchor.end + 1] == " "))
                check = _AFTER_CHECK.get(kind)
                if name and check and not check.match(text, name.end()):
                    continue
                if name and kind == "opening" and not _a_verb_follows(text, name.end()):
                    continue
                full = _full_name_after(text, name) if name and kind == "about" else None
                if full is not None:  # the heading's short name recurs; the full one may not
                    best = _better(best, "about_full", text, full, anchor.start)
                    continue
            else:
                if kind == "is_a" and _NOT_AFTER.match(text, anchor.end):
                    continue
                if kind == "legal" and not _is_legal_form(text, anchor.start, anchor.end):
                    continue  # "corp-to-corp", "STD, LTD" (disability), "Inc. Magazine"
                gap = max(text.rfind(" ", 0, anchor.start - 1), text.rfind("\n", 0, anchor.start - 1))
                word = text[gap + 1 : anchor.start].lstrip("\"'“‘([")
                if (
                    not word[:1].isupper()
                    and not word[:1].isdigit()
                    and not word.rstrip().endswith((")", "."))
                ):
                    continue  # no name can end here: "it is a", "we are looking"
                end = anchor.end if text.startswith("&", anchor.start) else anchor.start
                name = NAME_BEFORE.search(text, max(0, anchor.start - 90), end)
                if name and kind == "appositive" and not _opens_a_sentence(text, name):
                    continue
            best = _better(best, kind, text, name, anchor.start)
    return best[2] if best else None


_HEADING_COLON = re.compile(r":\s*(?:The\s+)?")


def _full_name_after(text: str, heading: re.Match[str]) -> re.Match[str] | None:
    """ "About Ascent:The Ascent Services Group (ASG) is …": the heading's short name, then the full one
    that starts with it; the full one is the company as the text gives it."""
    short = heading.group(1)
    at = _HEADING_COLON.match(text, heading.end())
    if at is None or not text.startswith(short + " ", at.end()):
        return None
    full = NAME_AFTER.match(text, at.end())
    return full if full and len(full.group(1)) > len(short) and recurs(text, short) else None


def _names_the_opening(text: str, name: str, span: Span) -> bool:
    """A name read at the description's opening is no role ("The Coordinator serves"), technology or
    block glued to a heading ("Role DescriptionThis is"): a glued word counts only where the name
    stands again in the text ("SessionM is … SessionM")."""
    if len(name) < 2 or not plausible_company(name, header=True) or is_role_name(name):
        return False
    elsewhere = text[: span.start] + text[span.end :]
    # one word ("Spanish is a plus", "Monday is a half day", "Healthcare is changing fast") or English
    # words only ("Excellent Communication is a must") count only where the name stands again in the
    # text, as a company's name does
    if " " not in name or all(_lemmas(word.lower().strip(".,&")) for word in name.split() if word != "&"):
        return stands_alone(elsewhere, name)
    glued = any(GLUE.search(word) for word in span.text.split())
    return not glued or stands_alone(elsewhere, name)


def _opening(text: str) -> list[Span]:
    """Where the description's first line starts (after the title, or the header of a post without one):
    a name there followed by a verb is the hirer introducing itself ("Textur is an automated data
    pipeline.", "Sauce Labs provides …")."""
    title_end = text.find("\n", 1 if text.startswith("\n") else 0)
    if title_end == -1:
        return []
    start = title_end + 1
    while text.startswith(("\n", " ", "* ", "- "), start):
        start += 1
    return [Span(start, start, "")] if start < len(text) else []


_BE_OR_HAVE = re.compile(r" (?:is|are|was|has|have) (?:(?:a|an|the|one)\b|([a-z]+ing)\b)")


def _a_verb_follows(text: str, end: int) -> bool:
    """Whether the name is the subject of what follows: "is a/an/the/one …", "is <verb>ing …" or a verb
    in the third person that is no noun ("provides", "specializes"; "engineers", "reasons" are nouns
    too), by the English lexicon of lemminflect."""
    be = _BE_OR_HAVE.match(text, end)
    if be:
        return not be.group(1) or "VERB" in _lemmas(be.group(1))
    m = re.match(r" ([a-z]+s)\b", text[end : end + 30])
    return m is not None and _third_person_verb(m.group(1))


def _opens_a_sentence(text: str, name: re.Match[str]) -> bool:
    """The name before an appositive is its sentence's subject ("… partners with Acme, a bank, has …" is
    not), and no adverb ("Additionally, the ISSM researches …", "Today, the firm has …")."""
    first = name.group(1).split()[0].lower()
    adverb = "ADV" in _lemmas(first) and (set(_lemmas(first)) == {"ADV"} or " " not in name.group(1))
    before = text[max(0, name.start(1) - 20) : name.start(1)].rstrip(" \t")
    opens = before.endswith(("\n", ".", "!", "?", ":")) or (name.start(1) < 20 and not before)
    return not adverb and opens


def _third_person_verb(word: str) -> bool:
    """ "provides", "specializes", not a plural noun that is a verb too ("engineers", "reasons")."""
    return not word.endswith("ss") and set(_lemmas(word)) == {"VERB"}


@lru_cache(maxsize=4096)
def _lemmas(word: str) -> dict[str, tuple[str, ...]]:
    from lemminflect import getAllLemmas  # loaded on first use: its lexicon takes 0.2 s to read

    return dict(getAllLemmas(word))


def _better(
    best: tuple[int, int, tuple[str, Span]] | None, kind: str, text: str, m: re.Match[str] | None, at: int
) -> tuple[int, int, tuple[str, Span]] | None:
    if m is None:
        return best
    strength, needs_repeat, _ = _KINDS[kind]
    if best is not None and (best[0], best[1]) <= (strength, at):
        return best
    if kind == "legal" and re.search(r"(?i)\b(?:an?)\s+$", text[max(0, m.start(1) - 4) : m.start(1)]):
        return best  # "a Professional Law Corporation" describes a firm; it does not name one
    found = name_at(text, m.start(1), m.end(1), signature=kind == "legal")
    if found is None or (needs_repeat and (len(found[0]) <= 2 or not recurs(text, found[0]))):
        return best
    if kind == "opening" and not _names_the_opening(text, *found):
        return best
    return strength, at, found
