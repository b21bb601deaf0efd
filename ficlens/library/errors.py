"""The library's errors, all :class:`~ficlens.errors.FicLensError` subclasses."""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from ficlens.errors import FicLensError


class LibraryError(FicLensError):
    """The library cannot do what was asked; the message says what and why."""


class DatabaseError(LibraryError):
    """The database cannot be opened or migrated (bad URL, unwritable file, newer schema)."""


class WorkNotFoundError(LibraryError):
    """No work has the id asked for.

    Attributes:
        work_id: the id asked for.
    """

    def __init__(self, work_id: int) -> None:
        super().__init__(f"no work with id {work_id} in the library")
        self.work_id = work_id


def database_reason(error: SQLAlchemyError) -> str:
    """A database error in one line: the driver's class and the first line of its message.

    SQLAlchemy's statement, parameters (a work's text, for an insert) and link are left out.
    """
    cause = error.orig if isinstance(error, DBAPIError) and error.orig is not None else error
    lines = str(cause).strip().splitlines()
    return f"{type(cause).__name__}: {lines[0] if lines else ''}".rstrip(": ")
