"""A market of roles: each posting's roles as `posting_labels` rows (field `role`, value `family:level`,
store/roles.py), so the market frame makes one row a role without parsing the extraction records.

Stores written before this revision are backfilled from their stored records (`extractions.record`: the
corrected one where a user corrected the role families), a batch of postings at a time, in posting id order:
only each record's `roles` and `role_families` are pulled out by the database's own JSON functions.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

from rolemap.store.roles import ROLE_FIELD, json_role_labels

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_BATCH = 5000
_READ = {
    "sqlite": "SELECT posting_id, json_extract(record, '$.roles'), json_extract(record, '$.role_families') "
    "FROM extractions WHERE posting_id > :after ORDER BY posting_id LIMIT :n",
    "postgresql": "SELECT posting_id, (record -> 'roles')::text, (record -> 'role_families')::text "
    "FROM extractions WHERE posting_id > :after ORDER BY posting_id LIMIT :n",
}
_WRITE = (
    "INSERT INTO posting_labels (posting_id, field, value, rank) VALUES (:posting_id, :field, :value, :rank)"
)


def upgrade() -> None:
    import json

    conn = op.get_bind()
    read, write = sa.text(_READ[conn.dialect.name]), sa.text(_WRITE)
    conn.execute(sa.text("DELETE FROM posting_labels WHERE field = :field"), {"field": ROLE_FIELD})
    after = ""
    while True:
        batch = conn.execute(read, {"after": after, "n": _BATCH}).all()
        if not batch:
            return
        rows = [
            {"posting_id": posting_id, "field": ROLE_FIELD, "value": value, "rank": rank}
            for posting_id, roles, families in batch
            for rank, value in enumerate(
                json_role_labels(
                    json.loads(roles) if roles else None, json.loads(families) if families else None
                )
            )
        ]
        if rows:
            conn.execute(write, rows)
        after = batch[-1][0]


def downgrade() -> None:
    op.get_bind().execute(sa.text("DELETE FROM posting_labels WHERE field = :field"), {"field": ROLE_FIELD})
