"""JSON as web pages embed it in `<script type="application/ld+json">`: what sites really emit, which strict
JSON refuses. Seen on real careers pages: a `//<![CDATA[ … //]]>` or `<!-- … -->` wrapper, raw line breaks
and tabs inside strings (a description pasted as is), `//` and `/* */` comments, a comma before a closing
bracket, the whole block HTML-escaped (`{&quot;@type&quot;: …}`), and several values one after another.

`parse_embedded_json` tries strict JSON first (with control characters allowed), then repairs only what is
outside strings, so a `//` in a URL or a comma in a description is never touched. What still does not parse
is one ValueError with the strict parser's reason.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

_WRAPPERS = re.compile(
    r"^\s*(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)\s*$"
)  # the wrapper's opening at the start, its closing at the end


def parse_embedded_json(text: str) -> Any:
    """The JSON value of a script block, repaired as little as needed (see the module docstring)."""
    text = _WRAPPERS.sub("", text.strip()).strip()
    try:
        return _loads(text)
    except RecursionError:
        raise ValueError("not readable JSON: nested too deeply") from None
    except json.JSONDecodeError as e:
        first = e
    # comments go first, so that a comma they stood between and a bracket is seen as trailing
    candidates = [_repaired(_repaired(text))]
    if "&quot;" in text or "&#34;" in text:  # the block was HTML-escaped as a whole
        candidates.append(_repaired(_repaired(html.unescape(text))))
    for candidate in candidates:
        try:
            return _loads_all(candidate)
        except RecursionError:
            raise ValueError("not readable JSON: nested too deeply") from None
        except json.JSONDecodeError:
            continue
    raise ValueError(f"not valid JSON ({first.msg} at line {first.lineno}, column {first.colno})")


def _loads(text: str) -> Any:
    return json.loads(text, strict=False)


_DECODER = json.JSONDecoder(strict=False)


def _loads_all(text: str) -> Any:
    """One value, or a list of the values written one after another (`{…}{…}` or `{…},{…}`)."""
    values = []
    position, end = 0, len(text)
    while True:
        while position < end and (text[position].isspace() or text[position] in ",;"):
            position += 1
        if position >= end:
            break
        value, position = _DECODER.raw_decode(text, position)
        values.append(value)
    if not values:
        raise json.JSONDecodeError("Expecting value", text, 0)
    return values[0] if len(values) == 1 else values


def _repaired(text: str) -> str:
    """`text` without comments and without a comma before `}` or `]`, strings left exactly as they are."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
        elif text.startswith("//", i):
            newline = text.find("\n", i)
            i = n if newline < 0 else newline
        elif text.startswith("/*", i):
            close = text.find("*/", i + 2)
            i = n if close < 0 else close + 2
        elif ch == ",":
            j = i + 1
            while j < n and text[j].isspace():
                j += 1
            if j < n and text[j] in "}]":
                i += 1  # a trailing comma
                continue
            out.append(ch)
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)
