"""Where a name found in a text stands as a word of its own: word boundaries as boards write them (lines
glued together make a seam: "preferredTFS", "AWSAre you", "Kafka6. BizTalk"), and an everyday word standing
inside a longer name ("DuckDuckGo", "BlackRock"). The skill matcher's edge rules (`skill_matching.py`)."""

from __future__ import annotations

import re

from rolemap.extract.lexicon import written_word

PLAIN_EDGES = frozenset(" \n\t,;:()[]{}/\"'!?|<>*")


def on_word_boundary(text: str, start: int, end: int) -> bool:
    """Standing alone: not inside a word, a URL-ish name or "C++". Boards glue lines together
    ("preferredTFS (source...", "Oracle, SQL Server.Ability", "AWSAre you", "Kafka6. BizTalk"):
    such seams count as boundaries."""
    plain_start = start == 0 or text[start - 1] in PLAIN_EDGES
    plain_end = end >= len(text) or text[end] in PLAIN_EDGES
    if plain_start and plain_end:
        return True  # the usual case, decided without the rules below
    return (plain_start or _starts_alone(text, start)) and (plain_end or _ends_alone(text, start, end))


def _starts_alone(text: str, start: int) -> bool:
    if start == 0:
        return True
    before, first = text[start - 1], text[start]
    if before.isalnum():
        return before.islower() and first.isupper()  # camelCase seam: "preferredTFS"
    if before in "_@":
        return False  # "foo_bar", "@python"
    if before == "#" and first.isalnum():
        return False  # "#go" hashtags
    if before == "." and first.isalnum():
        # "my.python" is a name; "development.CSS" is two sentences glued together
        return first.isupper() and start >= 2 and text[start - 2].islower()
    # "P&C", "R&D", "AT&T": an ampersand inside a name
    return not (before == "&" and start >= 2 and text[start - 2].isalnum())


def _ends_alone(text: str, start: int, end: int) -> bool:
    if end >= len(text):
        return True
    after = text[end]
    following = text[end + 1] if end + 1 < len(text) else " "
    if after.isalnum():
        if after.isupper() and following.islower():
            return True  # a capitalised word glued on: "AWSAre", "testsWorking", "DB2Extensive"
        return after.isdigit() and following == "."  # a numbered list glued on: "Kafka6. BizTalk"
    if after == "+" and following.isalpha():
        return True  # a stack joined by "+": "Python+Django+Postgresql"
    if after in "+#_":
        return False  # "C" in "C++", "C#"
    if after == "&" and following.isalnum():
        return False
    # "Node.js" ends in a letter; an alias followed by ".x" is part of a longer name ("vue.config"),
    # unless a capital starts a glued sentence ("SQL Server.Ability")
    return not (after == "." and following.isalnum() and not following.isupper())


def glued(text: str, start: int, end: int) -> bool:
    """A word English shares standing inside a longer name: a letter or digit glued before it ("DuckDuckGo",
    "GetSwift", "SoC"), or a word glued after it that makes with it a word people write (wordfreq knows
    "blackrock", "gopro", "springboard"). A board's glued lines make none ("SpringStrong experience",
    "Linux and WindowsKnowledge of"): there the name stands."""
    if start > 0 and text[start - 1].isalnum():
        return True
    if end >= len(text) or not text[end].isalnum():
        return False
    glued = _GLUED_ON.match(text, end)
    whole = text[start : glued.end() if glued else end].lower()
    return written_word(whole)


_GLUED_ON = re.compile(r"[^\W_]+")
