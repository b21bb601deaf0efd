"""A Dask worker killed mid-run: its partitions are computed again, every work written once."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from batch_corpus import STORIES, assert_consistent, sha_counts

from ficlens.batch import BatchProgress, BatchReport, Output, run_batch
from ficlens.batch.run import local_client
from ficlens.demo.build import WORKS_DIR

pytestmark = pytest.mark.slow

PATIENCE = 180
"""Seconds the run may take before the test fails instead of waiting for ever (normally ~5)."""


def stories(folder: Path, count: int) -> list[Path]:
    """``count`` distinct stories: first a long one (a demo story twenty times over, a second or
    two to analyse), then demo stories twice over."""
    folder.mkdir()
    made = []
    for n in range(count):
        story = STORIES[n % len(STORIES)]
        text = (WORKS_DIR / f"{story}.txt").read_text(encoding="utf-8")
        path = folder / f"story-{n:02d}.txt"
        repeats = 20 if n == 0 else 2
        path.write_text("\n\n".join([text] * repeats) + f"\n\nVersion {n}.\n", encoding="utf-8")
        made.append(path)
    return made


@pytest.fixture
def client() -> Iterator[Any]:
    """Two single-threaded worker processes under nannies (which restart a killed worker)."""
    with local_client(2) as connected:
        yield connected


def test_a_worker_killed_mid_run_loses_no_work_and_duplicates_none(
    client: Any, tmp_path: Path
) -> None:
    files = stories(tmp_path / "corpus", 12)
    out = tmp_path / "out"
    pids: dict[str, int] = client.run(os.getpid)
    killed: list[tuple[str, int, int, bool]] = []

    def progress(state: BatchProgress) -> None:
        if killed:
            return
        # Kill the worker busy with the long story: it holds no finished partition that the
        # driver may be fetching right then (as_completed(with_results=True) can hang when a
        # worker dies mid-fetch: dask/distributed#7331).
        busy = [address for address, keys in client.processing().items() if keys]
        holding_nothing = [
            address
            for address in busy
            if not any("analyse_chunk" in str(key) for key in client.has_what()[address])
        ]
        address = (holding_nothing or busy or list(pids))[0]
        os.kill(pids[address], signal.SIGKILL)
        killed.append((address, state.finished, state.total, address in busy))

    reports: list[BatchReport] = []
    errors: list[BaseException] = []

    def batch() -> None:
        try:
            report = run_batch(
                [tmp_path / "corpus"], out, client=client, nlp=False, partition_size=1,
                works_per_part=4, progress=progress,
            )  # fmt: skip
        except BaseException as error:  # re-raised below, in the test's thread
            errors.append(error)
        else:
            reports.append(report)

    runner = threading.Thread(target=batch, daemon=True)
    runner.start()
    runner.join(PATIENCE)
    if runner.is_alive():
        pytest.fail(f"the run did not finish within {PATIENCE} s of a worker being killed")
    if errors:
        raise errors[0]
    (report,) = reports
    assert killed, "no partition finished"
    address, finished_then, total, was_busy = killed[0]
    assert finished_then < total, "the run was over before a worker could be killed"
    assert was_busy, "the killed worker was computing nothing"
    assert pids[address] not in client.run(os.getpid).values()  # it was killed
    assert report.failures == ()
    assert (report.analysed, report.duplicates, report.skipped) == (12, 0, 0)
    counts = sha_counts(out, "works")
    assert len(counts) == 12 and set(counts.values()) == {1}
    works = Output(out).read("works").column("source").to_pylist()
    assert sorted(Path(s).name for s in works) == [f.name for f in files]
    assert sorted(pq.read_table(p).num_rows for p in Output(out).parts("works")) == [4, 4, 4]
    assert_consistent(out)
