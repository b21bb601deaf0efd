"""``load_into_library``: a batch's works stored as ``library import`` stores them, all or none
per transaction, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from batch_corpus import copy_demo, write_invented
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from ficlens.batch import Output, run_batch
from ficlens.batch import load as batch_load
from ficlens.batch.load import LoadReport, load_into_library
from ficlens.library import DatabaseError, Library, import_paths, list_works, open_library
from ficlens.library.tables import ChapterRow, WorkRow
from ficlens.library.throwaway import ThrowawayPostgres


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Eight works (four demo pages, four invented stories) and their batch output, in three
    parts, without NLP: ``(corpus, out)``."""
    root = tmp_path_factory.mktemp("batch")
    corpus = root / "corpus"
    copy_demo(corpus, (".ao3.html",))
    write_invented(corpus)
    report = run_batch(
        [corpus], root / "out", workers=0, nlp=False, partition_size=2, works_per_part=3
    )
    assert report.analysed == 8 and not report.failures
    return corpus, root / "out"


def in_load_order(out: Path) -> list[tuple[str, str]]:
    """``(sha256, source path)`` of each work, in the order the load reads them."""
    return [
        (row["sha256"], json.loads(row["analysis"])["source"]["path"])
        for part in Output(out).parts("documents")
        for row in pq.read_table(part).to_pylist()
    ]


def shelf(library: Library) -> dict[str, tuple[Any, ...]]:
    """What the library shows of each work, by content hash (ids and times left out)."""
    with library.sessions() as session:
        works = list_works(session, per_page=500).works
    return {
        w.sha256: (
            w.title, w.authors, w.summary, w.source_path, w.source_url, w.source_format,
            w.source_flavour, w.rating, w.words, w.chapters, w.complete, w.language,
            sorted((t.type, t.name, t.source) for t in w.tags),
        )
        for w in works
    }  # fmt: skip


def stored(library: Library) -> set[str]:
    with library.sessions() as session:
        return set(session.scalars(select(WorkRow.sha256)))


def test_loaded_works_are_what_an_import_of_the_same_files_stores(
    batch_out: tuple[Path, Path], fresh_url: Callable[[], str]
) -> None:
    corpus, out = batch_out
    seen: list[int] = []
    with open_library(fresh_url()) as loaded:
        report = load_into_library(out, loaded, per_transaction=3, progress=seen.append)
        batch_shelf = shelf(loaded)
    assert report == LoadReport(added=8, updated=0, duplicate=0)
    assert seen == [3, 6, 8]
    with open_library(fresh_url()) as imported:
        outcome = import_paths(imported, [corpus], nlp=False)
        assert outcome.counts() == {
            "added": 8,
            "updated": 0,
            "duplicate": 0,
            "copy": 0,
            "failed": 0,
        }
        import_shelf = shelf(imported)
    assert len(batch_shelf) == 8
    assert set(batch_shelf) == set(Output(out).done())
    assert batch_shelf == import_shelf
    titles = {entry[0] for entry in batch_shelf.values()}
    assert {"Rain on the Bridge", "Tea at Baker Street", "A Map of Small Kingdoms"} <= titles


def test_loading_twice_adds_nothing(
    batch_out: tuple[Path, Path], fresh_url: Callable[[], str]
) -> None:
    _, out = batch_out
    with open_library(fresh_url()) as library:
        load_into_library(out, library)
        before = shelf(library)
        again = load_into_library(out, library, per_transaction=5)
        assert again == LoadReport(added=0, updated=0, duplicate=8)
        assert shelf(library) == before
        with library.sessions() as session:
            assert session.scalar(select(func.count()).select_from(WorkRow)) == 8


def fail_on(
    monkeypatch: pytest.MonkeyPatch, nth: int, before: Callable[[Any], None] | None = None
) -> None:
    """Make storing the ``nth`` work fail: ``before(session)`` runs first, then, if it did not
    break the database itself, an ``OperationalError`` is raised."""
    real = batch_load.store_contract
    count = 0

    def store(session: Any, data: dict[str, Any]) -> Any:
        nonlocal count
        count += 1
        if count == nth:
            if before is None:
                raise OperationalError("INSERT INTO works ...", {}, OSError("disk I/O error"))
            before(session)
        return real(session, data)

    monkeypatch.setattr(batch_load, "store_contract", store)


