"""Library backends: every database test runs on SQLite and on a throwaway PostgreSQL server.

The PostgreSQL server (``postgres_server``) is started once per session by
:func:`ficlens.library.throwaway.throwaway_postgres` (``initdb`` and ``pg_ctl`` as the
``postgres`` user in a temporary folder, on a free port of 127.0.0.1, stopped at the end). It
needs root and the Debian ``postgresql`` package (``make postgresql``); otherwise the
PostgreSQL cases skip, saying why. Each test
(``db_url``) or test module (``module_db_url``) gets a fresh database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

from ficlens.api import analyze
from ficlens.demo.build import WORKS_DIR
from ficlens.ingest import read_bytes
from ficlens.library import Library, add_or_update
from ficlens.library.throwaway import ThrowawayPostgres
from ficlens.structure import build_work

BACKENDS = ["sqlite", "postgresql"]

PostgresServer = ThrowawayPostgres
"""A running throwaway server: ``port``, ``url()``, ``create_database()``, ``stop()``,
``start()`` (see :mod:`ficlens.library.throwaway`)."""


def _fresh_url(request: pytest.FixtureRequest, backend: str, folder: Path) -> str:
    if backend == "postgresql":
        server: PostgresServer = request.getfixturevalue("postgres_server")
        return server.create_database()
    return f"sqlite:///{folder / 'lib.db'}"


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs on: ``sqlite`` or ``postgresql``."""
    return str(request.param)


@pytest.fixture
def db_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    """An empty database of the current backend, for one test."""
    return _fresh_url(request, backend, tmp_path)


@pytest.fixture(scope="module")
def module_db_url(
    request: pytest.FixtureRequest, backend: str, tmp_path_factory: pytest.TempPathFactory
) -> str:
    """An empty database of the current backend, shared by one test module."""
    return _fresh_url(request, backend, tmp_path_factory.mktemp("library"))


DEMO_STORIES = (
    "after-the-fall-of-the-tower",
    "rain-on-the-bridge",
    "tea-at-baker-street",
    "the-marauders-map-is-wrong",
)


@pytest.fixture(scope="session")
def demo_ao3_pages() -> list[tuple[str, bytes]]:
    """The four demo stories as AO3 saved them, as ``(file name, bytes)``."""
    return [(f"{s}.ao3.html", (WORKS_DIR / f"{s}.ao3.html").read_bytes()) for s in DEMO_STORIES]


@pytest.fixture(scope="session")
def store_files() -> Callable[[Library, Iterable[tuple[str, bytes]]], None]:
    """``store_files(library, files)``: analyse each file without NLP and store it."""

    def store(library: Library, files: Iterable[tuple[str, bytes]]) -> None:
        for name, data in files:
            analysis = analyze(build_work(read_bytes(data, path=name)), nlp=False)
            with library.sessions.begin() as session:
                add_or_update(session, analysis)

    return store
