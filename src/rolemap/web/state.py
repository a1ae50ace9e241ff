"""What the server keeps between requests: the market frame of the store (checked against the store at
most once a second, rebuilt when it changed), its pay scale and sort orders, and bounded caches of what
was computed from that frame (market answers, pages of postings, the rows a search or a lane matched).
A new frame drops every cached answer, so an answer is never staler than the store by more than the check
interval. Tracker statuses are never cached: they change without the frame changing."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from rolemap.analytics.frame import MarketFrame, load_frame, store_key
from rolemap.analytics.listing import Listing
from rolemap.analytics.pay import PayScale, pay_scale
from rolemap.store.db import Store

# How many answers of each kind (the key's first item) are kept, least recently used dropped first. Rows
# are arrays of up to one int32 per posting, so fewer are kept; everything else is a few kilobytes.
KEPT = {"rows": 64}
ANSWERS_KEPT = 512


@dataclass(frozen=True)
class Snapshot:
    frame: MarketFrame
    scale: PayScale
    listing: Listing
    version: int


class MarketState:
    def __init__(self, store: Store, recheck_seconds: float = 1.0) -> None:
        self.store = store
        self.recheck_seconds = recheck_seconds
        self._snapshot: Snapshot | None = None
        self._key: dict[str, object] | None = None
        self._checked = 0.0
        self._lock = threading.Lock()
        self._answers: dict[str, OrderedDict[tuple[Any, ...], Any]] = {}

    def current(self) -> Snapshot:
        with self._lock:
            now = time.monotonic()
            if self._snapshot is not None and now - self._checked < self.recheck_seconds:
                return self._snapshot
            key = store_key(self.store)
            self._checked = now
            if self._snapshot is None or key != self._key:
                frame = load_frame(self.store)
                scale = pay_scale(frame)
                version = (self._snapshot.version + 1) if self._snapshot else 1
                self._snapshot, self._key = Snapshot(frame, scale, Listing(frame, scale), version), key
                for shelf in self._answers.values():
                    shelf.clear()
            return self._snapshot

    def invalidate(self) -> None:
        """After a write through this server: the next request checks the store at once."""
        with self._lock:
            self._checked = 0.0

    def answer(self, snapshot: Snapshot, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """An answer for this frame (the key's first item names its kind), computed once: role pages are
        read far more than data changes. Computed in the caller's thread, the event loop's for reads:
        handing it to a worker thread was slower for everyone (the two fight for the GIL), so a new
        answer holds up its process's other requests for the tens of milliseconds it takes."""
        kind, full_key = key[0], (snapshot.version, *key)
        with self._lock:
            shelf = self._answers.setdefault(kind, OrderedDict())
            if full_key in shelf:
                shelf.move_to_end(full_key)
                return shelf[full_key]
        value = compute()
        with self._lock:
            shelf[full_key] = value
            while len(shelf) > KEPT.get(kind, ANSWERS_KEPT):
                shelf.popitem(last=False)
        return value
