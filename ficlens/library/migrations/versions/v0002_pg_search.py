"""PostgreSQL full-text search: a generated ``tsvector`` column on works and its GIN index.

Nothing changes on SQLite, whose FTS5 index came with revision 0001.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Weights: title A, summary B, notes C, text D (ts_rank's weight array makes them 10:4:1:1).
# A tsvector holds at most 1 MB, so only the first million characters of a text are indexed.
_COLUMN = (
    "ALTER TABLE works ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(summary, '')), 'B') || "
    "setweight(to_tsvector('english'::regconfig, coalesce(notes_text, '')), 'C') || "
    "setweight(to_tsvector('english'::regconfig, left(text, 1000000)), 'D')"
    ") STORED"
)


def upgrade() -> None:
    """On PostgreSQL, add ``works.search_vector`` and its GIN index."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(_COLUMN)
        op.execute("CREATE INDEX ix_works_search_vector ON works USING gin (search_vector)")


def downgrade() -> None:
    """Drop what :func:`upgrade` added."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_works_search_vector")
        op.execute("ALTER TABLE works DROP COLUMN search_vector")
