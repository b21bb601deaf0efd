"""Run the analysis over a corpus with Dask and write the Parquet tables.

The files are listed (:func:`ficlens.library.sources.collect_files`: files, folders, ``.zip``
archives), put in a ``dask.bag`` of partitions and mapped with :func:`analyse_chunk` on a Dask
``distributed`` cluster: a local one (one single-threaded process per worker) unless a
scheduler address is given. Workers read the input files themselves, so on a real cluster the
corpus must be on storage every worker sees under the same path. As partitions finish, the
driver reports progress and gathers their rows, writing one part of each table every
``WORKS_PER_PART`` works (:class:`~ficlens.batch.store.Output`); a run stopped at any point
resumes where it stopped, by content hash.

``workers=0`` runs the same partitions in this process without Dask: the baseline the
benchmarks compare the cluster with, and a fallback where processes cannot be started.
"""

from __future__ import annotations

import logging
import os
import pickle
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ficlens.batch.rows import WORK_TABLES, Rows, empty_rows
from ficlens.batch.store import HashSet, Output, part_key
from ficlens.batch.tasks import ChunkResult, analyse_chunk
from ficlens.errors import FicLensError, InputError
from ficlens.library.sources import PendingFile, collect_files
from ficlens.settings import Settings

PARTITION_SIZE = 8
"""Files per Dask partition: small enough to spread a corpus over workers and to lose little
when a worker dies, large enough that scheduling costs little beside the analysis."""
SCHEDULER_TIMEOUT = 30
"""Seconds to wait for a ``--scheduler`` to answer before giving up."""
WORKS_PER_PART = 500
"""Works the driver gathers before writing one part of each table: a corpus of millions
becomes thousands of Parquet files, not millions of tiny ones. A run stopped with Ctrl-C
writes what it gathered; a run killed outright loses at most this many works' analysis
(they are analysed again on the next run)."""


@dataclass(slots=True)
class BatchProgress:
    """Where a run is: files finished (of ``total``), works analysed, failures, elapsed time."""

    total: int
    finished: int = 0
    analysed: int = 0
    skipped: int = 0
    failed: int = 0
    words: int = 0
    started: float = field(default_factory=time.perf_counter)

    @property
    def seconds(self) -> float:
        """Seconds since the run started."""
        return time.perf_counter() - self.started

    @property
    def works_per_second(self) -> float:
        """Works analysed per second so far."""
        return self.analysed / self.seconds if self.seconds > 0 else 0.0


@dataclass(frozen=True, slots=True)
class BatchReport:
    """What a run did.

    Attributes:
        out: the output folder.
        analysed: works analysed and written by this run.
        skipped: files already done by an earlier run (same content).
        duplicates: files with the same content as another file of this run (written once).
        failures: ``(file, reason)`` for each file that could not be analysed.
        words: story words analysed.
        seconds: the run's wall time.
        workers: Dask workers used (0: in this process).
    """

    out: Path
    analysed: int
    skipped: int
    duplicates: int
    failures: tuple[tuple[str, str], ...]
    words: int
    seconds: float
    workers: int


def run_batch(
    inputs: Sequence[Path],
    out: str | os.PathLike[str],
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    client: Any = None,
    nlp: bool = True,
    settings: Settings | None = None,
    partition_size: int = PARTITION_SIZE,
    works_per_part: int = WORKS_PER_PART,
    progress: Callable[[BatchProgress], None] | None = None,
) -> BatchReport:
    """Analyse every story file under ``inputs`` and write the tables to ``out``.

    Args:
        inputs: files, folders and ``.zip`` archives.
        out: the output folder (created; an earlier run's output there is resumed).
        scheduler: a Dask scheduler address (``tcp://host:8786``); ``None`` starts a local
            cluster.
        workers: local workers (default: one per CPU); ``0`` runs in this process.
        client: an existing ``distributed.Client`` to use instead of either.
        nlp: run the spaCy stages (cast, dialogue, relationships).
        settings: reading limits.
        partition_size: files per partition.
        works_per_part: works written together as one part of each table.
        progress: called after each partition with the run's progress.

    Raises:
        OutputError: the output folder cannot be written (the message says why).
        FicLensError: the scheduler cannot be reached.
    """
    settings = settings or Settings()
    output = Output(out)
    output.start_run()
    done = HashSet(output.done())
    files = collect_files(inputs, settings=settings)
    shipped, unshippable = _shippable(files)
    state = BatchProgress(total=len(files))
    written: set[str] = set()
    duplicates = 0
    failures: list[tuple[str, str]] = []

    pending = _Pending(output)

    def take(result: ChunkResult) -> None:
        nonlocal duplicates
        rows = result.rows
        fresh = {r["sha256"] for r in rows["works"]} - written  # another partition had it
        duplicates += result.duplicates + len(rows["works"]) - len(fresh)
        pending.add(rows, fresh)
        if pending.works >= works_per_part:
            pending.flush()
        written.update(fresh)
        failures.extend((r["source"], r["reason"]) for r in rows["failures"])
        state.analysed += len(fresh)
        state.skipped += result.skipped
        state.failed += len(rows["failures"])
        state.words += sum(int(r["words"] or 0) for r in rows["works"] if r["sha256"] in fresh)
        state.finished += result.analysed + result.skipped + result.duplicates
        state.finished += len(rows["failures"])
        if progress is not None:
            progress(state)

    if unshippable:
        take(ChunkResult({**empty_rows(), "failures": unshippable}, 0, 0, 0, 0))
    chunks = [shipped[i : i + partition_size] for i in range(0, len(shipped), partition_size)]
    used = 0
    try:
        if workers == 0 and client is None and scheduler is None:
            for chunk in chunks:
                take(analyse_chunk(chunk, done, nlp, settings))
        else:
            with _connect(client, scheduler, workers) as connected:
                used = len(connected.scheduler_info()["workers"])
                for result in _on_cluster(connected, chunks, done, nlp, settings):
                    take(result)
    except KeyboardInterrupt:
        pending.flush()  # keep what was analysed; the next run does the rest
        raise
    pending.flush()
    return BatchReport(
        out=output.root, analysed=state.analysed, skipped=state.skipped, duplicates=duplicates,
        failures=tuple(failures), words=state.words, seconds=state.seconds, workers=used,
    )  # fmt: skip


