"""A user's own labels: one row a corrected field of a posting, its value as JSON and when it was set.
The extraction rows (`extractions`, `posting_skills`, `posting_labels`) carry the corrected values; this
table is what re-ingest and re-extraction put back over a new record (store/corrections.py).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "corrections",
        sa.Column(
            "posting_id", sa.String(200), sa.ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("field", sa.String(30), primary_key=True),
        sa.Column("value", sa.JSON),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
    )
    # the market frame's change check reads max(set_at)
    op.create_index("ix_corrections_set_at", "corrections", ["set_at"])


def downgrade() -> None:
    op.drop_index("ix_corrections_set_at", "corrections")
    op.drop_table("corrections")
