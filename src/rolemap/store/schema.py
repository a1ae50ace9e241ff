"""The store's tables (SQLAlchemy Core). Changes go through a migration in migrations/versions/."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    true,
)

metadata = MetaData()

postings = Table(
    "postings",
    metadata,
    Column("id", String(200), primary_key=True),
    Column("source", String(20), nullable=False),
    Column("board", String(200)),  # a complete listing ("greenhouse:acme"): postings gone from it get closed
    Column("title", Text, nullable=False, default=""),
    Column("company", String(300)),
    Column("location", String(300)),
    Column("url", Text),
    Column("posted_at", String(40)),
    Column("description", Text, nullable=False, default=""),
    Column("text", Text, nullable=False, default=""),  # title + "\n" + plain description: evidence offsets
    Column("fingerprint", String(40), nullable=False),
    Column("duplicate_of", String(200)),  # the first posting with the same content, from any source
    Column(
        "near_duplicate_of", String(200)
    ),  # migration 0004: the posting of its near-duplicate group that counts
    Column("source_fields", JSON, nullable=False, default=dict),
    Column("first_seen", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True)),
    Index("ix_postings_fingerprint", "fingerprint"),
    Index("ix_postings_board", "board"),
    Index("ix_postings_posted_at", "posted_at"),
    Index("ix_postings_last_seen", "last_seen"),  # migration 0002: the market frame's change check
    Index("ix_postings_closed_at", "closed_at"),
    Index("ix_postings_near_duplicate_of", "near_duplicate_of"),
)

extractions = Table(
    "extractions",
    metadata,
    Column("posting_id", String(200), ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True),
    Column("extractor_version", String(20), nullable=False),
    Column("record", JSON, nullable=False),
    # the record's scalar fields again, as columns, so analytics filter and group without parsing JSON
    Column("seniority", String(20)),
    Column("primary_language", String(30)),
    Column("work_model", String(20)),
    Column("employment_type", String(20)),
    Column("years_min", Integer),
    Column("salary_min", Float),
    Column("salary_max", Float),
    Column("salary_currency", String(3)),
    Column("salary_period", String(10)),
    Column("company", String(300)),  # migration 0005: the hirer the record names (version 2)
    Column("title", String(500)),
    Index("ix_extractions_seniority", "seniority"),
    Index("ix_extractions_company", "company"),
)

posting_skills = Table(
    "posting_skills",
    metadata,
    Column("posting_id", String(200), ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True),
    Column("skill_id", String(100), primary_key=True),
    Column("required", Boolean, nullable=False),
    # false: the posting only says the company uses it (stack, about-us text); migration 0008
    Column("asked", Boolean, nullable=False, server_default=true()),
    Index("ix_posting_skills_skill", "skill_id"),
)

# Multi-valued labels of the record: field is "language", "system_type", "domain", "scope", and (version 2)
# "family" (role families), "country" (ISO code) and "city" ("Berlin, DE"); "salary_family" (the families
# the salary counts for) and, migration 0009, "role" (each distinct role as "family:level", store/roles.py).
posting_labels = Table(
    "posting_labels",
    metadata,
    Column("posting_id", String(200), ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True),
    Column("field", String(20), primary_key=True),
    Column("value", String(100), primary_key=True),
    Column("rank", Integer, nullable=False, default=0),
    Index("ix_posting_labels_value", "field", "value"),
)

# The seeker's tracker (migration 0003, dates and pay 0006): a saved posting, its status and notes.
TRACKER_STATUSES = ("saved", "applied", "interviewing", "offer", "rejected", "closed")
tracker = Table(
    "tracker",
    metadata,
    Column("posting_id", String(200), ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True),
    Column("status", String(20), nullable=False),
    Column("notes", Text, nullable=False, server_default=""),
    Column("saved_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    # migration 0006: the seeker's dates and the pay they noted, as written and read as an amount
    Column("applied_on", Date),
    Column("follow_up_on", Date),
    Column("salary", String(100), nullable=False, server_default=""),
    Column("salary_amount", Float),
    Column("salary_currency", String(3)),
    Index("ix_tracker_status", "status"),
)

# A user's own labels (migration 0007): one row a corrected field of a posting, the value as JSON. The
# extraction rows carry the corrected values (store/corrections.py); this is what puts them back over a
# record extracted again.
corrections = Table(
    "corrections",
    metadata,
    Column("posting_id", String(200), ForeignKey("postings.id", ondelete="CASCADE"), primary_key=True),
    Column("field", String(30), primary_key=True),
    Column("value", JSON),
    Column("set_at", DateTime(timezone=True), nullable=False),
    Index("ix_corrections_set_at", "set_at"),
)
