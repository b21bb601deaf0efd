"""The throwaway PostgreSQL server the tests and benchmarks use, and a library across restarts."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from ficlens.library import open_library
from ficlens.library.throwaway import ThrowawayPostgres, unavailable


def test_unavailable_says_why_or_nothing() -> None:
    reason = unavailable()
    assert reason is None or "PostgreSQL" in reason


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
