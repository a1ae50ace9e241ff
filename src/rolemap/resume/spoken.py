"""Human languages on a resume's Skills lines ("Languages: English (Fluent), German (Native)", "Spanish –
fluent", "fluent in French"): a language a person speaks, and the level they speak it at, are no technical
skill, though a level may share a technology's name ("Fluent" is a localisation language in the taxonomy).

The names are the IANA language subtag registry's, as langcodes ships it (wordfreq's own dependency): the
languages with a two-letter ISO 639-1 code or CLDR's modern support, the languages of those that are
macrolanguages ("Mandarin Chinese", "Cantonese"), and such a member's first word where the rest is its
macrolanguage's name and English writes that word as no adjective or adverb ("Mandarin"; not "Standard",
"Central"). A name the taxonomy knows as a technology's ("YANG") is left out.
"""

from __future__ import annotations

import re
from functools import cache

# what may stand between a language and the level after it ("English (Fluent)", "German – native", "French:
# C1"; a comma parts two items), and between a level and the language after it ("Fluent English", "fluent in
# German")
_LANGUAGE_THEN_LEVEL = " \t([:–—-"
_LEVEL_THEN_LANGUAGE = re.compile(r"(?:\s*:)?\s+(?:in\s+)?")


@cache
def language_names() -> frozenset[str]:
    """The names of the world's widely written languages, in lower case (see the module's docstring)."""
    from langcodes.language_lists import CLDR_LANGUAGES
    from langcodes.registry_parser import parse_registry

    from rolemap.extract.lexicon import lemmas
    from rolemap.extract.taxonomy import load_taxonomy

    entries = [
        e
        for e in parse_registry()
        if e.get("Type") == "language" and e.get("Scope") in (None, "macrolanguage")
    ]
    major = {e["Subtag"] for e in entries if len(e["Subtag"]) == 2 or e["Subtag"] in CLDR_LANGUAGES}
    names_of = {e["Subtag"]: _descriptions(e) for e in entries}
    names: set[str] = set()
    for e in entries:
        macro = e.get("Macrolanguage")
        if e["Subtag"] in major:
            names.update(names_of[e["Subtag"]])
        elif macro in major:
            for name in names_of[e["Subtag"]]:
                names.add(name)
                first, _, rest = name.partition(" ")
                if rest in names_of.get(str(macro), ()) and not {"ADJ", "ADV"} & set(lemmas(first)):
                    names.add(first)  # "Mandarin Chinese" → "Mandarin"
    technologies = {n.lower() for e in load_taxonomy().values() for n in (e.name, *e.aliases)}
    return frozenset(names - technologies)


def _descriptions(entry: dict[str, object]) -> list[str]:
    raw = entry.get("Description", [])
    found = raw if isinstance(raw, list) else [raw]
    # "Swahili (macrolanguage)", "Greek, Modern (1453-)": the name before its qualifier
    return [re.split(r"\s*[(,]", str(d))[0].strip().lower() for d in found if str(d).strip()]


@cache
def _name_pattern() -> re.Pattern[str]:
    names = sorted(language_names(), key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(re.escape(n) for n in names)})(?![\w-])", re.I)


def a_language_level(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] (a name a Skills line holds) is the level a human language is spoken at:
    inside the brackets or after the dash or colon that follow a language's name ("English (Fluent)",
    "Spanish – fluent"), or right before a language's name ("Fluent English", "fluent in German"); or is a
    language's name itself. Only a word of a proficiency scale is a level (data/resume.json
    `language_levels`): "English - Docker, Kubernetes" lists Docker, "Chinese (Mandarin) - Swift" Swift."""
    if _name_pattern().fullmatch(text[start:end]):
        return True
    if text[start:end].strip().lower() not in _levels():
        return False
    before = text[:start]
    bracket = before.rfind("(")
    if bracket > before.rfind(")") and _ends_on_a_name(before[:bracket]):
        return True  # "English (Fluent)", "German (C1, native)"
    if _ends_on_a_name(before.rstrip(_LANGUAGE_THEN_LEVEL)):
        return True
    gap = _LEVEL_THEN_LANGUAGE.match(text, end)
    return bool(gap and _name_pattern().match(text, gap.end()))


@cache
def _levels() -> frozenset[str]:
    from rolemap.resume.headings import resume_words

    return frozenset(w.lower() for w in resume_words()["language_levels"])


def _ends_on_a_name(text: str) -> bool:
    bare = text.rstrip()
    return any(m.end() == len(bare) for m in _name_pattern().finditer(bare, max(0, len(bare) - 40)))
