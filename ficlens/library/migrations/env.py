"""Alembic's environment: runs the revisions on the connection :mod:`ficlens.library.db` gives.

There is no ``alembic.ini``; :func:`ficlens.library.db.alembic_config` builds the configuration
in code and passes an open connection in ``config.attributes["connection"]``.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from ficlens.library.tables import Base, include_name


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        include_name=include_name,
        # SQLite cannot ALTER most things in place; batch mode copies the table instead.
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError(
            "run the library's migrations through ficlens.library.db.migrate(), "
            "which passes the connection"
        )
    _run(connection)


_main()
