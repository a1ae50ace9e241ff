"""Fingerprints that tell a board's openings apart: a job board's posting that states its place, pay or
employment type (`source_fields["facts_from"]`) is fingerprinted by its words and those facts
(`repository.opening_facts`), so the same job posted for two offices is two openings, not an exact copy.

Rows stored before this revision are fingerprinted again from their stored text, location and source fields,
a batch at a time in id order; a row whose source states none of those facts keeps its fingerprint. Which
posting is an exact copy of which (`duplicate_of`) is left as it is, so no count changes on opening a store:
a later posting is judged by the new fingerprints, and twins merged before are told apart when their board
is fetched (or their file ingested) again, which writes each posting's `duplicate_of` anew.

Revision ID: 0010
Revises: 0009
"""

import json

import sqlalchemy as sa
from alembic import op

from rolemap.store.repository import fingerprint, opening_facts

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_BATCH = 2000
_READ = (
    "SELECT id, board, text, location, source_fields, fingerprint FROM postings "
    "WHERE id > :after AND board IS NOT NULL AND CAST(source_fields AS TEXT) LIKE :facts ORDER BY id LIMIT :n"
)
_WRITE = "UPDATE postings SET fingerprint = :fingerprint WHERE id = :id"


def _refingerprint(with_facts: bool) -> None:
    conn = op.get_bind()
    read, write = sa.text(_READ), sa.text(_WRITE)
    after = ""
    while True:
        batch = conn.execute(read, {"after": after, "facts": "%facts_from%", "n": _BATCH}).all()
        if not batch:
            return
        changed = []
        for posting_id, board, text, location, fields, old in batch:
            fields = json.loads(fields) if isinstance(fields, str) else fields  # SQLite: JSON as text
            facts = opening_facts(board, location, fields) if with_facts else None
            new = fingerprint(text or "", facts)
            if new != old:
                changed.append({"id": posting_id, "fingerprint": new})
        if changed:
            conn.execute(write, changed)
        after = batch[-1][0]


def upgrade() -> None:
    _refingerprint(with_facts=True)


def downgrade() -> None:
    _refingerprint(with_facts=False)
