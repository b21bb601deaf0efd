"""Where the library lives and how it is opened: database URLs, engines, migrations, sessions.

The default is a SQLite file in the user's data directory (``~/.local/share/ficlens/library.db``
on Linux); ``--db`` or the ``FICLENS_DB`` environment variable name another, as a SQLAlchemy URL
(``sqlite:///books.db``, ``postgresql://...``) or a plain file path.

Example:
    >>> library = open_library("sqlite://")      # an in-memory library
    >>> with library.sessions.begin() as session:  # doctest: +SKIP
    ...     add_or_update(session, analysis)
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import StaticPool

from ficlens.library.errors import DatabaseError

DB_ENV = "FICLENS_DB"
"""The environment variable that names the library's database when ``--db`` is not given."""

MIGRATIONS = Path(__file__).parent / "migrations"


def default_database_path() -> Path:
    """The default SQLite file: ``library.db`` in the user's data directory."""
    return platformdirs.user_data_path("ficlens", appauthor=False) / "library.db"


def database_url(value: str | None = None) -> str:
    """The database URL to use: ``value``, else ``$FICLENS_DB``, else the default file.

    A value without ``://`` is a SQLite file path; ``postgresql://`` means psycopg 3.

    Example:
        >>> database_url("/tmp/books.db")
        'sqlite:////tmp/books.db'
    """
    chosen = value or os.environ.get(DB_ENV) or str(default_database_path())
    if "://" not in chosen:
        return f"sqlite:///{Path(chosen).expanduser()}"
    if chosen.startswith("postgresql://"):
        return "postgresql+psycopg://" + chosen.removeprefix("postgresql://")
    return chosen


def _safe(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "the database URL"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")  # SQLite leaves them off per connection
    # Write-ahead logging: readers (the web app) never wait for an import, and a commit costs
    # one sync instead of two. In-memory databases answer "memory" and stay as they are.
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def create_library_engine(url: str) -> Engine:
    """An engine for a library URL; creates a SQLite file's folder.

    Raises:
        DatabaseError: the URL is malformed or names an unknown database driver, or a SQLite
            file that is a folder.
    """
    try:
        parsed = make_url(url)
        memory = parsed.get_backend_name() == "sqlite" and parsed.database in (None, "", ":memory:")
        if parsed.get_backend_name() == "sqlite" and not memory and parsed.database:
            file = Path(parsed.database).expanduser()
            if file.is_dir():
                raise DatabaseError(f"{file}: a folder, not a library file (give a file in it)")
            file.parent.mkdir(parents=True, exist_ok=True)
        # One shared connection keeps an in-memory database alive between sessions.
        options: dict[str, Any] = {"poolclass": StaticPool} if memory else {}
        if parsed.get_backend_name() != "sqlite":
            # A database server may restart: test a pooled connection before handing it out.
            options["pool_pre_ping"] = True
        engine = create_engine(parsed, **options)
    except (ArgumentError, ImportError) as error:
        raise DatabaseError(f"{_safe(url)}: cannot use this database ({error})") from None
    except (OSError, ValueError) as error:
        raise DatabaseError(f"{_safe(url)}: cannot create its folder ({error})") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code (no ``alembic.ini``).

    Args:
        connection: the open connection the migrations run on (see ``migrations/env.py``).
    """
    config = Config()
    # ConfigParser interpolates %; a path may hold one.
    config.set_main_option("script_location", str(MIGRATIONS).replace("%", "%%"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def current_revision(engine: Engine) -> str | None:
    """The schema revision the database is at, or ``None`` for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def migrate(engine: Engine, revision: str = "head") -> None:
    """Upgrade the database's schema to ``revision`` (the newest by default).

    Raises:
        DatabaseError: the database cannot be reached or is at a revision this FicLens does
            not know (made by a newer version).
    """
    _run_alembic(engine, "upgrade", revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Downgrade the schema to ``revision``; ``base`` drops every library table."""
    _run_alembic(engine, "downgrade", revision)


def _run_alembic(engine: Engine, action: str, revision: str) -> None:
    try:
        with engine.begin() as connection:
            config = alembic_config(connection)
            if action == "upgrade" and revision == "head":
                head = ScriptDirectory.from_config(config).get_current_head()
                if MigrationContext.configure(connection).get_current_revision() == head:
                    return
            getattr(command, action)(config, revision)
    except CommandError as error:
        raise DatabaseError(
            f"{_safe(str(engine.url))}: cannot {action} the library's schema ({error}); "
            "was it made by a newer FicLens?"
        ) from None
    except SQLAlchemyError as error:
        raise DatabaseError(f"{_safe(str(engine.url))}: {error.__class__.__name__}: {error}") from (
            None
        )


@dataclass(frozen=True, slots=True)
class Library:
    """An open library: its engine and a session factory.

    Use ``with library.sessions.begin() as session:`` for one transaction, and the library
    itself as a context manager (or :meth:`close`) to release its connections.
    """

    engine: Engine
    sessions: sessionmaker[Session]

    @property
    def url(self) -> str:
        """The database URL, password hidden."""
        return _safe(str(self.engine.url))

    def close(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def open_library(url: str | None = None, *, upgrade: bool = True) -> Library:
    """Open (and by default create or upgrade) the library at ``url``.

    Args:
        url: a database URL or SQLite file path; see :func:`database_url` for the default.
        upgrade: bring the schema to the newest revision first.

    Raises:
        DatabaseError: the database cannot be opened or migrated.
    """
    engine = create_library_engine(database_url(url))
    if upgrade:
        migrate(engine)
    return Library(engine, sessionmaker(engine, expire_on_commit=False))
