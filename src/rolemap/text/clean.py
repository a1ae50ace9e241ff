"""HTML to plain text, and the whitespace rules every later offset depends on.

The text extraction reads is `document_text(title, description)` = title + "\\n" + plain_text(description);
evidence offsets point into it, so these functions must stay deterministic and idempotent.
"""

from __future__ import annotations

import html
import re
import unicodedata

from selectolax.lexbor import LexborHTMLParser

_HTML_TAG = re.compile(
    r"<(?:p|br|div|li|ul|ol|h[1-6]|span|b|strong|i|em|a|font|pre|code|table|tr|td|section|article|body|html)\b",
    re.I,
)
_ESCAPED_TAG = re.compile(r"&lt;(?:p|div|ul|li|h[1-6]|br|strong|span)\b", re.I)
_BLOCK_TAGS = (
    "p", "div", "br", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr",
    "section", "article", "header", "footer", "blockquote", "dl", "dt", "dd",
)  # fmt: skip
_DROP_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def looks_like_html(text: str) -> bool:
    return bool(_HTML_TAG.search(text) or _ESCAPED_TAG.search(text))


def html_to_text(markup: str) -> str:
    """Render HTML as plain text: blocks become lines, list items become "- " bullets."""
    if _ESCAPED_TAG.search(markup) and not _HTML_TAG.search(markup):
        markup = html.unescape(markup)  # Greenhouse sends its HTML entity-escaped
    tree = LexborHTMLParser(markup)
    tree.strip_tags(list(_DROP_TAGS))
    root = tree.body or tree.root
    if root is None:
        return ""
    for node in root.css("li"):
        node.insert_before("\n- ")
        node.insert_after("\n")
    for node in root.css(",".join(_BLOCK_TAGS)):
        if node.tag == "br":
            node.replace_with("\n")
        else:
            node.insert_before("\n")
            node.insert_after("\n")
    for node in root.css("td,th"):
        node.insert_after(" | ")
    return normalise_text(root.text(deep=True, separator="", strip=False))


def normalise_text(text: str) -> str:
    """NFC, one kind of newline and space, no invisible characters, at most one blank line in a row."""
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


def plain_text(description: str) -> str:
    if not description:
        return ""
    if looks_like_html(description):
        return html_to_text(description)
    return normalise_text(html.unescape(description) if "&" in description else description)


def document_text(title: str, description: str) -> str:
    """The text every evidence offset points into."""
    return normalise_text(title or "").replace("\n", " ") + "\n" + plain_text(description)
