"""The first library schema: works, chapters, notes, tags, characters, reading state, FTS.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def _work_id() -> sa.ForeignKey:
    return sa.ForeignKey("works.id", ondelete="CASCADE")


# SQLite only: an external-content FTS5 index over the works table (no second copy of the text).
# The repository keeps it in sync (ficlens/library/fts.py). Porter stemming lets "waited" find
# "waiting"; remove_diacritics lets "cafe" find "café".
_FTS = (
    "CREATE VIRTUAL TABLE works_fts USING fts5("
    "title, summary, notes_text, text, content='works', content_rowid='id', "
    "tokenize='porter unicode61 remove_diacritics 2')"
)
# FTS5's persistent rank function: bm25 with title, summary, notes and text weighted 10:4:1:1,
# so a title match ranks first and "ORDER BY rank LIMIT n" stays inside the index.
_FTS_RANK = "INSERT INTO works_fts(works_fts, rank) VALUES('rank', 'bm25(10.0, 4.0, 1.0, 1.0)')"


def upgrade() -> None:
    """Create the tables, their indexes and (on SQLite) the full-text index."""
    op.create_table(
        "works",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("authors", _JSON, nullable=False),
        sa.Column("match_key", sa.Text),
        sa.Column("summary", sa.Text),
        sa.Column("source_path", sa.Text, nullable=False),
        sa.Column("source_url", sa.Text),
        sa.Column("source_format", sa.String(16), nullable=False),
        sa.Column("source_flavour", sa.String(16), nullable=False),
        sa.Column("rating", sa.String(64)),
        sa.Column("words", sa.Integer, nullable=False),
        sa.Column("chapter_count", sa.Integer, nullable=False),
        sa.Column("complete", sa.Boolean),
        sa.Column("language", sa.String(32)),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("methods", _JSON, nullable=False),
        sa.Column("analysis", _JSON, nullable=False),
        sa.Column("notes_text", sa.Text, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_works_match_key", "works", ["match_key"])
    op.create_index("ix_works_source_url", "works", ["source_url"])
    op.create_index("ix_works_words", "works", ["words"])
    op.create_table(
        "chapters",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("work_id", sa.Integer, _work_id(), nullable=False),
        sa.Column("index", sa.Integer, nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("words", sa.Integer, nullable=False),
        sa.UniqueConstraint("work_id", "index"),
    )
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("work_id", sa.Integer, _work_id(), nullable=False),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("chapter", sa.Integer),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_index("ix_notes_work_id", "notes", ["work_id"])
    op.create_table(
        "tags",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("key", sa.Text, nullable=False),
        sa.UniqueConstraint("type", "key"),
    )
    op.create_table(
        "work_tags",
        sa.Column("work_id", sa.Integer, _work_id(), primary_key=True),
        sa.Column(
            "tag_id", sa.Integer, sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("source", sa.String(16), primary_key=True),
    )
    op.create_index("ix_work_tags_tag_work", "work_tags", ["tag_id", "work_id"])
    op.create_table(
        "characters",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("work_id", sa.Integer, _work_id(), nullable=False),
        sa.Column("key", sa.String(32), nullable=False),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("aliases", _JSON, nullable=False),
        sa.Column("gender", sa.String(32)),
        sa.Column("canon", sa.Boolean, nullable=False),
        sa.Column("mentions", sa.Integer, nullable=False),
        sa.Column("first", sa.Integer, nullable=False),
        sa.UniqueConstraint("work_id", "key"),
    )
    op.create_table(
        "reading_state",
        sa.Column("work_id", sa.Integer, _work_id(), primary_key=True),
        sa.Column("chapter", sa.Integer, nullable=False),
        sa.Column("offset", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute(_FTS)
        op.execute(_FTS_RANK)


def downgrade() -> None:
    """Drop everything :func:`upgrade` created."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE works_fts")
    for table in ("reading_state", "characters", "work_tags", "tags", "notes", "chapters"):
        op.drop_table(table)
    op.drop_index("ix_works_words", "works")
    op.drop_index("ix_works_source_url", "works")
    op.drop_index("ix_works_match_key", "works")
    op.drop_table("works")
