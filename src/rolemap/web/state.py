"""What the server keeps between requests: the market frame of the store (checked against the store at
most once a second, rebuilt when it changed), its pay scale and sort orders, and a small cache of computed
market answers for that frame. A new frame drops every cached answer, so an answer is never staler than
the store by more than the check interval."""

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

ANSWERS_KEPT = 256


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
        self._answers: OrderedDict[tuple[Any, ...], Any] = OrderedDict()

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
                self._answers.clear()
            return self._snapshot

    def invalidate(self) -> None:
        """After a write through this server: the next request checks the store at once."""
        with self._lock:
            self._checked = 0.0

    def answer(self, snapshot: Snapshot, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """A market answer for this frame, computed once: role pages are read far more than data changes."""
        full_key = (snapshot.version, *key)
        with self._lock:
            if full_key in self._answers:
                self._answers.move_to_end(full_key)
                return self._answers[full_key]
        value = compute()
        with self._lock:
            self._answers[full_key] = value
            while len(self._answers) > ANSWERS_KEPT:
                self._answers.popitem(last=False)
        return value
