"""The lane listing's repeated requirements (`rolemap list`): the skills a posting asks for that at least
30% of the lane's postings ask for too. A skill a posting only says the company uses ("our stack is …",
`asked` false) is not a requirement, so it is neither counted nor shown; a frame without the flag asks
for every skill.

`analytics.market.tracker` still fills `repeated` from every named skill; the listing replaces it with
this answer (cli/postings.py) until that module, being rebuilt for one row per role, calls this itself.
Keyed by posting id, so a posting read as several rows gives the same answer."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from rolemap.analytics.frame import MarketFrame

REPEATED_SHARE = 0.3  # the guide's "repeated": asked by at least this share of the lane


def asked_repeated(
    frame: MarketFrame, mask: np.ndarray, ids: Iterable[str], share: float = REPEATED_SHARE
) -> dict[str, list[str]]:
    """For the postings `ids` of the lane `mask`: each one's asked skills that at least `share` of the
    lane's postings ask for, in the record's order. A posting with none maps to []."""
    wanted = set(ids)
    out: dict[str, list[str]] = {i: [] for i in wanted}
    n = int(mask.sum())
    if not n or not wanted:
        return out
    pairs = frame.pairs["skill"]
    asked = pairs.asked if pairs.asked is not None else np.ones(len(pairs.row), bool)
    inside = mask[pairs.row] & asked
    counts = np.bincount(pairs.code[inside], minlength=len(pairs.vocab))
    repeated = counts / n >= share
    # only the shown postings' pairs are walked in Python: a page of rows, not the lane's millions
    shown = mask & _is_in(frame, wanted)
    keep = shown[pairs.row] & asked & repeated[pairs.code]
    row_ids = frame.table.column("id")
    for row, code in zip(pairs.row[keep].tolist(), pairs.code[keep].tolist(), strict=True):
        skills = out[row_ids[row].as_py()]
        if pairs.vocab[code] not in skills:
            skills.append(pairs.vocab[code])
    return out


def _is_in(frame: MarketFrame, ids: set[str]) -> np.ndarray:
    """A boolean mask of the rows whose posting id is among `ids`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    found = pc.is_in(frame.table.column("id"), value_set=pa.array(sorted(ids), pa.string()))
    return np.asarray(found.combine_chunks().fill_null(False).to_numpy(zero_copy_only=False), bool)
