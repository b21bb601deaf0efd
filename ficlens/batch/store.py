"""The batch's output folder: one Parquet folder per table, written one part at a time.

``OUT/works/part-<key>.parquet``, ``OUT/characters/part-<key>.parquet`` and so on. A part is
written to a temporary name and renamed into place, so a part is either whole or absent: a run
stopped at any moment leaves only whole parts, and the next run (which skips the works already
in ``works``, by content hash, after removing any part whose ``works`` part is missing)
finishes the rest without duplicating any. A part's key is a hash of the content hashes of
the works in it, so the parts of one table never share a name and writing the same works
again replaces their part instead of adding a copy.

Read a table whole with ``pyarrow.parquet.read_table("OUT/works")`` or
``pandas.read_parquet("OUT/works")``.
"""

from __future__ import annotations

import errno
import hashlib
import os
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ficlens.batch.rows import SCHEMAS, WORK_TABLES
from ficlens.errors import FicLensError

TMP_SUFFIX = ".tmp"


class OutputError(FicLensError):
    """The output folder cannot be written (disk full, permissions); the message says which."""


class Output:
    """An output folder of Parquet tables (see the module docstring)."""

    def __init__(self, root: str | os.PathLike[str]) -> None:
        self.root = Path(root)
        try:
            for table in SCHEMAS:
                (self.root / table).mkdir(parents=True, exist_ok=True)
        except OSError as error:
            message = f"{self.root}: cannot create the output folder: {_why(error)}"
            raise OutputError(message) from None

    def parts(self, table: str) -> list[Path]:
        """The table's whole parts, in name order."""
        return sorted((self.root / table).glob("part-*.parquet"))

    def done(self) -> set[str]:
        """The content hashes of the works already written."""
        return set(self.read("works", columns=["sha256"]).column("sha256").to_pylist())

    def start_run(self) -> None:
        """Forget what an interrupted run left half done, and the last run's failures.

        Half-written files go, and so do a work table's parts whose ``works`` part was never
        written (a run stopped between them): those works are not done, so the next run
        analyses them again and would otherwise write their rows twice. Failures are tried
        again.
        """
        for table in SCHEMAS:
            for leftover in (self.root / table).glob(f"*{TMP_SUFFIX}"):
                leftover.unlink(missing_ok=True)
        finished = {part.name for part in self.parts("works")}
        for table in WORK_TABLES:
            for part in self.parts(table):
                if part.name not in finished:
                    part.unlink()
        for part in self.parts("failures"):
            part.unlink()

    def write(self, table: str, rows: Sequence[dict[str, Any]], *, key: str) -> Path | None:
        """Write rows as one part of ``table`` (nothing when there are none); returns its path.

        Raises:
            OutputError: the disk is full or the folder is not writable; no part is left
                half-written.
        """
        if not rows:
            return None
        target = self.root / table / f"part-{key}.parquet"
        temporary = target.with_name(target.name + TMP_SUFFIX)
        try:
            pq.write_table(pa.Table.from_pylist(list(rows), schema=SCHEMAS[table]), temporary)
            os.replace(temporary, target)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise OutputError(f"{target}: cannot write: {_why(error)}") from None
        return target

    def read(self, table: str, *, columns: Sequence[str] | None = None) -> pa.Table:
        """A whole table, or only some of its columns (empty when no part is written)."""
        schema = SCHEMAS[table]
        if columns is not None:
            schema = pa.schema([schema.field(name) for name in columns])
        parts = self.parts(table)
        if not parts:
            return schema.empty_table()
        return pa.concat_tables(
            pq.read_table(p, columns=schema.names, schema=schema) for p in parts
        )


class HashSet:
    """Content hashes kept compactly, to send to every worker: the first 64 bits of each.

    Eight bytes a work in a sorted ``array`` (120 MB for 15 million works, where a ``set`` of
    the hex strings takes about 2 GB); membership is a binary search. Two different works
    share 64 bits with a chance of about one in 10^5 at 15 million works; such a work would be
    skipped as done.
    """

    def __init__(self, hashes: Iterable[str]) -> None:
        self._keys = array("Q", sorted({_prefix(h) for h in hashes}))

    def __contains__(self, sha: object) -> bool:
        if not isinstance(sha, str):
            return False
        key = _prefix(sha)
        index = bisect_left(self._keys, key)
        return index < len(self._keys) and self._keys[index] == key

    def __len__(self) -> int:
        return len(self._keys)


def _prefix(sha: str) -> int:
    return int(sha[:16], 16)


def part_key(hashes: Iterable[str], salt: str = "") -> str:
    """A part's name: 16 hex digits of a hash of its works' content hashes (order-free)."""
    digest = hashlib.sha256(salt.encode())
    for value in sorted(hashes):
        digest.update(value.encode())
    return digest.hexdigest()[:16]


def _why(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied"
    return error.strerror or str(error)
