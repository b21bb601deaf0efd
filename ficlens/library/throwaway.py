"""A throwaway PostgreSQL server for tests and benchmarks (never for keeping data).

Debian's ``initdb`` and ``pg_ctl`` run as the ``postgres`` user in a temporary folder, on a
free port of 127.0.0.1 with ``fsync`` off; :func:`throwaway_postgres` stops the server and
removes the folder at the end. It needs root (to run as ``postgres``) and the ``postgresql``
package (``make postgresql``); :func:`unavailable` says why it cannot run, if it cannot.

Example:
    >>> with throwaway_postgres() as server:                         # doctest: +SKIP
    ...     library = open_library(server.create_database())
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

_names = itertools.count(1)


@dataclass(frozen=True)
class ThrowawayPostgres:
    """A running throwaway server: its port, folder and binaries."""

    port: int
    folder: Path
    binaries: Path

    def url(self, database: str = "postgres") -> str:
        """The SQLAlchemy URL of a database on this server."""
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "ficlens") -> str:
        """A new empty database's SQLAlchemy URL."""
        import psycopg  # noqa: PLC0415 (a dependency, loaded only here)

        name = f"{prefix}_{os.getpid()}_{next(_names)}"
        dsn = f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Stop the server (fast shutdown: open connections are cut)."""
        self._ctl("-m", "fast", "-w", "stop")

    def start(self) -> None:
        """Start the server again on the same port and data."""
        options = f"-k {self.folder} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._ctl("-l", str(self.folder / "pg.log"), "-w", "-o", options, "start")

    def _ctl(self, *args: str) -> None:
        command = [str(self.binaries / "pg_ctl"), "-D", str(self.folder / "data"), *args]
        subprocess.run(command, user="postgres", check=True, capture_output=True, cwd=self.folder)


def binaries() -> Path | None:
    """The newest installed PostgreSQL's binaries folder, if any."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def unavailable() -> str | None:
    """Why a throwaway server cannot start here, or ``None`` when it can."""
    if binaries() is None:
        return "PostgreSQL is not installed (make postgresql, as root, installs it)"
    if os.geteuid() != 0:
        return "starting a throwaway PostgreSQL server needs root (to run it as postgres)"
    return None


@contextmanager
def throwaway_postgres() -> Iterator[ThrowawayPostgres]:
    """Start a throwaway server; stop it and delete its data at the end.

    Raises:
        RuntimeError: it cannot run here (see :func:`unavailable`).
    """
    reason = unavailable()
    found = binaries()
    if reason is not None or found is None:
        raise RuntimeError(reason or "PostgreSQL is not installed")
    folder = Path(tempfile.mkdtemp(prefix="ficlens-pg-"))
    shutil.chown(folder, "postgres")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    server = ThrowawayPostgres(port, folder, found)
    subprocess.run(
        [str(found / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", "postgres",
         "-E", "UTF8", "--locale=C.UTF-8"],
        user="postgres", check=True, capture_output=True, cwd=folder,
    )  # fmt: skip
    try:
        server.start()
        yield server
    finally:
        with suppress(subprocess.CalledProcessError):  # already stopped
            server.stop()
        shutil.rmtree(folder, ignore_errors=True)
