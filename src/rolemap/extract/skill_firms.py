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
from bisect import bisect_left

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


def firm_cues(text: str) -> list[tuple[int, int]]:
    """Where each cue of a list of firms stands in the text, in order: found once, for every name."""
    return [m.span() for m in _FIRMS_CUE.finditer(text)]


def named_among_firms(text: str, start: int, cues: list[tuple[int, int]]) -> bool:
    """Whether the name at `start` stands in a list of firms a cue (of `firm_cues`) opens earlier in its
    sentence."""
    first = bisect_left(cues, (start - _REACH, 0))
    return any(
        cue_end <= start
        and not _SENTENCE_END.search(text, cue_start, start)
        and _LIST_OF_NAMES.fullmatch(text, cue_end, start)
        for cue_start, cue_end in cues[first : bisect_left(cues, (start, 0))]
    )
