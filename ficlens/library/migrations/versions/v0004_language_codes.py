"""Store declared language names as codes: a work saved as ``English`` becomes ``en``.

Before this revision a work imported without the spaCy stages kept its site's language name
(AO3's ``English``, ``Español``), while analysed works had a code, so one language made two
boxes in the listing and exports wrote a name where ``dc:language`` needs a code. New works are
stored as codes (:func:`ficlens.library.languages.language_code`); this revision rewrites the
stored ones. A name the table does not know is left as it is.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from ficlens.library.languages import language_code

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Rewrite every stored language the code table knows by name."""
    connection = op.get_bind()
    names = connection.scalars(sa.text("SELECT DISTINCT language FROM works")).all()
    for name in names:
        code = language_code(name)
        if name is not None and code != name:
            connection.execute(
                sa.text("UPDATE works SET language = :code WHERE language = :name"),
                {"code": code, "name": name},
            )


def downgrade() -> None:
    """Nothing to undo: a code is a valid language for every earlier revision."""
