"""Imports when the database fails: a clear reason, no half-stored work, the rest imported."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from ficlens.demo.build import WORKS_DIR
from ficlens.library import PendingFile, collect_files, import_file, importer, open_library
from ficlens.library.tables import ChapterRow, WorkRow
from ficlens.library.throwaway import ThrowawayPostgres

STORIES = ("rain-on-the-bridge.txt", "tea-at-baker-street.txt", "the-marauders-map-is-wrong.txt")


def stories(tmp_path: Path) -> list[PendingFile]:
    for name in STORIES:
        (tmp_path / name).write_bytes((WORKS_DIR / name).read_bytes())
    return collect_files([tmp_path])


def test_a_database_restart_mid_import_fails_one_work_cleanly(
    postgres_server: ThrowawayPostgres, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = stories(tmp_path)
    with open_library(postgres_server.create_database("restart_import")) as library:
        first = import_file(library, files[0], nlp=False)
        assert first.status == "added"
        real_store = importer.add_or_update

        def restart_then_store(session, analysis):  # type: ignore[no-untyped-def]
            # the server restarts after the work's transaction began: its connection dies
            real = real_store(session, analysis)
            postgres_server.stop()
            postgres_server.start()
            return real

        monkeypatch.setattr(importer, "add_or_update", restart_then_store)
        second = import_file(library, files[1], nlp=False)
        monkeypatch.undo()
        assert second.failed
        assert second.error is not None
        assert second.error.startswith("the database failed, nothing of this work was stored")
        assert "terminating connection" in second.error  # the server's own words
        assert "\n" not in second.error
        # the pool replaces the dead connection; the next work imports
        third = import_file(library, files[2], nlp=False)
        assert third.status == "added"
        with library.sessions() as session:
            titles = set(session.scalars(select(WorkRow.title)))
            chapters = session.scalar(select(func.count()).select_from(ChapterRow))
        assert titles == {"Rain on the Bridge", "The Marauder's Map Is Wrong"}
        assert chapters == 2 + 1  # nothing left of the failed work's rows
        # imported again once the database is back, it is stored
        assert import_file(library, files[1], nlp=False).status == "added"


def test_a_database_error_is_a_failed_outcome_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = stories(tmp_path)

    def refuse(session, analysis):  # type: ignore[no-untyped-def]
        raise OperationalError("INSERT ...", {}, OSError("disk I/O error\nmore detail"))

    with open_library(str(tmp_path / "lib.db")) as library:
        monkeypatch.setattr(importer, "add_or_update", refuse)
        outcome = import_file(library, files[0], nlp=False)
    assert outcome.failed
    assert outcome.error == (
        "the database failed, nothing of this work was stored (OSError: disk I/O error)"
    )
