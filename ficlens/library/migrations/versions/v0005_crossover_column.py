"""Store whether a work is a crossover, counting canons rather than fandom tags.

Before this revision a crossover was any work with two or more fandom tags from one source, so
an AO3 work tagged ``Marvel Cinematic Universe`` and ``Captain America (Movies)`` (one canon)
was listed among crossovers. The library now decides it when it stores a work
(:func:`ficlens.library.tags.is_crossover`, tags naming one fandom pack are one canon) and
keeps the answer in ``works.crossover``; this revision adds the column and fills it from the
fandom tags already stored.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ficlens.library.migrations.crossovers import recount_crossovers

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add ``works.crossover`` (false by default) and set it for the stored crossovers."""
    op.add_column(
        "works",
        sa.Column("crossover", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    recount_crossovers(op.get_bind())


def downgrade() -> None:
    """Drop the column (revision 0004 counted fandom tags at query time)."""
    op.drop_column("works", "crossover")
