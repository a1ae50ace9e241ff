"""Whether a posting asks for a skill or only says the company uses it (its stack, about-us text, "we use
…"): `posting_skills.asked`. Rows written before this migration were all read as asked, so they default to
true; re-ingesting (or `rolemap ingest` of records extracted again) writes the extractor's value.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # a plain ADD COLUMN with a default (SQLite and PostgreSQL alike): no copy of the table
    op.add_column("posting_skills", sa.Column("asked", sa.Boolean, nullable=False, server_default=sa.true()))


def downgrade() -> None:
    with op.batch_alter_table("posting_skills") as batch:
        batch.drop_column("asked")
