"""The seeker's tracker (a saved posting's status and notes) and full-text search over postings:
SQLite's FTS5 (an external-content index kept current by triggers) or PostgreSQL's tsvector with a GIN
index over the same words.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# What search reads: title, company, location and the document text (title + plain description), with
# English stemming on both back ends (FTS5's porter, PostgreSQL's english configuration).
_SQLITE_FTS = [
    """CREATE VIRTUAL TABLE postings_fts USING fts5(
        title, company, location, text, content='postings', content_rowid='rowid',
        tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE TRIGGER postings_fts_insert AFTER INSERT ON postings BEGIN
        INSERT INTO postings_fts(rowid, title, company, location, text)
        VALUES (new.rowid, new.title, new.company, new.location, new.text); END""",
    """CREATE TRIGGER postings_fts_delete AFTER DELETE ON postings BEGIN
        INSERT INTO postings_fts(postings_fts, rowid, title, company, location, text)
        VALUES ('delete', old.rowid, old.title, old.company, old.location, old.text); END""",
    # Only a change of the searched words reindexes: a re-seen posting (last_seen) does not.
    """CREATE TRIGGER postings_fts_update AFTER UPDATE OF title, company, location, text ON postings
        WHEN old.title IS NOT new.title OR old.company IS NOT new.company
          OR old.location IS NOT new.location OR old.text IS NOT new.text BEGIN
        INSERT INTO postings_fts(postings_fts, rowid, title, company, location, text)
        VALUES ('delete', old.rowid, old.title, old.company, old.location, old.text);
        INSERT INTO postings_fts(rowid, title, company, location, text)
        VALUES (new.rowid, new.title, new.company, new.location, new.text); END""",
    "INSERT INTO postings_fts(postings_fts) VALUES ('rebuild')",
]
POSTGRES_DOCUMENT = (
    "to_tsvector('english', coalesce(title, '') || ' ' || coalesce(company, '') || ' ' || "
    "coalesce(location, '') || ' ' || text)"
)


def upgrade() -> None:
    op.create_table(
        "tracker",
        sa.Column(
            "posting_id", sa.String(200), sa.ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in _SQLITE_FTS:
            op.execute(statement)
    else:
        op.execute(f"CREATE INDEX ix_postings_search ON postings USING gin ({POSTGRES_DOCUMENT})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER postings_fts_{name}")
        op.execute("DROP TABLE postings_fts")
    else:
        op.drop_index("ix_postings_search", "postings")
    op.drop_table("tracker")
