"""Benchmark: the library's import throughput and its listing and search latency.

1. Import: the 25 demo files (five formats of five stories) read, analysed with NLP off and
   stored, into a fresh SQLite file each round; prints files/s for the whole import and for
   storage alone (``add_or_update`` of analyses made beforehand).
2. Browse: a generated library of ``--works`` works (synthetic analyses with text, chapters and
   AO3-style tags, stored through the repository), then p50/p95 latency of filtered listings,
   the tag sidebar and full-text search over random queries.

Run: ``.venv/bin/python bench/bench_library.py [--works N] [--rounds R] [--queries Q]
[--backend sqlite|postgresql|both] [--max-words W] [--skip-import]``; ``postgresql`` starts a
throwaway server (:mod:`ficlens.library.throwaway`, needs root and Debian's postgresql).
Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from pathlib import Path

from sqlalchemy import text

from ficlens.api import analyze
from ficlens.ingest import read_bytes
from ficlens.library import (
    Library,
    WorkFilter,
    add_or_update,
    import_paths,
    list_works,
    open_library,
    search,
    tag_counts,
)
from ficlens.library.throwaway import throwaway_postgres
from ficlens.model import (
    Analysis,
    Chapter,
    Content,
    ContentWarning,
    Metadata,
    Rating,
    Scene,
    Source,
    Span,
    Tag,
    Work,
)
from ficlens.structure import build_work

DEMO = Path(__file__).parent.parent / "ficlens" / "demo" / "works"
RATINGS = ("General Audiences", "Teen And Up Audiences", "Mature", "Explicit")
WARNINGS = ("No Archive Warnings Apply", "Graphic Depictions Of Violence", "Major Character Death")
CATEGORIES = ("Gen", "F/M", "M/M", "F/F", "Multi", "Other")
FANDOMS = tuple(f"Fandom {n}" for n in range(30))
PER_TRANSACTION = 100


def import_rounds(rounds: int) -> None:
    """Import the demo folder into fresh databases; storage alone timed separately."""
    files = sorted(DEMO.iterdir())
    analyses = [
        analyze(build_work(read_bytes(p.read_bytes(), path=str(p))), nlp=False) for p in files
    ]
    whole, store = [], []
    with tempfile.TemporaryDirectory() as folder:
        for number in range(rounds):
            with open_library(str(Path(folder) / f"import{number}.db")) as library:
                start = time.perf_counter()
                report = import_paths(library, [DEMO], nlp=False)
                whole.append(time.perf_counter() - start)
                assert not report.failures, report.failures
            with open_library(str(Path(folder) / f"store{number}.db")) as library:
                start = time.perf_counter()
                for analysis in analyses:
                    with library.sessions.begin() as session:
                        add_or_update(session, analysis)
                store.append(time.perf_counter() - start)
    best, best_store = min(whole), min(store)
    print(f"import  {len(files)} demo files, NLP off, best of {rounds}: {best:.2f} s "
          f"({len(files) / best:.1f} files/s)")  # fmt: skip
    print(f"store   {len(files)} analyses (add_or_update only): {best_store * 1000:.0f} ms "
          f"({len(files) / best_store:.0f} works/s, "
          f"{best_store / len(files) * 1000:.1f} ms a work)")  # fmt: skip


def vocabulary() -> list[str]:
    """The words of the demo stories: generated text reads like fic to the tokenizer."""
    text = " ".join(
        (DEMO / f"{name}.txt").read_text() for name in ("rain-on-the-bridge", "tea-at-baker-street")
    )
    stripped = (word.strip(".,;:!?\"'()") for word in text.split())
    return [word for word in stripped if word.isalpha()]


def synthetic(
    number: int,
    rng: random.Random,
    words: list[str],
    pools: dict[str, list[str]],
    max_words: int = 8000,
) -> Analysis:
    """A made-up analysed work: one chapter of 500 to ``max_words`` words, declared and detected
    tags."""
    picked = rng.choices(words, k=rng.randint(min(500, max_words), max_words))
    text = "\n\n".join(" ".join(picked[at : at + 60]) + "." for at in range(0, len(picked), 60))
    scene = Scene(1, Span(0, len(text)), (Span(0, len(text)),))
    chapter = Chapter(1, None, Span(0, len(text)), None, "chapter", 1, (scene,))
    sample = {k: tuple(rng.sample(v, rng.randint(1, 3))) for k, v in pools.items()}
    metadata = Metadata(
        title=f"Generated Work {number}",
        authors=(f"author{rng.randint(1, 400)}",),
        rating=rng.choice(RATINGS),
        warnings=(rng.choice(WARNINGS),),
        categories=(rng.choice(CATEGORIES),),
        fandoms=sample["fandom"][:1],
        characters=sample["character"],
        relationships=sample["relationship"][:1],
        freeforms=sample["freeform"],
        status=rng.choice(("complete", "in_progress")),
        source_url=f"https://example.org/works/{number}",
    )
    digest = hashlib.sha256(f"{number}{text}".encode()).hexdigest()
    source = Source(f"generated/{number}.txt", "text", "plain", digest, len(text))
    content = Content(
        rating=Rating(rng.choice(RATINGS), None, 0.9),
        warnings=(ContentWarning(rng.choice(WARNINGS), "ao3", 0.8),),
        tags=tuple(Tag(name, 0.5) for name in rng.sample(pools["freeform"], 2)),
    )
    work = Work(text, metadata, source, (), (chapter,))
    return Analysis(work, (("structure", "bench.synthetic.v1"),), content=content)


def database_mib(library: Library) -> float:
    """A PostgreSQL database's size on disk, in MiB."""
    with library.engine.connect() as connection:
        size = connection.execute(text("SELECT pg_database_size(current_database())")).scalar()
    return float(size or 0) / 2**20


