"""What one Dask task does: analyse a partition of files and return their rows.

The task is pure: it reads its files, skips those whose content hash is already done, runs the
same analysis as ``ficlens analyze`` and returns rows (never spaCy objects); the driver writes
them. The spaCy model loads once per worker process (:func:`ficlens.nlp.load_nlp` is cached).
A file that cannot be read or analysed becomes a ``failures`` row with the reason; it never
stops the partition.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Container, Iterable
from dataclasses import dataclass

from ficlens.api import analyze
from ficlens.batch.rows import Rows, empty_rows, rows_of
from ficlens.contract import analysis_to_json
from ficlens.errors import FicLensError, InputError
from ficlens.ingest import read_bytes
from ficlens.library.sources import PendingFile
from ficlens.settings import Settings
from ficlens.structure import build_work

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """A partition's rows and counts.

    Attributes:
        rows: the rows for every table, ``failures`` included.
        analysed: works analysed.
        skipped: files whose content was already done.
        duplicates: files with the same content as an earlier file of the partition.
        words: story words analysed.
    """

    rows: Rows
    analysed: int
    skipped: int
    duplicates: int
    words: int


def analyse_chunk(
    files: Iterable[PendingFile], done: Container[str], nlp: bool, settings: Settings
) -> ChunkResult:
    """Analyse each file not yet done; a bad file becomes a failure row."""
    rows = empty_rows()
    analysed = skipped = duplicates = words = 0
    seen: set[str] = set()
    for file in files:
        try:
            data = file.load()
            sha = hashlib.sha256(data).hexdigest()
            if sha in done:
                skipped += 1
                continue
            if sha in seen:
                duplicates += 1
                continue
            seen.add(sha)
            started = time.perf_counter()
            work = build_work(read_bytes(data, path=file.name, settings=settings))
            analysis = analyze(work, nlp=nlp)
            contract = analysis_to_json(analysis)
            seconds = time.perf_counter() - started
            found = rows_of(contract, analysis.work.text, source=file.name, seconds=seconds)
        except InputError as error:
            rows["failures"].append({"source": file.name, "reason": error.reason})
            continue
        except FicLensError as error:
            rows["failures"].append({"source": file.name, "reason": str(error)})
            continue
        except Exception as error:  # a bug on one file must not lose the rest of the corpus
            logger.debug("analysing %s failed", file.name, exc_info=True)
            reason = f"unexpected {type(error).__name__}: {error}"
            rows["failures"].append({"source": file.name, "reason": reason})
            continue
        for table, new in found.items():
            rows[table] += new
        analysed += 1
        words += int(contract["stats"]["words"])
    return ChunkResult(rows, analysed, skipped, duplicates, words)
