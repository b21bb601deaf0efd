"""Benchmark: the "before you read" stage against a plain word count of the same text.

Builds a long fic from the demo stories (as ``bench_structure.py`` does), then times in one
process: a baseline that counts the story's words, the content stage alone
(``ficlens.content.analyze_content``: signals, rating, warnings, tags, summary; no cast), and
the whole analysis without spaCy (``ficlens.analyze(work, nlp=False)``). Prints words/s, the
ratio to the baseline's time and the content stage's peak memory (tracemalloc).

Run: ``.venv/bin/python bench/bench_content.py [--words N]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import ficlens
from ficlens.content import analyze_content
from ficlens.dialogue import story_paragraphs
from ficlens.stats import count_words

sys.path.insert(0, str(Path(__file__).parent))
from bench_structure import long_fic


def timed(run: Callable[[], object], repeat: int = 3) -> float:
    """The best of ``repeat`` wall-clock times of ``run``."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000, help="length of the long fic")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.txt"
        path.write_text(long_fic(args.words), encoding="utf-8")
        work = ficlens.read(path)
        paragraphs = story_paragraphs(work)
        words = sum(count_words(p.of(work.text)) for p in paragraphs)
        analyze_content(work, paragraphs)  # load the models once, outside the timings
        base = timed(lambda: sum(count_words(p.of(work.text)) for p in paragraphs))
        content = timed(lambda: analyze_content(work, paragraphs))
        whole = timed(lambda: ficlens.analyze(ficlens.read(path), nlp=False), repeat=2)
        tracemalloc.start()
        analyze_content(work, paragraphs)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    print(f"story: {words:,} words, {len(work.text):,} characters")
    for name, seconds in (
        ("baseline: count words", base),
        ("content stage", content),
        ("read + structure + fandoms + content", whole),
    ):
        print(
            f"{name:38s} {seconds:7.3f} s  {words / seconds:12,.0f} words/s  {seconds / base:6.1f}×"
        )
    print(
        f"content stage peak memory: {peak / 2**20:.1f} MiB ({peak / len(work.text):.1f}× the text)"
    )


if __name__ == "__main__":
    main()
