"""Stage 1: sources. Every reader yields `Posting`s, or a `PostingError` for one bad posting."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rolemap.sources.files import FORMATS, detect_format, read_file
    from rolemap.sources.http import Fetcher, fetch, parse_target
    from rolemap.sources.sample import SAMPLE_PATH, sample_postings

__all__ = [
    "FORMATS",
    "SAMPLE_PATH",
    "Fetcher",
    "detect_format",
    "fetch",
    "parse_target",
    "read_file",
    "sample_postings",
]

# Each name is imported from its module on first use: reading a file imports no HTTP client (httpx).
_MODULE_OF = {
    "FORMATS": "files",
    "detect_format": "files",
    "read_file": "files",
    "Fetcher": "http",
    "fetch": "http",
    "parse_target": "http",
    "SAMPLE_PATH": "sample",
    "sample_postings": "sample",
}


def __getattr__(name: str) -> Any:
    if name in _MODULE_OF:
        return getattr(import_module(f"rolemap.sources.{_MODULE_OF[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
