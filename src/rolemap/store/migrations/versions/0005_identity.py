"""Extraction record version 2: the hirer and the title as columns of `extractions` (the market counts
companies from the record, not from a source's guess), and role families and places as labels.

Records extracted before this revision have no company: `rolemap ingest` of the same source again
re-extracts them (a posting re-ingested is updated in place).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("extractions") as batch:
        batch.add_column(sa.Column("company", sa.String(300)))
        batch.add_column(sa.Column("title", sa.String(500)))
    op.create_index("ix_extractions_company", "extractions", ["company"])


def downgrade() -> None:
    op.drop_index("ix_extractions_company", "extractions")
    with op.batch_alter_table("extractions") as batch:
        batch.drop_column("title")
        batch.drop_column("company")