def check_failed_load(
    library: Library, out: Path, error: pytest.ExceptionInfo[DatabaseError], words: str
) -> None:
    """Works 1-2 stored, 3-4 (the failed transaction) and the rest not; a clear message; a
    second load stores the rest."""
    order = in_load_order(out)
    message = str(error.value)
    assert message.startswith(f"{library.url}: storing 2 works from {order[2][1]} failed")
    assert "none of them was stored (the works before were)" in message
    assert words in message  # the driver's own words, on one line
    assert stored(library) == {sha for sha, _ in order[:2]}
    with library.sessions() as session:  # no half-stored work: chapters only of the two
        chapters = session.scalar(select(func.count()).select_from(ChapterRow))
        assert chapters == sum(w.chapters for w in list_works(session).works)
    again = load_into_library(out, library, per_transaction=2)
    assert again == LoadReport(added=6, updated=0, duplicate=2)
    assert stored(library) == {sha for sha, _ in order}


def test_a_database_error_mid_load_keeps_the_earlier_transactions_only(
    batch_out: tuple[Path, Path], fresh_url: Callable[[], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out = batch_out
    with open_library(fresh_url()) as library:
        fail_on(monkeypatch, 3)
        with pytest.raises(DatabaseError) as error:
            load_into_library(out, library, per_transaction=2)
        monkeypatch.undo()
        check_failed_load(library, out, error, "disk I/O error")


def test_the_fourth_work_failing_undoes_the_third(
    batch_out: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out = batch_out
    with open_library(str(tmp_path / "lib.db")) as library:
        fail_on(monkeypatch, 4)  # the third work was stored in the same transaction
        with pytest.raises(DatabaseError) as error:
            load_into_library(out, library, per_transaction=2)
        monkeypatch.undo()
        check_failed_load(library, out, error, "disk I/O error")


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_a_postgresql_restart_mid_load_keeps_the_earlier_transactions_only(
    batch_out: tuple[Path, Path],
    fresh_url: Callable[[], str],
    postgres_server: ThrowawayPostgres,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, out = batch_out

    def restart(session: Any) -> None:
        session.connection()  # this transaction holds a connection, then the server restarts
        postgres_server.stop()
        postgres_server.start()

    with open_library(fresh_url()) as library:
        fail_on(monkeypatch, 3, before=restart)
        with pytest.raises(DatabaseError) as error:
            load_into_library(out, library, per_transaction=2)
        monkeypatch.undo()
        check_failed_load(library, out, error, "terminating connection")


def test_the_version_a_load_keeps_is_the_one_an_import_keeps(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    copy_demo(corpus)  # each demo story as an AO3 page and as text: two copies of a work
    run_batch([corpus], tmp_path / "out", workers=0, nlp=False, partition_size=1, works_per_part=1)
    with open_library(str(tmp_path / "loaded.db")) as loaded:
        # The text copies declare no URL and no tags: the AO3 pages stay, whatever the order.
        assert load_into_library(tmp_path / "out", loaded) == LoadReport(4, 0, 0, copy=4)
        batch_shelf = shelf(loaded)
    assert all(url and url.startswith("https://archiveofourown.org/") for url in
               (entry[4] for entry in batch_shelf.values()))  # fmt: skip
    with open_library(str(tmp_path / "imported.db")) as imported:
        import_paths(imported, [corpus], nlp=False)
        assert shelf(imported) == batch_shelf


def test_a_database_error_mid_load_is_one_clear_line(
    batch_out: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, out = batch_out
    with open_library(str(tmp_path / "lib.db")) as library:
        fail_on(monkeypatch, 3)
        with pytest.raises(DatabaseError) as error:
            load_into_library(out, library, per_transaction=2)
    message = str(error.value)
    assert message.endswith(": disk I/O error")
    assert "\n" not in message and "[SQL:" not in message
