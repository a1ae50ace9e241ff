"""Stage 2: turn a posting's description (HTML, Markdown or plain text) into the plain text extraction reads."""

from rolemap.text.clean import (
    document_text,
    html_to_text,
    looks_like_html,
    normalise_text,
    plain_text,
)

__all__ = ["document_text", "html_to_text", "looks_like_html", "normalise_text", "plain_text"]
