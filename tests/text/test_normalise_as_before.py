"""normalise_text's fast paths (three string searches for ASCII's odd spaces, runs of spaces halved by
str.replace) give what its regex passes gave: checked against them, kept here as the reference (with the
styled letters read as the letters they style, character by character)."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from rolemap.text.clean import normalise_text

_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
_ODD = "\t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000"


def _styled(ch: str) -> bool:
    """A letter of the mathematical alphanumerics or of the letterlike symbols: styled text's."""
    return ("\U0001d400" <= ch <= "\U0001d7ff" or "\u2100" <= ch <= "\u214f") and unicodedata.category(
        ch
    ).startswith("L")


def _reference(text: str) -> str:
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
        text = "".join(unicodedata.normalize("NFKC", ch) if _styled(ch) else ch for ch in text)
        for ch in _INVISIBLE:
            text = text.replace(ch, "")
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = re.sub(rf"[ {_ODD}]{{2,}}|[{_ODD}]", " ", text)
    text = re.sub(" {2,}", " ", text)
    text = text.replace(" \n", "\n").replace("\n ", "\n")
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_PIECES = [
    " ",
    "  ",
    "\t",
    "\f",
    "\v",
    "\r",
    "\r\n",
    "\n",
    "\u00a0",
    "\u2003",
    "\u3000",
    "\u200b",
    "\u2028",
    "a",
    "\U0001d400",  # a bold "A": styled text
    "\u210e",  # an italic "h" of the letterlike symbols
    "\u2122",  # "™", a symbol of that block, which stays
]


@settings(max_examples=1000)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=2), max_size=30).map("".join))
def test_normalise_text_as_its_regex_passes(text):
    assert normalise_text(text) == _reference(text)
