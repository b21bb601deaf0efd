"""Importing files into the library: read, analyse, store, one transaction per work.

A file whose bytes are already stored is a ``duplicate`` before any analysis runs, unless an
older FicLens analysed it (its stages' methods differ): then it is analysed again and
``updated`` in place. A changed version of a stored story (same source URL, or same declared
title and authors) updates it in place and keeps the reader's position; another copy of a
stored story that says less about it (the ``.txt`` of an AO3 download already stored) is a
``copy``, and the richer copy stays. A file that cannot be
read or analysed becomes a failed :class:`ImportOutcome` with the reason; the others still
import.

Example:
    >>> library = open_library("books.db")                               # doctest: +SKIP
    >>> report = import_paths(library, [Path("fics/")], nlp=False)        # doctest: +SKIP
    >>> report.counts()                                                   # doctest: +SKIP
    {'added': 12, 'updated': 1, 'duplicate': 3, 'copy': 2, 'failed': 1}
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError

from ficlens.api import analyze
from ficlens.errors import FicLensError, InputError
from ficlens.ingest import read_bytes
from ficlens.library.db import Library
from ficlens.library.errors import database_reason
from ficlens.library.records import COPY_KEPT, IMPORT_STATUSES, ImportStatus, LibraryWork
from ficlens.library.repository import add_or_update, find_current
from ficlens.library.sources import PendingFile, collect_files
from ficlens.settings import Settings
from ficlens.structure import build_work

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What happened to one file.

    Attributes:
        name: the file (or ``archive.zip:member``).
        status: ``added``, ``updated``, ``duplicate`` or ``copy``; ``None`` when it failed.
        work: the stored work (for a duplicate or a copy, the one already stored).
        error: why it failed, in words.
    """

    name: str
    status: ImportStatus | None
    work: LibraryWork | None = None
    error: str | None = None

    @property
    def failed(self) -> bool:
        """Whether the file could not be imported."""
        return self.status is None

    @property
    def note(self) -> str:
        """What the status needs said beside it: for a ``copy``, that the richer one stays."""
        return COPY_KEPT if self.status == "copy" else ""


@dataclass(frozen=True, slots=True)
class ImportReport:
    """Every file's outcome, in the order they were read."""

    outcomes: tuple[ImportOutcome, ...]

    @property
    def failures(self) -> tuple[ImportOutcome, ...]:
        """The files that failed."""
        return tuple(o for o in self.outcomes if o.failed)

    def counts(self) -> dict[str, int]:
        """How many files were added, updated, duplicates, copies and failed."""
        counts: dict[str, int] = {
            key: sum(o.status == key for o in self.outcomes) for key in IMPORT_STATUSES
        }
        return {**counts, "failed": len(self.failures)}


def import_file(
    library: Library, file: PendingFile, *, nlp: bool = True, settings: Settings | None = None
) -> ImportOutcome:
    """Read, analyse and store one file in its own transaction; never raises for a bad file.

    Args:
        library: the open library.
        file: the file to import.
        nlp: run the spaCy stages (cast, dialogue, relationships); ``False`` is much faster.
        settings: reading limits.
    """
    try:
        data = file.load()
        with library.sessions() as session:  # one look-up: absent, stale and current alike
            stored = find_current(session, hashlib.sha256(data).hexdigest())
        if stored is not None:
            return ImportOutcome(file.name, "duplicate", stored)
        analysis = analyze(build_work(read_bytes(data, path=file.name, settings=settings)), nlp=nlp)
        with library.sessions.begin() as session:
            work, status = add_or_update(session, analysis)
    except InputError as error:
        return ImportOutcome(file.name, None, error=error.reason)
    except SQLAlchemyError as error:  # the server went away, a disk filled: nothing half-stored
        reason = f"the database failed, nothing of this work was stored ({database_reason(error)})"
        return ImportOutcome(file.name, None, error=reason)
    except FicLensError as error:
        return ImportOutcome(file.name, None, error=str(error))
    except Exception as error:  # a bug on one file must not stop the rest of the batch
        logger.debug("importing %s failed", file.name, exc_info=True)
        return ImportOutcome(file.name, None, error=f"unexpected {type(error).__name__}: {error}")
    return ImportOutcome(file.name, status, work)


def import_paths(
    library: Library,
    paths: Iterable[Path],
    *,
    nlp: bool = True,
    settings: Settings | None = None,
    progress: Callable[[ImportOutcome], None] | None = None,
) -> ImportReport:
    """Import files, folders and ``.zip`` archives (see :func:`collect_files`).

    Args:
        library: the open library.
        paths: what to import.
        nlp: run the spaCy stages.
        settings: reading limits.
        progress: called with each file's outcome as it is known.
    """
    outcomes = []
    for file in collect_files(paths, settings=settings):
        outcome = import_file(library, file, nlp=nlp, settings=settings)
        if progress is not None:
            progress(outcome)
        outcomes.append(outcome)
    return ImportReport(tuple(outcomes))
