"""Word lists the extractor reads (data/wordlists.json): knowledge is data, loaded once."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from rolemap.errors import DataError


@cache
def _all() -> dict[str, Any]:
    raw = resources.files("rolemap.extract").joinpath("data/wordlists.json").read_text(encoding="utf-8")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as e:
        raise DataError(f"wordlists.json: not valid JSON: {e}") from e
    if not isinstance(data, dict):
        raise DataError("wordlists.json: the top level must be an object of named lists")
    return data


def load_wordlist(name: str) -> Any:
    data = _all()
    if name not in data:
        raise DataError(f"wordlists.json: no list named {name!r}")
    return data[name]
