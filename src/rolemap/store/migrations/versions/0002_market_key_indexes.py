"""Indexes that let the market frame check in milliseconds whether the store changed: the newest
last_seen and closed_at come from an index instead of a scan of every posting.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_postings_last_seen", "postings", ["last_seen"])
    op.create_index("ix_postings_closed_at", "postings", ["closed_at"])


def downgrade() -> None:
    op.drop_index("ix_postings_closed_at", "postings")
    op.drop_index("ix_postings_last_seen", "postings")