class _Pending:
    """Rows gathered in the driver until they are written as one part of each table."""

    def __init__(self, output: Output) -> None:
        self.output = output
        self.rows = empty_rows()
        self.works = 0

    def add(self, rows: Rows, fresh: set[str]) -> None:
        """Gather a partition's rows of the works in ``fresh`` and all its failures."""
        for table in WORK_TABLES:
            self.rows[table] += [r for r in rows[table] if r["sha256"] in fresh]
        self.rows["failures"] += rows["failures"]
        self.works += len(fresh)

    def flush(self) -> None:
        """Write what is gathered: every table's part, ``works`` last (then it counts as done)."""
        key = part_key(r["sha256"] for r in self.rows["works"])
        for table in (*WORK_TABLES[1:], "works"):
            self.output.write(table, self.rows[table], key=key)
        failed = self.rows["failures"]
        self.output.write("failures", failed, key=part_key(r["source"] for r in failed))
        self.rows = empty_rows()
        self.works = 0


def _on_cluster(
    client: Any,
    chunks: Sequence[list[PendingFile]],
    done: HashSet,
    nlp: bool,
    settings: Settings,
) -> Iterator[ChunkResult]:
    """Map the partitions over the cluster with ``dask.bag``; yield results as they finish."""
    import dask.bag as db  # noqa: PLC0415
    from dask.delayed import delayed  # noqa: PLC0415 (Dask loads only for a cluster run)
    from distributed import as_completed  # noqa: PLC0415

    if not chunks:
        return
    bag = db.from_sequence(chunks, npartitions=len(chunks))
    done_once = delayed(done, traverse=False)  # sent to each worker once
    results = bag.map(analyse_chunk, done_once, nlp, settings)
    futures = client.compute(results.to_delayed())
    # Results are fetched one by one rather than with as_completed(with_results=True), which
    # can hang when a worker dies while a result is being gathered (dask/distributed#7331).
    for future in as_completed(futures):
        yield from future.result()
        future.release()


@contextmanager
def _connect(client: Any, scheduler: str | None, workers: int | None) -> Iterator[Any]:
    """The client to run on: the one given, one for ``scheduler``, or a local cluster's."""
    if client is not None:
        yield client
        return
    from distributed import Client  # noqa: PLC0415

    if scheduler is not None:
        try:
            connected = Client(scheduler, timeout=SCHEDULER_TIMEOUT)
        except (OSError, TimeoutError) as error:
            raise FicLensError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from None
        with connected:
            yield connected
        return
    with local_client(workers or os.cpu_count() or 1) as connected:
        yield connected


@contextmanager
def local_client(workers: int) -> Iterator[Any]:
    """A client of a new local cluster: ``workers`` single-threaded processes.

    Its dashboard, if Bokeh is installed, takes a free port rather than 8787, so two clusters
    (or a cluster and another program) never clash.
    """
    from distributed import Client, LocalCluster  # noqa: PLC0415

    with (
        LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0",
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as connected,
    ):  # fmt: skip
        yield connected


def _shippable(files: Sequence[PendingFile]) -> tuple[list[PendingFile], list[dict[str, str]]]:
    """The files a worker can be sent, and failure rows for those it cannot.

    A file whose problem is known while listing (a broken ``.zip``) carries a loader that only
    raises; it fails here rather than on a worker.
    """
    shipped: list[PendingFile] = []
    failed: list[dict[str, str]] = []
    for file in files:
        try:
            pickle.dumps(file)
        except (pickle.PicklingError, AttributeError, TypeError):
            try:
                file.load()
            except InputError as error:
                failed.append({"source": file.name, "reason": error.reason})
                continue
            failed.append({"source": file.name, "reason": "cannot be sent to a worker"})
            continue
        shipped.append(file)
    return shipped, failed
