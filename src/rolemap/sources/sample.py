"""The bundled sample: backend-related Hacker News "Who is hiring?" posts, 2013–2018 (see data/sample/README.md)."""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from rolemap.errors import PostingError
from rolemap.models import Posting

SAMPLE_PATH = Path(str(resources.files("rolemap").joinpath("data/sample/hn_backend_2013_2018.jsonl.gz")))


def sample_postings() -> Iterator[Posting | PostingError]:
    from rolemap.sources.files import jsonl_postings

    yield from jsonl_postings(SAMPLE_PATH)
