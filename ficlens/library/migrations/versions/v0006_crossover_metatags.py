"""Count canons under one of AO3's meta tags as one canon when deciding crossovers.

AO3 calls a work a crossover only when its fandoms share no meta tag: ``Harry Potter - J. K.
Rowling`` beside ``Fantastic Beasts and Where to Find Them (Movies)`` is no crossover, both
being the Wizarding World. Fandom packs now list their meta tags (``metatags``) and
:func:`ficlens.fandoms.canon_count` joins canons that share one; this revision works out
``works.crossover`` again for the works already stored. The schema does not change.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05
"""

from __future__ import annotations

from alembic import op

from ficlens.library.migrations.crossovers import recount_crossovers

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Set ``works.crossover`` from the stored fandom tags, meta tags joining canons."""
    recount_crossovers(op.get_bind())


def downgrade() -> None:
    """Nothing to undo in the schema; revision 0005's count is one the meta tags refine."""
