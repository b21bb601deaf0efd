"""Fixtures for the batch tests: a small corpus (see ``batch_corpus``) and library databases.

``backend`` and ``fresh_url`` give databases on SQLite and on a throwaway PostgreSQL server
(:mod:`ficlens.library.throwaway`), as ``tests/library/conftest.py`` does.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from batch_corpus import broken_files, copy_demo

from ficlens.library.throwaway import ThrowawayPostgres

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The database the test runs on: ``sqlite`` or ``postgresql``."""
    return str(request.param)


@pytest.fixture
def fresh_url(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Callable[[], str]:
    """``fresh_url()``: a new empty database of the current backend, each call another."""
    made = 0

    def make() -> str:
        nonlocal made
        made += 1
        if backend == "postgresql":
            server: ThrowawayPostgres = request.getfixturevalue("postgres_server")
            return server.create_database("ficlens_batch")
        return f"sqlite:///{tmp_path / f'library-{made}.db'}"

    return make


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Eight demo works, one of them twice under another name, and three broken files."""
    folder = tmp_path / "corpus"
    copy_demo(folder)
    shutil.copy(folder / "tea-at-baker-street.txt", folder / "zz-same-tea-again.txt")
    broken_files(folder)
    return folder
