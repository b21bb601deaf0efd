"""The throwaway PostgreSQL server the tests and benchmarks use, and a library across restarts."""

from __future__ import annotations

import glob
import os
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from ficlens.library import open_library, throwaway
from ficlens.library.throwaway import ThrowawayPostgres, unavailable


def test_unavailable_says_why_or_nothing() -> None:
    installed = bool(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    usable = installed and os.geteuid() == 0
    reason = unavailable()
    if usable:
        assert reason is None
    else:
        assert reason is not None and "PostgreSQL" in reason


def test_unavailable_says_postgresql_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(throwaway, "binaries", lambda: None)
    reason = unavailable()
    assert reason == "PostgreSQL is not installed (make postgresql, as root, installs it)"


def test_unavailable_says_root_is_needed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(throwaway, "binaries", lambda: Path("/usr/lib/postgresql/16/bin"))
    monkeypatch.setattr(os, "geteuid", lambda: 1000)
    reason = unavailable()
    assert reason == "starting a throwaway PostgreSQL server needs root (to run it as postgres)"


def test_a_library_survives_a_server_restart(postgres_server: ThrowawayPostgres) -> None:
    with open_library(postgres_server.create_database("restart")) as library:
        with library.sessions() as session:
            assert session.execute(text("SELECT 1")).scalar() == 1
        postgres_server.stop()
        try:
            with pytest.raises(OperationalError), library.sessions() as s:
                s.execute(text("SELECT 1"))
        finally:
            postgres_server.start()
        # the pooled connection died with the server; the pool pings and replaces it
        with library.sessions() as session:
            assert session.execute(text("SELECT 1")).scalar() == 1
