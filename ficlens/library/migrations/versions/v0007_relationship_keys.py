"""Key relationship tags by their names in order and without a fandom's disambiguation.

A library stored ``Steve Rogers & Natasha Romanov (Marvel)`` (detected in one work) and
``Natasha Romanov & Steve Rogers`` (declared by another) as two tags, listed apart in the
sidebar and filtered apart. The library now keys a relationship by
:func:`ficlens.library.records.tag_key`; this revision rekeys the stored ones and merges the
rows that become one tag. The schema does not change.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

from ficlens.library.migrations.tag_keys import fold_relationships, rekey_relationships

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Rekey the stored relationship tags, merging the forms of one relationship."""
    rekey_relationships(op.get_bind())


def downgrade() -> None:
    """Key relationship tags by their folded names again (merged rows stay merged)."""
    fold_relationships(op.get_bind())
