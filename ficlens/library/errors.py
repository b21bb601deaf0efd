"""The library's errors, all :class:`~ficlens.errors.FicLensError` subclasses."""

from __future__ import annotations

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
