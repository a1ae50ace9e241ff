"""Stage 5: analytics over the store."""

from rolemap.analytics.summary import MarketSummary, market_summary

__all__ = ["MarketSummary", "market_summary"]
