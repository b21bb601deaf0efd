"""Fixtures for the web tests: one temporary library of the demo works plus a hostile work.

The library is built once per session (the import runs with NLP off, so it takes about a
second) and shared read-mostly; tests that write (reading position, cookies) use their own
work or check only what they wrote.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from ficlens.library import import_paths, open_library
from ficlens.web import create_app

DEMO = Path(__file__).parents[2] / "ficlens" / "demo" / "works"

# A fic whose text holds markup-like text and whose title tries to climb out of a folder.
HOSTILE_HTML = """<!doctype html>
<html><head><title>../"evil' Title</title></head>
<body>
<h1>../"evil' Title</h1>
<p>by <a rel="author" href="/users/x">mallory</a></p>
<h2>Chapter 1: Payload</h2>
<p>Mallory typed &lt;script&gt;alert(1)&lt;/script&gt; into the window and waited.</p>
<p>Nothing happened, which was the whole point of the exercise, and the zebra yawned.</p>
<p>"Escape everything," said the auditor. "Always."</p>
</body></html>
"""


def build_library(folder: Path) -> str:
    """Import the demo works and the hostile work into a new SQLite library in ``folder``."""
    hostile = folder / "hostile.html"
    hostile.write_text(HOSTILE_HTML, encoding="utf-8")
    db = str(folder / "library.db")
    with open_library(db) as library:
        report = import_paths(library, [DEMO, hostile], nlp=False)
    assert not report.failures, report.failures
    return db


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A SQLite library file holding the five demo works and the hostile work."""
    return build_library(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="session")
def make_web_db(tmp_path_factory: pytest.TempPathFactory) -> Callable[[], str]:
    """Build another such library, for tests that must start from unread works."""
    return lambda: build_library(tmp_path_factory.mktemp("web"))


@pytest.fixture(scope="session")
def client(web_db: str) -> Iterator[TestClient]:
    """A test client over the web app on that library."""
    with TestClient(create_app(web_db)) as test_client:
        yield test_client
