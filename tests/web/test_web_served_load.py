"""``ficlens serve --workers 2`` on PostgreSQL, for real: concurrent readers, no errors.

A real server (two uvicorn worker processes) over a throwaway PostgreSQL library of the demo
works, on a free loopback port; eight threads send 160 requests in all (listing, filtering,
search, reading a chapter, which writes the reading position). Bounded in requests and time;
``bench/bench_load.py`` measures the same at scale.
"""

from __future__ import annotations

import http.client
import json
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from ficlens.library import import_paths, list_works, open_library
from ficlens.library.throwaway import ThrowawayPostgres
from ficlens.web.process import serve_in_subprocess

DEMO = Path(__file__).parents[2] / "ficlens" / "demo" / "works"


@pytest.fixture(scope="module")
def served(postgres_server: ThrowawayPostgres) -> Iterator[tuple[int, list[int]]]:
    """The port of ``ficlens serve --workers 2`` over a PostgreSQL library, and its work ids."""
    url = postgres_server.create_database("served")
    with open_library(url) as library:
        assert not import_paths(library, [DEMO], nlp=False).failures
        with library.sessions() as session:
            ids = [work.id for work in list_works(session).works]
    with serve_in_subprocess(url, workers=2) as port:
        yield port, ids


@pytest.mark.slow
def test_two_server_processes_answer_concurrent_readers(served: tuple[int, list[int]]) -> None:
    port, ids = served
    paths = [
        "/",
        "/?include_fandom=Naruto&exclude_warning=Major+Character+Death&words_min=100",
        "/search?q=rain",
        *(f"/works/{i}/chapters/1" for i in ids),
    ]
    statuses: Counter[int] = Counter()
    lock = threading.Lock()

    def reader(offset: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for n in range(20):
            connection.request("GET", paths[(offset + n) % len(paths)])
            response = connection.getresponse()
            response.read()
            with lock:
                statuses[response.status] += 1
        connection.close()

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert statuses == Counter({200: 160})


def get(port: int, path: str) -> tuple[int, str]:
    """One request on a new connection (so it may reach either process)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


@pytest.mark.slow
def test_the_processes_share_one_database(served: tuple[int, list[int]]) -> None:
    # a reading position saved through one process is seen by the other
    port, ids = served
    works = [json.loads(get(port, f"/api/works/{i}")[1]) for i in ids]
    work = next(w for w in works if w["chapters"] >= 2)
    for chapter in (1, 2, 1, 2, 1, 2):
        assert get(port, f"/works/{work['id']}/chapters/{chapter}")[0] == 200
        status, body = get(port, f"/api/works/{work['id']}")
        assert status == 200
        assert json.loads(body)["reading_position"]["chapter"] == chapter
