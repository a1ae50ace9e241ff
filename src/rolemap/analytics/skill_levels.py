"""The level a top-skills table counts skills at: as postings name them (`rhel`, `centos`, `spring-boot`), or
rolled up to the product they belong to (`linux`, `spring`), so that a posting naming RHEL and CentOS counts
once for Linux."""

from __future__ import annotations

import numpy as np

from rolemap.analytics.frame import Pairs
from rolemap.errors import InputError

SKILL_LEVELS = ("named", "parent")


def check_skill_level(level: str) -> str:
    if level not in SKILL_LEVELS:
        raise InputError(f"skills level {level!r}: use one of {', '.join(SKILL_LEVELS)}")
    return level


def rolled_up_id(skill_id: str) -> str:
    """The top of a skill's chain of parents, stopping below a language: rhel → linux, asp-net-mvc →
    asp-net (its parent csharp is a language, counted in the languages table), django → django."""
    from rolemap.extract.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    current = skill_id
    seen = {current}
    while True:
        entry = taxonomy.get(current)
        parent = entry.parent if entry else None
        if not parent or parent in seen or parent not in taxonomy or taxonomy[parent].is_language:
            return current
        seen.add(parent)
        current = parent


def skill_pairs_at(pairs: Pairs, level: str) -> Pairs:
    """The skill pairs at `level`: unchanged when named; rolled up, one pair a posting and parent (asked
    when any of its skills under that parent is asked, required when any asked one is required)."""
    if check_skill_level(level) == "named" or not pairs.vocab:
        return pairs
    tops = [rolled_up_id(sid) for sid in pairs.vocab]
    vocab = sorted(set(tops))
    index = {sid: i for i, sid in enumerate(vocab)}
    to_top = np.array([index[t] for t in tops], np.int64)
    code = to_top[np.asarray(pairs.code, np.int64)]
    key = np.asarray(pairs.row, np.int64) * len(vocab) + code
    unique, inverse = np.unique(key, return_inverse=True)
    asked = np.ones(len(key), bool) if pairs.asked is None else np.asarray(pairs.asked, bool)
    required = np.ones(len(key), bool) if pairs.required is None else np.asarray(pairs.required, bool)
    any_asked = np.zeros(len(unique), bool)
    any_required = np.zeros(len(unique), bool)
    np.logical_or.at(any_asked, inverse, asked)
    np.logical_or.at(any_required, inverse, required & asked)
    return Pairs(
        (unique // len(vocab)).astype(np.int32),
        (unique % len(vocab)).astype(np.int32),
        vocab,
        any_required if pairs.required is not None else None,
        any_asked if pairs.asked is not None else None,
    )
