"""Load a batch's output into a library database, many works per transaction.

Each work's output contract and text come from the ``documents`` table and are stored with
:func:`ficlens.library.store_contract`, exactly as ``ficlens library import`` would store the
same file. Works that are versions of one story (same source URL, or same declared title and
authors) are stored last, in the order of their file names, so the library keeps the version
an import of the corpus would keep (the later file); the others go in the tables' order.

Works go in transactions of ``per_transaction``: a transaction is stored whole or not at all,
so a database that goes away mid-load leaves no half-stored work, and loading again skips what
is stored (same content hash) and stores the rest.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from sqlalchemy.exc import SQLAlchemyError

from ficlens.batch.store import Output
from ficlens.library import Library, store_contract
from ficlens.library.errors import DatabaseError, database_reason
from ficlens.library.records import IMPORT_STATUSES
from ficlens.library.repository import match_key

PER_TRANSACTION = 100


@dataclass(frozen=True, slots=True)
class LoadReport:
    """How many works a load added, updated or found already stored (``copy``: as a richer copy)."""

    added: int
    updated: int
    duplicate: int
    copy: int = 0


def load_into_library(
    out: str | Path,
    library: Library,
    *,
    per_transaction: int = PER_TRANSACTION,
    progress: Callable[[int], None] | None = None,
) -> LoadReport:
    """Store every work of a batch output folder in ``library``.

    Args:
        out: the batch's output folder.
        library: the open library.
        per_transaction: works per transaction.
        progress: called with the number of works stored so far after each transaction.

    Raises:
        DatabaseError: the database failed; the works of the failed transaction are not
            stored, those before it are.
    """
    counts: dict[str, int] = dict.fromkeys(IMPORT_STATUSES, 0)
    batch: list[dict[str, Any]] = []
    done = 0
    for data in _contracts(Output(out)):
        batch.append(data)
        if len(batch) >= per_transaction:
            done += _store(library, batch, counts)
            batch = []
            if progress is not None:
                progress(done)
    if batch:
        done += _store(library, batch, counts)
        if progress is not None:
            progress(done)
    return LoadReport(**counts)


def _contracts(output: Output) -> Iterator[dict[str, Any]]:
    """Every work's contract with its text: versions of one story last, by file name."""
    versions = _versions(output)
    held: list[dict[str, Any]] = []
    for part in output.parts("documents"):
        for batch in pq.ParquetFile(part).iter_batches(batch_size=64):
            for row in batch.to_pylist():
                if row["sha256"] in versions:
                    held.append(row)  # few: only stories stored in more than one version
                else:
                    yield _contract(row)
    for row in sorted(held, key=lambda r: str(r["source"])):
        yield _contract(row)


def _contract(row: dict[str, Any]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(row["analysis"])
    data["text"] = row["text"]
    return data


def _versions(output: Output) -> set[str]:
    """The works sharing a source URL or a declared title and authors with another work."""
    columns = ["sha256", "title", "authors", "source_url"]
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for work in output.read("works", columns=columns).to_pylist():
        if work["source_url"]:
            groups[("url", work["source_url"])].add(work["sha256"])
        key = match_key(work["title"], tuple(work["authors"] or ()))
        if key is not None:
            groups[("title", key)].add(work["sha256"])
    return {sha for group in groups.values() if len(group) > 1 for sha in group}


def _store(library: Library, batch: list[dict[str, Any]], counts: dict[str, int]) -> int:
    try:
        with library.sessions.begin() as session:
            statuses = [store_contract(session, data)[1] for data in batch]
    except SQLAlchemyError as error:
        first = batch[0]["source"]["path"]
        raise DatabaseError(
            f"{library.url}: storing {len(batch)} works from {first} failed, none of them was "
            f"stored (the works before were): {database_reason(error)}"
        ) from None
    for status in statuses:
        counts[status] += 1
    return len(batch)
