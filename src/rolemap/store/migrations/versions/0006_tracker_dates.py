"""One tracker for the CLI, the web and the API: a tracked posting gets the day the seeker applied, the day
to follow up, and the pay they noted.

The pay is kept twice: `salary` as the seeker wrote it ("€70k + equity", up to 100 characters), and
`salary_amount` + `salary_currency` read from it (70000.0, "EUR") so the tracker sorts by pay. Rows saved
before this revision keep their status and notes and have no dates or pay.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("tracker") as batch:
        batch.add_column(sa.Column("applied_on", sa.Date))
        batch.add_column(sa.Column("follow_up_on", sa.Date))
        batch.add_column(sa.Column("salary", sa.String(100), nullable=False, server_default=""))
        batch.add_column(sa.Column("salary_amount", sa.Float))
        batch.add_column(sa.Column("salary_currency", sa.String(3)))
    op.create_index("ix_tracker_status", "tracker", ["status"])


def downgrade() -> None:
    op.drop_index("ix_tracker_status", "tracker")
    with op.batch_alter_table("tracker") as batch:
        batch.drop_column("salary_currency")
        batch.drop_column("salary_amount")
        batch.drop_column("salary")
        batch.drop_column("follow_up_on")
        batch.drop_column("applied_on")
