"""Library backends: every database test runs on SQLite and on a throwaway PostgreSQL server.

The PostgreSQL server (``postgres_server``) is started once per session as in
``RECIPES.md``: ``initdb`` and ``pg_ctl`` as the ``postgres`` user in a temporary folder, on a
free port of 127.0.0.1, stopped at the end. It needs root and the Debian ``postgresql``
package (``make postgresql``); otherwise the PostgreSQL cases skip, saying why. Each test
(``db_url``) or test module (``module_db_url``) gets a fresh database.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from ficlens.api import analyze
from ficlens.demo.build import WORKS_DIR
from ficlens.ingest import read_bytes
from ficlens.library import Library, add_or_update
from ficlens.structure import build_work

BACKENDS = ["sqlite", "postgresql"]
_names = itertools.count(1)


@dataclass(frozen=True)
class PostgresServer:
    """A running throwaway server: its port and how to make a fresh database on it."""

    port: int

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database's SQLAlchemy URL."""
        import psycopg

        name = f"ficlens_test_{os.getpid()}_{next(_names)}"
        dsn = f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """A PostgreSQL server for the whole session, stopped at the end."""
    binaries = _binaries()
    if binaries is None:
        pytest.skip("PostgreSQL is not installed (make postgresql, as root, installs it)")
    if os.geteuid() != 0:
        pytest.skip("starting a throwaway PostgreSQL server needs root (to run it as postgres)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed")
    folder = Path(tempfile.mkdtemp(prefix="ficlens-pg-"))
    shutil.chown(folder, "postgres")
    data, port = folder / "data", _free_port()
    pg_ctl = [str(binaries / "pg_ctl"), "-D", str(data)]
    subprocess.run(
        [str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
         "-E", "UTF8", "--locale=C.UTF-8"],
        user="postgres", check=True, capture_output=True, cwd=folder,
    )  # fmt: skip
    options = f"-k {folder} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(
        [*pg_ctl, "-l", str(folder / "pg.log"), "-w", "-o", options, "start"],
        user="postgres", check=True, capture_output=True, cwd=folder,
    )  # fmt: skip
    try:
        yield PostgresServer(port)
    finally:
        stop = [*pg_ctl, "-m", "fast", "-w", "stop"]
        subprocess.run(stop, user="postgres", capture_output=True, cwd=folder, check=False)
        shutil.rmtree(folder, ignore_errors=True)


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
