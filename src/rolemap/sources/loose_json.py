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

MAX_REPAIRED_CHARS = 2_000_000  # larger blocks are read as strict JSON only: no page's JSON-LD is that big
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
    if len(text) > MAX_REPAIRED_CHARS:
        raise _refused(first)
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
    raise _refused(first)


def _refused(error: json.JSONDecodeError) -> ValueError:
    return ValueError(f"not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})")


def _loads(text: str) -> Any:
    return json.loads(text, strict=False)


_DECODER = json.JSONDecoder(strict=False)


def _loads_all(text: str) -> Any:
    """One object or array, or a list of those written one after another (`{…}{…}` or `{…},{…}`)."""
    values = []
    position, end = 0, len(text)
    while True:
        while position < end and (text[position].isspace() or text[position] in ",;"):
            position += 1
        if position >= end:
            break
        if text[position] not in "{[":
            raise json.JSONDecodeError("Expecting an object or an array", text, position)
        value, position = _DECODER.raw_decode(text, position)
        values.append(value)
    if not values:
        raise json.JSONDecodeError("Expecting value", text, 0)
    return values[0] if len(values) == 1 else values


# A string (kept as it is), a comment, or a comma that only a closing bracket follows. One regular
# expression, so a large block is repaired at the speed of `re`, not of a Python loop.
# A string or a comment left open runs to the end of the text, so that no start is scanned twice.
_TOKENS = re.compile(r'("[^"\\]*(?:\\.[^"\\]*)*(?:"|\Z))|//[^\n]*|/\*.*?(?:\*/|\Z)|,(?=\s*[}\]])', re.DOTALL)


def _repaired(text: str) -> str:
    """`text` without comments and without a comma before `}` or `]`, strings left exactly as they are."""
    return _TOKENS.sub(r"\1", text)  # a string is group 1; the rest is replaced by nothing
