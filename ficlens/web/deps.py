"""Request dependencies: a library session per request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from ficlens.library import Library


def library_of(request: Request) -> Library:
    """The library the app was built over."""
    library: Library = request.app.state.library
    return library


def _session(request: Request) -> Iterator[Session]:
    with library_of(request).sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(_session)]
"""A read session for the request; writes open their own transaction."""
