"""Opening the library: URLs, migrations from empty and back, the schema matching the tables."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from ficlens.library import (
    DatabaseError,
    database_url,
    default_database_path,
    downgrade,
    migrate,
    open_library,
)
from ficlens.library.db import create_library_engine, current_revision
from ficlens.library.tables import Base, include_name

TABLES = {"works", "chapters", "notes", "tags", "work_tags", "characters", "reading_state"}


def test_migrations_create_the_schema_from_empty_and_downgrade_drops_it(db_url: str) -> None:
    engine = create_library_engine(db_url)
    assert current_revision(engine) is None
    migrate(engine)
    assert current_revision(engine) == "0007"
    indexes = {i["name"] for i in inspect(engine).get_indexes("works")}
    assert {"ix_works_updated_at", "ix_works_added_at", "ix_works_chapter_count"} <= indexes
    names = set(inspect(engine).get_table_names())
    assert TABLES | {"alembic_version"} <= names
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            sql = connection.scalar(text("SELECT sql FROM sqlite_master WHERE name = 'works_fts'"))
        assert "fts5" in sql
        assert "content='works'" in sql
    else:
        columns = {c["name"]: c for c in inspect(engine).get_columns("works")}
        assert str(columns["search_vector"]["type"]) == "TSVECTOR"
        indexes = {i["name"] for i in inspect(engine).get_indexes("works")}
        assert "ix_works_search_vector" in indexes
        downgrade(engine, "0001")
        assert "search_vector" not in {c["name"] for c in inspect(engine).get_columns("works")}

    downgrade(engine, "base")
    left = {n for n in inspect(engine).get_table_names() if not n.startswith("works_fts")}
    assert left == {"alembic_version"}
    assert current_revision(engine) is None
    migrate(engine)  # and up again
    assert set(inspect(engine).get_table_names()) >= TABLES
    engine.dispose()


def test_the_migration_matches_the_orm_tables(db_url: str) -> None:
    engine = create_library_engine(db_url)
    migrate(engine)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": include_name})
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_opening_twice_keeps_the_data(tmp_path: Path) -> None:
    url = str(tmp_path / "lib.db")
    with open_library(url) as library, library.sessions.begin() as session:
        session.execute(text("INSERT INTO tags (type, name, key) VALUES ('fandom', 'X', 'x')"))
    with open_library(url) as library, library.sessions() as session:
        assert session.scalar(text("SELECT count(*) FROM tags")) == 1


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    with open_library(str(tmp_path / "lib.db")) as library, library.sessions() as session:
        assert session.scalar(text("PRAGMA foreign_keys")) == 1


def test_database_url_prefers_the_option_then_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("FICLENS_DB", str(tmp_path / "env.db"))
    assert database_url("sqlite:///given.db") == "sqlite:///given.db"
    assert database_url(str(tmp_path / "plain.db")) == f"sqlite:///{tmp_path / 'plain.db'}"
    assert database_url() == f"sqlite:///{tmp_path / 'env.db'}"
    monkeypatch.delenv("FICLENS_DB")
    assert database_url() == f"sqlite:///{default_database_path()}"
    assert default_database_path().name == "library.db"
    assert database_url("postgresql://u:p@host/db") == "postgresql+psycopg://u:p@host/db"


def test_a_sqlite_file_gets_its_folder(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "er" / "lib.db"
    with open_library(str(target)):
        pass
    assert target.is_file()


def test_an_unknown_database_is_a_clear_error() -> None:
    with pytest.raises(DatabaseError, match=r"nosuchdb://x: cannot use this database"):
        open_library("nosuchdb://x")


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder")
    with pytest.raises(DatabaseError, match="cannot create its folder"):
        open_library(str(blocker / "lib.db"))


def test_a_folder_given_as_the_library_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match=r"a folder, not a library file"):
        open_library(str(tmp_path))


def test_a_schema_from_a_newer_ficlens_is_refused(tmp_path: Path) -> None:
    url = str(tmp_path / "lib.db")
    with open_library(url) as library, library.sessions.begin() as session:
        session.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(DatabaseError, match="newer FicLens"):
        open_library(url)


_INSERT_WORK = text(
    "INSERT INTO works (sha256, title, authors, source_path, source_format, source_flavour, "
    "words, chapter_count, language, added_at, updated_at, methods, analysis, notes_text, "
    "text) VALUES (:sha, 'T', '[]', 'f.txt', 'text', 'plain', 1, 1, :language, "
    "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, '{}', '{}', '', 'x')"
)
_INSERT_WORK_TAG = text("INSERT INTO work_tags (work_id, tag_id, source) VALUES (:w, :t, :s)")


def test_the_language_codes_revision_rewrites_stored_names(db_url: str) -> None:
    engine = create_library_engine(db_url)
    migrate(engine, "0003")
    with engine.begin() as connection:
        for number, language in enumerate(("English", "Deutsch", "en", "Klingon", None)):
            connection.execute(_INSERT_WORK, {"sha": f"{number:064d}", "language": language})
    migrate(engine)
    with engine.connect() as connection:
        stored = connection.scalars(text("SELECT language FROM works ORDER BY sha256")).all()
    engine.dispose()
    assert stored == ["en", "de", "en", "Klingon", None]


def test_the_crossover_revision_counts_canons_among_stored_fandom_tags(db_url: str) -> None:
    works = {  # fandom tags per work: (name, source)
        "one canon, two tags": [("Marvel Cinematic Universe", "declared"),
                                ("Captain America (Movies)", "declared")],
        "two canons": [("Naruto", "declared"), ("Sherlock (TV)", "declared")],
        "one declared, one detected": [("Sherlock", "declared"), ("Sherlock (TV)", "detected")],
        "two detected packs": [("Naruto", "detected"), ("Harry Potter - J. K. Rowling",
                                                         "detected")],
        "no fandom": [],
    }  # fmt: skip
    engine = create_library_engine(db_url)
    migrate(engine, "0004")
    with engine.begin() as connection:
        names = sorted({name for tags in works.values() for name, _ in tags})
        for tag_id, name in enumerate(names, 1):
            connection.execute(
                text("INSERT INTO tags (id, type, name, key) VALUES (:id, 'fandom', :n, :k)"),
                {"id": tag_id, "n": name, "k": name.casefold()},
            )
        for work_id, tags in enumerate(works.values(), 1):
            connection.execute(_INSERT_WORK, {"sha": f"{work_id:064d}", "language": None})
            for name, source in tags:
                connection.execute(
                    _INSERT_WORK_TAG, {"w": work_id, "t": names.index(name) + 1, "s": source}
                )
    migrate(engine)
    with engine.connect() as connection:
        stored = connection.scalars(text("SELECT crossover FROM works ORDER BY sha256")).all()
    engine.dispose()
    assert [bool(value) for value in stored] == [False, True, False, True, False]


def test_the_meta_tag_revision_recounts_stored_crossovers(db_url: str) -> None:
    engine = create_library_engine(db_url)
    migrate(engine, "0005")
    tags = ["Harry Potter - J. K. Rowling", "Fantastic Beasts", "Naruto"]
    with engine.begin() as connection:
        for tag_id, name in enumerate(tags, 1):
            connection.execute(
                text("INSERT INTO tags (id, type, name, key) VALUES (:id, 'fandom', :n, :k)"),
                {"id": tag_id, "n": name, "k": name.casefold()},
            )
        for work_id, tagged in enumerate(([1, 2], [1, 3]), 1):
            connection.execute(_INSERT_WORK, {"sha": f"{work_id:064d}", "language": None})
            connection.execute(text("UPDATE works SET crossover = :yes"), {"yes": True})
            for tag_id in tagged:
                connection.execute(_INSERT_WORK_TAG, {"w": work_id, "t": tag_id, "s": "declared"})
    migrate(engine)
    with engine.connect() as connection:
        stored = connection.scalars(text("SELECT crossover FROM works ORDER BY sha256")).all()
    engine.dispose()
    assert [bool(value) for value in stored] == [False, True]  # the Wizarding World is one canon


def test_the_relationship_keys_revision_merges_the_forms_of_one_pairing(db_url: str) -> None:
    tags = [  # (type, name): two forms of one pairing, a romance of the same two, a character
        ("relationship", "Natasha Romanov & Steve Rogers"),
        ("relationship", "Steve Rogers & Natasha Romanov (Marvel)"),
        ("relationship", "Natasha Romanov/Steve Rogers"),
        ("character", "Natasha Romanov (Marvel)"),
    ]
    links = [(1, 1, "declared"), (1, 2, "detected"), (2, 2, "detected"), (2, 3, "declared"),
             (2, 4, "detected")]  # fmt: skip
    engine = create_library_engine(db_url)
    migrate(engine, "0006")
    with engine.begin() as connection:
        for tag_id, (kind, name) in enumerate(tags, 1):
            connection.execute(
                text("INSERT INTO tags (id, type, name, key) VALUES (:id, :type, :n, :k)"),
                {"id": tag_id, "type": kind, "n": name, "k": name.casefold()},
            )
        for work_id in (1, 2):
            connection.execute(_INSERT_WORK, {"sha": f"{work_id:064d}", "language": None})
        for work_id, tag_id, source in links:
            connection.execute(_INSERT_WORK_TAG, {"w": work_id, "t": tag_id, "s": source})
    migrate(engine)
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT id, name, key FROM tags ORDER BY id")).all()
        linked = connection.execute(
            text("SELECT work_id, tag_id, source FROM work_tags ORDER BY work_id, tag_id, source")
        ).all()
    downgrade(engine, "0006")
    with engine.connect() as connection:
        folded = connection.scalars(text("SELECT key FROM tags ORDER BY id")).all()
    engine.dispose()
    assert [tuple(row) for row in stored] == [
        (1, "Natasha Romanov & Steve Rogers", "natasha romanov & steve rogers"),
        (3, "Natasha Romanov/Steve Rogers", "natasha romanov/steve rogers"),
        (4, "Natasha Romanov (Marvel)", "natasha romanov (marvel)"),
    ]
    assert [tuple(row) for row in linked] == [
        (1, 1, "declared"), (1, 1, "detected"), (2, 1, "detected"), (2, 3, "declared"),
        (2, 4, "detected"),
    ]  # fmt: skip
    assert folded == [
        "natasha romanov & steve rogers", "natasha romanov/steve rogers", "natasha romanov (marvel)"
    ]  # fmt: skip
