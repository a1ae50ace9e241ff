"""HTML to plain text, and the whitespace rules every later offset depends on.

The text extraction reads is `document_text(title, description)` = title + "\\n" + plain_text(description);
evidence offsets point into it, so these functions must stay deterministic and idempotent.
"""

from __future__ import annotations

import html
import re
import unicodedata

from selectolax.lexbor import LexborHTMLParser

# A text is HTML when it opens a tag boards write descriptions in, or closes any tag a page may hold: a
# closed <style> or <script> alone makes a page's description HTML, so its code never reaches the text,
# while one mention of "<script>" in prose ("XSS such as <script> injection") or a generic type
# ("Optional<String>") leaves a text as written.
_OPENING = (
    r"(?:p|br|div|li|ul|ol|h[1-6]|span|b|strong|i|em|a|font|pre|code|table|tr|td|section|article|body|html)"
)
_CLOSING = (
    r"(?:p|div|li|ul|ol|dl|dt|dd|h[1-6]|span|b|strong|i|em|u|s|a|font|small|big|sub|sup|pre|code|"
    r"blockquote|center|table|thead|tbody|tr|td|th|section|article|header|footer|main|nav|body|html|head|"
    r"script|style|noscript|template|svg|iframe)"
)
_HTML_TAG = re.compile(rf"<{_OPENING}\b|</{_CLOSING}\s*>", re.I)
_ESCAPED_TAG = re.compile(rf"&lt;(?:p|div|ul|li|h[1-6]|br|strong|span)\b|&lt;/{_CLOSING}\s*&gt;", re.I)
_UNESCAPES = 3  # HTML, entity-escaped HTML (Greenhouse's `content`), HTML escaped twice by a page
_BLOCK_TAGS = (
    "p", "div", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr",
    "section", "article", "header", "footer", "blockquote", "dl", "dt", "dd",
)  # fmt: skip
_DROP_TAGS = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
# Line breaks go into the markup as text before it is parsed: one regex pass instead of a DOM walk.
# Each matches the "<" of a tag and is replaced by a plain string: a pattern that starts with a literal
# and needs no template to expand is the regex module's fastest path.
_LINE_BREAK_TAG = re.compile(r"<(?=/?(?:" + "|".join(_BLOCK_TAGS) + r"|li|br)\b)", re.I)
_LIST_ITEM = re.compile(r"<(?=li\b)", re.I)
_CELL_END = re.compile(r"<(?=/t[dh]\b)", re.I)
_INVISIBLE = ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")
_ODD_SPACES = "\t\f\v\u00a0\u2000-\u200a\u202f\u205f\u3000"
_SPACES = re.compile(rf"[ {_ODD_SPACES}]{{2,}}|[{_ODD_SPACES}]")
_ODD_SPACE = re.compile(rf"[{_ODD_SPACES}]")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def looks_like_html(text: str) -> bool:
    return bool(_HTML_TAG.search(text) or _ESCAPED_TAG.search(text))


def html_to_text(markup: str) -> str:
    """Render HTML as plain text: blocks become lines, list items become "- " bullets, cells end in " | "."""
    if _ESCAPED_TAG.search(markup) and not _HTML_TAG.search(markup):
        markup = html.unescape(markup)  # Greenhouse sends its HTML entity-escaped
    markup = _LINE_BREAK_TAG.sub("\n<", markup)
    markup = _LIST_ITEM.sub("- <", markup)
    markup = _CELL_END.sub(" | <", markup)  # inside the cell, so the parser keeps it in place
    tree = LexborHTMLParser(markup)
    tree.strip_tags(list(_DROP_TAGS))
    root = tree.body or tree.root
    if root is None:
        return ""
    return normalise_text(root.text(deep=True, separator="", strip=False))


# Unicode's mathematical alphanumerics, which styled text (bold, italic, script headings) is written in, and
# the letters of the letterlike symbols that fill its gaps (italic "ℎ", script "ℴ", double-struck "ℝ")
_STYLED = re.compile("[\U0001d400-\U0001d7ff\u2100-\u214f]")


def _unstyled(m: re.Match[str]) -> str:
    """A styled letter as the letter it styles; a symbol of the letterlike block ("™", "℃") as written."""
    ch = m.group()
    return unicodedata.normalize("NFKC", ch) if unicodedata.category(ch).startswith("L") else ch


def normalise_text(text: str) -> str:
    """NFC (styled letters as the letters they style), one kind of newline and space, no invisible
    characters, at most one blank line in a row."""
    if text.isascii():  # of the odd spaces, ASCII has only three: three plain string searches
        odd_space = "\t" in text or "\f" in text or "\v" in text
    else:
        text = unicodedata.normalize("NFC", text)
        if _STYLED.search(text):  # "𝐏𝐨𝐫𝐭𝐨, 𝐏𝐨𝐫𝐭𝐮𝐠𝐚𝐥": bold or script letters are the letters they style
            text = _STYLED.sub(_unstyled, text)
        for ch in _INVISIBLE:
            if ch in text:
                text = text.replace(ch, "")
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
        odd_space = _ODD_SPACE.search(text) is not None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Each step runs only when its target is there, and the common ones are plain string passes.
    if odd_space:
        text = _SPACES.sub(" ", text)
    while "  " in text:  # each pass halves every run of spaces, down to one
        text = text.replace("  ", " ")
    if " \n" in text or "\n " in text:
        text = text.replace(" \n", "\n").replace("\n ", "\n")  # runs of spaces are single by now
    if "\n\n\n" in text:
        text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


def plain_text(description: str) -> str:
    if not description:
        return ""
    for _ in range(_UNESCAPES):
        if looks_like_html(description):
            return html_to_text(description)
        unescaped = html.unescape(description) if "&" in description else description
        if unescaped == description:
            break
        description = unescaped  # "&amp;lt;p&amp;gt;": escaped HTML, escaped again
    return normalise_text(description)


def document_text(title: str, description: str) -> str:
    """The text every evidence offset points into."""
    return normalise_text(title or "").replace("\n", " ") + "\n" + plain_text(description)
