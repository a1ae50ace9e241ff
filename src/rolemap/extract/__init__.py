"""Stage 3: read every field of the extraction record from a posting's text, with evidence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rolemap.extract.engine import extract_posting, extract_record, extract_text

__all__ = ["extract_posting", "extract_record", "extract_text"]


def __getattr__(name: str) -> Any:
    # The engine (every field rule) is imported on first use: rolemap.extract.taxonomy alone does not need it.
    if name in __all__:
        from rolemap.extract import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
