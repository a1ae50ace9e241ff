"""Near-duplicate postings: the same job posted again with small edits (next month's thread, another
board), or copied by an agency. Exact copies are caught at ingest by their fingerprint; these are not.

The method is the usual one for this at scale: each text becomes its set of word 5-shingles, summarised
by a MinHash signature (128 permutations); locality-sensitive hashing (datasketch's MinHashLSH) proposes
the pairs likely to be similar without comparing every pair; a pair is kept when its estimated Jaccard
similarity reaches the threshold, and kept pairs are joined into groups (union-find). A group's first
member, in the order given, is the one that counts.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datasketch import LeanMinHash

NUM_PERM = 128
SHINGLE_WORDS = 5
# A pair at or above this estimated Jaccard similarity is the same job. bench/near_dup_bench.py prints
# precision and recall at several thresholds on pairs judged by reading: 0.8 keeps precision high (0.88,
# recall 0.67), since merging two different jobs loses one from the figures.
DEFAULT_THRESHOLD = 0.8
CANDIDATE_MARGIN = 0.2
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class NearGroup:
    ids: list[str]  # the first one counts; the others are its near-duplicates
    lowest: float  # the lowest estimated similarity of the pairs that joined the group


def shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.casefold())
    if len(words) < SHINGLE_WORDS:
        return {" ".join(words).encode()}
    return {" ".join(words[i : i + SHINGLE_WORDS]).encode() for i in range(len(words) - SHINGLE_WORDS + 1)}


def signatures(texts: Sequence[str]) -> list[LeanMinHash]:
    """One MinHash a text (fixed seed: the same text always gives the same signature)."""
    from datasketch import LeanMinHash, MinHash  # imported here: datasketch brings scipy (0.4 s)

    return [LeanMinHash(m) for m in MinHash.bulk([shingles(t) for t in texts], num_perm=NUM_PERM)]


def similarity(a: str, b: str) -> float:
    """The estimated Jaccard similarity of two texts' shingles, as the grouping sees it."""
    first, second = signatures([a, b])
    return float(first.jaccard(second))


def similar_pairs(sigs: Sequence[LeanMinHash], threshold: float) -> Iterator[tuple[int, int, float]]:
    """(i, j, similarity) with i < j, for every pair at or above the threshold that LSH proposes."""
    # LSH's bands are tuned to a threshold but let through only part of the pairs just above it; asking
    # for candidates well below it and checking each estimate keeps those.
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=max(0.05, threshold - CANDIDATE_MARGIN), num_perm=NUM_PERM)
    for i, sig in enumerate(sigs):
        lsh.insert(i, sig, check_duplication=False)
    for i, sig in enumerate(sigs):
        for j in lsh.query(sig):
            if j > i:
                estimate = float(sig.jaccard(sigs[j]))
                if estimate >= threshold:
                    yield i, j, estimate


def near_groups(
    ids: Sequence[str], texts: Sequence[str], threshold: float = DEFAULT_THRESHOLD
) -> list[NearGroup]:
    """Groups of two or more postings that are near-duplicates of each other, largest first."""
    return groups_of(ids, signatures(texts), threshold)


def groups_of(ids: Sequence[str], sigs: Sequence[LeanMinHash], threshold: float) -> list[NearGroup]:
    """`near_groups` from signatures already made (one set of signatures serves several thresholds)."""
    check_threshold(threshold)
    return join_groups(ids, similar_pairs(sigs, threshold))


def check_threshold(threshold: float) -> None:
    if not 0.0 < threshold <= 1.0:
        raise ValueError(f"threshold {threshold}: give a similarity above 0 and at most 1")


def join_groups(ids: Sequence[str], pairs: Iterable[tuple[int, int, float]]) -> list[NearGroup]:
    """Groups of the postings joined by similar pairs (union-find); `ids` are in the order in which a
    group's representative is chosen (the earliest posted first), pairs index into them."""
    parent = list(range(len(ids)))
    lowest: dict[int, float] = {}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, estimate in pairs:
        a, b = root(i), root(j)
        low = min(estimate, lowest.get(a, 1.0), lowest.get(b, 1.0))
        if a != b:
            a, b = min(a, b), max(a, b)  # the earliest in the given order stays the representative
            parent[b] = a
        lowest[a] = low
    members: dict[int, list[int]] = {}
    for i in range(len(ids)):
        members.setdefault(root(i), []).append(i)
    groups = [NearGroup([ids[i] for i in m], round(lowest[r], 3)) for r, m in members.items() if len(m) > 1]
    return sorted(groups, key=lambda g: (-len(g.ids), g.ids[0]))
