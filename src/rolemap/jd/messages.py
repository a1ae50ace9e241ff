"""Sentences that name places: a list of names joined for reading, and message templates whose verb agrees
with how many jurisdictions are named ("Colorado requires…", "Colorado and California require…").

A template is text with `{names}` and verbs written as `{require}`: each verb in braces must be in VERBS,
which holds its singular and plural forms. Tests render every template for one and for several names."""

from __future__ import annotations

import re
from collections.abc import Sequence

from rolemap.agreement import agree

# verb → (with one subject, with several)
VERBS = {
    "require": ("requires", "require"),
    "do": ("does", "do"),
    "allow": ("allows", "allow"),
}
LAW_MESSAGES = {
    "pay-range": "{names} {require} a pay range in the posting",
    "vague-pay": "{names} {require} a pay range in the posting",
    "open-ended-pay": "{names} {do} not accept an open-ended range",
    "misleading-range": "{names} {allow} a spread of at most {spread}",
    "benefits": "{names} {require} a general description of benefits in the posting",
}
MAX_NAMED = 4  # past this many, "and N more"
_VERB = re.compile(r"\{(\w+)\}")


def join_names(names: Sequence[str], limit: int = MAX_NAMED) -> str:
    """ "Colorado"; "Colorado and California"; "Colorado, California and Washington";
    "A, B, C, D and 2 more"."""
    names = list(names)
    if len(names) > limit:
        return ", ".join(names[:limit]) + f" and {len(names) - limit} more"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def law_message(key: str, names: Sequence[str], **values: object) -> str:
    """A LAW_MESSAGES template for these jurisdictions, its verbs agreeing with their number."""
    forms = {verb: agree(len(names), *pair) for verb, pair in VERBS.items()}
    return LAW_MESSAGES[key].format(names=join_names(names), **forms, **values)


def template_verbs(template: str) -> list[str]:
    """The verbs a template names in braces (everything but its values)."""
    return [v for v in _VERB.findall(template) if v in VERBS]
