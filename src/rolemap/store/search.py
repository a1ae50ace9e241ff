"""Full-text search over the stored postings: SQLite FTS5 or PostgreSQL full text (migration 0003).
A query is a few words, all of which must occur (English stemming: "scaling" finds "scale"); operators
and quotes are read as plain words, so no input can make a malformed search expression."""

from __future__ import annotations

import re

from sqlalchemy import text

from rolemap.errors import InputError
from rolemap.store.db import Store

MAX_QUERY_CHARS = 200
MAX_WORDS = 12
_WORD = re.compile(r"\w+")
# The expression of migration 0003's GIN index, word for word, so PostgreSQL uses that index (a test
# keeps the two equal).
POSTGRES_DOCUMENT = (
    "to_tsvector('english', coalesce(title, '') || ' ' || coalesce(company, '') || ' ' || "
    "coalesce(location, '') || ' ' || text)"
)


def query_words(query: str) -> list[str]:
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(f"search {query[:40]!r}…: longer than {MAX_QUERY_CHARS} characters")
    words = _WORD.findall(query)
    if not words:
        raise InputError(f"search {query!r}: give at least one word (letters or digits)")
    if len(words) > MAX_WORDS:
        raise InputError(f"search {query[:40]!r}: more than {MAX_WORDS} words; keep the few that matter")
    return words


def search_ids(store: Store, query: str) -> set[str]:
    """The ids of the postings holding every word of the query (duplicates included)."""
    words = query_words(query)
    with store.read() as conn:
        if store.is_sqlite:
            # Each word quoted: FTS5 then reads it as a string, never as AND/OR/NEAR or a column filter.
            match = " ".join('"' + w.replace('"', "") + '"' for w in words)
            rows = conn.execute(
                text(
                    "SELECT p.id FROM postings_fts JOIN postings p ON p.rowid = postings_fts.rowid "
                    "WHERE postings_fts MATCH :match"
                ),
                {"match": match},
            )
        else:
            rows = conn.execute(
                text(f"SELECT id FROM postings WHERE {POSTGRES_DOCUMENT} @@ plainto_tsquery('english', :q)"),
                {"q": " ".join(words)},
            )
        return {row[0] for row in rows}