def build_library(library: Library, count: int, rng: random.Random, max_words: int) -> float:
    """Store ``count`` synthetic works, 100 a transaction; returns the seconds storage took."""
    words = vocabulary()
    pools = {
        "fandom": list(FANDOMS),
        "character": [f"Character {n}" for n in range(300)],
        "relationship": [f"Character {n}/Character {n + 1}" for n in range(150)],
        "freeform": [f"Trope {n}" for n in range(400)],
    }
    spent = 0.0
    for first in range(0, count, PER_TRANSACTION):
        batch = [
            synthetic(number, rng, words, pools, max_words)
            for number in range(first, min(count, first + PER_TRANSACTION))
        ]
        start = time.perf_counter()
        with library.sessions.begin() as session:
            for analysis in batch:
                add_or_update(session, analysis)
        spent += time.perf_counter() - start
    return spent


def latency(action: Callable[[], object], times: int) -> tuple[float, float]:
    """p50 and p95 of ``times`` calls, in milliseconds."""
    samples = []
    for _ in range(times):
        start = time.perf_counter()
        action()
        samples.append((time.perf_counter() - start) * 1000)
    cuts = statistics.quantiles(samples, n=20)
    return statistics.median(samples), cuts[18]


def browse(count: int, queries: int, backend: str, max_words: int) -> None:
    """Time listings, the sidebar and search on a generated library of one backend."""
    rng = random.Random(20261201)
    words = vocabulary()
    with tempfile.TemporaryDirectory() as folder, ExitStack() as stack:
        path = Path(folder) / "browse.db"
        if backend == "postgresql":
            url = stack.enter_context(throwaway_postgres()).create_database("bench")
        else:
            url = str(path)
        with open_library(url) as library:
            spent = build_library(library, count, rng, max_words)
            size = path.stat().st_size / 2**20 if backend == "sqlite" else database_mib(library)
            print(f"{backend}: built {count} generated works in {spent:.1f} s "
                  f"({count / spent:.0f} works/s, {size:.0f} MiB)")  # fmt: skip

            def filtered() -> WorkFilter:
                return WorkFilter(
                    include={"fandom": [rng.choice(FANDOMS)],
                             "rating": [rng.choice(RATINGS)]},
                    exclude={"warning": ["Major Character Death"]},
                    words_min=rng.choice((None, 1000)),
                    words_max=rng.choice((None, 6000)),
                )  # fmt: skip

            with library.sessions() as session:
                cases: list[tuple[str, Callable[[], object]]] = [
                    ("list, no filter, -updated", lambda: list_works(session)),
                    ("list, 2 included + 1 excluded tag + words, -words",
                     lambda: list_works(session, filtered(), sort="-words")),
                    ("tag sidebar, filtered, top 10 a type",
                     lambda: tag_counts(session, filtered(), limit=10)),
                    ("tag sidebar, whole library", lambda: tag_counts(session, limit=10)),
                    ("search, one word",
                     lambda: search(session, rng.choice(words), limit=20)),
                    ("search, two words",
                     lambda: search(session, f"{rng.choice(words)} {rng.choice(words)}")),
                    ("search, phrase",
                     lambda: search(session, f'"{rng.choice(words)} {rng.choice(words)}"')),
                ]  # fmt: skip
                for name, action in cases:
                    p50, p95 = latency(action, queries)
                    print(f"  {name:<52} p50 {p50:7.2f} ms   p95 {p95:7.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--works", type=int, default=2000, help="size of the generated library")
    parser.add_argument("--rounds", type=int, default=3, help="fresh imports of the demo works")
    parser.add_argument("--queries", type=int, default=200, help="timed calls per case")
    parser.add_argument(
        "--backend", choices=("sqlite", "postgresql", "both"), default="sqlite",
        help="the generated library's database (postgresql: a throwaway server, needs root)",
    )  # fmt: skip
    parser.add_argument("--max-words", type=int, default=8000, help="longest generated work")
    parser.add_argument("--skip-import", action="store_true", help="only the browse part")
    args = parser.parse_args()
    if not args.skip_import:
        import_rounds(args.rounds)
    for backend in ("sqlite", "postgresql") if args.backend == "both" else (args.backend,):
        browse(args.works, args.queries, backend, args.max_words)


if __name__ == "__main__":
    main()
