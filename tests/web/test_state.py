"""What the server keeps: answers per frame version, bounded per kind, least recently used dropped."""

from __future__ import annotations

from rolemap.web import state as state_lib
from rolemap.web.state import MarketState


def test_answers_are_kept_per_kind_and_version(web_store, monkeypatch):
    monkeypatch.setattr(state_lib, "KEPT", {"rows": 2})
    state = MarketState(web_store, recheck_seconds=60)
    snapshot = state.current()
    computed: list[tuple[str, int]] = []

    def ask(kind: str, n: int) -> object:
        return state.answer(snapshot, (kind, n), lambda: computed.append((kind, n)) or (kind, n))

    assert ask("market", 1) == ("market", 1) and ask("market", 1) == ("market", 1)
    for n in range(3):  # three rows answers; only two are kept
        ask("rows", n)
    ask("rows", 2)
    ask("rows", 0)  # dropped as least recently used: computed again
    assert ask("market", 1) == ("market", 1)  # other kinds are not pushed out by rows
    assert computed == [("market", 1), ("rows", 0), ("rows", 1), ("rows", 2), ("rows", 0)]
    newer = state_lib.Snapshot(snapshot.frame, snapshot.scale, snapshot.listing, snapshot.version + 1)
    state.answer(newer, ("market", 1), lambda: computed.append(("market", 1)))
    assert computed[-1] == ("market", 1)  # a new frame version computes anew
