"""Near-duplicate groups: a posting that repeats an earlier one with small edits points at the one that
counts (`rolemap near-dups --apply`), and the market leaves it out.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("postings", sa.Column("near_duplicate_of", sa.String(200)))
    op.create_index("ix_postings_near_duplicate_of", "postings", ["near_duplicate_of"])


def downgrade() -> None:
    op.drop_index("ix_postings_near_duplicate_of", "postings")
    with op.batch_alter_table("postings") as batch:
        batch.drop_column("near_duplicate_of")
