"""Stage 5: analytics over the store."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rolemap.analytics.summary import MarketSummary, market_summary

__all__ = ["MarketSummary", "market_summary"]


def __getattr__(name: str) -> Any:
    # summary (and SQLAlchemy with it) is imported on first use, not by every analytics.* import.
    if name in __all__:
        from rolemap.analytics import summary

        return getattr(summary, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
