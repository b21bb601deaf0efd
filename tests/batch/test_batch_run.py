"""``run_batch``: every distinct work once, failures reported, resumable; in process and on Dask."""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from batch_corpus import (
    assert_consistent,
    copy_demo,
    distinct_copies,
    sha_counts,
    table_sizes,
)

from ficlens.batch import SCHEMAS, BatchProgress, Output, OutputError, run_batch
from ficlens.batch.run import local_client
from ficlens.batch.store import part_key

# The scheduler's HTTP server binds port 8787 even without a dashboard; when another cluster on
# the machine holds that port, distributed warns and takes another port. That is harmless here.


def distinct_hashes(folder: Path) -> set[str]:
    return {
        hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.iterdir()
        if p.suffix in {".html", ".txt"} and not p.name.startswith("junk")
    }


def parts(out: Path) -> dict[str, list[str]]:
    output = Output(out)
    return {table: [p.name for p in output.parts(table)] for table in SCHEMAS}


def test_in_process_every_distinct_work_once_and_each_failure_named(
    corpus: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    missing = tmp_path / "nowhere.txt"
    seen: list[tuple[int, int, int]] = []

    def progress(state: BatchProgress) -> None:
        seen.append((state.finished, state.total, state.failed))

    report = run_batch(
        [corpus, missing], out, workers=0, nlp=False, partition_size=3, progress=progress
    )
    expected = distinct_hashes(corpus)
    assert len(expected) == 8
    assert report.analysed == 8 and report.duplicates == 1 and report.skipped == 0
    assert report.workers == 0 and report.out == out
    works = Output(out).read("works").to_pylist()
    # a duplicate in another partition is analysed there too, but neither written nor counted
    assert report.words == sum(w["words"] for w in works)
    failed = {Path(name).name: reason for name, reason in report.failures}
    assert set(failed) == {"junk.txt", "truncated.epub", "broken.zip", "nowhere.txt"}
    assert "not text" in failed["junk.txt"]
    assert "EPUB" in failed["truncated.epub"]
    assert "ZIP" in failed["broken.zip"]
    assert failed["nowhere.txt"] == "no such file"
    assert set(sha_counts(out, "works")) == expected
    assert_consistent(out)
    stored = Output(out).read("failures").to_pylist()
    assert sorted((r["source"], r["reason"]) for r in stored) == sorted(report.failures)
    assert seen[-1] == (13, 13, 4)  # 9 story files + 3 broken + 1 missing
    assert [s[0] for s in seen] == sorted(s[0] for s in seen)
    sources = Output(out).read("works").column("source").to_pylist()
    assert str(corpus / "tea-at-baker-street.txt") in sources
    assert str(corpus / "zz-same-tea-again.txt") not in sources  # the later copy is the duplicate


def test_a_duplicate_in_another_partition_is_written_once(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    copy_demo(folder, (".txt",))
    for n in range(3):
        shutil.copy(folder / "rain-on-the-bridge.txt", folder / f"zz-rain-{n}.txt")
    report = run_batch([folder], tmp_path / "out", workers=0, nlp=False, partition_size=1)
    assert (report.analysed, report.duplicates) == (4, 3)
    assert sha_counts(tmp_path / "out", "works").total() == 4
    assert_consistent(tmp_path / "out")


def test_a_second_run_skips_everything_and_writes_nothing_new(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = run_batch([corpus], out, workers=0, nlp=False, partition_size=3)
    sizes, written = table_sizes(out), parts(out)
    again = run_batch([corpus], out, workers=0, nlp=False, partition_size=3)
    assert again.analysed == 0 and again.duplicates == 0
    assert again.skipped == first.analysed + first.duplicates == 9
    assert sorted(again.failures) == sorted(first.failures)  # failures are tried again
    assert table_sizes(out) == sizes
    assert parts(out) == written
    assert_consistent(out)


def test_a_run_on_half_the_files_is_finished_by_a_run_on_all(tmp_path: Path) -> None:
    folder, out = tmp_path / "corpus", tmp_path / "out"
    files = distinct_copies(folder, 10)
    first = run_batch(files[:5], out, workers=0, nlp=False, partition_size=2)
    rest = run_batch([folder], out, workers=0, nlp=False, partition_size=2)
    assert (first.analysed, rest.analysed, rest.skipped) == (5, 5, 5)
    assert set(sha_counts(out, "works")) == distinct_hashes(folder)
    assert_consistent(out)


def test_lost_parts_and_their_siblings_are_written_again(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([corpus], out, workers=0, nlp=False, partition_size=2, works_per_part=2)
    sizes = table_sizes(out)
    output = Output(out)
    assert len(output.parts("works")) == 4
    lost = output.parts("works")[1:3]
    lost_works = sum(pq.read_table(part).num_rows for part in lost)
    for part in lost:
        for table in SCHEMAS:
            (out / table / part.name).unlink(missing_ok=True)
    assert table_sizes(out)["works"] < sizes["works"]
    report = run_batch([corpus], out, workers=0, nlp=False, partition_size=2, works_per_part=2)
    assert report.analysed == lost_works >= 2
    assert table_sizes(out) == sizes
    assert_consistent(out)


class Crash(Exception):
    """The run stopped (a killed driver), simulated inside ``Output.write``."""


def crash_on(monkeypatch: pytest.MonkeyPatch, table: str, after: int) -> None:
    """Make the ``after``-th write of ``table`` (counting from 1) stop the run."""
    real = Output.write
    count = 0

    def write(self: Output, name: str, rows: Any, *, key: str) -> Path | None:
        nonlocal count
        if name == table and rows:
            count += 1
            if count == after:
                raise Crash(f"stopped before writing {name}/part-{key}")
        return real(self, name, rows, key=key)

    monkeypatch.setattr(Output, "write", write)


@pytest.mark.parametrize("table", ["characters", "documents", "works"])
def test_a_run_stopped_while_writing_is_finished_by_the_same_command(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, table: str
) -> None:
    out = tmp_path / "out"
    reference = tmp_path / "reference"
    run_batch([corpus], reference, workers=0, nlp=False, partition_size=3)
    crash_on(monkeypatch, "tags" if table == "characters" else table, after=2)
    with pytest.raises(Crash):
        run_batch([corpus], out, workers=0, nlp=False, partition_size=1, works_per_part=3)
    monkeypatch.undo()
    assert 0 < table_sizes(out)["works"] < table_sizes(reference)["works"]
    report = run_batch([corpus], out, workers=0, nlp=False, partition_size=1, works_per_part=3)
    assert report.skipped + report.analysed + report.duplicates == 9
    assert table_sizes(out) == table_sizes(reference)
    assert_consistent(out)


def test_a_run_stopped_before_a_works_part_is_finished_without_duplicates(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    reference = tmp_path / "reference"
    run_batch([corpus], reference, workers=0, nlp=False, partition_size=3)
    crash_on(monkeypatch, "works", after=2)  # its siblings are written
    with pytest.raises(Crash):
        run_batch([corpus], out, workers=0, nlp=False, partition_size=1, works_per_part=3)
    monkeypatch.undo()
    # the next run gathers the works differently (on a cluster, partitions finish in any
    # order; here, another part size)
    run_batch([corpus], out, workers=0, nlp=False, partition_size=1, works_per_part=4)
    assert table_sizes(out) == table_sizes(reference)


def test_works_are_written_in_parts_of_works_per_part(tmp_path: Path) -> None:
    folder, out = tmp_path / "corpus", tmp_path / "out"
    distinct_copies(folder, 8)
    run_batch([folder], out, workers=0, nlp=False, partition_size=1, works_per_part=3)
    output = Output(out)
    sizes = sorted(pq.read_table(p).num_rows for p in output.parts("works"))
    assert sizes == [2, 3, 3]
    for part in output.parts("works"):  # each part's siblings share its name
        hashes = pq.read_table(part).column("sha256").to_pylist()
        assert part.name == f"part-{part_key(hashes)}.parquet"
        assert set(
            pq.read_table(out / "documents" / part.name).column("sha256").to_pylist()
        ) == set(hashes)
    assert_consistent(out)


def test_ctrl_c_writes_what_was_gathered_and_the_next_run_does_the_rest(
    tmp_path: Path,
) -> None:
    folder, out = tmp_path / "corpus", tmp_path / "out"
    distinct_copies(folder, 8)
    (folder / "broken.epub").write_bytes(b"PK\x03\x04 not a whole epub")

    def interrupt(state: BatchProgress) -> None:
        if state.finished >= 4:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_batch([folder], out, workers=0, nlp=False, partition_size=2, progress=interrupt)
    assert len(sha_counts(out, "works")) == 3  # broken.epub, then two partitions of two
    assert [r["source"] for r in Output(out).read("failures").to_pylist()] == [
        str(folder / "broken.epub")
    ]
    assert_consistent(out)
    report = run_batch([folder], out, workers=0, nlp=False, partition_size=2)
    assert (report.analysed, report.skipped) == (5, 3)
    assert set(sha_counts(out, "works")) == distinct_hashes(folder)
    assert_consistent(out)


def test_an_unwritable_output_stops_the_run_with_a_clear_error(
    corpus: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match="cannot create the output folder"):
        run_batch([corpus], blocker / "out", workers=0, nlp=False)


def test_nothing_to_do_writes_empty_tables(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    report = run_batch([tmp_path / "empty"], tmp_path / "out", workers=0, nlp=False)
    assert (report.analysed, report.failures) == (0, ())
    assert all(n == 0 for n in table_sizes(tmp_path / "out").values())


# -- on a real local cluster ---------------------------------------------------------------


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """A two-worker local cluster shared by this module's cluster tests."""
    with local_client(2) as connected:
        yield connected


@pytest.mark.slow
def test_a_local_cluster_writes_the_same_tables_as_in_process(corpus: Path, tmp_path: Path) -> None:
    alone, cluster = tmp_path / "alone", tmp_path / "cluster"
    inputs = [corpus, tmp_path / "nowhere.txt"]
    baseline = run_batch(inputs, alone, workers=0, nlp=False, partition_size=2)
    report = run_batch(inputs, cluster, workers=2, nlp=False, partition_size=2)
    assert report.workers == 2
    assert (report.analysed, report.duplicates) == (baseline.analysed, baseline.duplicates)
    assert sorted(report.failures) == sorted(baseline.failures)
    assert len(report.failures) == 4  # junk, truncated EPUB, broken ZIP, missing file
    assert table_sizes(cluster) == table_sizes(alone)
    for table in ("works", "tags", "warnings", "documents"):
        assert sha_counts(cluster, table) == sha_counts(alone, table)
    assert_consistent(cluster)


@pytest.mark.slow
def test_on_a_cluster_duplicates_across_partitions_are_written_once_and_reruns_skip(
    client: Any, tmp_path: Path
) -> None:
    folder, out = tmp_path / "corpus", tmp_path / "out"
    files = distinct_copies(folder, 6)
    for n in range(3):
        shutil.copy(files[n], folder / f"zz-again-{n}.txt")
    finished: list[int] = []
    report = run_batch(
        [folder], out, client=client, nlp=False, partition_size=1,
        progress=lambda state: finished.append(state.finished),
    )  # fmt: skip
    assert (report.analysed, report.duplicates, report.failures) == (6, 3, ())
    assert report.workers == 2
    assert finished[-1] == 9 and len(finished) == 9
    assert set(sha_counts(out, "works")) == distinct_hashes(folder)
    assert_consistent(out)
    written = parts(out)
    again = run_batch([folder], out, client=client, nlp=False, partition_size=1)
    assert (again.analysed, again.skipped) == (0, 9)
    assert parts(out) == written
    # one part of each table (fewer works than works_per_part), named by its works' hashes
    (part,) = Output(out).parts("works")
    assert part.name == f"part-{part_key(pq.read_table(part).column('sha256').to_pylist())}.parquet"
    assert all(len(Output(out).parts(t)) <= 1 for t in SCHEMAS)


@pytest.mark.slow
def test_on_a_cluster_a_half_done_run_is_finished(client: Any, tmp_path: Path) -> None:
    folder, out = tmp_path / "corpus", tmp_path / "out"
    files = distinct_copies(folder, 8)
    run_batch(files[::2], out, workers=0, nlp=False, partition_size=3)
    broken = folder / "broken.epub"
    broken.write_bytes(b"PK\x03\x04 no")
    report = run_batch([folder], out, client=client, nlp=False, partition_size=3)
    assert (report.analysed, report.skipped) == (4, 4)
    assert [Path(name).name for name, _ in report.failures] == ["broken.epub"]
    assert set(sha_counts(out, "works")) == distinct_hashes(folder)
    assert_consistent(out)
