"""Stage 1: sources. Every reader yields `Posting`s, or a `PostingError` for one bad posting."""

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
