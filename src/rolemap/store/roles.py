"""The roles of a posting as the store keeps them, so the market frame reads them without parsing records:
one `posting_labels` row a distinct role, field `role`, value `family:level` ("backend:senior"; "data:"
when the role names no level). Two roles of the same family and level are one row (a set): the market counts
"a backend engineer and a senior backend engineer" as two roles, "two backend engineers" as one.

The role rows follow the posting's role families (`role_families`), never contradict them: a role whose
family is not among them is left out (a user corrected the families), and a family no role has gets a role
of no level (a family read from the skills of a posting that names no role, or one a correction added).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

ROLE_FIELD = "role"


def role_labels(roles: Iterable[tuple[str, str | None]], families: Sequence[str]) -> list[str]:
    """`family:level` of each distinct role (family, level) whose family is the posting's, in the record's
    order, then `family:` for each of the posting's families no role has."""
    wanted = list(dict.fromkeys(families))
    kept = [(family, level) for family, level in roles if family in wanted]
    out = [f"{family}:{level or ''}" for family, level in kept]
    covered = {family for family, _ in kept}
    out += [f"{family}:" for family in wanted if family not in covered]
    return list(dict.fromkeys(out))


def json_role_labels(roles: Any, families: Any) -> list[str]:
    """`role_labels` of a stored record's `roles` and `role_families` (plain JSON, None when absent): what
    the migration that backfills the role rows reads."""
    pairs = [
        (str(r["family"]), str(r["seniority"]) if r.get("seniority") else None)
        for r in roles or ()
        if isinstance(r, dict) and r.get("family")
    ]
    return role_labels(pairs, [str(f) for f in families or ()])


def split_role_label(value: str) -> tuple[str, str | None]:
    """ "backend:senior" → ("backend", "senior"); "data:" → ("data", None)."""
    family, _, level = value.partition(":")
    return family, level or None
