"""A technology's name in a list of firms is the firm: "clients (Wal-Mart, Verizon, PayPal)", "people from
Apple, Google, Yammer, PayPal", "Funded by First Round Capital and OpenView", "acquired by PayPal", "technology
leaders like Pinterest, Spotify, and Uber". A posting names its clients, investors and alumni's employers to
say who it is, not what the role works with. Clients, customers and partners are firms only as a posting's
own ("our clients", "past clients") or before their list ("Customers: Box, Jive"): a client is software's as
often ("web client is Ember", "Swift on clients, Ember on web"), and a stack is "backed by" its stores
("Rails backed by Postgres"), so neither cues.

Read back from the name within its sentence: a cue that opens a list of firms, then only names and the
list's joins between the cue and the name ("clients include Acme, Initech and Salesforce"), so a sentence
that goes on to the work after its list ("clients like Nike trust our Salesforce integrations") keeps it.
"""

from __future__ import annotations

import re

_REACH = 160  # characters read back from the name for its list's cue
_FIRMS_CUE = re.compile(
    r"(?i)\b(?:(?:(?:our|their|its|whose|past|notable|existing|current|big-time|major)[ \t]+(?:[\w-]+[ \t]+){0,2})"
    r"(?:clients|customers|partners)|(?:clients|customers|partners)(?=[ \t]*(?:[:(–—-]|includ|like\b|such as\b))"
    r"|client (?:list|roster|base|portfolio)|investors|backers|funded by|acquired by|owned by"
    r"|(?:people|engineers|folks|alumni|veterans|talent|team members) (?:from|of)|worked (?:at|for)"
    r"|(?:companies|brands|firms|organi[sz]ations|leaders|startups|giants) (?:like|such as|including)"
    r"|used by|trusted by)\b[ \t:–—-]*"
    r"(?:(?:include|includes|including|like|such as|are|is)\b[ \t:]*)?(?:the[ \t]+)?"
)
# what may stand between the cue and the name: names (capitalised words, "&", "of", "de"), brackets,
# the list's commas, "and", "or", and the line breaks of a wrapped sentence. Possessive: a run of names is
# never split again another way (a text of many capitalised words would take exponential time)
_LIST_OF_NAMES = re.compile(
    r"(?:(?:[ \t\n]*+(?:[(,&/]|\band\b|\bor\b))?+[ \t\n]*+(?:[A-Z0-9][\w.'’&-]*+|of\b|de\b|the\b|\.com\b))*+"
    r"(?:[ \t\n]*+(?:[(,&/]|\band\b|\bor\b))?+[ \t\n]*+$"
)
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n[ \t]*\n|\n[ \t]*[-*•·]")


def named_among_firms(text: str, start: int) -> bool:
    """Whether the name at `start` stands in a list of firms a cue opens earlier in its sentence."""
    before = text[max(0, start - _REACH) : start]
    if not _CUE_WORD.search(before.lower()):
        return False  # most names: no cue's word before them, and the cues' pattern is not run
    ends = list(_SENTENCE_END.finditer(before))
    if ends:
        before = before[ends[-1].end() :]
    return any(_LIST_OF_NAMES.fullmatch(before, cue.end()) for cue in _FIRMS_CUE.finditer(before))


# a word every cue holds, looked for in the lowered window before the cues' pattern runs
_CUE_WORD = re.compile("|".join((
    "client", "customer", "partner", "investor", "backer", "funded", "acquired", "owned", "people",
    "engineers", "folks", "alumni", "veterans", "talent", "team member", "worked", "compan", "brand", "firm",
    "organi", "leader", "startup", "giant", "used by", "trusted by",
)))  # fmt: skip
