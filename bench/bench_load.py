"""Load test: the web app under concurrent readers, on SQLite and on PostgreSQL, on loopback.

A generated library of ``--works`` works (``bench_library.build_library``) is served by
``ficlens serve`` in a subprocess on 127.0.0.1 (1 or ``--workers`` server processes); then
``--clients`` threads send ``--requests`` requests in all (stopping early after ``--seconds``),
a mix of the four things readers do most:

- ``list``: the works index, newest first;
- ``filter``: the index with an included fandom and rating, an excluded warning and a word
  range;
- ``search``: full-text search for one or two words;
- ``read``: one chapter of a random work (which also saves the reading position: a write).

It prints requests/s, the error rate (any answer but 200, or no answer) and p50/p95 latency per
kind, for SQLite with one server process and PostgreSQL (a throwaway server, needs root) with
one and with ``--workers``. Bounded in requests and time, loopback only; figures are printed,
never asserted.

Run: ``.venv/bin/python bench/bench_load.py [--works 2000] [--requests 2000] [--clients 8]
[--workers 2] [--seconds 60]``.
"""

from __future__ import annotations

import argparse
import http.client
import random
import statistics
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from urllib.parse import quote, urlencode

from bench_library import FANDOMS, RATINGS, build_library, vocabulary

from ficlens.library import open_library
from ficlens.library.throwaway import throwaway_postgres, unavailable
from ficlens.web.process import serve_in_subprocess


def paths(rng: random.Random, works: int, words: list[str]) -> Iterator[tuple[str, str]]:
    """An endless mix of (kind, path) requests."""
    while True:
        kind = rng.choice(("list", "filter", "search", "read"))
        if kind == "list":
            yield kind, "/"
        elif kind == "filter":
            query = {
                "include_fandom": rng.choice(FANDOMS),
                "include_rating": rng.choice(RATINGS),
                "exclude_warning": "Major Character Death",
                "words_min": "1000",
            }
            yield kind, "/?" + urlencode(query)
        elif kind == "search":
            terms = " ".join(rng.choice(words) for _ in range(rng.randint(1, 2)))
            yield kind, "/search?q=" + quote(terms)
        else:
            yield kind, f"/works/{rng.randint(1, works)}/chapters/1"


def load(port: int, works: int, requests: int, clients: int, seconds: float) -> None:
    """Send the requests from ``clients`` threads; print the figures."""
    words = vocabulary()
    lock = threading.Lock()
    plan = paths(random.Random(11), works, words)
    samples: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    sent = 0
    started = time.perf_counter()

    def client() -> None:
        nonlocal sent
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while True:
            with lock:
                if sent >= requests or time.perf_counter() - started > seconds:
                    break
                sent += 1
                kind, path = next(plan)
            begin = time.perf_counter()
            try:
                connection.request("GET", path)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok = False
            elapsed = (time.perf_counter() - begin) * 1000
            with lock:
                samples[kind].append(elapsed)
                errors[kind] += not ok
        connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    total = sum(len(v) for v in samples.values())
    failed = sum(errors.values())
    print(f"    {total} requests in {wall:.1f} s: {total / wall:.1f} requests/s, "
          f"errors {failed} ({failed / max(total, 1):.1%})")  # fmt: skip
    for kind in ("list", "filter", "search", "read"):
        values = samples[kind]
        if len(values) >= 2:
            p95 = statistics.quantiles(values, n=20)[18]
            print(f"    {kind:<7} {len(values):5d}  p50 {statistics.median(values):7.1f} ms   "
                  f"p95 {p95:7.1f} ms   errors {errors[kind]}")  # fmt: skip


def main() -> None:
    """Build the libraries, serve them, load them."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n", 1)[0])
    parser.add_argument("--works", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--max-words", type=int, default=4000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        setups = [("sqlite", str(Path(folder) / "load.db"), 1)]
        reason = unavailable()
        if reason is None:
            server = stack.enter_context(throwaway_postgres())
            url = server.create_database("load")
            setups += [("postgresql", url, 1), ("postgresql", url, args.workers)]
        else:
            print(f"PostgreSQL skipped: {reason}")
        built: set[str] = set()
        for backend, url, workers in setups:
            if url not in built:
                with open_library(url) as library:
                    spent = build_library(library, args.works, random.Random(3), args.max_words)
                print(f"{backend}: {args.works} generated works stored in {spent:.0f} s")
                built.add(url)
            print(f"  {backend}, {workers} server process(es), {args.clients} clients")
            with serve_in_subprocess(url, workers=workers) as port:
                load(port, args.works, args.requests, args.clients, args.seconds)


if __name__ == "__main__":
    main()
