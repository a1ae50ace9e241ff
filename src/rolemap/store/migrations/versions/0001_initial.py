"""The first schema: postings, their extraction records, skills and labels.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "postings",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("source", sa.String(20), nullable=False),
        sa.Column("board", sa.String(200)),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("company", sa.String(300)),
        sa.Column("location", sa.String(300)),
        sa.Column("url", sa.Text),
        sa.Column("posted_at", sa.String(40)),
        sa.Column("description", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("fingerprint", sa.String(40), nullable=False),
        sa.Column("duplicate_of", sa.String(200)),
        sa.Column("source_fields", sa.JSON, nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_postings_fingerprint", "postings", ["fingerprint"])
    op.create_index("ix_postings_board", "postings", ["board"])
    op.create_index("ix_postings_posted_at", "postings", ["posted_at"])
    op.create_table(
        "extractions",
        sa.Column(
            "posting_id", sa.String(200), sa.ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("extractor_version", sa.String(20), nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("seniority", sa.String(20)),
        sa.Column("primary_language", sa.String(30)),
        sa.Column("work_model", sa.String(20)),
        sa.Column("employment_type", sa.String(20)),
        sa.Column("years_min", sa.Integer),
        sa.Column("salary_min", sa.Float),
        sa.Column("salary_max", sa.Float),
        sa.Column("salary_currency", sa.String(3)),
        sa.Column("salary_period", sa.String(10)),
    )
    op.create_index("ix_extractions_seniority", "extractions", ["seniority"])
    op.create_table(
        "posting_skills",
        sa.Column(
            "posting_id", sa.String(200), sa.ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("skill_id", sa.String(100), primary_key=True),
        sa.Column("required", sa.Boolean, nullable=False),
    )
    op.create_index("ix_posting_skills_skill", "posting_skills", ["skill_id"])
    op.create_table(
        "posting_labels",
        sa.Column(
            "posting_id", sa.String(200), sa.ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("field", sa.String(20), primary_key=True),
        sa.Column("value", sa.String(100), primary_key=True),
        sa.Column("rank", sa.Integer, nullable=False),
    )
    op.create_index("ix_posting_labels_value", "posting_labels", ["field", "value"])


def downgrade() -> None:
    for table in ("posting_labels", "posting_skills", "extractions", "postings"):
        op.drop_table(table)
