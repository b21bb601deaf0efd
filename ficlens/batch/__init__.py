"""Batch mode: the same analysis over a whole corpus on a Dask cluster, written as Parquet.

``ficlens batch INPUT... --out DIR`` (or :func:`run_batch`) lists the story files, maps the
analysis over them with ``dask.bag`` on ``distributed`` (a local cluster by default, any
scheduler with ``--scheduler``) and writes one Parquet table each for works, characters,
quotes, relationships, warnings and tags, plus ``failures`` (each file that could not be
analysed and why). Re-running on the same folder skips the works already written, by content
hash, and finishes what an interrupted run left. See ``docs/batch.md``.
"""

from __future__ import annotations

from ficlens.batch.rows import SCHEMAS, WORK_TABLES, rows_of
from ficlens.batch.run import BatchProgress, BatchReport, run_batch
from ficlens.batch.store import Output, OutputError

__all__ = [
    "SCHEMAS",
    "WORK_TABLES",
    "BatchProgress",
    "BatchReport",
    "Output",
    "OutputError",
    "rows_of",
    "run_batch",
]
